"""The blog's authors file: ``id -> name, role, description, avatar``."""

from __future__ import annotations

import os
import re

import yaml

from coproduction.core.frontmatter import FrontMatter, parse_yaml, read_text
from coproduction.core.records import Author, Problem
from coproduction.core.text import control_character, quote, without_control
from coproduction.core.urls import safe_address

__all__ = ["read_authors"]

_FIELDS = ("name", "role", "description", "avatar")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def read_authors(abs_path: str, path: str) -> tuple[dict[str, Author], list[Problem], frozenset[str] | None]:
    """Read and check the authors file: the authors, the file's problems, and the ids it names
    that it cannot give, for a problem of its own (None: it names none that can be known, as
    it is missing or cannot be read). A post naming one of those is not told its id is unknown:
    the authors file's problem is the one to fix."""
    if not os.path.isfile(abs_path):
        return {}, [], None
    text, problem = read_text(abs_path, path)
    if text is None:
        return {}, [problem] if problem else [], None
    node, data, problem = parse_yaml(text, path, 1, "the authors file")
    problems: list[Problem] = [problem] if problem is not None else []
    if data is None:
        return {}, problems, None if problem is not None else frozenset()
    if not isinstance(data, dict):
        return {}, [Problem(path, 1, "the authors file should map each author id to their details")], None
    top = FrontMatter(path, data=data, node=node, first_line=1)
    authors: dict[str, Author] = {}
    for key, line in top.duplicate_keys():
        first = _first_line(node, key)
        problems.append(
            Problem(
                path,
                line,
                f"author id {quote(key)} is listed twice (first on line {first}), and only this "
                "one counts: keep one, or give the other author an id of their own",
            )
        )
    for key, details in data.items():
        line = top.line(str(key))
        author_id = str(key) if isinstance(key, (str, int)) else ""
        if not _ID_RE.match(author_id):
            problems.append(
                Problem(
                    path,
                    line,
                    f"author id {quote(key)} should use only lower-case letters, digits and '-'",
                )
            )
            continue
        if not isinstance(details, dict) or not isinstance(details.get("name"), str):
            problems.append(
                Problem(path, line, f"author '{author_id}' needs a name: add '  name: Their Name'")
            )
            continue
        values = {}
        for field, value in details.items():
            at = _value_line(node, author_id, str(field), line)
            if field not in _FIELDS:
                problems.append(
                    Problem(
                        path,
                        at,
                        f"author '{author_id}' has an unknown setting {quote(field)} "
                        f"(use {', '.join(_FIELDS)})",
                    )
                )
            elif isinstance(value, (dict, list)):
                problems.append(Problem(path, at, f"author '{author_id}' {field} should be plain text"))
            elif value is not None:
                text = str(value)
                if (char := control_character(text)) is not None:
                    problems.append(
                        Problem(
                            path,
                            at,
                            f"author '{author_id}' {field} holds an invisible control character "
                            f"({char}), which would break the site's feeds: delete it",
                        )
                    )
                    text = without_control(text)
                if field == "avatar" and not safe_address(text):
                    problems.append(
                        Problem(
                            path,
                            at,
                            f"author '{author_id}' avatar {quote(text)} is left out: give a web address "
                            "(https://...) or a path on this site, like images/your-id.png",
                        )
                    )
                    continue
                values[field] = text
        authors[author_id] = Author(id=author_id, **values)
    return authors, problems, frozenset(str(key) for key in data if str(key) not in authors)


def _first_line(node: yaml.Node | None, key: str) -> int:
    """File line where ``key`` is first written."""
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return int(key_node.start_mark.line) + 1
    return 1


def _value_line(node: yaml.Node | None, author_id: str, field: str, default: int) -> int:
    """File line of ``field`` under ``author_id``."""
    if not isinstance(node, yaml.MappingNode):
        return default
    for key_node, value_node in reversed(node.value):  # YAML keeps the last of an id written twice
        if key_node.value == author_id and isinstance(value_node, yaml.MappingNode):
            inner = FrontMatter("", node=value_node, first_line=1)
            return inner.line(field)
    return default
