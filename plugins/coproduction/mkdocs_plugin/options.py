"""The plugin's options in ``mkdocs.yml``, validated with MkDocs' own config options,
and the core's plain settings made from them."""

from __future__ import annotations

import dataclasses
import html
import logging
import os
import re
from collections.abc import Callable
from typing import Any

import markupsafe
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig

from coproduction.core.settings import (
    DEFAULT_KINDS,
    KindSpec,
    SiteSpec,
    SourceSpec,
    TaxonomySpec,
    TermSpec,
    build_date,
    nav_entries,
    option_lines,
)
from coproduction.core.words import CORE_WORDS
from coproduction.mkdocs_plugin.translations import Words

__all__ = [
    "CoproductionConfig",
    "KindConfig",
    "SourceConfig",
    "TaxonomyConfig",
    "TermConfig",
    "config_root",
    "drop_theme_links",
    "escape_theme_texts",
    "make_spec",
    "to_spec",
    "without_entries",
]

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Front matter keys with a meaning of their own: a taxonomy cannot take them.
_RESERVED = frozenset(
    {
        "title",
        "description",
        "kind",
        "date",
        "authors",
        "draft",
        "reviewed",
        "easy_read",
        "tags",
        "template",
        "hide",
        "search",
        "status",
        "icon",
        "subtitle",
        "comments",
    }
)


class SlugKeyed(c.DictOfItems):  # type: ignore[type-arg]
    """A dict whose keys become URL segments: lower-case letters, digits and '-' only."""

    def __init__(self, option_type: Any, default: Any = None, what: str = "key") -> None:
        super().__init__(option_type, default=default)
        self.what = what

    def run_validation(self, value: object) -> dict[str, Any]:
        if isinstance(value, dict):
            for key in value:
                if not isinstance(key, str) or not _SLUG_RE.match(key):
                    raise ValidationError(
                        f"{self.what} '{key}' must use only lower-case letters, digits and '-', "
                        "because it becomes part of a URL"
                    )
        result: dict[str, Any] = super().run_validation(value)
        return result


class Count(c.Type):  # type: ignore[type-arg]
    """A whole number no smaller than ``minimum``."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        number: int = super().run_validation(value)
        if number < self.minimum:
            raise ValidationError(f"must be {self.minimum} or more, not {number}")
        return number


class TermConfig(Config):
    """One term: ``power: {title: Power, description: ...}``."""

    title = c.Type(str)
    description = c.Type(str, default="")
    easy_read = c.Type(str, default="")
    """Path from docs/ of the Easy Read page about this term, linked from the term's page."""


class TaxonomyConfig(Config):
    """One taxonomy; its key in ``taxonomies`` is its front matter key and URL segment."""

    title = c.Type(str)
    description = c.Type(str, default="")
    terms = SlugKeyed(c.SubConfig(TermConfig), what="term")


class SourceConfig(Config):
    """A folder beside ``docs/`` built into the site: ``posts: {dir: posts, kind: post}``."""

    dir = c.Type(str)
    kind = c.Type(str)
    """One of the site's kinds (checked against ``kinds`` once both are read)."""


class FooterLinkConfig(Config):
    """``{title: Accessibility statement, page: accessibility.md}`` or ``{title: ..., url: https://...}``."""

    title = c.Type(str)
    page = c.Type(str, default="")
    url = c.Type(str, default="")


class KindConfig(Config):
    """A content kind: ``post: {title: Blog post, plural: Blog posts, dated: true}``."""

    title = c.Type(str)
    plural = c.Type(str)
    dated = c.Type(bool, default=False)
    dir = c.Type(str, default="")
    """Where ``make new`` puts pages of this kind; default: the kind's source folder, or docs/."""


class TaxonomyKeys(SlugKeyed):
    """Taxonomies must not take a front matter key that already means something."""

    def run_validation(self, value: object) -> dict[str, Any]:
        if isinstance(value, dict):
            for key in value:
                if key in _RESERVED:
                    raise ValidationError(
                        f"taxonomy '{key}' clashes with the front matter setting of the same "
                        "name: choose another key"
                    )
        return super().run_validation(value)


class CoproductionConfig(Config):
    """Options of the ``coproduction`` plugin (see PRODUCT.md)."""

    enabled = c.Type(bool, default=True)

    # Content folders beside docs_dir
    sources = SlugKeyed(c.SubConfig(SourceConfig), default={}, what="source")

    # Content kinds, in listing order (default: guide, principle, tool, post)
    kinds = SlugKeyed(c.SubConfig(KindConfig), default={}, what="kind")

    # Taxonomies: pages per term, overview, related lists, per-term feeds
    taxonomies = TaxonomyKeys(c.SubConfig(TaxonomyConfig), default={}, what="taxonomy")
    related = Count(0, default=5)

    # Blog
    authors = c.Type(str, default="posts/authors.yml")
    posts_per_page = Count(1, default=10)
    """Posts on each page of the blog, each with its excerpt."""
    items_per_page = Count(1, default=50)
    """Pages on each page of a term's, a combination's, a year's and an author's list: a line
    each, so five times the blog's, for the same weight of page and a fifth of the pages."""
    feed_items = Count(1, default=20)
    """The newest posts in each feed: no feed grows with the site."""
    footer_links = c.ListOfItems(c.SubConfig(FooterLinkConfig), default=[])
    """Links for the site's footer (``cp_footer_links`` in templates): pages of this site by
    their Markdown file, so the link is right however URLs are made, or http(s) addresses."""
    future_posts = c.Type(bool, default=False)
    """Publish posts dated after the build date (``SOURCE_DATE_EPOCH``, else today)."""
    feeds = c.Type(bool, default=True)

    # Exports
    cross_index = c.Type(bool, default=True)

    # Safety: hosts whose <iframe> a page may embed (www.youtube-nocookie.com); others are left out
    embeds_allowed = c.ListOfItems(c.Type(str), default=[])
    publish_files = c.ListOfItems(c.Type(str), default=[])
    """Files of the content folders to publish although a browser may run them (``.html``,
    ``.js``, an SVG with a script): paths from the folder of ``mkdocs.yml``, ``*`` a wildcard."""


def config_root(config: MkDocsConfig) -> str:
    """The folder holding ``mkdocs.yml``: source folders and the authors file are relative to it."""
    return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return ""  # the engine has read it already; we only want line numbers


def _plain(value: object) -> str:
    """A setting's text as written, even once ``escape_theme_texts`` has escaped it (a plugin
    instance that sees one configuration twice)."""
    if isinstance(value, markupsafe.Markup):
        return value.unescape()
    return str(value or "")


def make_spec(config: MkDocsConfig, options: CoproductionConfig, *, serving: bool, words: Words) -> SiteSpec:
    """The core's view of ``mkdocs.yml``: the plugin's options, the site settings it uses, and
    the core's words in the site's language."""
    root = config_root(config)
    config_file = config.config_file_path or os.path.join(root, "mkdocs.yml")
    links = config.validation.links
    return to_spec(
        options,
        site_name=_plain(config.site_name),
        site_url=config.site_url or "",
        site_description=_plain(config.site_description),
        site_author=_plain(config.site_author),
        copyright=_plain(config.copyright),
        docs_dir=os.path.relpath(config.docs_dir, root).replace(os.sep, "/"),
        use_directory_urls=config.use_directory_urls,
        drafts=serving,
        today=build_date(),
        check_links=links.not_found >= logging.WARNING,
        # MkDocs stores `absolute_links: relative_to_docs` as -1 (a private enum's value).
        absolute_links_from_docs=links.absolute_links == -1,
        config_file=os.path.relpath(config_file, root).replace(os.sep, "/"),
        lines=option_lines(_read(config_file)),
        words=tuple((message, words.t(message)) for message in CORE_WORDS),
        language=words.language,
        theme_dirs=tuple(config.theme.dirs),
        nav=nav_entries(config.nav),
        check_nav=config.validation.nav.not_found >= logging.WARNING,
        nav_absolute_from_docs=config.validation.nav.absolute_links == -1,
        templates_dir=(
            os.path.relpath(config.theme.custom_dir, root).replace(os.sep, "/")
            if config.theme.custom_dir
            else ""
        ),
        theme_links=theme_links(config),
        markdown_extensions=tuple(config.markdown_extensions),
        markdown_configs=tuple(config.mdx_configs.items()),
    )


_THEME_TEXTS = ("site_name", "site_description", "site_author", "repo_name", "copyright")
"""Settings the theme prints into every page as they are (Material does not escape them)."""


def escape_theme_texts(config: MkDocsConfig) -> None:
    """Hand the theme the settings it prints raw as escaped text (``Markup``, so a template
    that escapes them does not do it twice): a ``site_name`` holding ``<img onerror=...>`` is
    shown, not run. ``copyright`` is text too (Material would print its HTML): its entities
    (``&copy;``) are read first, so they still show as ©; HTML in it is a problem
    (``checks.check_copyright``). Called once the core has read the plain values."""
    for name in _THEME_TEXTS:
        value = config.get(name)
        if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
            text = html.unescape(value) if name == "copyright" else value
            config[name] = markupsafe.escape(text)


_THEME_LINKS = ("social", "alternate")
"""Lists under ``extra`` whose items' ``link`` the theme prints into a link (Material's)."""


def theme_links(config: MkDocsConfig) -> tuple[tuple[str, str], ...]:
    """The addresses of the theme's settings it prints into links: (setting, address)."""
    extra: Any = config.extra or {}
    found = [("extra.homepage", extra["homepage"])] if isinstance(extra.get("homepage"), str) else []
    for name in _THEME_LINKS:
        items = extra.get(name)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("link"), str):
                found.append((f"extra.{name}", item["link"]))
    return tuple(found)


def drop_theme_links(config: MkDocsConfig, drop: Callable[[str], bool]) -> None:
    """Leave out of the theme's settings the addresses ``drop`` refuses (``urls.unsafe_link``)."""
    extra: Any = config.extra or {}
    if isinstance(extra.get("homepage"), str) and drop(extra["homepage"]):
        del extra["homepage"]
    for name in _THEME_LINKS:
        if isinstance(items := extra.get(name), list):
            extra[name] = [
                item for item in items if not (isinstance(item, dict) and drop(str(item.get("link", ""))))
            ]


def without_entries(nav: Any, drop: Callable[[str], bool]) -> Any:
    """``nav`` (as the engine loaded it) without the entries ``drop`` refuses (``urls.unsafe_link``),
    nor sections left empty by that."""
    if isinstance(nav, list):
        items = [without_entries(item, drop) for item in nav]
        return [item for item in items if item not in (None, [], {})]
    if isinstance(nav, dict):
        entries = {key: without_entries(value, drop) for key, value in nav.items()}
        return {key: value for key, value in entries.items() if value not in (None, [], {})}
    return None if isinstance(nav, str) and drop(nav) else nav


def to_spec(options: CoproductionConfig, **site: Any) -> SiteSpec:
    """The core's view of the validated options; ``site`` adds the site-wide settings."""
    kinds = tuple(KindSpec(key, k.title, k.plural, k.dated, k.dir) for key, k in options.kinds.items())
    spec = SiteSpec(
        sources=tuple(SourceSpec(key, s.dir, s.kind) for key, s in options.sources.items()),
        kinds=kinds or DEFAULT_KINDS,
        taxonomies=tuple(
            TaxonomySpec(
                key,
                t.title,
                t.description,
                tuple(
                    TermSpec(slug, term.title, term.description, term.easy_read.lstrip("/"))
                    for slug, term in t.terms.items()
                ),
            )
            for key, t in options.taxonomies.items()
        ),
        authors_file=options.authors,
        related=options.related,
        posts_per_page=options.posts_per_page,
        items_per_page=options.items_per_page,
        feed_items=options.feed_items,
        footer_links=tuple((link.title, link.page.lstrip("/"), link.url) for link in options.footer_links),
        future_posts=options.future_posts,
        feeds=options.feeds,
        embeds_allowed=tuple(host.strip().lower() for host in options.embeds_allowed),
        publish_files=tuple(path.strip().lstrip("/") for path in options.publish_files),
        **site,
    )
    if kinds:
        return spec
    # The default kinds' names, in the site's language (a site's own kinds are its own words).
    return dataclasses.replace(
        spec,
        kinds=tuple(
            dataclasses.replace(kind, title=spec.say(kind.title), plural=spec.say(kind.plural))
            for kind in DEFAULT_KINDS
        ),
    )
