"""The site's search index: Pagefind's chunked static index of the built HTML folder.

Pagefind reads every page in the site folder and writes ``pagefind/``: a small entry
script and index fragments that a reader's browser fetches only for the words typed.
It indexes the folder as it is, so after an incremental build, whose folder holds every
page, the index comes out the same as a clean build's. Pages say what to index and how
(``data-pagefind-*`` attributes, written by the templates); the language is each page's
``<html lang>``.
"""

from __future__ import annotations

import os
import shutil
import subprocess

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
    written: list[str] = []
    for folder, _, names in os.walk(bundle):
        relative = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        written.extend(f"{relative}/{name}" for name in names)
    return sorted(written)
