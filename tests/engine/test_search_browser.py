"""The header's search on the generated fixture site (test_reader_fixture_browser's), in the
repository's theme, served under site_url's path: Pagefind's index loads only when a
reader starts a search, a term's page comes first for its term, the filters narrow the
results, Tab and Enter reach them, and no page fetches a sitemap. And in Welsh.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from test_reader_fixture_browser import FILES, KINDS, _config

import site_content
from browser import chromium, new_context, serve, site_path
from conftest import BASE_CONFIG, REPO, build_site, write_site

SEARCHED = ("pagefind", "search_index", "workers/search")


def _build(root: Path, **config: Any) -> Path:
    docs = REPO / str(site_content.config().get("docs_dir", "docs"))
    assets = {
        f"docs/{file.relative_to(docs).as_posix()}": file.read_bytes()
        for file in docs.rglob("*")
        if file.is_file() and file.suffix != ".md"
    }
    shutil.copytree(REPO / "overrides", root / "overrides")
    write_site(root, {**assets, **FILES}, {**_config(), **config})
    return build_site(root).site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Browser, str, Path]]:
    built = _build(tmp_path_factory.mktemp("search"))
    with serve(built, site_path(str(BASE_CONFIG["site_url"]))) as url, chromium() as browser:
        yield browser, url, built


def _requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def _search(page: Page, query: str) -> list[str]:
    """Type ``query``; the addresses of the results, once they show (the last query's go first)."""
    page.evaluate("document.querySelector('.cp-search__results').textContent = ''")
    page.fill("#cp-search-query", query)
    page.wait_for_selector(".cp-search__results li a")
    return [link.get_attribute("href") or "" for link in page.query_selector_all(".cp-search__results li a")]


TOTAL = "parseInt(document.querySelector('.cp-search__status').textContent.replace(/\\D/g, ''), 10)"
"""How many pages match, from the results' status line ("12 matches")."""


def _total(page: Page) -> int:
    return int(page.evaluate(TOTAL))


def _filters(built: Path, url: str, base: str) -> set[tuple[str, str]]:
    """The (filter, value) pairs a result's page is filed under, read from its HTML."""
    path = url.removeprefix(re.sub(r"^https?://[^/]+", "", base)) if base else url
    html = (built / path / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'data-pagefind-filter="([^"\[]+)\[content\]" content="([^"]*)"', html))


def test_nothing_of_search_loads_before_the_reader_focuses_the_field(site: tuple[Browser, str, Path]) -> None:
    browser, url, _ = site
    context = new_context(browser)
    page = context.new_page()
    seen = _requests(page)
    for kind in KINDS:
        page.goto(url + kind, wait_until="networkidle")
    assert not [u for u in seen if any(word in u for word in SEARCHED)], "search loaded before it was used"
    assert not [u for u in seen if "sitemap.xml" in u], "a page fetched sitemap.xml"
    page.focus("#cp-search-query")
    page.wait_for_load_state("networkidle")
    assert [u for u in seen if u.endswith("/pagefind/pagefind.js")], seen[-5:]
    assert not [u for u in seen if "search_index" in u or "workers/search" in u], "Material's search loaded"
    context.close()


def test_a_term_page_comes_first_for_its_own_term(site: tuple[Browser, str, Path]) -> None:
    browser, url, _ = site
    context = new_context(browser)
    page = context.new_page()
    page.goto(url + "posts/first/")
    for slug, title in (("power", "Power"), ("leadership", "Leadership"), ("capacity", "Capacity")):
        results = _search(page, title.lower())
        assert results[0] == site_path(str(BASE_CONFIG["site_url"])) + f"barriers/{slug}/", results
    context.close()


def test_the_filters_narrow_the_results_by_barrier_and_by_kind(site: tuple[Browser, str, Path]) -> None:
    browser, url, built = site
    context = new_context(browser)
    page = context.new_page()
    page.goto(url)
    _search(page, "the")
    everything = _total(page)
    post_kind = dict(_filters(built, "posts/first/", ""))["kind"]  # as the site's kinds name it
    for name, value in (("barriers", "Capacity"), ("kind", post_kind)):
        box = page.locator(f'.cp-search__filter input[name="{name}"][value="{value}"]')
        box.check()
        page.wait_for_function(f"() => {TOTAL} < {everything}")
        narrowed = [
            a.get_attribute("href") or "" for a in page.query_selector_all(".cp-search__results li a")
        ]
        assert narrowed, (name, value)
        assert all((name, value) in _filters(built, result, url) for result in narrowed), narrowed
        box.uncheck()
        page.wait_for_function(f"() => {TOTAL} === {everything}")
    context.close()


def test_tab_and_enter_reach_a_result(site: tuple[Browser, str, Path]) -> None:
    browser, url, _ = site
    context = new_context(browser, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(url + "guide/")
    page.keyboard.press("Tab")  # the skip link
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "cp-search-query":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cp-search-query", (
        "Tab never reached the search field"
    )
    page.keyboard.type("checklist")
    page.keyboard.press("Enter")
    page.wait_for_selector(".cp-search__results li a")
    results = [a.get_attribute("href") for a in page.query_selector_all(".cp-search__results li a")]
    target = results[0]
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.cp-search__results') !== null"):
            break
    reached = [page.evaluate("document.activeElement.getAttribute('href')")]
    for _ in results[1:]:  # every result in turn, then on out of the list
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert reached == results
    for _ in results[1:]:
        page.keyboard.press("Shift+Tab")
    # The page stays in view at 360 px: the results cover part of it, not all.
    box = page.locator(".cp-search__panel").bounding_box()
    assert box is not None and box["height"] < 740 * 0.8
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    context.close()


def test_without_javascript_the_form_leads_to_the_term_pages(site: tuple[Browser, str, Path]) -> None:
    browser, url, _ = site
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "posts/first/")
    # A labelled field and a real submit button, there without a script.
    assert page.locator('label[for="cp-search-query"]').count() == 1
    assert page.get_attribute(".cp-search__submit", "type") == "submit"
    page.fill("#cp-search-query", "power")
    page.click(".cp-search__submit")
    page.wait_for_load_state()
    assert page.url.split("?")[0] == url + "barriers/"
    links = page.eval_on_selector_all("main a", "links => links.map(a => a.href)")
    assert url + "barriers/power/" in links, links
    context.close()


def test_search_in_welsh_under_a_sub_path(site: tuple[Browser, str, Path], tmp_path: Path) -> None:
    """Pagefind has no Welsh stemmer: it indexes and finds the words as they are."""
    browser = site[0]
    built = _build(tmp_path, theme={"language": "cy"}, site_url="https://example.org/pecyn/")
    assert '<html lang="cy"' in (built / "index.html").read_text(encoding="utf-8")
    with serve(built, "/pecyn/") as url:
        context = new_context(browser)
        page = context.new_page()
        page.goto(url + "guide/")
        results = _search(page, "power")
        assert results[0] == "/pecyn/barriers/power/", results
        assert page.locator(".cp-search__results li").count() > 1
        assert "Canlyniadau" in (page.text_content(".cp-search__status") or ""), "the status is not in Welsh"
        context.close()
