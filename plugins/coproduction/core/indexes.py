"""The site's indexes once every page is read: what gets published, and the pages that list it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urljoin

from coproduction.core import words
from coproduction.core.blog import Archive, AuthorPage, Blog, Listing, Section, build_blog, build_sections
from coproduction.core.checks import check_easy_read, check_urls
from coproduction.core.feeds import Feed, build_feed
from coproduction.core.records import Author, PageRecord, Problem
from coproduction.core.related import related_lists
from coproduction.core.settings import SiteSpec
from coproduction.core.taxonomy import Combination, TaxonomyIndex, TermEntry, build_index
from coproduction.core.urls import beneath, url_for

__all__ = ["GeneratedPage", "Indexes", "TermLink", "Version", "build_indexes", "held_back"]


def held_back(page: PageRecord, spec: SiteSpec) -> bool:
    """Whether a published build leaves the page out: a draft, or a post dated later."""
    if page.draft:
        return True
    return page.is_post and not spec.future_posts and page.date is not None and page.date > spec.today


class Version(NamedTuple):
    """The standard version of an Easy Read page: a content page or a term's page."""

    title: str
    url: str


class TermLink(NamedTuple):
    """A link that narrows a section's list to one term: to where the term's page lists its
    pages of the section's kind, with how many it lists there."""

    entry: TermEntry
    listed: int
    """How many pages the link's list holds (``count`` is a tuple's method)."""
    url: str


@dataclass(slots=True)
class GeneratedPage:
    """A page the plugin adds, and what it lists; the adapter picks its template by ``kind``.

    ``kind`` is one of ``overview`` (a taxonomy's ``index``), ``term`` (``index``, ``entry``
    and ``listing``), ``combination`` (``index``, ``combination`` and ``listing``), ``blog``
    (a dated section's ``section`` and ``listing``), ``section`` (an undated one's),
    ``archive-index`` (``section``), ``archive`` (``section``, ``archive`` and ``listing``),
    ``authors`` and ``author`` (``author_page`` and ``listing``), ``handout`` (``page``: the
    page whose handout it prints) and ``pack`` (``index``, ``entry`` and ``handouts``: the
    term's pages that have one, in its list's order). A kind with a ``listing``
    makes a page for each page of its list; the first page of a section's is its landing
    page (``index.md``) when it has one, and is not made here.
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
    section: Section | None = None
    page: PageRecord | None = None
    handouts: list[PageRecord] = field(default_factory=list)

    @property
    def in_nav(self) -> bool:
        """Whether a navigation the engine makes itself (a site without ``nav:``) lists this
        page: the first page of an overview, section, archive or the authors, never a term,
        combination, year, author or later page. Every page draws that navigation, so a
        page for each term in it made the build grow with the square of the terms."""
        return self.kind in _NAV_KINDS and (self.listing is None or self.listing.number == 1)

    @property
    def searched(self) -> bool:
        """Whether search indexes this page: not a later page of a list (its items are pages
        found on their own, and its title is the first page's), nor a handout or a pack,
        which print what a page already says. Search would list each of them beside the page
        it repeats; at 500 pages (bench corpus) they are a sixth of the pages, a twelfth of the text."""
        return self.kind not in _PRINTED_KINDS and (self.listing is None or self.listing.number == 1)


_NAV_KINDS = frozenset({"overview", "blog", "section", "archive-index", "authors"})
_PRINTED_KINDS = frozenset({"handout", "pack"})


@dataclass(slots=True)
class Indexes:
    """Everything built from the published pages, once per build."""

    spec: SiteSpec
    pages: list[PageRecord]
    authors: dict[str, Author]
    taxonomies: list[TaxonomyIndex]
    related: dict[str, list[PageRecord]]
    blog: Blog | None
    sections: list[Section]
    """Every source folder's, in configuration order (the dated ones are also ``blog``'s)."""
    generated: list[GeneratedPage]
    problems: list[Problem]
    by_src_uri: dict[str, PageRecord] = field(default_factory=dict)
    generated_by_src_uri: dict[str, GeneratedPage] = field(default_factory=dict)

    terms: dict[tuple[str, str], TermEntry] = field(default_factory=dict)
    standard_versions: dict[str, Version] = field(default_factory=dict)
    """An Easy Read page's src_uri -> the page (or term page) it is the Easy Read version of."""
    _site_feed: tuple[tuple[str, str], ...] = ()
    _section_feeds: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """src_uri -> the feeds of the section it is in or lands on, where it has its own."""
    landings: dict[str, Section] = field(default_factory=dict)
    """A landing page's src_uri (``stories/index.md``) -> the section it introduces."""
    _term_links: dict[tuple[tuple[str, ...], ...], list[tuple[str, list[TermEntry]]]] = field(
        default_factory=dict
    )
    handout_pages: dict[str, GeneratedPage] = field(default_factory=dict)
    """A page's src_uri -> its handout's page."""
    packs: dict[tuple[str, str], GeneratedPage] = field(default_factory=dict)
    """(taxonomy, term) -> the term's workshop pack, where some page of the term has a handout."""

    def __post_init__(self) -> None:
        self.by_src_uri = {p.src_uri: p for p in self.pages}
        self.standard_versions = {p.easy_read: Version(p.title, p.url) for p in self.pages if p.easy_read}
        for index in self.taxonomies:
            for entry in index.terms:
                if entry.term.easy_read:
                    self.standard_versions.setdefault(
                        entry.term.easy_read, Version(entry.term.title, entry.url)
                    )
        for name in self.standard_versions:
            if (easy := self.by_src_uri.get(name)) is not None:
                easy.is_easy_read = True  # listings mark it
        self.generated_by_src_uri = {g.src_uri: g for g in self.generated}
        for made in self.generated:
            if made.kind == "handout" and made.page is not None:
                self.handout_pages[made.page.src_uri] = made
            elif made.kind == "pack" and made.entry is not None:
                self.packs[(made.entry.taxonomy, made.entry.term.slug)] = made
        self.terms = {(i.taxonomy.key, e.term.slug): e for i in self.taxonomies for e in i.terms}
        self._site_feed = ((self.spec.site_name, "feed.xml"),)
        for section in self.sections:
            landing = self.by_src_uri.get(section.listings[0].src_uri)
            if landing is not None and landing.landing:
                self.landings[landing.src_uri] = section
            if section.feed_url and section.feed_url != "feed.xml":
                feeds = (*self._site_feed, (self.section_feed_title(section), section.feed_url))
                self._section_feeds[section.listings[0].src_uri] = feeds
                for page in section.pages:
                    self._section_feeds[page.src_uri] = feeds

    def section_feed_title(self, section: Section) -> str:
        return self.spec.say(
            words.SECTION_FEED, site=self.spec.site_name, kinds=self.spec.plural(section.kind)
        )

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

    def section_filters(self, section: Section) -> list[tuple[str, list[TermLink]]]:
        """A dated section's filter, by taxonomy title: each term some page of the section's
        kind carries, linked to that kind's group on the term's page (which lists all of
        them, on every page of the list: not only the current one) with its true count.
        One link per term, so no page of the list grows with the site."""
        kind = section.kind
        return [
            (index.taxonomy.title, links)
            for index in self.taxonomies
            if (
                links := [
                    TermLink(entry, len(entry.groups[kind]), entry.kind_starts[kind])
                    for entry in index.terms
                    if kind in entry.groups
                ]
            )
        ]

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
        """(title, path from the site root) of the feeds a page advertises: the site's, and its
        section's or its term's."""
        if not self.has_feeds:
            return ()
        made = self.generated_by_src_uri.get(src_uri)
        if made is not None and made.section is not None:
            src_uri = made.section.listings[0].src_uri
        entry = made.entry if made else None
        if entry is None:
            return self._section_feeds.get(src_uri, self._site_feed)
        term_feed = (
            self.spec.say(words.TERM_FEED, site=self.spec.site_name, term=entry.term.title),
            entry.feed_url,
        )
        return (*self._site_feed, term_feed)

    def term_titles(self) -> dict[tuple[str, str], str]:
        return {key: entry.term.title for key, entry in self.terms.items()}

    def feeds(self, language: str = "en") -> list[Feed]:
        """The site's feed (every dated page), one per dated section when there are several,
        and one per term; call once excerpts are known."""
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
                page_url=self.blog.sections[0].listings[0].url,
                posts=self.blog.posts[: self.spec.feed_items],
                **common,  # type: ignore[arg-type]
            )
        ]
        for section in self.blog.sections:
            if section.feed_url == "feed.xml":
                continue
            feeds.append(
                build_feed(
                    path=section.feed_url,
                    title=self.section_feed_title(section),
                    description=self.spec.say(
                        words.SECTION_ABOUT, kinds=self.spec.plural(section.kind), site=self.spec.site_name
                    ),
                    page_url=section.listings[0].url,
                    posts=section.pages[: self.spec.feed_items],
                    **common,  # type: ignore[arg-type]
                )
            )
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


def _handouts(handed_out: Iterable[PageRecord], spec: SiteSpec) -> list[GeneratedPage]:
    """A page of its own for each page's handout, under the page's address."""
    pages = []
    for page in handed_out:
        src_uri = beneath(page.src_uri, "handout")
        pages.append(
            GeneratedPage(
                "handout",
                src_uri,
                url_for(src_uri, spec.use_directory_urls),
                spec.say(words.HANDOUT, title=page.title),
                spec.say(words.HANDOUT_ABOUT, title=page.title),
                page=page,
            )
        )
    return pages


def _pack(index: TaxonomyIndex, entry: TermEntry, spec: SiteSpec) -> list[GeneratedPage]:
    """A term's workshop pack: the handouts of its pages, in its list's order (none without
    a handout: there would be nothing to print)."""
    handouts = [page for group in entry.groups.values() for page in group if page.has_handout]
    if not handouts:
        return []
    src_uri = beneath(entry.src_uri, "pack")
    term = entry.term.title
    return [
        GeneratedPage(
            "pack",
            src_uri,
            url_for(src_uri, spec.use_directory_urls),
            spec.say(words.PACK, term=term),
            spec.say(words.PACK_ABOUT, term=term),
            index=index,
            entry=entry,
            handouts=handouts,
        )
    ]


def _generated(
    handed_out: list[PageRecord],
    taxonomies: list[TaxonomyIndex],
    blog: Blog | None,
    sections: list[Section],
    landings: dict[str, PageRecord],
    spec: SiteSpec,
) -> list[GeneratedPage]:
    """Every page the plugin makes; ``handed_out``: the pages with a handout; ``landings``:
    the sections' ``index.md`` pages by src_uri."""
    pages = _handouts(handed_out, spec)
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
            pages += _pack(index, entry, spec)
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
    for section in sections:
        pages += _section_pages(section, landings.get(section.listings[0].src_uri), spec)
    if blog is None:
        return pages
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


def _section_pages(section: Section, landing: PageRecord | None, spec: SiteSpec) -> list[GeneratedPage]:
    """A section's list (its first page only without a landing page), and a dated one's archives."""
    kinds = spec.plural(section.kind)
    title = landing.title if landing else kinds
    words_about = words.SECTION_ABOUT if section.dated else words.SECTION_BY_TITLE
    about = spec.say(words_about, kinds=kinds, site=spec.site_name) if spec.site_name else ""
    made = "blog" if section.dated else "section"
    pages = []
    for listing in section.listings[1:] if landing else section.listings:
        shown, shown_about = _paged(spec, title, about, listing.number)
        pages.append(
            GeneratedPage(
                made, listing.src_uri, listing.url, shown, shown_about, listing=listing, section=section
            )
        )
    if not section.dated:
        return pages
    archive_index = GeneratedPage(
        "archive-index",
        section.archive_src_uri,
        section.archive_url,
        spec.say(words.ARCHIVE, kinds=kinds),
        spec.say(words.ARCHIVE_ABOUT, kinds=kinds),
        section=section,
    )
    pages.append(archive_index)
    for archive in section.archives:
        year = spec.say(words.YEAR, kinds=kinds, year=archive.year)
        about_year = spec.say(words.YEAR_ABOUT, kinds=kinds, year=archive.year)
        for listing in archive.listings:
            shown, shown_about = _paged(spec, year, about_year, listing.number)
            pages.append(
                GeneratedPage(
                    "archive",
                    listing.src_uri,
                    listing.url,
                    shown,
                    shown_about,
                    archive=archive,
                    listing=listing,
                    section=section,
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
            folders=[(s.key, s.kind) for s in spec.dated_sources],
            per_page=spec.posts_per_page,
            list_per_page=spec.items_per_page,
            use_directory_urls=spec.use_directory_urls,
        )
        if has_blog
        else None
    )
    undated = build_sections(
        candidates,
        [(s.key, s.kind) for s in spec.sources if s.kind not in dated],
        per_page=spec.items_per_page,
        use_directory_urls=spec.use_directory_urls,
    )
    order = {s.key: i for i, s in enumerate(spec.sources)}
    sections = sorted(
        (*(blog.sections if blog else ()), *undated), key=lambda s: order.get(s.key, len(order))
    )
    landings = {r.src_uri: r for r in candidates if r.landing}
    handed_out = [r for r in candidates if r.has_handout]
    generated = _generated(handed_out, taxonomies, blog, sections, landings, spec)
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
        sections=sections,
        generated=generated,
        problems=collisions + check_easy_read(pages),
    )


def _rebuild(
    pages: list[PageRecord], authors: dict[str, Author], spec: SiteSpec, problems: list[Problem]
) -> Indexes:
    indexes = build_indexes(pages, authors, spec)
    indexes.problems = problems + indexes.problems
    return indexes
