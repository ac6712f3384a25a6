"""``cross-index.json``: every page with its terms, in a stable order."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from coproduction.core.records import Author, PageRecord
from coproduction.core.settings import SiteSpec

__all__ = ["cross_index"]

_COMPACT: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}


def _page(page: PageRecord, spec: SiteSpec) -> dict[str, Any]:
    return {
        "url": page.url,
        "title": page.title,
        "description": page.description,
        "kind": page.kind,
        "terms": {tax.key: list(page.terms.get(tax.key, ())) for tax in spec.taxonomies},
        "date": page.date.isoformat() if page.date else None,
        "authors": list(page.authors),
        "source": _source(page),
        "path": page.path,
    }


def _source(page: PageRecord) -> dict[str, Any] | None:
    source = page.source
    if source is None:
        return None
    return {
        "title": source.title,
        "author": source.author,
        "published": source.published.isoformat() if source.published else None,
        "where": source.where,
        "url": source.url,
    }


def cross_index(pages: Sequence[PageRecord], authors: Mapping[str, Author], spec: SiteSpec) -> str:
    """The JSON export; ``json`` escapes whatever the titles hold.

    Compact (with ``indent``, Python's json falls back from its C encoder), and one
    page at a time, so the pages' dictionaries never all exist at once.
    """
    head = json.dumps(
        {
            "site_name": spec.site_name,
            "site_url": spec.site_url,
            "taxonomies": {
                tax.key: {
                    "title": tax.title,
                    "description": tax.description,
                    "terms": {t.slug: {"title": t.title, "description": t.description} for t in tax.terms},
                }
                for tax in spec.taxonomies
            },
            "authors": {
                a.id: {"name": a.name, "role": a.role} for a in sorted(authors.values(), key=lambda a: a.id)
            },
        },
        **_COMPACT,
    )
    body = ",".join(json.dumps(_page(page, spec), **_COMPACT) for page in sorted(pages, key=lambda p: p.url))
    return f'{head[:-1]},"pages":[{body}]}}\n'
