"""Easy Read pages: which pages they are, the rules their Markdown keeps, and their layout.

An Easy Read page is the ``easy_read:`` target of a page or a term (``Indexes.standard_versions``).
Its Markdown is written a block at a time, each block starting with its picture on a line of
its own, one sentence to a line:

    ![Two people talking](pictures/talking.svg)
    We talk about the plan.
    Everyone can have a say.

The build keeps each line break as a line on the page (the adapter's ``EasyReadBreaks``) and
puts each picture beside its words (``layout``). The rules below are what Easy Read guidance
(Mencap; the Department of Health's) asks, as ``make check`` can see them in the Markdown.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from coproduction.core.records import PageRecord, Problem, Reviewer

if TYPE_CHECKING:
    from coproduction.core.indexes import Indexes

__all__ = [
    "MAX_WORDS",
    "EasyReadView",
    "check_easy_read_kinds",
    "check_easy_read_pages",
    "difficult_words",
    "easy_read_view",
    "layout",
]

MAX_WORDS = 15
"""The longest sentence an Easy Read page may have, in words."""

_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s")
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)(\{[^}]*\})?")
_HTML_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT_RE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_MARKS_RE = re.compile(r"^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s*|\|)")
_TAG_RE = re.compile(r"<[^>]+>")
_STARTS_LIST_RE = re.compile(r"^\s{0,3}(?:[-*+]\s|\d+[.)]\s|\|)")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9\u00C0-\u024F]+)*")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_GLOSSARY_HEADING_RE = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.MULTILINE)


class EasyReadView(NamedTuple):
    """What the Easy Read layout (``coproduction/easy-read.html``) shows besides the content."""

    standard_title: str
    standard_url: str
    """The standard version: a page or a term's page (URLs from the site root)."""
    home_url: str
    """The Easy Read version of the site's home page, or "" if it has none (or is this page)."""
    others: tuple[tuple[str, str], ...]
    """(title, URL) of the Easy Read versions of the standard page's related pages."""
    checked_by: tuple[Reviewer, ...]
    """Who checked the page (``name``, ``date``); empty: nobody has yet."""


def easy_read_view(page: PageRecord, indexes: Indexes) -> EasyReadView | None:
    """The Easy Read layout's view data of ``page``; None if it is not an Easy Read page.

    An Easy Read page shows links to Easy Read pages only: its twin, the Easy Read home, and
    the Easy Read versions of what its twin's related list holds (at most ``related``).
    """
    standard = indexes.standard_versions.get(page.src_uri)
    if standard is None:
        return None
    by_src_uri = indexes.by_src_uri
    home = by_src_uri.get("index.md")
    home_er = by_src_uri.get(home.easy_read) if home is not None and home.easy_read else None
    related: Iterable[PageRecord] = indexes.related.get(standard.url, ())
    others = []
    for other in related:
        target = by_src_uri.get(other.easy_read) if other.easy_read else None
        if target is not None and target.src_uri != page.src_uri and target is not home_er:
            others.append((target.title, target.url))
    return EasyReadView(
        standard.title,
        standard.url,
        home_er.url if home_er is not None and home_er.src_uri != page.src_uri else "",
        tuple(others),
        page.checked_by,
    )


def difficult_words(glossary: PageRecord | None, configured: Collection[str] | None) -> tuple[str, ...]:
    """The words an Easy Read page must explain or link to the glossary: the configured list,
    else the glossary page's terms (its ``##`` headings)."""
    if configured is not None:
        return tuple(word.strip() for word in configured if word.strip())
    if glossary is None or not glossary.body:
        return ()
    return tuple(
        m.group(1).strip() for m in _GLOSSARY_HEADING_RE.finditer(_COMMENT_RE.sub("", glossary.body))
    )


class _Line(NamedTuple):
    number: int
    text: str


def _blocks(body: str, first_line: int) -> Iterator[list[_Line]]:
    """The body's blocks (lines between blank lines), outside code fences and comments;
    a heading is a block of its own."""
    body = _COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    block: list[_Line] = []
    fenced = False
    for i, text in enumerate(body.split("\n")):
        if _FENCE_RE.match(text):
            fenced = not fenced
            continue
        if fenced:
            continue
        if not text.strip() or _HEADING_RE.match(text):
            if block:
                yield block
            block = []
            if text.strip():
                yield [_Line(first_line + i, text)]
            continue
        block.append(_Line(first_line + i, text))
    if block:
        yield block


def _picture_only(line: str) -> bool:
    rest = _IMAGE_RE.sub("", line)
    rest = _HTML_IMG_RE.sub("", rest)
    return not rest.strip() and line.strip() != ""


def _readable(line: str) -> str:
    """A line's text as a reader hears it: no pictures, link targets, list marks or tags."""
    text = _HTML_IMG_RE.sub("", _IMAGE_RE.sub("", line))
    text = _LINK_RE.sub(r"\1", text)
    text = _MARKS_RE.sub("", text)
    text = _TAG_RE.sub("", text)
    return text.replace("**", "").replace("__", "").strip(" |")


def sentences(line: str) -> list[str]:
    """The sentences of one line of text."""
    text = _readable(line)
    if not text:
        return []
    return [s for s in _SENTENCE_END_RE.split(text) if _WORD_RE.search(s)]


def _alt_missing(line: str) -> bool:
    for match in _IMAGE_RE.finditer(line):
        if not match.group(1).strip():
            return True
    for tag in _HTML_IMG_RE.findall(line):
        alt = _ALT_RE.search(tag)
        if alt is None or not "".join(g or "" for g in alt.groups()).strip():
            return True
    return False


def _fix(word: str, page: PageRecord, glossary: PageRecord | None) -> str:
    """How to explain ``word`` on ``page``: in bold on the page, or by a link to the glossary."""
    explain = f'explain it on this page ("**{word}** means ...")'
    if glossary is None:
        return explain
    link = posixpath.relpath(glossary.src_uri, posixpath.dirname(page.src_uri) or ".")
    return f"{explain} or link it to the glossary, like [{word}]({link})"


def check_easy_read_pages(
    pages: Iterable[PageRecord], words: Collection[str], glossary: PageRecord | None
) -> list[Problem]:
    """Every Easy Read rule a page's Markdown breaks, with its line and the fix."""
    problems: list[Problem] = []
    for page in pages:
        problems += _check_page(page, words, glossary)
    return problems


def _check_page(page: PageRecord, words: Collection[str], glossary: PageRecord | None) -> list[Problem]:
    problems: list[Problem] = []
    body = page.body or ""
    example = "![Two people talking](pictures/talking.svg)"
    picture_before = False  # the block before was a picture alone: it is this block's
    for block in _blocks(body, page.body_line):
        first = block[0].text
        if _HEADING_RE.match(first):
            picture_before = False
            continue
        for line in block:
            if _alt_missing(line.text):
                problems.append(
                    Problem(
                        page.path,
                        line.number,
                        "this picture has no alt text: say what it shows between the square "
                        "brackets, like ![A pound note](pictures/money.svg)",
                    )
                )
        if all(_picture_only(line.text) for line in block):
            picture_before = True
            continue
        text_lines = block
        if _picture_only(first):
            text_lines = block[1:]
            if _STARTS_LIST_RE.match(text_lines[0].text):
                problems.append(
                    Problem(
                        page.path,
                        text_lines[0].number,
                        "a list or table right under a picture is read as text: leave an empty "
                        "line between the picture and the list",
                    )
                )
        elif not picture_before:
            problems.append(
                Problem(
                    page.path,
                    block[0].number,
                    "this block of text has no picture: put a picture with alt text on the line "
                    f"above its first line, like {example}",
                )
            )
        picture_before = False
        for line in text_lines:
            found = sentences(line.text)
            if len(found) > 1:
                problems.append(
                    Problem(
                        page.path,
                        line.number,
                        f"{len(found)} sentences on one line: put each sentence on a line of its own",
                    )
                )
            for sentence in found:
                count = len(_WORD_RE.findall(sentence))
                if count > MAX_WORDS:
                    problems.append(
                        Problem(
                            page.path,
                            line.number,
                            f"a sentence of {count} words: Easy Read sentences have {MAX_WORDS} words "
                            "or fewer, so split it in two or say it more simply",
                        )
                    )
    problems += _check_words(page, body, words, glossary)
    return problems


def _check_words(
    page: PageRecord, body: str, words: Collection[str], glossary: PageRecord | None
) -> list[Problem]:
    """Difficult words used but neither explained on the page nor linked to the glossary.

    Read in the text a reader sees (pictures' alt text, links' words; not their addresses).
    Explained: in bold (``**ally**``), or followed by "means", "is" or "are".
    """
    if not words:
        return []
    source = _COMMENT_RE.sub("", body)
    glossary_name = posixpath.basename(glossary.src_uri) if glossary is not None else None
    linked = " ".join(
        m.group(1).casefold()
        for m in _LINK_RE.finditer(source)
        if glossary_name and posixpath.basename(m.group(2).split("#")[0]) == glossary_name
    )
    text = _LINK_RE.sub(r"\1", _IMAGE_RE.sub(r"\1", source)).casefold()
    problems = []
    for word in words:
        forms = "|".join(re.escape(f) for f in _forms(word))
        used = re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])")
        first = used.search(text)
        if first is None or used.search(linked):
            continue
        explained = re.compile(
            rf"\*\*(?:{forms})\*\*|(?<![\w-])(?:{forms})\*{{0,2}},?(?: which)? (?:means|is|are) "
        )
        if explained.search(text):
            continue
        line = page.body_line + text.count("\n", 0, first.start())
        problems.append(
            Problem(
                page.path,
                line,
                f"'{word}' is a difficult word: {_fix(word, page, glossary)}",
            )
        )
    return problems


def _forms(word: str) -> tuple[str, ...]:
    """A word as a page may write it: as it is, and its singular or plural."""
    base = word.casefold()
    forms = {base}
    if base.endswith("s") and len(base) > 3:
        forms.add(base[:-1])
    else:
        forms.add(base + "s")
    return tuple(sorted(forms, key=len, reverse=True))


def check_easy_read_kinds(pages: Iterable[PageRecord], twins: Mapping[str, PageRecord]) -> list[Problem]:
    """An Easy Read page of another kind than its standard page (a tool's filed as a guide)."""
    problems = []
    for page in pages:
        twin = twins.get(page.src_uri)
        if twin is not None and twin.kind != page.kind:
            problems.append(
                Problem(
                    page.path,
                    1,
                    f"this is the Easy Read version of {twin.path}, {twin.kind_name.lower()}: "
                    f"say so with kind: {twin.kind} in its front matter, so it is listed with the "
                    f"other {twin.kind_name.lower()}s",
                )
            )
    return problems


# Layout: each picture beside its words. Python-Markdown writes a picture at the start of a
# paragraph as <p><img ...><br />...; a picture alone as <p><img ...></p> before a list.
_P_PICTURE_RE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*(?:<br\s*/?>)?\s*(.*?)</p>", re.DOTALL | re.IGNORECASE)
_NEXT_BLOCK_RE = re.compile(r"\s*<(ul|ol|table|dl|blockquote|div)\b", re.IGNORECASE)


def _close(html: str, start: int, tag: str) -> int:
    """Where the element ``tag`` opened at ``start`` ends (after its closing tag), or -1."""
    opening = re.compile(rf"<{tag}\b|</{tag}\s*>", re.IGNORECASE)
    depth = 0
    for match in opening.finditer(html, start):
        depth += -1 if match.group(0).startswith("</") else 1
        if depth == 0:
            return match.end()
    return -1


def layout(html: str) -> str:
    """An Easy Read page's HTML with each picture and its words in a block of their own
    (``cp-er-block``): the picture, then the words, which the stylesheet puts side by side."""
    out: list[str] = []
    pos = 0
    for match in _P_PICTURE_RE.finditer(html):
        if match.start() < pos:
            continue
        out.append(html[pos : match.start()])
        picture, words = match.group(1), match.group(2).strip()
        picture = picture.replace("<img ", '<img class="cp-er-picture" ', 1)
        if words:
            out.append(
                f'<div class="cp-er-block">{picture}<div class="cp-er-words"><p>{words}</p></div></div>'
            )
            pos = match.end()
            continue
        after = _NEXT_BLOCK_RE.match(html, match.end())
        end = _close(html, after.start(1) - 1, after.group(1)) if after else -1
        if after is None or end < 0:
            out.append(f'<div class="cp-er-block">{picture}</div>')
            pos = match.end()
            continue
        block = html[match.end() : end].strip()
        out.append(f'<div class="cp-er-block">{picture}<div class="cp-er-words">{block}</div></div>')
        pos = end
    out.append(html[pos:])
    return "".join(out)
