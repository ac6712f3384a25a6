"""The words the core writes into pages: titles and descriptions of the pages it makes, and
of its feeds. Each is an English message with ``{named}`` values; ``SiteSpec.say`` gives it
in the site's language, from translations the adapter reads (the core reads no catalogue).
"""

from __future__ import annotations

__all__ = ["CORE_WORDS"]

LATER_PAGE = "{title}, page {number}"
SECTION_ABOUT = "{kinds} from {site}, newest first."
"""A dated section's description ({kinds}: the plural of its kind, "Stories"), and its feed's."""
SECTION_BY_TITLE = "{kinds} from {site}, by title."
ARCHIVE = "{kinds} by year"
ARCHIVE_ABOUT = "{kinds}: every year, and how many each has."
YEAR = "{kinds} from {year}"
YEAR_ABOUT = "{kinds} published in {year}, newest first."
AUTHORS = "Authors"
AUTHORS_ABOUT = "Everyone who writes for the blog, and what they wrote."
COMBINATION_ABOUT = "Pages about all of these: {terms}."
LAST_OF_LIST = "{first} and {last}"
FEED_ABOUT = "New posts from {site}"
TERM_FEED = "{site}: {term}"
TERM_FEED_ABOUT = "Posts about {term}"
SECTION_FEED = "{site}: {kinds}"

CORE_WORDS = (
    LATER_PAGE,
    SECTION_ABOUT,
    SECTION_BY_TITLE,
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
    SECTION_FEED,
)
"""Every message above: the adapter translates these into ``SiteSpec.words``."""
