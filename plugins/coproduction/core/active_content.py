"""Active content in a page's Markdown, found and left out, as Hugo leaves raw HTML out by default.

Pages come from strangers. A ``<script>``, an ``<iframe>`` from a host the site does not
trust, an ``<object>`` or ``<embed>``, an ``on...=`` attribute or a ``javascript:`` address
would run in every reader's browser, so each is a content problem and is cut from the
Markdown the engine renders. Code is left alone: fenced and indented code blocks and
code spans show such text as text. Where Markdown would pass a block through as raw
HTML, backticks are not code, so nothing there is taken for code.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

__all__ = ["Finding", "strip_active"]

_TAG_STARTS = ("<iframe", "<object", "<embed", "<applet", "<frame", "<base", "<meta")
_ENTITY_STARTS = ("&#", "&colon;", "&tab;", "&newline;")
_EVENT_BEFORE_RE = re.compile(r"on[a-z]+\s*$")


def _might_be_active(text: str) -> bool:
    """Whether ``text`` holds anything active could be written with: most pages never need parsing.

    One substring search, then a look at each ``<``, ``&`` and ``=`` (few in prose): a pattern
    with the same alternatives takes ten times as long.
    """
    # Browsers drop tabs and line breaks inside an address: "java<tab>scr<tab>ipt:" runs.
    low = text.lower().replace("\t", "").replace("\n", "").replace("\r", "")
    if "script" in low:
        return True
    for char, starts in (("<", _TAG_STARTS), ("&", _ENTITY_STARTS)):
        at = low.find(char)
        while at >= 0:
            if low.startswith(starts, at):
                return True
            at = low.find(char, at + 1)
    equals = low.find("=")
    while equals >= 0:
        if _EVENT_BEFORE_RE.search(low, max(0, equals - 40), equals):
            return True
        equals = low.find("=", equals + 1)
    return False


_TAG_TOKEN_RE = re.compile(r"<([a-zA-Z][^\s/<>]*)([^<>]*)")
_ATTRIBUTE_RE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")

_REMOVED_WITH_CONTENT = {"script", "iframe", "object", "applet", "frameset"}
_REMOVED_ALONE = {"embed", "frame", "base", "meta"}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
_NO_SCRIPTS = "pages may not run scripts"

# Markdown's block-level HTML tags: a line starting with one begins a raw HTML block.
_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "legend", "li",
    "main", "map", "math", "menu", "nav", "noscript", "object", "ol", "output", "p", "pre",
    "progress", "script", "section", "style", "summary", "table", "tbody", "td", "textarea",
    "tfoot", "th", "thead", "tr", "ul", "video",
)  # fmt: skip
# A raw block starts with a block tag, a comment, or ``<!``/``<?`` (declarations, processing
# instructions: how Markdown ends those varies, so they are taken to last until a blank line).
_HTML_BLOCK_RE = re.compile(rf"^ {{0,3}}<(?:({'|'.join(_BLOCK_TAGS)})(?=[\s/>])|(!--)|([!?]))", re.IGNORECASE)
_FENCE_OPEN_RE = re.compile(r"^(`{3,}|~{3,}) *(?:\.?[\w#.+-]* *)?$")
_FENCE_RE = re.compile(r"^(?:`{3,}|~{3,})$")
# Lines that open a block whose indented lines continue it, rather than start code: list
# items, definitions (def_list), admonitions and details (``!!!``, ``???``), tabs (``===``),
# footnotes.
_CONTAINER_RE = re.compile(r"^ {0,3}(?:[*+-]|\d+[.)]|:|!!!|\?\?\?\+?|===|\[\^[^\]]*\]:)(?:[ \t]|$)")
# Python-Markdown's own pattern for code spans (``inlinepatterns.BACKTICK_RE``).
_CODE_SPAN_RE = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))", re.DOTALL)
_LONGEST_ADDRESS = 2000
"""How far a link's address is followed; what is past it is left in the address, after "#"."""
_MOST_BACKTICKS = 50
"""A line with more backticks than this has no code spans taken out of what is looked at."""
_INLINE_LINK_RE = re.compile(r"\]\(")
_REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*", re.MULTILINE)
_SPACE_RE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of active content: where it starts in the text, and what to say."""

    offset: int
    message: str
    line: int = 1
    """The line it is on, from 1: edits keep every line where it was."""


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


_CODE, _RAW, _TEXT = "code", "raw", "text"


def _fence_closers(lines: list[str]) -> dict[str, list[int]]:
    """The lines that could close a fence, by the fence they close: ``{"```": [4, 9]}``."""
    closers: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if line[:3] in ("```", "~~~") and _FENCE_RE.match(stripped := line.rstrip(" ")):
            closers.setdefault(stripped, []).append(number)
    return closers


def _fence_end(lines: list[str], number: int, closers: dict[str, list[int]]) -> int | None:
    """The line closing the fenced block that opens on line ``number``, or None.

    Only fences every Markdown fence extension reads alike count: at the line's start,
    an optional language, and a closing line with the very same fence.
    """
    opened = _FENCE_OPEN_RE.match(lines[number])
    if opened is None:
        return None
    later = closers.get(opened.group(1), [])
    at = bisect.bisect_right(later, number)
    return later[at] if at < len(later) else None


def _line_kinds(lines: list[str], fences: bool) -> list[str]:
    """Per line: code (a fenced or indented block), raw (a raw HTML block) or text.

    When unsure, a line is raw or text, never code: code is the only thing not looked at.
    Inside a list, a definition, an admonition and the like, indented lines continue it, so
    they are never taken for code.
    ``fences``: the site's Markdown has fenced code blocks.
    """
    kinds = [_TEXT] * len(lines)
    closers = _fence_closers(lines) if fences else {}
    fence_end = -1
    # (tag, depth) of a raw HTML block; tag "-->": a comment, "": until a blank line
    raw: tuple[str, int] | None = None
    in_container = False
    previous_blank = True
    for number, line in enumerate(lines):
        blank = not line.strip()
        if number <= fence_end:
            kinds[number] = _CODE
        elif raw is not None:
            kinds[number] = _RAW
            raw = _raw_after(raw, line, 0)
        elif closers and (end := _fence_end(lines, number, closers)) is not None:
            fence_end = end
            kinds[number] = _CODE
        elif block := _HTML_BLOCK_RE.match(line):
            kinds[number] = _RAW
            tag = "-->" if block.group(2) else "" if block.group(3) else block.group(1).lower()
            raw = None if tag == "hr" else _raw_after((tag, 0), line, block.end())
        elif (
            not blank
            and _indent(line) >= 4
            and not in_container
            and (previous_blank or kinds[number - 1] == _CODE)
        ):
            kinds[number] = _CODE
        elif not blank and _indent(line) < 4:
            if _CONTAINER_RE.match(line):
                in_container = True
            elif previous_blank:
                in_container = False
        previous_blank = blank
    return kinds


def _raw_after(raw: tuple[str, int], line: str, start: int) -> tuple[str, int] | None:
    """The raw HTML block after ``line`` (from ``start``): None once its tag or comment closes."""
    tag, depth = raw
    rest = line[start:]
    if not tag:  # a declaration or processing instruction: until a blank line
        return None if not line.strip() else raw
    if tag == "-->":
        return None if "-->" in rest else raw
    depth += 1 if start else 0  # the tag that opened the block
    depth += len(re.findall(rf"<{tag}(?=[\s/>])", rest, re.IGNORECASE))
    depth -= len(re.findall(rf"</{tag}\s*>", rest, re.IGNORECASE))
    return None if depth <= 0 else (tag, depth)


def _code_spans(line: str) -> list[tuple[int, int]] | None:
    """The code spans of one line, as Markdown finds them; None if a backtick is left over,
    or a run of them pairs with a shorter one: then Markdown, reading the whole paragraph,
    could pair them otherwise."""
    if line.count("`") > _MOST_BACKTICKS:
        return None  # Markdown's pattern takes the cube of a run's length: not worth the wait
    spans: list[tuple[int, int]] = []
    covered = 0
    for match in _CODE_SPAN_RE.finditer(line):
        if match.group(2) is None:
            continue  # backslashes before a backtick
        start, end = match.span()
        run = len(match.group(2))
        if "`" in line[covered:start] or line[start + run] == "`" or line[end : end + 1] == "`":
            return None
        spans.append((start, end))
        covered = end
    return None if "`" in line[covered:] else spans


def _html_outside(paragraph: list[int], spans: list[list[tuple[int, int]] | None], lines: list[str]) -> bool:
    """Whether a paragraph has a ``<`` outside its code spans: where HTML and backticks meet,
    Markdown's reading is hard to foresee, so such a paragraph's spans are looked at too."""
    for number, found in zip(paragraph, spans, strict=True):
        line = lines[number]
        for start, end in reversed(found or []):
            line = line[:start] + line[end:]
        if "<" in line:
            return True
    return False


def _masked(text: str, fences: bool) -> str:
    """``text`` with its code replaced by spaces (lines and offsets kept), so only what
    Markdown passes through as HTML or links is looked at."""
    lines = text.split("\n")
    kinds = _line_kinds(lines, fences)
    out = [" " * len(line) if kind == _CODE else line for line, kind in zip(lines, kinds, strict=True)]
    # Code spans are masked in a paragraph (lines between blank lines and code) only where
    # every line's backticks pair within the line, as Markdown pairs them (then no reading
    # of where its blocks start and end pairs them otherwise), and no HTML stands beside
    # them. In raw HTML, backticks are text.
    paragraph: list[int] = []
    for number in range(len(out) + 1):
        if number < len(out) and out[number].strip():
            paragraph.append(number)
            continue
        if paragraph and all(kinds[n] == _TEXT for n in paragraph) and any("`" in out[n] for n in paragraph):
            spans = [_code_spans(out[n]) for n in paragraph]
            if all(found is not None for found in spans) and not _html_outside(paragraph, spans, out):
                for n, found in zip(paragraph, spans, strict=True):
                    for start, end in found or ():
                        out[n] = out[n][:start] + " " * (end - start) + out[n][end:]
        paragraph = []
    return "\n".join(out)


def _is_script_url(value: str) -> bool:
    normal = _SPACE_RE.sub("", html.unescape(value)).lower()
    return normal.startswith(_SCRIPT_SCHEMES)


def _host(src: str) -> str:
    try:
        return (urlsplit(src.strip()).hostname or "")[:60]
    except ValueError:
        return ""


def _tag_problem(tag: str, attrs: list[tuple[str, str | None]], allowed: Collection[str]) -> str | None:
    """What is wrong with an element of this kind, or None if it may stay."""
    if tag not in _REMOVED_WITH_CONTENT and tag not in _REMOVED_ALONE:
        return None
    if tag == "iframe":
        src = next((v for n, v in attrs if n == "src" and v), "")
        host = _host(src)
        if host and host in allowed and not _is_script_url(src):
            return None
        hosts = ", ".join(sorted(allowed)) or "none yet"
        return (
            f"the <iframe>{f' from {host}' if host else ''} is left out of the page: embeds may "
            f"come only from the hosts in the coproduction plugin's 'embeds_allowed' ({hosts}). "
            "Link to it instead"
        )
    if tag == "script":
        return f"the <script> is left out of the page: {_NO_SCRIPTS}. Remove it"
    return (
        f"the <{tag}> is left out of the page: pages may not embed programs or other pages. "
        "Link to the file instead"
    )


def _attribute_problem(tag: str, name: str, value: str | None) -> str | None:
    """What is wrong with this attribute, or None if it may stay."""
    if name.startswith("on") or name == "srcdoc":
        return f"the {name[:30]}= attribute of <{tag[:30]}> is left out of the page: {_NO_SCRIPTS}. Remove it"
    if value is not None and _is_script_url(value):
        return _script_url_message(value)
    return None


def _script_url_message(value: str) -> str:
    scheme = "vbscript" if "vbscript" in _SPACE_RE.sub("", html.unescape(value)).lower() else "javascript"
    return (
        f"the {scheme}: address is left out of the page: {_NO_SCRIPTS}. Link to a page or a web "
        "address (https://...) instead"
    )


class _Scanner(HTMLParser):
    """Finds active elements and attributes the way a browser reads HTML, and the edits
    that leave them out: an element with its content, or the attribute alone."""

    def __init__(self, text: str, embeds_allowed: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.embeds_allowed = embeds_allowed
        self.edits: list[tuple[int, int, str]] = []
        self.findings: list[Finding] = []
        self.allowed_at: set[int] = set()
        """Where an iframe from an allowed host starts."""
        self.open: tuple[str, int, int] | None = None
        """The element being left out: (tag, start offset, nesting depth)."""

    def _here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        start = self._here()
        end = start + len(self.get_starttag_text() or "")
        if self.open is not None:
            name, at, depth = self.open
            if tag == name and not closed:
                self.open = (name, at, depth + 1)
            return
        problem = _tag_problem(tag, attrs, self.embeds_allowed)
        if problem is not None:
            self.findings.append(Finding(start, problem))
            if tag in _REMOVED_WITH_CONTENT and not closed:
                self.open = (tag, start, 1)
            else:
                self.edits.append((start, end, ""))
            return
        if tag == "iframe":
            self.allowed_at.add(start)
        kept = []
        for name, value in attrs:
            if (problem := _attribute_problem(tag, name, value)) is not None:
                self.findings.append(Finding(start, problem))
            else:
                kept.append((name, value))
        if len(kept) < len(attrs):
            written = "".join(f" {n}" if v is None else f' {n}="{html.escape(v)}"' for n, v in kept)
            self.edits.append((start, end, f"<{tag}{written}{' /' if closed else ''}>"))

    def handle_endtag(self, tag: str) -> None:
        if self.open is None or tag != self.open[0]:
            return
        name, at, depth = self.open
        if depth > 1:
            self.open = (name, at, depth - 1)
            return
        close = self.text.find(">", self._here())
        self.edits.append((at, close + 1 if close >= 0 else len(self.text), ""))
        self.open = None

    def finish(self) -> None:
        self.close()
        if self.open is not None:  # never closed: leave out its start tag
            _, at, _ = self.open
            self.edits.append((at, self.text.find(">", at) + 1 or len(self.text), ""))


def _token_edits(
    masked: str, allowed: Collection[str], allowed_at: set[int]
) -> Iterator[tuple[int, int, str, Finding]]:
    """Active tags as Markdown reads inline HTML (``<`` starts a tag wherever it stands), which
    the browser-like parser can read otherwise (``<scr<script>``, ``<!-->``). An active tag's
    ``<`` is written as text; an active attribute is cut, whichever ``<`` ends up owning it."""
    for match in _TAG_TOKEN_RE.finditer(masked):
        tag = match.group(1).lower()
        found = [
            (m, m.group(1).lower(), next((v for v in m.group(2, 3, 4) if v is not None), None))
            for m in _ATTRIBUTE_RE.finditer(match.group(2))
        ]
        attrs = [(name, value) for _, name, value in found]
        problem = None if match.start() in allowed_at else _tag_problem(tag, attrs, allowed)
        if problem is not None:
            yield match.start(), match.start() + 1, "&lt;", Finding(match.start(), problem)
            continue
        for attribute, name, value in found:
            if (problem := _attribute_problem(tag, name, value)) is not None:
                start = match.start(2) + attribute.start()
                yield start, match.start(2) + attribute.end(), "", Finding(match.start(), problem)


def _link_edits(masked: str) -> Iterator[tuple[int, int, Finding]]:
    """Markdown links and images whose address runs a script: ``[x](javascript:...)``
    and reference definitions ``[x]: javascript:...``. The whole address is replaced."""
    for match in _INLINE_LINK_RE.finditer(masked):
        start = match.end()
        if not _is_script_url(masked[start : start + 1000].lstrip().lstrip("<")):
            continue
        depth, index, stop = 0, start, min(len(masked), start + _LONGEST_ADDRESS)
        while index < stop:
            char = masked[index]
            if char == "\\":
                index += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif char == "\n" and masked.startswith("\n", index + 1):
                break  # a blank line ends the paragraph, and the link
            index += 1
        target = masked[start:index].strip().strip("<>")
        if _is_script_url(target):
            yield start, min(index, stop), Finding(start, _script_url_message(target))
    for match in _REFERENCE_RE.finditer(masked):
        start = match.end()
        end = masked.find("\n", start)
        end = len(masked) if end < 0 else end
        words = masked[start:end].split()
        if words and _is_script_url(words[0].strip("<>")):
            yield start, end, Finding(start, _script_url_message(words[0]))


def _for_parser(masked: str) -> str:
    """What the browser-like parser reads: comments, declarations and processing
    instructions as text (what they hold is looked at too: the parser and browsers end
    them differently), and no ``<`` after the last ``>`` (a tag never closed hides nothing
    from a browser, and would cost the parser the square of the text's length)."""
    last = masked.rfind(">")
    head = masked[: last + 1].replace("<!", "  ").replace("<?", "  ")
    return head + masked[last + 1 :].replace("<", " ")


def _strip_once(text: str, allowed: Collection[str], fences: bool) -> tuple[str, list[Finding]]:
    """One pass: ``text`` with what was found left out, and the findings, in text order.
    Every edit keeps the text's line breaks, so lines stay where they were."""
    masked = _masked(text, fences)
    scanner = _Scanner(masked, allowed)
    scanner.feed(_for_parser(masked))
    scanner.finish()
    findings = list(scanner.findings)
    # (start, end, replacement, what it leaves out if not already said)
    edits: list[tuple[int, int, str, Finding | None]] = [(s, e, new, None) for s, e, new in scanner.edits]
    edits += [(s, e, "#", finding) for s, e, finding in _link_edits(masked)]
    edits += _token_edits(masked, allowed, scanner.allowed_at)
    # An edit inside one kept already (a link inside a left-out <script>, a tag the parser
    # has dealt with) is dropped, with what it found.
    edits.sort(key=lambda e: (e[0], -e[1]))
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for start, end, new, finding in edits:
        if start < last_end:
            continue
        kept.append((start, end, new))
        last_end = end
        if finding is not None:
            findings.append(finding)
    pieces = []
    position = len(text)
    for start, end, new in reversed(kept):
        pieces.append(text[end:position])
        pieces.append(new + "\n" * (text.count("\n", start, end) - new.count("\n")))
        position = start
    pieces.append(text[:position])
    return "".join(reversed(pieces)), sorted(findings, key=lambda f: f.offset)


_MOST_FINDINGS = 20
"""A page says at most this many things about its active content; the last says how many more."""

_PASSES = 8
"""Leaving something out can join what was around it into something new (``<scr<b onclick=x>``):
the text is looked at again until nothing is found, at most this many times."""


def strip_active(
    text: str, embeds_allowed: Collection[str] = (), *, fences: bool = True
) -> tuple[str, list[Finding]]:
    """``text`` (Markdown) without its active content, and what was left out, in text order.

    ``embeds_allowed``: hosts whose iframes may stay; ``fences``: the site's Markdown has
    fenced code blocks (else a fence is text, and what it holds is looked at). A finding's
    ``offset`` is where it is in ``text``; its ``line`` counts from 1.
    """
    allowed = {host.lower() for host in embeds_allowed}
    if "\r" in text:  # as Markdown reads line ends (the pipeline's text has none)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    findings: list[Finding] = []
    said: set[int] = set()
    for _ in range(_PASSES):
        if not _might_be_active(text):
            break
        cleaned, found = _strip_once(text, allowed, fences)
        if not found:
            break
        # Lines by bisection: counting line breaks up to each finding costs the square of the
        # text when every tag is a finding ("<script>" 12,000 times took 0.6 s, growing 3.5x a doubling).
        breaks = [m.start() for m in re.finditer("\n", text)]
        located = [Finding(f.offset, f.message, bisect.bisect_left(breaks, f.offset) + 1) for f in found]
        text = cleaned
        # A later pass finds what is left of something said already: said once, on its line.
        findings += [f for f in located if f.line not in said]
        said.update(f.line for f in located)
    findings.sort(key=lambda f: f.line)
    unique = list({(f.line, f.message): f for f in reversed(findings)}.values())[::-1]
    if len(unique) > _MOST_FINDINGS:
        rest = len(unique) - _MOST_FINDINGS + 1
        unique[_MOST_FINDINGS - 1 :] = [
            Finding(
                unique[_MOST_FINDINGS - 1].offset,
                f"{rest} more pieces of active content from here on are left out of the page, like "
                "those above: remove them",
                unique[_MOST_FINDINGS - 1].line,
            )
        ]
    return text, unique
