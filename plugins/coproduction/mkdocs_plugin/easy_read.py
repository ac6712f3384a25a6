"""Easy Read pages as MkDocs sees them: their own page template, and a line break in their
Markdown kept as a line on the page (Python-Markdown's ``nl2br``, for these pages only)."""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.nl2br import Nl2BrExtension

__all__ = ["TEMPLATE", "EasyReadBreaks"]

TEMPLATE = "coproduction/easy-read.html"
"""The page template of every Easy Read page (a site's ``overrides/`` may replace it)."""


class EasyReadBreaks(Extension):
    """``nl2br`` while ``active``: the plugin sets it for each page just before MkDocs makes
    that page's Markdown converter (``page_markdown``), so other pages keep Markdown's rule
    that a line break inside a paragraph is a space."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        if self.active:
            Nl2BrExtension().extendMarkdown(md)
