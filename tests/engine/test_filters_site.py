"""Filtering by several terms: combination pages and narrowing links (plain HTML), the
in-place filter (JavaScript), and generated pages that site search can find."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from browser import new_context, served, site_path
from conftest import AUTHORS, BASE_CONFIG, REPO, Built, page, plugin_options

TERMS = ("power", "leadership", "diversity", "capacity")  # the fixture's order
PAGES: dict[str, tuple[str, ...]] = {
    "docs/guidance/a.md": ("power", "leadership"),
    "docs/guidance/b.md": ("leadership", "power", "capacity"),  # front matter order differs
    "toolkit/c.md": ("capacity",),
    "toolkit/d.md": ("diversity", "power"),
    "docs/guidance/e.md": (),
}


def _files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        path: page(
            {
                "title": f"Page {Path(path).stem.upper()}",
                "description": f"About {Path(path).stem}.",
                "barriers": list(terms),
            }
        )
        for path, terms in PAGES.items()
    }
    files["posts/authors.yml"] = AUTHORS
    files["posts/one.md"] = page(
        {"title": "Post one", "date": "2021-01-01", "authors": ["ann"], "barriers": ["power", "capacity"]}
    )
    files["posts/two.md"] = page(
        {"title": "Post two", "date": "2022-02-02", "authors": ["bob"], "barriers": ["leadership"]}
    )
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from conftest import build_site, write_site

    root = tmp_path_factory.mktemp("filters")
    config = copy.deepcopy(BASE_CONFIG)
    # Every list on one page: the filter works a page at a time.
    plugin_options(config).update(posts_per_page=10, items_per_page=10)
    write_site(root, _files(), config)
    result = build_site(root, strict=True)
    assert result.warnings == []
    return result


def _carriers() -> dict[tuple[str, ...], set[str]]:
    """Every combination of two or more terms some fixture page carries, and its pages' titles."""
    pages = {f"Page {Path(p).stem.upper()}": terms for p, terms in PAGES.items()}
    pages["Post one"] = ("power", "capacity")
    pages["Post two"] = ("leadership",)
    found: dict[tuple[str, ...], set[str]] = {}
    for title, terms in pages.items():
        ordered = sorted(terms, key=TERMS.index)
        for size in range(2, len(ordered) + 1):
            for combo in combinations(ordered, size):
                found.setdefault(combo, set()).add(title)
    return found


def _titles(html: str) -> set[str]:
    return set(re.findall(r'class="cp-item__title" href="[^"]*">([^<]+)</a>', html))


def test_a_combination_page_for_each_combination_some_page_carries_and_no_other(built: Built) -> None:
    expected = _carriers()
    made = {
        tuple(p.name.split("+")) for p in (built.site / "barriers").iterdir() if p.is_dir() and "+" in p.name
    }
    assert made == set(expected)
    for combo, titles in expected.items():
        html = built.content(f"barriers/{'+'.join(combo)}/")
        assert _titles(html) == titles, combo
        # Each of its terms links back to that term's page.
        for term in combo:
            assert f'href="../../barriers/{term}/"' in html


def test_term_pages_link_to_each_narrower_list_with_its_count(built: Built) -> None:
    expected = _carriers()
    for term in TERMS:
        html = built.content(f"barriers/{term}/")
        links = dict(re.findall(r'<li><a href="\.\./\.\./barriers/([^"/]+)/">[^<(]+\((\d+)\)</a></li>', html))
        want = {"%2B".join(c): str(len(t)) for c, t in expected.items() if len(c) == 2 and term in c}
        assert links == want, term


def test_combination_pages_link_to_combinations_of_one_more_term(built: Built) -> None:
    html = built.content("barriers/power+leadership/")
    assert 'href="../../barriers/power%2Bleadership%2Bcapacity/">Capacity (1)</a>' in html
    assert "power%2Bleadership%2Bdiversity" not in html  # no page carries those three


def test_term_and_combination_pages_are_in_the_search_index_by_title_and_description(built: Built) -> None:
    docs = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs if "#" not in d["location"]}
    for location, title in (
        ("barriers/", "Barriers"),
        ("barriers/power/", "Power"),
        ("barriers/power%2Bleadership/", "Power and Leadership"),
        ("posts/", "Blog posts"),
        ("posts/archive/", "Blog posts by year"),
        ("posts/archive/2021/", "Blog posts from 2021"),
        ("authors/", "Authors"),
        ("authors/ann/", "Ann Author"),
    ):
        entry = by_location[location]
        assert entry["title"] == title
        assert title in entry["text"]
    assert "Who decides." in by_location["barriers/power/"]["text"]
    assert "Peer researcher" in by_location["authors/ann/"]["text"]
    # The listing is not indexed again: a page's title shows only in its own entry.
    assert "Page A" not in by_location["barriers/power/"]["text"]


def test_our_script_is_small() -> None:
    script = REPO / "plugins/coproduction/mkdocs_plugin/templates/assets/javascripts/coproduction.js"
    assert script.stat().st_size < 5 * 1024


@pytest.fixture(scope="module")
def site(built: Built) -> Iterator[str]:
    yield from served(built.site, site_path(str(BASE_CONFIG["site_url"])))


def _visible_titles(page: Any) -> set[str]:
    return set(page.locator(".cp-item:visible .cp-item__title").all_inner_texts())


def test_without_javascript_the_links_narrow_the_list(browser: Browser, site: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site + "barriers/power/")
        assert not tab.locator(".cp-filter").is_visible()  # the filter needs the script
        tab.get_by_role("link", name="Leadership (2)").click()
        assert tab.url.endswith("/barriers/power%2Bleadership/")
        assert _visible_titles(tab) == {"Page A", "Page B"}
    finally:
        context.close()


def test_with_javascript_the_filter_narrows_in_place_and_keeps_its_state_in_the_address(
    browser: Browser, site: str
) -> None:
    context = new_context(browser)
    try:
        tab = context.new_page()
        tab.goto(site + "barriers/power/")
        everything = _visible_titles(tab)
        assert everything == {"Page A", "Page B", "Page D", "Post one"}
        tab.get_by_role("checkbox", name="Leadership").check()
        assert _visible_titles(tab) == {"Page A", "Page B"}
        assert "also=barriers%3Aleadership" in tab.url
        assert tab.get_by_role("status").inner_text() == "2 matches"
        # Groups with nothing left are hidden with their heading.
        assert not tab.locator("section[data-cp-group]:has(#posts)").is_visible()
        tab.get_by_role("checkbox", name="Capacity").check()
        assert _visible_titles(tab) == {"Page B"}
        tab.reload()  # the address keeps the choice
        assert tab.get_by_role("checkbox", name="Leadership").is_checked()
        assert _visible_titles(tab) == {"Page B"}
        tab.get_by_role("checkbox", name="Leadership").uncheck()
        tab.get_by_role("checkbox", name="Capacity").uncheck()
        assert _visible_titles(tab) == everything
        assert "also=" not in tab.url
        # The blog's filter narrows its posts the same way.
        tab.goto(site + "posts/")
        tab.get_by_role("checkbox", name="Capacity").check()
        posts = tab.locator(".cp-summary:visible .cp-summary__title").all_inner_texts()
        assert posts == ["Post one"]
    finally:
        context.close()
