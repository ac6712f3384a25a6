"""Incremental builds that are always right: ``mkdocs build --dirty`` and ``make serve``.

The engine's dirty build rebuilds a page when its source is newer than its output, and
nothing else: pages that show what an edit changed (a term's list, a related list, the
posts either side) go stale, and so does the search index. Here every page gets a
fingerprint of what it shows (``core.incremental``); the build compares them with the record
the last build left in ``.cache/coproduction/`` and removes the output of every page whose
fingerprint changed, which the engine then rebuilds. The search index gets the entries of
the pages not rebuilt from the last build's index, and files no page writes any more go.

A build can be stopped half way (Ctrl-C, ``kill -9``), the folder changed by hand, or two
builds started at once, and the engine trusts files' times. So every build takes a lock on
its site folder, removes the record when it starts and writes it last; an incremental build
checks the folder against the record by the files' bytes, redoes what is missing or changed
and removes what no build wrote, and builds everything into an emptied folder when there is
no record of it. A copied file (an image, a download) is copied again when its source's
bytes differ from the copy's, whatever their times.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import metadata
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from coproduction.core.incremental import (
    SETTLE_NS,
    BuildRecord,
    FileState,
    PageState,
    SiteLock,
    file_state,
    fingerprints,
    site_files,
    stale,
    survey,
    unwritten,
)  # fmt: skip
from coproduction.core.pipeline import Site
from coproduction.core.records import digest
from coproduction.mkdocs_plugin.files import engine_builds

__all__ = ["GENERATED_SOURCE", "Incremental", "record_path"]

log = get_plugin_logger(__name__)

CACHE = os.path.join(".cache", "coproduction")
"""Beside the configuration file: kept out of the site, so nothing of it is published."""
GENERATED_SOURCE = "generated.md"
"""The file, in ``CACHE``, that every generated page names as its source: the engine compares
an output's time with its source's, and a page backed by text in memory is always rebuilt."""
SEARCH_INDEX = "search/search_index.json"
_DISTRIBUTIONS = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def record_path(root: str, site_dir: str) -> str:
    """Where the record of the build into ``site_dir`` is kept (one per site folder)."""
    return os.path.join(root, CACHE, f"build-{digest(os.path.abspath(site_dir))}.json")


def lock_path(root: str, site_dir: str) -> str:
    """The file builds into ``site_dir`` lock (never removed: a build may be waiting on it)."""
    return record_path(root, site_dir)[: -len(".json")] + ".lock"


def generated_source(root: str) -> str:
    """The source file of every generated page, made if missing (its content is never read)."""
    path = os.path.join(root, CACHE, GENERATED_SOURCE)
    if not os.path.isfile(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("The pages the coproduction plugin makes come from its templates, not from this file.\n")
    return path


def _stable(value: Any) -> Any:
    """Configuration as plain data that is the same in every build of the same settings."""
    if isinstance(value, Mapping):
        return tuple(sorted(((str(k), _stable(v)) for k, v in value.items()), key=lambda kv: kv[0]))
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_stable(v) for v in value)
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, BasePlugin):
        return (type(value).__qualname__, _stable(value.config))
    if hasattr(value, "dirs") and hasattr(value, "name") and hasattr(value, "items"):  # the theme
        return (value.name, tuple(value.dirs), _stable(dict(value.items())))
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


def _folder_state(folder: str | None) -> list[tuple[str, str]]:
    """Every file of ``folder`` by name and bytes (hashed every build: they are few and small):
    a changed template or word rebuilds all, even one that keeps its size and time."""
    found: list[tuple[str, str]] = []
    if not folder or not os.path.isdir(folder):
        return found
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            state = file_state(path)
            found.append((os.path.relpath(path, folder), state.digest if state else ""))
    return found


def _nav_view(items: Iterable[Any], titles: Mapping[str, str]) -> Iterator[Any]:
    """The navigation as every page shows it: sections, titles and addresses, in order."""
    for item in items:
        if isinstance(item, Section):
            yield ("section", item.title, tuple(_nav_view(item.children, titles)))
        elif isinstance(item, Link):
            yield ("link", item.title, item.url)
        else:
            uri = item.file.src_uri
            yield ("page", uri, item.url, item.title, titles.get(uri))


def _versions() -> list[tuple[str, str]]:
    found = []
    for name in _DISTRIBUTIONS:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            continue
    return found


class Incremental:
    """One build's part in incremental building: holds the site folder's lock, marks what to
    rebuild, completes the search index, removes what no page writes any more, and keeps the
    record for the next build."""

    def __init__(self, config: MkDocsConfig, root: str, *, dirty: bool, serving: bool) -> None:
        self.config = config
        self.root = root
        self.dirty = dirty
        self.serving = serving
        self.path = record_path(root, config.site_dir)
        self.lock = SiteLock(lock_path(root, config.site_dir))
        self.started = 0
        self.site: Site | None = None
        self.site_inputs = ""
        self.fingerprints: dict[str, str] = {}
        self.previous: BuildRecord | None = None
        self.rebuilt: set[str] | None = None
        """Pages this build rebuilds by ``src_uri``; None: all of them."""
        self.verified: dict[str, FileState] = {}
        """Files of the site folder found as the record has them when the build started."""
        self.sources: dict[str, FileState] = {}
        """The sources of the files the engine copies, by the file they copy to."""
        self.old_search: dict[str, list[Any]] = {}
        self.search: dict[str, list[Any]] = {}
        """Page URL -> the search entries this build made for it."""
        self._search_seen = 0
        self._search_known = True
        """False when the search plugin is not one whose entries we can keep: then the
        search index of an incremental build holds the pages it rebuilt, and the log says so."""

    def _included(self, level: InclusionLevel) -> bool:
        """Whether the engine builds a file of this level (drafts too in ``mkdocs serve``)."""
        return engine_builds(level, serving=self.serving)

    def begin(self) -> None:
        """Take the site folder's lock, waiting for another build of it to finish, and take
        the record: gone until this build ends well, so a build stopped half way leaves none
        (event ``pre_build``, before the engine empties the folder)."""
        site_dir = self.config.site_dir
        self.lock.acquire(lambda: log.info("waiting for another build into %s to finish", site_dir))
        self.started = time.time_ns()
        self.previous = BuildRecord.load(self.path)
        self.forget()

    def _inputs(self, site: Site, nav: Navigation) -> str:
        """The digest of what every page depends on: settings, templates, words, the authors
        file, the navigation, the build date, and the versions of what builds the site."""
        spec = site.spec
        indexes = site.indexes
        titles = {p.src_uri: p.title for p in indexes.pages}
        titles.update((g.src_uri, g.title) for g in indexes.generated)
        try:
            with open(os.path.join(self.root, spec.authors_file), "rb") as f:
                authors = digest(f.read())
        except OSError:
            authors = ""
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        return digest(
            _versions(), _stable(dict(self.config.items())), _folder_state(self.config.theme.custom_dir),
            _folder_state(package), authors, tuple(_nav_view(nav.items, titles)), spec.today.isoformat(),
            self.serving,
        )  # fmt: skip

    def _check_folder(self) -> BuildRecord | None:
        """The last build's record if it describes the site folder, having removed the files
        that are not as it says (the engine writes them again) and those no build wrote; None,
        and the folder emptied as a clean build empties it, if it does not."""
        site_dir = self.config.site_dir
        previous = self.previous
        if previous is not None and previous.site_dir == os.path.abspath(site_dir):
            found = survey(site_dir, previous.files, previous.taken - SETTLE_NS)
            if SEARCH_INDEX not in found.changed and (SEARCH_INDEX not in found.missing):
                for path in found.changed + found.extra:
                    _remove(site_dir, path)
                self.verified = found.states
                if found.changed or found.missing or found.extra:
                    log.info(
                        "incremental build: %d files of %s missing or changed since the last build "
                        "(built again), %d that no build wrote (removed)",
                        len(found.changed) + len(found.missing), site_dir, len(found.extra),
                    )  # fmt: skip
                return previous
        if site_files(site_dir):  # not a new folder (``mkdocs serve``'s first build)
            log.info("incremental build: no record of %s as it is: building everything", site_dir)
            clean_directory(site_dir)
        return None

    def _copies(self, files: Files, previous: BuildRecord | None) -> None:
        """Note the sources of the files the engine copies; remove each copy whose source's
        bytes differ (the engine copies a file again only when its source is newer)."""
        trusted_before = previous.taken - SETTLE_NS if previous is not None else 0
        known = previous.sources if previous is not None else {}
        site_dir = self.config.site_dir
        for file in files:
            if (
                file.is_documentation_page()
                or file.abs_src_path is None
                or not self._included(file.inclusion)
            ):
                continue
            path = _from_site(file.abs_dest_path, site_dir)
            state = file_state(file.abs_src_path, known.get(path), trusted_before)
            if state is None:
                continue
            self.sources[path] = state
            copy = self.verified.get(path)
            if self.dirty and copy is not None and copy.digest != state.digest:
                os.unlink(file.abs_dest_path)
                del self.verified[path]

    def plan(self, site: Site, files: Files, nav: Navigation) -> None:
        """Work out what to rebuild, and make the engine rebuild exactly that (event ``nav``)."""
        self.site = site
        spec = site.spec
        self.site_inputs = self._inputs(site, nav)
        self.fingerprints = fingerprints(
            site.indexes, site.known, absolute_from_docs=spec.absolute_links_from_docs
        )
        if not self.dirty:  # the engine emptied the site folder: every page is built
            self._copies(files, self.previous)
            return
        self.previous = self._check_folder()
        self._copies(files, self.previous)
        self.rebuilt = stale(self.previous, self.site_inputs, self.fingerprints)
        log.debug(
            "incremental build: %s of %d pages to rebuild",
            "all" if self.rebuilt is None else len(self.rebuilt),
            len(self.fingerprints),
        )
        kept = self.previous.pages if self.previous is not None else {}
        for file in files.documentation_pages():
            uri = file.src_uri
            if uri not in self.fingerprints:
                continue  # not ours: the engine's own rule (source newer than output)
            dest = file.abs_dest_path
            if self.rebuilt is None or uri in self.rebuilt:
                if os.path.isfile(dest):
                    os.unlink(dest)  # the engine rebuilds a page with no output
            elif os.path.isfile(dest) and file.abs_src_path is not None:
                # Unchanged (saved again, or checked out): keep it; the engine would rebuild it.
                source_time = os.stat(file.abs_src_path).st_mtime_ns
                if os.stat(dest).st_mtime_ns < source_time:
                    os.utime(dest, ns=(source_time, source_time))
                if (record := site.indexes.by_src_uri.get(uri)) is not None and uri in kept:
                    record.excerpt = kept[uri].excerpt
                    record.handout = kept[uri].handout
        if self.rebuilt is not None:
            self.old_search = _read_search_index(os.path.join(self.config.site_dir, SEARCH_INDEX))

    def unread(self, files: Files) -> Iterator[Page]:
        """The pages this build does not read again: unchanged since the last build."""
        for file in files.documentation_pages():
            if file.page is not None and file.page.markdown is None and file.src_uri in self.fingerprints:
                yield file.page

    def page_built(self, page: Page, config: MkDocsConfig) -> None:
        """Keep the search entries the search plugin made for ``page`` (event ``page_context``)."""
        entries = _search_entries(config)
        if entries is None:
            self._search_known = False
            return
        self.search[page.url] = entries[self._search_seen :]
        self._search_seen = len(entries)

    def finish(
        self, files: Files, written: Iterable[str], last: Callable[[], list[str]] | None = None
    ) -> None:
        """After the build: complete the search index, remove files no page writes any more,
        keep the record, and let go of the lock (event ``post_build``). ``written``: the files
        the plugin wrote; ``last`` writes what is made from the finished folder (Pagefind's
        index), once those files are gone, and gives the files it wrote."""
        assert self.site is not None  # planned (event ``nav``) before any page is built
        site_dir = self.config.site_dir
        built = (f for f in files if self._included(f.inclusion))
        outputs = sorted({*(_from_site(f.abs_dest_path, site_dir) for f in built), *written})
        if self.dirty:
            for path in unwritten(self.previous, outputs):
                _remove(site_dir, path)
        if self.dirty and self.rebuilt is not None:  # some pages were not rebuilt
            if self._search_known:
                self._complete_search(files)
            else:
                log.info("incremental build: this search plugin's index holds only the pages rebuilt")
        if last is not None:
            outputs = sorted({*outputs, *last()})
        excerpts = {p.src_uri: p.excerpt for p in self.site.indexes.pages if p.excerpt}
        handouts = {p.src_uri: p.handout for p in self.site.indexes.pages if p.handout}
        taken = time.time_ns()
        # Only the files this build wrote are hashed: it wrote them after it started.
        trusted_before = self.started - SETTLE_NS
        on_disk = {}
        for path in site_files(site_dir):
            state = file_state(
                os.path.join(site_dir, *path.split("/")), self.verified.get(path), trusted_before
            )
            if state is not None:
                on_disk[path] = state
        record = BuildRecord(
            self.site_inputs,
            {
                uri: PageState(fp, excerpts.get(uri, ""), handouts.get(uri, ""))
                for uri, fp in self.fingerprints.items()
            },
            outputs,
            os.path.abspath(site_dir),
            taken,
            on_disk,
            self.sources,
        )
        record.save(self.path)
        self.lock.release()

    def abandon(self) -> None:
        """Let go of the lock of a build that failed (its record is already gone)."""
        self.lock.release()

    def forget(self) -> None:
        """Remove the record (``mkdocs serve`` builds into a folder of its own that goes when
        it stops; a build that fails leaves none)."""
        if os.path.isfile(self.path):
            os.unlink(self.path)

    def _complete_search(self, files: Files) -> None:
        """Write the search index with every page: this build's entries for the pages it
        rebuilt, the last build's for the others, in the order a full build writes them."""
        path = os.path.join(self.config.site_dir, SEARCH_INDEX)
        try:
            with open(path, encoding="utf-8") as f:
                written = json.load(f)
        except (OSError, ValueError):
            return  # no search plugin (or another one): nothing to complete
        docs: list[Any] = []
        for file in files.documentation_pages(inclusion=self._included):
            url = file.page.url if file.page is not None else file.url  # the home page: "", not "./"
            found = self.search.get(url)
            docs.extend(found if found is not None else self.old_search.get(url, ()))
        data = {"config": written.get("config"), "docs": docs}
        # As the search plugin writes it, so the file is the same as a full build's.
        with open(path, "wb") as f:
            f.write(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))


def _search_entries(config: MkDocsConfig) -> list[Any] | None:
    """The list the search plugin adds each page's entries to: Material's (the theme's); an
    empty list when there is no search plugin; None for one whose entries we do not know."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None:
        return []
    entries = getattr(getattr(plugin, "search_index", None), "entries", None)
    return entries if isinstance(entries, list) else None


def _read_search_index(path: str) -> dict[str, list[Any]]:
    """The last build's search entries, by the URL of the page they are from."""
    try:
        with open(path, encoding="utf-8") as f:
            docs = json.load(f)["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    by_page: dict[str, list[Any]] = {}
    for entry in docs:
        by_page.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
    return by_page


def _from_site(path: str, site_dir: str) -> str:
    return os.path.relpath(path, site_dir).replace(os.sep, "/")


def _remove(site_dir: str, path: str) -> None:
    """Remove a file the site no longer has, and the folders it leaves empty; never outside it."""
    root = os.path.realpath(site_dir)
    target = os.path.realpath(os.path.join(root, *path.split("/")))
    if not target.startswith(root + os.sep) or not os.path.isfile(target):
        return
    os.unlink(target)
    folder = os.path.dirname(target)
    while folder != root and folder.startswith(root + os.sep) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
