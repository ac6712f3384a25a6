"""Issue 21, point 5: every source folder is a section. A dated folder (posts/, stories/) gets
its own paginated list at its own address, with its archives and feed; an ``index.md`` in any
source folder is that section's landing text, above its list, and never a dated page."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import feedparser
import pytest

from conftest import AUTHORS, BASE_CONFIG, Built, build_site, page, plugin_options, tool, write_site

KINDS = {
    "guide": {"title": "Guide", "plural": "Guidance"},
    "tool": {"title": "Tool", "plural": "Tools"},
    "post": {"title": "Blog post", "plural": "Blog posts", "dated": True},
    "story": {"title": "Story", "plural": "Stories", "dated": True},
}
ALTERNATE = '<link rel="alternate feed" type="application/rss+xml" title="{}" href="{}">'


def _config() -> dict[str, Any]:
    config = copy.deepcopy(BASE_CONFIG)
    options = plugin_options(config)
    options["kinds"] = KINDS
    options["sources"] = {
        "posts": {"dir": "posts", "kind": "post"},
        "stories": {"dir": "stories", "kind": "story"},
        "toolkit": {"dir": "toolkit", "kind": "tool"},
    }
    return config  # posts_per_page and items_per_page are 2


def _dated(folder: str, slug: str, day: str, author: str = "ann", **extra: Any) -> dict[str, str]:
    front = {"title": f"{folder} {slug}", "date": day, "authors": [author], "barriers": ["power"], **extra}
    return {f"{folder}/{slug}.md": page(front, f"Opening of {slug}.\n\n<!-- more -->\n\nThe rest.\n")}


def _files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "posts/authors.yml": AUTHORS,
        # A landing page needs no date and no authors: it is no story.
        "stories/index.md": page(
            {"title": "Our stories", "description": "What happened when people did it.", "barriers": []},
            "People tell how co-production went for them.\n",
        ),
        "toolkit/index.md": page({"title": "Toolkit", "barriers": []}, "Tools to print and use.\n"),
        "toolkit/b.md": tool({"title": "Budget plan", "barriers": ["capacity"]}),
        "toolkit/a.md": tool({"title": "Access form", "barriers": ["power"]}),
        "toolkit/c.md": tool({"title": "Checklist", "barriers": ["power"]}),
    }
    for slug, day in (("p1", "2020-01-01"), ("p2", "2020-02-01"), ("p3", "2021-03-01")):
        files.update(_dated("posts", slug, day))
    for slug, day in (("s1", "2019-05-01"), ("s2", "2020-06-01"), ("s3", "2021-07-01")):
        files.update(_dated("stories", slug, day, author="bob"))
    return files


@pytest.fixture
def built(tmp_path: Path) -> Built:
    write_site(tmp_path, _files(), _config())
    return build_site(tmp_path, strict=True)


def _summaries(html: str) -> list[str]:
    return re.findall(r'<h2 class="cp-summary__title"><a href="[^"]*">([^<]+)</a>', html)


def _items(html: str) -> list[str]:
    return re.findall(r'<a class="cp-item__title" href="[^"]*">([^<]+)</a>', html)


def _feed(built: Built, path: str) -> Any:
    feed = feedparser.parse((built.site / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_each_dated_section_lists_only_its_own_pages_newest_first_in_pages(built: Built) -> None:
    assert built.warnings == []
    assert _summaries(built.html("posts/")) == ["posts p3", "posts p2"]
    assert _summaries(built.html("posts/page/2/")) == ["posts p1"]
    assert _summaries(built.html("stories/")) == ["stories s3", "stories s2"]
    assert _summaries(built.html("stories/page/2/")) == ["stories s1"]
    assert not built.exists("stories/page/3/")
    # Worded by its kind: a folder without index.md is called by the kind's plural.
    posts = built.html("posts/")
    assert "<h1>Blog posts</h1>" in posts
    assert "Newest blog posts first." in posts
    assert 'rel="next">Older blog posts</a>' in posts
    stories = built.html("stories/")
    assert "Newest stories first." in stories and "Stories by year</a>" in stories
    assert 'href="../stories/page/2/" rel="next">Older stories</a>' in stories
    assert 'rel="prev">Newer stories</a>' in built.html("stories/page/2/")
    assert "<title>Our stories, page 2 - Test Toolkit</title>" in built.html("stories/page/2/")
    # A story's neighbours are stories.
    either_side = built.content("stories/s2/").split('<nav class="cp-post-nav"', 1)[1].split("</nav>")[0]
    assert re.findall(r'href="../../([^"]+)" rel="(\w+)">.*?</span> ([^<]+)</a>', either_side) == [
        ("stories/s1/", "prev", "stories s1"),
        ("stories/s3/", "next", "stories s3"),
    ]


def test_index_md_is_the_landing_text_above_the_list_and_never_a_dated_page(built: Built) -> None:
    html = built.html("stories/")
    stories = html[html.index("<article") :]  # the theme's navigation lists pages too
    assert "<h1" in stories and "Our stories</h1>" in stories
    text = stories.index("People tell how co-production went for them.")
    assert text < stories.index("stories s3")
    assert stories.count("<h1") == 1
    assert 'content="What happened when people did it."' in html
    # Not a story: not listed, not in a year, not in a feed, not on its author's page, no byline.
    everywhere = [
        *(_summaries(built.html(url)) for url in ("stories/", "stories/page/2/")),
        *(_items(built.content(url)) for url in ("stories/archive/2021/", "authors/ann/", "authors/bob/")),
    ]
    assert all("Our stories" not in titles for titles in everywhere)
    for path in ("feed.xml", "stories/feed.xml"):
        assert "Our stories" not in [e.title for e in _feed(built, path).entries]
    assert 'class="cp-byline' not in stories[:text]  # the stories below it have theirs


def test_an_undated_folder_lists_its_pages_by_title_under_its_landing_text(built: Built) -> None:
    html = built.html("toolkit/")
    toolkit = html[html.index("<article") :]
    assert toolkit.index("Tools to print and use.") < toolkit.index("All tools</h2>")
    assert _items(toolkit) == ["Access form", "Budget plan"]  # by title, items_per_page 2 a page
    assert _items(built.content("toolkit/page/2/")) == ["Checklist"]
    assert "Toolkit" not in _items(toolkit) + _items(built.content("toolkit/page/2/"))
    assert "<title>Toolkit, page 2 - Test Toolkit</title>" in built.html("toolkit/page/2/")
    assert 'href="../toolkit/page/2/" rel="next">Next page</a>' in toolkit


def test_each_dated_section_has_its_own_archives(built: Built) -> None:
    index = built.content("stories/archive/")
    assert "<h1>Stories by year</h1>" in index
    years = re.findall(r'href="../../stories/archive/(\d+)/">\d+</a>: Stories: (\d+)', index)
    assert years == [("2021", "1"), ("2020", "1"), ("2019", "1")]
    assert _items(built.content("stories/archive/2020/")) == ["stories s2"]
    assert "<title>Stories from 2020 - Test Toolkit</title>" in built.html("stories/archive/2020/")
    assert _items(built.content("posts/archive/2020/")) == ["posts p2", "posts p1"]
    assert not built.exists("posts/archive/2019/")  # only stories were written in 2019


def test_each_dated_section_has_its_own_feed_and_the_site_feed_holds_them_all(built: Built) -> None:
    stories = _feed(built, "stories/feed.xml")
    assert [e.title for e in stories.entries] == ["stories s3", "stories s2", "stories s1"]
    assert stories.feed.title == "Test Toolkit: Stories"
    assert stories.feed.link == "https://example.org/toolkit/stories/"
    posts = _feed(built, "posts/feed.xml")
    assert [e.title for e in posts.entries] == ["posts p3", "posts p2", "posts p1"]
    every = [e.title for e in _feed(built, "feed.xml").entries]
    assert every == ["stories s3", "posts p3", "stories s2", "posts p2", "posts p1", "stories s1"]
    # Advertised in the head of the section's pages, beside the site's; not elsewhere.
    story_feed = ALTERNATE.format("Test Toolkit: Stories", "{}stories/feed.xml")
    for url, up in (("stories/", "../"), ("stories/page/2/", "../../../"), ("stories/s1/", "../../")):
        head = built.html(url).split("</head>")[0]
        assert story_feed.format(up) in head, url
        assert ALTERNATE.format("Test Toolkit", f"{up}feed.xml") in head, url
    assert story_feed.format("../../") in built.html("stories/archive/").split("</head>")[0]
    assert "stories/feed.xml" not in built.html("posts/")
    assert 'href="../stories/feed.xml">Follow new stories (RSS feed)</a>' in built.html("stories/")


def test_authors_pages_hold_every_dated_page_newest_first(built: Built) -> None:
    assert _items(built.content("authors/bob/")) == ["stories s3", "stories s2"]
    assert _items(built.content("authors/ann/")) == ["posts p3", "posts p2"]


def test_a_story_without_a_date_is_named_a_story(tmp_path: Path) -> None:
    files = _files()
    files["stories/undated.md"] = page({"title": "Undated", "barriers": []})
    write_site(tmp_path, files, _config())
    warnings = build_site(tmp_path).warnings
    assert [w.split(": ", 1)[1] for w in warnings if "needs" in w] == [
        "stories/undated.md:1: a story needs a date: add 'date: YYYY-MM-DD'",
        "stories/undated.md:1: a story needs authors: add 'authors: [your-id]'",
    ]


def test_a_site_with_one_blog_has_one_feed_and_its_addresses_stay(tmp_path: Path) -> None:
    files = {k: v for k, v in _files().items() if not k.startswith("stories/")}
    config = _config()
    del plugin_options(config)["sources"]["stories"]
    write_site(tmp_path, files, config)
    built = build_site(tmp_path, strict=True)
    assert _summaries(built.html("posts/")) == ["posts p3", "posts p2"]
    assert built.exists("posts/page/2/") and built.exists("posts/archive/2021/")
    assert [e.title for e in _feed(built, "feed.xml").entries] == ["posts p3", "posts p2", "posts p1"]
    assert not built.exists("posts/feed.xml")
    assert 'href="../feed.xml">Follow new blog posts (RSS feed)</a>' in built.html("posts/")


def test_without_a_landing_page_a_section_is_headed_by_its_kind(tmp_path: Path) -> None:
    """No toolkit/index.md, and a draft stories/index.md (left out of a build): the lists are
    made in their place, headed by the kinds' plurals."""
    files = {k: v for k, v in _files().items() if k != "toolkit/index.md"}
    files["stories/index.md"] = page({"title": "Our stories", "draft": True, "barriers": []}, "Soon.\n")
    write_site(tmp_path, files, _config())
    built = build_site(tmp_path, strict=True)
    stories = built.html("stories/")
    assert "<h1>Stories</h1>" in stories and "Soon." not in stories
    assert _summaries(stories) == ["stories s3", "stories s2"]
    assert "<title>Stories, page 2 - Test Toolkit</title>" in built.html("stories/page/2/")
    toolkit = built.html("toolkit/")
    assert "<h1>Tools</h1>" in toolkit
    assert _items(toolkit[toolkit.index("<article") :]) == ["Access form", "Budget plan"]
    assert 'content="Tools from Test Toolkit, by title."' in toolkit
