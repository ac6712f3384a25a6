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

from conftest import HANG, REPO

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


# HTML_CodeSniffer, the engine pa11y runs (npm ``html_codesniffer``, pinned in package.json and
# package-lock.json): run in the page as pa11y runs it, with pa11y's defaults, the WCAG 2 AA
# standard and errors only.
HTMLCS = REPO / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
HTMLCS_STANDARD = "WCAG2AA"
HTMLCS_ERROR = 1
HTMLCS_RUN = """standard => new Promise((resolve, reject) => {
  window.HTMLCS.process(standard, window.document, error => {
    if (error) { reject(error); return; }
    resolve(window.HTMLCS.getMessages().map(message => ({
      type: message.type,
      code: message.code,
      message: message.msg,
      element: message.element && message.element.outerHTML !== undefined
        ? message.element.outerHTML.slice(0, 160) : String(message.element),
    })));
  });
})"""

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


def htmlcs_problems(page: Page) -> list[str]:
    """What HTML_CodeSniffer (pa11y's engine) finds on the loaded ``page``: every error of the
    WCAG 2 AA standard, as pa11y reports them by default, as ``pa11y code: message; element``."""
    if not HTMLCS.is_file():
        pytest.fail(
            f"{HTMLCS.relative_to(REPO)} is missing: install the test tools with "
            "`npm ci --ignore-scripts` (`make test` does this).",
            pytrace=False,
        )
    page.add_script_tag(path=HTMLCS)
    messages = page.evaluate(HTMLCS_RUN, HTMLCS_STANDARD)
    return [
        f"pa11y {message['code']}: {message['message']}; {message['element']}"
        for message in messages
        if message["type"] == HTMLCS_ERROR
    ]


def axe_every_page(browser: Browser, base_url: str, site: Path) -> tuple[int, list[str]]:
    """axe-core and HTML_CodeSniffer (pa11y's engine) over every HTML file of ``site`` (served at
    ``base_url``; 404.html where a reader meets it, at a missing address), in a desktop-sized
    window with JavaScript on: how many pages they checked, and ``/url: problem`` lines."""
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
            found = axe_problems(page) + htmlcs_problems(page)
            problems.extend(f"/{url}: {problem}" for problem in found)
    finally:
        context.close()
    return len(urls), problems


def report(checked: int, problems: list[str]) -> str:
    """An assertion message: how many problems on how many of the pages checked, then each."""
    pages = len({line.split(": ", 1)[0] for line in problems})
    return f"{len(problems)} problem(s) on {pages} of {checked} pages:\n" + "\n".join(problems)
