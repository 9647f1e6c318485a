"""Plain text: NFC, trimmed, invisible and control characters removed, structure kept.

Paragraphs (blank lines) and bullet lines survive; bullets of every kind Word and people use at
the start of a line become ``- ``. Nothing is interpreted as markup. Multi-value cells are split
on ``;``, line breaks and bullets.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters that look like a space: become an ordinary space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005"), " ")
_SPACES |= dict.fromkeys(map(ord, "\u2006\u2008\u2009\u200a\u205f\u3000\t\v\f"), " ")
#: Invisible characters: removed.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\u0085|_x000D_")
#: Bullet characters at the start of a line (after optional spaces). ``-`` and ``*`` count only
#: when a space follows, so that "-5 %" or "*nota*" stay as typed.
_BULLET = re.compile(r"^(?:[•·–—▪◦‣●○■□➢➤►▸✓✔\uf0b7\uf0a7\uf076\uf0d8]\s*|[-*+]\s+)")
_SEPARATORS = re.compile(r"[;\n]")


def _visible(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = text.translate(_SPACES).translate(_INVISIBLE)
    # Other control and format characters: never part of a text anyone meant to write.
    text = "".join(
        ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    return unicodedata.normalize("NFC", text)


def _line(line: str) -> str:
    line = re.sub(r" {2,}", " ", line).strip()
    bullet = _BULLET.match(line)
    if bullet:
        rest = line[bullet.end() :].strip()
        return f"- {rest}" if rest else ""
    return line


def clean_text(value: object, *, multiline: bool = True) -> str | None:
    """Cleaned text, or None when nothing visible remains.

    ``multiline`` keeps paragraphs and bullet lines; otherwise lines are joined with spaces.
    """
    if value is None:
        return None
    text = _visible(value if isinstance(value, str) else str(value))
    lines = [_line(line) for line in text.split("\n")]
    if not multiline:
        joined = " ".join(line for line in lines if line)
        return joined or None
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) or None


def split_values(value: object) -> list[str]:
    """The values of a multi-value cell: split on ``;``, line breaks and bullets."""
    text = clean_text(value)
    if text is None:
        return []
    parts: list[str] = []
    for part in _SEPARATORS.split(text):
        item = part.strip()
        if item.startswith("- "):
            item = item[2:].strip()
        if item:
            parts.append(item)
    return parts


def strip_apostrophe(text: str) -> str:
    """A leading apostrophe (Excel's "store as text" mark, when it was typed literally)."""
    return text[1:] if text.startswith(("'", "’")) else text


#: What people write in a cell that does not apply to them (folded): read as an empty cell in
#: fields that hold codes, dates, numbers, addresses (never in free text, where it is text).
_NOT_APPLICABLE = frozenset(
    {
        "",
        "n a",
        "na",
        "n d",
        "nd",
        "s d",
        "sd",
        "no aplica",
        "no corresponde",
        "no disponible",
        "sin dato",
        "sin datos",
        "ninguno",
        "ninguna",
        "not applicable",
        "none",
        "nao se aplica",
        "non applicable",
    }
)


def not_applicable(value: object) -> bool:
    """True for "N/A", "-", "no aplica" and the like: nothing was meant to be entered."""
    from systematise.schema.vocabulary import fold

    if not isinstance(value, str) or len(value) > 40:
        return False
    return fold(value) in _NOT_APPLICABLE
