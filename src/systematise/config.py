"""Settings from ``systematise.toml``, the file that marks a project folder.

A command finds the file as git finds its repository: in the folder it runs from, else in the
nearest folder above it; the folders named in the file are relative to the file's own folder.
Every setting has a default, so the file may hold only what differs; an unknown key anywhere is
an error (a typo must not be silently ignored), and so is a locale Babel does not know. All
problems in the file are reported together (:mod:`systematise.config_problems`).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from systematise.config_problems import (
    ConfigError,
    ProjectNotFoundError,
    SettingsCode,
    SettingsProblem,
    decode_problem,
    encoding_problem,
    key_lines,
    line_of,
    validation_problems,
)
from systematise.logos import MAX_LOGO_BYTES, LogoCode, check_logo
from systematise.resources import CONFIG_FILE, find_project
from systematise.schema.lang import REPORT_LANGS, FocalLang, Lang, report_lang

__all__ = [
    "CONFIG_FILE",
    "ConfigError",
    "ProjectNotFoundError",
    "Settings",
    "find_project",
    "load_settings",
]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PerLang(_Section):
    """A text in each report language; Portuguese and French may be given too, for what
    focal points read (a template's deadline), else they read the nearest report language."""

    es: str
    en: str
    pt: str | None = None
    fr: str | None = None

    def get(self, lang: FocalLang) -> str:
        own = {"es": self.es, "en": self.en, "pt": self.pt, "fr": self.fr}[lang]
        return own if own is not None else self.get(report_lang(lang))


#: Locales offered as examples when one is not known, per report language.
LOCALE_EXAMPLES = {"es": ("es_419", "es"), "en": ("en", "en_GB")}


class LocaleSettings(_Section):
    """The Babel locale of each report language; it must be a locale of that language."""

    es: str = "es_419"
    en: str = "en"

    @field_validator("es", "en")
    @classmethod
    def _known_locale(cls, value: str, info: ValidationInfo) -> str:
        from babel import Locale

        lang = str(info.field_name)
        try:
            locale = Locale.parse(value)
        except Exception:  # Babel raises ValueError, TypeError or UnknownLocaleError
            raise PydanticCustomError(
                SettingsCode.UNKNOWN_LOCALE,
                "unknown locale {value}",
                {
                    "value": value,
                    "suggestion": _locale_suggestion(value, lang),
                    "examples": ", ".join(LOCALE_EXAMPLES[lang]),
                },
            ) from None
        if locale.language != lang:
            raise PydanticCustomError(
                SettingsCode.LOCALE_LANGUAGE,
                "locale {value} is not one of language {lang}",
                {"value": value, "lang": lang, "examples": ", ".join(LOCALE_EXAMPLES[lang])},
            )
        return value

    def get(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


def _locale_suggestion(value: str, lang: str) -> str:
    """The locale of ``lang`` that ``value`` most probably meant (``es-MX`` → ``es_MX``)."""
    import difflib

    from babel.localedata import locale_identifiers

    known = [name for name in locale_identifiers() if name.split("_")[0] == lang]
    respelt = value.strip().replace("-", "_")
    folded = {name.casefold(): name for name in known}
    if respelt.casefold() in folded:
        return folded[respelt.casefold()]
    found = difflib.get_close_matches(respelt.casefold(), list(folded), n=1, cutoff=0.85)
    return folded[found[0]] if found else ""


class LogoSettings(_Section):
    """Each language's logos, in the order of the organisations (files of the project)."""

    es: tuple[Path, ...] = ()
    en: tuple[Path, ...] = ()

    def get(self, lang: Lang) -> tuple[Path, ...]:
        return self.es if lang == "es" else self.en


#: The co-publication disclaimer of the legal page, unless the settings give another.
DISCLAIMER = PerLang(
    es="Las opiniones expresadas en esta publicación son las de los Estados Miembros y las "
    "instituciones que presentaron la información y no reflejan necesariamente las del Sistema "
    "Económico Latinoamericano y del Caribe (SELA) ni las de la Organización Internacional para "
    "las Migraciones (OIM).",
    en="The opinions expressed in this publication are those of the Member States and the "
    "institutions that submitted the information, and do not necessarily reflect the views of "
    "the Latin American and Caribbean Economic System (SELA) or of the International "
    "Organization for Migration (IOM).",
)


class ReportSettings(_Section):
    title: PerLang = PerLang(
        es="Sistematización de iniciativas de los Estados Miembros para mejorar las políticas "
        "públicas sobre migración",
        en="Systematization of Member States’ initiatives to improve public policy on migration",
    )
    #: ``{cycle}`` in the text stands for the cycle; unset, a subtitle naming the cycle.
    subtitle: PerLang | None = None
    cycle: str = "2025"
    #: Publication date; when absent, SOURCE_DATE_EPOCH, else today.
    publication_date: dt.date | None = None
    place: PerLang = PerLang(es="Caracas, Venezuela", en="Caracas, Venezuela")
    #: ``{cycle}`` and ``{yy}`` (its last two digits) stand for the cycle; unset, one derived
    #: from the cycle.
    document_reference: str | None = None
    organisations: PerLang = PerLang(
        es="Sistema Económico Latinoamericano y del Caribe (SELA); "
        "Organización Internacional para las Migraciones (OIM)",
        en="Latin American and Caribbean Economic System (SELA); "
        "International Organization for Migration (IOM)",
    )
    #: Each organisation's logo, in the order of ``organisations``: PNG, JPEG or SVG files
    #: inside the project folder (:mod:`systematise.logos`). An organisation without one is
    #: set as a wordmark on the cover.
    logos: LogoSettings = LogoSettings()
    #: The co-publication disclaimer on the legal page ("" for none).
    disclaimer: PerLang = DISCLAIMER
    author: PerLang = PerLang(
        es="Secretaría Permanente del SELA", en="Permanent Secretariat of SELA"
    )
    keywords: PerLang = PerLang(
        es="migración; políticas públicas; datos migratorios; Pacto Mundial para la Migración",
        en="migration; public policy; migration data; Global Compact for Migration",
    )
    #: Chapters by State (default) or by main thematic area.
    group_by: Literal["country", "thematic_area"] = "country"
    #: Babel locale of each language: names of months, decimal sign (es_419 1234.5, plain es
    #: 1234,5). Digit grouping and dates follow the house style (wording/house_style.py).
    locale: LocaleSettings = LocaleSettings()
    licence_name: str = "CC-BY-4.0"
    licence_title: PerLang = PerLang(
        es="Creative Commons Atribución 4.0 Internacional",
        en="Creative Commons Attribution 4.0 International",
    )
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    #: Whom readers of the landing page may write to: an e-mail address or a web address
    #: (https://...) of the publisher, never a person's own (it is published).
    contact: str | None = None
    #: Free-text personal data found by the scanner: mask it in public outputs, or fail.
    personal_data_in_text: Literal["mask", "fail"] = "mask"
    #: A note shown on the cover and legal page (e.g. that the data are illustrative).
    notice: PerLang | None = None
    #: Shown once on each fiche whose texts are shown in translation (followed by the
    #: language translated from).
    translation_label: PerLang = PerLang(es="Traducción no oficial", en="Unofficial translation")
    #: The share of the published free texts each report language must show in that language
    #: (0 to 1): below it the build warns, and with --strict it fails.
    min_translation_coverage: float = Field(default=0.9, ge=0, le=1)

    @field_validator("contact")
    @classmethod
    def _contact_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        contact_href(value)  # raises ValueError, reported as an invalid setting
        return value.strip()

    def subtitle_text(self, lang: Lang) -> str:
        """The subtitle in ``lang``, following the cycle unless set."""
        if self.subtitle is not None:
            return self.subtitle.get(lang).replace("{cycle}", self.cycle)
        if lang == "es":
            return f"Programa de capacitación SELA–OIM sobre datos migratorios, ciclo {self.cycle}"
        return f"SELA–IOM training programme on migration data, {self.cycle} cycle"

    def reference(self) -> str:
        """The document reference, following the cycle unless set."""
        template = self.document_reference or "SP/SIST-MIG/DT N° 1-{yy}"
        return template.replace("{cycle}", self.cycle).replace("{yy}", self.cycle[-2:])

    def copyright_year(self) -> str:
        """The year of the copyright line: the publication date's when set, else the cycle."""
        if self.publication_date is not None:
            return str(self.publication_date.year)
        return self.cycle

    def date(self) -> dt.date:
        if self.publication_date is not None:
            return self.publication_date
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.isdigit():
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        return dt.date.today()


def contact_href(contact: str) -> str:
    """The link of a contact setting: ``mailto:`` for an e-mail address, else the web address.

    Raises ValueError when ``contact`` is neither an e-mail address nor an http(s) address.
    """
    from urllib.parse import urlsplit

    from email_validator import EmailNotValidError, validate_email

    text = contact.strip()
    if "@" in text and "/" not in text:
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            pass
        else:
            return f"mailto:{text}"
    parts = urlsplit(text)
    spaced = any(character.isspace() for character in text)
    if parts.scheme in ("https", "http") and "." in parts.netloc and not spaced:
        return text
    raise ValueError("an e-mail address or a web address starting with https:// is expected")


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
    #: Stable initiative IDs, one YAML file per State (written by check and build).
    registry: Path = Path("registry")
    #: The editors' decisions on each State's submission (``systematise status``).
    decisions: Path = Path("decisions.yaml")
    #: Archived cycles (``systematise cycle new``): ``cycles/<year>/``.
    cycles: Path = Path("cycles")


class Settings(_Section):
    report: ReportSettings = ReportSettings()
    template: TemplateSettings = TemplateSettings()
    limits: LimitSettings = LimitSettings()
    paths: PathSettings = PathSettings()


def load_settings(path: Path | None = None) -> Settings:
    """Settings from ``path``, or from the project the working folder is in.

    An explicit ``path`` that does not exist gives the defaults. Without ``path``, no project
    raises :class:`ProjectNotFoundError`. Problems in the file raise :class:`ConfigError`.
    """
    if path is None:
        path = find_project()
        if path is None:
            raise ProjectNotFoundError(Path.cwd())
    elif not path.is_file():
        return Settings()
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8").removeprefix("\ufeff")  # Windows editors may write a BOM
    except UnicodeDecodeError as error:
        raise ConfigError(path, [encoding_problem(raw, error)]) from None
    except OSError as error:
        problem = SettingsProblem(SettingsCode.UNREADABLE, params={"detail": error.strerror or ""})
        raise ConfigError(path, [problem]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, [decode_problem(error)]) from None
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(path, validation_problems(Settings, error, text)) from None
    problems = _logo_problems(settings.report, path.parent, text)
    if problems:
        raise ConfigError(path, problems)
    return _folders_from(settings, path.parent)


def _logo_problems(report: ReportSettings, project: Path, text: str) -> list[SettingsProblem]:
    """Every logo that cannot be used (:func:`systematise.logos.check_logo`), at its line."""
    lines = key_lines(text)
    problems: list[SettingsProblem] = []
    for lang in REPORT_LANGS:
        logos = report.logos.get(lang)
        key = f"report.logos.{lang}"
        line = line_of(("report", "logos", lang), lines)
        organisations = [name for name in report.organisations.get(lang).split(";") if name.strip()]
        if len(logos) > len(organisations):
            params = {"count": str(len(logos)), "organisations": str(len(organisations))}
            problems.append(SettingsProblem(SettingsCode.LOGO_COUNT, key, line, params=params))
        for logo in logos:
            found = check_logo(logo, project)
            if found is not None:
                params = {"value": f'"{logo.as_posix()}"', "detail": found.detail}
                if found.code == LogoCode.TOO_LARGE:
                    params["limit"] = f"{MAX_LOGO_BYTES // 1024} KB"
                    params["detail"] = f"{int(found.detail) // 1024} KB"
                code = SettingsCode(found.code.value)
                problems.append(SettingsProblem(code, key, line, params=params))
    return problems


def _folders_from(settings: Settings, folder: Path) -> Settings:
    """``settings`` with its relative folders and files taken from ``folder`` (the settings
    file's)."""
    paths = settings.paths.model_dump()
    logos = settings.report.logos
    report = settings.report.model_copy(
        update={
            "logos": LogoSettings(
                es=tuple(folder / logo for logo in logos.es),
                en=tuple(folder / logo for logo in logos.en),
            )
        }
    )
    return settings.model_copy(
        update={
            "paths": PathSettings(**{name: folder / value for name, value in paths.items()}),
            "report": report,
        }
    )
