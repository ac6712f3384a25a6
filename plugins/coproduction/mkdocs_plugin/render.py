"""Renders our templates with the theme's Jinja environment, so ``overrides/`` can restyle them.

Each template gets a small context, documented at its top: the page (``page``,
``base_url``, ``config``) and the view data of its kind (``CONTEXTS``). URLs in view
data are from the site root; a template writes ``{{ x.url | cp_url(base_url) }}``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import jinja2
import markupsafe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from coproduction.core.blog import Listing, Section
from coproduction.core.easy_read import EasyReadView, easy_read_view
from coproduction.core.excerpts import relink
from coproduction.core.handouts import demoted, without_ids
from coproduction.core.indexes import GeneratedPage, Indexes
from coproduction.core.records import PageRecord
from coproduction.core.search import BUNDLE_DIR, facets, page_filters
from coproduction.core.urls import web_address
from coproduction.mkdocs_plugin.translations import Words

__all__ = [
    "CONTEXTS",
    "TEMPLATES",
    "Person",
    "Renderer",
    "Share",
    "Sheet",
    "generated_meta",
    "search_entry",
    "section_context",
    "theme_meta",
]

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
"""Added last to the theme's folders: a site's ``custom_dir`` wins over these."""

_H1_END_RE = re.compile(r"</h1>", re.IGNORECASE)
_ABSOLUTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def _h1_end(html: str) -> int:
    """Where the first ``</h1>`` ends, or -1. Python-Markdown writes "</h1>"; raw HTML may say "</H1>"."""
    end = html.find("</h1>")
    if end < 0 and (match := _H1_END_RE.search(html)):
        end = match.start()
    return end + len("</h1>") if end >= 0 else -1


def search_entry(made: GeneratedPage) -> str:
    """What site search indexes for a generated page: its title and description, not its
    listing (which would put every page's title into the index again, once per list)."""
    description = f"<p>{markupsafe.escape(made.description)}</p>" if made.description else ""
    return f"<h1>{markupsafe.escape(made.title)}</h1>{description}"


def theme_meta(meta: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    """``page.meta`` for the theme, with title and description escaped.

    Material prints ``page.meta.title`` and ``description`` into the page (title,
    header, nav, meta tags) without escaping. ``Markup`` makes them safe there, and
    templates that escape again leave them as they are.
    """
    escaped = {**meta, "title": markupsafe.escape(title)}
    if description:
        escaped["description"] = markupsafe.escape(description)
    return escaped


def generated_meta(made: GeneratedPage) -> dict[str, Any]:
    """``page.meta`` of a page the plugin makes; one that search leaves out says so, as a
    page's front matter would (``GeneratedPage.searched``)."""
    meta: dict[str, Any] = {}
    if not made.searched:
        meta["search"] = {"exclude": True}
    return theme_meta(meta, made.title, made.description)


def _identity(value: Any) -> Any:
    """A hashable stand-in for a block input: lists by their items' identity."""
    if isinstance(value, (list, tuple)):
        return tuple(id(item) for item in value)
    return value


def relative_url(url: str, base: str) -> str:
    """``url`` (from the site root) as a link from a page whose ``base_url`` is ``base``.

    MkDocs' ``url`` filter works out the shortest relative path each time; a
    listing makes thousands of links, so we prefix the page's ``base_url``.
    """
    if _ABSOLUTE_RE.match(url):
        return url
    if url == "./":
        url = ""
    if not base or base == ".":
        return url or "./"
    return f"{base}/{url}"


AHEAD = 50
"""How many pages ``page_content`` renders at a time: see ``Renderer.page_content``."""

BASE = "\x00base"
"""Stands for a page's ``base_url`` in fragments shared by pages at different depths."""

SLOT = "\x00share:"
"""Marks where a page's own value goes in its share tags (``Renderer.share``)."""


def rebase(html: str, base: str) -> str:
    """``html`` rendered with ``BASE``, with links from a page whose ``base_url`` is ``base``.

    The same links as ``relative_url`` gives: a link to the site root is ``./`` there.
    """
    prefix = "" if not base or base == "." else base + "/"
    return html.replace(f'{BASE}/"', f'{prefix or "./"}"').replace(f"{BASE}/", prefix)


class Share(NamedTuple):
    """What ``coproduction/share.html`` says of a page when a link to it is shared."""

    type: str
    """Open Graph's type: "article" for a content page, "website" for the rest."""
    title: str
    description: str
    url: str
    """The canonical address; empty without ``site_url``, and on the 404 page, which has none."""
    site_name: str
    locale: str
    """``theme.language`` as Open Graph writes it ("pt_BR" for "pt-BR")."""
    published: str
    """A dated page's date (YYYY-MM-DD), else empty."""


class Sheet(NamedTuple):
    """A handout as its page and a pack print it."""

    title: str
    """The title of the page it is from."""
    url: str
    """The page it is from, from the site root."""
    html: markupsafe.Markup
    """The handout, its links made for the page it is printed on."""
    address: str
    """Where its handout page is published (the full address, with ``site_url``)."""


def _sheet(record: PageRecord, shown_on: str, indexes: Indexes, *, in_pack: bool) -> Sheet:
    """``record``'s handout as printed on the page at ``shown_on``: in a pack, without ids
    (several handouts would repeat them) and its headings under the handout's title."""
    html = relink(record.handout, record.url, shown_on)
    if in_pack:
        html = demoted(without_ids(html))
    made = indexes.handout_pages[record.src_uri]
    return Sheet(record.title, record.url, markupsafe.Markup(html), indexes.absolute(made.url))


class Person(NamedTuple):
    """An author as a byline shows them; ``url`` is empty for an id the authors file lacks."""

    name: str
    role: str
    url: str


def _context(made: GeneratedPage, indexes: Indexes) -> dict[str, Any]:
    """The view data of a generated page, by its kind (see ``CONTEXTS``)."""
    blog = indexes.blog
    feeds = indexes.has_feeds
    if made.kind == "overview":
        return {"index": made.index}
    if made.kind == "term":
        assert made.entry is not None
        return {
            "index": made.index,
            "entry": made.entry,
            "listing": made.listing,
            "feed_url": made.entry.feed_url if feeds else None,
            "easy_read": indexes.by_src_uri.get(made.entry.term.easy_read),
            "pack": indexes.packs.get((made.entry.taxonomy, made.entry.term.slug)),
        }
    if made.kind == "combination":
        return {"index": made.index, "combination": made.combination, "listing": made.listing}
    printed = {"site_name": indexes.spec.site_name, "licence": indexes.spec.licence}
    if made.kind == "handout":
        assert made.page is not None  # a handout's page is made for a page
        return {"sheet": _sheet(made.page, made.url, indexes, in_pack=False), **printed}
    if made.kind == "pack":
        return {
            "index": made.index,
            "entry": made.entry,
            "sheets": [_sheet(page, made.url, indexes, in_pack=True) for page in made.handouts],
            "date": indexes.spec.today,
            **printed,
        }
    section = made.section
    if section is not None:
        kinds = indexes.spec.plural(section.kind)
        if made.kind in ("blog", "section"):
            return section_context(section, made.listing, indexes)
        if made.kind == "archive-index":
            return {"archives": section.archives, "kinds": kinds}
        return {
            "archive": made.archive,
            "listing": made.listing,
            "archive_index_url": section.archive_url,
            "kinds": kinds,
        }
    assert blog is not None, made.kind  # every other kind is an author's page or their index
    if made.kind == "authors":
        return {"authors": blog.authors}
    return {"author_page": made.author_page, "listing": made.listing, "authors_url": blog.authors_url}


def section_context(
    section: Section, listing: Listing | None, indexes: Indexes, *, landing: bool = False
) -> dict[str, Any]:
    """The view data of a page of a section's list: a generated one, or its landing page's
    (``landing``: the list goes under the page's own title and text)."""
    context = {"listing": listing, "kinds": indexes.spec.plural(section.kind), "landing": landing}
    if not section.dated:
        return context
    blog = indexes.blog
    assert blog is not None  # a dated section is the blog's
    return {
        **context,
        "filters": indexes.section_filters(section),
        "archive_url": section.archive_url,
        "authors_url": blog.authors_url if blog.authors else None,
        "feed_url": section.feed_url if indexes.has_feeds else None,
    }


CONTEXTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "overview": ("coproduction/overview.html", ("index",)),
    "term": ("coproduction/term.html", ("index", "entry", "listing", "feed_url", "easy_read", "pack")),
    "combination": ("coproduction/combination.html", ("index", "combination", "listing")),
    "blog": (
        "coproduction/blog.html",
        ("listing", "kinds", "landing", "filters", "archive_url", "authors_url", "feed_url"),
    ),
    "section": ("coproduction/section.html", ("listing", "kinds", "landing")),
    "archive-index": ("coproduction/archive-index.html", ("archives", "kinds")),
    "archive": ("coproduction/archive.html", ("archive", "listing", "archive_index_url", "kinds")),
    "authors": ("coproduction/authors.html", ("authors",)),
    "author": ("coproduction/author.html", ("author_page", "listing", "authors_url")),
    "handout": ("coproduction/handout.html", ("sheet", "site_name", "licence")),
    "pack": ("coproduction/pack.html", ("index", "entry", "sheets", "date", "site_name", "licence")),
}
"""Generated page kind -> (template, the view data it gets besides ``page``, ``base_url``, ``config``)."""


class Renderer:
    """Our templates, compiled once per build by the theme's environment."""

    def __init__(self, env: jinja2.Environment, indexes: Indexes, words: Words) -> None:
        self.env = env
        self.indexes = indexes
        self.words = words
        self._people: dict[str, list[Person]] = {}
        # Helpers for templates and for macros imported without the page's context.
        env.globals["coproduction_relink"] = relink
        env.globals["cp_kind_labels"] = {kind.key: kind.plural for kind in indexes.spec.kinds}
        # The plugin's words in the site's language; dates as its people write them.
        env.globals["cp_t"] = words.t
        env.globals["cp_nt"] = words.nt
        env.filters["cp_date"] = words.date
        env.filters["cp_url"] = relative_url
        # Fragments that pages at every depth show: rendered once, then rebased.
        item = env.globals["cp_item"] = self._shared("item")
        # A whole list of items, joined here rather than by a loop in the template.
        env.globals["cp_items"] = lambda records, base: markupsafe.Markup(
            "".join([item(record, base) for record in records])
        )
        byline = self._shared("byline")
        env.globals["cp_byline"] = lambda post, base: byline(post, base, self.people(post))
        terms = self._shared("term_links")
        env.globals["cp_terms"] = lambda record, base: terms(indexes.term_links(record), base)
        env.globals["cp_feed_item"] = self._shared("feed_item", rebased=False)
        # The footer's links, for the theme's partials: (title, URL from the site root or absolute);
        # a link to a page the site lacks is left out (the pipeline reports it).
        links = [
            (title, self._page_url(page) if page else url) for title, page, url in indexes.spec.footer_links
        ]
        # Titles escaped here, so a fork's copy of the template that prints them raw is safe too;
        # an address that is not http(s) is left out (the pipeline reports it).
        env.globals["cp_footer_links"] = [
            (markupsafe.escape(title), href)
            for (title, href), (_, page, _) in zip(links, indexes.spec.footer_links, strict=True)
            if href and (page or web_address(href))
        ]
        # The search form (overrides/partials/search.html): where it sends readers without
        # JavaScript (the first taxonomy's overview, which leads to every term page), where
        # the index is, and what results can be narrowed by.
        env.globals["cp_search"] = {
            "overview": indexes.taxonomies[0].url if indexes.taxonomies else "",
            "bundle": f"{BUNDLE_DIR}/",
            "facets": facets(indexes),
        }
        # The shared macros, loaded once per build rather than imported by every render.
        # Loaded last: a module sees only the globals that exist when it is made.
        self.macros = env.get_template("coproduction/macros.html").module
        env.globals["cp"] = self.macros
        self._heads: dict[tuple[Any, ...], str] = {}
        self._shares: dict[tuple[object, ...], str] = {}
        self._blocks: dict[tuple[Any, ...], markupsafe.Markup] = {}
        self._globals: dict[str, Any] | None = None
        self._before: tuple[Page, str | None] | None = None
        """The page being written, and its content before ``page_content`` added ours."""
        self._order: list[Page] = []
        self._position: dict[int, int] = {}
        self._ahead: dict[int, tuple[str | None, str | None, str | None]] = {}
        """Pages rendered ahead of their turn, by ``id``: (content and title they were
        rendered from, what ``_made`` made), taken when MkDocs writes them."""

    def _page_url(self, name: str) -> str:
        """The URL of a page of the site by its Markdown file's name (checked by the pipeline)."""
        record = self.indexes.by_src_uri.get(name)
        if record is not None:
            return record.url
        made = self.indexes.generated_by_src_uri.get(name)
        return made.url if made is not None else ""

    def people(self, post: PageRecord) -> list[Person]:
        """A post's authors with their roles and profile URLs, made once per post."""
        found = self._people.get(post.src_uri)
        if found is None:
            blog = self.indexes.blog
            found = []
            for author_id in post.authors:
                author = self.indexes.authors.get(author_id)
                if author is None or blog is None:
                    found.append(Person(author_id, "", ""))
                else:
                    found.append(Person(author.name, author.role, blog.author_urls[author_id]))
            self._people[post.src_uri] = found
        return found

    def _shared(self, name: str, *, rebased: bool = True) -> Callable[..., markupsafe.Markup]:
        """Macro ``name`` of ``macros.html``, rendered once per object and options.

        A post is listed on its term pages, its author's page, its year and the
        blog, at several depths. The macro runs once with ``BASE`` for the page's
        ``base_url``, and each page gets a copy with its own base put in. Macros
        with absolute links only (``rebased=False``) take no base.

        Measured on the benchmark's 2,000-page corpus: the plugin's rendering took
        0.27-0.28 s with this cache and 0.35-0.55 s without it (three builds each).
        Copies for each depth were kept too at first: 4.8 MiB at 2,000 pages, and
        more instructions than rebasing each time (callgrind, 500 pages).
        """
        made: dict[tuple[Any, ...], str] = {}  # str: Markup.replace would escape the base
        kept: list[Any] = []  # keyed by id(): the objects must outlive the cache

        def call(obj: Any, *args: Any, **options: Any) -> markupsafe.Markup:
            # Further arguments are made from the object (a post's people): not in the key.
            key = (id(obj), *options.items())
            html = made.get(key)
            if html is None:
                macro = getattr(self.macros, name)
                rest = (BASE, *args[1:]) if rebased else args
                html = made[key] = str(macro(obj, *rest, **options))
                kept.append(obj)
            # A copy per page, not kept: copies for every depth a post is listed at were
            # a quarter of the plugin's memory, and rebasing one takes microseconds.
            return markupsafe.Markup(rebase(html, args[0]) if rebased else html)

        return call

    def render(self, name: str, context: Mapping[str, Any], **extra: Any) -> str:
        return self.env.get_template(name).render({**context, **extra})

    def _additions(self, page: Page, record: PageRecord, config: MkDocsConfig) -> tuple[str, str, str]:
        """A content page's title (only if its Markdown has none), header and footer."""
        indexes = self.indexes
        # One template, one context, a few blocks: cheaper than a render per block.
        template = self.env.get_template("coproduction/page.html")
        blocks = template.blocks
        base_url = get_relative_url(".", page.url)  # as MkDocs works it out for the page
        newer, older = indexes.blog.neighbours.get(record.url, (None, None)) if indexes.blog else (None, None)
        # The globals are copied once per build (after every plugin's on_env), not by
        # new_context on every call.
        if self._globals is None:
            self._globals = dict(template.globals)
        ctx = template.new_context(
            {
                **self._globals,
                "page": page,
                "base_url": base_url,
                "config": config,
                "record": record,
                "newer": newer,
                "older": older,
                "today": indexes.spec.today,
                "easy_read": indexes.by_src_uri.get(record.easy_read) if record.easy_read else None,
                "standard": indexes.standard_versions.get(record.src_uri),
                "handout": indexes.handout_pages.get(record.src_uri),
                "terms": self._block(
                    template, "terms", term_links=indexes.term_links(record), base_url=base_url
                ),
                "related": self._block(
                    template, "related", related=indexes.related.get(record.url, ()), base_url=base_url
                ),
            },
            shared=True,
        )
        # The header (under the title) holds a summary's source, a draft banner, a post's
        # byline and the link between a page and its Easy Read version.
        has_header = record.is_post or record.draft or record.source or record.easy_read or record.has_handout
        if not has_header and record.src_uri not in indexes.standard_versions:
            header = ""
        else:
            header = "".join(blocks["header"](ctx))
        footer = "".join(blocks["footer"](ctx))
        # Material adds the title only when the content has no <h1>; ours comes first.
        title = "" if _h1_end(page.content or "") >= 0 else "".join(blocks["title"](ctx))
        return title, header, footer

    def plan(self, pages: Sequence[Page]) -> None:
        """The pages in the order MkDocs will write them (a clean build writes them all), so
        ``page_content`` can render a few ahead of the one being written."""
        self._order = list(pages)
        self._position = {id(page): i for i, page in enumerate(self._order)}

    def page_content(self, page: Page, config: MkDocsConfig) -> None:
        """Fill a generated page, or add its title, header and footer to a content page.

        Rendered as MkDocs writes the pages (event ``page_context``), when every page has
        been read and every excerpt taken; ``release`` takes it out again once the page is
        written. In a clean build the next ``AHEAD`` pages (in ``plan``'s order) are
        rendered along with this one, and held until their turn: one page at a time
        between MkDocs' own work, the same templates run with cold caches. Measured at
        2,000 pages: the plugin's ``on_page_context`` took 0.39-0.52 s one page at a
        time, 0.27-0.30 s with 50 ahead, 0.26 s with 200 (two builds each).
        """
        before = page.content
        self._before = (page, before)
        ahead = self._ahead.pop(id(page), None)
        # Rendered ahead from what the page held then: another plugin may have changed it.
        if ahead is not None and ahead[0] is before and ahead[1] == page.title:
            made = ahead[2]
        else:
            made = self._made(page, config)
            position = self._position.get(id(page))
            if position is not None:
                for later in self._order[position + 1 : position + AHEAD]:
                    if id(later) not in self._ahead:
                        self._ahead[id(later)] = (later.content, later.title, self._made(later, config))
        if made is not None:
            page.content = made

    def _made(self, page: Page, config: MkDocsConfig) -> str | None:
        """A page's content with our part in it; None for a page that is not ours."""
        indexes = self.indexes
        record = indexes.by_src_uri.get(page.file.src_uri)
        if record is None:
            made = indexes.generated_by_src_uri.get(page.file.src_uri)
            if made is None:
                return None
            template, _ = CONTEXTS[made.kind]
            context = {"page": page, "base_url": get_relative_url(".", page.url), "config": config}
            return self.render(template, context, **_context(made, indexes))
        content = page.content or ""
        if record.is_easy_read:
            # Its page template (``coproduction/easy-read.html``) shows the title and the rest.
            end = _h1_end(content)
            return content[end:] if end >= 0 and content.lstrip().startswith("<h1") else content
        title, header, footer = self._additions(page, record, config)
        section = indexes.landings.get(record.src_uri)
        if section is not None:  # a section's landing page: its list under its text
            template, _ = CONTEXTS["blog" if section.dated else "section"]
            context = {"page": page, "base_url": get_relative_url(".", page.url), "config": config}
            listed = section_context(section, section.listings[0], indexes, landing=True)
            footer = self.render(template, context, **listed) + footer
        end = _h1_end(content)
        if end < 0:
            return "".join((title, header, content, footer))
        if not header:
            return content + footer
        return "".join((content[:end], header, content[end:], footer))

    def easy_read(self, page: Page) -> EasyReadView | None:
        """The view data of an Easy Read page's template; None for any other page."""
        record = self.indexes.by_src_uri.get(page.file.src_uri)
        return easy_read_view(record, self.indexes) if record is not None and record.is_easy_read else None

    def release(self, page: Page) -> None:
        """Give the page back the content it had before ``page_content``, now that it is
        written (event ``post_page``).

        MkDocs keeps every page's content to the end of the build; what we add (a
        generated page's list, a page's byline, chips and related list) is needed only
        while the page is written. Measured at 2,000 pages (benchmark corpus, peak
        resident memory): 162 MiB with it kept, 147 MiB without; plain Material 123 MiB.
        """
        if self._before is not None and self._before[0] is page:
            page.content = self._before[1]
        self._before = None

    def _block(self, template: jinja2.Template, name: str, **inputs: Any) -> markupsafe.Markup:
        """Render a block that sees only ``inputs``, once per distinct value of them.

        Pages at the same depth with the same terms show the same chips, and pages
        of a term set share most of their related list: thousands of pages, a few
        dozen distinct blocks (benchmark corpus, 2,004 pages: 46 related lists and 42
        sets of chips). Measured at 2,000 pages, when all rendering was in one pass:
        0.27-0.28 s with this cache, 0.38-0.45 s without (three builds each).
        """
        key = (name, *(_identity(v) for v in inputs.values()))
        html = self._blocks.get(key)
        if html is None:
            html = markupsafe.Markup("".join(template.blocks[name](template.new_context(inputs))))
            self._blocks[key] = html
        return html

    def feeds(self, language: str) -> Iterator[tuple[str, str]]:
        """(path, XML) of every feed, rendered with the (autoescaping) feed template."""
        template = self.env.get_template("coproduction/feed.xml.html")
        for feed in self.indexes.feeds(language):
            yield feed.path, template.render(feed=feed)

    def share(self, page: Page | None, config: MkDocsConfig) -> str:
        """Open Graph and Twitter card tags for ``page``, or for the 404 page (``None``): they
        give a shared link its title and description. The home and 404 pages go by the site's
        name; a page's description is its own, else the site's.

        The template is rendered once for each set of tags shown, with ``SLOT`` marks where
        a page's own values go, and each page gets a copy with its values put in, escaped:
        rendering it for every page cost 65 microseconds a page (1.3 s at 20,000 pages), this
        way 7 (timeit, one page).
        """
        meta: Mapping[str, Any] = {}
        title, url, record, home = config.site_name, "", None, True
        if page is not None:
            meta = page.meta or {}
            record = self.indexes.by_src_uri.get(page.file.src_uri)
            url = page.canonical_url or ""
            home = page.is_homepage
            if not home:
                title = meta.get("title") or page.title or title
        values = Share(
            type="article" if record is not None and not home else "website",
            title=title,
            description=meta.get("description") or config.site_description or "",
            url=url,
            site_name=config.site_name,
            locale=str(config.theme.get("language") or "en").replace("-", "_"),
            published=record.date.isoformat() if record is not None and record.date else "",
        )
        own = ("title", "description", "url", "published")
        key = (values.type, *(bool(getattr(values, name)) for name in own))
        html = self._shares.get(key)
        if html is None:
            marked = values._replace(**{name: SLOT + name for name in own if getattr(values, name)})
            html = self._shares[key] = self.env.get_template("coproduction/share.html").render(share=marked)
        for name in own:
            if value := getattr(values, name):
                html = html.replace(SLOT + name, markupsafe.escape(value))
        return html

    def robots(self, config: MkDocsConfig) -> str:
        """The site's ``robots.txt``: every crawler welcome, and where the theme's sitemap is
        (a full address, so only with ``site_url``, whose path it keeps)."""
        sitemap = ""
        if config.site_url and "sitemap.xml" in config.theme.static_templates:
            sitemap = config.site_url.rstrip("/") + "/sitemap.xml"
        return self.env.get_template("coproduction/robots.txt.html").render(sitemap=sitemap)

    def head(self, page: Page) -> str:
        """``<link rel="alternate">`` tags for the feeds that match the page, the search index's
        filters for it (its kind and terms), and the paper size pages print on, cached by
        feeds, filters and depth.

        The addresses are relative: Material's script fetches a ``sitemap.xml`` beside each
        alternate link, and with the published address a preview or a copy of the site
        would ask the live site (feed readers resolve relative addresses as browsers do).
        """
        feeds = self.indexes.feeds_for(page.file.src_uri)
        filters = tuple(page_filters(self.indexes, page.file.src_uri))
        base = get_relative_url(".", page.url)
        html = self._heads.get((feeds, filters, base))
        if html is None:
            links = tuple((title, relative_url(path, base)) for title, path in feeds)
            html = self.env.get_template("coproduction/head.html").render(
                feeds=links, filters=filters, paper=self.indexes.spec.paper_size
            )
            self._heads[(feeds, filters, base)] = html
        return html
