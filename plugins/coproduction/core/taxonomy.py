"""Term index of one taxonomy: term pages, combination pages, the term x kind matrix,
co-occurrence and untagged pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from coproduction.core.blog import Listing, paginate_groups
from coproduction.core.records import PageRecord, recency_key
from coproduction.core.settings import TaxonomySpec, TermSpec
from coproduction.core.urls import url_for

__all__ = [
    "Cell",
    "Combination",
    "Grouped",
    "TaxonomyIndex",
    "TermEntry",
    "build_index",
    "group_key",
    "join_titles",
]


def group_key(page: PageRecord) -> tuple[int, int, str, str]:
    """Order within a kind group: posts newest first, everything else by title."""
    if page.is_post:
        return recency_key(page)
    return (1, 0, page.title.casefold(), page.url)


@dataclass(slots=True, kw_only=True)
class Grouped:
    """Pages grouped by kind, listed a page of ``items_per_page`` at a time: what a term and a
    combination of terms have alike."""

    src_uri: str
    url: str
    groups: dict[str, list[PageRecord]] = field(default_factory=dict)
    narrower: list[Combination] = field(default_factory=list)
    """These terms and one more, where some page carries them all."""
    listings: list[Listing] = field(default_factory=list)
    """Its pages of ``items_per_page`` items: no page grows with the site."""
    kind_starts: dict[str, str] = field(default_factory=dict)
    """Kind -> the URL (with anchor) of the listing page where its group starts."""

    @property
    def count(self) -> int:
        return sum(len(pages) for pages in self.groups.values())


@dataclass(slots=True, kw_only=True)
class TermEntry(Grouped):
    """One term and every page that carries it, grouped by kind."""

    term: TermSpec
    taxonomy: str
    """The taxonomy's key."""
    feed_url: str

    @property
    def posts(self) -> list[PageRecord]:
        """Its pages of dated kinds, newest first: what its feed holds."""
        return sorted((p for group in self.groups.values() for p in group if p.dated), key=recency_key)


def join_titles(titles: list[str], last_of_list: str = "{first} and {last}") -> str:
    """Power; Power and Leadership; Power, Leadership and Capacity (``last_of_list`` joins
    the last two, in the site's language)."""
    if len(titles) == 1:
        return titles[0]
    return last_of_list.format(first=", ".join(titles[:-1]), last=titles[-1])


@dataclass(slots=True, kw_only=True)
class Combination(Grouped):
    """Two or more terms, and every page that carries all of them, grouped by kind.

    Made only for combinations some page carries: a page with k terms makes at most
    2^k - k - 1 of them, so their number grows with the pages, not with the terms.
    """

    terms: tuple[TermEntry, ...]
    """In the taxonomy's order, as the URL names them (``power+leadership``)."""
    title: str
    """The terms' titles joined: "Power and Leadership"."""


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
    combinations: list[Combination] = field(default_factory=list)
    """Every combination of terms some page carries, fewest terms first."""

    def matrix(self) -> list[tuple[TermEntry, list[Cell]]]:
        return [
            (
                entry,
                [
                    Cell(kind, len(entry.groups.get(kind, ())), entry.kind_starts.get(kind, entry.url))
                    for kind in self.kinds
                ],
            )
            for entry in self.terms
        ]

    def entry(self, slug: str) -> TermEntry | None:
        return next((e for e in self.terms if e.term.slug == slug), None)


def build_index(
    taxonomy: TaxonomySpec,
    pages: list[PageRecord],
    use_directory_urls: bool = True,
    kinds: tuple[str, ...] = ("guide", "principle", "tool", "post"),
    last_of_list: str = "{first} and {last}",
    per_page: int = 10,
) -> TaxonomyIndex:
    """Index ``pages`` by the terms of ``taxonomy`` in one pass."""
    entries = {
        t.slug: TermEntry(
            term=t,
            taxonomy=taxonomy.key,
            src_uri=f"{taxonomy.key}/{t.slug}.md",
            url=url_for(f"{taxonomy.key}/{t.slug}.md", use_directory_urls),
            feed_url=f"{taxonomy.key}/{t.slug}/feed.xml",
        )
        for t in taxonomy.terms
    }
    kinds_seen: set[str] = set()
    untagged = []
    order = {slug: i for i, slug in enumerate(entries)}
    combos: dict[tuple[str, ...], dict[str, list[PageRecord]]] = {}
    for page in pages:
        kinds_seen.add(page.kind)
        terms = page.terms.get(taxonomy.key, ())
        if taxonomy.key in page.untagged:
            untagged.append(page)
        for slug in terms:
            entries[slug].groups.setdefault(page.kind, []).append(page)
        ordered = sorted(terms, key=order.__getitem__)
        for size in range(2, len(ordered) + 1):
            for combo in combinations(ordered, size):
                combos.setdefault(combo, {}).setdefault(page.kind, []).append(page)
    for entry in entries.values():
        entry.groups = _sorted_groups(entry.groups, kinds)
    made = {
        combo: Combination(
            terms=tuple(entries[slug] for slug in combo),
            title=join_titles([entries[slug].term.title for slug in combo], last_of_list),
            src_uri=f"{taxonomy.key}/{'+'.join(combo)}.md",
            url=url_for(f"{taxonomy.key}/{'+'.join(combo)}.md", use_directory_urls),
            groups=_sorted_groups(groups, kinds),
        )
        for combo, groups in sorted(combos.items(), key=lambda c: (len(c[0]), [order[s] for s in c[0]]))
    }
    for combo, combination in made.items():
        for slug in entries:
            wider = tuple(sorted((*combo, slug), key=order.__getitem__)) if slug not in combo else None
            if wider in made:
                combination.narrower.append(made[wider])
        if len(combo) == 2:
            for slug in combo:
                entries[slug].narrower.append(combination)
    for entry in entries.values():
        entry.narrower.sort(key=lambda c: [order[e.term.slug] for e in c.terms])
    listed: list[Grouped] = [*entries.values(), *made.values()]
    for item in listed:
        item.listings, item.kind_starts = paginate_groups(
            item.groups, item.src_uri, per_page, use_directory_urls
        )
    pairs = sorted(
        (
            (made[combo].terms[0], made[combo].terms[1], made[combo].count)
            for combo in made
            if len(combo) == 2
        ),
        key=lambda p: (-p[2], order[p[0].term.slug], order[p[1].term.slug]),
    )
    return TaxonomyIndex(
        taxonomy=taxonomy,
        src_uri=f"{taxonomy.key}/index.md",
        url=url_for(f"{taxonomy.key}/index.md", use_directory_urls),
        terms=list(entries.values()),
        kinds=tuple(k for k in kinds if k in kinds_seen),
        pairs=pairs,
        untagged=sorted(untagged, key=lambda p: p.path),
        combinations=list(made.values()),
    )


def _sorted_groups(
    groups: dict[str, list[PageRecord]], kinds: tuple[str, ...]
) -> dict[str, list[PageRecord]]:
    """Groups in the order of kinds, each sorted for listing."""
    return {kind: sorted(groups[kind], key=group_key) for kind in kinds if kind in groups}
