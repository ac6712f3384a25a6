"""What a reader sees: the real site, served on localhost and driven in headless Chromium.

Chromium comes from the system (Debian's ``chromium`` package; ``.ci/run`` and
``make test`` install it). If it cannot be found, these tests fail: they never skip.
Every HTML file the build writes is checked, served under site_url's path as GitHub Pages
serves it (404.html at a missing address). The pages each test picks, and the words it looks
for, are read from the content, ``mkdocs.yml`` and the theme's language: a fork with other
content, another language or another address keeps them meaningful.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request, Route

import site_content
from browser import (
    address,
    axe_every_page,
    html_pages,
    keyboard_every_page,
    new_context,
    open_page,
    reading_problems,
    report,
    served,
)
from conftest import REPO, Built

SCREENSHOTS = REPO / "tests" / "screenshots"
WIDTHS = (360, 1280)


# What the content holds, read from mkdocs.yml and the front matter.


def _content() -> list[Path]:
    """Every published Markdown file of the site's content folders."""
    return [md for md in site_content.markdown_files() if site_content.published(md)]


def _taxonomy() -> tuple[str, dict[str, Any]]:
    """The first taxonomy: its key and settings."""
    key, taxonomy = next(iter(site_content.taxonomies().items()))
    return key, taxonomy


def _first_page(folder: Path) -> Path | None:
    """The folder's first published page other than its index."""
    return next(
        (md for md in sorted(folder.rglob("*.md")) if md.name != "index.md" and site_content.published(md)),
        None,
    )


def _page_kinds(site: Path) -> dict[str, str]:
    """One page of every kind the site has, by name: its URL."""
    key, taxonomy = _taxonomy()
    order = list(taxonomy["terms"])
    _, _, newest, newest_meta = site_content.posts()[0]
    kinds = {"home": ""}
    docs = REPO / site_content.config().get("docs_dir", "docs")
    for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
        first = _first_page(folder)
        if first:
            kinds[f"{folder.name}-page"] = site_content.url(first)
    for folder, (prefix, kind) in site_content.folders().items():
        first = _first_page(folder) if prefix else None
        if first:
            kinds[f"{prefix.rstrip('/')}-{kind}"] = site_content.url(first)
    kinds |= {
        "post": site_content.url(newest),
        "overview": f"{key}/",
        "term": f"{key}/{order[0]}/",
    }
    for md in _content():
        terms = sorted(set(site_content.front_matter(md).get(key) or ()) & set(order), key=order.index)
        if len(terms) >= 2:
            kinds["combination"] = f"{key}/{'+'.join(terms[:2])}/"
            break
    for section in site_content.dated_sections():  # the blog, and any other
        posts = site_content.posts(section)
        name = section.rstrip("/")
        kinds[f"{name}-listing"] = section
        if posts:
            kinds[f"{name}-archive"] = f"{section}archive/"
            kinds[f"{name}-year-archive"] = f"{section}archive/{posts[0][0].year}/"
    kinds |= {
        "authors": "authors/",
        "author": f"authors/{newest_meta['authors'][0]}/",
    }
    for link in site_content.options().get("footer_links") or []:  # the accessibility statement
        if link.get("page"):
            target = docs / str(link["page"]).lstrip("/")
            kinds[f"footer-{target.stem}"] = site_content.url(target)
    for md in _content():
        target = site_content.front_matter(md).get("easy_read")
        if target:
            kinds["easy-read-version"] = site_content.url(docs / str(target).lstrip("/"))
            break
    kinds["404"] = "404.html"
    built = set(html_pages(site))
    missing = {name: url for name, url in kinds.items() if url not in built}
    assert not missing, f"pages chosen from the content were not built: {missing}"
    return kinds


# One served site and one browser for the whole module.


@pytest.fixture(scope="module")
def site_url(real: Built) -> Iterator[str]:
    """The built site, served over HTTP on a free local port under site_url's path."""
    yield from served(real.site, site_content.path())


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_axe_and_pa11y_find_no_problems_on_any_page(browser: Browser, site_url: str, real: Built) -> None:
    """WCAG 2.0, 2.1 and 2.2 A and AA, and serious or critical best practices (axe), and pa11y's
    WCAG 2 AA errors (HTML_CodeSniffer), on every page; every heading is named by its own
    words and no two landmarks of a kind share a name."""
    checked, problems = axe_every_page(browser, site_url, real.site)
    assert not problems, report(checked, problems)


def _local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in ("127.0.0.1", "localhost")


def test_no_page_asks_another_host(browser: Browser, site_url: str, real: Built) -> None:
    """Every page, loaded with JavaScript on until the network is idle, asks only this site:
    no fonts, scripts, pictures or counters from elsewhere. Requests elsewhere are recorded,
    then refused, so that a closed network does not slow the test down."""
    foreign: dict[str, list[str]] = {}
    context = new_context(browser, viewport={"width": 1280, "height": 900})

    def refuse(route: Route) -> None:
        route.abort()

    context.route(lambda url: not _local(url), refuse)
    urls = html_pages(real.site)
    try:
        for start in range(0, len(urls), 12):  # pages at once: each waits for 500 ms of quiet
            opened = []
            for url in urls[start : start + 12]:
                tab = context.new_page()

                def record(request: Request, url: str = url) -> None:
                    if not _local(request.url):
                        foreign.setdefault(f"/{url}", []).append(request.url)

                tab.on("request", record)
                tab.goto(site_url + address(url)[0], wait_until="commit")
                opened.append(tab)
            for tab in opened:
                tab.wait_for_load_state("load")
                tab.wait_for_load_state("networkidle")
                tab.close()
    finally:
        context.close()
    lines = [f"{url}: {', '.join(sorted(set(asked)))}" for url, asked in sorted(foreign.items())]
    assert not foreign, f"{len(foreign)} of {len(urls)} pages ask other hosts:\n" + "\n".join(lines)


def test_a_reader_without_javascript_clicks_from_home_through_a_term_to_a_post(
    browser: Browser, site_url: str
) -> None:
    """Links, term lists and chips are plain HTML: a reader without JavaScript can follow them."""
    key, taxonomy = _taxonomy()
    tabs = [entry for entry in site_content.config()["nav"] if isinstance(entry, dict)]
    tab = next(
        (title for entry in tabs for title, target in entry.items() if target == f"{key}/index.md"), None
    )
    assert tab, f"mkdocs.yml's nav has no tab for {key}/index.md"
    tagged = [p for p in site_content.posts() if set(p[3].get(key) or ()) & set(taxonomy["terms"])]
    assert tagged, f"no published post has a term of {key}, so there is no way from a term to a post"
    _, _, post, meta = tagged[0]
    term = next(t for t in taxonomy["terms"] if t in (meta.get(key) or ()))
    term_title = taxonomy["terms"][term]["title"]
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.get_by_role("link", name=tab, exact=True).first.click()
        assert page.get_by_role("heading", level=1).inner_text().strip() == taxonomy["title"]
        page.get_by_role("link", name=term_title, exact=True).first.click()
        assert page.url.endswith(f"/{key}/{term}/")
        # The term's list is paginated: its "Blog posts (n)" link leads to where they start.
        kind = meta.get("kind", site_content.folders()[site_content.folder_of(post)][1])
        plural = re.escape(site_content.kind_plural(str(kind)))
        page.get_by_role("link", name=re.compile(rf"^{plural} \(\d+\)$")).first.click()
        page.get_by_role("link", name=str(meta["title"]), exact=True).first.click()
        assert page.url.endswith("/" + site_content.url(post))
        about = page.locator("aside.cp-page-footer")
        assert about.is_visible()
        assert about.get_by_role("link", name=term_title, exact=True).is_visible()
    finally:
        context.close()


def test_every_page_shows_its_heading_and_text_without_javascript(
    browser: Browser, site_url: str, real: Built
) -> None:
    context = new_context(browser, java_script_enabled=False)
    problems = []
    urls = html_pages(real.site)
    try:
        page = context.new_page()
        for url in urls:
            problem = open_page(page, site_url, url)
            if problem:
                problems.append(problem)
                continue
            heading = page.get_by_role("heading", level=1).first
            if not heading.count() or not heading.is_visible():
                problems.append(f"/{url}: shows no heading without JavaScript")
            elif not heading.inner_text().strip():
                problems.append(f"/{url}: has an empty heading")
            if not page.locator("article").first.is_visible():
                problems.append(f"/{url}: shows no article without JavaScript")
    finally:
        context.close()
    assert not problems, report(len(urls), problems)


def test_pages_fit_a_phone_read_their_tables_and_do_not_move_after_load(
    browser: Browser, site_url: str, real: Built
) -> None:
    """Every page fits a 360 px phone screen (WCAG 1.4.10 Reflow); no table cell breaks a word
    or a number, a wide table scrolls in its own named, focusable region; and no page moves
    once loaded (cumulative layout shift 0), on a phone or a desktop."""
    checked, problems = reading_problems(browser, site_url, real.site)
    assert not problems, report(checked, problems)


# Navigation around the text, on the blog listing: the theme's header, tabs, sidebars, search
# and footer, and the plugin's feed link (hidden by the same print rule as the pager).
PRINT_HIDDEN = [".md-header", ".md-tabs", ".md-sidebar", ".cp-search", ".md-footer", ".cp-feed"]


def test_print_shows_the_text_without_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + site_content.blog())
    for selector in PRINT_HIDDEN:
        found = page.locator(selector)
        shown = [found.nth(i).is_visible() for i in range(found.count())]
        assert any(shown), f"no {selector} is shown on the blog page, so its print style is untested"
    page.emulate_media(media="print")
    assert page.locator("article").first.is_visible()
    for selector in PRINT_HIDDEN:
        found = page.locator(selector)
        hidden = [not found.nth(i).is_visible() for i in range(found.count())]
        assert all(hidden), f"{selector} is still shown in print: {hidden}"
    summaries = page.locator(".cp-summary")
    assert summaries.count() > 0
    assert all(summaries.nth(i).is_visible() for i in range(summaries.count()))


TABLE = re.compile(r"^\|.*\|[ \t]*\n\|?[ \t]*:?-{3,}", re.MULTILINE)
# A line of plain text that is a sentence, in any alphabet: a capital letter, then at least 20
# letters, digits, spaces or punctuation that Markdown leaves as they are, then a full stop.
PLAIN_SENTENCE = re.compile(r"^(?=[^\W\d_])(?:[^\W_]|[ ,;:()'\u2019-]){20,}\.$")
WORDS_PER_PAGE = 300


def _sentence(body: str) -> str | None:
    return next((line.strip() for line in body.splitlines() if PLAIN_SENTENCE.match(line.strip())), None)


def _page_to_print() -> tuple[Path, dict[str, Any], str]:
    """The page to print, with its front matter and a plain sentence of it: a published page,
    not an index, with a table (tools and checklists are printed to fill in) if one has, of
    a kind that is not dated if one is, in a source folder if one is; then in file order."""
    dated = site_content.dated_kinds()
    candidates = []
    for md in site_content.markdown_files():
        meta, body = site_content.split(md)
        sentence = _sentence(body)
        if md.name == "index.md" or not site_content.published(md) or not sentence:
            continue
        prefix, kind = site_content.folders()[site_content.folder_of(md)]
        rank = (not TABLE.search(body), meta.get("kind", kind) in dated, not prefix)
        candidates.append((rank, md, meta, sentence))
    assert candidates, "no published page has a plain sentence to look for in print"
    _, md, meta, sentence = min(candidates, key=lambda c: c[0])
    return md, meta, sentence


def _words(text: str) -> str:
    return " ".join(text.split())


def _has(text: str, words: str) -> bool:
    return re.search(rf"\b{re.escape(words)}\b", text) is not None


def test_a_printed_page_is_its_text_alone(page: Page, site_url: str, tmp_path: Path) -> None:
    """A page (a tool, with a table) printed to PDF holds its title and text, no navigation,
    and no blank pages."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: install poppler-utils (.ci/run does) to read the printed PDF"
    md, meta, sentence = _page_to_print()
    page.goto(site_url + site_content.url(md))
    search = page.locator("input[placeholder]")
    placeholder = (search.first.get_attribute("placeholder") or "") if search.count() else ""
    footer_links = page.locator(".md-copyright a").all_inner_texts()
    page.emulate_media(media="print")
    article = _words(page.locator("article").first.inner_text())
    nav = [title for entry in site_content.config()["nav"] if isinstance(entry, dict) for title in entry]
    navigation = [text.strip() for text in [*nav, placeholder, *footer_links] if text.strip()]
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = _words(text)
    assert _words(str(meta["title"])) in printed, f"the title is not in the printed {site_content.url(md)}"
    assert _words(sentence) in printed, f"{sentence!r} is not in the printed {site_content.url(md)}"
    shown = [words for words in navigation if _has(printed, words) and not _has(article, words)]
    assert not shown, f"the printed /{site_content.url(md)} shows navigation: {shown}"
    pages, needed = text.count("\f"), math.ceil(len(printed.split()) / WORDS_PER_PAGE) + 1
    assert pages <= needed, (
        f"/{site_content.url(md)} prints on {pages} pages; {len(printed.split())} words need {needed}"
    )


def test_the_first_tab_reaches_a_visible_skip_link(page: Page, site_url: str) -> None:
    """In the site's language: the theme's own word for it (Material's ``action.skip``)."""
    page.goto(site_url + site_content.url(site_content.posts()[0][2]))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.hash]")
    assert focused[0] == site_content.theme_word("action.skip")
    assert page.locator(":focus").is_visible()
    target = focused[1]
    assert target.startswith("#") and len(target) > 1, f"the skip link points nowhere: {target!r}"
    assert page.locator(target).count() == 1, f"the skip link's target {target} is not on the page"
    page.keyboard.press("Enter")
    assert page.url.endswith(target)


def test_the_keyboard_reaches_every_control_and_shows_its_focus(
    browser: Browser, site_url: str, real: Built
) -> None:
    """On every page, on a phone or a desktop by turns, Tab from the top to the end reaches
    every control shown (the menu and the narrowing links among them), and each shows a focus
    ring (screenshots focused and not differ at 3:1 over a 2 px perimeter's area)."""
    checked, problems = keyboard_every_page(browser, site_url, real.site)
    assert not problems, report(checked, problems)


def test_the_phone_menu_is_a_button_in_the_tab_order(browser: Browser, site_url: str) -> None:
    """At 360 px the menu is a button that Tab reaches; Enter opens the navigation and the
    button says so (aria-expanded)."""
    context = new_context(browser, viewport={"width": 360, "height": 900}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + site_content.url(site_content.posts()[0][2]), wait_until="load")
        menu = page.locator("header button[aria-expanded]")
        assert menu.count() == 1 and menu.is_visible(), "the header has no menu button on a phone"
        for _ in range(10):
            page.keyboard.press("Tab")
            if menu.evaluate("button => button === document.activeElement"):
                break
        else:
            pytest.fail("ten Tabs from the top never reach the menu button")
        navigation = page.locator("nav.md-nav--primary")
        assert menu.get_attribute("aria-expanded") == "false"
        assert not navigation.evaluate(_IN_WINDOW), "the navigation shows before the menu is opened"
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        page.wait_for_function(f"() => ({_IN_WINDOW})(document.querySelector('nav.md-nav--primary'))")
        page.keyboard.press("Enter")  # the button still has the focus: it closes the menu
        assert menu.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


# Whether an element is shown inside the window (the drawer slides in from off-screen).
_IN_WINDOW = (
    "element => { const box = element.getBoundingClientRect(); "
    "return box.right > 0 && box.left < innerWidth; }"
)


def test_screenshots_of_every_kind_of_page(browser: Browser, site_url: str, real: Built) -> None:
    """Full-page screenshots of one page of each kind, on a phone and on a desktop, for people
    to look at: ``tests/screenshots/<kind>-<width>.png`` (git-ignored)."""
    kinds = _page_kinds(real.site)
    SCREENSHOTS.mkdir(exist_ok=True)
    problems = []
    for width in WIDTHS:
        phone = width < 600
        viewport = {"width": width, "height": 900}
        context = new_context(browser, viewport=viewport, is_mobile=phone, has_touch=phone)
        try:
            page = context.new_page()
            for name, url in kinds.items():
                shot = SCREENSHOTS / f"{name}-{width}.png"
                shot.unlink(missing_ok=True)
                page.goto(site_url + address(url)[0], wait_until="load")
                page.screenshot(path=str(shot), full_page=True)
                size = shot.stat().st_size if shot.is_file() else 0
                if size <= 10_000:
                    problems.append(f"{shot.name} (/{url}): {size} bytes")
        finally:
            context.close()
    assert not problems, "screenshots missing or nearly empty:\n" + "\n".join(problems)
