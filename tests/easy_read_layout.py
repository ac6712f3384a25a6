"""What an Easy Read page must be in a browser (issue 24): each block of text beside its
picture, which has alt text (picture left on a wide screen, above the words on a phone), one
sentence to a line, text of 19 px or more on screen and 14 pt or more on paper, and no link to
a page that is not Easy Read, except its standard twin. The footer's links (the accessibility
statement every page must link to) are the site's, not the page's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Browser

from browser import HANG_MS, new_context

__all__ = ["MIN_PRINT_PX", "MIN_SCREEN_PX", "easy_read_problems"]

MIN_SCREEN_PX = 19.0
MIN_PRINT_PX = 14 * 96 / 72  # 14 pt
_TWO_SENTENCES = re.compile(r"[.!?][\"')\u201d\u2019]*\s+[\"'\u201c\u2018(]?[A-Z0-9]")

# Every text of the page's content (not its title, its standard link, its status or its
# list of Easy Read pages): its block, picture, size, lines and place.
_READ = """() => {
  const article = document.querySelector('article#main-content');
  const rect = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const texts = [];
  for (const el of article.querySelectorAll('p, li, td, th, dt, dd, h2, h3, h4')) {
    if (el.closest('.cp-er-more') || el.matches('.cp-easy-read, .cp-er-checked')) continue;
    if (!el.innerText.trim()) continue;
    const heading = /^H[2-4]$/.test(el.tagName);
    const block = el.closest('.cp-er-block');
    const picture = block ? block.querySelector(':scope > img.cp-er-picture') : null;
    const words = block ? block.querySelector(':scope > .cp-er-words') : null;
    texts.push({
      text: el.innerText.trim().slice(0, 60), heading, lines: el.innerText.split('\\n'),
      size: parseFloat(getComputedStyle(el).fontSize),
      alt: picture ? (picture.getAttribute('alt') || '').trim() : null,
      picture: picture ? rect(picture) : null, words: words ? rect(words) : null,
      loaded: picture ? picture.complete && picture.naturalWidth > 0 : false,
    });
  }
  const links = [...document.querySelectorAll('a[href]')]
    .filter((a) => !a.closest('footer') && !a.classList.contains('md-skip'))
    .map((a) => a.href);
  return {texts, links, title: parseFloat(getComputedStyle(article.querySelector('h1')).fontSize)};
}"""


def _site_path(href: str, base_url: str) -> str:
    """A link's address from the site's root ("" for the home page), without its fragment."""
    path = urlsplit(href)._replace(fragment="", query="").geturl()
    return path.removeprefix(base_url) if path.startswith(base_url) else path


def easy_read_problems(
    browser: Browser, base_url: str, twins: Mapping[str, str], extra_allowed: Iterable[str] = ()
) -> tuple[int, list[str]]:
    """Every way the Easy Read pages ``twins`` (URL -> its standard twin's URL, both from the
    site root) fall short, at 1,280 px, at 360 px and printed. Returns (texts checked, problems)."""
    problems: list[str] = []
    checked = 0
    easy = set(twins)
    for width, media in ((1280, "screen"), (360, "screen"), (1280, "print")):
        context = new_context(browser, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(HANG_MS)
        try:
            for url, twin in twins.items():
                page.emulate_media(media=media)
                page.goto(urljoin(base_url, url), wait_until="load")
                where = f"{url or '/'} at {width} px ({media})"
                found: dict[str, Any] = page.evaluate(_READ)
                minimum = MIN_PRINT_PX if media == "print" else MIN_SCREEN_PX
                texts = [t for t in found["texts"] if not t["heading"]]
                if not texts:
                    problems.append(f"{where}: no text")
                for text in texts:
                    checked += 1
                    name = f"{where}: {text['text']!r}"
                    if text["size"] < minimum - 0.01:
                        problems.append(f"{name}: text of {text['size']:.1f} px, under {minimum:.1f} px")
                    for line in text["lines"]:
                        if _TWO_SENTENCES.search(line):
                            problems.append(f"{name}: more than one sentence on a line: {line!r}")
                    if text["picture"] is None or text["words"] is None:
                        problems.append(f"{name}: no picture beside it")
                        continue
                    if not text["alt"]:
                        problems.append(f"{name}: its picture has no alt text")
                    if not text["loaded"]:
                        problems.append(f"{name}: its picture did not load")
                    _, top, right, bottom = text["picture"]
                    w_left, w_top, _, _ = text["words"]
                    if width == 360 and media == "screen":
                        if bottom > w_top + 1:
                            problems.append(f"{name}: on a phone the picture is not above the words")
                    elif right > w_left + 1 or top > w_top + 40:
                        problems.append(f"{name}: the picture is not on the left of the words")
                for heading in (t for t in found["texts"] if t["heading"]):
                    if heading["size"] < minimum - 0.01:
                        problems.append(f"{where}: heading {heading['text']!r} smaller than the text")
                if found["title"] < minimum:
                    problems.append(f"{where}: a title smaller than the text")
                if media == "screen" and width == 1280:
                    allowed = {url, twin, *easy, *extra_allowed}
                    for href in found["links"]:
                        target = _site_path(href, base_url)
                        if target not in allowed:
                            problems.append(
                                f"{where}: a link to {target!r}, not its twin or an Easy Read page"
                            )
                    if twin not in {_site_path(h, base_url) for h in found["links"]}:
                        problems.append(f"{where}: no link to its standard version {twin!r}")
        finally:
            context.close()
    return checked, problems
