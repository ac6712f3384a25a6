"""taxonomy.build_index: term groups, counts, the term x kind matrix, pairs and untagged pages."""

from __future__ import annotations

from unit_support import AUDIENCE, BARRIERS, make_page

from coproduction.core.records import PageRecord
from coproduction.core.taxonomy import TaxonomyIndex, build_index


def site() -> list[PageRecord]:
    return [
        make_page("posts/old/", "Old post", kind="post", terms=("power",), date="2019-01-01"),
        make_page("toolkit/zeta/", "zeta tool", kind="tool", terms=("power", "capacity")),
        make_page("guidance/b/", "Being heard", terms=("power", "leadership")),
        make_page("posts/new/", "New post", kind="post", terms=("power",), date="2021-05-05"),
        make_page("toolkit/alpha/", "Alpha tool", kind="tool", terms=("capacity", "power")),
        make_page("principles/p/", "A principle", kind="principle", terms=("power",)),
        make_page("guidance/a/", "about power", terms=("leadership", "power", "diversity")),
        make_page("posts/mid/", "Mid post", kind="post", terms=("leadership",), date="2020-03-03"),
        make_page("posts/z/", "Undated post", kind="post", terms=("power",)),
    ]


def titles(pages: list[PageRecord]) -> list[str]:
    return [p.title for p in pages]


def test_term_entries_follow_the_taxonomy_order() -> None:
    index = build_index(BARRIERS, site())
    assert [e.term.slug for e in index.terms] == ["power", "leadership", "diversity", "capacity"]
    assert index.src_uri == "barriers/index.md"
    assert index.url == "barriers/"
    power = index.terms[0]
    assert power.src_uri == "barriers/power.md"
    assert power.url == "barriers/power/"
    assert power.feed_url == "barriers/power/feed.xml"
    assert index.entry("capacity") is index.terms[3]
    assert index.entry("nope") is None


def test_groups_by_kind_in_guide_principle_tool_post_order() -> None:
    power = build_index(BARRIERS, site()).terms[0]
    assert list(power.groups) == ["guide", "principle", "tool", "post"]


def test_posts_newest_first_undated_last_others_by_title() -> None:
    power = build_index(BARRIERS, site()).terms[0]
    assert titles(power.groups["post"]) == ["New post", "Old post", "Undated post"]
    assert titles(power.posts) == ["New post", "Old post", "Undated post"]
    # By title, ignoring case: "about power" before "Being heard", "Alpha" before "zeta".
    assert titles(power.groups["guide"]) == ["about power", "Being heard"]
    assert titles(power.groups["tool"]) == ["Alpha tool", "zeta tool"]


def test_counts() -> None:
    index = build_index(BARRIERS, site())
    assert {e.term.slug: e.count for e in index.terms} == {
        "power": 8,
        "leadership": 3,
        "diversity": 1,
        "capacity": 2,
    }
    diversity = index.entry("diversity")
    assert diversity is not None
    assert list(diversity.groups) == ["guide"]
    assert diversity.posts == []


def test_term_without_pages_is_still_listed_empty() -> None:
    index = build_index(BARRIERS, [make_page("a/", terms=("power",))])
    capacity = index.entry("capacity")
    assert capacity is not None
    assert capacity.count == 0
    assert capacity.groups == {}


def test_matrix_cells_count_and_link_to_their_group() -> None:
    index = build_index(BARRIERS, site())
    assert index.kinds == ("guide", "principle", "tool", "post")
    rows = {entry.term.slug: cells for entry, cells in index.matrix()}
    assert list(rows) == ["power", "leadership", "diversity", "capacity"]
    assert [(c.kind, c.count, c.url) for c in rows["power"]] == [
        ("guide", 2, "barriers/power/#guides"),
        ("principle", 1, "barriers/power/#principles"),
        ("tool", 2, "barriers/power/#tools"),
        ("post", 3, "barriers/power/#posts"),
    ]
    assert [c.count for c in rows["leadership"]] == [2, 0, 0, 1]
    assert [c.count for c in rows["capacity"]] == [0, 0, 2, 0]


def test_matrix_columns_are_the_kinds_the_site_has() -> None:
    pages = [
        make_page("posts/a/", kind="post", terms=("power",), date="2020-01-01"),
        make_page("toolkit/t/", kind="tool"),  # untagged, still a kind of the site
    ]
    index = build_index(BARRIERS, pages)
    assert index.kinds == ("tool", "post")
    _, cells = index.matrix()[0]
    assert [(c.kind, c.count) for c in cells] == [("tool", 0), ("post", 1)]


def test_urls_without_directory_urls() -> None:
    index = build_index(BARRIERS, [make_page("a.html", terms=("power",))], False)
    assert index.url == "barriers/index.html"
    assert index.terms[0].url == "barriers/power.html"
    assert index.matrix()[0][1][0].url == "barriers/power.html#guides"


def test_co_occurring_pairs_most_frequent_first_then_term_order() -> None:
    index = build_index(BARRIERS, site())
    pairs = [(a.term.slug, b.term.slug, n) for a, b, n in index.pairs]
    # Pairs are in taxonomy order whatever order the page lists its terms in.
    assert pairs == [
        ("power", "leadership", 2),
        ("power", "capacity", 2),
        ("power", "diversity", 1),
        ("leadership", "diversity", 1),
    ]


def test_pairs_counts_per_page_not_per_list_order() -> None:
    pages = [
        make_page("a/", terms=("capacity", "diversity")),
        make_page("b/", terms=("diversity", "capacity")),
        make_page("c/", terms=("diversity", "capacity", "leadership")),
    ]
    pairs = [(a.term.slug, b.term.slug, n) for a, b, n in build_index(BARRIERS, pages).pairs]
    assert pairs == [
        ("diversity", "capacity", 3),
        ("leadership", "diversity", 1),
        ("leadership", "capacity", 1),
    ]


def test_untagged_pages_sorted_by_path() -> None:
    pages = [
        make_page("z/", path="docs/z.md", untagged=("barriers",)),
        make_page("tagged/", terms=("power",)),
        make_page("empty/", path="docs/empty.md"),  # barriers: [] on purpose
        make_page("a/", path="docs/a.md", untagged=("barriers",)),
    ]
    index = build_index(BARRIERS, pages)
    assert [p.path for p in index.untagged] == ["docs/a.md", "docs/z.md"]


def test_a_second_taxonomy_is_indexed_on_its_own() -> None:
    pages = [
        make_page("a/", "A", terms={"barriers": ("power",), "audience": ("carers", "staff")}),
        make_page("b/", "B", terms={"barriers": ("power", "capacity")}, untagged=("audience",)),
        make_page("c/", "C", kind="tool", terms={"barriers": (), "audience": ("staff",)}),
    ]
    audience: TaxonomyIndex = build_index(AUDIENCE, pages)
    assert audience.url == "audience/"
    assert [(e.term.slug, e.url, e.count) for e in audience.terms] == [
        ("carers", "audience/carers/", 1),
        ("staff", "audience/staff/", 2),
    ]
    staff = audience.entry("staff")
    assert staff is not None
    assert {k: titles(v) for k, v in staff.groups.items()} == {"guide": ["A"], "tool": ["C"]}
    assert [(a.term.slug, b.term.slug, n) for a, b, n in audience.pairs] == [("carers", "staff", 1)]
    assert titles(audience.untagged) == ["B"]
    barriers = build_index(BARRIERS, pages)
    assert [(a.term.slug, b.term.slug, n) for a, b, n in barriers.pairs] == [("power", "capacity", 1)]
    assert barriers.untagged == []
