"""A JSON Schema of the front matter, made from the site's settings and authors: editors
that read JSON Schema can then suggest terms, kinds and author ids as people type."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from coproduction.core.records import Author
from coproduction.core.settings import SiteSpec

__all__ = ["SCHEMA_PATH", "THEME_KEYS", "front_matter_schema"]

SCHEMA_PATH = "front-matter.schema.json"
"""Where the build publishes it, from the site root."""

THEME_KEYS = ("hide", "icon", "status", "template", "search", "tags", "subtitle", "comments")
"""Front matter keys Material and MkDocs understand; never reported as unknown."""

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}"}


def front_matter_schema(spec: SiteSpec, authors: Mapping[str, Author]) -> str:
    """The schema as JSON text (stable: the same settings give the same bytes)."""
    kinds = {k.key: k for k in spec.kinds}
    properties: dict[str, Any] = {
        "title": {"type": "string", "description": "The page's title (else its first heading)."},
        "description": {
            "type": "string",
            "description": "One or two plain sentences for lists, feeds and search.",
        },
        "kind": {
            "enum": list(kinds),
            "description": "What the page is: " + "; ".join(f"{k}: {v.title}" for k, v in kinds.items()),
        },
        "date": {**_DATE, "description": "For dated kinds: the day it was published (YYYY-MM-DD)."},
        "authors": {
            "type": "array",
            "uniqueItems": True,
            "items": {"enum": sorted(authors)},
            "description": f"For dated kinds: ids from {spec.authors_file} of who wrote this page.",
        },
        "draft": {"type": "boolean", "description": "Kept out of the published site while true."},
        "reviewed": {**_DATE, "description": "When the page was last checked (YYYY-MM-DD)."},
        "easy_read": {
            "type": "string",
            "pattern": r"\.md$",
            "description": "Path from docs/ of this page's Easy Read version.",
        },
        "source": {
            "type": "object",
            "description": "The work this page summarises.",
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
        properties.setdefault(key, {"description": "A setting of the theme."})
    dated = [k for k, v in kinds.items() if v.dated]
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Front matter of {spec.site_name or 'this site'}'s pages",
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
