"""The words the core writes into pages: titles and descriptions of the pages it makes, and
of its feeds. Each is an English message with ``{named}`` values; ``SiteSpec.say`` gives it
in the site's language, from translations the adapter reads (the core reads no catalogue).
"""

from __future__ import annotations

__all__ = ["CORE_WORDS"]

BLOG = "Blog"
BLOG_PAGE = "Blog, page {number}"
LATER_PAGE = "{title}, page {number}"
BLOG_ABOUT = "Posts from {site}, newest first."
ARCHIVE = "Blog archive"
ARCHIVE_ABOUT = "Every year of the blog, and how many posts it has."
YEAR = "Posts from {year}"
YEAR_ABOUT = "Blog posts published in {year}, newest first."
AUTHORS = "Authors"
AUTHORS_ABOUT = "Everyone who writes for the blog, and what they wrote."
COMBINATION_ABOUT = "Pages about all of these: {terms}."
LAST_OF_LIST = "{first} and {last}"
FEED_ABOUT = "New posts from {site}"
TERM_FEED = "{site}: {term}"
TERM_FEED_ABOUT = "Posts about {term}"

CORE_WORDS = (
    BLOG,
    BLOG_PAGE,
    LATER_PAGE,
    BLOG_ABOUT,
    ARCHIVE,
    ARCHIVE_ABOUT,
    YEAR,
    YEAR_ABOUT,
    AUTHORS,
    AUTHORS_ABOUT,
    COMBINATION_ABOUT,
    LAST_OF_LIST,
    FEED_ABOUT,
    TERM_FEED,
    TERM_FEED_ABOUT,
)
"""Every message above: the adapter translates these into ``SiteSpec.words``."""
