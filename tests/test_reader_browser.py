"""What a reader sees: the real site, served on localhost and driven in headless Chromium.

Chromium comes from the system (Debian's ``chromium`` package; ``.ci/run`` and
``make test`` install it). If it cannot be found, these tests fail: they never skip.
axe-core (through axe-playwright-python) checks each kind of page against WCAG 2.2 AA.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from browser import chromium, serve
from conftest import Built

# Every kind of page the site has, by URL.
PAGES = {
    "home": "",
    "principles": "principles/",
    "guidance": "guidance/paying-people/",
    "tool": "toolkit/power-mapping/",
    "blog": "posts/",
    "post": "posts/real-reasons-we-still-dont-co-produce/",
    "overview": "barriers/",
    "term": "barriers/power/",
    "archive": "posts/archive/2019/",
    "author": "authors/alex-fox/",
    "authors": "authors/",
    "accessibility": "accessibility/",
}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
@pytest.fixture(scope="module")
def site_url(real: Built) -> Iterator[str]:
    """The built site, served over HTTP on a free local port."""
    with serve(real.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_wcag_22_aa_problems(page: Page, site_url: str, name: str) -> None:
    page.goto(site_url + PAGES[name])
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.violations_count == 0, results.generate_report()


def test_a_reader_without_javascript_clicks_from_home_through_a_term_to_a_post(
    browser: Browser, site_url: str
) -> None:
    """Links, term lists and chips are plain HTML: a reader without JavaScript can follow them."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.get_by_role("link", name="Barriers", exact=True).first.click()
        assert page.get_by_role("heading", level=1).inner_text().strip() == "Barriers to co-production"
        page.get_by_role("link", name="Power", exact=True).first.click()
        assert page.url.endswith("/barriers/power/")
        page.get_by_role("link", name="The real reasons we still don't co-produce").first.click()
        assert page.url.endswith("/posts/real-reasons-we-still-dont-co-produce/")
        about = page.locator("aside.cp-page-footer")
        assert about.is_visible()
        assert about.get_by_role("link", name="Power", exact=True).is_visible()
    finally:
        context.close()


def test_every_page_kind_shows_its_heading_and_text_without_javascript(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for name, url in PAGES.items():
            response = page.goto(site_url + url)
            assert response is not None and response.ok, f"{name}: {url or '/'} did not load"
            heading = page.get_by_role("heading", level=1).first
            assert heading.is_visible(), f"{name}: {url or '/'} shows no heading without JavaScript"
            assert heading.inner_text().strip(), f"{name}: {url or '/'} has an empty heading"
            assert page.locator("article").first.is_visible(), f"{name}: {url or '/'} shows no article"
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "post", "term", "overview", "blog"])
def test_phone_width_needs_no_sideways_scrolling(browser: Browser, site_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[name])
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{PAGES[name] or '/'} is {overflow}px wider than a 360px phone screen"
    finally:
        context.close()


# Navigation around the text, on the blog listing: the theme's header, tabs, sidebars, search
# and footer, and the plugin's feed link (hidden by the same print rule as the pager).
PRINT_HIDDEN = [".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".cp-feed"]


def test_print_shows_the_text_without_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGES["blog"])
    for selector in PRINT_HIDDEN:
        found = page.locator(selector)
        assert found.count() > 0, f"{selector} is not on the blog page, so its print style is untested"
        assert found.first.is_visible(), f"{selector} is hidden on screen already"
    page.emulate_media(media="print")
    assert page.locator("article").first.is_visible()
    for selector in PRINT_HIDDEN:
        found = page.locator(selector)
        hidden = [not found.nth(i).is_visible() for i in range(found.count())]
        assert all(hidden), f"{selector} is still shown in print: {hidden}"
    summaries = page.locator(".cp-summary")
    assert summaries.count() > 0
    assert all(summaries.nth(i).is_visible() for i in range(summaries.count()))


def test_the_first_tab_reaches_a_visible_skip_link(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGES["post"])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.hash]")
    assert focused[0] == "Skip to content"
    assert page.locator(":focus").is_visible()
    target = focused[1]
    assert target.startswith("#") and len(target) > 1, f"the skip link points nowhere: {target!r}"
    assert page.locator(target).count() == 1, f"the skip link's target {target} is not on the page"
    page.keyboard.press("Enter")
    assert page.url.endswith(target)
