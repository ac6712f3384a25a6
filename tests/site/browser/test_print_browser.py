"""Issue 25: what a facilitator prints. Every tool, every tool's handout and every workshop
pack of the real site, printed to PDF in Chromium as its print dialog would, on the paper
``paper_size`` names: no heading at a sheet's foot, no near-empty last sheet, no web
furniture; the handout holds the form and not the steps, the tool page starts its handout on
a new sheet, each pack holds every handout of its term. The first sheet of each handout and
pack is saved as a PNG in tests/screenshots/ (git-ignored) for people to look at, with the
number of sheets of each in print-sheets.txt.

Tools, terms, titles and words are read from mkdocs.yml, the content and the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import site_content
from browser import new_context, served
from conftest import REPO, Built
from coproduction.core.handouts import NEEDS_HANDOUT
from coproduction.core.urls import beneath, url_for
from printing import (
    Printed,
    handout_headings,
    handout_problems,
    pack_problems,
    paper_problems,
    print_page,
    screenshot,
)

SCREENSHOTS = REPO / "tests" / "screenshots"


@pytest.fixture(scope="module")
def site_url(real: Built) -> Iterator[str]:
    yield from served(real.site, site_content.path())


def _src_uri(md: Path) -> str:
    """The page's name as the site knows it: its path in its folder, after the folder's address."""
    folder = site_content.folder_of(md)
    prefix, _ = site_content.folders()[folder]
    return prefix + md.relative_to(folder).as_posix()


def _tools() -> list[tuple[Path, dict[str, object], str]]:
    """Every published page with a handout: (file, front matter, Markdown). Every page of a
    kind that needs one has one (``make check`` says so), but an Easy Read page; other pages may."""
    found = []
    easy_read = set(site_content.easy_read_twins())  # printed whole, as Easy Read: no handout
    for md in site_content.markdown_files():
        meta, body = site_content.split(md)
        kind = meta.get("kind") or site_content.folders()[site_content.folder_of(md)][1]
        if md.name == "index.md" or not site_content.published(md):
            continue
        if (kind in NEEDS_HANDOUT and site_content.url(md) not in easy_read) or handout_headings(body)[0]:
            found.append((md, meta, body))
    return found


def _url(src_uri: str) -> str:
    return url_for(src_uri, bool(site_content.config().get("use_directory_urls", True)))


def _furniture(markdown: str) -> list[str]:
    """Words of the web page around the content (navigation, footer, what the plugin adds for
    the screen), that neither the page's own Markdown nor the small print of a handout (the
    site's name, the licence) holds."""
    words = site_content.words()
    nav = [
        title
        for entry in site_content.config().get("nav") or []
        if isinstance(entry, dict)
        for title in entry
    ]
    footer = [str(link["title"]) for link in site_content.options().get("footer_links") or []]
    ours = [
        words.t("About this page"),
        words.t("Print the handout"),
        words.t("Sections of this site"),
        words.t("Related"),
        site_content.theme_word("search.placeholder"),
    ]
    printed = " ".join(
        (markdown, str(site_content.config().get("site_name")), str(site_content.options().get("licence")))
    )
    return [text for text in [*nav, *footer, *ours] if text and text not in printed]


def test_every_tool_its_handout_and_every_pack_print_as_paper(
    browser: Browser, site_url: str, real: Built, tmp_path: Path, not_measured: Callable[[str], None]
) -> None:
    paper = str(site_content.options().get("paper_size") or "A4")
    tools = _tools()
    if not tools:  # a fork without tools: nothing to hand out, and no pack
        not_measured("Handouts and workshop packs: no page of this site has a handout to print")
        packs = [_url(beneath(f"{key}/{term}.md", "pack")) for key, tax in site_content.taxonomies().items()
                 for term in tax.get("terms") or {}]  # fmt: skip
        assert not [url for url in packs if real.exists(url)], "packs without handouts"
        return
    context = new_context(browser)
    problems: list[str] = []
    sheets: list[str] = []
    SCREENSHOTS.mkdir(exist_ok=True)
    printed: dict[Path, Printed] = {}
    try:
        page = context.new_page()  # one page, reused: a few seconds a print
        for md, meta, body in tools:
            src_uri = _src_uri(md)
            title = str(meta.get("title") or md.stem)
            tool = print_page(page, site_url + _url(src_uri), tmp_path, md.stem)
            handout_url = _url(beneath(src_uri, "handout"))
            handout = print_page(page, site_url + handout_url, tmp_path, f"{md.stem}-handout")
            tool.url, handout.url = _url(src_uri), handout_url
            printed[md] = handout
            problems += paper_problems(tool, paper, _furniture(body))
            problems += paper_problems(handout, paper, _furniture(body))
            problems += handout_problems(tool, handout, title, body)
            screenshot(handout, SCREENSHOTS / f"print-handout-{md.stem}.png")
            sheets.append(f"/{handout_url}: {len(handout.sheets)} sheet(s); the tool: {len(tool.sheets)}")
        for key, taxonomy in site_content.taxonomies().items():
            for term in taxonomy.get("terms") or {}:
                of_term = [
                    (str(meta.get("title") or md.stem), body)
                    for md, meta, body in tools
                    if term in (meta.get(key) or []) and handout_headings(body)[0]
                ]
                if not of_term:
                    continue
                pack_url = _url(beneath(f"{key}/{term}.md", "pack"))
                pack = print_page(page, site_url + pack_url, tmp_path, f"pack-{key}-{term}")
                pack.url = pack_url
                every_markdown = "\n".join(body for _, body in of_term)
                problems += paper_problems(pack, paper, _furniture(every_markdown))
                problems += pack_problems(pack, of_term)
                screenshot(pack, SCREENSHOTS / f"print-pack-{key}-{term}.png")
                sheets.append(f"/{pack_url}: {len(pack.sheets)} sheet(s), {len(of_term)} handouts")
    finally:
        context.close()
    (SCREENSHOTS / "print-sheets.txt").write_text("\n".join(sheets) + "\n", encoding="utf-8")
    assert not problems, f"{len(problems)} problem(s) printing:\n" + "\n".join(problems)
