"""Start-up assertion that openpyxl parses XML with defusedxml (no entities, no DTDs), not lxml."""

from __future__ import annotations

import os


class XmlDefencesError(RuntimeError):
    """openpyxl would parse workbooks without defusedxml: refuse to read any."""


def assert_xml_defences() -> None:
    """Raise :class:`XmlDefencesError` unless openpyxl uses defusedxml."""
    import openpyxl.xml

    if os.environ.get("OPENPYXL_DEFUSEDXML", "True") != "True":
        raise XmlDefencesError(
            "OPENPYXL_DEFUSEDXML is set to a value other than True: openpyxl would parse "
            "workbooks without its XML defences. Unset it."
        )
    if openpyxl.xml.LXML:
        raise XmlDefencesError(
            "openpyxl parses workbooks with lxml, which resolves entities: it was imported "
            "before systematise, or OPENPYXL_LXML was changed. Import systematise first."
        )
    if not (openpyxl.xml.DEFUSEDXML and openpyxl.xml.defusedxml_available()):
        raise XmlDefencesError(
            "defusedxml is not installed or not used by openpyxl: install the project's "
            "dependencies again."
        )
