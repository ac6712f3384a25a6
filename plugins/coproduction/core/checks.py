"""Content checks: front matter into a page record, and every problem found on the way.

Each problem names the file and line and says how to fix it; the page keeps
everything that was valid, so one mistake never costs a page.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import html
import itertools
import posixpath
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from coproduction.core.frontmatter import FrontMatter, in_curly_quotes
from coproduction.core.records import Author, PageRecord, Problem, Source
from coproduction.core.sanitise import (
    find_removed,
    might_hold_more,
    without_open_brackets,
    without_open_tags,
)
from coproduction.core.schema import THEME_KEYS
from coproduction.core.settings import SiteSpec, TaxonomySpec
from coproduction.core.text import (
    CONTROL_RE,
    closest,
    control_character,
    find_control,
    quote,
    show,
    suggest,
    without_control,
)
from coproduction.core.theme_keys import check_theme_keys
from coproduction.core.urls import folded, folded_difference, web_address

__all__ = [
    "check_addresses",
    "check_config_texts",
    "check_easy_read",
    "check_footer_links",
    "check_links",
    "check_term_easy_read",
    "check_urls",
    "link_targets",
    "make_record",
    "parse_date",
    "suggest",
]

_OUR_KEYS = ("title", "description", "kind", "date", "authors", "draft", "reviewed", "easy_read", "source")
_SOURCE_KEYS = ("title", "author", "published", "where", "url")
# An ATX "# Title" or a setext "Title" underlined with "===".
_HEADING_RE = re.compile(r"^(?:#[ \t]+(.+?)[ \t#]*|(?!#)(\S.*?)[ \t]*\n=+[ \t]*)$", re.MULTILINE)
_FENCE_RE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_ATTR_LIST_RE = re.compile(r"\s*\{[^}]*\}\s*$")
# A heading's text as a reader sees it: Markdown's escapes, code, links, emphasis and tags
# undone, and its entities decoded.
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_LINK_TEXT_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Emphasis around words: "*tricks*", "__really__"; not "snake_case" or "2*3*4".
_EMPHASIS_RE = re.compile(
    r"(?<![\w*])(\*\*|\*)(?=\S)(.+?)(?<=\S)\1(?![\w*])|(?<![\w_])(__|_)(?=\S)(.+?)(?<=\S)\3(?![\w_])"
)
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
_LONGEST_HEADING = 2000
"""What of a heading becomes a title: its markup is undone in time that grows with its square."""
_STASHED_RE = re.compile("\x00(\\d+)\x00")
_SPACES_RE = re.compile(r"\s+")


def parse_date(value: Any) -> dt.date | None:
    """A real calendar date from ``YYYY-MM-DD`` (a time after it is allowed), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}([ T].*)?$", value.strip()):
        return None
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


_CONTROL_FIX = "which would break the site's feeds: delete it"


def _plain(text: str, what: str, path: str, line: int, problems: list[Problem]) -> str:
    """``text`` without control characters; a problem naming ``what`` if it had any."""
    char = control_character(text)
    if char is None:
        return text
    problems.append(
        Problem(path, line, f"{what} holds an invisible control character ({char}), {_CONTROL_FIX}")
    )
    return without_control(text)


def _text(fm: FrontMatter, key: str, problems: list[Problem]) -> str:
    value = fm.data.get(key)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        problems.append(Problem(fm.path, fm.line(key), f"'{key}' should be plain text, not a list"))
        return ""
    if not isinstance(value, str):
        return str(value)
    text = _plain(value, f"'{key}'", fm.path, fm.line(key), problems)
    if text is not value:
        fm.data[key] = text  # the theme shows page.meta too
    return text


def heading_text(heading: str) -> str:
    """A Markdown heading's text as the reader sees it: ``Tips &amp; <em>tricks</em>`` is
    "Tips & tricks", ``*real* [reasons](x.md)`` is "real reasons", ``snake_case`` and
    ``2*3*4`` stay as written."""
    stash: list[str] = []

    def keep(text: str) -> str:
        stash.append(text)
        return f"\x00{len(stash) - 1}\x00"

    text = without_control(heading[:_LONGEST_HEADING])
    text = _ESCAPE_RE.sub(lambda m: keep(m.group(1)), text)
    text = _CODE_RE.sub(lambda m: keep(m.group(2).strip() or m.group(2)), text)
    text = _LINK_TEXT_RE.sub(lambda m: m.group(1), text)
    while (emphasised := _EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(4), text)) != text:
        text = emphasised
    text = html.unescape(_TAG_RE.sub("", text))
    while "\x00" in text and (restored := _STASHED_RE.sub(lambda m: stash[int(m.group(1))], text)) != text:
        text = restored
    return _SPACES_RE.sub(" ", without_control(text)).strip()


def _title_from_markdown(body: str, src_uri: str) -> str:
    """The first level-1 heading, as MkDocs would render it to text, else from the file name."""
    text = _FENCE_RE.sub("", body) if "```" in body or "~~~" in body else body
    match = _HEADING_RE.search(text)
    if match and (title := heading_text(_ATTR_LIST_RE.sub("", match.group(1) or match.group(2)))):
        return title
    name = posixpath.splitext(posixpath.basename(src_uri))[0]
    if name in ("index", "README"):
        name = posixpath.basename(posixpath.dirname(src_uri)) or "Home"
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.islower() else title


def _list(fm: FrontMatter, key: str, problems: list[Problem], example: str) -> list[Any]:
    """The value of ``key`` as a list; a lone text value is accepted with a warning."""
    value = fm.data.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        problems.append(Problem(fm.path, fm.line(key), f"'{key}' should be a list: write {key}: [{example}]"))
        return [value]
    problems.append(
        Problem(fm.path, fm.line(key), f"'{key}' should be a list of text, like {key}: [{example}]")
    )
    return []


def _known_terms(known: tuple[str, ...]) -> str:
    """The known terms, for a message: a few, and how many more, in a large taxonomy."""
    if len(known) <= _MOST_TERMS_SHOWN:
        return ", ".join(known)
    return (
        f"{', '.join(known[:_MOST_TERMS_SHOWN])} and {len(known) - _MOST_TERMS_SHOWN} more (see mkdocs.yml)"
    )


_MOST_TERMS_SHOWN = 10
_MOST_TERM_PROBLEMS = 5
"""A taxonomy of a page says at most this many problems one by one; the last counts the rest."""


def _say_the_rest(problems: list[Problem], message: str) -> None:
    """Put ``message`` (how many more of one kind of problem a page has) in place of the last
    of ``problems`` said one by one, at its line: a page says each kind of problem a few
    times, then counts the rest, whatever its size."""
    last = problems[-1]
    problems[-1] = Problem(last.path, last.line, message)


def _terms(fm: FrontMatter, tax: TaxonomySpec, problems: list[Problem]) -> tuple[str, ...]:
    known = tax.slugs
    known_set = set(known)
    example = ", ".join(known[:2]) or "term"
    found: list[str] = []
    seen: set[str] = set()
    repeated: dict[str, list[int]] = {}  # term: [line, times listed]
    said: list[Problem] = []
    wrong = 0
    is_list = isinstance(fm.data.get(tax.key), list)
    for i, value in enumerate(_list(fm, tax.key, problems, example)):
        if isinstance(value, str) and value in known_set:
            if value in repeated:
                repeated[value][1] += 1
            elif value not in seen:
                seen.add(value)
                found.append(value)
            else:
                repeated[value] = [fm.line(tax.key, i) if is_list else fm.line(tax.key), 2]
            continue
        wrong += 1
        if wrong > _MOST_TERM_PROBLEMS:
            continue
        line = fm.line(tax.key, i) if is_list else fm.line(tax.key)  # only for a problem: slow
        if not isinstance(value, str):
            said.append(
                Problem(
                    fm.path,
                    line,
                    f"{tax.key} term {show(value)} is not text: write one of {_known_terms(known)}",
                )
            )
        else:
            hint = in_curly_quotes(value) or suggest(value, known)
            said.append(
                Problem(
                    fm.path,
                    line,
                    f"unknown {tax.key} term {quote(value)}.{hint} Known terms: {_known_terms(known)}",
                )
            )
    if wrong > _MOST_TERM_PROBLEMS:
        _say_the_rest(
            said,
            f"{wrong - _MOST_TERM_PROBLEMS + 1} more {tax.key} terms from this line on are not known "
            f"terms: use those of mkdocs.yml ({_known_terms(known)})",
        )
    problems += said
    for value, (line, times) in repeated.items():
        listed = "twice" if times == 2 else f"{times} times: list it once"
        problems.append(Problem(fm.path, line, f"{tax.key} term '{value}' is listed {listed}"))
    return tuple(found)


def _date(
    fm: FrontMatter, key: str, problems: list[Problem], required: bool, who: str = "a post"
) -> dt.date | None:
    value = fm.data.get(key)
    if value is None:
        if required:
            problems.append(Problem(fm.path, fm.line(), f"{who} needs a {key}: add '{key}: YYYY-MM-DD'"))
        return None
    parsed = parse_date(value)
    if parsed is None:
        problems.append(
            Problem(
                fm.path,
                fm.line(key),
                f"{key} {quote(value)} is not a real date: write it as YYYY-MM-DD, like 2019-04-29"
                + (f".{curly}" if (curly := in_curly_quotes(value)) else ""),
            )
        )
        return None
    fm.data[key] = parsed  # page.meta carries a real date, as MkDocs' own loader gives
    return parsed


def _authors(
    fm: FrontMatter,
    authors: Mapping[str, Author],
    problems: list[Problem],
    required: bool,
    who: str = "a post",
    excused: Collection[str] | None = frozenset(),
) -> tuple[str, ...]:
    if fm.data.get("authors") is None:
        if required:
            problems.append(Problem(fm.path, fm.line(), f"{who} needs authors: add 'authors: [your-id]'"))
        return ()
    values = _list(fm, "authors", problems, next(iter(authors), "author-id"))
    found: list[str] = []
    is_list = isinstance(fm.data["authors"], list)
    if required and is_list and not values:
        problems.append(
            Problem(
                fm.path,
                fm.line("authors"),
                f"{who} needs at least one author: write the ids from the authors file in the "
                "list, like authors: [your-id]",
            )
        )
    for i, value in enumerate(values):
        if not isinstance(value, str) or value not in authors:
            if excused is None or (isinstance(value, str) and value in excused):
                continue  # the authors file's own problem is the one to fix
            hint = (in_curly_quotes(value) or suggest(value, authors)) if isinstance(value, str) else ""
            problems.append(
                Problem(
                    fm.path,
                    fm.line("authors", i) if is_list else fm.line("authors"),
                    f"unknown author id {quote(value)}.{hint} "
                    "Add the author to the authors file or use an id from it",
                )
            )
        elif value not in found:
            found.append(value)
    return tuple(found)


def _source(fm: FrontMatter, problems: list[Problem]) -> Source | None:
    """The ``source:`` block: what the page summarises. Title and author are needed; the
    date must be a real one and the address http(s), or they are left out with a problem."""
    value = fm.data.get("source")
    if value is None:
        return None
    line = fm.line("source")
    example = "source: {title: ..., author: ..., published: YYYY-MM-DD, where: ..., url: https://...}"
    if not isinstance(value, dict):
        problems.append(Problem(fm.path, line, f"'source' should be settings under it, like {example}"))
        return None
    fields: dict[str, str] = {}
    for key, item in value.items():
        if key not in _SOURCE_KEYS:
            hint = suggest(key, _SOURCE_KEYS) if isinstance(key, str) else ""
            problems.append(
                Problem(
                    fm.path,
                    line,
                    f"unknown source setting {quote(key)}.{hint} Settings: {', '.join(_SOURCE_KEYS)}",
                )
            )
        elif item is not None and not isinstance(item, (dict, list)):
            fields[key] = _plain(str(item), f"source {key}", fm.path, line, problems).strip()
    missing = [key for key in ("title", "author") if not fields.get(key)]
    if missing:
        problems.append(
            Problem(
                fm.path, line, f"'source' needs {' and '.join(missing)}: who wrote what this page summarises"
            )
        )
        return None
    published = None
    if "published" in fields:
        published = parse_date(value.get("published"))
        if published is None:
            problems.append(
                Problem(
                    fm.path,
                    line,
                    f"source published {quote(fields['published'])} is not a date: write YYYY-MM-DD",
                )
            )
    url = fields.get("url", "")
    if url and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        problems.append(
            Problem(fm.path, line, f"source url {quote(url)} should start with https:// or http://")
        )
        url = ""
    return Source(fields["title"], fields["author"], published, fields.get("where", ""), url)


def _clean_body(fm: FrontMatter, spec: SiteSpec, problems: list[Problem]) -> str:
    """The page's Markdown as the engine gets it: without control characters (one problem,
    on the first), and with a flood of unclosed tags or brackets written as text. What the sanitiser
    will leave out of its HTML is a problem too, one per kind, on the line it is first found."""
    body = fm.body
    found = find_control(body)
    if found is not None:
        count = len(CONTROL_RE.findall(body))
        more = f" (and {count - 1} more in the page)" if count > 1 else ""
        problems.append(
            Problem(
                fm.path,
                fm.body_line + body.count("\n", 0, found.start()),
                f"this line holds an invisible control character ({control_character(found.group())}){more}, "
                + _CONTROL_FIX,
            )
        )
        body = without_control(body)
    body = without_open_brackets(without_open_tags(body))
    if might_hold_more(body, spec.markdown_extensions):
        for removed in find_removed(
            body, spec.markdown_extensions, dict(spec.markdown_configs), spec.embeds_allowed
        ):
            times = f" ({removed.count} times on this page)" if removed.count > 1 else ""
            line = fm.body_line + body.count("\n", 0, removed.offset)
            problems.append(Problem(fm.path, line, removed.message + times))
    return body


def make_record(
    fm: FrontMatter,
    *,
    src_uri: str,
    url: str,
    kind: str,
    spec: SiteSpec,
    authors: Mapping[str, Author],
    landing: bool = False,
    excused_authors: Collection[str] | None = frozenset(),
) -> tuple[PageRecord, list[Problem]]:
    """Check one page's front matter and build its record from what is valid; a ``landing``
    page (a source folder's ``index.md``) is never dated.

    ``excused_authors``: ids the authors file names but cannot give, for a problem of its own
    (None: it cannot be read), which a page is not told are unknown.
    """
    problems = list(fm.problems)
    data = fm.data
    body = _clean_body(fm, spec, problems)
    title = _text(fm, "title", problems) or _title_from_markdown(body, src_uri)
    page_kind = kind
    known_kinds = spec.kind_keys
    if "kind" in data:
        value = data["kind"]
        if value in known_kinds:
            page_kind = value
        else:
            hint = suggest(value, known_kinds) if isinstance(value, str) else ""
            problems.append(
                Problem(
                    fm.path,
                    fm.line("kind"),
                    f"unknown kind {quote(value)}.{hint} Kinds: {', '.join(known_kinds)}",
                )
            )
    kind_spec = spec.kind(page_kind)
    is_post = kind_spec is not None and kind_spec.dated and not landing
    who = _a(kind_spec.title if kind_spec else page_kind)
    required = is_post and not fm.broken  # broken settings are the one problem, not what they lack
    terms: dict[str, tuple[str, ...]] = {}
    untagged: list[str] = []
    for tax in spec.taxonomies:
        if tax.key not in data:
            untagged.append(tax.key)
        terms[tax.key] = _terms(fm, tax, problems)
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        problems.append(Problem(fm.path, fm.line("draft"), "draft should be true or false"))
        draft = True  # when unsure, keep an unfinished post out of the published site
    known_keys = (*_OUR_KEYS, *(t.key for t in spec.taxonomies))
    meant: set[str] = set()  # settings written misspelt ('dte'): not also reported missing
    for key in data:
        if isinstance(key, str) and key not in known_keys and key not in THEME_KEYS:
            close = closest(key, known_keys)
            if close is not None:
                meant.add(close)
                problems.append(
                    Problem(
                        fm.path, fm.line(key), f"unknown setting {quote(key)}. Did you mean {quote(close)}?"
                    )
                )
    problems += check_theme_keys(fm, spec)
    record = PageRecord(
        path=fm.path,
        src_uri=src_uri,
        url=url,
        title=title,
        description=_text(fm, "description", problems),
        kind=page_kind,
        kind_name=kind_spec.title if kind_spec else page_kind,
        dated=is_post,
        landing=landing,
        terms=terms,
        untagged=tuple(untagged),
        date=_date(fm, "date", problems, required=required and "date" not in meant, who=who),
        authors=_authors(
            fm,
            authors,
            problems,
            required=required and "authors" not in meant,
            who=who,
            excused=excused_authors,
        ),
        draft=draft,
        reviewed=_date(fm, "reviewed", problems, required=False),
        easy_read=_text(fm, "easy_read", problems).lstrip("/"),
        easy_read_line=fm.line("easy_read") if "easy_read" in data else 1,
        source=_source(fm, problems),
        meta=data,
        body=body,
        body_line=fm.body_line,
    )
    return record, problems


def _a(title: str) -> str:
    """A page of a kind, as messages name it: "a story", "an event", "a blog post"."""
    noun = title if title[1:2].isupper() else title[:1].lower() + title[1:]
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def check_easy_read(pages: Iterable[PageRecord]) -> list[Problem]:
    """``easy_read`` naming a file that is not one of the site's pages."""
    names = {page.src_uri for page in pages}
    return [
        Problem(
            page.path,
            page.easy_read_line,
            f"easy_read {quote(page.easy_read)} is not a page of this site: give the path of the Easy "
            "Read page's Markdown file from docs/, like easy_read: easy-read/home.md",
        )
        for page in pages
        if page.easy_read and page.easy_read not in names
    ]


def check_footer_links(spec: SiteSpec, names: Collection[str]) -> list[Problem]:
    """Footer links naming a page the site does not have, or an address that is not http(s)."""
    line = spec.line("plugins.coproduction.footer_links")
    problems = []
    for title, page, url in spec.footer_links:
        if page and page not in names:
            problems.append(
                Problem(
                    spec.config_file,
                    line,
                    f"footer link '{title[:60]}' names '{page[:80]}', which is not a page of this site: give "
                    "the page's Markdown file, like page: accessibility.md",
                )
            )
        elif not page and not web_address(url):
            problems.append(
                Problem(
                    spec.config_file,
                    line,
                    f"footer link '{title[:60]}' needs a page of this site (page: accessibility.md) or an "
                    "address starting with https:// (url: https://...)",
                )
            )
    return problems


_MARKUP_RE = re.compile(r"<[a-zA-Z/!?]|\bon[a-z]+\s*=", re.IGNORECASE)
"""HTML, or an event handler (``onmouseover=``), in a setting that is text."""


def _config_texts(spec: SiteSpec) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """The texts of the configuration that pages show: (what, its lines' names, value)."""
    for name in ("site_name", "site_description", "site_author", "copyright"):
        yield name, (name,), getattr(spec, name)
    plugin = "plugins.coproduction"
    for title, _, _ in spec.footer_links:
        yield "a footer link's title", (f"{plugin}.footer_links",), title
    for kind in spec.kinds:
        key = f"{plugin}.kinds.{kind.key}"
        yield f"the title of kind '{kind.key}'", (f"{key}.title", key), kind.title
        yield f"the plural of kind '{kind.key}'", (f"{key}.plural", key), kind.plural
    for tax in spec.taxonomies:
        at = f"{plugin}.taxonomies.{tax.key}"
        yield f"the title of taxonomy '{tax.key}'", (f"{at}.title", at), tax.title
        yield f"the description of taxonomy '{tax.key}'", (f"{at}.description", at), tax.description
        for term in tax.terms:
            there = f"{at}.terms.{term.slug}"
            yield f"the title of term '{term.slug}'", (f"{there}.title", there), term.title
            yield f"the description of term '{term.slug}'", (f"{there}.description", there), term.description


def check_config_texts(spec: SiteSpec) -> list[Problem]:
    """HTML in a setting that pages show as text (``copyright``, titles, descriptions): it is
    escaped wherever it is shown, so it would show as text, not run; named here, so that is no
    surprise (Material prints ``copyright`` as HTML; here its entities, like ``&copy;``, work)."""
    return [
        Problem(
            spec.config_file,
            spec.line(*names),
            f"{what} {quote(value)} holds HTML, which pages show as text, not run: write plain "
            "text (put links under footer_links of the coproduction plugin)",
        )
        for what, names, value in _config_texts(spec)
        if _MARKUP_RE.search(value)
    ]


def check_term_easy_read(spec: SiteSpec, names: Collection[str]) -> list[Problem]:
    """A term's ``easy_read`` naming a page the site does not have."""
    return [
        Problem(
            spec.config_file,
            spec.line(f"plugins.coproduction.taxonomies.{tax.key}.terms.{term.slug}.easy_read"),
            f"easy_read '{term.easy_read}' of the {tax.key} term '{term.slug}' is not a page of this "
            "site: give the path of the Easy Read page's Markdown file from docs/, like easy-read/power.md",
        )
        for tax in spec.taxonomies
        for term in tax.terms
        if term.easy_read and term.easy_read not in names
    ]


def check_urls(pages: Iterable[PageRecord], reserved: Mapping[str, str]) -> list[Problem]:
    """Two files claiming one URL: the later of ``pages`` (the newer file, see
    ``sources.oldest_first``) is blamed. ``reserved`` maps generated URLs to what makes them."""
    return check_addresses(((page.url, page.path) for page in pages), reserved)


def check_addresses(claims: Iterable[tuple[str, str]], reserved: Mapping[str, str]) -> list[Problem]:
    """Files claiming one address, as (address, path): the later of two is blamed. Addresses
    that differ only in case or accents' encoding (``urls.folded``) are one: hosts and computers
    that fold names (Windows, macOS) serve, or write, one file for both."""
    owners: dict[str, tuple[str, str, tuple[str, ...]]] = {
        folded(url): (url, what, ()) for url, what in reserved.items()
    }
    problems = []
    for url, path in claims:
        key = folded(url)
        other = owners.get(key)
        if other is None:
            owners[key] = (url, path, (path,))
        elif other[0] == url:
            problems.append(
                Problem(
                    path,
                    1,
                    f"the URL /{url} is already used by {other[1]}: rename or move this file",
                    about=other[2],
                )
            )
        else:
            problems.append(
                Problem(
                    path,
                    1,
                    f"the URL /{unquote(url)} differs from /{unquote(other[0])}, used by {other[1]}, "
                    f"only in {folded_difference(url, other[0])}, and some hosts and computers "
                    "(Windows, macOS) take the two for one: rename or move this file",
                    about=other[2],
                )
            )
    return problems


# Markdown links and images: inline ``[text](target "title")`` and reference definitions
# ``[id]: target``. Examples inside code are not links.
# From "](" on: a link's text needs no look, and matching it was most of the check's time.
_INLINE_LINK_RE = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)")
_REFERENCE_RE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)  # not footnotes
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


def _code_ranges(body: str) -> list[tuple[int, int]]:
    """Where ``body``'s fenced blocks and code spans are, in order: found once per page."""
    ranges = [m.span() for pattern in (_FENCE_RE, _CODE_SPAN_RE) for m in pattern.finditer(body)]
    return sorted(ranges)


def _in_code(ranges: list[tuple[int, int]], ends: list[int], position: int) -> bool:
    """Whether ``position`` lies in one of ``ranges`` (``ends``: the largest end so far, per range)."""
    at = bisect.bisect_right(ranges, (position, position + 1)) - 1
    return at >= 0 and ends[at] > position


def _resolve(target: str, folder: str, absolute_from_docs: bool) -> str | None:
    """The file a link names, as a site name (``guidance/a.md``); None if it names no file here.

    MkDocs' rule (``Page.path_to_url``): links with a scheme or host lead elsewhere, ``#x``
    stays on the page, ``/x`` is left alone unless ``absolute_links: relative_to_docs``.
    """
    if ":" in target or target.startswith("//"):
        scheme, netloc, path, _, _ = urlsplit(target)
        if scheme or netloc:
            return None
    else:
        path = target.partition("#")[0].partition("?")[0]
    if not path or "\x02amp" in target:
        return None
    if "%" in path:
        path = unquote(path)
    if path.startswith(("/", "\\")):
        return posixpath.normpath(path.lstrip("/\\")) if absolute_from_docs else None
    if not posixpath.splitext(path)[1]:
        return None  # a folder or page address: the engine's unrecognized_links check
    joined = f"{folder}/{path}" if folder else path
    # normpath only when the path climbs or repeats: most links are plain (a third of the time).
    return (
        posixpath.normpath(joined).lstrip("/")
        if "." in joined.replace(".md", "") or "//" in joined
        else joined
    )


def _links(page: PageRecord, absolute_from_docs: bool) -> Iterator[tuple[re.Match[str], str, str]]:
    """Each link and image of a page's body leading to a file: (match, target as written,
    the file's name from the docs root)."""
    body = page.body
    if not body:
        return
    folder = posixpath.dirname(page.src_uri)
    # Each pattern only where its mark is: the reference pattern has no literal start for
    # the regex engine to look for, so it tries every character of the body (7x the time).
    for mark, pattern in (("](", _INLINE_LINK_RE), ("]:", _REFERENCE_RE)):
        if mark not in body:
            continue
        for match in pattern.finditer(body):
            target = match.group(1).strip("<>")
            resolved = _resolve(target, folder, absolute_from_docs)
            if resolved is not None:
                yield match, target, resolved


def link_targets(page: PageRecord, absolute_from_docs: bool = False) -> tuple[str, ...]:
    """The files a page's links and images lead to: worked out once, when the page is read
    (the pipeline keeps them in ``links``), as the body goes to MkDocs after."""
    if page.links is not None:
        return page.links
    return tuple(resolved for _, _, resolved in _links(page, absolute_from_docs))


def check_links(
    pages: Iterable[PageRecord], known: Collection[str], *, absolute_from_docs: bool = False
) -> list[Problem]:
    """Links and images leading to a file the site does not have.

    ``known`` holds every file's name in the site (pages, generated pages, images).
    Links with no file suffix, such as ``../guidance/``, are left to the engine's own
    ``unrecognized_links`` check; so are ``#anchors``. Whether a link sits in code is
    only worked out for one that leads nowhere: that is rare, and the search is not.
    """
    problems = []
    names: list[str] | None = None
    for page in pages:
        if page.links is not None and all(target in known for target in page.links):
            continue  # every link leads somewhere: no need to read the body again
        body = page.body or ""
        folder = posixpath.dirname(page.src_uri)
        ranges: list[tuple[int, int]] | None = None
        ends: list[int] = []
        lines = _LineCounter(body)
        broken = 0
        for match, target, resolved in _links(page, absolute_from_docs):
            if resolved in known:
                continue
            if ranges is None:
                ranges = _code_ranges(body)
                ends = list(itertools.accumulate((end for _, end in ranges), max))
            if _in_code(ranges, ends, match.start(1)):
                continue
            broken += 1
            if broken > _MOST_LINK_PROBLEMS:
                continue
            if names is None:
                names = list(known)
            close = difflib.get_close_matches(resolved[:_LONGEST_NAME], names, n=1, cutoff=0.6)
            hint = f" Did you mean '{posixpath.relpath(close[0], folder or '.')}'?" if close else ""
            problems.append(
                Problem(
                    page.path,
                    page.body_line + lines.before(match.start(1)),
                    f"the link {quote(target)} leads to no file of this site (looked for "
                    f"{quote(resolved)}).{hint} Links name the Markdown file, like "
                    "../guidance/paying-people.md",
                )
            )
        if broken > _MOST_LINK_PROBLEMS:
            _say_the_rest(
                problems,
                f"{broken - _MOST_LINK_PROBLEMS + 1} more links from this line on lead to no file of "
                "this site: fix them like those above",
            )
    return problems


_MOST_LINK_PROBLEMS = 5
"""A page says at most this many broken links one by one; the last line counts the rest."""
_LONGEST_NAME = 200
"""How much of a file name is compared with the site's for a suggestion (longer: none is close)."""


class _LineCounter:
    """Lines before an offset, counted once for the whole text (offsets come in order)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.lines = 0

    def before(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.lines = 0, 0
        self.lines += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.lines
