"""Reads a Markdown file's YAML front matter with line numbers.

MkDocs silently drops front matter it cannot parse and publishes it as page
text; this reader reports it instead, and keeps the YAML node tree so every
later check can name the line of the value it complains about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, ClassVar

import yaml

from coproduction.core.records import Problem
from coproduction.core.text import shorten

__all__ = [
    "FrontMatter",
    "YamlLoader",
    "in_curly_quotes",
    "parse_yaml",
    "read_text",
    "split",
    "straight_quotes",
]

# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE), so we split files exactly as it does.
_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_OPEN_RE = re.compile(r"^-{3}[ \t]*\n")
_EMPTY_RE = re.compile(r"^-{3}[ \t]*\n(?:\.{3}|-{3})[ \t]*\n")
_LATE_WITHIN = 500
"""How far into a file front matter that does not start on the first line is looked for."""
_LATE_RE = re.compile(r"\A((?:[^\n]*\n){1,5}?)(-{3}[ \t]*\n)")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_-]*$")

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLoader(_Base):  # type: ignore[misc]
    """Safe loader that leaves dates as text, so a bad date is one problem, not a crash.

    PyYAML turns ``2019-02-30`` into a ``ValueError`` that loses the whole front
    matter; the checks parse dates themselves and name the line.
    """

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


@dataclass(slots=True)
class FrontMatter:
    """A file's front matter: its data, the body after it, and where each value sits."""

    path: str
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    problems: list[Problem] = field(default_factory=list)
    node: yaml.Node | None = None
    first_line: int = 2
    """File line of the first YAML line (the one after ``---``)."""
    body_line: int = 1
    """File line where ``body`` starts."""
    broken: bool = False
    """The settings could not be read: that is the one problem, and nothing is checked for
    lacking them (a post with broken YAML is not also told it "needs a date")."""

    def line(self, key: str | None = None, index: int | None = None) -> int:
        """File line of ``key`` (or of item ``index`` of its list); line 1 if unknown."""
        if key is None or not isinstance(self.node, yaml.MappingNode):
            return 1 if key is None else self.first_line
        # Reversed: YAML keeps the last of a key written twice, so that is the one checked.
        for key_node, value_node in reversed(self.node.value):
            if key_node.value == key:
                target = value_node
                if index is not None and isinstance(value_node, yaml.SequenceNode):
                    if index < len(value_node.value):
                        target = value_node.value[index]
                elif index is None:
                    target = key_node
                return self.first_line + int(target.start_mark.line)
        return self.first_line

    def duplicate_keys(self) -> list[tuple[str, int]]:
        """Keys written twice; YAML silently keeps the last one."""
        if not isinstance(self.node, yaml.MappingNode):
            return []
        seen: set[str] = set()
        found = []
        for key_node, _ in self.node.value:
            if key_node.value in seen:
                found.append((str(key_node.value), self.first_line + key_node.start_mark.line))
            seen.add(key_node.value)
        return found


def read_text(abs_path: str, path: str) -> tuple[str | None, Problem | None]:
    """The file's text as MkDocs reads it (UTF-8, universal newlines), or a problem."""
    try:
        with open(abs_path, "rb") as f:
            raw = f.read()
    except OSError as e:
        return None, Problem(
            path,
            1,
            f"this file cannot be read ({shorten(e.strerror or str(e))}): make it a file you may read",
        )
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        start = e.start + bom
        line = raw.count(b"\n", 0, start) + 1
        return None, Problem(
            path,
            line,
            f"this file is not UTF-8 text (byte 0x{raw[start]:02x} cannot be read): "
            "save it with UTF-8 encoding",
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"  # so a closing '---' on the last line still closes the front matter
    return text, None


_COMPLEX: Any = object()
_STR = "tag:yaml.org,2002:str"


def _simple(node: yaml.Node | None) -> Any:
    """Front matter is almost always text keys with text or lists of text: build those
    directly, as PyYAML would, and leave anything else to its (slower) constructor."""
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode) or node.tag != "tag:yaml.org,2002:map":
        return _COMPLEX
    data: dict[str, Any] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
            return _COMPLEX
        if isinstance(value, yaml.ScalarNode) and value.tag == _STR:
            data[key.value] = value.value
        elif (
            isinstance(value, yaml.SequenceNode)
            and value.tag == "tag:yaml.org,2002:seq"
            and all(isinstance(v, yaml.ScalarNode) and v.tag == _STR for v in value.value)
        ):
            data[key.value] = [v.value for v in value.value]
        else:
            return _COMPLEX
    return data


ALIAS_LIMIT = 10_000
"""How many more values than it writes a YAML text may make with aliases (``*name``)."""


_ENDLESS = 10**18


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _expanded_sizes(node: yaml.Node) -> dict[int, int]:
    """How many values each node stands for once its aliases are written out, by ``id``.

    Aliases are references: ten lines can name a trillion values. Each node is counted
    once, so this takes as long as the text is long; a value that contains itself is endless.
    """
    sizes: dict[int, int] = {}
    busy: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        if done:
            busy.discard(key)
            total = 1 + sum(sizes.get(id(c), _ENDLESS) for c in _children(current))
            sizes[key] = min(total, _ENDLESS)
        elif key not in sizes and key not in busy:
            busy.add(key)
            stack.append((current, True))
            stack.extend((c, False) for c in _children(current) if id(c) not in sizes and id(c) not in busy)
    return sizes


def _alias_floods(node: yaml.Node, path: str, first_line: int) -> Problem | None:
    """Settings whose aliases (``*name``) repeat a value too often are taken out of ``node``
    (a mapping keeps its other settings; anything else is emptied), with one problem."""
    sizes = _expanded_sizes(node)
    limit = ALIAS_LIMIT + 10 * len(sizes)
    if sizes[id(node)] <= limit:
        return None
    if not isinstance(node, yaml.MappingNode):
        bad = [node]
    else:
        flooded = [pair for pair in node.value if sizes[id(pair[0])] + sizes[id(pair[1])] > limit]
        node.value = [pair for pair in node.value if pair not in flooded]
        bad = [key for key, _ in flooded]
    more = f" (and {len(bad) - 1} more like it)" if len(bad) > 1 else ""
    return Problem(
        path,
        first_line + bad[0].start_mark.line,
        f"the YAML aliases (*name) here repeat a value too often, or inside itself, so this setting "
        f"is ignored{more}: write the values out instead",
    )


def parse_yaml(
    text: str, path: str, first_line: int, about: str = "the front matter"
) -> tuple[yaml.Node | None, Any, Problem | None]:
    """Parse YAML into (node tree, data), or report the line where it breaks, and why in
    words a contributor knows (``about`` names what the YAML is).

    A problem with data too: settings that YAML aliases make huge were left out of both.
    """
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        data = _simple(node)
        if data is _COMPLEX:
            if node is not None and "*" in text and (flood := _alias_floods(node, path, first_line)):
                if not isinstance(node, yaml.MappingNode):
                    return None, None, flood
                return node, loader.construct_document(node), flood
            data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        # An unclosed [ or " runs on to the end; the line where it opened is the one to fix.
        if e.context_mark is not None and str(e.context or "").startswith(
            ("while parsing a flow", "while scanning a quoted")
        ):
            mark = e.context_mark
        at = mark.line if mark else 0
        if e.context == "while parsing a flow node" and mark is not None:
            # PyYAML marks where the missing item should start, after the "[" or "{" that
            # was never closed: that bracket's line is the one to fix.
            opened = max(text.rfind("[", 0, mark.index), text.rfind("{", 0, mark.index))
            if opened >= 0:
                at = text.count("\n", 0, opened)
        what = shorten(" ".join((e.problem or str(e)).split()), 100)
        line, message = _explain(text, at, what, first_line, about)
        return None, None, Problem(path, line, message)
    except yaml.reader.ReaderError as e:
        return (
            None,
            None,
            Problem(
                path,
                first_line + text.count("\n", 0, e.position),
                f"this line holds an invisible control character (U+{e.character:04X}), which YAML "
                "does not allow: delete it",
            ),
        )
    except yaml.YAMLError as e:
        what = shorten(" ".join(str(e).split()), 100)
        return None, None, Problem(path, first_line, f"{about} is not valid YAML ({what})")
    finally:
        loader.dispose()
    return node, data, None


_CURLY = "\u201c\u201d\u2018\u2019\u201e\u201a"
"""Curly quotes, which word processors type for " and ': YAML reads them as text."""
_SETTING_RE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*$")
_UNCLOSED_HINT = "add a line with only '---' after the last setting"


def in_curly_quotes(value: object) -> str:
    """A sentence to add to a message about ``value`` when it is in curly quotes, else ""."""
    if isinstance(value, str) and len(value) > 1 and value[0] in _CURLY and value[-1] in _CURLY:
        return (
            " It is in curly quotes (\u201c \u201d or \u2018 \u2019), which YAML keeps as part of the "
            f"text: write {straight_quotes(value)[1:-1]} without them, or in straight quotes \" or '."
        )
    return ""


def straight_quotes(value: str) -> str:
    """``value`` in straight quotes (its curly ones taken off, if it is in them): the fix to show."""
    value = value.strip()
    if len(value) > 1 and value[0] in _CURLY and value[-1] in _CURLY:
        value = value[1:-1]
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _unclosed(text: str) -> int | None:
    """How many lines of settings there are, if ``text`` is settings, a blank line, then lines
    that are not (a page whose front matter has no closing '---', read up to a later '---'
    rule); else None."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for last, rest in pairwise(filled):
        if rest == last + 1:
            continue  # no blank line between
        line = lines[rest]
        if (":" in line and _KEY_RE.match(line.split(":", 1)[0])) or line[:1] in (" ", "\t", "-"):
            continue  # more settings
        try:
            data = yaml.load("\n".join(lines[: last + 1]), YamlLoader)
        except yaml.YAMLError:
            return None
        return last + 1 if isinstance(data, dict) and data else None
    return None


def _explain(text: str, at: int, what: str, first_line: int, about: str) -> tuple[int, str]:
    """The line and message for YAML that breaks at line ``at`` of ``text``: the everyday
    causes (a tab, curly quotes, a ': ' in a value) named, with their fix."""
    lines = text.split("\n")
    here = lines[at] if at < len(lines) else ""
    indent = here[: len(here) - len(here.lstrip())]
    if "\t" in indent or (not here.strip(" ") and "\t" in here) or "tab character" in what:
        return first_line + at, (
            f"this line of {about} is indented with a tab, which YAML does not allow: "
            "indent with spaces instead"
        )
    setting = _SETTING_RE.match(here)
    if (setting is None and any(q in here for q in _CURLY)) or (setting and setting.group(3)[:1] in _CURLY):
        fix = f", like {setting.group(2)}: {straight_quotes(setting.group(3))}" if setting else ""
        return first_line + at, (
            "this value is in curly quotes (\u201c \u201d or \u2018 \u2019), which YAML reads as "
            f"ordinary text: use straight quotes \" or ' instead{fix}"
        )
    if setting and ": " in setting.group(3) and setting.group(3)[:1] not in "\"'[{":
        key, value = setting.group(2), setting.group(3)
        return first_line + at, (
            f"the value of '{key}' holds ': ', which YAML reads as the start of another setting: "
            f"put the value in quotes, like {key}: {straight_quotes(shorten(value, 60))}"
        )
    return first_line + at, (
        f"{about} is not valid YAML ({what}): each line should be "
        "'key: value', lists look like [a, b], and text containing ': ' or '#' needs quotes"
    )


def _late_front_matter(text: str, path: str) -> FrontMatter | None:
    """Front matter that does not start on the first line, as a page with a problem; None if
    there is none. Blank lines above it are forgiven (the page keeps its settings); other
    text above it leaves it the page's text, as MkDocs shows it, and only settings-like
    lines (two or more ``key: value``) count, so a page's own ``---`` rules are left alone."""
    match = _LATE_RE.match(text)
    if match is None or _YAML_RE.match(rest := text[match.start(2) :]) is None:
        return None
    start = text.count("\n", 0, match.start(2)) + 1
    late = split(rest, path)
    if match.group(1).strip():
        keys = list(late.data) if late.node is not None else []
        if len(keys) < 2 or not all(isinstance(k, str) and _KEY_RE.match(k) for k in keys):
            return None
        message = (
            "these settings are shown as text, because the front matter must start on the "
            "first line: move the '---' line to the top, above everything else"
        )
        return FrontMatter(path, body=text, problems=[Problem(path, start, message)], broken=True)
    shift = start - 1
    late.first_line += shift
    late.body_line += shift
    late.problems = [
        Problem(
            path,
            1,
            "the front matter must start on the first line: delete the "
            f"{'blank line' if shift == 1 else f'{shift} blank lines'} above the first '---'",
        ),
        *(Problem(p.path, p.line + shift, p.message) for p in late.problems),
    ]
    return late


def split(text: str, path: str) -> FrontMatter:
    """Split front matter from body and parse it; problems are recorded, never raised."""
    match = _YAML_RE.match(text)
    if match is None:
        if text[:1] in ("\n", " ", "\t") or "\n---" in text[:_LATE_WITHIN]:
            late = _late_front_matter(text, path)
            if late is not None:
                return late
        fm = FrontMatter(path, body=text)
        if empty := _EMPTY_RE.match(text):
            fm.body = text[empty.end() :].lstrip("\n")
            fm.body_line = text.count("\n", 0, len(text) - len(fm.body)) + 1
            fm.problems.append(
                Problem(path, 1, "the front matter is empty: add settings between the '---' lines")
            )
        elif _OPEN_RE.match(text):
            fm.broken = True
            fm.problems.append(
                Problem(
                    path,
                    1,
                    f"the front matter starts with '---' but has no closing '---' line: {_UNCLOSED_HINT}",
                )
            )
        return fm
    body = text[match.end() :].lstrip("\n")
    node, data, problem = parse_yaml(match.group(1), path, 2)
    if problem is not None and data is None:
        settings = _unclosed(match.group(1))
        if settings is not None and problem.line - 2 >= settings:  # it breaks in the page's text
            problem = Problem(
                path,
                1,
                "the front matter has no closing '---' line, so the page's text is read as settings: "
                f"{_UNCLOSED_HINT} (line {settings + 1})",
            )
    fm = FrontMatter(path, body=body, node=node, body_line=text.count("\n", 0, len(text) - len(body)) + 1)
    if problem is not None:
        fm.problems.append(problem)
    if data is None:
        fm.broken = problem is not None
    elif not isinstance(data, dict):
        fm.broken = True
        fm.problems.append(Problem(path, 2, "the front matter should be 'key: value' lines, one per setting"))
    else:
        fm.data = data
        for key, line in fm.duplicate_keys():
            fm.problems.append(Problem(path, line, f"'{key}' is set twice in the front matter: keep one"))
    return fm
