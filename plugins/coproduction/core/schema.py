"""A JSON Schema of the front matter, made from the site's settings and authors: editors
that read JSON Schema can then suggest terms, kinds and author ids as people type."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from coproduction.core import words
from coproduction.core.records import Author
from coproduction.core.settings import SiteSpec

__all__ = ["SCHEMA_PATH", "THEME_KEYS", "front_matter_schema"]

SCHEMA_PATH = "front-matter.schema.json"
"""Where the build publishes it, from the site root."""

THEME_KEYS = ("hide", "icon", "status", "template", "search", "tags", "subtitle", "comments")
"""Front matter keys Material and MkDocs understand; never reported as unknown."""

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}"}


def front_matter_schema(spec: SiteSpec, authors: Mapping[str, Author]) -> str:
    """The schema as JSON text (stable: the same settings give the same bytes), its
    descriptions in the site's language."""
    say = spec.say
    kinds = {k.key: k for k in spec.kinds}
    properties: dict[str, Any] = {
        "title": {"type": "string", "description": say(words.SCHEMA_PAGE_TITLE)},
        "description": {"type": "string", "description": say(words.SCHEMA_DESCRIPTION)},
        "kind": {
            "enum": list(kinds),
            "description": say(
                words.SCHEMA_KIND, kinds="; ".join(f"{k}: {v.title}" for k, v in kinds.items())
            ),
        },
        "date": {**_DATE, "description": say(words.SCHEMA_DATE)},
        "authors": {
            "type": "array",
            "uniqueItems": True,
            "items": {"enum": sorted(authors)},
            "description": say(words.SCHEMA_AUTHORS, file=spec.authors_file),
        },
        "draft": {"type": "boolean", "description": say(words.SCHEMA_DRAFT)},
        "reviewed": {**_DATE, "description": say(words.SCHEMA_REVIEWED)},
        "reviewed_by": {
            "type": "array",
            "description": say(words.SCHEMA_REVIEWED_BY),
            "items": {
                "type": "object",
                "required": ["name", "role"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "role": {"type": "string", "minLength": 1},
                    "date": _DATE,
                },
            },
        },
        "easy_read": {
            "type": "string",
            "pattern": r"\.md$",
            "description": say(words.SCHEMA_EASY_READ),
        },
        "checked_by": {
            "type": "array",
            "description": say(words.SCHEMA_CHECKED_BY),
            "items": {
                "type": "object",
                "required": ["name", "date"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string"}, "date": _DATE},
            },
        },
        "source": {
            "type": "object",
            "description": say(words.SCHEMA_SOURCE),
            "required": ["title", "author"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string"},
                "author": {"type": "string"},
                "published": _DATE,
                "where": {"type": "string"},
                "url": {"type": "string", "pattern": "^https?://"},
            },
        },
    }
    for taxonomy in spec.taxonomies:
        properties[taxonomy.key] = {
            "type": "array",
            "uniqueItems": True,
            "description": taxonomy.title,
            "items": {
                "oneOf": [{"const": t.slug, "description": t.description or t.title} for t in taxonomy.terms]
            },
        }
    for key in THEME_KEYS:
        properties.setdefault(key, {"description": say(words.SCHEMA_THEME)})
    dated = [k for k, v in kinds.items() if v.dated]
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": say(words.SCHEMA_TITLE, site=spec.site_name)
        if spec.site_name
        else say(words.SCHEMA_TITLE_ANY),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if spec.site_url:
        schema["$id"] = urljoin(
            spec.site_url if spec.site_url.endswith("/") else spec.site_url + "/", SCHEMA_PATH
        )
    if dated:
        schema["if"] = {"properties": {"kind": {"enum": dated}}, "required": ["kind"]}
        schema["then"] = {"required": ["date", "authors"]}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
