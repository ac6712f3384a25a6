"""Text as the site may publish it, and as messages may quote it.

Control characters break XML (feeds) and are errors in HTML, so they are refused where
text comes in. A message quotes a contributor's value shortened, on one line, whatever
the value holds: a YAML alias chain can make a short file hold a huge value.
"""

from __future__ import annotations

import difflib
import re
import reprlib
from collections.abc import Iterable
from typing import Any

__all__ = [
    "CONTROL_RE",
    "closest",
    "control_character",
    "find_control",
    "quote",
    "shorten",
    "show",
    "suggest",
    "without_control",
]

CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)
"""Characters no page, feed or export may hold: C0 controls but tab and newline, DEL, C1
controls, lone surrogates and Unicode's non-characters (invalid in XML, errors in HTML)."""

_ASCII_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ASCII_ALLOWED = bytes([9, 10, *range(0x20, 0x7F)])
_BMP_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def find_control(text: str) -> re.Match[str] | None:
    """``CONTROL_RE.search(text)``, ten times faster on the text pages hold: a character class
    that reaches past U+FFFF is slow to search, and few texts reach there."""
    if text.isascii():
        if not text.encode("ascii").translate(None, _ASCII_ALLOWED):
            return None  # bytes.translate deletes at memory speed; a pattern steps through
        return _ASCII_CONTROL_RE.search(text)
    if max(text) <= "\uffff":
        return _BMP_CONTROL_RE.search(text)
    return CONTROL_RE.search(text)


LIMIT = 60
"""The most characters of a contributor's value a message quotes."""

_repr = reprlib.Repr()
_repr.maxlevel = 2
_repr.maxstring = LIMIT
_repr.maxother = LIMIT
for _name in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset"):
    setattr(_repr, _name, 4)


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, control characters shown as ``\\xNN``, cut to ``limit`` with "..."."""
    if len(text) > limit * 4:
        text = text[: limit * 4]  # the rest can never be shown: do not escape it
    text = CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else "\ufffd", text)
    text = text.replace("\n", "\\n").replace("\t", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def quote(value: Any) -> str:
    """``'value'`` for a message: text as written, anything else as Python shows it, shortened."""
    return f"'{shorten(value if isinstance(value, str) else show(value))}'"


def show(value: Any) -> str:
    """Any value from YAML as short text: bounded in depth and items, so never huge."""
    if isinstance(value, str):
        return shorten(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return shorten(_repr.repr(value))


def control_character(text: str) -> str | None:
    """The first character of ``text`` that pages may not hold, as ``U+0001``; None if none."""
    found = find_control(text)
    return f"U+{ord(found.group()):04X}" if found else None


def without_control(text: str) -> str:
    """``text`` with the characters pages may not hold removed."""
    return CONTROL_RE.sub("", text) if find_control(text) else text


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word closest to ``word``, if one is close enough to be what was meant."""
    if len(word) > LIMIT * 4:
        return None  # nothing known is that long, and comparing would take a while
    close = difflib.get_close_matches(word.lower(), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, known: Iterable[str], suffix: str = "") -> str:
    """' Did you mean 'x'?' for the closest known word (shown with ``suffix``), or ''."""
    close = closest(word, known)
    return f" Did you mean {quote(close + suffix)}?" if close is not None else ""
