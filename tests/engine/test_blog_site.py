"""Issue 4: blog listings, pagination, archives, authors, drafts, feeds, dates and reading time."""

from __future__ import annotations

import copy
import gzip
import posixpath
import re
from pathlib import Path
from typing import Any

import feedparser
import pytest
from mkdocs.exceptions import Abort

from conftest import AUTHORS, BASE_CONFIG, build_site, page, tool, write_site


def post(slug: str, day: str, title: str | None = None, **extra: Any) -> dict[str, str]:
    front = {
        "title": title or f"Post {slug}",
        "date": day,
        "authors": ["ann"],
        "barriers": ["power"],
        **extra,
    }
    return {f"posts/{slug}.md": page(front, f"Body of {slug}.\n")}


def blog(*posts: dict[str, str]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"posts/authors.yml": AUTHORS}
    for p in posts:
        files.update(p)
    return files


def listed(html: str) -> list[str]:
    return re.findall(r'<h2 class="cp-summary__title"><a href="[^"]*">([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("count", "pages"),
    [(0, 1), (1, 1), (2, 1), (3, 2)],  # posts_per_page is 2 in the fixture config
)
def test_pagination_boundaries(make_site: Any, count: int, pages: int) -> None:
    posts = [post(f"p{i}", f"2020-01-{i + 1:02d}") for i in range(count)]
    built = make_site(blog(*posts), strict=True)
    first = built.html("posts/")
    assert listed(first) == [f"Post p{i}" for i in reversed(range(count))][:2]
    assert built.exists("posts/page/2/") == (pages == 2)
    assert not built.exists("posts/page/3/")
    if count == 0:
        assert "There are no blog posts yet." in first
    if pages == 2:
        second = built.html("posts/page/2/")
        assert listed(second) == ["Post p0"]
        assert 'href="../posts/page/2/" rel="next">Older blog posts' in first
        assert 'href="../../../posts/" rel="prev">Newer blog posts' in second
        assert '<a aria-current="page" href="../../../posts/page/2/">Page 2</a>' in second
    else:
        assert 'class="cp-pagination"' not in first


def test_long_blog_pager_skips_middle_pages(make_site: Any) -> None:
    posts = [post(f"p{i:02d}", f"2020-01-{i + 1:02d}") for i in range(14)]  # 7 listing pages
    built = make_site(blog(*posts), strict=True)
    pager = built.html("posts/page/4/").split('class="cp-pagination"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">Page (\d+)</a>", pager) == ["1", "2", "3", "4", "5", "6", "7"]
    first = built.html("posts/").split('class="cp-pagination"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">Page (\d+)</a>", first) == ["1", "2", "3", "7"]
    assert first.count('class="cp-pagination__gap"') == 1
    assert first.index(">Page 3</a>") < first.index("cp-pagination__gap") < first.index(">Page 7</a>")


def test_listing_entries_show_date_authors_reading_time_terms_and_excerpt(make_site: Any) -> None:
    body = "First paragraph is the excerpt, see [the other](other.md).\n\n<!-- more -->\n\nHidden rest.\n"
    built = make_site(
        {
            **blog(*[post("other", "2020-01-01", description="Other description.")]),
            "posts/long.md": page(
                {
                    "title": "Long",
                    "date": "2021-06-01",
                    "authors": ["ann", "bob"],
                    "barriers": ["power", "capacity"],
                },
                body + ("word " * 450) + "\n",
            ),
        }
    )
    html = built.html("posts/")
    entry = html[html.index(">Long</a>") : html.index(">Post other</a>")]
    assert '<time datetime="2021-06-01">1 June 2021</time>' in entry
    assert '<a href="../authors/ann/">Ann Author</a> (Peer researcher)' in entry  # same byline as the post
    assert '<a href="../authors/bob/">Bob Writer</a>' in entry
    assert "3 minutes to read" in entry  # about 460 words at 200 a minute
    assert '<a class="cp-chip" href="../barriers/capacity/">Capacity</a>' in entry
    assert "First paragraph is the excerpt" in entry and "Hidden rest" not in entry
    # The excerpt's link was written for posts/long/, and still works from posts/.
    assert 'href="other/"' in entry
    # Without <!-- more -->, the description is the excerpt.
    other = html[html.index(">Post other</a>") :]
    assert "Other description." in other and "Body of other" not in other


def test_post_page_has_byline_with_roles_terms_and_neighbours(make_site: Any) -> None:
    built = make_site(
        blog(post("a", "2020-01-01"), post("b", "2020-02-01"), post("c", "2020-03-01")), strict=True
    )
    html = built.html("posts/b/")
    assert re.search(r"<h1>Post b</h1>\s*<p class=\"cp-byline\">", html)
    assert "Ann Author</a> (Peer researcher)" in html
    assert "1 minute to read" in html
    assert (
        'href="../../posts/a/" rel="prev"><span class="cp-post-nav__label">Older post</span> Post a' in html
    )
    assert (
        'href="../../posts/c/" rel="next"><span class="cp-post-nav__label">Newer post</span> Post c' in html
    )


def test_archives_by_year(make_site: Any) -> None:
    built = make_site(
        blog(post("a", "2019-04-03"), post("b", "2019-12-01"), post("c", "2021-01-01")), strict=True
    )
    index = built.html("posts/archive/")
    newest = index.index('href="../../posts/archive/2021/">2021</a>: Blog posts: 1')
    assert newest < index.index('href="../../posts/archive/2019/">2019</a>: Blog posts: 2')
    y2019 = built.content("posts/archive/2019/")
    assert y2019.index("Post b") < y2019.index("Post a")
    assert "Post c" not in y2019
    assert not built.exists("posts/archive/2020/")


def test_author_pages(make_site: Any) -> None:
    built = make_site(blog(post("a", "2020-01-01"), post("b", "2020-02-01", authors=["bob"])), strict=True)
    ann = built.content("authors/ann/")
    assert "<h1>Ann Author</h1>" in ann and "Peer researcher" in ann
    assert "Post a" in ann and "Post b" not in ann
    index = built.html("authors/")
    assert "Ann Author</a>, Peer researcher:\n    1 post" in index


def test_drafts_are_absent_from_every_output_of_a_build(make_site: Any) -> None:
    built = make_site(blog(post("live", "2020-01-01"), post("secret", "2020-02-01", draft=True)), strict=True)
    assert not built.exists("posts/secret/")
    texts = [
        p.read_text(encoding="utf-8") for p in built.site.rglob("*") if p.suffix in (".html", ".xml", ".json")
    ]
    assert texts and not any("Post secret" in t for t in texts)
    assert "Post live" in built.html("barriers/power/")
    # Nor its URL, or its body, in any file the build wrote: sitemap (plain and gzipped),
    # search index, feeds, cross-index, listings.
    outputs: dict[str, str] = {}
    for path in sorted(p for p in built.site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        try:
            outputs[path.relative_to(built.site).as_posix()] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # fonts and images
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "feed.xml"} <= set(outputs)
    assert "posts/live/" in outputs["sitemap.xml"]  # the check below can fail
    leaks = [name for name, text in outputs.items() if "posts/secret" in text or "Body of secret" in text]
    assert leaks == []


def test_drafts_show_with_a_banner_in_serve(make_site: Any) -> None:
    built = make_site(blog(post("live", "2020-01-01"), post("secret", "2020-02-01", draft=True)), serve=True)
    html = built.html("posts/secret/")
    assert '<div class="cp-draft" role="note">' in html and "<strong>Draft.</strong>" in html
    assert "Post secret" in built.html("posts/")
    assert '<span class="cp-badge">Draft</span>' in built.html("posts/")


def test_future_posts_wait_unless_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")  # 2020-01-01
    files = blog(post("past", "2019-12-31"), post("future", "2020-06-01"))
    write_site(tmp_path, files)
    built = build_site(tmp_path, strict=True)
    assert not built.exists("posts/future/")
    assert "Post future" not in (built.site / "feed.xml").read_text()
    config = copy.deepcopy(BASE_CONFIG)
    config["plugins"][1]["coproduction"]["future_posts"] = True
    write_site(tmp_path, files, config)
    assert build_site(tmp_path, strict=True).exists("posts/future/")


def test_feeds_parse_and_hold_the_right_entries(make_site: Any) -> None:
    odd = "Cats & <dogs> — café “quotes”"
    built = make_site(
        blog(
            post("a", "2020-01-01"),
            post(
                "b",
                "2020-03-01",
                title=odd,
                description="Tea & <cake>",
                barriers=["power", "capacity"],
            ),
            post("c", "2020-02-01", barriers=["capacity"]),
        ),
        strict=True,
    )
    feed = feedparser.parse((built.site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == [odd, "Post c", "Post a"]
    first = feed.entries[0]
    assert first.link == "https://example.org/toolkit/posts/b/"
    assert first.summary == "Tea &amp; &lt;cake&gt;"  # HTML that shows as "Tea & <cake>"
    assert first.published == "Sun, 01 Mar 2020 00:00:00 +0000"
    assert [t.term for t in first.tags] == ["Power", "Capacity"]
    assert feed.feed.link == "https://example.org/toolkit/posts/"
    capacity = feedparser.parse((built.site / "barriers/capacity/feed.xml").read_bytes())
    assert not capacity.bozo
    assert [e.title for e in capacity.entries] == [odd, "Post c"]
    # Advertised in the head of every page (relative, so a preview never asks the live site),
    # and the term feed on its term page.
    alternate = '<link rel="alternate feed" type="application/rss+xml" title="Test Toolkit" href="{}">'
    assert alternate.format("feed.xml") in built.html("")
    assert alternate.format("../../feed.xml") in built.html("posts/a/")
    term = built.html("barriers/capacity/")
    assert 'title="Test Toolkit: Capacity" href="../../barriers/capacity/feed.xml"' in term


def test_feeds_need_site_url_only_when_there_is_a_blog(tmp_path: Path) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    del config["site_url"]
    write_site(tmp_path, blog(post("a", "2020-01-01")), config)
    built = build_site(tmp_path)
    assert built.warnings == [
        "coproduction: mkdocs.yml:1: the blog's feeds need 'site_url', the address the site is published "
        "at (for example site_url: https://example.org/); or turn them off with 'feeds: false' under the "
        "coproduction plugin"
    ]
    # Every page is still built; no feed is written, and no page advertises one.
    assert built.exists("posts/a/") and built.exists("posts/")
    assert not (built.site / "feed.xml").exists()
    assert "application/rss+xml" not in built.html("posts/")
    with pytest.raises(Abort):
        build_site(tmp_path, strict=True)


def test_no_site_url_needed_without_a_blog(tmp_path: Path) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    del config["site_url"]
    # posts/ is still a source of kind post, but it holds no post: there is no blog.
    write_site(tmp_path, {"toolkit/a.md": tool({"title": "A", "barriers": ["power"]})}, config)
    built = build_site(tmp_path, strict=True)
    assert built.warnings == []
    assert built.exists("toolkit/a/")


def test_unknown_author_and_impossible_date_are_content_problems(make_site: Any) -> None:
    built = make_site(
        blog({"posts/x.md": "---\ntitle: X\ndate: 2019-02-30\nauthors: [zed]\nbarriers: []\n---\nText\n"})
    )
    assert "coproduction: posts/x.md:3: date '2019-02-30' is not a real date" in " ".join(built.warnings)
    assert any(w.startswith("coproduction: posts/x.md:4: unknown author id 'zed'") for w in built.warnings)


def test_authors_file_problems_name_their_line(make_site: Any) -> None:
    built = make_site({"posts/authors.yml": "ann:\n  name: Ann\nbob:\n  role: Writer\n"})
    assert any(
        w.startswith("coproduction: posts/authors.yml:3: author 'bob' needs a name") for w in built.warnings
    )


def test_a_summary_says_so_at_its_top_in_lists_feeds_and_the_export(make_site: Any) -> None:
    summary = page(
        {
            "title": "Our summary",
            "date": "2020-03-03",
            "authors": ["ann"],
            "barriers": ["power"],
            "source": {
                "title": "The <original> piece",
                "author": "Alex Fox",
                "published": "2019-04-29",
                "where": "his own blog",
                "url": "https://example.org/piece",
            },
        },
        "Our words.\n",
    )
    built = make_site(blog({"posts/summary.md": summary}), strict=True)
    content = built.content("posts/summary/")
    note = content.index('class="cp-source"')
    assert note < content.index("Our words.")  # at the top, before the text
    link = '<a href="https://example.org/piece">The &lt;original&gt; piece</a>'
    words = " ".join(content.split())
    where = "first published in his own blog, on 29 April 2019."
    assert f"our summary, in our own words, of {link} by Alex Fox, {where}" in words
    assert "Summary by" in words
    for listing in ("posts/", "barriers/power/", "authors/ann/"):
        assert f"A summary of {link} by Alex Fox (2019)" in " ".join(built.content(listing).split()), listing
    feed = feedparser.parse((built.site / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title == "Our summary")
    # An RSS description is HTML: the title's "<" arrives escaped, as text.
    assert entry.summary.startswith("A summary of \u201cThe &lt;original&gt; piece\u201d by Alex Fox (2019).")
    exported = next(p for p in built.json()["pages"] if p["url"] == "posts/summary/")
    assert exported["source"] == {
        "title": "The <original> piece",
        "author": "Alex Fox",
        "published": "2019-04-29",
        "where": "his own blog",
        "url": "https://example.org/piece",
    }
    assert exported["path"] == "posts/summary.md"


def _pager_links(built: Any, url: str) -> list[tuple[str, str]]:
    """(link text, URL from the site root) of each link in the pager of the page at ``url``."""
    html = built.content(url)
    nav = html.split('<nav class="cp-pagination"', 1)[1].split("</nav>", 1)[0]
    return [
        (text, posixpath.normpath(posixpath.join(url, href)).lstrip("./") + "/")
        for href, text in re.findall(r'<a[^>]* href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    ]


def _items(html: str) -> list[str]:
    return re.findall(r'<a class="cp-item__title" href="[^"]*">([^<]+)</a>', html)


def test_year_and_author_pages_are_paginated(make_site: Any) -> None:
    """No year's or author's page grows with the blog: items_per_page (2) posts a page, newest
    first, each post on exactly one page, a pager whose links all lead to pages of the list."""
    days = ["2020-01-05", "2020-03-01", "2020-06-30", "2020-09-09", "2020-12-31"]
    posts = [post(f"p{i}", day) for i, day in enumerate(days)]
    built = make_site(
        blog(*posts, post("later", "2021-02-02"), post("bobs", "2020-07-07", authors=["bob"])), strict=True
    )
    year = ["Post p4", "Post p3", "Post bobs", "Post p2", "Post p1", "Post p0"]  # newest first
    ann = ["Post later", "Post p4", "Post p3", "Post p2", "Post p1", "Post p0"]
    for first, expected, title, newer, older in (
        ("posts/archive/2020/", year, "Blog posts from 2020", "Newer blog posts", "Older blog posts"),
        ("authors/ann/", ann, "Ann Author", "Newer posts", "Older posts"),
    ):
        urls = [first, f"{first}page/2/", f"{first}page/3/"]
        shown = []
        for number, url in enumerate(urls, start=1):
            html = built.html(url)
            items = _items(built.content(url))
            assert len(items) == 2, url
            shown += items
            assert f"Page {number} of 3." in html
            later = f"{title}, page {number}"
            assert f"<title>{later if number > 1 else title} - Test Toolkit</title>" in html
            links = _pager_links(built, url)
            assert [u for text, u in links if text.startswith("Page ")] == urls
            assert ("Page " + str(number), url) in links
            assert all(built.exists(u) for _, u in links), links
            either_side = {text: u for text, u in links if not text.startswith("Page ")}
            assert either_side == {
                **({newer: urls[number - 2]} if number > 1 else {}),
                **({older: urls[number]} if number < 3 else {}),
            }
        assert shown == expected  # the order kept, no post lost or shown twice
        assert not built.exists(f"{first}page/4/")
    # Later pages leave the description to the first.
    assert '<meta name="description" content="Peer researcher">' in built.html("authors/ann/")
    assert '<meta name="description"' not in built.html("authors/ann/page/2/")
    # The indexes count every post and link to the first page; a short list has no pager.
    archive_index = built.content("posts/archive/")
    assert 'href="../../posts/archive/2020/">2020</a>: Blog posts: 6' in archive_index
    assert 'href="../../posts/archive/2021/">2021</a>: Blog posts: 1' in archive_index
    assert 'href="../authors/ann/">Ann Author</a>, Peer researcher:\n    6 posts' in built.content("authors/")
    for short in ("posts/archive/2021/", "authors/bob/"):
        assert len(_items(built.content(short))) == 1
        assert 'class="cp-pagination"' not in built.html(short)
        assert not built.exists(f"{short}page/2/")
