"""The engine's files and the core's: docs/ files in (the engine's listing kept out of folder
links the core refuses), the source folders and generated pages out; and ``mkdocs serve``'s
copy of the last site that built."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import types
from collections.abc import Callable, Iterator
from typing import Any

import mkdocs.structure.files as engine_files
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from coproduction.core.pipeline import Site
from coproduction.core.settings import SiteSpec
from coproduction.core.sources import ContentFile, Screen
from coproduction.core.text import shorten

__all__ = [
    "LastGoodSite",
    "apply_site",
    "docs_files",
    "other_files",
    "refused_folders",
    "screen_engine_listing",
    "serve_last_good",
    "watched_paths",
    "write_site_file",
]


def _relative(path: str, root: str) -> str:
    """``path`` from ``root``, by prefix when it lies inside (``relpath`` is slow at scale)."""
    prefix = root.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.relpath(path, root).replace(os.sep, "/")


def docs_files(files: Files, spec: SiteSpec, root: str) -> list[ContentFile]:
    """The files the engine found in docs/ (or other plugins added there), pages and others,
    as the core's files: the core decides which may be read, and reads the pages."""
    found = []
    prefix = os.path.normpath(os.path.join(root, spec.docs_dir)).rstrip(os.sep) + os.sep
    for file in files:
        if file.generated_by or file.inclusion.is_excluded() or file.abs_src_path is None:
            continue
        if not file.abs_src_path.startswith(prefix):
            continue  # the theme's own files, or another plugin's from elsewhere
        found.append(
            ContentFile(
                src_uri=file.src_uri,
                abs_path=file.abs_src_path,
                path=_relative(file.abs_src_path, root),
                kind=spec.docs_kind,
                folder=spec.docs_dir,
            )
        )
    return found


class _ScreenedOs(types.ModuleType):
    """The ``os`` module as the engine's listing of docs/ sees it: ``walk`` does not follow a
    folder link that the core refuses (a loop, or one leading outside the repository).

    The engine's ``get_files`` follows every folder link: two links back up the tree make it
    walk 2^40 paths before any plugin runs, and one to ``/`` walks the machine. The links it
    is kept out of are handed to the pipeline, which reports them like any other.
    """

    def __init__(self) -> None:
        super().__init__("os")
        self.screen: Screen | None = None
        self.refused: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def walk(
        self, top: str, topdown: bool = True, onerror: Any = None, followlinks: bool = False
    ) -> Iterator[tuple[str, list[str], list[str]]]:
        for dirpath, dirnames, filenames in os.walk(top, topdown, onerror, followlinks):
            if self.screen is not None and followlinks and topdown:
                for name in [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
                    path = os.path.join(dirpath, name)
                    if not self.screen.allows_folder(path, top):
                        dirnames.remove(name)
                        self.refused.append(path)
            yield dirpath, dirnames, filenames


_SCREENED_OS = _ScreenedOs()


def screen_engine_listing(root: str | None) -> None:
    """Keep the engine's listing of docs/ out of refused folder links for this build (``root``:
    the repository), or let it follow every link (None: the plugin is off)."""
    # The name ``os`` in the engine's files module, not the os module: nothing else changes.
    vars(engine_files)["os"] = _SCREENED_OS
    _SCREENED_OS.screen = Screen(root) if root else None
    _SCREENED_OS.refused = []


def refused_folders(spec: SiteSpec, root: str) -> list[ContentFile]:
    """The folder links the engine's listing was kept out of, as files for the core to refuse."""
    docs = os.path.normpath(os.path.join(root, spec.docs_dir))
    return [
        ContentFile(
            src_uri=os.path.relpath(path, docs).replace(os.sep, "/"),
            abs_path=path,
            path=_relative(path, root),
            kind=spec.docs_kind,
            folder=spec.docs_dir,
        )
        for path in _SCREENED_OS.refused
    ]


def other_files(files: Files, config: MkDocsConfig) -> list[str]:
    """Names of the engine's files that are not pages (images, downloads), and of the pages the
    theme writes itself (``404.html``, ``sitemap.xml``): links may lead there."""
    return [*(f.src_uri for f in files if not f.is_documentation_page()), *config.theme.static_templates]


def apply_site(files: Files, config: MkDocsConfig, site: Site, root: str, generated_source: str) -> None:
    """Leave in ``files`` exactly what to build: the source folders' files added, pages
    left out of this build removed (drafts marked instead in ``mkdocs serve``), and the
    generated pages added, each naming ``generated_source`` as its file (never read: an
    incremental build decides when they are rebuilt)."""
    from_docs: dict[str, str] = {}  # per folder: relpath is slow at thousands of files
    for added in site.added:
        folder = os.path.join(root, added.folder)
        if added.folder not in from_docs:
            from_docs[added.folder] = os.path.relpath(folder, config.docs_dir).replace(os.sep, "/")
        file = File(added.src_uri, folder, config.site_dir, config.use_directory_urls)
        file.abs_src_path = added.abs_path
        # MkDocs joins edit_uri (which names docs/) with a file's edit path: climb out of docs/.
        file.edit_uri = f"{from_docs[added.folder]}/{added.src_uri.split('/', 1)[1]}"
        if (shadow := files.src_uris.get(added.src_uri)) is not None:
            files.remove(shadow)  # a docs/ file of that name: the core blamed and left it out
        files.append(file)
    for src_uri in site.left_out:
        if (gone := files.src_uris.get(src_uri)) is not None:
            files.remove(gone)
    if site.spec.drafts:
        for record in site.indexes.pages:
            if record.draft and (draft := files.src_uris.get(record.src_uri)) is not None:
                draft.inclusion = InclusionLevel.DRAFT
    for made in site.indexes.generated:
        file = File.generated(config, made.src_uri, abs_src_path=generated_source)
        if not made.in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)


def watched_paths(spec: SiteSpec, root: str) -> list[str]:
    """What ``mkdocs serve`` must watch besides docs/ and mkdocs.yml."""
    paths = [os.path.join(root, s.dir) for s in spec.sources]
    authors = os.path.join(root, spec.authors_file)
    if not any(authors.startswith(p + os.sep) for p in paths):
        paths.append(authors)
    return [p for p in paths if os.path.exists(p)]


def write_site_file(site_dir: str, path: str, text: str) -> str:
    """Write a file the build makes beside the pages (a feed, ``cross-index.json``); ``path``
    back, for the record of what the build wrote."""
    target = os.path.join(site_dir, *path.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path


def _sync(source: str, target: str) -> None:
    """Make folder ``target`` hold what ``source`` holds, copying only files that differ (by
    size and time): an incremental build changes a few files of thousands."""
    seen: set[str] = set()
    for dirpath, _, filenames in os.walk(source):
        folder = os.path.join(target, os.path.relpath(dirpath, source))
        os.makedirs(folder, exist_ok=True)
        for name in filenames:
            there = os.path.join(folder, name)
            seen.add(os.path.normpath(there))
            stat = os.stat(os.path.join(dirpath, name))
            try:
                other = os.stat(there)
                if other.st_size == stat.st_size and other.st_mtime_ns == stat.st_mtime_ns:
                    continue
            except OSError:
                pass
            shutil.copy2(os.path.join(dirpath, name), there)
    for dirpath, _, filenames in os.walk(target, topdown=False):
        for name in filenames:
            if os.path.normpath(os.path.join(dirpath, name)) not in seen:
                os.unlink(os.path.join(dirpath, name))
        if (
            dirpath != target
            and not os.listdir(dirpath)
            and not os.path.isdir(os.path.join(source, os.path.relpath(dirpath, target)))
        ):
            os.rmdir(dirpath)


class LastGoodSite:
    """A copy of ``mkdocs serve``'s site folder as the last build that worked left it.

    An edit that stops a rebuild (an exception anywhere in the engine, the theme or a
    plugin) leaves the folder half written, and the engine's server waits for a good build
    before it answers again: the preview hangs. With this copy put back, it answers with the
    last good site until the edit is fixed. Copies keep the files' times, which an
    incremental build compares.
    """

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.copy = tempfile.mkdtemp(prefix="coproduction-last-good-")
        self.keep()

    def keep(self) -> None:
        """Copy the site folder as it is now (the files that changed): the build that made it worked."""
        if os.path.isdir(self.site_dir):
            _sync(self.site_dir, self.copy)

    def restore(self) -> None:
        """Put the last good site back in the site folder."""
        os.makedirs(self.site_dir, exist_ok=True)
        _sync(self.copy, self.site_dir)

    def remove(self) -> None:
        shutil.rmtree(self.copy, ignore_errors=True)


def serve_last_good(
    server: Any, site_dir: str, log: logging.LoggerAdapter[Any] | logging.Logger
) -> LastGoodSite | None:
    """Make the server's rebuilds keep the last good site, and put it back when one fails.

    The engine's server calls ``server.builder()`` after each edit; an exception there would
    print a traceback and leave the preview hung. The builder is wrapped: a failure is
    logged as one short error, and the last good site is served until a rebuild works.
    A server without a builder to wrap is left as it is (None).
    """
    build: Callable[[], None] | None = getattr(server, "builder", None)
    if build is None:
        return None
    last_good = LastGoodSite(site_dir)

    def builder() -> None:
        try:
            build()
        except Exception as e:
            log.error(
                "the site could not be rebuilt (%s: %s). The preview shows the last good build: "
                "undo or fix the last edit and save again",
                type(e).__name__,
                shorten(str(e), 200),
            )
            try:
                last_good.restore()
            except OSError as problem:
                log.error("the last good build could not be put back (%s)", shorten(str(problem), 200))
        else:
            last_good.keep()

    server.builder = builder
    return last_good
