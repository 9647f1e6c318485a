"""Two builds of the same submissions give byte-identical outputs.

The first build is the shared hostile cycle (publication date from the settings), rendered in
parallel (two outputs at a time, each in a forked child). The second copies the submissions to
another folder (new paths, new file times), takes the publication date from ``SOURCE_DATE_EPOCH``
instead, and builds into another output folder one output after the other in the test's own
process: a parallel build must write what a serial one writes. Every file under the output
folder must be identical, byte for byte, and the same outputs must have been rendered.

One exception, by decision: ``build-report.json`` records how long each stage took
(``stages_seconds``), which is a fact about the run, not about the inputs. It is compared with
that one key removed.
"""

from __future__ import annotations

import calendar
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from systematise.build import build
from systematise.config import ReportSettings, Settings
from tests.hostile.cycle import PUBLICATION_DATE, hostile_build
from tests.support.files import folder_bytes

pytestmark = pytest.mark.slow

TIMINGS = "stages_seconds"


def _without_timings(data: bytes) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(data)
    report.pop(TIMINGS)
    return report


def test_two_builds_of_the_same_inputs_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = hostile_build()
    inputs = tmp_path / "elsewhere" / "submissions"
    shutil.copytree(first.submissions, inputs)
    for path in inputs.iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))
    epoch = calendar.timegm(PUBLICATION_DATE.timetuple()) + 12 * 3600
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    report = first.settings.report.model_dump()
    report["publication_date"] = None
    settings = Settings(
        report=ReportSettings.model_validate(report),
        paths=first.settings.paths,
    )
    second_output = tmp_path / "output"
    second = build([inputs], settings, second_output, workers=1)
    assert first.result.ok and second.ok
    assert sorted(second.rebuilt) == sorted(first.result.rebuilt)

    before, after = (
        {
            name: data
            for name, data in folder_bytes(output).items()
            if not name.startswith(".cache/")
        }
        for output in (first.output, second_output)
    )
    assert sorted(after) == sorted(before)
    report_name = "build-report.json"
    assert _without_timings(after.pop(report_name)) == _without_timings(before.pop(report_name))
    different = [name for name in before if before[name] != after[name]]
    assert different == []
