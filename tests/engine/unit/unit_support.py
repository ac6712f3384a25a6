"""Builders shared by the unit tests: a small taxonomy, a site spec and page records.

Imported by the test modules as ``unit_support`` (pytest puts this folder on ``sys.path``).
Not a ``conftest.py``: ``tests/conftest.py`` is imported by name (``from conftest import``),
and a second module of that name here would shadow it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from coproduction.core.records import PageRecord
from coproduction.core.settings import SiteSpec, SourceSpec, TaxonomySpec, TermSpec

BARRIERS = TaxonomySpec(
    key="barriers",
    title="Barriers to co-production",
    description="What holds co-production back.",
    terms=(
        TermSpec("power", "Power", "Who decides."),
        TermSpec("leadership", "Leadership", "Allies, not heroes."),
        TermSpec("diversity", "Diversity", "Who is in the room."),
        TermSpec("capacity", "Capacity", "Time and money."),
    ),
)

AUDIENCE = TaxonomySpec(
    key="audience",
    title="Audience",
    terms=(TermSpec("carers", "Carers"), TermSpec("staff", "Staff")),
)

SOURCES = (SourceSpec("posts", "posts", "post"), SourceSpec("toolkit", "toolkit", "tool"))

TODAY = dt.date(2024, 6, 1)

MakePage = Callable[..., PageRecord]


def make_page(
    url: str,
    title: str | None = None,
    *,
    kind: str = "guide",
    terms: tuple[str, ...] | dict[str, tuple[str, ...]] = (),
    date: dt.date | str | None = None,
    **fields: Any,
) -> PageRecord:
    """A page record at ``url``; ``terms`` is a tuple of barriers terms or a dict by taxonomy."""
    stem = url.strip("/") or "index"
    by_tax = dict(terms) if isinstance(terms, dict) else {"barriers": tuple(terms)}
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    fields.setdefault("dated", kind == "post")
    fields.setdefault(
        "kind_name", {"guide": "Guide", "principle": "Principle", "tool": "Tool"}.get(kind, "Blog post")
    )
    return PageRecord(
        path=fields.pop("path", f"{stem}.md"),
        src_uri=fields.pop("src_uri", f"{stem}.md"),
        url=url,
        title=title if title is not None else stem.rsplit("/", 1)[-1],
        kind=kind,
        terms=by_tax,
        date=date,
        **fields,
    )


SPEC = SiteSpec(
    site_name="Test Toolkit",
    site_url="https://example.org/toolkit/",
    sources=SOURCES,
    taxonomies=(BARRIERS,),
    authors_file="posts/authors.yml",
    related=3,
    posts_per_page=2,
    items_per_page=2,
    today=TODAY,
)
"""A site like the real one: posts and toolkit sources, the barriers taxonomy."""
