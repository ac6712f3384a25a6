"""Excerpts from a page's already-rendered HTML (never a second conversion); word counts."""

from __future__ import annotations

import posixpath
import re

__all__ = ["MORE", "PERMALINK_RE", "excerpt_of", "markdown_word_count", "relink"]

MORE = "<!-- more -->"
_H1_RE = re.compile(r"<h1\b[^>]*>.*?</h1>\s*", re.DOTALL)
PERMALINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_ID_RE = re.compile(r'(<h[1-6][^>]*?) id="[^"]*"')
_LINK_RE = re.compile(r'\b(href|src)="([^"]*)"')
_ABSOLUTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|//)")
# What a reader of the Markdown does not read: comments, tags, link addresses, reference
# definitions and attribute lists. Separate patterns, each tried only where its first
# characters occur: one alternation of them is several times slower.
_UNREAD: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("<!--", re.compile(r"<!--.*?-->", re.DOTALL)),
    ("<", re.compile(r"<[^>\n]*>")),
    ("](", re.compile(r"\]\([^)\n]*\)")),
    ("]:", re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.MULTILINE)),
    ("{", re.compile(r"\{[:#.][^}\n]*\}")),
)
# Marks that are not words: removed, so "-" or "##" count for nothing and "co-production" once.
_MARKS = str.maketrans("", "", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2013\u2014\u2018\u2019\u201c\u201d\u2026")


def excerpt_of(html: str) -> str:
    """The HTML before ``<!-- more -->``, without the title, permalinks or heading ids.

    Empty when the page has no ``<!-- more -->``: listings then show the description.
    """
    head, found, _ = html.partition(MORE)
    if not found:
        return ""
    head = _H1_RE.sub("", head, count=1)
    head = PERMALINK_RE.sub("", head)
    # Heading ids would repeat on listings that show several excerpts.
    return _ID_RE.sub(r"\1", head).strip()


def markdown_word_count(markdown: str) -> int:
    """Words a reader reads in a page's Markdown: what its reading time is worked out from.

    From the Markdown, not the rendered page, so a page's reading time is known before
    (and without) rendering it: an incremental build lists pages it does not render again.
    """
    for start, pattern in _UNREAD:
        if start in markdown:
            markdown = pattern.sub(" ", markdown)
    return len(markdown.translate(_MARKS).split())


def relink(html: str, from_url: str, to_url: str) -> str:
    """Rewrite relative links in ``html`` written for page ``from_url`` to work on ``to_url``."""
    if from_url == to_url or ('href="' not in html and 'src="' not in html):
        return html
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    to_dir = to_url if to_url.endswith("/") else posixpath.dirname(to_url) + "/"

    def fix(match: re.Match[str]) -> str:
        attr, link = match.groups()
        if _ABSOLUTE_RE.match(link):
            return match.group(0)
        path, hash_, fragment = link.partition("#")
        if path:
            target = posixpath.normpath(posixpath.join(from_dir, path))
            if path.endswith("/"):
                target += "/"
        else:  # an anchor on the original page
            target = posixpath.normpath(from_url) + ("/" if from_url.endswith("/") else "")
        rel = posixpath.relpath(target, to_dir.rstrip("/") or ".")
        if target.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return f'{attr}="{rel}{hash_}{fragment}"'

    return _LINK_RE.sub(fix, html)
