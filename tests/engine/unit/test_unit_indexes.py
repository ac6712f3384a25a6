"""indexes and pipeline: read_page, held_back, build_indexes (publishing, generated pages, URL clashes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from unit_support import SPEC, TODAY, make_page

from coproduction.core.indexes import build_indexes, held_back
from coproduction.core.pipeline import read_page
from coproduction.core.records import Author, PageRecord, Problem
from coproduction.core.sources import ContentFile

AUTHORS = {"ann": Author("ann", "Ann Author", role="Peer researcher")}
SERVE = dataclasses.replace(SPEC, drafts=True)
FUTURE = dataclasses.replace(SPEC, future_posts=True)


def post(slug: str, date: dt.date | str, **fields: object) -> PageRecord:
    return make_page(
        f"posts/{slug}/",
        slug.title(),
        kind="post",
        date=date,
        authors=("ann",),
        terms=("power",),
        path=f"posts/{slug}.md",
        src_uri=f"posts/{slug}.md",
        **fields,
    )


def urls(pages: list[PageRecord]) -> list[str]:
    return sorted(p.url for p in pages)


# --- held_back ---------------------------------------------------------------------------


def test_published_post_is_not_held_back() -> None:
    assert not held_back(post("old", "2020-01-01"), SPEC)
    assert not held_back(post("today", TODAY), SPEC)


def test_drafts_are_held_back() -> None:
    assert held_back(post("draft", "2020-01-01", draft=True), SPEC)
    assert held_back(make_page("guide/", draft=True), SPEC)


def test_future_posts_are_held_back_unless_allowed() -> None:
    tomorrow = post("tomorrow", TODAY + dt.timedelta(days=1))
    assert held_back(tomorrow, SPEC)
    assert not held_back(tomorrow, FUTURE)


def test_only_posts_wait_for_their_date() -> None:
    assert not held_back(make_page("guide/", date="2999-01-01"), SPEC)
    assert not held_back(make_page("posts/undated/", kind="post"), SPEC)


# --- build_indexes: what is published ----------------------------------------------------


def site_records() -> list[PageRecord]:
    return [
        post("old", "2020-01-01"),
        post("new", "2024-05-01"),
        post("draft", "2023-01-01", draft=True),
        post("future", TODAY + dt.timedelta(days=30)),
        make_page("guidance/a/", "A guide", terms=("power",), path="docs/guidance/a.md"),
    ]


def test_build_leaves_out_drafts_and_future_posts() -> None:
    indexes = build_indexes(site_records(), AUTHORS, SPEC)
    assert urls(indexes.pages) == ["guidance/a/", "posts/new/", "posts/old/"]
    assert indexes.problems == []
    assert indexes.blog is not None
    assert [p.url for p in indexes.blog.posts] == ["posts/new/", "posts/old/"]
    power = indexes.term("barriers", "power")
    assert [p.url for p in power.posts] == ["posts/new/", "posts/old/"]
    assert "posts/draft/" not in indexes.related
    assert all(p.url not in ("posts/draft/", "posts/future/") for v in indexes.related.values() for p in v)
    published = {"guidance/a/", "posts/new/", "posts/old/"}
    assert set(indexes.related) == published
    # All three share the term power, so each is related to the other two (and only to them).
    assert {url: {p.url for p in v} for url, v in indexes.related.items()} == {
        url: published - {url} for url in published
    }
    assert [a.year for a in indexes.blog.sections[0].archives] == [2024, 2020]


def test_serve_shows_drafts_and_future_posts_marked_as_drafts() -> None:
    records = site_records()
    indexes = build_indexes(records, AUTHORS, SERVE)
    assert len(indexes.pages) == 5
    drafts = {p.url for p in indexes.pages if p.draft}
    assert drafts == {"posts/draft/", "posts/future/"}
    assert indexes.blog is not None
    assert [p.url for p in indexes.blog.posts] == [
        "posts/future/",
        "posts/new/",
        "posts/draft/",
        "posts/old/",
    ]


def test_future_posts_option_publishes_them() -> None:
    indexes = build_indexes(site_records(), AUTHORS, FUTURE)
    assert urls(indexes.pages) == ["guidance/a/", "posts/future/", "posts/new/", "posts/old/"]
    assert not any(p.draft for p in indexes.pages)


def test_generated_pages() -> None:
    indexes = build_indexes(site_records(), AUTHORS, SPEC)
    made = {g.url: (g.title, g.kind) for g in indexes.generated}
    assert made["barriers/"] == ("Barriers to co-production", "overview")
    assert made["barriers/power/"] == ("Power", "term")
    # A dated section is named by its kind's plural (SPEC's kinds are the default ones).
    assert made["posts/"] == ("Blog posts", "blog")
    assert made["posts/archive/"] == ("Blog posts by year", "archive-index")
    assert made["posts/archive/2024/"] == ("Blog posts from 2024", "archive")
    assert made["authors/"] == ("Authors", "authors")
    assert made["authors/ann/"] == ("Ann Author", "author")
    # posts_per_page is 2 in SPEC, and two posts are published: one listing page.
    assert "posts/page/2/" not in made
    assert len(made) == len(indexes.generated)  # no URL made twice
    assert indexes.generated_by_src_uri["barriers/power.md"].description == "Who decides."


def test_a_year_and_an_author_get_a_page_for_each_page_of_their_list() -> None:
    """items_per_page is 2 in SPEC: three posts of 2020, all by Ann, make two pages of each."""
    records = [post(slug, f"2020-0{month}-01") for month, slug in enumerate(("a", "b", "c"), start=1)]
    indexes = build_indexes(records, AUTHORS, SPEC)
    made = {g.url: (g.title, g.kind, g.description) for g in indexes.generated}
    assert made["posts/archive/2020/"] == (
        "Blog posts from 2020",
        "archive",
        "Blog posts published in 2020, newest first.",
    )
    assert made["posts/archive/2020/page/2/"] == ("Blog posts from 2020, page 2", "archive", "")
    assert made["authors/ann/"] == ("Ann Author", "author", "Peer researcher")
    assert made["authors/ann/page/2/"] == ("Ann Author, page 2", "author", "")
    assert "posts/archive/2020/page/3/" not in made and "authors/ann/page/3/" not in made
    second = indexes.generated_by_src_uri["authors/ann/page/2.md"]
    assert second.listing is not None and [p.title for p in second.listing.posts] == ["A"]


def test_no_blog_without_posts_or_a_post_source() -> None:
    spec = dataclasses.replace(SPEC, sources=())
    indexes = build_indexes([make_page("a/", terms=("power",))], {}, spec)
    assert indexes.blog is None
    assert indexes.feeds() == []
    assert not any(g.url.startswith("posts/") for g in indexes.generated)


def test_feed_links_are_absolute_and_there_is_one_feed_per_term() -> None:
    indexes = build_indexes(site_records(), AUTHORS, SPEC)
    feeds = indexes.feeds()
    assert [f.path for f in feeds] == [
        "feed.xml",
        "barriers/power/feed.xml",
        "barriers/leadership/feed.xml",
        "barriers/diversity/feed.xml",
        "barriers/capacity/feed.xml",
    ]
    assert feeds[0].self_link == "https://example.org/toolkit/feed.xml"
    assert [i.link for i in feeds[0].items] == [
        "https://example.org/toolkit/posts/new/",
        "https://example.org/toolkit/posts/old/",
    ]
    assert len(feeds[1].items) == 2
    assert feeds[2].items == []
    # What a page's head advertises: paths from the site root (the page makes them relative).
    assert indexes.feeds_for("barriers/power.md") == (
        ("Test Toolkit", "feed.xml"),
        ("Test Toolkit: Power", "barriers/power/feed.xml"),
    )
    assert indexes.feeds_for("guidance/a.md") == (("Test Toolkit", "feed.xml"),)


# --- build_indexes: URL collisions -------------------------------------------------------


def test_page_claiming_a_generated_url_is_dropped_and_reported() -> None:
    squatter = make_page(
        "barriers/power/",
        "My power page",
        terms=("power",),
        path="docs/barriers/power.md",
        src_uri="barriers/power.md",
    )
    records = [*site_records(), squatter]
    indexes = build_indexes(records, AUTHORS, SPEC)
    assert indexes.problems == [
        Problem(
            "docs/barriers/power.md",
            1,
            "the URL /barriers/power/ is already used by the generated page /barriers/power/: "
            "rename or move this file",
        )
    ]
    assert "barriers/power.md" not in indexes.by_src_uri
    assert squatter not in indexes.pages
    # The indexes are rebuilt without it: it is in no list and no related list.
    power = indexes.term("barriers", "power")
    assert all(squatter not in pages for pages in power.groups.values())
    assert all(squatter not in v for v in indexes.related.values())
    assert set(indexes.related) == {"guidance/a/", "posts/new/", "posts/old/"}
    assert {p.url for v in indexes.related.values() for p in v} == {"guidance/a/", "posts/new/", "posts/old/"}
    assert power.count == 3


def test_page_claiming_the_blog_listing_is_dropped() -> None:
    squatter = make_page("posts/", "Blog intro", path="docs/posts/index.md", src_uri="posts/index.md")
    indexes = build_indexes([*site_records(), squatter], AUTHORS, SPEC)
    assert [(p.path, p.line) for p in indexes.problems] == [("docs/posts/index.md", 1)]
    assert "/posts/" in indexes.problems[0].message
    assert indexes.generated_by_src_uri["posts/index.md"].kind == "blog"


def test_two_content_pages_claiming_one_url() -> None:
    first = make_page("guidance/a/", "First", path="docs/guidance/a.md")
    second = make_page("guidance/a/", "Second", path="docs/guidance/a/index.md")
    indexes = build_indexes([first, second], {}, SPEC)
    assert [p.title for p in indexes.pages] == ["First"]
    assert [(p.path, p.line) for p in indexes.problems] == [("docs/guidance/a/index.md", 1)]
    assert "already used by docs/guidance/a.md" in indexes.problems[0].message


def test_a_draft_claiming_a_url_only_matters_when_drafts_are_shown() -> None:
    draft = make_page(
        "barriers/power/", draft=True, path="docs/barriers/power.md", src_uri="barriers/power.md"
    )
    assert build_indexes([draft], {}, SPEC).problems == []
    assert [p.path for p in build_indexes([draft], {}, SERVE).problems] == ["docs/barriers/power.md"]


# --- read_page ---------------------------------------------------------------------------


def test_read_page_builds_a_record(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_text(
        "---\ntitle: A post\ndate: 2020-02-02\nauthors: [ann]\nbarriers: [power, powr]\n---\nHi\n",
        encoding="utf-8",
    )
    record, problems = read_page(
        ContentFile("posts/a.md", str(file), "posts/a.md", "post", "posts"), SPEC, AUTHORS
    )
    assert record is not None
    assert (record.title, record.kind, record.date, record.authors) == (
        "A post",
        "post",
        dt.date(2020, 2, 2),
        ("ann",),
    )
    assert record.terms == {"barriers": ("power",)}
    assert record.body == "Hi\n"
    assert [(p.path, p.line) for p in problems] == [("posts/a.md", 5)]


def test_read_page_of_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_bytes(b"---\ntitle: A\n---\n\nna\xefve\n")
    record, problems = read_page(ContentFile("a.md", str(file), "docs/a.md", "guide", "docs"), SPEC, {})
    assert record is None
    assert [(p.path, p.line, "not UTF-8" in p.message) for p in problems] == [("docs/a.md", 5, True)]


def test_search_leaves_out_later_pages_of_lists_handouts_and_packs() -> None:
    tool = make_page("toolkit/form/", "Form", kind="tool", terms=("power",), handout_line=3)
    posts = [post(f"p{number}", f"2024-01-{number + 1:02d}") for number in range(SPEC.posts_per_page + 1)]
    indexes = build_indexes([tool, *posts], AUTHORS, SPEC)
    searched: dict[tuple[str, int], bool] = {}
    for made in indexes.generated:
        searched.setdefault((made.kind, made.listing.number if made.listing else 1), made.searched)
    assert searched[("handout", 1)] is False and searched[("pack", 1)] is False
    assert searched[("blog", 2)] is False and searched[("term", 2)] is False  # the lists' later pages
    assert searched[("term", 1)] and searched[("overview", 1)]
    firsts = [
        made
        for made in indexes.generated
        if made.kind not in ("handout", "pack") and (made.listing is None or made.listing.number == 1)
    ]
    assert {made.kind for made in firsts} >= {"term", "overview", "author", "archive"}
    assert all(made.searched for made in firsts)
