"""The site's settings as plain data: taxonomies, sources, blog options, and where each is written.

The adapter fills a ``SiteSpec`` from ``mkdocs.yml`` (validated by the engine's own
config classes); nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = [
    "DEFAULT_KINDS",
    "KindSpec",
    "SiteSpec",
    "SourceSpec",
    "TaxonomySpec",
    "TermSpec",
    "build_date",
    "nav_entries",
    "option_lines",
]


@dataclass(frozen=True, slots=True)
class TermSpec:
    """One term of a taxonomy (``power``)."""

    slug: str
    title: str
    description: str = ""
    easy_read: str = ""
    """Name (from docs/) of the Easy Read page about the term, or empty."""


@dataclass(frozen=True, slots=True)
class TaxonomySpec:
    """A taxonomy: its key is both the front matter key and the URL segment."""

    key: str
    title: str
    description: str = ""
    terms: tuple[TermSpec, ...] = ()

    def term(self, slug: str) -> TermSpec | None:
        return next((t for t in self.terms if t.slug == slug), None)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(t.slug for t in self.terms)


@dataclass(frozen=True, slots=True)
class KindSpec:
    """A content kind (``guide``): what one page and a group of them are called, and
    whether its pages are dated (need ``date`` and ``authors``, and form the blog)."""

    key: str
    title: str
    plural: str
    dated: bool = False
    dir: str = ""
    """Where ``make new`` puts a page of this kind, from the configuration's folder; empty:
    the source folder of this kind, else the docs folder."""


DEFAULT_KINDS = (
    KindSpec("guide", "Guide", "Guidance", dir="docs/guidance"),
    KindSpec("principle", "Principle", "Principles", dir="docs/principles"),
    KindSpec("tool", "Tool", "Tools"),
    KindSpec("post", "Blog post", "Blog posts", dated=True),
)
"""The kinds a site has unless its configuration lists its own, in listing order."""


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A folder beside ``docs/`` built into the site under ``/<key>/``."""

    key: str
    dir: str
    kind: str


@dataclass(frozen=True, slots=True)
class SiteSpec:
    """Everything the core needs from ``mkdocs.yml``."""

    site_name: str = ""
    site_url: str = ""
    site_description: str = ""
    site_author: str = ""
    copyright: str = ""
    """As written: the theme shows them as text (``copyright`` in every page's footer)."""
    docs_dir: str = "docs"
    """The docs folder, relative to the folder holding the configuration file."""
    use_directory_urls: bool = True
    sources: tuple[SourceSpec, ...] = ()
    kinds: tuple[KindSpec, ...] = DEFAULT_KINDS
    """In listing order; the first is what docs/ pages are unless they say otherwise."""
    taxonomies: tuple[TaxonomySpec, ...] = ()
    authors_file: str = ""
    related: int = 5
    posts_per_page: int = 10
    items_per_page: int = 50
    feed_items: int = 20
    footer_links: tuple[tuple[str, str, str], ...] = ()
    """(title, page's name from docs/ or a source folder, or "", http(s) address or "")."""
    future_posts: bool = False
    feeds: bool = True
    drafts: bool = False
    """Whether drafts are shown (``mkdocs serve``) rather than left out."""
    today: dt.date = field(default_factory=dt.date.today)
    """The build date: posts dated later are held back unless ``future_posts``."""
    check_links: bool = True
    """Report links to files the site does not have (the engine's ``validation.links.not_found``)."""
    absolute_links_from_docs: bool = False
    """Links starting with ``/`` lead to files from ``docs/`` (``absolute_links: relative_to_docs``)."""
    config_file: str = "mkdocs.yml"
    """The configuration file, as messages name it."""
    lines: tuple[tuple[str, int], ...] = ()
    """Where each setting is written in ``config_file``: (dotted name, line), for messages."""
    words: tuple[tuple[str, str], ...] = ()
    """The core's words (``core.words``) in the site's language: (English, translation)."""
    language: str = "en"
    theme_dirs: tuple[str, ...] = ()
    """The theme's template folders, first found wins; empty: the theme is not known, and
    ``template:`` and ``icon:`` are not checked against it."""
    embeds_allowed: tuple[str, ...] = ()
    """Hosts whose ``<iframe>`` a page may hold (``www.youtube-nocookie.com``)."""
    markdown_extensions: tuple[Any, ...] = ()
    """The site's Markdown extensions (``markdown_extensions``): a page that could hold what
    the sanitiser leaves out is converted with them, to say what it leaves out."""
    markdown_configs: tuple[tuple[str, Any], ...] = ()
    """Their settings, by extension."""
    nav: tuple[str, ...] = ()
    """What each entry of the configuration's ``nav`` leads to, as written (``guidance/index.md``,
    ``https://...``); empty without a ``nav``. Lines are in ``lines`` as ``nav:<entry>``."""
    check_nav: bool = True
    """Report nav entries naming no file of the site (the engine's ``validation.nav.not_found``)."""
    nav_absolute_from_docs: bool = False
    """Nav entries starting with ``/`` name files from ``docs/`` (``validation.nav.absolute_links:
    relative_to_docs``); otherwise they lead elsewhere and are not checked."""
    theme_links: tuple[tuple[str, str], ...] = ()
    """Addresses of the theme's settings that it prints into links (``extra.social``'s,
    ``extra.alternate``'s, ``extra.homepage``): (setting, address as written)."""
    publish_files: tuple[str, ...] = ()
    """Files of the content folders published although of a type that may run (``*.js``,
    ``*.html``): paths from the folder holding the configuration file, ``*`` as a wildcard."""
    templates_dir: str = ""
    """The site's own templates (the theme's ``custom_dir``, ``overrides``), from the folder holding
    the configuration file; empty if none. Links in them to the site's pages are checked."""

    @property
    def dated_sources(self) -> tuple[SourceSpec, ...]:
        """The source folders of a dated kind, in configuration order: each its own section
        with archives and a feed. None: dated pages elsewhere (a docs/ page with a dated
        kind) make one at ``/posts/``, of the first dated kind."""
        dated = {k.key for k in self.kinds if k.dated}
        found = tuple(s for s in self.sources if s.kind in dated)
        if found:
            return found
        return (SourceSpec("posts", "posts", next((k.key for k in self.kinds if k.dated), "post")),)

    def landing(self, src_uri: str) -> SourceSpec | None:
        """The source folder whose landing page (its ``index.md``) ``src_uri`` is, or None."""
        folder, _, name = src_uri.partition("/")
        if name != "index.md":
            return None
        return next((s for s in self.sources if s.key == folder), None)

    @property
    def kind_keys(self) -> tuple[str, ...]:
        return tuple(k.key for k in self.kinds)

    def kind(self, key: str) -> KindSpec | None:
        return next((k for k in self.kinds if k.key == key), None)

    def plural(self, key: str) -> str:
        """What pages of a kind are called together ("Stories"), for a section's words."""
        kind = self.kind(key)
        return kind.plural if kind else key

    @property
    def docs_kind(self) -> str:
        """What a docs/ page is unless its front matter says otherwise: the first kind."""
        return self.kinds[0].key if self.kinds else "guide"

    def taxonomy(self, key: str) -> TaxonomySpec | None:
        return next((t for t in self.taxonomies if t.key == key), None)

    def say(self, message: str, **values: object) -> str:
        """``message`` (one of ``core.words``) in the site's language, its values filled in."""
        translated = next((t for m, t in self.words if m == message), message)
        return translated.format(**values) if values else translated

    def line(self, *names: str) -> int:
        """Line of the first of ``names`` (``site_url``, ``plugins.coproduction.authors``) found, else 1."""
        found = dict(self.lines)
        return next((found[n] for n in names if n in found), 1)


def build_date() -> dt.date:
    """``SOURCE_DATE_EPOCH`` as a UTC date when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def nav_entries(nav: object) -> tuple[str, ...]:
    """What each entry of a ``nav`` setting (as the engine loaded it) leads to, in order."""
    if isinstance(nav, str):
        return (nav,)
    if isinstance(nav, dict):
        return tuple(entry for value in nav.values() for entry in nav_entries(value))
    if isinstance(nav, list):
        return tuple(entry for item in nav for entry in nav_entries(item))
    return ()


def option_lines(text: str, plugin: str = "coproduction") -> tuple[tuple[str, int], ...]:
    """Where the top-level settings and the plugin's options sit in a configuration file.

    Names are dotted (``site_url``, ``plugins.coproduction.sources.posts``); each entry of
    ``nav`` is ``nav:<what it leads to>``. The file is
    composed, never constructed, so tags such as ``!ENV`` need no handling. A file that does
    not parse gives nothing: the engine reports that itself.
    """
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return ()
    found: list[tuple[str, int]] = []

    def walk(node: yaml.Node, prefix: str, depth: int) -> None:
        if not isinstance(node, yaml.MappingNode) or depth == 0:
            return
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                name = f"{prefix}{key.value}"
                found.append((name, key.start_mark.line + 1))
                walk(value, name + ".", depth - 1)

    def leaves(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            found.append((f"nav:{node.value}", node.start_mark.line + 1))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                leaves(item)
        elif isinstance(node, yaml.MappingNode):
            for _, item in node.value:
                leaves(item)

    if not isinstance(root, yaml.MappingNode):
        return ()
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        found.append((str(key.value), key.start_mark.line + 1))
        if key.value == "nav":
            leaves(value)
            continue
        if key.value != "plugins":
            walk(value, f"{key.value}.", 2)  # theme.language, validation.links.not_found
            continue
        if not isinstance(value, (yaml.SequenceNode, yaml.MappingNode)):
            continue
        entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for entry in entries:
            if isinstance(entry, yaml.ScalarNode) and entry.value == plugin:
                found.append((f"plugins.{plugin}", entry.start_mark.line + 1))
            elif isinstance(entry, yaml.MappingNode):
                for name, options in entry.value:
                    if isinstance(name, yaml.ScalarNode) and name.value == plugin:
                        found.append((f"plugins.{plugin}", name.start_mark.line + 1))
                        walk(options, f"plugins.{plugin}.", 5)
    return tuple(found)
