"""What a reader downloads, as Chromium counts it (every request's bytes on the wire, headers
included: DevTools' "transferred"): a first view of the home page, a post and a term page, each
in a fresh browser, and one search (a term's name typed into the header's field, results shown).
Counted from Playwright's requests, which include those of a page's workers (DevTools' own
count, the CDP ``Network`` events of the page, misses them).

Served as GitHub Pages serves the site (tests/browser.py), with the system's Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from playwright.sync_api import Request

from browser import chromium, new_context, serve  # the tests' server and browser

Json = dict[str, Any]
SEARCH_FIELD = "#cp-search-query"
RESULT = ".cp-search__results li a"


class _Counter:
    """Bytes of every finished request, the page's and its workers' (Pagefind searches in
    one), as Chromium counts them: the response's headers and its body as sent."""

    def __init__(self) -> None:
        self.bytes = 0

    def add(self, request: Request) -> None:
        sizes = request.sizes()
        self.bytes += sizes["responseHeadersSize"] + sizes["responseBodySize"]


def _first_post(site: Path) -> str:
    """The first post's address, in file order (the corpus's posts are under posts/<slug>/)."""
    skip = {"page", "archive"}
    for html in sorted((site / "posts").glob("*/index.html")):
        if html.parent.name not in skip:
            return f"posts/{html.parent.name}/"
    raise FileNotFoundError(f"{site} has no post")


def measure_downloads(site: Path, path: str, term: str) -> Json:
    """Bytes of each first view and of one search for ``term`` (a term's slug) at ``site``,
    served under ``path``."""
    pages = {"home": "", "post": _first_post(site), "term": f"barriers/{term}/"}
    found: Json = {}
    with serve(site, path) as base, chromium() as browser:
        for name, url in pages.items():
            context = new_context(browser)
            page = context.new_page()
            counted = _Counter()
            page.on("requestfinished", counted.add)
            page.goto(base + url, wait_until="networkidle")
            found[f"{name}_bytes"] = counted.bytes
            if name == "home":  # then a search, from that page
                before = counted.bytes
                page.focus(SEARCH_FIELD)
                page.fill(SEARCH_FIELD, term)
                page.wait_for_selector(RESULT)
                page.wait_for_load_state("networkidle")
                found["search_bytes"] = counted.bytes - before
            context.close()
    return found
