"""Headless Chromium for the browser tests: the system's Chromium, never a downloaded one,
a built site served on a free local port, and axe-core run over every page of it.

Chromium comes from the system (Debian's ``chromium`` package; ``.ci/run`` and ``make test``
install it). If it cannot be found, the tests fail: they never skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import HANG

# The flags this machine's Chromium needs: no sandbox as root, and no calls to
# Google's servers, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# WCAG 2.0, 2.1 and 2.2, levels A and AA: every rule of these counts. axe-core's best
# practices count too, but only the serious and critical ones.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BEST_PRACTICE_IMPACTS = ("serious", "critical")
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": [*WCAG_22_AA, "best-practice"]},
    "resultTypes": ["violations"],
}


# How long a page may take to load, a click to land, a PDF to print: conftest's wait for an
# event (Playwright's own 30 s is a bound on speed that a busy machine can exceed).
HANG_MS = HANG * 1000

# The site's page for a missing address, and an address that is missing: GitHub Pages answers
# any missing address under the site with 404.html (status 404), at whatever depth.
NOT_FOUND_PAGE = "404.html"
MISSING = "no-such-page/at/this-address/"


def chromium_path() -> str:
    """The system's Chromium: ``$CHROMIUM``, or ``chromium`` on the PATH."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not os.access(found, os.X_OK):
        pytest.fail(
            "Chromium was not found, so the browser tests cannot run. Install it "
            "(Debian: apt-get install chromium; `make test` does this when it can) "
            "or set CHROMIUM to its path.",
            pytrace=False,
        )
    return found


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A built site as GitHub Pages serves it: under ``prefix`` (site_url's path), where a
    missing page is answered with the site's ``404.html`` and status 404; outside it, and
    for a folder without an index, a bare 404."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _inside(self) -> bool:
        return urllib.parse.urlsplit(self.path).path.startswith(self.prefix)

    def send_head(self) -> Any:
        path = urllib.parse.urlsplit(self.path).path
        if path == self.prefix.rstrip("/") and path:  # /repo -> /repo/, as GitHub Pages does
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not self._inside():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not self._inside() or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def site_path(site_url: str | None) -> str:
    """Where a site is published on its host: site_url's path (``/repo/``), ``/`` without one."""
    path = urllib.parse.urlsplit(site_url or "").path
    return path if path.endswith("/") else path + "/"


@contextmanager
def serve(directory: Path, path: str = "/") -> Iterator[str]:
    """``directory`` served over HTTP on a free local port under ``path`` (the site_url's path),
    as GitHub Pages serves it; yields its base URL (``http://127.0.0.1:port/repo/``)."""
    prefix = path if path.endswith("/") else path + "/"
    handler_class = type("Handler", (_PagesHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system's Chromium, headless."""
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, timeout=HANG_MS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for a test module (import this fixture where it is used)."""
    with chromium() as launched:
        yield launched


def served(site: Path, path: str = "/") -> Any:
    """A module's fixture serving ``site`` over HTTP under ``path``: yields its base URL."""
    with serve(site, path) as url:
        yield url


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A browser context whose waits fail only when something hangs (``HANG_MS``)."""
    context = browser.new_context(**options)
    context.set_default_timeout(HANG_MS)
    context.set_default_navigation_timeout(HANG_MS)
    return context


def address(url: str) -> tuple[str, int]:
    """Where a reader meets the page ``url`` (from ``html_pages``) and the status it comes with:
    404.html at a missing address, as GitHub Pages serves it."""
    return (MISSING, HTTPStatus.NOT_FOUND) if url == NOT_FOUND_PAGE else (url, HTTPStatus.OK)


def open_page(page: Page, base_url: str, url: str, **goto: Any) -> str | None:
    """Open ``url`` as a reader meets it; a problem line if it did not come as it should."""
    where, status = address(url)
    response = page.goto(base_url + where, **goto)
    got = response.status if response is not None else None
    return None if got == status else f"/{url}: did not load (status {got} at /{where}, not {status})"


def html_pages(site: Path) -> list[str]:
    """Every HTML file of a built site, as the URL a reader opens it by (``posts/``, ``404.html``)."""
    urls = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        urls.append(rel.removesuffix("index.html") if html.name == "index.html" else rel)
    assert urls, f"{site} has no HTML file"
    return urls


def axe_problems(page: Page) -> list[str]:
    """What axe-core finds on the loaded ``page``: every WCAG 2.2 A or AA violation and every
    serious or critical best-practice one, as ``rule (impact): help; N elements: targets``."""
    results = Axe().run(page, options=AXE_OPTIONS)
    problems = []
    for violation in results.response["violations"]:
        wcag = any(tag in WCAG_22_AA for tag in violation["tags"])
        if not wcag and violation.get("impact") not in BEST_PRACTICE_IMPACTS:
            continue
        nodes = violation["nodes"]
        targets = " | ".join(" ".join(map(str, node["target"])) for node in nodes[:3])
        more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
        problems.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']}; "
            f"{len(nodes)} element(s): {targets}{more}"
        )
    return problems


def axe_every_page(browser: Browser, base_url: str, site: Path) -> tuple[int, list[str]]:
    """axe-core over every HTML file of ``site`` (served at ``base_url``; 404.html where a reader
    meets it, at a missing address), in a desktop-sized window with JavaScript on: how many
    pages it checked, and ``/url: problem`` lines."""
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    problems = []
    try:
        page = context.new_page()
        urls = html_pages(site)
        for url in urls:
            problem = open_page(page, base_url, url, wait_until="load")
            if problem:
                problems.append(problem)
                continue
            problems.extend(f"/{url}: {problem}" for problem in axe_problems(page))
    finally:
        context.close()
    return len(urls), problems


def report(checked: int, problems: list[str]) -> str:
    """An assertion message: how many problems on how many of the pages checked, then each."""
    pages = len({line.split(": ", 1)[0] for line in problems})
    return f"{len(problems)} problem(s) on {pages} of {checked} pages:\n" + "\n".join(problems)


PHONE: dict[str, Any] = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}

# Every layout shift since the page began (a buffered observer also gets the earlier ones),
# gathered for half a second after load: what moves once the theme's script has run.
_LAYOUT_SHIFTS = """() => new Promise(resolve => {
  const shifts = [];
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      const moved = (entry.sources || [])
        .map(s => s.node ? s.node.nodeName + "." + (s.node.className || "") : "?");
      shifts.push(`${entry.value.toFixed(4)} (${moved.join(", ")})`);
    }
  });
  observer.observe({type: "layout-shift", buffered: true});
  setTimeout(() => { observer.disconnect(); resolve(shifts); }, 500);
})"""

# Each table of the article: in a region that is named and takes focus; and no word or number
# in a cell is broken over two lines (a word's range then has two boxes). Breaks at a space,
# hyphen, dash or slash are where lines may break.
_TABLE_PROBLEMS = """() => {
  const problems = [];
  for (const table of document.querySelectorAll("article table")) {
    const region = table.closest("[role=region]");
    const name = region ? (region.getAttribute("aria-label") || "").trim() : "";
    if (!region || !name) { problems.push("a table outside a named region"); continue; }
    region.focus();
    if (document.activeElement !== region || region.tabIndex !== 0) {
      problems.push(`region "${name}" takes no focus`);
    }
    const texts = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\-\\u2010-\\u2015\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const boxes = Array.from(range.getClientRects()).filter(box => box.width > 0);
        if (boxes.length > 1) {
          problems.push(`"${word[0]}" in region "${name}" is broken over ${boxes.length} lines`);
        }
      }
    }
  }
  return problems;
}"""


def reading_problems(browser: Browser, base_url: str, site: Path) -> tuple[int, list[str]]:
    """Every page of ``site`` as a reader meets it: at 360 px, no sideways scrolling and tables
    that read (``_TABLE_PROBLEMS``); at 360 px and at 1280 px, nothing moves after it loads
    (cumulative layout shift 0). How many pages, and ``/url: problem`` lines."""
    urls = html_pages(site)
    problems: list[str] = []
    for name, options in (("360px", PHONE), ("1280px", DESKTOP)):
        context = new_context(browser, **options)
        try:
            page = context.new_page()
            for url in urls:
                problem = open_page(page, base_url, url, wait_until="load")
                if problem:
                    problems.append(problem)
                    continue
                shifts = page.evaluate(_LAYOUT_SHIFTS)
                problems.extend(f"/{url}: at {name}, a layout shift of {shift}" for shift in shifts)
                if options is PHONE:
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    if overflow > 0:
                        problems.append(f"/{url}: {overflow}px wider than a 360px phone screen")
                    problems.extend(f"/{url}: {problem}" for problem in page.evaluate(_TABLE_PROBLEMS))
        finally:
            context.close()
    return len(urls), problems
