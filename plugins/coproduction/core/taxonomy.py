"""Term index of one taxonomy: term pages, the term x kind matrix, co-occurrence, untagged pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from coproduction.core.records import KINDS, PageRecord, recency_key
from coproduction.core.settings import TaxonomySpec, TermSpec
from coproduction.core.urls import url_for

__all__ = ["Cell", "TaxonomyIndex", "TermEntry", "build_index", "group_key"]


def group_key(page: PageRecord) -> tuple[int, int, str, str]:
    """Order within a kind group: posts newest first, everything else by title."""
    if page.is_post:
        return recency_key(page)
    return (1, 0, page.title.casefold(), page.url)


@dataclass(slots=True)
class TermEntry:
    """One term and every page that carries it, grouped by kind."""

    term: TermSpec
    src_uri: str
    url: str
    feed_url: str
    groups: dict[str, list[PageRecord]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(pages) for pages in self.groups.values())

    @property
    def posts(self) -> list[PageRecord]:
        return self.groups.get("post", [])


@dataclass(frozen=True, slots=True)
class Cell:
    """A matrix cell: how many pages of ``kind`` carry the term; links to that group."""

    kind: str
    count: int
    url: str


@dataclass(slots=True)
class TaxonomyIndex:
    """Everything the overview and term pages of one taxonomy show."""

    taxonomy: TaxonomySpec
    src_uri: str
    url: str
    terms: list[TermEntry]
    kinds: tuple[str, ...]
    """Kinds that occur in the site, the matrix's columns."""
    pairs: list[tuple[TermEntry, TermEntry, int]]
    """Terms that occur together on a page, most frequent first."""
    untagged: list[PageRecord]
    """Pages whose front matter leaves this taxonomy out, for editors to fix."""

    def matrix(self) -> list[tuple[TermEntry, list[Cell]]]:
        return [
            (
                entry,
                [Cell(kind, len(entry.groups.get(kind, ())), f"{entry.url}#{kind}s") for kind in self.kinds],
            )
            for entry in self.terms
        ]

    def entry(self, slug: str) -> TermEntry | None:
        return next((e for e in self.terms if e.term.slug == slug), None)


def build_index(
    taxonomy: TaxonomySpec, pages: list[PageRecord], use_directory_urls: bool = True
) -> TaxonomyIndex:
    """Index ``pages`` by the terms of ``taxonomy`` in one pass."""
    entries = {
        t.slug: TermEntry(
            term=t,
            src_uri=f"{taxonomy.key}/{t.slug}.md",
            url=url_for(f"{taxonomy.key}/{t.slug}.md", use_directory_urls),
            feed_url=f"{taxonomy.key}/{t.slug}/feed.xml",
        )
        for t in taxonomy.terms
    }
    pair_counts: Counter[tuple[str, str]] = Counter()
    kinds_seen: set[str] = set()
    untagged = []
    order = {slug: i for i, slug in enumerate(entries)}
    for page in pages:
        kinds_seen.add(page.kind)
        terms = page.terms.get(taxonomy.key, ())
        if taxonomy.key in page.untagged:
            untagged.append(page)
        for slug in terms:
            entries[slug].groups.setdefault(page.kind, []).append(page)
        for a, b in combinations(sorted(terms, key=order.__getitem__), 2):
            pair_counts[(a, b)] += 1
    for entry in entries.values():
        entry.groups = {
            kind: sorted(entry.groups[kind], key=group_key) for kind in KINDS if kind in entry.groups
        }
    pairs = sorted(
        ((entries[a], entries[b], n) for (a, b), n in pair_counts.items()),
        key=lambda p: (-p[2], order[p[0].term.slug], order[p[1].term.slug]),
    )
    return TaxonomyIndex(
        taxonomy=taxonomy,
        src_uri=f"{taxonomy.key}/index.md",
        url=url_for(f"{taxonomy.key}/index.md", use_directory_urls),
        terms=list(entries.values()),
        kinds=tuple(k for k in KINDS if k in kinds_seen),
        pairs=pairs,
        untagged=sorted(untagged, key=lambda p: p.path),
    )
