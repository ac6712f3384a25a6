"""The site's indexes once every page is read: what gets published, and the pages that list it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urljoin

from coproduction.core import words
from coproduction.core.blog import Archive, AuthorPage, Blog, Listing, build_blog
from coproduction.core.checks import check_easy_read, check_urls
from coproduction.core.feeds import Feed, build_feed
from coproduction.core.records import Author, PageRecord, Problem
from coproduction.core.related import related_lists
from coproduction.core.settings import SiteSpec
from coproduction.core.taxonomy import Combination, TaxonomyIndex, TermEntry, build_index

__all__ = ["GeneratedPage", "Indexes", "Version", "build_indexes", "held_back"]


def held_back(page: PageRecord, spec: SiteSpec) -> bool:
    """Whether a published build leaves the page out: a draft, or a post dated later."""
    if page.draft:
        return True
    return page.is_post and not spec.future_posts and page.date is not None and page.date > spec.today


class Version(NamedTuple):
    """The standard version of an Easy Read page: a content page or a term's page."""

    title: str
    url: str


@dataclass(slots=True)
class GeneratedPage:
    """A page the plugin adds, and what it lists; the adapter picks its template by ``kind``.

    ``kind`` is one of ``overview`` (a taxonomy's ``index``), ``term`` (``index``, ``entry``
    and ``listing``), ``combination`` (``index``, ``combination`` and ``listing``), ``blog``
    (``listing``), ``archive-index``, ``archive`` (``archive`` and ``listing``), ``authors`` and
    ``author`` (``author_page`` and ``listing``). A kind with a ``listing`` makes a page for
    each page of its list.
    """

    kind: str
    src_uri: str
    url: str
    title: str
    description: str = ""
    index: TaxonomyIndex | None = None
    entry: TermEntry | None = None
    combination: Combination | None = None
    listing: Listing | None = None
    archive: Archive | None = None
    author_page: AuthorPage | None = None


@dataclass(slots=True)
class Indexes:
    """Everything built from the published pages, once per build."""

    spec: SiteSpec
    pages: list[PageRecord]
    authors: dict[str, Author]
    taxonomies: list[TaxonomyIndex]
    related: dict[str, list[PageRecord]]
    blog: Blog | None
    generated: list[GeneratedPage]
    problems: list[Problem]
    by_src_uri: dict[str, PageRecord] = field(default_factory=dict)
    generated_by_src_uri: dict[str, GeneratedPage] = field(default_factory=dict)

    terms: dict[tuple[str, str], TermEntry] = field(default_factory=dict)
    standard_versions: dict[str, Version] = field(default_factory=dict)
    """An Easy Read page's src_uri -> the page (or term page) it is the Easy Read version of."""
    _site_feed: tuple[tuple[str, str], ...] = ()
    _term_links: dict[tuple[tuple[str, ...], ...], list[tuple[str, list[TermEntry]]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.by_src_uri = {p.src_uri: p for p in self.pages}
        self.standard_versions = {p.easy_read: Version(p.title, p.url) for p in self.pages if p.easy_read}
        for index in self.taxonomies:
            for entry in index.terms:
                if entry.term.easy_read:
                    self.standard_versions.setdefault(
                        entry.term.easy_read, Version(entry.term.title, entry.url)
                    )
        self.generated_by_src_uri = {g.src_uri: g for g in self.generated}
        self.terms = {(i.taxonomy.key, e.term.slug): e for i in self.taxonomies for e in i.terms}
        self._site_feed = ((self.spec.site_name, "feed.xml"),)

    def term_links(self, page: PageRecord) -> list[tuple[str, list[TermEntry]]]:
        """A page's terms, grouped by taxonomy title, for its chips; cached per term set."""
        key = tuple(page.terms.get(t.key, ()) for t in self.spec.taxonomies)
        links = self._term_links.get(key)
        if links is None:
            links = [
                (tax.title, [self.terms[(tax.key, slug)] for slug in slugs])
                for tax, slugs in zip(self.spec.taxonomies, key, strict=True)
                if slugs
            ]
            self._term_links[key] = links
        return links

    def term(self, taxonomy: str, slug: str) -> TermEntry:
        """A term's entry (title, URL, pages), for templates."""
        return self.terms[(taxonomy, slug)]

    def absolute(self, path: str) -> str:
        """``path`` from the site root as an absolute URL (feeds need them)."""
        base = self.spec.site_url
        return urljoin(base if base.endswith("/") else base + "/", path)

    @property
    def has_feeds(self) -> bool:
        """Feeds are written: there is a blog, they are on, and the site's address is known."""
        return self.blog is not None and self.spec.feeds and bool(self.spec.site_url)

    def feeds_for(self, src_uri: str) -> tuple[tuple[str, str], ...]:
        """(title, path from the site root) of the feeds a page advertises: the blog's, and its term's."""
        if not self.has_feeds:
            return ()
        made = self.generated_by_src_uri.get(src_uri)
        entry = made.entry if made else None
        if entry is None:
            return self._site_feed
        term_feed = (
            self.spec.say(words.TERM_FEED, site=self.spec.site_name, term=entry.term.title),
            entry.feed_url,
        )
        return (*self._site_feed, term_feed)

    def term_titles(self) -> dict[tuple[str, str], str]:
        return {key: entry.term.title for key, entry in self.terms.items()}

    def feeds(self, language: str = "en") -> list[Feed]:
        """The blog's feed and one per term; call once excerpts are known."""
        if self.blog is None or not self.has_feeds:
            return []
        titles = self.term_titles()
        common = {
            "site_url": self.spec.site_url,
            "authors": self.authors,
            "term_titles": titles,
            "say": self.spec.say,
            "language": language,
            "made": {},  # one item per post, shared by the feeds it is in
        }
        feeds = [
            build_feed(
                path="feed.xml",
                title=self.spec.site_name,
                description=self.spec.say(words.FEED_ABOUT, site=self.spec.site_name),
                page_url=self.blog.listings[0].url,
                posts=self.blog.posts[: self.spec.feed_items],
                **common,  # type: ignore[arg-type]
            )
        ]
        for index in self.taxonomies:
            for entry in index.terms:
                feeds.append(
                    build_feed(
                        path=entry.feed_url,
                        title=self.spec.say(words.TERM_FEED, site=self.spec.site_name, term=entry.term.title),
                        description=entry.term.description
                        or self.spec.say(words.TERM_FEED_ABOUT, term=entry.term.title),
                        page_url=entry.url,
                        posts=entry.posts[: self.spec.feed_items],
                        **common,  # type: ignore[arg-type]
                    )
                )
        return feeds


def _paged(spec: SiteSpec, title: str, description: str, number: int) -> tuple[str, str]:
    """A listing page's title and description: later pages say their number, and leave the
    description to the first, so search finds the list once."""
    if number == 1:
        return title, description
    return spec.say(words.LATER_PAGE, title=title, number=number), ""


def _generated(taxonomies: list[TaxonomyIndex], blog: Blog | None, spec: SiteSpec) -> list[GeneratedPage]:
    pages = []
    for index in taxonomies:
        tax = index.taxonomy
        pages.append(
            GeneratedPage("overview", index.src_uri, index.url, tax.title, tax.description, index=index)
        )
        for entry in index.terms:
            for listing in entry.listings:
                title, about = _paged(spec, entry.term.title, entry.term.description, listing.number)
                pages.append(
                    GeneratedPage(
                        "term",
                        listing.src_uri,
                        listing.url,
                        title,
                        about,
                        index=index,
                        entry=entry,
                        listing=listing,
                    )
                )
        for combination in index.combinations:
            description = spec.say(words.COMBINATION_ABOUT, terms=combination.title)
            for listing in combination.listings:
                title, about = _paged(spec, combination.title, description, listing.number)
                pages.append(
                    GeneratedPage(
                        "combination",
                        listing.src_uri,
                        listing.url,
                        title,
                        about,
                        index=index,
                        combination=combination,
                        listing=listing,
                    )
                )
    if blog is None:
        return pages
    about = spec.say(words.BLOG_ABOUT, site=spec.site_name) if spec.site_name else ""
    for listing in blog.listings:
        title = (
            spec.say(words.BLOG) if listing.number == 1 else spec.say(words.BLOG_PAGE, number=listing.number)
        )
        pages.append(GeneratedPage("blog", listing.src_uri, listing.url, title, about, listing=listing))
    years = spec.say(words.ARCHIVE_ABOUT)
    archive_index = GeneratedPage(
        "archive-index", blog.archive_src_uri, blog.archive_url, spec.say(words.ARCHIVE)
    )
    archive_index.description = years
    pages.append(archive_index)
    for archive in blog.archives:
        year = spec.say(words.YEAR, year=archive.year)
        about_year = spec.say(words.YEAR_ABOUT, year=archive.year)
        for listing in archive.listings:
            title, about = _paged(spec, year, about_year, listing.number)
            pages.append(
                GeneratedPage(
                    "archive", listing.src_uri, listing.url, title, about, archive=archive, listing=listing
                )
            )
    if blog.authors:
        everyone = spec.say(words.AUTHORS_ABOUT)
        pages.append(
            GeneratedPage(
                "authors", blog.authors_src_uri, blog.authors_url, spec.say(words.AUTHORS), everyone
            )
        )
    for author_page in blog.authors:
        author = author_page.author
        for listing in author_page.listings:
            title, about = _paged(spec, author.name, author.role, listing.number)
            pages.append(
                GeneratedPage(
                    "author",
                    listing.src_uri,
                    listing.url,
                    title,
                    about,
                    author_page=author_page,
                    listing=listing,
                )
            )
    return pages


def build_indexes(records: Iterable[PageRecord], authors: dict[str, Author], spec: SiteSpec) -> Indexes:
    """Publish the right pages and build every index from them, each in one pass."""
    candidates = [r for r in records if spec.drafts or not held_back(r, spec)]
    for record in candidates:
        if held_back(record, spec):
            record.draft = True  # shown in `mkdocs serve` with the draft banner
    taxonomies = [
        build_index(
            t,
            candidates,
            spec.use_directory_urls,
            spec.kind_keys,
            spec.say(words.LAST_OF_LIST),
            spec.items_per_page,
        )
        for t in spec.taxonomies
    ]
    dated = {k.key for k in spec.kinds if k.dated}
    has_blog = any(s.kind in dated for s in spec.sources) or any(r.dated for r in candidates)
    blog = (
        build_blog(
            candidates,
            authors,
            folder=spec.post_folder,
            per_page=spec.posts_per_page,
            list_per_page=spec.items_per_page,
            use_directory_urls=spec.use_directory_urls,
        )
        if has_blog
        else None
    )
    generated = _generated(taxonomies, blog, spec)
    reserved = {g.url: f"the generated page /{g.url}" for g in generated}
    collisions = check_urls(candidates, reserved)
    losers = {p.path for p in collisions}
    pages = [r for r in candidates if r.path not in losers]
    if losers:  # rare: rebuild without the pages that lost their URL
        return _rebuild(pages, authors, spec, collisions)
    return Indexes(
        spec=spec,
        pages=pages,
        authors=authors,
        taxonomies=taxonomies,
        related=related_lists(pages, spec.related),
        blog=blog,
        generated=generated,
        problems=collisions + check_easy_read(pages),
    )


def _rebuild(
    pages: list[PageRecord], authors: dict[str, Author], spec: SiteSpec, problems: list[Problem]
) -> Indexes:
    indexes = build_indexes(pages, authors, spec)
    indexes.problems = problems + indexes.problems
    return indexes
