"""Filtering by terms: combination pages, and links that narrow a list to the whole list of
a term or a combination (plain HTML, no script) with its true count, on a small fixture and
on a generated site of 3,000 pages; and generated pages that site search can find."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser

from browser import new_context, served, site_path
from conftest import AUTHORS, BASE_CONFIG, REPO, Built, build_site, page, plugin_options

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


NARROW = re.compile(r'<li><a href="([^"]+)">([^<(]+) \((\d+)\)</a></li>')


def _narrowing(html: str) -> dict[str, tuple[str, int]]:
    """The links of a page's "Narrow the list": term title -> (address, count shown)."""
    nav = html[html.index('<nav class="cp-narrow"') :]
    nav = nav[: nav.index("</nav>")]
    return {title: (href, int(count)) for href, title, count in NARROW.findall(nav)}


def test_the_blog_links_each_term_to_all_its_posts_with_their_true_count(built: Built) -> None:
    # Post one: power and capacity; post two: leadership; no post is about diversity.
    links = _narrowing(built.content("posts/"))
    assert links == {
        "Power": ("../barriers/power/#posts", 1),
        "Leadership": ("../barriers/leadership/#posts", 1),
        "Capacity": ("../barriers/capacity/#posts", 1),
    }
    assert 'id="posts"' in built.content("barriers/power/")


def test_no_page_needs_a_script_of_ours(built: Built) -> None:
    for url in ("posts/", "barriers/power/", "barriers/power+leadership/"):
        html = built.html(url)
        assert "coproduction.js" not in html
        assert "<form" not in built.content(url)  # links, not a form that needs a script


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
        tab.get_by_role("link", name="Leadership (2)").click()
        assert tab.url.endswith("/barriers/power%2Bleadership/")
        assert _visible_titles(tab) == {"Page A", "Page B"}
        # The blog's links lead to every post about the term, on its term page.
        tab.goto(site + "posts/")
        tab.get_by_role("link", name="Capacity (1)").click()
        assert tab.url.endswith("/barriers/capacity/#posts")
        posts = tab.locator("section:has(> h2#posts) .cp-item__title").all_inner_texts()
        assert posts == ["Post one"]
    finally:
        context.close()


# ---- A generated site of 3,000 pages: the counts shown are the corpus's true counts ----


def _corpus_module() -> Any:
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, dict[str, tuple[str, ...]]]:
    """The benchmark's corpus at 3,000 pages, built once; and each content page's terms (by
    its folder and file), read from its front matter as written."""
    root = tmp_path_factory.mktemp("large")
    _corpus_module().generate(root, 3000, seed=3, layout="ours")
    terms: dict[str, tuple[str, ...]] = {}
    for path in root.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n", 2)[1])
        terms[path.relative_to(root).as_posix()] = tuple(front.get("barriers") or ())
    return build_site(root), terms


def test_at_3000_pages_the_blog_shows_each_terms_true_count_on_every_page_of_its_list(
    large: tuple[Built, dict[str, tuple[str, ...]]],
) -> None:
    built, terms = large
    posts = Counter(t for path, carried in terms.items() if path.startswith("posts/") for t in carried)
    want = {slug.capitalize(): (slug, count) for slug, count in posts.items()}
    first = built.content("posts/")
    last_number = int(re.findall(r"Page 1 of (\d+)\.", first)[0])
    assert last_number > 10  # the list has many pages: the counts are not this page's
    for url in ("posts/", "posts/page/2/", f"posts/page/{last_number}/"):
        shown = _narrowing(built.content(url))
        assert {title: count for title, (_, count) in shown.items()} == {
            title: count for title, (_, count) in want.items()
        }, url
        for title, (href, _) in shown.items():
            assert f"barriers/{want[title][0]}/" in href and href.endswith("#posts")


def test_at_3000_pages_a_term_page_shows_true_counts(
    large: tuple[Built, dict[str, tuple[str, ...]]],
) -> None:
    built, terms = large
    for term in TERMS:
        carriers = [carried for carried in terms.values() if term in carried]
        html = built.content(f"barriers/{term}/")
        assert f"{len(carriers)} pages about {term}." in html
        both = Counter(other for carried in carriers for other in carried if other != term)
        shown = _narrowing(html)
        assert {title.lower(): count for title, (_, count) in shown.items()} == dict(both), term
        posts = sum(1 for path, carried in terms.items() if path.startswith("posts/") and term in carried)
        assert f">Blog posts ({posts})</a>" in html
