"""What each page shows, as a fingerprint, so an incremental build redoes exactly the pages an
edit changes; and the record of a build that the next one compares with.

A page's fingerprint covers what it shows besides the site-wide inputs (configuration,
templates, authors file, navigation: any change there rebuilds everything): its own source,
and what it shows of other pages (its related list, neighbours, the entries of a listing, the
counts of a term). Two builds whose fingerprints agree write the same page. The tests build a
site through long sequences of edits and compare every file with a clean build.

The record also lists every file of the site folder by its bytes' hash, so a build can tell
a folder the record describes from one a build stopped half way, a hand or another build
changed; and a lock keeps two builds from writing one site folder at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from coproduction.core.blog import Archive, AuthorPage, Listing, Section
from coproduction.core.checks import link_targets
from coproduction.core.indexes import GeneratedPage, Indexes
from coproduction.core.records import PageRecord, digest
from coproduction.core.taxonomy import Grouped, TaxonomyIndex

if sys.platform != "win32":
    import fcntl

__all__ = [
    "FORMAT", "SETTLE_NS", "BuildRecord", "FileState", "PageState", "SiteLock", "Survey", "file_state",
    "fingerprints", "site_files", "stale", "survey", "unwritten",
]  # fmt: skip

FORMAT = 2
"""Bumped when what a record holds changes: an older record then rebuilds everything."""


def _plain(value: Any) -> Any:
    """Front matter as plain, stable data (dates as text)."""
    if isinstance(value, Mapping):
        return tuple((str(k), _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


class _Views:
    """Digests of what pages show of the site's objects, each object digested once per build."""

    def __init__(self) -> None:
        self._memo: dict[int, str] = {}
        self._kept: list[object] = []  # keyed by id(): the objects must outlive the memo

    def _once(self, value: object, make: Callable[[], str]) -> str:
        """``make()`` for ``value``, worked out once per build."""
        key = id(value)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
            self._kept.append(value)
        return found

    def record(self, page: PageRecord) -> str:
        """What a list, a related list or a neighbour link can show of a page: everything
        its front matter says, its excerpt's source and its reading time; not the rest of
        its body (an edit there changes only the page itself)."""
        return self._once(
            page,
            lambda: digest(
                page.src_uri, page.path, page.url, page.title, page.description, page.kind, page.kind_name,
                page.dated, page.landing, _plain(page.terms), page.date, page.authors, page.draft,
                page.reviewed, page.easy_read, page.source, _plain(page.meta), page.reading_time,
                page.excerpt_digest,
            ),
        )  # fmt: skip

    def grouped(self, grouped: Grouped) -> str:
        """A term or combination as other pages show it: title, address, counts per kind,
        where each kind starts, and the narrower combinations; not each page it holds."""

        def make() -> str:
            named = ("term", "title", "feed_url")
            extra = [self.value(getattr(grouped, name)) for name in named if hasattr(grouped, name)]
            return digest(
                type(grouped).__name__, grouped.src_uri, grouped.url, extra,
                [(kind, len(pages)) for kind, pages in grouped.groups.items()],
                sorted(grouped.kind_starts.items()), [self.grouped(t) for t in getattr(grouped, "terms", ())],
                [(c.url, c.count, [t.src_uri for t in c.terms]) for c in grouped.narrower],
                [listing.url for listing in grouped.listings],
            )  # fmt: skip

        return self._once(grouped, make)

    def listed(self, value: Archive | AuthorPage) -> str:
        """A year's or an author's posts as other pages show them: its fields, how many posts
        and the addresses of its pages; not each post (a page of the list shows those)."""
        skipped = ("posts", "listings")
        fields = (f.name for f in dataclasses.fields(value) if f.name not in skipped)
        return self._once(
            value,
            lambda: digest(
                type(value).__name__, [(name, self.value(getattr(value, name))) for name in fields],
                len(value.posts), [listing.url for listing in value.listings],
            ),
        )  # fmt: skip

    def value(self, value: Any) -> Any:
        """Any view data, records, terms, years and authors by their digests."""
        if isinstance(value, PageRecord):
            return self.record(value)
        if isinstance(value, Grouped):
            return self.grouped(value)
        if isinstance(value, (Archive, AuthorPage)):
            return self.listed(value)
        if isinstance(value, Listing):
            # What a page of a list shows: its items and its pager, not every page's address
            # (``urls``, shared by all pages of the list: encoding it on each grows with the square).
            return (
                value.src_uri, value.url, value.number, value.total, self.value(value.posts),
                self.value(value.groups), tuple(value.pages), value.previous_url, value.next_url,
            )  # fmt: skip
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = [f.name for f in dataclasses.fields(value)]
            return self._once(
                value,
                lambda: digest(type(value).__name__, [(n, self.value(getattr(value, n))) for n in names]),
            )
        if isinstance(value, Mapping):
            return tuple((self.value(k), self.value(v)) for k, v in value.items())
        if isinstance(value, (list, tuple)):  # NamedTuples too
            return tuple(self.value(v) for v in value)
        return _plain(value)


def _section(section: Section | None, kind: str, indexes: Indexes, views: _Views) -> Any:
    """What a page of a section shows besides its list: the section's addresses, on its
    archive index its years, on its list the filter's terms, their counts and links."""
    if section is None:
        return None
    blog = indexes.blog
    return (
        section.key, section.kind, section.dated, section.archive_url, section.feed_url,
        blog.authors_url if blog is not None and blog.authors else None,
        [views.value(a) for a in section.archives] if kind == "archive-index" else None,
        [
            (title, [(views.value(link.entry.term), link.listed, link.url) for link in links])
            for title, links in indexes.section_filters(section)
        ]
        if kind == "blog" else None,
    )  # fmt: skip


def _generated(made: GeneratedPage, indexes: Indexes, views: _Views) -> str:
    """What a generated page shows: its own view data; a term's or combination's page shows
    only the name and address of its taxonomy, not the whole overview."""
    index: TaxonomyIndex | None = made.index
    shown_index: Any = views.value(index)
    if index is not None and made.kind != "overview":
        shown_index = (index.url, views.value(index.taxonomy))
    easy_read = None
    if made.entry is not None and made.entry.term.easy_read:
        easy_read = indexes.by_src_uri.get(made.entry.term.easy_read)
    blog = indexes.blog
    blog_view = None
    if blog is not None and made.kind in ("authors", "author"):
        everyone = [views.value(a) for a in blog.authors] if made.kind == "authors" else None
        blog_view = (blog.authors_url, everyone)
    # A later page of a term's or combination's list shows its items, not the counts.
    first = made.listing is None or made.listing.number == 1
    entry = views.value(made.entry) if first else (made.entry and views.value(made.entry.term))
    combination = views.value(made.combination) if first else (made.combination and made.combination.title)
    return digest(
        made.kind, made.src_uri, made.url, made.title, made.description, shown_index,
        entry, combination, views.value(made.listing),
        views.value(made.archive), views.value(made.author_page), blog_view,
        _section(made.section, made.kind, indexes, views), views.value(easy_read),
        indexes.feeds_for(made.src_uri), indexes.has_feeds,
    )  # fmt: skip


def _content(
    page: PageRecord, indexes: Indexes, views: _Views, known: Collection[str], absolute_from_docs: bool
) -> str:
    """What a content page shows: its own source, and of other pages its related list, the
    posts either side, its Easy Read or standard version, its authors, whether the files
    its links lead to exist (MkDocs rewrites a link only to a file it has), and on a
    section's landing page the first page of its list."""
    blog = indexes.blog
    neighbours = blog.neighbours.get(page.url, (None, None)) if blog else (None, None)
    people = [
        (author, indexes.authors.get(author), blog.author_urls.get(author) if blog else None)
        for author in page.authors
    ]
    easy_read = indexes.by_src_uri.get(page.easy_read) if page.easy_read else None
    links = [(target, target in known) for target in link_targets(page, absolute_from_docs)]
    section = indexes.landings.get(page.src_uri)
    listed = None
    if section is not None:
        kind = "blog" if section.dated else "section"
        listed = (_section(section, kind, indexes, views), views.value(section.listings[0]))
    return digest(
        page.source_digest, views.record(page), [views.record(r) for r in indexes.related.get(page.url, ())],
        [views.value(r) for r in neighbours], views.value(easy_read),
        views.value(indexes.standard_versions.get(page.src_uri)), _plain(people), links,
        indexes.feeds_for(page.src_uri), listed,
    )  # fmt: skip


def fingerprints(indexes: Indexes, known: Collection[str], *, absolute_from_docs: bool) -> dict[str, str]:
    """``src_uri`` -> fingerprint of every page the build publishes (content and generated)."""
    views = _Views()
    found = {
        page.src_uri: _content(page, indexes, views, known, absolute_from_docs) for page in indexes.pages
    }
    for made in indexes.generated:
        found[made.src_uri] = _generated(made, indexes, views)
    return found


SETTLE_NS = 1_000_000_000
"""How long before a file's state was taken its last change must be for the state to vouch
for its bytes later: file systems keep times in coarse ticks, so a file changed again within
the tick of its last change can keep its size and times."""


@dataclass(frozen=True, slots=True)
class FileState:
    """A file's bytes, by their hash, and the size, times and inode it had when they were hashed."""

    size: int
    mtime: int
    ctime: int
    inode: int
    digest: str


def file_state(path: str, known: FileState | None = None, trusted_before: int = 0) -> FileState | None:
    """The state of the file at ``path`` (None if there is none). Its bytes are hashed unless
    ``known`` has the same size, times and inode and its last change (ctime) was before
    ``trusted_before``: every write changes a file's ctime, which no program can set back
    (unlike its mtime), so an edit that keeps size and mtime is still hashed again."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    if (
        known is not None
        and known.ctime < trusted_before
        and key == (known.size, known.mtime, known.ctime, known.inode)
    ):
        return known
    # Stat first: a write while the file is read gives it a new ctime, so it is hashed again next time.
    with open(path, "rb") as f:
        found = hashlib.file_digest(f, "sha256").hexdigest()[:32]
    return FileState(*key, found)


def site_files(site_dir: str) -> list[str]:
    """Every file of the site folder, from it, with ``/``; not the hidden entries at its top,
    which the engine's clean build keeps too (a deployment's ``.git``)."""
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not prefix and entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():
                    found.append(prefix + entry.name)

    if os.path.isdir(site_dir):
        walk(site_dir, "")
    return sorted(found)


@dataclass(slots=True)
class Survey:
    """The site folder compared with the files a record lists."""

    states: dict[str, FileState] = field(default_factory=dict)
    """The files as the record has them."""
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    """Files the record does not list: no build the record describes wrote them."""


def survey(site_dir: str, files: Mapping[str, FileState], trusted_before: int) -> Survey:
    """Compare every file of ``site_dir`` with ``files`` (see ``file_state``)."""
    found = Survey()
    on_disk = site_files(site_dir)
    for path in on_disk:
        known = files.get(path)
        if known is None:
            found.extra.append(path)
            continue
        state = file_state(os.path.join(site_dir, *path.split("/")), known, trusted_before)
        if state is not None and state.digest == known.digest:
            found.states[path] = state
        else:
            found.changed.append(path)
    present = set(on_disk)
    found.missing = sorted(path for path in files if path not in present)
    return found


class SiteLock:
    """Only one build writes a site folder at a time: a lock (``flock``) on a file beside the
    record. The system lets go of it when the process ends, even killed, so none is left
    behind. Not on Windows."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self, waiting: Callable[[], None]) -> None:
        """Take the lock; if another build has it, call ``waiting`` and wait for it to finish."""
        if sys.platform == "win32" or self._file is not None:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        lock = open(self.path, "ab")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(lock, fcntl.LOCK_EX)
        self._file = lock

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # which lets go of the lock
            self._file = None

    def remove(self) -> None:
        """Let go of the lock and remove its file: for a folder no other build writes."""
        self.release()
        if os.path.isfile(self.path):
            os.unlink(self.path)


@dataclass(slots=True)
class PageState:
    """One page as the build that wrote it left it."""

    fingerprint: str
    excerpt: str = ""
    """A post's excerpt, taken from its rendered page: listings need it when it is not rendered."""


@dataclass(slots=True)
class BuildRecord:
    """What a build wrote and what each page depended on, kept beside the site for the next
    build (in this process or another) to compare with."""

    site_inputs: str
    """The digest of everything every page depends on (configuration, templates, navigation...)."""
    pages: dict[str, PageState] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    """Every file the build wrote, from the site folder: what a later build no longer
    writes is removed, as a clean build would not have it."""
    site_dir: str = ""
    """The site folder it describes (absolute)."""
    taken: int = 0
    """When ``files`` were taken (ns since the epoch): see ``SETTLE_NS``."""
    files: dict[str, FileState] = field(default_factory=dict)
    """Every file of the site folder when the build ended, from it."""
    sources: dict[str, FileState] = field(default_factory=dict)
    """The source of each file the engine copies (an image, a download), by the file it
    copies to: the engine copies only a source newer than its copy."""

    @classmethod
    def load(cls, path: str) -> BuildRecord | None:
        """The record at ``path``; None if there is none, or it is unreadable or of another format."""
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            if data.get("format") != FORMAT:
                return None
            return cls(
                data["site_inputs"],
                {uri: PageState(*state) for uri, state in data["pages"].items()},
                list(data["outputs"]),
                str(data["site_dir"]),
                int(data["taken"]),
                {path: FileState(*state) for path, state in data["files"].items()},
                {path: FileState(*state) for path, state in data["sources"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, path: str) -> None:
        """Write the record, atomically: a build stopped while writing it leaves none."""
        data = {
            "format": FORMAT,
            "site_inputs": self.site_inputs,
            "pages": {uri: [s.fingerprint, s.excerpt] for uri, s in self.pages.items()},
            "outputs": self.outputs,
            "site_dir": self.site_dir,
            "taken": self.taken,
            "files": {path: dataclasses.astuple(state) for path, state in self.files.items()},
            "sources": {path: dataclasses.astuple(state) for path, state in self.sources.items()},
        }
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, separators=(",", ":"))
        os.replace(temporary, path)


def stale(previous: BuildRecord | None, site_inputs: str, pages: Mapping[str, str]) -> set[str] | None:
    """The pages to rebuild (by ``src_uri``), or None for all of them: there is no usable
    record, or something every page depends on changed."""
    if previous is None or previous.site_inputs != site_inputs:
        return None
    before = previous.pages
    return {uri for uri, now in pages.items() if (old := before.get(uri)) is None or old.fingerprint != now}


def unwritten(previous: BuildRecord | None, outputs: Iterable[str]) -> list[str]:
    """Files the previous build wrote that this one does not: a page deleted or renamed."""
    if previous is None:
        return []
    now = set(outputs)
    return sorted(path for path in previous.outputs if path not in now)
