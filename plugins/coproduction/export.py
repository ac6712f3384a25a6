"""``cross-index.json``: every page with its terms, in a stable order."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from coproduction.content import Author, PageRecord
from coproduction.spec import SiteSpec

__all__ = ["cross_index"]


def cross_index(pages: Sequence[PageRecord], authors: Mapping[str, Author], spec: SiteSpec) -> str:
    """The JSON export; ``json`` escapes whatever the titles hold."""
    document: dict[str, Any] = {
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
        "pages": [
            {
                "url": page.url,
                "title": page.title,
                "description": page.description,
                "kind": page.kind,
                "terms": {tax.key: list(page.terms.get(tax.key, ())) for tax in spec.taxonomies},
                "date": page.date.isoformat() if page.date else None,
                "authors": list(page.authors),
                "source": page.path,
            }
            for page in sorted(pages, key=lambda p: p.url)
        ],
    }
    # Compact: with ``indent`` Python's json falls back from its C encoder, several times slower.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
