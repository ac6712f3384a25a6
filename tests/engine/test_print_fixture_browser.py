"""Issue 25 on a fixture site in the repository's own theme (its mkdocs.yml inherited, its
overrides/): tools with long handouts, printed to PDF in Chromium on the paper the site
chooses (US Letter here: a fork's choice), with every rule of paper checked. The real site's
tools are printed by tests/site/browser/test_print_browser.py.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

import site_content
from browser import new_context, served, site_path
from conftest import BASE_CONFIG, REPO, Built, build_site, inheriting_config, page, write_site
from printing import handout_problems, pack_problems, paper_problems, print_page, words

ROWS = 24
PAPER = "letter"


def _long_form() -> str:
    parts = [f"### Question {n}\n\nWhat happened at meeting {n}?\n\n___\n___\n" for n in range(1, 9)]
    rows = "\n".join(f"| Row {n} | | End {n} |" for n in range(1, ROWS + 1))
    return page(
        {"title": "Long form", "barriers": ["power", "capacity"]},
        "## Steps\n\n1. Print the form.\n2. Hand it out.\n\n<!-- handout -->\n\n## Our record\n\n"
        "Read [the rules](https://example.com/rules) first.\n\n"
        + "\n".join(parts)
        + f"\n## Every meeting\n\n| Meeting | Who came | Notes |\n|---|---|---|\n{rows}\n\n"
        "## Signatures\n\nSigned: ______________\n\n<!-- end handout -->\n\n## Afterwards\n\n"
        "- Thank everyone.\n- File it.\n- Type it up and send it to everyone.\n- Do it again in a year.\n",
    )


FILES: dict[str, str | bytes] = {
    "toolkit/long-form.md": _long_form(),
    "toolkit/card.md": page(
        {"title": "Name card", "barriers": ["power"]},
        "## At a glance\n\nFive minutes.\n\n<!-- handout -->\n\n## My name card\n\nMy name is: ______\n\n"
        "What I would like you to know about me:\n\n___\n___\n___\n___\n\n"
        "What helps me take part:\n\n___\n___\n___\n___\n",
    ),
    "docs/guide.md": page({"title": "A guide", "barriers": ["power"]}, "No handout here.\n"),
}


def _config() -> dict[str, Any]:
    return inheriting_config(lambda options: options.update({"paper_size": PAPER, "licence": "CC BY 4.0"}))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("print-site")
    overrides = REPO / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, root / "overrides")
    docs = REPO / str(site_content.config().get("docs_dir", "docs"))
    assets = {f"docs/{f.relative_to(docs).as_posix()}": f.read_bytes() for f in docs.rglob("*.css")}
    write_site(root, {**assets, **FILES}, _config())
    site = build_site(root, strict=True)
    assert site.warnings == []
    return site


@pytest.fixture(scope="module")
def site(built: Built) -> Iterator[str]:
    yield from served(built.site, site_path(str(BASE_CONFIG["site_url"])))


_PRINT_STYLE = """() => {
  const p = document.querySelector(".cp-handout p");
  const hr = document.querySelector(".cp-handout hr");
  const line = hr ? getComputedStyle(hr) : null;
  return [parseFloat(getComputedStyle(p).fontSize),
          line ? line.borderBottomColor : "", line ? parseFloat(line.borderBottomWidth) : 0];
}"""


def test_tools_handouts_and_packs_print_on_the_sites_paper_without_a_fault(
    built: Built, site: str, browser: Browser, tmp_path: Path
) -> None:
    furniture = ["About this page", "Related", "Print the handout", "Sections of this site", "Search"]
    context = new_context(browser)
    problems: list[str] = []
    try:
        tab = context.new_page()
        long_tool = print_page(tab, site + "toolkit/long-form/", tmp_path, "tool")
        long_handout = print_page(tab, site + "toolkit/long-form/handout/", tmp_path, "handout")
        # Text at 12 pt (16 px) or more; writing lines solid black.
        size, colour, width = tab.evaluate(_PRINT_STYLE)
        assert size >= 16, f"the handout's text prints at {size * 0.75} pt"
        assert colour == "rgb(0, 0, 0)" and width >= 1, f"writing lines print {colour}, {width}px"
        card_tool = print_page(tab, site + "toolkit/card/", tmp_path, "card")
        card = print_page(tab, site + "toolkit/card/handout/", tmp_path, "card-handout")
        pack = print_page(tab, site + "barriers/power/pack/", tmp_path, "pack")
    finally:
        context.close()
    for printed, url in (
        (long_tool, "toolkit/long-form/"),
        (long_handout, "toolkit/long-form/handout/"),
        (card_tool, "toolkit/card/"),
        (card, "toolkit/card/handout/"),
        (pack, "barriers/power/pack/"),
    ):
        printed.url = url
        problems += paper_problems(printed, PAPER, furniture)
    problems += handout_problems(long_tool, long_handout, "Long form", FILES["toolkit/long-form.md"])
    problems += handout_problems(card_tool, card, "Name card", FILES["toolkit/card.md"])
    problems += pack_problems(
        pack,
        [("Long form", str(FILES["toolkit/long-form.md"])), ("Name card", str(FILES["toolkit/card.md"]))],
    )
    assert not problems, "\n".join(problems)
    # The long handout takes several sheets: no table row is split between two.
    assert len(long_handout.sheets) >= 2
    for n in range(1, ROWS + 1):
        holding = {
            i
            for i, lines in enumerate(long_handout.sheets)
            for line in lines
            if re.search(rf"\bRow {n}\b", line)
        }
        ending = {
            i
            for i, lines in enumerate(long_handout.sheets)
            for line in lines
            if re.search(rf"\bEnd {n}\b", line)
        }
        assert holding == ending and len(holding) == 1, f"row {n} is on sheets {holding} and {ending}"
    # A link to another site prints its address; the small print names the site and licence.
    assert "(https://example.com/rules)" in long_handout.text
    assert words("Test Toolkit. CC BY 4.0. https://example.org/toolkit/toolkit/card/handout/") in card.text
    assert "File it." not in long_handout.text and "File it." in long_tool.text
