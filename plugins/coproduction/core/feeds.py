"""Feed documents: RSS 2.0 data for the whole blog and for each term, with absolute links."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import format_datetime
from urllib.parse import urljoin

from coproduction.core import words
from coproduction.core.records import Author, PageRecord

__all__ = ["Feed", "FeedItem", "Say", "build_feed", "feed_item", "plain_text", "summary_of"]

Say = Callable[..., str]
"""``SiteSpec.say``: one of ``core.words`` in the site's language, its values filled in."""

_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def plain_text(html_text: str) -> str:
    """Text of an HTML fragment, tags dropped and entities decoded, on one line."""
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", html_text))).strip()


def summary_of(post: PageRecord, say: Say) -> str:
    """ "A summary of "Title" by Author (2019). " for a page with ``source:``, else ""."""
    source = post.source
    if source is None:
        return ""
    if source.published:
        return (
            say(words.SUMMARY_YEAR, title=source.title, author=source.author, year=source.published.year)
            + " "
        )
    return say(words.SUMMARY, title=source.title, author=source.author) + " "


def rfc822(day: dt.date) -> str:
    """RSS's date format (RFC 822), at midnight UTC."""
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One post in a feed."""

    title: str
    link: str
    description: str
    """HTML, as RSS readers expect."""
    pub_date: str
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(slots=True)
class Feed:
    """A feed's channel and items; rendered by the ``coproduction/feed.xml`` template."""

    path: str
    """Where the feed is written, relative to the site root."""
    title: str
    link: str
    self_link: str
    description: str
    language: str = "en"
    last_build: str = ""
    items: list[FeedItem] = field(default_factory=list)


def feed_item(
    post: PageRecord,
    base: str,
    authors: Mapping[str, Author],
    term_titles: Mapping[tuple[str, str], str],
    say: Say,
) -> FeedItem:
    """``post`` as a feed item, its link absolute from ``base`` (the site URL, ending in /)."""
    return FeedItem(
        title=post.title,
        link=urljoin(base, post.url),
        # RSS descriptions are HTML: plain text is escaped once here, and once for XML.
        description=html.escape(
            summary_of(post, say) + (post.description or plain_text(post.excerpt)), quote=False
        ),
        pub_date=rfc822(post.date) if post.date else "",
        authors=tuple(authors[a].name if a in authors else a for a in post.authors),
        categories=tuple(
            term_titles.get((tax, term), term) for tax, terms in post.terms.items() for term in terms
        ),
    )


def build_feed(
    *,
    path: str,
    title: str,
    description: str,
    page_url: str,
    site_url: str,
    posts: Sequence[PageRecord],
    authors: Mapping[str, Author],
    term_titles: Mapping[tuple[str, str], str],
    say: Say,
    language: str = "en",
    made: dict[str, FeedItem] | None = None,
) -> Feed:
    """A feed of ``posts`` (newest first) whose links are absolute from ``site_url``.

    ``made`` keeps the items already built, by post URL: a post is in the blog's
    feed and in each of its terms' feeds, and is worked out once.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    made = {} if made is None else made
    items = []
    for post in posts:
        item = made.get(post.url)
        if item is None:
            item = made[post.url] = feed_item(post, base, authors, term_titles, say)
        items.append(item)
    # The newest post's date, not the clock: two builds of the same sources give the same file.
    newest = max((p.date for p in posts if p.date), default=None)
    return Feed(
        path=path,
        title=title,
        link=urljoin(base, page_url),
        self_link=urljoin(base, path),
        description=description,
        language=language,
        last_build=rfc822(newest) if newest else "",
        items=items,
    )
