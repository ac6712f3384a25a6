"""blog.build_blog: pagination, archives, author pages, neighbours; reading_time."""

from __future__ import annotations

import datetime as dt

import pytest
from unit_support import make_page

from coproduction.core.blog import Blog, Listing, build_blog, build_sections, pager, reading_time
from coproduction.core.records import Author, PageRecord

AUTHORS = {
    "bob": Author("bob", "Bob Writer"),
    "ann": Author("ann", "Ann Author", role="Peer researcher"),
    "cat": Author("cat", "Cat Quiet"),
}


def posts(count: int) -> list[PageRecord]:
    """``count`` posts, one a month from January 2020, post 0 the oldest."""
    return [
        make_page(
            f"posts/p{i}/",
            f"Post {i}",
            kind="post",
            date=dt.date(2020 + i // 12, 1 + i % 12, 1),
            authors=("ann",) if i % 2 else ("bob", "ann"),
        )
        for i in range(count)
    ]


def shape(listings: list[Listing]) -> list[tuple[int, int, str, str, int, str | None, str | None]]:
    return [
        (lst.number, lst.total, lst.src_uri, lst.url, len(lst.posts), lst.previous_url, lst.next_url)
        for lst in listings
    ]


def test_no_posts_still_has_one_empty_listing() -> None:
    blog = build_blog([], AUTHORS, per_page=3)
    assert shape(blog.sections[0].listings) == [(1, 1, "posts/index.md", "posts/", 0, None, None)]
    assert blog.sections[0].listings[0].pages == [(1, "posts/")]
    assert blog.posts == []
    assert blog.sections[0].archives == []
    assert blog.neighbours == {}


def test_one_post() -> None:
    blog = build_blog(posts(1), AUTHORS, per_page=3)
    assert shape(blog.sections[0].listings) == [(1, 1, "posts/index.md", "posts/", 1, None, None)]


def test_exactly_one_page_of_posts() -> None:
    blog = build_blog(posts(3), AUTHORS, per_page=3)
    assert shape(blog.sections[0].listings) == [(1, 1, "posts/index.md", "posts/", 3, None, None)]


def test_one_more_than_a_page() -> None:
    blog = build_blog(posts(4), AUTHORS, per_page=3)
    assert shape(blog.sections[0].listings) == [
        (1, 2, "posts/index.md", "posts/", 3, None, "posts/page/2/"),
        (2, 2, "posts/page/2.md", "posts/page/2/", 1, "posts/", None),
    ]
    assert [p.title for p in blog.sections[0].listings[0].posts] == ["Post 3", "Post 2", "Post 1"]
    assert [p.title for p in blog.sections[0].listings[1].posts] == ["Post 0"]
    assert blog.sections[0].listings[1].pages == [(1, "posts/"), (2, "posts/page/2/")]


def test_three_pages_link_previous_and_next() -> None:
    blog = build_blog(posts(7), AUTHORS, per_page=3)
    assert [(lst.previous_url, lst.next_url) for lst in blog.sections[0].listings] == [
        (None, "posts/page/2/"),
        ("posts/", "posts/page/3/"),
        ("posts/page/2/", None),
    ]
    assert [len(lst.posts) for lst in blog.sections[0].listings] == [3, 3, 1]
    # Every post on exactly one listing page, newest first across pages.
    listed = [p.url for lst in blog.sections[0].listings for p in lst.posts]
    assert listed == [p.url for p in blog.posts]
    assert len(set(listed)) == 7


def numbers(window: list[tuple[int, str] | None]) -> list[int | None]:
    return [entry[0] if entry else None for entry in window]


@pytest.mark.parametrize(
    ("number", "total", "shown"),
    [
        (1, 1, [1]),
        (1, 7, [1, 2, 3, None, 7]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),  # a gap of one page shows that page
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
        (12, 12, [1, None, 10, 11, 12]),
    ],
)
def test_pager_shows_first_last_and_two_either_side(number: int, total: int, shown: list[int | None]) -> None:
    urls = [f"u{n}" for n in range(1, total + 1)]
    window = pager(number, total, urls)
    assert numbers(window) == shown
    assert all(entry[1] == f"u{entry[0]}" for entry in window if entry)


def test_pager_stays_small_however_many_pages() -> None:
    """Each listing links at most 7 numbered pages, so the blog's pagers grow linearly."""
    blog = build_blog(posts(3000), AUTHORS, per_page=10)
    assert len(blog.sections[0].listings) == 300
    assert max(len(lst.pages) for lst in blog.sections[0].listings) <= 9
    assert blog.sections[0].listings[149].previous_url == "posts/page/149/"
    assert blog.sections[0].listings[149].next_url == "posts/page/151/"


def test_listing_urls_without_directory_urls() -> None:
    blog = build_blog(posts(2), AUTHORS, per_page=1, list_per_page=1, use_directory_urls=False)
    assert [(lst.url, lst.next_url) for lst in blog.sections[0].listings] == [
        ("posts/index.html", "posts/page/2.html"),
        ("posts/page/2.html", None),
    ]
    assert blog.sections[0].archives[0].url == "posts/archive/2020.html"
    assert blog.author_urls["ann"] == "authors/ann.html"
    # Later pages of a year and of an author, by the one rule the blog's pages follow.
    assert [lst.url for lst in blog.sections[0].archives[0].listings] == [
        "posts/archive/2020.html",
        "posts/archive/2020/page/2.html",
    ]
    ann = next(a for a in blog.authors if a.author.id == "ann")
    assert [lst.url for lst in ann.listings] == ["authors/ann.html", "authors/ann/page/2.html"]


def test_other_blog_folder() -> None:
    blog = build_blog(posts(2), AUTHORS, folders=[("news", "post")], per_page=1)
    assert [lst.url for lst in blog.sections[0].listings] == ["news/", "news/page/2/"]
    assert blog.sections[0].archive_url == "news/archive/"
    assert blog.sections[0].archives[0].src_uri == "news/archive/2020.md"


def test_per_page_below_one_is_treated_as_one() -> None:
    blog = build_blog(posts(2), AUTHORS, per_page=0)
    assert [len(lst.posts) for lst in blog.sections[0].listings] == [1, 1]


def test_only_posts_are_in_the_blog_newest_first() -> None:
    pages = [
        make_page("guide/", "Guide"),
        make_page("posts/undated/", "Undated", kind="post"),
        make_page("posts/b/", "B", kind="post", date="2021-01-01"),
        make_page("posts/a/", "A", kind="post", date="2021-01-01"),
        make_page("posts/new/", "New", kind="post", date="2022-01-01"),
    ]
    blog = build_blog(pages, AUTHORS)
    assert [p.title for p in blog.posts] == ["New", "A", "B", "Undated"]


def test_archives_per_year_newest_first() -> None:
    blog = build_blog(posts(27), AUTHORS)  # 2020, 2021, 2022 (3 posts)
    assert [(a.year, a.src_uri, a.url, len(a.posts)) for a in blog.sections[0].archives] == [
        (2022, "posts/archive/2022.md", "posts/archive/2022/", 3),
        (2021, "posts/archive/2021.md", "posts/archive/2021/", 12),
        (2020, "posts/archive/2020.md", "posts/archive/2020/", 12),
    ]
    assert [p.date for p in blog.sections[0].archives[0].posts] == [
        dt.date(2022, 3, 1),
        dt.date(2022, 2, 1),
        dt.date(2022, 1, 1),
    ]
    assert blog.sections[0].archive_src_uri == "posts/archive/index.md"
    assert blog.sections[0].archive_url == "posts/archive/"


def test_years_and_authors_are_paginated_like_the_blog() -> None:
    blog = build_blog(posts(27), AUTHORS, per_page=5, list_per_page=5)  # 12 in 2021; ann wrote all 27
    y2021 = blog.sections[0].archives[1]
    y = "posts/archive/2021"
    assert shape(y2021.listings) == [
        (1, 3, f"{y}.md", f"{y}/", 5, None, f"{y}/page/2/"),
        (2, 3, f"{y}/page/2.md", f"{y}/page/2/", 5, f"{y}/", f"{y}/page/3/"),
        (3, 3, f"{y}/page/3.md", f"{y}/page/3/", 2, f"{y}/page/2/", None),
    ]
    assert [p for lst in y2021.listings for p in lst.posts] == y2021.posts  # newest first, each once
    assert (y2021.src_uri, y2021.url) == ("posts/archive/2021.md", "posts/archive/2021/")  # its first page
    by_id = {a.author.id: a for a in blog.authors}
    assert [len(lst.posts) for lst in by_id["ann"].listings] == [5, 5, 5, 5, 5, 2]
    assert [p for lst in by_id["ann"].listings for p in lst.posts] == blog.posts
    assert by_id["ann"].listings[5].url == "authors/ann/page/6/"
    assert by_id["ann"].listings[0].url == by_id["ann"].url == "authors/ann/"
    # An author with no posts still has their page: one empty page of the list.
    assert shape(by_id["cat"].listings) == [(1, 1, "authors/cat.md", "authors/cat/", 0, None, None)]


def test_undated_posts_have_no_archive() -> None:
    blog = build_blog([make_page("posts/x/", kind="post")], AUTHORS)
    assert blog.sections[0].archives == []
    assert len(blog.posts) == 1


def test_author_pages_sorted_by_id_with_their_posts() -> None:
    blog: Blog = build_blog(posts(4), AUTHORS)
    assert [(a.author.id, a.url) for a in blog.authors] == [
        ("ann", "authors/ann/"),
        ("bob", "authors/bob/"),
        ("cat", "authors/cat/"),
    ]
    by_id = {a.author.id: [p.title for p in a.posts] for a in blog.authors}
    assert by_id == {
        "ann": ["Post 3", "Post 2", "Post 1", "Post 0"],
        "bob": ["Post 2", "Post 0"],
        "cat": [],
    }
    assert blog.author_urls == {"bob": "authors/bob/", "ann": "authors/ann/", "cat": "authors/cat/"}
    assert blog.authors_src_uri == "authors/index.md"
    assert blog.authors_url == "authors/"


def test_unknown_author_ids_get_no_page() -> None:
    page = make_page("posts/x/", kind="post", date="2020-01-01", authors=("ghost",))
    blog = build_blog([page], AUTHORS)
    assert [a.author.id for a in blog.authors] == ["ann", "bob", "cat"]
    assert all(a.posts == [] for a in blog.authors)


def test_neighbours_newer_and_older() -> None:
    blog = build_blog(posts(3), AUTHORS)

    def titles(pair: tuple[PageRecord | None, PageRecord | None]) -> tuple[str | None, ...]:
        return tuple(p.title if p else None for p in pair)

    assert {url: titles(pair) for url, pair in blog.neighbours.items()} == {
        "posts/p2/": (None, "Post 1"),
        "posts/p1/": ("Post 2", "Post 0"),
        "posts/p0/": ("Post 1", None),
    }


def test_a_single_post_has_no_neighbours() -> None:
    blog = build_blog(posts(1), AUTHORS)
    assert blog.neighbours == {"posts/p0/": (None, None)}


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (199, 1), (200, 1), (201, 2), (400, 2), (401, 3), (1000, 5), (1001, 6)],
)
def test_reading_time_rounds_up_at_200_words_a_minute(words: int, minutes: int) -> None:
    assert reading_time(words) == minutes


def test_the_blog_and_the_shorter_lists_have_their_own_page_sizes() -> None:
    blog = build_blog(posts(27), AUTHORS, per_page=5, list_per_page=20)
    assert [len(listing.posts) for listing in blog.sections[0].listings] == [5, 5, 5, 5, 5, 2]
    ann = next(page for page in blog.authors if page.author.id == "ann")
    assert [len(listing.posts) for listing in ann.listings] == [20, 7]


def test_each_dated_folder_is_a_section_of_its_own() -> None:
    """A post is listed in its folder's section; a dated page elsewhere in the first section of
    its kind. Neighbours stay in a section; the site's posts and authors hold them all."""
    pages = [
        make_page("posts/a/", "A", kind="post", date="2020-01-01", authors=("ann",)),
        make_page("stories/s/", "S", kind="story", dated=True, date="2020-02-01", authors=("ann",)),
        make_page("posts/b/", "B", kind="post", date="2020-03-01", authors=("ann",)),
        make_page("guide-story/", "G", kind="story", dated=True, date="2020-04-01", authors=("bob",)),
    ]
    blog = build_blog(pages, AUTHORS, folders=[("posts", "post"), ("stories", "story")])
    posts, stories = blog.sections
    assert [p.title for p in posts.pages] == ["B", "A"]
    assert [p.title for p in stories.pages] == ["G", "S"]
    assert (stories.listings[0].url, stories.archive_url, stories.feed_url) == (
        "stories/",
        "stories/archive/",
        "stories/feed.xml",
    )
    assert [a.src_uri for a in stories.archives] == ["stories/archive/2020.md"]
    assert [p.title for p in blog.posts] == ["G", "B", "S", "A"]
    assert [(n and n.title, o and o.title) for n, o in (blog.neighbours[p.url] for p in posts.pages)] == [
        (None, "A"),
        ("B", None),
    ]
    ann = next(a for a in blog.authors if a.author.id == "ann")
    assert [p.title for p in ann.posts] == ["B", "S", "A"]
    # With one dated section, its feed is the site's.
    assert build_blog(pages, AUTHORS).sections[0].feed_url == "feed.xml"


def test_an_undated_section_lists_its_folder_by_title_without_its_landing_page() -> None:
    pages = [
        make_page("toolkit/", "Toolkit", kind="tool", src_uri="toolkit/index.md", landing=True),
        make_page("toolkit/b/", "b tool", kind="tool"),
        make_page("toolkit/a/", "A tool", kind="tool"),
        make_page("toolkit/sub/c/", "C tool", kind="tool"),
        make_page("guide/", "Guide"),
        make_page("toolkit/p/", "Dated", kind="post", date="2020-01-01"),
    ]
    (section,) = build_sections(pages, [("toolkit", "tool")], per_page=2)
    assert [[p.title for p in listing.posts] for listing in section.listings] == [
        ["A tool", "b tool"],
        ["C tool"],
    ]
    assert [listing.src_uri for listing in section.listings] == ["toolkit/index.md", "toolkit/page/2.md"]
    assert not section.dated and section.archives == [] and section.feed_url == ""
