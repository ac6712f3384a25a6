"""What assistive technology should and should not meet in a page's rendered HTML."""

from __future__ import annotations

import html
import re

from coproduction.core.excerpts import PERMALINK_RE
from coproduction.core.feeds import plain_text

__all__ = ["accessible", "hide_toc_toggle"]

# A heading with the toc extension's permalink at its end (its ``permalink_leading`` puts it
# first): the link's text would be read as part of the heading's name.
_HEADING_RE = re.compile(
    r"<h([1-6])((?:(?!aria-label)[^>])*)>"  # a heading that has no name of its own
    rf"((?:(?!</h[1-6]>).)*?{PERMALINK_RE.pattern}(?:(?!</h[1-6]>).)*?)</h\1>",
    re.DOTALL,
)
# The disabled checkbox of a "- [ ]" item (pymdownx.tasklist, custom_checkbox false): a box
# to tick on paper, drawn by the theme's CSS, which hides the input. As the extension writes
# it, or as the sanitiser writes it again (disabled="", checked="").
_TASK_BOX_RE = re.compile(
    r'(<li class="task-list-item">\s*(?:<p>\s*)?'
    r'<input type="checkbox" disabled(?:="")?(?: checked(?:="")?)?)(\s*/?>)'
)


def accessible(page: str) -> str:
    """``page`` with each permalinked heading named by its own words (``aria-label``), so that
    "Link to this section" is not read as part of it, and each task-list checkbox hidden
    from assistive technology (``aria-hidden``): it is not shown, and cannot be ticked."""
    if 'class="headerlink"' in page:
        page = _HEADING_RE.sub(_named, page)
    if "task-list-item" in page:
        page = _TASK_BOX_RE.sub(r'\1 aria-hidden="true"\2', page)
    return page


# Material's hidden checkbox that holds whether the current page's contents are open in the
# nav (partials/nav-item.html): on a page without contents, no label names it.
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def hide_toc_toggle(page: str) -> str:
    """``page`` with Material's ``__toc`` checkbox hidden from assistive technology: it is never
    shown (its label is the control), and unlabelled where the page has no contents (pa11y).
    Done here, not in an override of ``nav-item.html``, which would stop the nav being shared."""
    return page.replace(_TOC_TOGGLE, _TOC_TOGGLE.removesuffix(">") + ' aria-hidden="true">', 1)


def _named(match: re.Match[str]) -> str:
    level, attributes, inner = match.groups()
    name = plain_text(PERMALINK_RE.sub("", inner))
    if not name:
        return match.group(0)
    return f'<h{level}{attributes} aria-label="{html.escape(name, quote=True)}">{inner}</h{level}>'
