"""The site's search index: Pagefind's chunked static index of the built HTML pages.

Pagefind indexes every page of the site folder and writes ``pagefind/``: a small entry
script and index fragments that a reader's browser fetches only for the words typed.
It is given each page as the build writes it (``SearchIndex``), and the pages an
incremental build keeps from the folder, in one order, so an incremental build's index is
a clean build's. Pages say what to index and how (``data-pagefind-*`` attributes, written
by the templates); the language is each page's ``<html lang>``.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import io
import json
import os
import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Collection, Sequence
from typing import Any

from coproduction.core.indexes import Indexes

__all__ = [
    "BUNDLE_DIR",
    "IGNORED",
    "KIND_FILTER",
    "SearchIndex",
    "SearchIndexError",
    "facets",
    "indexed_part",
    "page_filters",
]

KIND_FILTER = "kind"
"""The filter of what a page is (its kind's plural: "Posts"); each taxonomy's filter is its key."""

BUNDLE_DIR = "pagefind"
"""Where the index goes in the site folder; the search form loads ``pagefind/pagefind.js``."""


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def facets(indexes: Indexes) -> list[tuple[str, str, list[str]]]:
    """What search results can be narrowed by: (filter, legend, values), a taxonomy's terms
    under its title, then the kinds; the values are what ``page_filters`` gives pages.
    ``legend`` is empty for the kinds: the template names that filter in the site's language."""
    spec = indexes.spec
    kinds = [kind.plural for kind in spec.kinds] + [tax.title for tax in spec.taxonomies]
    return [
        *((tax.key, tax.title, [term.title for term in tax.terms]) for tax in spec.taxonomies if tax.terms),
        (KIND_FILTER, "", kinds),
    ]


def page_filters(indexes: Indexes, src_uri: str) -> list[tuple[str, str]]:
    """A page's (filter, value) pairs: its kind and terms; a taxonomy's own pages (overview,
    term, combination) are of the taxonomy's kind and carry the terms they list."""
    spec = indexes.spec
    record = indexes.by_src_uri.get(src_uri)
    if record is not None:
        pairs = [(KIND_FILTER, spec.plural(record.kind))]
        for tax in spec.taxonomies:
            for slug in record.terms.get(tax.key, ()):
                term = tax.term(slug)
                if term is not None:
                    pairs.append((tax.key, term.title))
        return pairs
    made = indexes.generated_by_src_uri.get(src_uri)
    if made is None or made.index is None:
        return []
    pairs = [(KIND_FILTER, made.index.taxonomy.title)]
    entries = (made.entry,) if made.entry is not None else made.combination.terms if made.combination else ()
    pairs.extend((entry.taxonomy, entry.term.title) for entry in entries)
    return pairs


def _executable() -> str:
    """Pagefind's binary, as the ``pagefind[bin]`` package ships it."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError:
        raise SearchIndexError(
            "Pagefind is not installed, so the search index cannot be built: "
            "pip install 'pagefind[bin]' (make does, from requirements.lock)"
        ) from None
    return str(get_executable())


IGNORED = (".headerlink",)
"""Left out of the index: the headings' permalinks ("Link to this section", on every heading),
which the Markdown extension writes, so no template can mark them ``data-pagefind-ignore``."""


_BODY = " data-pagefind-body"
_HEAD_END = "</head>"
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page: its ``<html>`` and ``<head>`` (language, filters,
    metadata) and the element marked ``data-pagefind-body`` (the article); not the menus,
    header and footer around it, half of a page's bytes, which Pagefind would parse and drop.
    A page without that mark, or with the words more than once, goes whole, as Pagefind
    would read it, and so does one whose element does not close."""
    head_end = html.find(_HEAD_END)
    at = html.find(_BODY, head_end)
    if head_end < 0 or at < 0 or html.find(_BODY, at + len(_BODY)) >= 0:
        return html
    start = html.rfind("<", head_end, at)
    name = _TAG_NAME.match(html, start) if start >= 0 and ">" not in html[start:at] else None
    if name is None:
        return html
    tags = re.compile(rf"<(/?){name.group(1)}[\s>]", re.IGNORECASE)
    depth = 0
    for tag in tags.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html.find(">", tag.start()) + 1
            return f"{html[: head_end + len(_HEAD_END)]}<body>{html[start:end]}</body></html>"
    return html


class _Service:
    """``pagefind --service``: requests in on its input, answers on its output, each as base64
    JSON followed by a comma. One thread writes the requests and another reads the answers,
    so the build never waits on a full pipe while Pagefind is busy (only when it is far
    behind: ``BACKLOG``); only the answers asked for are kept, and errors."""

    BACKLOG = 256
    """Requests waiting to be written, at most (pages: a few MB)."""

    def __init__(self) -> None:
        try:
            self._process = subprocess.Popen(
                [_executable(), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not start ({error}): {_AGAIN}") from None
        self._sent = 0
        self._wanted: set[int] = set()
        self._answers: dict[int, dict[str, Any]] = {}
        self.errors: list[str] = []
        self._ended = False
        self._arrived = threading.Condition()
        self._outbox: queue.Queue[bytes | None] = queue.Queue(self.BACKLOG)
        self._writer = threading.Thread(target=self._write, name="pagefind-requests", daemon=True)
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._writer.start()
        self._reader.start()
        self._closed = False

    def send(self, payload: dict[str, Any], *, answer: bool = False) -> int:
        """Send a request; its number. ``answer``: keep its answer for ``answer_to``."""
        self._sent += 1
        if answer:
            with self._arrived:
                self._wanted.add(self._sent)
        request = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        self._outbox.put(base64.b64encode(request) + b",")
        return self._sent

    def _write(self) -> None:
        requests = self._process.stdin
        assert requests is not None
        while (request := self._outbox.get()) is not None:
            with contextlib.suppress(OSError, ValueError):  # it stopped: ``answer_to`` says so
                requests.write(request)
                if self._outbox.empty():
                    requests.flush()
        with contextlib.suppress(OSError, ValueError):
            requests.close()  # the service ends when its input does

    def answer_to(self, number: int) -> dict[str, Any]:
        """Wait for the answer to request ``number``; SearchIndexError if Pagefind fails."""
        with self._arrived:
            self._arrived.wait_for(lambda: number in self._answers or self._ended or bool(self.errors))
            answer = self._answers.pop(number, None)
        if self.errors or answer is None:
            said = "; ".join(self.errors) or "it stopped"
            raise SearchIndexError(f"Pagefind could not build the search index ({said}): {_AGAIN}")
        return answer

    def _read(self) -> None:
        output = self._process.stdout
        assert isinstance(output, io.BufferedReader)
        # The start of an answer, grown in place: the index's files come as one answer of
        # megabytes (a file for each page), held once, not as chunks and a joined copy.
        pending = bytearray()
        for chunk in iter(lambda: output.read1(1 << 16), b""):
            if b"," not in chunk:
                pending += chunk
                continue
            first, *messages, rest = chunk.split(b",")
            pending += first
            self._take(pending)
            for message in messages:
                self._take(message)
            pending = bytearray(rest)
        with self._arrived:
            self._ended = True
            self._arrived.notify_all()

    def _take(self, message: bytes | bytearray) -> None:
        """Read one answer (base64 JSON), and keep it if it was asked for, or its error. An
        answer being read is let go of (``pending``, emptied) once decoded, and its bytes once
        they are text, before it is parsed: at 2,000 pages the index's files are 14 MB."""
        printed = bytes(message[:300])
        try:
            decoded = base64.b64decode(message, validate=True)
            if isinstance(message, bytearray):
                message.clear()
            text = decoded.decode("utf-8")
            del decoded
            answer = json.loads(text)
            del text
            number, payload = answer.get("message_id"), answer["payload"]
        except (ValueError, KeyError, TypeError, AttributeError):  # what it printed, not an answer
            payload, number = {"type": "Error", "message": printed.decode(errors="replace")}, None
        with self._arrived:
            if payload.get("type") == "Error":
                self.errors.append(str(payload.get("message", "")).strip()[:300])
            elif number in self._wanted:
                self._answers[number] = payload
            self._arrived.notify_all()

    def close(self) -> None:
        """End the service (it ends when its input closes), and wait for it."""
        if self._closed:
            return
        self._closed = True
        self._outbox.put(None)
        self._writer.join()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join()
        if self._process.stdout is not None:
            self._process.stdout.close()


_AGAIN = "run the build again; if it fails again, report it with this message"


class SearchIndex:
    """Pagefind's index of the site, made while the site is written: each page is handed to
    ``pagefind --service`` as it is written and indexed there, on another processor while
    the build goes on; once it has every page it makes the index's files, while the build
    ends, and ``finish`` writes them into ``site_dir/pagefind/``.

    Pagefind numbers pages in the order it is given them, and the numbers are in the
    index's files, so pages go to it in one fixed order, ``order`` (paths in the site
    folder), whatever order they come in: a page is held until the pages before it have
    gone, and a page that is not ``coming`` (an incremental build keeps it as it is, or it
    was written before the pages) is read from the site folder when its turn comes. So an
    incremental build and a clean build give Pagefind the same pages in the same order, and
    get the same index. (Pagefind keeps only the pages that mark what to index.)
    """

    def __init__(self, site_dir: str, order: Sequence[str], coming: Collection[str]) -> None:
        self.site_dir = site_dir
        self._order = list(order)
        self._coming = set(coming)
        self._next = 0
        self._held: dict[str, str | None] = {}
        self._asked = 0
        """The request for the index's files, once every page is given."""
        self._service = _Service()
        created = self._service.send(
            {"type": "NewIndex", "config": {"exclude_selectors": list(IGNORED)}}, answer=True
        )
        self._index = self._service.answer_to(created)["index_id"]

    def add(self, path: str, html: str | None) -> None:
        """The page written at ``path`` (from the site folder, with ``/``); ``html`` None:
        the engine wrote nothing there."""
        # As the engine writes it: a character UTF-8 cannot hold becomes a character reference.
        self._held[path] = (
            None if html is None else indexed_part(html).encode("utf-8", "xmlcharrefreplace").decode("utf-8")
        )
        self._pass_on(final=False)

    def _pass_on(self, *, final: bool) -> None:
        """Give Pagefind every page it can have now, in ``order``; once it has them all, ask
        for the index's files (Pagefind makes them while the build ends)."""
        while self._next < len(self._order):
            path = self._order[self._next]
            if path in self._held:
                html = self._held.pop(path)
            elif final or path not in self._coming:
                html = self._read(path)
            else:
                return  # its turn comes when it is written
            if html is not None:
                self._service.send({"type": "AddFile", "index_id": self._index, "file_path": path,
                                    "url": None, "file_contents": html})  # fmt: skip
            self._next += 1
        if not self._asked:
            self._asked = self._service.send({"type": "GetFiles", "index_id": self._index}, answer=True)

    def _read(self, path: str) -> str | None:
        try:
            with open(os.path.join(self.site_dir, *path.split("/")), "rb") as f:
                return indexed_part(f.read().decode("utf-8", errors="replace"))
        except OSError:
            return None

    def finish(self) -> list[str]:
        """Write the index (the old one goes first, so nothing of it is left behind); the
        files written, as paths in the site folder."""
        try:
            self._pass_on(final=True)
            # Pagefind's files come back in its answer and are written here: its own writing
            # (WriteFiles) answers before the last bytes of its files are on disk.
            files = self._service.answer_to(self._asked)["files"]
        finally:
            self.close()
        bundle = os.path.join(self.site_dir, BUNDLE_DIR)
        shutil.rmtree(bundle, ignore_errors=True)
        # Each file is written as it is decoded and let go (a file for each page: tens of MB
        # at thousands of pages); the few that name the filters are kept, put in order, and
        # written last.
        written, filters = [], {}
        while files:
            file = files.pop()
            path, data = file["path"], base64.b64decode(file["content"])
            if _names_filters(path):
                filters[path] = data
            else:
                written.append(_write(bundle, path, data))
        _canonical_filters(filters)
        written.extend(_write(bundle, path, data) for path, data in filters.items())
        return sorted(written)

    def close(self) -> None:
        """Stop Pagefind without writing (a build that failed), or once it has written."""
        self._held.clear()
        self._service.close()


def _write(bundle: str, path: str, data: bytes) -> str:
    """Write one of the index's files; its path in the site folder."""
    target = os.path.join(bundle, *path.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(data)
    return f"{BUNDLE_DIR}/{path}"


# Pagefind 1.5 writes each filter's values, and each language's list of filters, in an
# order that changes from run to run (a hash map's), so two builds of the same pages
# differ. Its files are gzipped CBOR after a signature; the filters' are rewritten here
# with their values and the filters sorted, and renamed by their content, as Pagefind
# names them. Only these; every other file of the index comes out the same already.
_SIGNATURE = b"pagefind_dcd"
_FILTERS = 3
"""Where the list of filters is in a language's ``.pf_meta``."""


def _names_filters(path: str) -> bool:
    """Whether a file of the index is one ``_canonical_filters`` reads or rewrites."""
    return path == "pagefind-entry.json" or path.endswith(".pf_meta") or path.startswith("filter/")


def _cbor_head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, where the item's content starts)."""
    major, info = data[at] >> 5, data[at] & 31
    if info < 24:
        return major, info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _cbor_load(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The CBOR item at ``at`` (what Pagefind writes: unsigned ints, text, arrays, maps) and its end."""
    major, value, at = _cbor_head(data, at)
    if major == 0:
        return value, at
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major in (4, 5):
        items = []
        for _ in range(value * (2 if major == 5 else 1)):
            item, at = _cbor_load(data, at)
            items.append(item)
        return (items if major == 4 else {"__map__": items}), at
    raise ValueError(f"unexpected CBOR item (major type {major})")


def _cbor_head_bytes(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("number too large")


def _cbor_dump(item: Any) -> bytes:
    if isinstance(item, int):
        return _cbor_head_bytes(0, item)
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _cbor_head_bytes(3, len(raw)) + raw
    if isinstance(item, dict):
        pairs = item["__map__"]
        return _cbor_head_bytes(5, len(pairs) // 2) + b"".join(_cbor_dump(x) for x in pairs)
    return _cbor_head_bytes(4, len(item)) + b"".join(_cbor_dump(x) for x in item)


def _load(data: bytes) -> Any:
    data = gzip.decompress(data)
    assert data.startswith(_SIGNATURE)
    return _cbor_load(data, len(_SIGNATURE))[0]


def _store(files: dict[str, bytes], file_name: str, prefix: str, digits: int, item: Any) -> str:
    """Put ``item`` in ``files`` as Pagefind writes it, named by its content (``file_name``
    with ``{}`` for the name Pagefind refers to it by, ``prefix`` and a hash); that name back."""
    data = _SIGNATURE + _cbor_dump(item)
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:digits]}"
    files[file_name.format(name)] = gzip.compress(data, mtime=0)
    return name


def _canonical_filters(files: dict[str, bytes]) -> None:
    """Sort the filters of every language's index, and name their files afresh."""
    entry = json.loads(files["pagefind-entry.json"])
    for language, about in entry["languages"].items():
        meta = _load(files.pop(f"pagefind.{about['hash']}.pf_meta"))
        renamed = {}
        # The index's metadata: version, pages, word chunks, filters ((filter, file) pairs), ...
        for name, old in meta[_FILTERS]:
            name_and_values = _load(files.pop(f"filter/{old}.pf_filter"))
            name_and_values[1].sort(key=lambda pair: pair[0])
            renamed[name] = _store(files, "filter/{}.pf_filter", f"{language}_", 7, name_and_values)
        meta[_FILTERS] = sorted([name, renamed[name]] for name, _ in meta[_FILTERS])
        about["hash"] = _store(files, "pagefind.{}.pf_meta", f"{language}_", 10, meta)
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )
