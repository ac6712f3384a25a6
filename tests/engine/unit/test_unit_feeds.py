"""feeds.build_feed: absolute links, RFC 822 dates, descriptions, categories, lastBuildDate."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

import pytest
from unit_support import make_page

from coproduction.core.feeds import Feed, FeedItem, build_feed, plain_text, rfc822
from coproduction.core.records import Author, PageRecord
from coproduction.core.settings import SiteSpec

AUTHORS = {"ann": Author("ann", "Ann Author"), "bob": Author("bob", "Bob Writer")}
TERM_TITLES = {("barriers", "power"): "Power", ("barriers", "capacity"): "Capacity"}


def feed(
    posts: list[PageRecord],
    site_url: str = "https://example.org/toolkit/",
    made: dict[str, FeedItem] | None = None,
) -> Feed:
    return build_feed(
        path="feed.xml",
        title="Test Toolkit",
        description="New posts from Test Toolkit",
        page_url="posts/",
        site_url=site_url,
        posts=posts,
        authors=AUTHORS,
        term_titles=TERM_TITLES,
        say=SiteSpec().say,
        made=made,
    )


def two_posts() -> list[PageRecord]:
    return [
        make_page(
            "posts/new/",
            "New & shiny",
            kind="post",
            date="2021-03-07",
            description="The description.",
            excerpt="<p>Ignored when there is a description.</p>",
            authors=("ann", "ghost"),
            terms=("power", "capacity"),
        ),
        make_page(
            "posts/old/",
            "Old",
            kind="post",
            date="2019-04-29",
            excerpt="<h2>Part one</h2>\n<p>Tom &amp; Jerry&nbsp;say <em>hi</em>.</p>",
            authors=("bob",),
        ),
    ]


@pytest.mark.parametrize("site_url", ["https://example.org/toolkit/", "https://example.org/toolkit"])
def test_links_are_absolute_under_the_site_url(site_url: str) -> None:
    result = feed(two_posts(), site_url)
    assert result.link == "https://example.org/toolkit/posts/"
    assert result.self_link == "https://example.org/toolkit/feed.xml"
    assert [i.link for i in result.items] == [
        "https://example.org/toolkit/posts/new/",
        "https://example.org/toolkit/posts/old/",
    ]


def test_site_at_the_domain_root() -> None:
    result = feed(two_posts(), "https://example.org")
    assert result.items[0].link == "https://example.org/posts/new/"
    assert result.self_link == "https://example.org/feed.xml"


def test_channel_fields() -> None:
    result = feed(two_posts())
    assert (result.path, result.title, result.description, result.language) == (
        "feed.xml",
        "Test Toolkit",
        "New posts from Test Toolkit",
        "en",
    )


def test_items_keep_the_given_order_and_titles() -> None:
    result = feed(two_posts())
    assert [i.title for i in result.items] == ["New & shiny", "Old"]


def test_dates_are_rfc822_at_midnight_utc() -> None:
    result = feed(two_posts())
    assert [i.pub_date for i in result.items] == [
        "Sun, 07 Mar 2021 00:00:00 +0000",
        "Mon, 29 Apr 2019 00:00:00 +0000",
    ]
    parsed = parsedate_to_datetime(result.items[1].pub_date)
    assert parsed == dt.datetime(2019, 4, 29, tzinfo=dt.UTC)


def test_rfc822() -> None:
    assert rfc822(dt.date(2024, 2, 29)) == "Thu, 29 Feb 2024 00:00:00 +0000"


def test_last_build_date_is_the_newest_post_not_the_clock() -> None:
    posts = two_posts()
    assert feed(posts).last_build == "Sun, 07 Mar 2021 00:00:00 +0000"
    # Order does not matter: the newest date wins.
    assert feed(list(reversed(posts))).last_build == "Sun, 07 Mar 2021 00:00:00 +0000"


def test_empty_feed_has_no_build_date() -> None:
    result = feed([])
    assert result.items == []
    assert result.last_build == ""


def test_undated_post_has_no_pub_date() -> None:
    result = feed([make_page("posts/x/", "X", kind="post")])
    assert result.items[0].pub_date == ""
    assert result.last_build == ""


def test_description_from_front_matter_or_excerpt_text() -> None:
    result = feed(two_posts())
    assert result.items[0].description == "The description."
    # The excerpt's text, escaped once as HTML (RSS descriptions are HTML).
    assert result.items[1].description == "Part one Tom &amp; Jerry say hi ."


def test_description_text_is_escaped_as_html() -> None:
    post = make_page("posts/x/", kind="post", date="2020-01-01", description='Fish & chips <b>"now"</b>')
    assert feed([post]).items[0].description == 'Fish &amp; chips &lt;b&gt;"now"&lt;/b&gt;'


def test_no_description_and_no_excerpt() -> None:
    result = feed([make_page("posts/x/", "X", kind="post", date="2020-01-01")])
    assert result.items[0].description == ""


def test_authors_by_name_unknown_ids_as_written() -> None:
    result = feed(two_posts())
    assert result.items[0].authors == ("Ann Author", "ghost")
    assert result.items[1].authors == ("Bob Writer",)


def test_categories_are_term_titles() -> None:
    post = make_page(
        "posts/x/",
        kind="post",
        date="2020-01-01",
        terms={"barriers": ("capacity", "power"), "audience": ("carers",)},
    )
    # Terms without a known title fall back to their slug.
    assert feed([post]).items[0].categories == ("Capacity", "Power", "carers")


def test_plain_text_drops_tags_and_decodes_entities() -> None:
    assert plain_text("<p>A &amp; B</p>\n\n<p>C&nbsp;&lt;d&gt;</p>") == "A & B C <d>"
    assert plain_text("") == ""


def test_feeds_sharing_made_items_build_each_post_once() -> None:
    """A post in the blog's feed and its term's feed is one item, built once."""
    posts = two_posts()
    made: dict[str, FeedItem] = {}
    site = feed(posts, "https://example.org/", made)
    term = feed(posts[:1], "https://example.org/", made)  # as a term's feed would
    assert term.items[0] is site.items[0]
    assert sorted(made) == sorted(p.url for p in posts)
    assert site.items[0].link == "https://example.org/posts/new/"
