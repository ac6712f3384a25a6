"""The front matter's JSON Schema, published with the site, agrees with the checks: pages that
check clean validate, and the mistakes the checks catch in front matter the schema catches too."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import AUTHORS, Built, page, tool
from coproduction.core.frontmatter import YamlLoader

GOOD = {
    "posts/authors.yml": AUTHORS,
    "posts/a.md": page({"title": "A", "date": "2020-01-01", "authors": ["ann"], "barriers": ["power"]}),
    "toolkit/t.md": tool(
        {
            "title": "T",
            "description": "A tool.",
            "barriers": ["capacity", "power"],
            "source": {"title": "X", "author": "Y", "published": "2019-04-29", "url": "https://example.org/"},
            "easy_read": "ez.md",
            "hide": ["toc"],
        }
    ),
    "docs/p.md": page({"title": "P", "kind": "principle", "barriers": [], "reviewed": "2026-11-26"}),
    "docs/ez.md": page(
        {
            "title": "Ez",
            "kind": "tool",
            "barriers": [],
            "checked_by": [{"name": "Self-Advocates", "date": "2026-12-01"}],
        },
        "![A tick](tick.svg)\nIt works.\n",
    ),
    "docs/tick.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1"/></svg>',
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from conftest import build_site, write_site

    root = tmp_path_factory.mktemp("schema")
    write_site(root, GOOD)
    result = build_site(root, strict=True)
    assert result.warnings == []
    return result


def _validator(built: Built) -> jsonschema.Draft202012Validator:
    schema = json.loads((built.site / "front-matter.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://example.org/toolkit/front-matter.schema.json"
    return jsonschema.Draft202012Validator(schema)


def _front(text: str) -> Any:
    """Front matter as an editor's YAML tools see it: dates are text."""
    return yaml.load(text.split("---\n")[1], Loader=YamlLoader)


def test_every_page_that_checks_clean_validates(built: Built) -> None:
    validator = _validator(built)
    for name, text in GOOD.items():
        if name.endswith(".md"):
            assert list(validator.iter_errors(_front(str(text)))) == [], name


@pytest.mark.parametrize(
    "front",
    [
        {"title": "X", "barriers": ["powr"]},  # unknown term
        {"title": "X", "barriers": ["power", "power"]},  # a term twice
        {"title": "X", "kind": "storey"},  # unknown kind
        {"title": "X", "authors": ["zed"]},  # unknown author
        {"title": "X", "descripton": "typo"},  # unknown setting
        {"title": "X", "kind": "post", "authors": ["ann"]},  # a dated kind without a date
        {"title": "X", "source": {"title": "T", "author": "A", "url": "javascript:alert(1)"}},
        {"title": "X", "source": {"title": "T"}},  # a source without its author
        {"title": "X", "date": "29/04/2019"},
    ],
)
def test_mistakes_the_checks_report_fail_the_schema_too(built: Built, front: dict[str, Any]) -> None:
    assert list(_validator(built).iter_errors(front)) != []
