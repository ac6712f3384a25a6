"""Handouts: the part of a page that participants are given on paper (a form, a sheet, a
template), marked in its Markdown by two comment lines, and taken from the page's HTML
once it is rendered (never a second conversion), like a post's excerpt.

```markdown
<!-- handout -->
## Expenses claim
...
<!-- end handout -->
```

The end line may be left out when the handout runs to the end of the page.
"""

from __future__ import annotations

import re

from coproduction.core.excerpts import PERMALINK_RE

__all__ = [
    "END",
    "HANDOUT_CLASS",
    "NEEDS_HANDOUT",
    "START",
    "demoted",
    "end_marker",
    "handout_of",
    "mark_handout",
    "start_marker",
    "without_ids",
]

START = "<!-- handout -->"
END = "<!-- end handout -->"
NEEDS_HANDOUT = frozenset({"tool"})
"""Kinds whose every page must have a handout (``make check`` says so)."""
HANDOUT_CLASS = "cp-handout"

_START_RE = re.compile(r"^\s*<!--\s*handout\s*-->\s*$", re.IGNORECASE)
_END_RE = re.compile(r"^\s*<!--\s*end\s+handout\s*-->\s*$", re.IGNORECASE)
# In the HTML: the comments as Python-Markdown passes them through (a block of their own).
_HTML_START_RE = re.compile(r"<!--\s*handout\s*-->", re.IGNORECASE)
_HTML_END_RE = re.compile(r"<!--\s*end\s+handout\s*-->", re.IGNORECASE)
_HEADING_TAG_RE = re.compile(r"<(/?)h([1-5])\b", re.IGNORECASE)
_ID_RE = re.compile(r'\s(?:id|aria-labelledby|aria-describedby)="[^"]*"')


def start_marker(line: str) -> bool:
    """Whether a line of Markdown is the handout's first marker (spaces and case aside)."""
    return bool(_START_RE.match(line))


def end_marker(line: str) -> bool:
    return bool(_END_RE.match(line))


def _bounds(html: str) -> tuple[int, int, int, int] | None:
    """Where the start marker is and ends, and where the end marker (or the HTML) starts and ends."""
    start = _HTML_START_RE.search(html)
    if start is None:
        return None
    end = _HTML_END_RE.search(html, start.end())
    if end is None:
        return start.start(), start.end(), len(html), len(html)
    return start.start(), start.end(), end.start(), end.end()


def handout_of(html: str) -> str:
    """The HTML of a rendered page's handout, without heading permalinks (no use on paper,
    and they would lead back to the page); empty when it has none."""
    bounds = _bounds(html)
    if bounds is None:
        return ""
    return PERMALINK_RE.sub("", html[bounds[1] : bounds[2]]).strip()


def mark_handout(html: str) -> str:
    """A rendered page with its handout in a ``cp-handout`` block, which starts a new sheet
    when the page is printed."""
    bounds = _bounds(html)
    if bounds is None:
        return html
    begin, inside, end, after = bounds
    return "".join((html[:begin], f'<div class="{HANDOUT_CLASS}">', html[inside:end], "</div>", html[after:]))


def without_ids(html: str) -> str:
    """``html`` without ids and the references to them: a pack holds several handouts, whose
    headings would have the same ids (``signatures``) and so would their links."""
    return _ID_RE.sub("", html)


def demoted(html: str) -> str:
    """``html`` with each heading a level lower (``h2`` -> ``h3``): a handout in a pack is
    under its page's title, a heading itself."""
    return _HEADING_TAG_RE.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
