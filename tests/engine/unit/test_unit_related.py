"""related.related_lists: ranking, tie-breaks, limits, and work that grows with term sets, not pairs."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import ClassVar

import pytest
from unit_support import make_page

import coproduction.core.related as related_module
from coproduction.core.records import PageRecord, recency_key
from coproduction.core.related import related_lists


def urls(pages: list[PageRecord]) -> list[str]:
    return [p.url for p in pages]


def test_ranked_by_number_of_shared_terms() -> None:
    me = make_page("me/", terms=("power", "leadership", "capacity"))
    three = make_page("three/", terms=("capacity", "power", "leadership", "diversity"))
    two = make_page("two/", terms=("power", "capacity"))
    one = make_page("one/", terms=("leadership",))
    none = make_page("none/", terms=("diversity",))
    result = related_lists([one, none, two, me, three], 10)
    assert urls(result["me/"]) == ["three/", "two/", "one/"]
    assert urls(result["none/"]) == ["three/"]


def test_terms_of_every_taxonomy_count() -> None:
    me = make_page("me/", terms={"barriers": ("power",), "audience": ("carers",)})
    both = make_page("both/", "Z", terms={"barriers": ("power",), "audience": ("carers",)})
    barrier = make_page("barrier/", "A", terms={"barriers": ("power",)})
    # Same slug, other taxonomy: not a shared term.
    other = make_page("other/", terms={"audience": ("power",)})
    result = related_lists([barrier, other, both, me], 5)
    assert urls(result["me/"]) == ["both/", "barrier/"]
    assert result["other/"] == []


def test_ties_go_to_the_newest_dated_page_then_title() -> None:
    me = make_page("me/", terms=("power",))
    pages = [
        me,
        make_page("b-undated/", "Beta", terms=("power",)),
        make_page("old/", "Zulu", kind="post", terms=("power",), date="2019-01-01"),
        make_page("a-undated/", "alpha", terms=("power",)),
        make_page("new/", "Yankee", kind="post", terms=("power",), date="2023-01-01"),
        make_page("same-day-b/", "Bravo", kind="post", terms=("power",), date="2020-06-01"),
        make_page("same-day-a/", "Alpha", kind="post", terms=("power",), date="2020-06-01"),
    ]
    result = related_lists(pages, 10)
    assert urls(result["me/"]) == [
        "new/",
        "same-day-a/",
        "same-day-b/",
        "old/",
        "a-undated/",  # undated after dated, by title ignoring case
        "b-undated/",
    ]


def test_more_shared_terms_beat_a_newer_date() -> None:
    me = make_page("me/", terms=("power", "capacity"))
    old = make_page("old/", kind="post", terms=("power", "capacity"), date="2001-01-01")
    new = make_page("new/", kind="post", terms=("power",), date="2024-01-01")
    assert urls(related_lists([new, old, me], 5)["me/"]) == ["old/", "new/"]


def test_never_itself_even_with_identical_terms() -> None:
    twins = [make_page(f"t{i}/", f"Twin {i}", terms=("power", "capacity")) for i in range(4)]
    result = related_lists(twins, 5)
    for page in twins:
        assert page.url not in urls(result[page.url])
        assert len(result[page.url]) == 3
    assert urls(result["t0/"]) == ["t1/", "t2/", "t3/"]
    assert urls(result["t2/"]) == ["t0/", "t1/", "t3/"]


def test_limit_keeps_the_best() -> None:
    pages = [make_page(f"p{i}/", f"Page {i}", terms=("power",)) for i in range(8)]
    result = related_lists(pages, 3)
    assert urls(result["p0/"]) == ["p1/", "p2/", "p3/"]
    assert urls(result["p5/"]) == ["p0/", "p1/", "p2/"]
    assert all(len(v) == 3 for v in result.values())


def test_limit_is_filled_when_the_page_itself_ranks_first() -> None:
    # The page is the first of its own group: dropping it must still leave `limit` pages.
    pages = [make_page(f"p{i}/", f"Page {i}", terms=("power",)) for i in range(3)]
    assert urls(related_lists(pages, 2)["p0/"]) == ["p1/", "p2/"]


def test_pages_without_terms_get_nothing_and_are_never_related() -> None:
    bare = make_page("bare/")
    empty = make_page("empty/", terms={"barriers": ()})
    tagged = [make_page("a/", terms=("power",)), make_page("b/", terms=("power",))]
    result = related_lists([bare, empty, *tagged], 5)
    assert set(result) == {"a/", "b/"}
    assert urls(result["a/"]) == ["b/"]


def test_a_page_alone_with_its_terms_gets_an_empty_list() -> None:
    result = related_lists([make_page("a/", terms=("power",))], 5)
    assert result == {"a/": []}


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_zero_means_no_related_lists(limit: int) -> None:
    pages = [make_page("a/", terms=("power",)), make_page("b/", terms=("power",))]
    assert related_lists(pages, limit) == {}


def test_empty_site() -> None:
    assert related_lists([], 5) == {}


# --- linear cost: work follows distinct term sets, not pairs of pages ---------------------

TERM_SETS = [
    ("power",),
    ("power", "leadership"),
    ("leadership", "diversity"),
    ("capacity",),
    ("power", "capacity", "diversity"),
    ("leadership", "diversity", "capacity", "power"),
]


def corpus(copies: int) -> list[PageRecord]:
    """``copies`` pages of each term set, with distinct dates and titles."""
    pages = []
    for i in range(copies):
        for j, terms in enumerate(TERM_SETS):
            n = i * len(TERM_SETS) + j
            pages.append(
                make_page(
                    f"p{n}/",
                    f"Page {n:05d}",
                    kind="post",
                    terms=terms,
                    date=f"20{10 + n % 10}-0{1 + n % 9}-1{n % 10}",
                )
            )
    return pages


class CountingSet(frozenset[tuple[str, str]]):
    """A term set that counts how often it is intersected with another."""

    calls: ClassVar[Counter[str]] = Counter()

    def __and__(self, other: object) -> frozenset[tuple[str, str]]:  # type: ignore[override]
        CountingSet.calls["and"] += 1
        return frozenset(self) & frozenset(other)  # type: ignore[arg-type]

    def __rand__(self, other: object) -> frozenset[tuple[str, str]]:  # type: ignore[override]
        CountingSet.calls["and"] += 1
        return frozenset(self) & frozenset(other)  # type: ignore[arg-type]


def measure(
    monkeypatch: pytest.MonkeyPatch, pages: list[PageRecord], limit: int
) -> tuple[Counter[str], dict[str, list[PageRecord]]]:
    """Run related_lists counting term-set intersections, rankings and sort-key calls."""
    counts: Counter[str] = Counter()
    CountingSet.calls = counts

    original_pairs = PageRecord.term_pairs

    def term_pairs(self: PageRecord) -> frozenset[tuple[str, str]]:
        return CountingSet(original_pairs(self))

    original_ranked = related_module._ranked

    def ranked(*args, **kwargs):  # type: ignore[no-untyped-def]
        counts["ranked"] += 1
        return original_ranked(*args, **kwargs)

    def key(page: PageRecord) -> tuple[int, int, str, str]:
        counts["key"] += 1
        return recency_key(page)

    with monkeypatch.context() as m:
        m.setattr(PageRecord, "term_pairs", term_pairs)
        m.setattr(related_module, "_ranked", ranked)
        m.setattr(related_module, "recency_key", key)
        result = related_lists(pages, limit)
    return counts, result


def test_pages_with_the_same_terms_are_ranked_once_per_term_set(monkeypatch: pytest.MonkeyPatch) -> None:
    small, _ = measure(monkeypatch, corpus(10), 5)
    large, result = measure(monkeypatch, corpus(40), 5)
    # One ranking per distinct term set, however many pages share it.
    assert small["ranked"] == large["ranked"] == len(TERM_SETS)
    # Term sets are intersected with each other, never page with page.
    assert small["and"] > 0
    assert large["and"] == small["and"] <= len(TERM_SETS) ** 2
    assert len(result) == 40 * len(TERM_SETS)


def test_sort_key_calls_grow_linearly_with_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {}
    for copies in (25, 50, 100, 200):
        counts, _ = measure(monkeypatch, corpus(copies), 5)
        calls[copies * len(TERM_SETS)] = counts["key"]
    # A constant number of key calls per page (sorting each group once), plus a fixed
    # amount per term set for merging the first few candidates; comparing every page
    # with every other would make the per-page figure grow with the site.
    per_page = {n: c / n for n, c in calls.items()}
    assert all(value <= 3 for value in per_page.values()), per_page
    sizes = sorted(calls)
    extra = [calls[b] - calls[a] for a, b in pairwise(sizes)]
    added = [b - a for a, b in pairwise(sizes)]
    # Doubling the pages adds at most a constant number of calls per added page.
    assert all(e <= 2 * a for e, a in zip(extra, added, strict=True)), (extra, added)


def test_results_do_not_depend_on_the_counting(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = corpus(5)
    _, counted = measure(monkeypatch, pages, 4)
    plain = related_lists(pages, 4)
    assert {u: urls(v) for u, v in counted.items()} == {u: urls(v) for u, v in plain.items()}
    # Every page has terms, so every page gets a list, and each shares a term with at least
    # four others, so every list is full.
    assert set(plain) == {p.url for p in pages}
    assert all(len(v) == 4 for v in plain.values()), {u: len(v) for u, v in plain.items()}
    assert all(u not in urls(v) for u, v in plain.items())
