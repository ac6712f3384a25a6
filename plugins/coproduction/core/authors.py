"""The blog's authors file: ``id -> name, role, description, avatar``."""

from __future__ import annotations

import os
import re

import yaml

from coproduction.core.frontmatter import FrontMatter, parse_yaml, read_text
from coproduction.core.records import Author, Problem

__all__ = ["read_authors"]

_FIELDS = ("name", "role", "description", "avatar")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def read_authors(abs_path: str, path: str) -> tuple[dict[str, Author], list[Problem]]:
    """Read and check the authors file; a missing file means no authors."""
    if not os.path.isfile(abs_path):
        return {}, []
    text, problem = read_text(abs_path, path)
    if text is None:
        return {}, [problem] if problem else []
    node, data, problem = parse_yaml(text, path, 1)
    if problem is not None:
        return {}, [problem]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(path, 1, "the authors file should map each author id to their details")]
    top = FrontMatter(path, data=data, node=node, first_line=1)
    authors: dict[str, Author] = {}
    problems: list[Problem] = []
    for key, details in data.items():
        line = top.line(str(key))
        author_id = str(key)
        if not _ID_RE.match(author_id):
            problems.append(
                Problem(
                    path,
                    line,
                    f"author id '{author_id}' should use only lower-case letters, digits and '-'",
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
            if field not in _FIELDS:
                problems.append(
                    Problem(
                        path,
                        _value_line(node, author_id, field, line),
                        f"author '{author_id}' has an unknown setting '{field}' (use {', '.join(_FIELDS)})",
                    )
                )
            elif value is not None:
                values[field] = str(value)
        authors[author_id] = Author(id=author_id, **values)
    return authors, problems


def _value_line(node: yaml.Node | None, author_id: str, field: str, default: int) -> int:
    """File line of ``field`` under ``author_id``."""
    if not isinstance(node, yaml.MappingNode):
        return default
    for key_node, value_node in node.value:
        if key_node.value == author_id and isinstance(value_node, yaml.MappingNode):
            inner = FrontMatter("", node=value_node, first_line=1)
            return inner.line(field)
    return default
