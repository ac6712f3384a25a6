"""The words the core writes: titles and descriptions of the pages it makes, of its feeds
and their items, the default kinds' names, the front matter schema's descriptions and the
placeholders of ``make new``. Each is an English message with ``{named}`` values;
``SiteSpec.say`` gives it in the site's language, from translations the adapter reads
(the core reads no catalogue).
"""

from __future__ import annotations

from coproduction.core.settings import DEFAULT_KINDS

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
SUMMARY = "A summary of \u201c{title}\u201d by {author}."
SUMMARY_YEAR = "A summary of \u201c{title}\u201d by {author} ({year})."
NEW_DESCRIPTION = "One or two plain sentences about this page, shown in lists, feeds and search."
NEW_TERMS = "Choose terms in the front matter above ({terms})."
NEW_BODY = "Write here."
NEW_HANDOUT = "Write the handout here: the form or sheet people are given."
SCHEMA_TITLE = "Front matter of the pages of {site}"
SCHEMA_TITLE_ANY = "Front matter of this site's pages"
SCHEMA_PAGE_TITLE = "The page's title (else its first heading)."
SCHEMA_DESCRIPTION = "One or two plain sentences for lists, feeds and search."
SCHEMA_KIND = "What the page is: {kinds}"
SCHEMA_DATE = "For dated kinds: the day it was published (YYYY-MM-DD)."
SCHEMA_AUTHORS = "For dated kinds: ids from {file} of who wrote this page."
SCHEMA_DRAFT = "Kept out of the published site while true."
SCHEMA_REVIEWED = "When the page was last checked (YYYY-MM-DD)."
SCHEMA_REVIEWED_BY = "Who reviewed the page: each person's name, role and the date (YYYY-MM-DD), shown on it."
SCHEMA_EASY_READ = "Path from docs/ of this page's Easy Read version."
SCHEMA_CHECKED_BY = "Who checked this Easy Read page (people with learning disabilities), and when."
SCHEMA_SOURCE = "The work this page summarises."
SCHEMA_THEME = "A setting of the theme."
KINDS = tuple(word for kind in DEFAULT_KINDS for word in (kind.title, kind.plural))
"""The default kinds' names: a site that lists no ``kinds`` gets them in its language."""
SECTION_FEED = "{site}: {kinds}"
HANDOUT = "Handout: {title}"
HANDOUT_ABOUT = "The part of \u201c{title}\u201d to print and hand out."
PACK = "Workshop pack: {term}"
PACK_ABOUT = "Every handout about {term}, to print for a workshop."

CORE_WORDS = (
    NEW_HANDOUT,
    HANDOUT,
    HANDOUT_ABOUT,
    PACK,
    PACK_ABOUT,
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
    SUMMARY,
    SUMMARY_YEAR,
    NEW_DESCRIPTION,
    NEW_TERMS,
    NEW_BODY,
    SCHEMA_TITLE,
    SCHEMA_TITLE_ANY,
    SCHEMA_PAGE_TITLE,
    SCHEMA_DESCRIPTION,
    SCHEMA_KIND,
    SCHEMA_DATE,
    SCHEMA_AUTHORS,
    SCHEMA_DRAFT,
    SCHEMA_REVIEWED,
    SCHEMA_REVIEWED_BY,
    SCHEMA_EASY_READ,
    SCHEMA_CHECKED_BY,
    SCHEMA_SOURCE,
    SCHEMA_THEME,
    *KINDS,
    SECTION_FEED,
)
"""Every message above: the adapter translates these into ``SiteSpec.words``."""
