"""The records the core works on: pages, authors and content problems."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Author", "PageRecord", "Problem", "Source", "digest", "digest_text", "recency_key"]


def digest(*parts: object) -> str:
    """A short, stable digest of ``parts`` (by their ``repr``: plain data only)."""
    return digest_text(repr(parts))


def digest_text(text: str) -> str:
    """A short, stable digest of ``text`` (a whole file: no ``repr`` of it made first)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One content problem, reported as ``path:line: message``."""

    path: str
    line: int
    message: str
    about: tuple[str, ...] = field(default=(), compare=False)
    """Other files the problem names (the older of two files at one address): ``make check
    FILES=...`` on any of them reports it too."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Author:
    """A blog author from the authors file."""

    id: str
    name: str
    role: str = ""
    description: str = ""
    avatar: str = ""

    @property
    def src_uri(self) -> str:
        """Where the author's generated profile page lives."""
        return f"authors/{self.id}.md"


@dataclass(frozen=True, slots=True)
class Source:
    """The work a page summarises (front matter ``source:``): shown at the page's top, in
    listings, feeds and the JSON export, so a summary is never mistaken for the original."""

    title: str
    author: str
    published: dt.date | None = None
    where: str = ""
    url: str = ""
    """http(s) only: checked before it reaches a link."""


@dataclass(slots=True, eq=False)
class PageRecord:
    """What the indexes need to know about one content page.

    Built once per build from the page's file; ``excerpt`` is filled in after MkDocs
    renders the page (or from the last build's record when it is not rendered again).
    """

    path: str
    """Path from the repository root, for messages (``posts/a.md``)."""
    src_uri: str
    """MkDocs' name for the file (``posts/a.md``, or ``guidance/a.md`` for docs/)."""
    url: str
    """URL relative to the site root (``posts/a/``)."""
    title: str
    description: str = ""
    kind: str = "guide"
    kind_name: str = ""
    """What one page of this kind is called ("Tool"), from the site's kinds."""
    dated: bool = False
    """Of a dated kind: it has a date and authors, and is one of the blog's posts."""
    landing: bool = False
    """A source folder's ``index.md``: its section's landing text, never dated, never listed in it."""
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Valid terms by taxonomy key, in front matter order."""
    untagged: tuple[str, ...] = ()
    """Taxonomies whose key the front matter leaves out entirely."""
    date: dt.date | None = None
    authors: tuple[str, ...] = ()
    draft: bool = False
    reviewed: dt.date | None = None
    easy_read: str = ""
    """MkDocs' name (src_uri) of this page's Easy Read version."""
    easy_read_line: int = 1
    """Where ``easy_read`` is set, for a message if no such page exists."""
    source: Source | None = None
    """The work this page summarises, if it is a summary."""
    meta: dict[str, Any] = field(default_factory=dict)
    """The front matter as parsed; MkDocs' ``page.meta``."""
    body: str | None = None
    """The Markdown after the front matter, handed to MkDocs once, then dropped."""
    body_line: int = 1
    """File line where ``body`` starts, for problems found in it."""
    excerpt: str = ""
    """HTML shown in listings (the text before ``<!-- more -->``)."""
    reading_time: int = 0
    """Minutes, from the Markdown's word count (known before any page is rendered)."""
    source_digest: str = ""
    """Digest of the whole file: an incremental build rebuilds the page when it changes."""
    links: tuple[str, ...] | None = None
    """The files its links and images lead to (None: not worked out yet)."""
    excerpt_digest: str = ""
    """Digest of the Markdown before ``<!-- more -->`` (empty without one): what listings show."""

    @property
    def is_post(self) -> bool:
        """A dated page: one of the blog's posts (templates ask this)."""
        return self.dated

    def term_pairs(self) -> frozenset[tuple[str, str]]:
        """Every (taxonomy, term) pair the page carries."""
        return frozenset((tax, term) for tax, terms in self.terms.items() for term in terms)


def recency_key(page: PageRecord) -> tuple[int, int, str, str]:
    """Sort key: dated pages newest first, then undated ones, each by title."""
    if page.date is not None:
        return (0, -page.date.toordinal(), page.title.casefold(), page.url)
    return (1, 0, page.title.casefold(), page.url)
