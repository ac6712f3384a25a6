"""The HTML a page publishes, through an allow-list: what Markdown and its extensions write, nothing else.

Pages come from strangers. Whatever their Markdown holds (raw HTML, attribute lists, inline
SVG, entities, addresses in disguise), the HTML MkDocs makes of it passes through ``nh3``
(the Rust sanitiser ``ammonia``, which parses HTML as browsers do) with the allow-list below.
What it removes is also reported, with its line: the pipeline converts a page's Markdown
the same way and compares the HTML before and after (``find_removed``), so ``make check``
and the build say the same. Only a page that could hold anything outside the allow-list is
converted there (``might_hold_more``): most pages hold prose and links only.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3

__all__ = [
    "ATTRIBUTES",
    "KNOWN_EXTENSIONS",
    "TAGS",
    "URL_SCHEMES",
    "Removed",
    "find_removed",
    "might_hold_more",
    "sanitise",
    "without_open_brackets",
    "without_open_tags",
]

# --- The allow-list ----------------------------------------------------------------------
TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
        "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "iframe", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p",
        "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
"""Elements: Markdown's, and those of the extensions in ``KNOWN_EXTENSIONS``."""

ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "iframe": frozenset({"src", "width", "height", "allowfullscreen", "loading", "referrerpolicy"}),
    "td": frozenset({"style", "align", "colspan", "rowspan"}),
    "th": frozenset({"style", "align", "colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "input": frozenset({"checked", "disabled", "name"}),
    "label": frozenset({"for"}),
    "div": frozenset({"data-tabs"}),
}
"""Attributes per element ("*": on every element). A ``style`` keeps ``text-align`` only."""

INPUT_TYPES = frozenset({"checkbox", "radio"})
"""Task lists' boxes and content tabs' buttons: the only inputs."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Links may also be relative. Images must be: a page loads nothing from other sites."""

STYLE_PROPERTIES = frozenset({"text-align"})
"""Table columns' alignment (the tables extension)."""

KNOWN_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "legacy_attrs",
        "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
        "wikilinks", "pymdownx.betterem", "pymdownx.caret", "pymdownx.details",
        "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark",
        "pymdownx.saneheaders", "pymdownx.smartsymbols", "pymdownx.superfences",
        "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
    }
)  # fmt: skip
"""Extensions whose HTML is inside the allow-list, and whose Markdown writes no element,
attribute or address of its own from plain text (``might_hold_more`` relies on it). With
any other extension, every page is converted and compared."""

_CLEARED = frozenset({"script", "style"})
"""Elements removed with what they hold; other elements outside the list leave their text."""


def _attribute_filter(embeds_allowed: frozenset[str]) -> Any:
    def keep(tag: str, name: str, value: str) -> str | None:
        if tag == "img" and name == "src":
            return None if _is_elsewhere(value) else value
        if tag == "iframe" and name == "src":
            return value if _embed_host(value, embeds_allowed) else None
        if tag == "input" and name == "type":
            return value if value.lower() in INPUT_TYPES else None
        return value

    return keep


@lru_cache(maxsize=8)
def _cleaner(embeds_allowed: frozenset[str]) -> nh3.Cleaner:
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items()}
    attributes["input"].add("type")
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(_CLEARED),
        attributes=attributes,
        attribute_filter=_attribute_filter(embeds_allowed),
        strip_comments=False,  # "<!-- more -->" marks a post's excerpt; comments run nothing
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )


def sanitise(page_html: str, embeds_allowed: Collection[str] = ()) -> str:
    """``page_html`` with everything outside the allow-list left out."""
    clean = _cleaner(frozenset(host.lower() for host in embeds_allowed)).clean(page_html)
    if "<iframe" in clean:
        # What an iframe holds is text that browsers never show, written out as it came (the
        # sanitiser reads it as text too): left out, for readers such as feed readers that
        # would read it as HTML. It cannot hold "</iframe>", which would have ended it.
        clean = _IFRAME_RE.sub(r"\1\2", clean)
    return clean


_IFRAME_RE = re.compile(r"(<iframe\b[^>]*>).*?(</iframe>)", re.DOTALL)


def _is_elsewhere(url: str) -> bool:
    """Whether ``url`` leads off the site (a scheme, or ``//host``): what images may not load."""
    plain = re.sub(r"[\x00-\x20\\]", "", url).lower()
    return plain.startswith("//") or re.match(r"[a-z][a-z0-9+.-]*:", plain) is not None


def _embed_host(url: str, allowed: Collection[str]) -> str:
    """The host of an embed's ``https://`` address if it is allowed, else ''. Read as a URL
    parser reads it: a backslash or a user name (``https://a.example\\@b.example``) reads
    differently in browsers, so neither is allowed."""
    if "\\" in url or re.search(r"[\x00-\x20]", url.strip()):
        return ""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return ""
    if parts.scheme != "https" or "@" in parts.netloc or host not in allowed:
        return ""
    return host


_MOST_OPEN = 100
"""How many "<" may follow a page's last ">" before they are written as text (``&lt;``)."""


def without_open_tags(text: str) -> str:
    """``text`` with the "<" after its last ">" written as ``&lt;`` when there are many.

    None of them starts a tag (nothing closes one), so Markdown shows them as text anyway,
    but its HTML parser takes the square of the text's length to find that out ("<a "
    16,000 times: 19 s). A few are left as they are: in a code span, ``&lt;`` shows as written.
    """
    last = text.rfind(">")
    if text.count("<", last + 1) <= _MOST_OPEN:
        return text
    return text[: last + 1] + text[last + 1 :].replace("<", "&lt;")



_DEEPEST = 32
"""How deep brackets may nest before the deeper ones are written as text."""
_PARAGRAPHS_RE = re.compile(r"\n[ \t]*\n")
_BRACKETS_RE = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_AS_TEXT = {"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;"}


def without_open_brackets(text: str) -> str:
    """``text`` with a flood of brackets that start no link written as text (``&#91;``).

    Markdown looks for a link at every "[" (and for its address at every "]("), reading on to
    the bracket that closes it: a run of "[" that nothing closes, or brackets nested deeper
    than any link, cost it the square of the text (20,000 "[": 55 s). In each paragraph (a
    link never spans a blank line), when more than ``_MOST_OPEN`` brackets are open to the end
    or nested deeper than ``_DEEPEST``, those are written as text, with their closing ones; a
    link's own brackets are never among them, so the page shows the same.
    """
    if text.count("[") <= _MOST_OPEN and text.count("](") <= _MOST_OPEN:
        return text
    out: list[str] = []
    start = 0
    for gap in [*_PARAGRAPHS_RE.finditer(text), None]:
        end = len(text) if gap is None else gap.start()
        out.append(_paragraph_without_open_brackets(text[start:end]))
        if gap is not None:
            out.append(gap.group())
            start = gap.end()
    return "".join(out)


def _paragraph_without_open_brackets(text: str) -> str:
    """One paragraph of ``without_open_brackets``: brackets matched as Markdown counts them
    (a backslash-escaped one does not count). Markdown reads on from every "[", but from a
    "(" only where an address starts (after "]"): only those count."""
    as_text: list[int] = []
    for opening, closing in (("[", "]"), ("(", ")")):
        if text.count(opening) <= _MOST_OPEN:
            continue
        stack: list[tuple[int, bool]] = []
        pairs: list[tuple[int, int, bool]] = []
        for match in _BRACKETS_RE.finditer(text):
            char, at = match.group(), match.start()
            if char == opening:
                stack.append((at, opening == "[" or text.startswith("](", at - 1)))
            elif char == closing and stack:
                start, read = stack.pop()
                pairs.append((start, at, read))
        # How deep a pair is, among the pairs Markdown reads (a bracket that nothing closes
        # encloses nothing: Markdown reads past it).
        found: list[int] = []
        ends: list[int] = []
        for start, end, _ in sorted(p for p in pairs if p[2]):
            while ends and ends[-1] < start:
                ends.pop()
            if len(ends) >= _DEEPEST:
                found += (start, end)
            ends.append(end)
        found += [at for at, read in stack if read]
        if len(found) > _MOST_OPEN:
            as_text += found
    if not as_text:
        return text
    chars = list(text)
    for at in as_text:
        chars[at] = _AS_TEXT[chars[at]]
    return "".join(chars)


# --- Which pages need a look -------------------------------------------------------------
_MARKUP_RE = re.compile(r"<(?!!-- more -->)|\{[^}\n]*=")
"""Raw HTML and autolinks (``<``, but not a post's excerpt mark), and attribute lists that
set an attribute (``{key=value}``; ids and classes are allowed)."""
_TARGET_RE = re.compile(r"\]\(\s*([^\s)]*)|^ {0,3}\[[^\]\n]+\]:\s*(\S*)", re.MULTILINE)
_RELATIVE_RE = re.compile(r"[^:]*(?:[/?#]|$)")


def might_hold_more(text: str, extensions: Iterable[str] = ()) -> bool:
    """Whether the Markdown ``text`` could make HTML outside the allow-list.

    False only when it cannot: no raw HTML, no attribute list setting an attribute, no link
    or image address but plain ones, and only ``KNOWN_EXTENSIONS``. Everything else is
    converted and compared, so this may say True of a page that turns out clean.
    """
    if any(not isinstance(e, str) or e not in KNOWN_EXTENSIONS for e in extensions):
        return True
    if _MARKUP_RE.search(text):
        return True
    if "](" not in text and "]:" not in text:
        return False
    images = "![" in text
    for match in _TARGET_RE.finditer(text):
        target = (match.group(1) or match.group(2) or "").lower()
        if "&" in target or "\\" in target:
            return True
        if _RELATIVE_RE.match(target) and not target.startswith("//"):
            continue  # a page, a file or an anchor of this site
        if images or not target.startswith(("http://", "https://", "mailto:", "tel:")):
            return True
    return False


# --- What was removed, and where ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Removed:
    """One kind of thing left out of a page: what to say, where it first is, how often."""

    message: str
    offset: int
    """Where in the Markdown it was found (the best guess: HTML keeps no lines)."""
    count: int


_COMMENT_ENDS_RE = re.compile(r"(?<=<!--)-?>|--!>")
"""Where browsers end a comment and Python's parser does not (``<!-->``, ``<!--->``, ``--!>``)."""


class _Elements(HTMLParser):
    """Every start tag with its attributes, as written."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        # A "<" after the last ">" starts no tag, and would cost the parser the square of the text.
        last = text.rfind(">")
        self.feed(_COMMENT_ENDS_RE.sub("-->", text[: last + 1]))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


_NO_SCRIPTS = "pages may not run scripts"
_PROGRAMS = frozenset({"object", "embed", "applet", "frame", "frameset"})


def _scheme(value: str) -> str:
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", plain)
    return match.group(1) if match else ""


def _element_message(tag: str) -> str:
    shown = tag if re.fullmatch(r"[a-z][a-z0-9-]{0,30}", tag) else "a tag"
    if tag == "script":
        return f"the <script> is left out of the page: {_NO_SCRIPTS}. Remove it"
    if tag in _PROGRAMS:
        return (
            f"the <{tag}> is left out of the page: pages may not embed programs or other pages. "
            "Link to the file instead"
        )
    if shown == "a tag":
        return "a broken tag is left out of the page: write the HTML tag whole, or use Markdown instead"
    return (
        f"the <{shown}> is left out of the page: pages may hold only the HTML Markdown writes "
        "(see CONTRIBUTING.md, 'What a page may hold'). Write it in Markdown, or remove it"
    )


def _value_message(tag: str, name: str, value: str, embeds_allowed: Collection[str]) -> str:
    """Why an allowed attribute was left out: its value."""
    scheme = _scheme(value)
    if tag == "iframe" and name == "src":
        try:
            host = (urlsplit(value.strip()).hostname or "")[:60]
        except ValueError:
            host = ""
        hosts = ", ".join(sorted(embeds_allowed)) or "none yet"
        return (
            f"the <iframe>{f' from {host}' if host else ''} is left out of the page: embeds may "
            f"come only from the hosts in the coproduction plugin's 'embeds_allowed' ({hosts}), "
            "at https:// addresses. Link to it instead"
        )
    if scheme in ("javascript", "vbscript"):
        return (
            f"the {scheme}: address is left out of the page: {_NO_SCRIPTS}. Link to a page or a web "
            "address (https://...) instead"
        )
    if tag == "img" and name == "src" and _is_elsewhere(value):
        return (
            "the image from another site is left out of the page: pages load nothing from other "
            "sites. Save the image in the repository and link to the file instead"
        )
    if scheme:
        return (
            f"the {scheme[:20]}: address is left out of the page: links lead to this site's pages "
            "and files, web addresses (https://...), mailto: and tel: only. Use one of those"
        )
    return (
        f"the {name[:30]}= attribute of <{tag[:30]}> is left out of the page: its value is not "
        "allowed. Remove it"
    )


def _attribute_message(tag: str, name: str) -> str:
    if name.startswith("on") or name == "srcdoc":
        return f"the {name[:30]}= attribute of <{tag[:30]}> is left out of the page: {_NO_SCRIPTS}. Remove it"
    return (
        f"the {name[:30]}= attribute of <{tag[:30]}> is left out of the page: pages may give "
        "elements only the attributes Markdown writes (id, class, title...). Remove it"
    )


class _Finder:
    """The first offset of any of some texts in the Markdown, found case-blind."""

    def __init__(self, text: str) -> None:
        self.low = text.lower()

    def first(self, *needles: str) -> int:
        for needle in needles:
            if needle and (at := self.low.find(needle.lower())) >= 0:
                return at
        return 0


def find_removed(
    markdown_text: str, extensions: Iterable[Any], configs: Mapping[str, Any], embeds_allowed: Collection[str]
) -> list[Removed]:
    """What the sanitiser leaves out of the HTML this Markdown makes, one per kind, in text order."""
    before_html = _convert(markdown_text, extensions, configs)
    after_html = sanitise(before_html, embeds_allowed)
    before, after = _Elements(before_html).found, _Elements(after_html).found
    tags_left = Counter(tag for tag, _ in after)
    attributes_left = Counter((tag, name) for tag, attrs in after for name, _ in attrs)
    finder = _Finder(markdown_text)
    said: dict[str, list[int]] = {}  # message: [offset, count]
    tags_seen: Counter[str] = Counter()
    attributes_seen: Counter[tuple[str, str]] = Counter()
    for tag, attrs in before:
        tags_seen[tag] += 1
        if tags_seen[tag] > tags_left[tag]:
            _say(said, _element_message(tag), lambda t=tag: finder.first(f"<{t}"))
            continue
        for name, value in attrs:
            attributes_seen[tag, name] += 1
            if attributes_seen[tag, name] <= attributes_left[tag, name]:
                continue
            if name in ATTRIBUTES.get(tag, ()) or name in ATTRIBUTES["*"] or (tag, name) == ("input", "type"):
                text = value or ""
                message = _value_message(tag, name, text, embeds_allowed)
                scheme = _scheme(text)
                _say(
                    said,
                    message,
                    lambda v=text, s=scheme, n=name: finder.first(
                        v[:40], f"{s}:" if s else "", f"{n}=", "]("
                    ),
                )
            else:
                _say(said, _attribute_message(tag, name), lambda n=name: finder.first(f"{n}=", f"{n} =", n))
    found = [Removed(message, offset, count) for message, (offset, count) in said.items()]
    return sorted(found, key=lambda r: r.offset)


def _say(said: dict[str, list[int]], message: str, where: Any) -> None:
    if message in said:
        said[message][1] += 1
    else:
        said[message] = [where(), 1]


_CONVERTERS: dict[str, markdown.Markdown] = {}


def _convert(text: str, extensions: Iterable[Any], configs: Mapping[str, Any]) -> str:
    """``text`` as the site's Markdown converts it (MkDocs' own extensions change no element)."""
    extensions = list(extensions)
    key = repr((extensions, sorted(configs.items(), key=lambda item: item[0])))
    md = _CONVERTERS.get(key)
    if md is None:
        _CONVERTERS.clear()  # one site at a time
        md = _CONVERTERS[key] = markdown.Markdown(extensions=extensions, extension_configs=dict(configs))
    md.reset()
    return md.convert(text)
