"""Headless Chromium for the browser tests: the system's Chromium, never a downloaded one,
a built site served on a free local port, and axe-core run over every page of it.

Chromium comes from the system (Debian's ``chromium`` package; ``.ci/run`` and ``make test``
install it). If it cannot be found, the tests fail: they never skip.
"""

from __future__ import annotations

import functools
import http.server
import math
import os
import shutil
import threading
import time
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
    window with JavaScript on, and the names Chromium gives its headings and landmarks
    (``accessibility_tree_problems``): how many pages they checked, and ``/url: problem`` lines."""
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
            found = axe_problems(page) + htmlcs_problems(page) + accessibility_tree_problems(page)
            problems.extend(f"/{url}: {problem}" for problem in found)
    finally:
        context.close()
    return len(urls), problems


def report(checked: int, problems: list[str]) -> str:
    """An assertion message: how many problems on how many of the pages checked, then each."""
    pages = len({line.split(": ", 1)[0] for line in problems})
    return f"{len(problems)} problem(s) on {pages} of {checked} pages:\n" + "\n".join(problems)


def accessibility_tree_problems(page: Page) -> list[str]:
    """Names a screen reader hears wrong on the loaded ``page``: a heading whose accessible name
    is not its own words (a permalink's "Link to this section" added to it), and two landmarks
    of one role with the same name ("On this page" twice), as Chromium computes them."""
    problems = []
    headings = page.locator("h1, h2, h3, h4, h5, h6")
    texts = headings.evaluate_all(HEADING_TEXTS)
    for index, text in enumerate(texts):
        if text is None:  # not shown
            continue
        named = headings.nth(index).and_(page.get_by_role("heading", name=text, exact=True))
        if named.count() != 1:
            problems.append(f"the heading {text!r} is not named by its own words")
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    landmarks: dict[tuple[str, str], int] = {}
    for node in nodes:
        role = node.get("role", {}).get("value")
        if node.get("ignored") or role not in LANDMARK_ROLES:
            continue
        key = (role, str(node.get("name", {}).get("value", "")))
        landmarks[key] = landmarks.get(key, 0) + 1
    problems.extend(
        f"{count} {role} landmarks are named {name!r}"
        for (role, name), count in landmarks.items()
        if count > 1
    )
    return problems


# The roles a screen reader lists as landmarks (Chromium's names for them).
LANDMARK_ROLES = {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"}
# Each heading's words as a reader sees them: its text without the permalink; None if hidden.
HEADING_TEXTS = """headings => headings.map(heading => {
  if (!heading.checkVisibility()) return null;
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach(link => link.remove());
  return copy.textContent.replace(/\\s+/g, " ").trim();
})"""


PHONE: dict[str, Any] = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}

# Every layout shift of the page, from its start: kept by an observer that the context starts
# in each page before the page's own scripts (``add_init_script``).
_RECORD_SHIFTS = """window.__cpShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = (entry.sources || [])
      .map(s => s.node ? s.node.nodeName + "." + (s.node.className || "") : "?");
    window.__cpShifts.push(`${entry.value.toFixed(4)} (${moved.join(", ")})`);
  }
}).observe({type: "layout-shift", buffered: true});"""
# How long after its load a page is watched for layout shifts: what moves once the theme's
# scripts have run. The pages are opened TABS at a time, each read once this has passed, so
# the waits overlap and no page is read sooner.
SETTLE_S = 0.5
TABS = 4

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


def _reading(page: Page, url: str, loaded: float, width: str) -> list[str]:
    """What ``reading_problems`` finds on one open page, once ``SETTLE_S`` has passed since it
    loaded (at ``loaded``, ``time.monotonic``)."""
    time.sleep(max(0.0, loaded + SETTLE_S - time.monotonic()))
    shifts = page.evaluate("window.__cpShifts")
    problems = [f"/{url}: at {width}, a layout shift of {shift}" for shift in shifts]
    if width == "360px":
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"/{url}: {overflow}px wider than a 360px phone screen")
        problems.extend(f"/{url}: {problem}" for problem in page.evaluate(_TABLE_PROBLEMS))
    return problems


def reading_problems(browser: Browser, base_url: str, site: Path) -> tuple[int, list[str]]:
    """Every page of ``site`` as a reader meets it: at 360 px, no sideways scrolling and tables
    that read (``_TABLE_PROBLEMS``); at 360 px and at 1280 px, nothing moves, from its start to
    ``SETTLE_S`` after it loads (cumulative layout shift 0). How many pages, and ``/url:
    problem`` lines."""
    urls = html_pages(site)
    problems: list[str] = []
    for width, options in (("360px", PHONE), ("1280px", DESKTOP)):
        context = new_context(browser, **options)
        context.add_init_script(_RECORD_SHIFTS)
        try:
            tabs = [context.new_page() for _ in range(TABS)]
            waiting: list[tuple[str, float] | None] = [None] * TABS  # each tab's page, and when it loaded
            for number, url in enumerate(urls):
                tab = number % TABS
                if (last := waiting[tab]) is not None:
                    problems.extend(_reading(tabs[tab], *last, width))
                    waiting[tab] = None
                problem = open_page(tabs[tab], base_url, url, wait_until="load")
                if problem:
                    problems.append(problem)
                else:
                    waiting[tab] = (url, time.monotonic())
            for tab, last in enumerate(waiting):
                if last is not None:
                    problems.extend(_reading(tabs[tab], *last, width))
        finally:
            context.close()
    return len(urls), problems


# Keyboard: every control a Tab reaches, and a visible focus on each.

# What a control is, for problem lines: its element, id, classes and words.
_DESCRIBE = """function describe(element) {
  const words = (element.getAttribute("aria-label") || element.textContent || element.value || "")
    .replace(/\\s+/g, " ").trim().slice(0, 40);
  const names = typeof element.className === "string" ? element.className.split(/\\s+/) : [];
  const kept = names.filter(name => name && name !== "focus-visible");  // Material's, on focus
  const classes = kept.length ? "." + kept.join(".") : "";
  return `<${element.localName}${element.id ? "#" + element.id : ""}${classes}> ${JSON.stringify(words)}`;
}"""
# Marks every control shown that a reader can Tab to; what each is, in document order; and
# how many stops Tab may make in all (those shown only once they have the focus, such as the
# headings' permalinks, too): how far a walk goes before it gives up.
MARK_TABBABLE = """() => {
  __DESCRIBE__
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, '
    + 'iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
  const found = [];
  let stops = 0;
  for (const element of document.querySelectorAll(selector)) {
    if (element.disabled || element.tabIndex < 0 || element.closest("[inert]")) continue;
    stops += 1;
    if (!element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    element.setAttribute("data-cp-tab", String(found.length));
    found.push(describe(element));
  }
  return {found, stops};
}""".replace("__DESCRIBE__", _DESCRIBE)
# Waits two frames (for the page's scripts to answer a focus or a blur: a script may open
# something), then ends the transitions and animations that started (those that end,
# as Playwright's screenshots do): the page as it is once they have run, without the wait
# (a link's colour fades for 125 ms when it takes the focus).
_SETTLE = """async function settle() {
  for (let frame = 0; frame < 2; frame += 1) await new Promise(done => requestAnimationFrame(done));
  for (const animation of document.getAnimations()) {
    if (animation.effect && animation.effect.getComputedTiming().endTime !== Infinity) animation.finish();
  }
}"""
# What has the focus (once settled, when asked): its mark, what it is, where it is in the
# window and where the window is (None: nothing has it).
FOCUSED = """async settled => {
  __SETTLE__
  __DESCRIBE__
  if (settled) await settle();
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  const box = element.getBoundingClientRect();
  return {
    mark: element.getAttribute("data-cp-tab"),
    what: describe(element),
    x: box.x, y: box.y, width: box.width, height: box.height,
    // A link over two lines has a ring round each line's part: the longest one's perimeter.
    perimeter: Math.max(...Array.from(element.getClientRects(), part => 2 * (part.width + part.height))),
    scrollX: window.scrollX, scrollY: window.scrollY,
  };
}""".replace("__SETTLE__", _SETTLE).replace("__DESCRIBE__", _DESCRIBE)
# The focused control loses the focus, and the page settles.
_BLUR = """async element => {
  __SETTLE__
  element.blur();
  await settle();
}""".replace("__SETTLE__", _SETTLE)
# Room around a control for its focus ring (our ring is 6 px: 3 dark, 3 white).
RING_ROOM = 8
# WCAG 2.4.11 and 2.4.13: the focus indicator changes pixels by 3:1 or more between the
# focused and unfocused states, over at least the area of a 2 px thick perimeter.
FOCUS_CONTRAST = 3.0

# The screenshots are compared in the page (a canvas decodes them), by WCAG's relative
# luminance of sRGB colours. The window without the focus is kept there (one screenshot for
# every control Tab reaches without scrolling); a control's screenshot, taken with the focus,
# is compared with the same place in it: how many pixels differ by ``contrast`` or more.
_DECODE = """async function decode(data) {
  const bitmap = await createImageBitmap(await (await fetch("data:image/png;base64," + data)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}"""
KEEP_UNFOCUSED = """async data => {
  __DECODE__
  window.__cpUnfocused = await decode(data);
}""".replace("__DECODE__", _DECODE)
CHANGED_AT_CONTRAST = """async ([focused, left, top, contrast]) => {
  __DECODE__
  const channel = value => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (data, at) =>
    0.2126 * channel(data[at]) + 0.7152 * channel(data[at + 1]) + 0.0722 * channel(data[at + 2]);
  const shot = await decode(focused);
  const plain = window.__cpUnfocused;
  let count = 0;
  for (let row = 0; row < shot.height; row += 1) {
    for (let column = 0; column < shot.width; column += 1) {
      const at = 4 * (row * shot.width + column);
      const there = 4 * ((top + row) * plain.width + left + column);
      const [one, two] = [shot.data, plain.data];
      if ([0, 1, 2].every(channel => one[at + channel] === two[there + channel])) continue;
      const [light, dark] = [luminance(one, at), luminance(two, there)].sort((a, b) => b - a);
      if ((light + 0.05) / (dark + 0.05) >= contrast) count += 1;
    }
  }
  return count;
}""".replace("__DECODE__", _DECODE)


class _Screenshots:
    """Screenshots of a page's window by the DevTools protocol (one call each, the PNG as
    base64), and the window without the focus at each place the page is scrolled to."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.session = page.context.new_cdp_session(page)
        self.unfocused_at: tuple[float, float] | None = None

    def take(self, clip: dict[str, float], scroll: tuple[float, float]) -> str:
        """The part ``clip`` of the window (scrolled to ``scroll``), as base64 PNG."""
        region = {**clip, "x": clip["x"] + scroll[0], "y": clip["y"] + scroll[1], "scale": 1}
        shot = self.session.send(
            "Page.captureScreenshot", {"format": "png", "clip": region, "optimizeForSpeed": True}
        )
        return str(shot["data"])

    def keep_unfocused(self, scroll: tuple[float, float]) -> None:
        """Keep the whole window without the focus, at ``scroll``, unless it is kept already."""
        if self.unfocused_at == scroll:
            return
        window = self.page.viewport_size
        assert window is not None  # every context here has one
        element = self.page.evaluate_handle("document.activeElement")
        self.page.evaluate(_BLUR, element)
        whole = self.take({"x": 0, "y": 0, "width": window["width"], "height": window["height"]}, scroll)
        self.page.evaluate(KEEP_UNFOCUSED, whole)
        self.page.evaluate("element => element.focus()", element)  # the next Tab goes on from here
        self.unfocused_at = scroll

    def close(self) -> None:
        self.session.detach()


def keyboard_problems(page: Page, seen: set[str]) -> list[str]:
    """Tab from the top of the loaded ``page`` to its end: every control shown is reached, and
    each one reached shows its focus, inside the window, changing at least a 2 px perimeter's
    area at 3:1 (compared in screenshots focused and not); problem lines otherwise. A control
    in ``seen`` (the same element, classes and words, compared on another page at this width:
    the header's, the tabs', the footer's) is reached but not compared again; those compared
    are added to it."""
    marked = page.evaluate(MARK_TABBABLE)
    tabbable = marked["found"]
    reached: set[str] = set()
    problems = []
    screenshots = _Screenshots(page)
    try:
        for _ in range(marked["stops"] + 20):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED, False)
            if focused is None or focused["mark"] in reached:
                break  # past the last control
            if focused["mark"] is not None:
                reached.add(focused["mark"])
            if focused["what"] not in seen:  # compared once the page has answered the focus
                seen.add(focused["what"])
                problems.extend(_focus_shown(page, screenshots, page.evaluate(FOCUSED, True) or focused))
    finally:
        screenshots.close()
    missed = [what for mark, what in enumerate(tabbable) if str(mark) not in reached]
    problems.extend(f"Tab never reaches {what}" for what in missed)
    return problems


def _focus_shown(page: Page, screenshots: _Screenshots, focused: dict[str, Any]) -> list[str]:
    """Problems with the focus ``focused`` shows: outside the window, or too faint to see."""
    what = focused["what"]
    window = page.viewport_size
    assert window is not None  # every context here has one
    left = max(0, math.floor(focused["x"] - RING_ROOM))
    top = max(0, math.floor(focused["y"] - RING_ROOM))
    right = min(window["width"], math.ceil(focused["x"] + focused["width"] + RING_ROOM))
    bottom = min(window["height"], math.ceil(focused["y"] + focused["height"] + RING_ROOM))
    if right - left < 1 or bottom - top < 1 or focused["width"] == 0 or focused["height"] == 0:
        return [f"{what} takes the focus outside the window or unseen"]
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    scroll = (focused["scrollX"], focused["scrollY"])
    shot = screenshots.take(clip, scroll)
    screenshots.keep_unfocused(scroll)
    needed = 2 * min(focused["perimeter"], 2 * (clip["width"] + clip["height"]))
    changed = page.evaluate(CHANGED_AT_CONTRAST, [shot, left, top, FOCUS_CONTRAST])
    if changed < needed:
        return [f"{what}: its focus changes {changed} pixels at 3:1, fewer than a 2 px ring's {needed:.0f}"]
    return []


def keyboard_every_page(browser: Browser, base_url: str, site: Path) -> tuple[int, list[str]]:
    """``keyboard_problems`` on every page of ``site``, each opened once, by turns on a phone and
    on a desktop, so that the controls of both widths are met (the phone's menu button, the
    desktop's tabs and sidebars). A control met before at that width (the header's, the
    footer's) is reached on every page, and its focus compared once. How many pages, and
    ``/url (width): problem`` lines."""
    urls = html_pages(site)
    problems = []
    widths = {"360px": PHONE, "1280px": DESKTOP}
    contexts = {name: new_context(browser, **options) for name, options in widths.items()}
    seen: dict[str, set[str]] = {name: set() for name in widths}
    try:
        tabs = {name: context.new_page() for name, context in contexts.items()}
        for index, url in enumerate(urls):
            name = list(widths)[index % len(widths)]
            page = tabs[name]
            problem = open_page(page, base_url, url, wait_until="load")
            if problem:
                problems.append(problem)
                continue
            found = keyboard_problems(page, seen[name])
            problems.extend(f"/{url} ({name}): {line}" for line in found)
    finally:
        for context in contexts.values():
            context.close()
    return len(urls), problems
