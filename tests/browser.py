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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` served over HTTP on a free local port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system's Chromium, headless."""
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for a test module (import this fixture where it is used)."""
    with chromium() as launched:
        yield launched


def served(site: Path) -> Any:
    """A module's fixture serving ``site`` over HTTP: yields its base URL."""
    with serve(site) as url:
        yield url


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
    """axe-core over every HTML file of ``site`` (served at ``base_url``), in a desktop-sized
    window with JavaScript on: how many pages it checked, and ``/url: problem`` lines."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems = []
    try:
        page = context.new_page()
        urls = html_pages(site)
        for url in urls:
            response = page.goto(base_url + url, wait_until="load")
            if response is None or not response.ok:
                problems.append(f"/{url}: did not load ({response.status if response else 'no response'})")
                continue
            problems.extend(f"/{url}: {problem}" for problem in axe_problems(page))
    finally:
        context.close()
    return len(urls), problems


def report(checked: int, problems: list[str]) -> str:
    """An assertion message: how many problems on how many of the pages checked, then each."""
    pages = len({line.split(": ", 1)[0] for line in problems})
    return f"{len(problems)} problem(s) on {pages} of {checked} pages:\n" + "\n".join(problems)
