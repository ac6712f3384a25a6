"""The ``coproduction`` MkDocs plugin: routes MkDocs events to the modules that do the work."""

from __future__ import annotations

import os
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from coproduction.blog import reading_time
from coproduction.compiled import use_own_templates_cache
from coproduction.config import CoproductionConfig
from coproduction.excerpts import excerpt_of, word_count
from coproduction.outputs import write_cross_index, write_feeds
from coproduction.render import TEMPLATES, Renderer, theme_meta
from coproduction.sources import load_site, watched_paths
from coproduction.state import BuildState, make_spec
from coproduction.timings import timed, write_timings

__all__ = ["CoproductionPlugin"]

log = get_plugin_logger(__name__)

STYLESHEET = "assets/stylesheets/coproduction.css"
# Handed to MkDocs instead of the file: we parsed the front matter already, and an
# empty block stops MkDocs reading a first "Key: value" line of text as metadata.
_EMPTY_FRONT_MATTER = "---\n{}\n---\n"


class CoproductionPlugin(BasePlugin[CoproductionConfig]):
    """Barrier themes, cross-indexes and a blog for co-production toolkits."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.state: BuildState | None = None
        self.renderer: Renderer | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (event: `startup`): drafts show there."""
        self.serving = command == "serve"

    @timed
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Start a fresh build state and add our templates and CSS (event: `config`)."""
        self.state = None
        self.renderer = None
        if not self.config.enabled:
            return config
        if self.config.feeds and not config.site_url:
            raise PluginError(
                "coproduction: feeds need 'site_url' in mkdocs.yml, the address the site is "
                "published at (for example site_url: https://example.org/). "
                "Or turn feeds off with 'feeds: false' under the coproduction plugin."
            )
        root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.state = BuildState(make_spec(config, self.config, serving=self.serving), root)
        if TEMPLATES not in config.theme.dirs:
            config.theme.dirs.append(TEMPLATES)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    # After other plugins have added or removed files, so every page gets read.
    @event_priority(-50)
    @timed
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add the source folders, read every page once, build the indexes (event: `files`)."""
        state = self.state
        if state is None:
            return files
        state.indexes, problems = load_site(files, config, state.spec, state.root)
        for problem in problems:
            log.warning("%s", problem)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Keep the navigation: our generated pages get the context MkDocs gives pages (event: `nav`)."""
        if self.state is not None:
            self.state.nav = nav
        return nav

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Reload on edits in the source folders and the authors file (event: `serve`)."""
        if self.state is not None:
            for path in watched_paths(self.state.spec, self.state.root):
                server.watch(path)
        return server

    @timed
    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the text we already read, once (event: `page_read_source`)."""
        indexes = self.state.indexes if self.state else None
        if indexes is None:
            return None
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
        indexes = self.state.indexes if self.state else None
        if indexes is None:
            return markdown
        record = indexes.by_src_uri.get(page.file.src_uri)
        if record is not None:
            page.meta = theme_meta(record.meta, record.title, record.description)
        elif (made := indexes.generated_by_src_uri.get(page.file.src_uri)) is not None:
            page.meta = theme_meta({}, made.title, made.description)
        return markdown

    # Last, so the excerpt holds what every other plugin made of the page.
    @event_priority(-100)
    @timed
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Take the excerpt and reading time from the rendered page (event: `page_content`)."""
        indexes = self.state.indexes if self.state else None
        record = indexes.by_src_uri.get(page.file.src_uri) if indexes else None
        if record is not None and record.is_post:  # only posts show excerpts and reading time
            record.excerpt = excerpt_of(html)
            record.reading_time = reading_time(word_count(html))
        return html

    @timed
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Render our part of every page, now that all are read (event: `env`)."""
        state = self.state
        if state is not None and state.indexes is not None and state.nav is not None:
            use_own_templates_cache(env, TEMPLATES)
            self.renderer = Renderer(env, state.indexes)
            self.renderer.prepare(files, config, state.nav)
        return env

    # After the search plugin indexes the page, so chips and related lists stay out of search.
    @event_priority(-50)
    @timed
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Put in what ``on_env`` rendered for the page (event: `page_context`)."""
        if self.renderer is not None:
            self.renderer.page_content(page)
        return context

    @timed
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Advertise the matching feeds in the page's head (event: `post_page`)."""
        if self.renderer is None:
            return output
        links = self.renderer.head(page.file.src_uri)
        if links:
            output = output.replace("</head>", links + "</head>", 1)
        return output

    @timed
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds and the JSON export (event: `post_build`)."""
        if self.renderer is None or self.state is None or self.state.indexes is None:
            return
        if self.config.feeds:
            write_feeds(
                self.renderer.env,
                self.state.indexes,
                config.site_dir,
                config.theme.get("language", "en"),
            )
        if self.config.cross_index:
            write_cross_index(self.state.indexes, config.site_dir)

    def on_shutdown(self) -> None:
        """Write the benchmark's per-event timings, if asked for (event: `shutdown`)."""
        write_timings()
