"""The sections' indexes: each source folder's paginated list of its pages; a dated folder's
year archives and feed; author pages, and the posts either side of a post."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from coproduction.core.records import Author, PageRecord, recency_key
from coproduction.core.urls import url_for

__all__ = [
    "Archive",
    "AuthorPage",
    "Blog",
    "Listing",
    "Section",
    "build_blog",
    "build_sections",
    "pager",
    "paginate",
    "paginate_groups",
    "reading_time",
]

WORDS_PER_MINUTE = 200
PAGER_SPAN = 2
"""Numbered links either side of the current listing page; the first and last always show."""


def reading_time(words: int) -> int:
    """Whole minutes to read ``words`` words, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(slots=True)
class Listing:
    """One page of a paginated list: the blog's, a year's, an author's, or a term's."""

    number: int
    total: int
    src_uri: str
    url: str
    posts: list[PageRecord]
    """This page's items: posts on the blog's pages, pages of every kind on a term's."""
    urls: list[str] = field(default_factory=list)
    """The URL of every listing page, shared by all of them."""
    groups: dict[str, list[PageRecord]] = field(default_factory=dict)
    """On a term's pages: this page's items by kind, in the site's order of kinds."""
    pages: list[tuple[int, str] | None] = field(default_factory=list)
    """The numbered links to show, as (number, url); ``None`` where numbers are skipped.

    A window, not every page: a pager listing all pages on each page grows with
    the square of the blog."""

    @property
    def previous_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None


def pager(number: int, total: int, urls: list[str], span: int = PAGER_SPAN) -> list[tuple[int, str] | None]:
    """Page 1, the last page, and ``span`` pages either side of ``number``; ``None`` for a gap.

    A gap of a single page shows that page instead: "1 2 3" rather than "1 … 3".
    """
    shown = sorted({1, total, *range(max(1, number - span), min(total, number + span) + 1)})
    window: list[tuple[int, str] | None] = []
    previous = 0
    for n in shown:
        if n - previous == 2:
            window.append((n - 1, urls[n - 2]))
        elif n - previous > 2:
            window.append(None)
        window.append((n, urls[n - 1]))
        previous = n
    return window


@dataclass(slots=True)
class Archive:
    """Posts of one year."""

    year: int
    src_uri: str
    url: str
    """Of its first page."""
    posts: list[PageRecord]
    """Every post of the year, newest first."""
    listings: list[Listing] = field(default_factory=list)
    """Its pages of ``list_per_page`` posts: no year's page grows with the site."""


@dataclass(slots=True)
class AuthorPage:
    """An author's profile and their posts."""

    author: Author
    url: str
    """Of its first page."""
    posts: list[PageRecord]
    """Every post they wrote or co-wrote, newest first."""
    listings: list[Listing] = field(default_factory=list)
    """Its pages of ``list_per_page`` posts: no author's page grows with the site."""


@dataclass(slots=True)
class Section:
    """A source folder's list of its pages, at ``/<key>/``: a dated folder's newest first, in
    pages of ``per_page`` with excerpts, with archives by year and a feed; another folder's by
    title, a line each. Its ``index.md`` (if any) is the landing text above the first page."""

    key: str
    kind: str
    """The folder's kind: what the list is called, and how it is worded."""
    dated: bool
    pages: list[PageRecord]
    """Every page it lists: never its ``index.md``."""
    listings: list[Listing]
    archives: list[Archive] = field(default_factory=list)
    """Newest year first (dated sections)."""
    archive_src_uri: str = ""
    archive_url: str = ""
    feed_url: str = ""
    """Its feed, from the site root (dated sections): ``feed.xml``, the site's, when it is the
    only dated section, so a site with one blog has one feed."""


@dataclass(slots=True)
class Blog:
    """Every index of the dated pages of one build: their sections, and the authors."""

    sections: list[Section]
    """One per dated source folder, in configuration order."""
    posts: list[PageRecord]
    """Every dated page, newest first: the site's feed and the authors' pages."""
    authors: list[AuthorPage]
    authors_src_uri: str
    authors_url: str
    neighbours: dict[str, tuple[PageRecord | None, PageRecord | None]]
    """Post URL -> (newer post, older post) of its section."""
    author_urls: dict[str, str]


def paginate(
    items: list[PageRecord], first_src_uri: str, per_page: int, use_directory_urls: bool
) -> list[Listing]:
    """``items`` in pages of ``per_page``: the first at ``first_src_uri`` (``posts/index.md``,
    ``barriers/power.md``), the rest under it (``posts/page/2.md``, ``barriers/power/page/2.md``)."""
    per_page = max(1, per_page)
    total = max(1, math.ceil(len(items) / per_page))
    stem = first_src_uri.removesuffix(".md").removesuffix("/index")
    src_uris = [first_src_uri] + [f"{stem}/page/{n}.md" for n in range(2, total + 1)]
    urls = [url_for(s, use_directory_urls) for s in src_uris]
    return [
        Listing(
            number=n,
            total=total,
            src_uri=src_uris[n - 1],
            url=urls[n - 1],
            posts=items[(n - 1) * per_page : n * per_page],
            urls=urls,
            pages=pager(n, total, urls),
        )
        for n in range(1, total + 1)
    ]


def paginate_groups(
    groups: dict[str, list[PageRecord]], first_src_uri: str, per_page: int, use_directory_urls: bool
) -> tuple[list[Listing], dict[str, str]]:
    """Pages grouped by kind, in pages of ``per_page`` that keep the groups in order; and for
    each kind, where it starts (the URL of its first page and the group's anchor)."""
    listings = paginate(
        [p for pages in groups.values() for p in pages], first_src_uri, per_page, use_directory_urls
    )
    starts: dict[str, str] = {}
    for listing in listings:
        for page in listing.posts:
            listing.groups.setdefault(page.kind, []).append(page)
        for kind in listing.groups:
            starts.setdefault(kind, f"{listing.url}#{kind}s")
    return listings, starts


def _section_of(page: PageRecord, folders: Sequence[tuple[str, str]]) -> str:
    """The dated section a post is listed in: its folder's, else the first of its kind, else the first."""
    folder = page.src_uri.partition("/")[0]
    keys = [key for key, _ in folders]
    if folder in keys:
        return folder
    return next((key for key, kind in folders if kind == page.kind), keys[0])


def build_blog(
    pages: list[PageRecord],
    authors: dict[str, Author],
    *,
    folders: Sequence[tuple[str, str]] = (("posts", "post"),),
    per_page: int = 10,
    list_per_page: int = 50,
    use_directory_urls: bool = True,
) -> Blog:
    """Build every index of the dated pages, in one pass over them: each dated section of
    ``folders`` ((key, kind), at least one) in pages of ``per_page`` posts (with excerpts),
    its years and the authors in pages of ``list_per_page``."""
    posts = sorted((p for p in pages if p.is_post), key=recency_key)
    members: dict[str, list[PageRecord]] = {key: [] for key, _ in folders}
    by_author: dict[str, list[PageRecord]] = {a: [] for a in authors}
    for post in posts:
        members[_section_of(post, folders)].append(post)
        for author in post.authors:
            by_author.setdefault(author, []).append(post)
    neighbours: dict[str, tuple[PageRecord | None, PageRecord | None]] = {}
    sections = []
    for key, kind in folders:
        listed = members[key]
        by_year: dict[int, list[PageRecord]] = {}
        for i, post in enumerate(listed):
            if post.date is not None:
                by_year.setdefault(post.date.year, []).append(post)
            newer = listed[i - 1] if i > 0 else None
            older = listed[i + 1] if i + 1 < len(listed) else None
            neighbours[post.url] = (newer, older)
        archives = []
        for year in sorted(by_year, reverse=True):
            years = paginate(by_year[year], f"{key}/archive/{year}.md", list_per_page, use_directory_urls)
            archives.append(Archive(year, years[0].src_uri, years[0].url, by_year[year], years))
        sections.append(
            Section(
                key=key,
                kind=kind,
                dated=True,
                pages=listed,
                listings=paginate(listed, f"{key}/index.md", per_page, use_directory_urls),
                archives=archives,
                archive_src_uri=f"{key}/archive/index.md",
                archive_url=url_for(f"{key}/archive/index.md", use_directory_urls),
                feed_url="feed.xml" if len(folders) == 1 else f"{key}/feed.xml",
            )
        )
    author_urls = {a.id: url_for(a.src_uri, use_directory_urls) for a in authors.values()}
    author_pages = []
    for a in sorted(authors):
        written = by_author.get(a, [])
        listings = paginate(written, authors[a].src_uri, list_per_page, use_directory_urls)
        author_pages.append(AuthorPage(authors[a], author_urls[a], written, listings))
    return Blog(
        sections=sections,
        posts=posts,
        authors=author_pages,
        authors_src_uri="authors/index.md",
        authors_url=url_for("authors/index.md", use_directory_urls),
        neighbours=neighbours,
        author_urls=author_urls,
    )


def build_sections(
    pages: list[PageRecord],
    folders: Sequence[tuple[str, str]],
    *,
    per_page: int = 50,
    use_directory_urls: bool = True,
) -> list[Section]:
    """The sections of undated source folders ((key, kind)), in one pass over the pages: each
    lists the undated pages under its folder but its ``index.md``, by title, ``per_page`` a page."""
    members: dict[str, list[PageRecord]] = {key: [] for key, _ in folders}
    for page in pages:
        listed = members.get(page.src_uri.partition("/")[0])
        if listed is not None and not page.landing and not page.dated:
            listed.append(page)
    sections = []
    for key, kind in folders:
        listed = sorted(members[key], key=recency_key)
        listings = paginate(listed, f"{key}/index.md", per_page, use_directory_urls)
        sections.append(Section(key=key, kind=kind, dated=False, pages=listed, listings=listings))
    return sections
