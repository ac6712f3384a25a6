"""export.cross_index: valid JSON for any title, every field, a stable order."""

from __future__ import annotations

import dataclasses
import json

from unit_support import AUDIENCE, SPEC, make_page

from coproduction.core.export import cross_index
from coproduction.core.records import Author, PageRecord

AUTHORS = {
    "bob": Author("bob", "Bob Writer", role="Editor", description="not exported"),
    "ann": Author("ann", "Ann “Annie” Author"),
}

NASTY = "</script><script>alert('x & \"y\"')</script> Café \u2013 ünïcödé 😀 \u2028"


def pages() -> list[PageRecord]:
    return [
        make_page("toolkit/t/", "Tool", kind="tool", terms=("capacity",), path="toolkit/t.md"),
        make_page(
            "posts/a/",
            NASTY,
            kind="post",
            date="2019-04-29",
            authors=("ann", "bob"),
            description='He said "hi" & left <b>',
            terms=("power", "leadership"),
            path="posts/a.md",
        ),
        make_page("", "Home", path="docs/index.md"),
    ]


def test_valid_json_that_round_trips_any_title() -> None:
    text = cross_index(pages(), AUTHORS, SPEC)
    assert text.endswith("\n")
    data = json.loads(text)
    post = next(p for p in data["pages"] if p["url"] == "posts/a/")
    assert post["title"] == NASTY
    assert post["description"] == 'He said "hi" & left <b>'
    # Non-ASCII is written as itself, not as \u escapes.
    assert "Café \u2013 ünïcödé 😀" in text


def test_pages_sorted_by_url_whatever_the_input_order() -> None:
    forward = cross_index(pages(), AUTHORS, SPEC)
    backward = cross_index(list(reversed(pages())), AUTHORS, SPEC)
    assert forward == backward
    assert [p["url"] for p in json.loads(forward)["pages"]] == ["", "posts/a/", "toolkit/t/"]


def test_every_field_of_a_page() -> None:
    data = json.loads(cross_index(pages(), AUTHORS, SPEC))
    assert data["pages"][1] == {
        "url": "posts/a/",
        "title": NASTY,
        "description": 'He said "hi" & left <b>',
        "kind": "post",
        "terms": {"barriers": ["power", "leadership"]},
        "date": "2019-04-29",
        "authors": ["ann", "bob"],
        "source": None,
        "path": "posts/a.md",
    }
    assert data["pages"][0] == {
        "url": "",
        "title": "Home",
        "description": "",
        "kind": "guide",
        "terms": {"barriers": []},
        "date": None,
        "authors": [],
        "source": None,
        "path": "docs/index.md",
    }


def test_site_taxonomies_and_authors() -> None:
    data = json.loads(cross_index(pages(), AUTHORS, SPEC))
    assert data["site_name"] == "Test Toolkit"
    assert data["site_url"] == "https://example.org/toolkit/"
    barriers = data["taxonomies"]["barriers"]
    assert barriers["title"] == "Barriers to co-production"
    assert barriers["description"] == "What holds co-production back."
    assert list(barriers["terms"]) == ["power", "leadership", "diversity", "capacity"]
    assert barriers["terms"]["power"] == {"title": "Power", "description": "Who decides."}
    assert data["authors"] == {
        "ann": {"name": "Ann “Annie” Author", "role": ""},
        "bob": {"name": "Bob Writer", "role": "Editor"},
    }
    assert list(data["authors"]) == ["ann", "bob"]


def test_every_page_lists_every_taxonomy() -> None:
    two = dataclasses.replace(SPEC, taxonomies=(*SPEC.taxonomies, AUDIENCE))
    given = [
        make_page("a/", terms={"audience": ("staff",)}),
        make_page("b/", terms={"barriers": ("power", "capacity")}),
        make_page("c/", terms={"audience": ("carers", "staff"), "barriers": ("leadership",)}),
        make_page("d/", terms={}),
    ]
    data = json.loads(cross_index(given, {}, two))
    assert {p["url"]: p["terms"] for p in data["pages"]} == {
        "a/": {"barriers": [], "audience": ["staff"]},
        "b/": {"barriers": ["power", "capacity"], "audience": []},
        "c/": {"barriers": ["leadership"], "audience": ["carers", "staff"]},
        "d/": {"barriers": [], "audience": []},
    }
    # Every page lists every taxonomy, in the site's order, whatever order its own terms had.
    assert len(data["pages"]) == len(given)
    assert all(list(p["terms"]) == ["barriers", "audience"] for p in data["pages"]), data["pages"]
    assert list(data["taxonomies"]) == ["barriers", "audience"]


def test_same_input_same_bytes() -> None:
    assert cross_index(pages(), AUTHORS, SPEC) == cross_index(
        pages(), dict(reversed(list(AUTHORS.items()))), SPEC
    )
