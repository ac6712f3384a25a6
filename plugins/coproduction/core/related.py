"""Related pages: those sharing the most terms, computed per term set, not per pair of pages.

Comparing every page with every other is quadratic: with four themes every page
shares a term with half the site. Pages with the same term set have the same
ranking, so we rank once per distinct set (a handful for a small taxonomy) and
hand each page its set's list without itself: linear in the number of pages.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import islice

from coproduction.core.records import PageRecord, recency_key

__all__ = ["related_lists"]

TermSet = frozenset[tuple[str, str]]


def related_lists(pages: Sequence[PageRecord], limit: int) -> dict[str, list[PageRecord]]:
    """Up to ``limit`` related pages for each page with terms, keyed by URL.

    Ranked by the number of shared terms; ties go to the newest dated page, then
    by title. A page is never its own related page.
    """
    if limit <= 0:
        return {}
    groups: dict[TermSet, list[PageRecord]] = defaultdict(list)
    for page in pages:
        terms = page.term_pairs()
        if terms:
            groups[terms].append(page)
    for members in groups.values():
        members.sort(key=recency_key)
    by_term: dict[tuple[str, str], list[TermSet]] = defaultdict(list)
    for terms in groups:
        for term in terms:
            by_term[term].append(terms)

    result: dict[str, list[PageRecord]] = {}
    for terms, members in groups.items():
        # Up to limit + 1 candidates, so that dropping the page itself still leaves enough.
        ranked = list(islice(_ranked(terms, groups, by_term), limit + 1))
        for page in members:
            result[page.url] = [p for p in ranked if p is not page][:limit]
    return result


def _ranked(
    terms: TermSet,
    groups: dict[TermSet, list[PageRecord]],
    by_term: dict[tuple[str, str], list[TermSet]],
) -> Iterator[PageRecord]:
    """Pages sharing terms with ``terms``, most shared first, lazily."""
    shared: dict[int, list[TermSet]] = defaultdict(list)
    for other in {s for term in terms for s in by_term[term]}:
        shared[len(terms & other)].append(other)
    for count in sorted(shared, reverse=True):
        yield from heapq.merge(*(groups[s] for s in shared[count]), key=recency_key)
