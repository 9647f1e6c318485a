"""LibreOffice opens the template in every language and converts it without complaint.

A workbook Excel or LibreOffice has to "repair" would lose its dropdowns on the focal point's
machine. This runs the real client; ``make test`` installs it, so a missing ``soffice`` fails.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from systematise.schema.lang import FOCAL_LANGS, FocalLang
from systematise.template import layout

pytestmark = pytest.mark.clients

TIMEOUT_SECONDS = 120


def _convert(source: Path, target_format: str, out_dir: Path, profile: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed: run `make setup-test`"
    out_dir.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target_format,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    result = out_dir / f"{source.stem}.{target_format}"
    assert completed.returncode == 0, completed.stderr
    assert result.is_file() and result.stat().st_size > 0, completed.stdout + completed.stderr
    return result


@pytest.mark.parametrize("lang", FOCAL_LANGS)
def test_libreoffice_converts_the_template(
    template_paths: dict[FocalLang, Path], lang: FocalLang, tmp_path: Path
) -> None:
    source = template_paths[lang]
    profile = tmp_path / "profile"
    pdf = _convert(source, "pdf", tmp_path / "pdf", profile)
    assert pdf.read_bytes().startswith(b"%PDF")
    converted = _convert(source, "xlsx", tmp_path / "xlsx", profile)
    workbook = load_workbook(converted)
    initiatives = workbook[layout.SHEET_NAMES["initiatives"][lang]]
    keys = [cell.value for cell in initiatives[layout.KEY_ROW] if cell.value is not None]
    assert keys == [column.key for column in layout.initiative_columns()] + [layout.ID_KEY]
    # The dropdowns survive the round trip through LibreOffice.
    lists = [v for v in initiatives.data_validations.dataValidation if v.type == "list"]
    assert len(lists) >= 20
