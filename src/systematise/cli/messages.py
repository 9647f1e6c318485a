"""The words of the command line's user errors: settings, editorial text, no project folder.

The problems are values (:mod:`systematise.config_problems`,
:mod:`systematise.wording.placeholders`); this module words them in the ``cli`` catalogues, in
the command line's language unless ``lang`` says otherwise. Each function binds the catalogue's
gettext to a local ``cli_text``, so that the catalogue extraction finds its messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from systematise.cli.texts import cli_lang
from systematise.config_problems import ConfigError, SettingsCode, SettingsProblem
from systematise.i18n import translations
from systematise.schema.lang import Lang
from systematise.wording.placeholders import ContentCode, ContentError, ContentProblem

Gettext = Callable[[str], str]

#: How a placeholder is written, shown in messages.
EXAMPLE = "{{ n_states }}"


def _gettext(lang: Lang | None) -> Gettext:
    return translations("cli", lang or cli_lang()).gettext


def settings_templates(lang: Lang | None = None) -> dict[SettingsCode, str]:
    """The message of each settings problem code."""
    cli_text = _gettext(lang)
    return {
        SettingsCode.UNREADABLE: cli_text("the file cannot be read ({detail})"),
        SettingsCode.NOT_UTF8: cli_text(
            "the file is not saved as UTF-8 text: save it again with the UTF-8 encoding"
        ),
        SettingsCode.TOML_VALUE: cli_text(
            'this value is not valid: text goes in double quotes ("…"), a date is written '
            "2025-12-15 and a number has no quotes"
        ),
        SettingsCode.TOML_TWICE: cli_text("a key or a [section] is written twice: keep one"),
        SettingsCode.TOML_HEADER: cli_text("a [section] header is not closed with ]"),
        SettingsCode.TOML_STRING: cli_text(
            "a text is not closed: end it with the same quote on the same line"
        ),
        SettingsCode.TOML_DATE: cli_text(
            "this date is not valid: write it as 2025-12-15 (year-month-day)"
        ),
        SettingsCode.TOML_KEY: cli_text(
            "expected a line of the form key = value, or a [section] header"
        ),
        SettingsCode.TOML_BACKSLASH: cli_text(
            "a backslash in a text: write it twice, or put the text in single quotes"
        ),
        SettingsCode.TOML_SYNTAX: cli_text("this is not valid TOML ({detail})"),
        SettingsCode.UNKNOWN_SECTION: cli_text("[{key}] is not a section of the settings"),
        SettingsCode.UNKNOWN_KEY: cli_text("`{key}` is not a setting"),
        SettingsCode.MISSING_KEY: cli_text("`{key}` is missing: this table needs `{name}` too"),
        SettingsCode.NOT_TEXT: cli_text("`{key}` must be text, in double quotes: {example}"),
        SettingsCode.NOT_DATE: cli_text(
            "`{key}` must be a date written 2025-12-15 (year-month-day), not {value}"
        ),
        SettingsCode.NOT_WHOLE_NUMBER: cli_text(
            "`{key}` must be a whole number, without quotes, not {value}"
        ),
        SettingsCode.NOT_NUMBER: cli_text("`{key}` must be a number, without quotes, not {value}"),
        SettingsCode.NOT_BOOLEAN: cli_text(
            "`{key}` must be true or false, without quotes, not {value}"
        ),
        SettingsCode.TOO_SMALL: cli_text("`{key}` must be greater than {limit}, not {value}"),
        SettingsCode.AT_LEAST: cli_text("`{key}` must be {limit} or more, not {value}"),
        SettingsCode.TOO_LARGE: cli_text("`{key}` must be less than {limit}, not {value}"),
        SettingsCode.AT_MOST: cli_text("`{key}` must be {limit} or less, not {value}"),
        SettingsCode.NOT_TABLE: cli_text(
            "`{key}` must be a table, not {value}: write [{key}] on a line of its own and its "
            "keys below it"
        ),
        SettingsCode.NOT_ONE_OF: cli_text("`{key}` must be one of {options}, not {value}"),
        SettingsCode.UNKNOWN_LOCALE: cli_text(
            "`{key}`: {value} is not a locale Babel knows; for example: {examples}"
        ),
        SettingsCode.LOCALE_LANGUAGE: cli_text(
            "`{key}`: {value} is not a locale of the language {lang}; for example: {examples}"
        ),
        SettingsCode.INVALID: cli_text("`{key}` is not valid ({detail}): {value}"),
        SettingsCode.LOGO_NOT_LOCAL: cli_text(
            "`{key}`: {value} is not a file: a logo must be a file of the project folder"
        ),
        SettingsCode.LOGO_OUTSIDE: cli_text(
            "`{key}`: {value} is outside the project folder: copy the logo into it"
        ),
        SettingsCode.LOGO_MISSING: cli_text("`{key}`: there is no file {value}"),
        SettingsCode.LOGO_TOO_LARGE: cli_text(
            "`{key}`: {value} is {detail}; a logo may be at most {limit}"
        ),
        SettingsCode.LOGO_NOT_IMAGE: cli_text(
            "`{key}`: {value} is not a PNG, JPEG or SVG image (judged by its content)"
        ),
        SettingsCode.LOGO_UNSAFE_SVG: cli_text(
            "`{key}`: {value} is refused: the SVG holds {detail}, which could run or fetch "
            "something; export the logo again without it, or as PNG"
        ),
        SettingsCode.LOGO_COUNT: cli_text(
            "`{key}` lists {count} logos for {organisations} organisations: one logo per "
            "organisation of [report.organisations], in its order"
        ),
    }


def _place(gettext: Gettext, source: str, line: int | None, column: int | None) -> str:
    cli_text = gettext
    if line is None:
        return source
    if column is None:
        return cli_text("{file}, line {line}").format(file=source, line=line)
    return cli_text("{file}, line {line}, column {column}").format(
        file=source, line=line, column=column
    )


def settings_problem_text(problem: SettingsProblem, lang: Lang | None = None) -> str:
    """One settings problem in words, with what the editor probably meant."""
    cli_text = _gettext(lang)
    text = settings_templates(lang)[problem.code].format(key=problem.key, **problem.params)
    if problem.section:
        hint = cli_text("`{key}` belongs in [{section}]").format(
            key=problem.suggestion, section=problem.section
        )
        text += f"; {hint}"
    elif problem.suggestion:
        shown = f"[{problem.suggestion}]"
        if problem.code != SettingsCode.UNKNOWN_SECTION:
            shown = f'"{problem.suggestion}"'
            if problem.code == SettingsCode.UNKNOWN_KEY:
                shown = f"`{problem.suggestion}`"
        text += "; " + cli_text("did you mean {suggestion}?").format(suggestion=shown)
    return text


def settings_error_text(error: ConfigError, lang: Lang | None = None) -> str:
    """Every problem of a settings file, each at its line, and where the settings are described."""
    cli_text = _gettext(lang)
    lines = [cli_text("The settings in {file} cannot be used:").format(file=error.path)]
    for problem in error.problems:
        place = _place(cli_text, str(error.path), problem.line, problem.column)
        lines.append(f"  {place}: {settings_problem_text(problem, lang)}")
    lines.append(cli_text("Every setting is described in docs/editors.md (Settings)."))
    return "\n".join(lines)


def content_templates(lang: Lang | None = None) -> dict[ContentCode, str]:
    """The message of each editorial problem code."""
    cli_text = _gettext(lang)
    return {
        ContentCode.MISSING_FILE: cli_text(
            "this editorial file is missing (only the conclusions may be left out)"
        ),
        ContentCode.NOT_UTF8: cli_text(
            "the file is not saved as UTF-8 text: save it again with the UTF-8 encoding"
        ),
        ContentCode.NO_TITLE: cli_text("the file must start with its title, a line like # Title"),
        ContentCode.UNKNOWN_NAME: cli_text("{written} is not a known figure"),
        ContentCode.NOT_A_NAME: cli_text(
            "{written}: a placeholder holds a name alone, like {example}: no filter, "
            "expression or other text"
        ),
        ContentCode.EMPTY: cli_text("{written}: a placeholder without a name"),
        ContentCode.BRACES: cli_text(
            "{written}: a placeholder has two braces on each side, like {example}"
        ),
        ContentCode.UNCLOSED: cli_text(
            "{written}: the placeholder is not closed with {close} on its line"
        ),
        ContentCode.SPLIT: cli_text("{written}: a placeholder must be written on one line"),
        ContentCode.TAG: cli_text(
            "{written}: template tags are not supported, only placeholders like {example}"
        ),
        ContentCode.STRAY: cli_text("{written}: a brace on its own"),
    }


#: The codes of brace mistakes, after which the message says how to print a brace.
_BRACE_CODES = frozenset(
    {ContentCode.BRACES, ContentCode.UNCLOSED, ContentCode.TAG, ContentCode.STRAY}
)


def content_problem_text(problem: ContentProblem, lang: Lang | None = None) -> str:
    cli_text = _gettext(lang)
    text = content_templates(lang)[problem.code].format(
        written=problem.written, example=EXAMPLE, close="}}"
    )
    if problem.suggestion:
        text += "; " + cli_text("did you mean {suggestion}?").format(suggestion=problem.suggestion)
    return text


def content_error_text(error: ContentError, lang: Lang | None = None) -> str:
    """Every problem of the editorial text at its file, line and column; the known names."""
    cli_text = _gettext(lang)
    lines = [cli_text("The build stopped: the editorial text has problems:")]
    for problem in error.problems:
        place = _place(cli_text, problem.source, problem.line, problem.column)
        lines.append(f"  {place}: {content_problem_text(problem, lang)}")
    if any(problem.code in _BRACE_CODES for problem in error.problems):
        lines.append(
            cli_text("To print a brace in the text, write {open} or {close}.").format(
                open="\\{", close="\\}"
            )
        )
    if error.known:
        lines.append(cli_text("Known names: {names}").format(names=", ".join(error.known)))
    return "\n".join(lines)


def outside_hints(lang: Lang | None = None) -> dict[str, str]:
    """What each command that may run outside a project needs to be told there."""
    cli_text = _gettext(lang)
    return {
        "template": cli_text(
            "Outside a project, say where to write the template: systematise template -o FOLDER"
        ),
        "check": cli_text(
            "Outside a project, name the workbooks to check and the folder for the feedback: "
            "systematise check FILES -o FOLDER (or --no-feedback)"
        ),
    }


def no_project_text(folder: Path, command: str = "", lang: Lang | None = None) -> str:
    """A command run outside a project folder: where it looked, what to do, nothing written."""
    cli_text = _gettext(lang)
    run_here = cli_text("Run the command in the project folder (the one holding systematise.toml).")
    return "\n".join(
        [
            cli_text(
                "There is no systematise.toml in {folder} or in any folder above it: this is not "
                "a project folder."
            ).format(folder=folder),
            run_here,
            *([outside_hints(lang)[command]] if command in outside_hints(lang) else []),
            cli_text("Nothing was written."),
        ]
    )


def file_error_text(error: OSError, lang: Lang | None = None) -> str:
    """A file the command could not read or write, and the system's reason."""
    cli_text = _gettext(lang)
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError) and error.strerror is None and error.args:
        return cli_text("Not found: {path}").format(path=error.args[0])  # raised with the path
    if error.filename is None:
        return cli_text("A file could not be read or written: {reason}").format(reason=reason)
    return cli_text("Could not read or write {path}: {reason}").format(
        path=error.filename, reason=reason
    )


def defaults_note(lang: Lang | None = None) -> str:
    cli_text = _gettext(lang)
    return cli_text("No systematise.toml in this folder or above it: using the default settings.")
