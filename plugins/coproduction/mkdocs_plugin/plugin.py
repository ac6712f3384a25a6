"""The ``coproduction`` MkDocs plugin: routes the engine's events to the modules that do the work."""

from __future__ import annotations

import logging
import os
from typing import Any, cast

import jinja2
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from coproduction.core import pipeline
from coproduction.core.accessible import accessible, hide_toc_toggle
from coproduction.core.checks import suggest
from coproduction.core.easy_read import layout
from coproduction.core.excerpts import excerpt_of
from coproduction.core.export import cross_index
from coproduction.core.handouts import handout_of, mark_handout
from coproduction.core.long_text import LongTextExtension
from coproduction.core.records import Problem
from coproduction.core.sanitise import sanitise
from coproduction.core.schema import SCHEMA_PATH, front_matter_schema
from coproduction.core.search import SearchIndex, SearchIndexError
from coproduction.core.settings import SiteSpec
from coproduction.core.tables import wrap_tables
from coproduction.core.urls import unsafe_link
from coproduction.mkdocs_plugin.easy_read import TEMPLATE as EASY_READ_TEMPLATE
from coproduction.mkdocs_plugin.easy_read import EasyReadBreaks
from coproduction.mkdocs_plugin.engine import ENGINE
from coproduction.mkdocs_plugin.files import (
    LastGoodSite,
    apply_site,
    docs_files,
    other_files,
    refused_folders,
    screen_engine_listing,
    search_index,
    serve_last_good,
    watched_paths,
    write_site_file,
)
from coproduction.mkdocs_plugin.fragments import share_fragments
from coproduction.mkdocs_plugin.heap import Heap
from coproduction.mkdocs_plugin.incremental import Incremental, generated_source
from coproduction.mkdocs_plugin.language import search_settings, toc_settings
from coproduction.mkdocs_plugin.options import (
    CoproductionConfig,
    config_root,
    drop_theme_links,
    escape_theme_texts,
    make_spec,
    without_entries,
)
from coproduction.mkdocs_plugin.render import TEMPLATES, Renderer, generated_meta, search_entry, theme_meta
from coproduction.mkdocs_plugin.template_cache import use_own_templates_cache
from coproduction.mkdocs_plugin.timings import timed, write_timings
from coproduction.mkdocs_plugin.translations import Words, words_for

__all__ = ["CoproductionPlugin"]

log = get_plugin_logger(__name__)

STYLESHEET = "assets/stylesheets/coproduction.css"
SEARCH_SCRIPT = "assets/javascripts/search.js"
"""Runs the header's search (overrides/partials/search.html) with Pagefind's index, loaded on first use."""
# Handed to MkDocs instead of the file: we parsed the front matter already, and an
# empty block stops MkDocs reading a first "Key: value" line of text as metadata.
_EMPTY_FRONT_MATTER = "---\n{}\n---\n"


def _option_message(name: str, message: str, options: CoproductionConfig) -> str:
    """The engine's warning about an option, reworded with a suggestion where it is a typo."""
    if message.startswith("Unrecognised configuration name"):
        known = sorted(name for name, _ in type(options)._schema)  # the declared options only
        return (
            f"unknown option '{name}' of the coproduction plugin.{suggest(name, known)} "
            f"Options: {', '.join(known)}"
        )
    return f"coproduction plugin option '{name}': {message}"


def _dirty_warning(record: logging.LogRecord) -> bool:
    """The engine's warning that a dirty build gets navigation and links wrong, said as
    information: this plugin rebuilds every page an edit changes."""
    if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build"):
        record.levelno, record.levelname = logging.INFO, "INFO"
        record.msg, record.args = "incremental build: only the pages an edit changes are rebuilt", ()
    return True


class CoproductionPlugin(BasePlugin[CoproductionConfig]):
    """Barrier themes, cross-indexes and a blog for co-production toolkits."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        """``--dirty``: rebuild only what changed since the last build (``make serve`` does)."""
        self.option_warnings: ConfigWarnings = []
        self.config_problems: list[tuple[str, str]] = []
        """(setting, message) found while reading the configuration, reported with its line."""
        self.words: Words | None = None
        self.spec: SiteSpec | None = None
        self.site: pipeline.Site | None = None
        self.nav: Navigation | None = None
        """The engine's navigation, for the context our generated pages are rendered with."""
        self.renderer: Renderer | None = None
        self.last_good: LastGoodSite | None = None
        """`mkdocs serve`'s copy of the last site that built, served while an edit breaks the build."""
        self.files: Files | None = None
        self.incremental: Incremental | None = None
        self.search: SearchIndex | None = None
        """Pagefind's index of this build, given each page as it is written."""
        self.heap = Heap()
        """Keeps full garbage collections off what the build holds to its end (see ``heap``)."""
        self.breaks = EasyReadBreaks()
        """Line breaks kept as lines, on Easy Read pages only (set per page in ``page_markdown``)."""

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """Validate the options (not an event: the engine calls it while loading ``mkdocs.yml``).

        Warnings, such as an unknown option, are kept and reported as problems with their
        line, like every other problem, so ``make check`` and the build print the same.
        """
        errors, self.option_warnings = super().load_config(options, config_file_path)
        return errors, []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (event: `startup`): drafts show there; and
        whether builds are incremental (``--dirty``)."""
        self.serving = command == "serve"
        self.dirty = dirty
        if dirty:
            # Its warning says navigation and links will be wrong: here they are not.
            logging.getLogger(f"{ENGINE}.commands.build").addFilter(_dirty_warning)

    # First, before the search plugin reads its settings.
    @event_priority(100)
    def _search_language(self, config: MkDocsConfig) -> None:
        """Search's word pipeline for the site's language (event: `config`)."""
        if self.config.enabled:
            search_settings(config)

    @timed
    def configure(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Make the core's settings and add our templates and CSS (event: `config`; `make
        check` calls it too). The table of contents' words come from the catalogue.

        Every build starts afresh here: the plugin instance outlives `mkdocs serve` rebuilds.
        """
        self.heap.release()  # a build that ended without `post_build` or `build_error`
        if self.incremental is not None:
            self.incremental.abandon()  # the same: its lock
        self._stop_search()  # and its search index
        self.spec, self.site, self.nav, self.renderer = None, None, None, None
        self.files, self.incremental = None, None
        self.config_problems = []
        screen_engine_listing(config_root(config) if self.config.enabled else None)
        if not self.config.enabled:
            return config
        if TEMPLATES not in config.theme.dirs:
            config.theme.dirs.append(TEMPLATES)
        custom_dir = config.theme.custom_dir
        self.words = words_for(
            str(config.theme.get("language") or "en"),
            [os.path.join(custom_dir, "locales")] if custom_dir else [],
            lambda message: self.config_problems.append(("theme.language", message)),
        )
        toc_settings(config, self.words)
        self.spec = make_spec(config, self.config, serving=self.serving, words=self.words)
        # Very long paragraphs read in pieces, as `make check` reads them: a page then costs
        # the same per character whatever its paragraphs (core/long_text.py).
        if not any(isinstance(ext, LongTextExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(LongTextExtension())  # type: ignore[arg-type]  # MkDocs takes instances too
        escape_theme_texts(config)
        # Links a browser would run stay out of the pages (the pipeline reports them).
        if config.nav:
            config.nav = without_entries(config.nav, unsafe_link)
        drop_theme_links(config, unsafe_link)
        if self.spec.check_links:
            # The pipeline reports a link to a missing file with its line and a fix, in the
            # build and `make check` alike; the engine's own message would say it again.
            log.debug("broken links: reported by the pipeline; the engine's not_found set to info")
            config.validation.links.not_found = logging.INFO
        if self.spec.check_nav:
            log.debug(
                "nav entries to missing pages: reported by the pipeline; the engine's not_found set to info"
            )
            config.validation.nav.not_found = logging.INFO
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        # An Extension in the list, as the engine allows: typed as names only.
        extensions = cast("list[Any]", config.markdown_extensions)
        if self.breaks not in extensions:
            extensions.append(self.breaks)
        if SEARCH_SCRIPT not in (str(known) for known in config.extra_javascript):
            config.extra_javascript.append(SEARCH_SCRIPT)
        return config

    on_config = CombinedEvent(_search_language, configure)

    # First, as the build starts: before the engine empties the site folder.
    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Take the site folder's lock and the last build's record (event: `pre_build`)."""
        if self.spec is not None:
            self.incremental = Incremental(
                config, config_root(config), dirty=self.dirty, serving=self.serving
            )
            self.incremental.begin()

    def read_site(self, files: Files, config: MkDocsConfig) -> pipeline.Site | None:
        """Run the pipeline over the engine's files (not an event: `on_files` and `make check` call it)."""
        spec = self.spec
        if spec is None:
            return None
        option_problems = [
            Problem(
                spec.config_file,
                spec.line(f"plugins.coproduction.{name}", "plugins.coproduction"),
                _option_message(name, message, self.config),
            )
            for name, message in self.option_warnings
        ] + [
            Problem(spec.config_file, spec.line(name, "theme"), message)
            for name, message in self.config_problems
        ]
        root = config_root(config)
        folders = refused_folders(spec, root)
        screen_engine_listing(None)  # the listing is done: other sites in this process list as usual
        return pipeline.run(
            spec,
            root,
            docs_files(files, spec, root) + folders,
            other_files=other_files(files, config),
            config_problems=option_problems,
        )

    # After other plugins have added or removed files, so every page gets read.
    @event_priority(-50)
    @timed
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Read and check every page once, build the indexes, add our pages (event: `files`)."""
        self.site = self.read_site(files, config)
        if self.site is None:
            return files
        for problem in self.site.problems:
            log.warning("%s", problem)
        root = config_root(config)
        apply_site(files, config, self.site, root, generated_source(root))
        return files

    @timed
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Keep the navigation: our generated pages get the context MkDocs gives pages; and
        work out which pages an incremental build must redo, now that every input is known
        (event: `nav`)."""
        self.nav, self.files = nav, files
        if self.site is not None and self.incremental is not None:
            self.incremental.plan(self.site, files, nav)
            # Every file, page and index is made now, and lives to the end of the build.
            self.heap.hold()
        return nav

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Reload on edits in the source folders and the authors file, and serve the last good
        site while an edit stops the build (event: `serve`)."""
        if self.spec is not None:
            for path in watched_paths(self.spec, config_root(config)):
                server.watch(path)
        if self.last_good is None:
            self.last_good = serve_last_good(server, config.site_dir, log)
        return server

    @timed
    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the text we already read, once (event: `page_read_source`)."""
        if self.site is None:
            return None
        indexes = self.site.indexes
        record = indexes.by_src_uri.get(page.file.src_uri)
        if record is not None and record.body is not None:
            body, record.body = record.body, None  # the page owns it from here
            return _EMPTY_FRONT_MATTER + body
        if page.file.src_uri in indexes.generated_by_src_uri:
            return _EMPTY_FRONT_MATTER
        return None

    # First, so every other plugin sees the front matter we checked.
    @event_priority(100)
    @timed
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the page its checked front matter (event: `page_markdown`)."""
        if self.site is None:
            return markdown
        indexes = self.site.indexes
        record = indexes.by_src_uri.get(page.file.src_uri)
        if record is not None:
            page.meta = theme_meta(record.meta, record.title, record.description)
            if record.is_easy_read:  # the plugin's choice: no front matter to forget
                page.meta["template"] = EASY_READ_TEMPLATE
        elif (made := indexes.generated_by_src_uri.get(page.file.src_uri)) is not None:
            page.meta = generated_meta(made)
        # MkDocs makes the page's Markdown converter next, with this page's setting.
        self.breaks.active = record is not None and record.is_easy_read
        return markdown

    # Last, so the excerpt holds what every other plugin made of the page.
    @event_priority(-100)
    @timed
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Pass the page's HTML through the sanitiser (the pipeline has said what it leaves
        out), put each of its tables in a region of its own, then take a post's excerpt from
        it, and its handout; give a generated page the title and description search should
        find; name headings and hide task-list checkboxes for assistive technology (event:
        `page_content`)."""
        if self.site is None:
            return accessible(html)
        indexes = self.site.indexes
        if (made := indexes.generated_by_src_uri.get(page.file.src_uri)) is not None:
            return search_entry(made)  # ours; the listing replaces it after search has read it
        html = sanitise(html, self.site.spec.embeds_allowed)
        record = indexes.by_src_uri.get(page.file.src_uri)
        # Ours, after the sanitiser: the region's role, name and tabindex are not the page's.
        assert self.words is not None  # set with the site, in configure
        html = wrap_tables(html, self.words.t("Table: {name}"), record.title if record else page.title or "")
        if record is not None and record.is_easy_read:
            html = layout(html)  # each picture beside its words
        if record is not None and record.is_post:  # only posts show excerpts
            record.excerpt = excerpt_of(html)
        html = accessible(html)
        if record is not None and record.has_handout:  # for its handout's page and packs
            record.handout = handout_of(html)
            html = mark_handout(html)
        return html

    @timed
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Make the renderer of our part of every page, and share the theme's fragments
        that pages of a folder have in common, now that all are read (event: `env`)."""
        if self.site is not None and self.nav is not None:
            use_own_templates_cache(env, TEMPLATES)
            share_fragments(env, files, self.nav, config.theme.custom_dir)
            assert self.words is not None  # set with the site, in configure
            self.renderer = Renderer(env, self.site.indexes, self.words)
            if not self.dirty:  # a dirty build writes only what changed
                self.renderer.plan([file.page for file in files.documentation_pages() if file.page])
            if self.incremental is not None:
                indexes = self.site.indexes
                for page in self.incremental.unread(files):
                    # Not rebuilt, but other pages show its title (navigation, breadcrumbs).
                    page.markdown = ""
                    made = indexes.generated_by_src_uri.get(page.file.src_uri)
                    record = indexes.by_src_uri.get(page.file.src_uri)
                    if record is not None:
                        page.meta = theme_meta(record.meta, record.title, record.description)
                    elif made is not None:
                        page.meta = generated_meta(made)
            # Every page's HTML is made now (MkDocs keeps it to the end): freeze it too.
            self.heap.hold()
            # Pagefind starts now, to index each page as it is written, beside the build.
            try:
                self.search = search_index(files, config, serving=self.serving, dirty=self.dirty)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
        return env

    # After the search plugin indexes the page, so chips and related lists stay out of search.
    @event_priority(-50)
    @timed
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Render our part of the page and put it in, and keep its search entries for
        incremental builds (event: `page_context`)."""
        if self.renderer is not None:
            self.renderer.page_content(page, config)
            if (view := self.renderer.easy_read(page)) is not None:
                # coproduction/easy-read.html's view data (the typed context names MkDocs' keys only)
                cast("dict[str, Any]", context)["cp_easy_read"] = view
        if self.incremental is not None:
            self.incremental.page_built(page, config)
        return context

    @timed
    def _head(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Add the page's share tags and the matching feeds to its head, hide Material's
        ``__toc`` toggle from assistive technology, and drop what we added to the page's
        content (event: `post_page`)."""
        if self.renderer is None:
            return hide_toc_toggle(output)
        self.renderer.release(page)
        head = self.renderer.share(page, config) + self.renderer.head(page)
        return hide_toc_toggle(output.replace("</head>", head + "</head>", 1))

    # Last, so the search index gets the page as the engine writes it.
    @event_priority(-100)
    @timed
    def _index_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand the page to the search index (event: `post_page`); the engine writes no
        file for an empty page."""
        if self.search is not None:
            self.search.add(page.file.dest_uri, output if output.strip() else None)
        return output

    on_post_page = CombinedEvent(_head, _index_page)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """Give the 404 page the share tags every page has (event: `post_template`)."""
        if self.renderer is None or template_name != "404.html":
            return output_content
        return output_content.replace("</head>", self.renderer.share(None, config) + "</head>", 1)

    # After the search plugin writes its index, which an incremental build completes.
    @event_priority(-50)
    @timed
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds, the JSON export, the front matter's schema, ``robots.txt`` and the
        search index; then the record an incremental build compares with (event: `post_build`)."""
        self.heap.release()  # every page is written
        if self.renderer is None or self.site is None:
            if self.incremental is not None:
                self.incremental.abandon()
            return
        written = []
        for path, text in self.renderer.feeds(config.theme.get("language", "en")):
            written.append(write_site_file(config.site_dir, path, text))
        indexes = self.site.indexes
        if self.config.cross_index:
            export = cross_index(indexes.pages, indexes.authors, indexes.spec)
            written.append(write_site_file(config.site_dir, "cross-index.json", export))
        written.append(
            write_site_file(config.site_dir, SCHEMA_PATH, front_matter_schema(indexes.spec, indexes.authors))
        )
        # A robots.txt of the site's own (in docs/ or the theme's folders) is copied as it is.
        if self.files is not None and self.files.get_file_from_path("robots.txt") is None:
            written.append(write_site_file(config.site_dir, "robots.txt", self.renderer.robots(config)))
        # The search index last of all: an incremental build's takes the pages it kept from
        # the folder once the files no page writes any more are gone.
        search, self.search = self.search, None
        try:
            if self.incremental is not None and self.files is not None:
                self.incremental.finish(self.files, written, search.finish if search else None)
            elif search is not None:
                search.finish()
        except SearchIndexError as error:
            if self.incremental is not None:
                self.incremental.abandon()
            raise PluginError(str(error)) from None

    def _stop_search(self) -> None:
        """Stop Pagefind without an index: the build failed, or never reached its end."""
        if self.search is not None:
            self.search.close()
            self.search = None

    def on_build_error(self, *, error: Exception) -> None:
        """Give the build's objects back to the garbage collector, and the site folder's lock
        (event: `build_error`)."""
        self.heap.release()
        self._stop_search()
        if self.incremental is not None:
            self.incremental.abandon()

    def on_shutdown(self) -> None:
        """Write the benchmark's per-event timings, if asked for, and drop the copy of the last
        good site (event: `shutdown`)."""
        write_timings()
        self._stop_search()
        if self.incremental is not None:
            self.incremental.abandon()
            if self.serving:  # its site folder goes with it
                self.incremental.forget()
                self.incremental.lock.remove()
        if self.last_good is not None:
            self.last_good.remove()
            self.last_good = None
