"""The site's search index: Pagefind's chunked static index of the built HTML folder.

Pagefind reads every page in the site folder and writes ``pagefind/``: a small entry
script and index fragments that a reader's browser fetches only for the words typed.
It indexes the folder as it is, so after an incremental build, whose folder holds every
page, the index comes out the same as a clean build's. Pages say what to index and how
(``data-pagefind-*`` attributes, written by the templates); the language is each page's
``<html lang>``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
from typing import Any

from coproduction.core.indexes import Indexes

__all__ = ["BUNDLE_DIR", "KIND_FILTER", "SearchIndexError", "build_search_index", "facets", "page_filters"]

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


def build_search_index(site_dir: str) -> list[str]:
    """Index ``site_dir`` afresh (the old index goes first, so nothing of it is left behind);
    the files written, as paths in the site folder, for the record of what the build wrote."""
    bundle = os.path.join(site_dir, BUNDLE_DIR)
    shutil.rmtree(bundle, ignore_errors=True)
    command = [_executable(), "--site", site_dir, "--output-subdir", BUNDLE_DIR, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(
            f"Pagefind could not build the search index ({detail[-1] if detail else result.returncode}): "
            "run the build again; if it fails again, report it with this message"
        )
    _canonical_filters(bundle)
    written: list[str] = []
    for folder, _, names in os.walk(bundle):
        relative = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        written.extend(f"{relative}/{name}" for name in names)
    return sorted(written)


# Pagefind 1.5 writes each filter's values, and each language's list of filters, in an
# order that changes from run to run (a hash map's), so two builds of the same pages
# differ. Its files are gzipped CBOR after a signature; the filters' are rewritten here
# with their values and the filters sorted, and renamed by their content, as Pagefind
# names them. Only these; every other file of the index comes out the same already.
_SIGNATURE = b"pagefind_dcd"
_FILTERS = 3
"""Where the list of filters is in a language's ``.pf_meta``."""


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


def _read(path: str) -> Any:
    with open(path, "rb") as f:
        data = gzip.decompress(f.read())
    assert data.startswith(_SIGNATURE), path
    return _cbor_load(data, len(_SIGNATURE))[0]


def _write(folder: str, file_name: str, prefix: str, digits: int, item: Any) -> str:
    """Write ``item`` as Pagefind does, named by its content (``file_name`` with ``{}`` for
    the name Pagefind refers to it by, ``prefix`` and a hash); that name back."""
    data = _SIGNATURE + _cbor_dump(item)
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:digits]}"
    with open(os.path.join(folder, file_name.format(name)), "wb") as f:
        f.write(gzip.compress(data, mtime=0))
    return name


def _canonical_filters(bundle: str) -> None:
    """Sort the filters of every language's index, and name their files afresh."""
    entry_path = os.path.join(bundle, "pagefind-entry.json")
    with open(entry_path, encoding="utf-8") as f:
        entry = json.load(f)
    filters = os.path.join(bundle, "filter")
    for language, about in entry["languages"].items():
        meta_path = os.path.join(bundle, f"pagefind.{about['hash']}.pf_meta")
        meta = _read(meta_path)
        renamed = {}
        # The index's metadata: version, pages, word chunks, filters ((filter, file) pairs), ...
        for name, old in meta[_FILTERS]:
            old_path = os.path.join(filters, f"{old}.pf_filter")
            name_and_values = _read(old_path)
            name_and_values[1].sort(key=lambda pair: pair[0])
            os.unlink(old_path)
            renamed[name] = _write(filters, "{}.pf_filter", f"{language}_", 7, name_and_values)
        meta[_FILTERS] = sorted([name, renamed[name]] for name, _ in meta[_FILTERS])
        os.unlink(meta_path)
        about["hash"] = _write(bundle, "pagefind.{}.pf_meta", f"{language}_", 10, meta)
    with open(entry_path, "w", encoding="utf-8") as f:
        json.dump(entry, f, ensure_ascii=False, separators=(",", ":"))
