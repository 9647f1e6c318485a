"""Settings from ``systematise.toml`` at the project root.

Every setting has a default, so the file may be absent or hold only what differs; an unknown key
anywhere is an error (a typo must not be silently ignored). All problems in the file are reported
together.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from systematise.schema.lang import Lang

CONFIG_FILE = "systematise.toml"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PerLang(_Section):
    es: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


class ReportSettings(_Section):
    title: PerLang = PerLang(
        es="Sistematización de iniciativas de los Estados Miembros para mejorar las políticas "
        "públicas sobre migración",
        en="Systematisation of Member States' initiatives to improve public policy on migration",
    )
    subtitle: PerLang = PerLang(
        es="Programa de capacitación SELA–OIM sobre datos migratorios",
        en="SELA–IOM training programme on migration data",
    )
    cycle: str = "2025"
    #: Publication date; when absent, SOURCE_DATE_EPOCH, else today.
    publication_date: dt.date | None = None
    place: PerLang = PerLang(es="Caracas, Venezuela", en="Caracas, Venezuela")
    document_reference: str = "SP/SIST-MIG/DT N° 1-25"
    organisations: PerLang = PerLang(
        es="Sistema Económico Latinoamericano y del Caribe (SELA); "
        "Organización Internacional para las Migraciones (OIM)",
        en="Latin American and Caribbean Economic System (SELA); "
        "International Organization for Migration (IOM)",
    )
    author: PerLang = PerLang(
        es="Secretaría Permanente del SELA", en="Permanent Secretariat of SELA"
    )
    keywords: PerLang = PerLang(
        es="migración; políticas públicas; datos migratorios; Pacto Mundial para la Migración",
        en="migration; public policy; migration data; Global Compact for Migration",
    )
    #: Chapters by State (default) or by main thematic area.
    group_by: Literal["country", "thematic_area"] = "country"
    #: Babel locale used for numbers and dates in each language. es_419 writes 1,234.5;
    #: plain es (Spain) writes 1.234,5.
    locale: PerLang = PerLang(es="es_419", en="en")
    licence_name: str = "CC-BY-4.0"
    licence_title: PerLang = PerLang(
        es="Creative Commons Atribución 4.0 Internacional",
        en="Creative Commons Attribution 4.0 International",
    )
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    #: Free-text personal data found by the scanner: mask it in public outputs, or fail.
    personal_data_in_text: Literal["mask", "fail"] = "mask"
    #: A note shown on the cover and legal page (e.g. that the data are illustrative).
    notice: PerLang | None = None

    def date(self) -> dt.date:
        if self.publication_date is not None:
            return self.publication_date
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.isdigit():
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        return dt.date.today()


class TemplateSettings(_Section):
    #: Who focal points send the filled-in template to (shown on the instructions sheet).
    send_to: str = "sistematizacion@sela.example.org"
    deadline: PerLang | None = None


class LimitSettings(_Section):
    """Limits applied to untrusted workbooks before and while parsing them."""

    max_file_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    max_archive_entries: int = Field(default=500, gt=0)
    max_uncompressed_bytes: int = Field(default=200 * 1024 * 1024, gt=0)
    max_compression_ratio: int = Field(default=200, gt=0)
    max_rows: int = Field(default=5000, gt=0)
    max_columns: int = Field(default=200, gt=0)
    max_cell_chars: int = Field(default=32767, gt=0)
    parse_seconds: int = Field(default=60, gt=0)
    parse_memory_mb: int = Field(default=1024, gt=0)


class PathSettings(_Section):
    submissions: Path = Path("submissions")
    output: Path = Path("output")
    content: Path = Path("content")
    translations: Path = Path("translations")


class Settings(_Section):
    report: ReportSettings = ReportSettings()
    template: TemplateSettings = TemplateSettings()
    limits: LimitSettings = LimitSettings()
    paths: PathSettings = PathSettings()


class ConfigError(Exception):
    """The settings file cannot be used; the message lists every problem found."""


def load_settings(path: Path | None = None) -> Settings:
    """Settings from ``path`` (default: ``systematise.toml`` in the working directory)."""
    path = path or Path(CONFIG_FILE)
    if not path.is_file():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        lines = [
            f"  {'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in error.errors()
        ]
        raise ConfigError(f"{path}: {len(lines)} problem(s)\n" + "\n".join(lines)) from None
