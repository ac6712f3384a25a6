"""Content tables that read on a phone: each in a region of its own that scrolls sideways when
the table is wider than the screen, so no cell breaks a word or a number and the page itself
never scrolls sideways. The region is focusable (a keyboard can scroll it) and named."""

from __future__ import annotations

import html
import re

from coproduction.core.excerpts import PERMALINK_RE

__all__ = ["REGION_CLASS", "wrap_tables"]

REGION_CLASS = "cp-table"
_TABLE_TAG_RE = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_HEADING_RE = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]\s*>", re.DOTALL | re.IGNORECASE)
_CAPTION_RE = re.compile(r"\s*<caption\b[^>]*>(.*?)</caption\s*>", re.DOTALL | re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")


def _text(fragment: str) -> str:
    """A fragment of HTML as the words it shows, without its heading's permalink."""
    return " ".join(html.unescape(_TAG_RE.sub("", PERMALINK_RE.sub("", fragment))).split())


def wrap_tables(page_html: str, label: str, fallback: str) -> str:
    """Put each outermost table of ``page_html`` in a focusable region named ``label``
    (``{name}``: the table's caption, else the heading above it, else ``fallback``)."""
    if "<table" not in page_html:
        return page_html
    headings = [(m.start(), _text(m.group(1))) for m in _HEADING_RE.finditer(page_html)]
    parts: list[str] = []
    done = depth = start = 0
    for tag in _TABLE_TAG_RE.finditer(page_html):
        if not tag.group(1):
            if depth == 0:
                start = tag.start()
                caption = _CAPTION_RE.match(page_html, tag.end())
                above = [text for at, text in headings if at < start and text]
                name = (caption and _text(caption.group(1))) or (above[-1] if above else fallback)
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                named = html.escape(label.format(name=name), quote=True)
                parts += [
                    page_html[done:start],
                    f'<div class="{REGION_CLASS}" role="region" aria-label="{named}" tabindex="0">',
                    page_html[start : tag.end()],
                    "</div>",
                ]
                done = tag.end()
    parts.append(page_html[done:])
    return "".join(parts)
