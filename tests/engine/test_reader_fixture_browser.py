"""axe-core and pa11y's engine (HTML_CodeSniffer) on every page of a generated site with every
kind of page the plugin makes, and the keyboard on every page too, in the repository's
own theme: its mkdocs.yml (inherited, so the theme, palette, Markdown extensions
and extra CSS are the real ones), its overrides/ and the non-Markdown files of its docs/.

The real site may lack a kind of page (a second blog page, an author with one post, a
tool with a checklist): this site has them all, so a fix to the theme is checked on each.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

import site_content
from browser import axe_every_page, keyboard_every_page, reading_problems, report, serve, served, site_path
from conftest import (
    AUTHORS,
    BASE_CONFIG,
    HANG,
    REPO,
    Built,
    build_site,
    inheriting_config,
    page,
    tool,
    write_files,
    write_site,
)
from easy_read_layout import easy_read_problems


def _post(slug: str, day: str, authors: list[str], barriers: list[str]) -> dict[str, str]:
    front = {"title": f"Post {slug}", "date": day, "authors": authors, "barriers": barriers}
    body = f"""\
        The first paragraph of {slug}: it is the excerpt that listings show.

        <!-- more -->

        ## What happened

        The rest of the post, with [a link to the checklist](../toolkit/checklist.md).
        """
    return {f"posts/{slug}.md": page(front, body)}


FILES: dict[str, str | bytes] = {
    "posts/authors.yml": AUTHORS,
    # Six posts over three years and two authors (posts_per_page and items_per_page are 2):
    # three blog pages, and a year and both authors with two pages each.
    **_post("first", "2019-03-01", ["ann"], ["power"]),
    **_post("second", "2020-06-15", ["bob"], ["power", "leadership"]),
    **_post("third", "2020-09-01", ["ann", "bob"], ["diversity"]),
    **_post("fourth", "2021-01-10", ["ann"], ["power", "leadership", "capacity"]),
    **_post("fifth", "2021-05-20", ["bob"], ["capacity"]),
    **_post("sixth", "2021-11-02", ["ann"], ["leadership"]),
    "docs/index.md": page(
        {"title": "Home", "barriers": []},
        "Welcome. Read the [guide](guide.md) or the [checklist](toolkit/checklist.md).\n",
    ),
    "docs/guide.md": page(
        {"title": "A guide", "barriers": ["power", "diversity"], "easy_read": "easy-read/guide.md"},
        """\
        A guide to sharing power.

        ## Before you start

        !!! note "Plan ahead"
            Pay people for their time.

        | Step | Who |
        |---|---|
        | Plan | Everyone |
        | Meet | Everyone |
        """,
    ),
    # Easy Read pages: a guide's and a term's, each picture beside its words (issue 24).
    "docs/easy-read/guide.md": page(
        {"title": "Easy Read: a guide", "barriers": ["power"], "kind": "guide"},
        """\
        ![Two people talking](talk.svg)
        This is the Easy Read version of [the guide](../guide.md).
        It is short.

        ## What is it?

        ![Two people talking](talk.svg)

        - It is a guide.
        - Read [about power](power.md) too.

        ![Two people talking](talk.svg)

        | Step | Who |
        |---|---|
        | Plan | Everyone |
        """,
    ),
    "docs/easy-read/power.md": page(
        {
            "title": "Easy Read: power",
            "barriers": [],
            "checked_by": [{"name": "Self-Advocates", "date": "2026-12-01"}],
        },
        "![Two people talking](talk.svg)\nPower means you can make choices.\nWe share it.\n",
    ),
    "docs/easy-read/talk.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="3"/></svg>\n'
    ),
    "docs/accessibility.md": page({"title": "Accessibility statement", "barriers": []}, "We test.\n"),
    "toolkit/checklist.md": tool(
        {"title": "Checklist", "barriers": ["capacity", "power"]},
        """\
        A checklist to fill in before the meeting.

        ## Before the meeting

        - [ ] Book a room with step-free access
        - [x] Send the papers a week ahead
        - [ ] Ask about access needs

        ## Costs

        | Item | Cost |
        |---|---|
        | Travel | |
        | Care | |
        """,
    ),
}

# The pages this site is for: every kind, so that none goes unchecked.
KINDS = [
    "",
    "guide/",
    "easy-read/guide/",
    "easy-read/power/",
    "toolkit/checklist/",
    "toolkit/",
    "posts/",
    "posts/page/2/",
    "posts/first/",
    "posts/archive/",
    "posts/archive/2019/",
    "posts/archive/2020/",
    "posts/archive/2021/",
    "posts/archive/2021/page/2/",
    "authors/",
    "authors/ann/",
    "authors/ann/page/2/",
    "authors/bob/",
    "barriers/",
    "barriers/power/",
    "barriers/power+leadership/",
    "barriers/power+leadership+capacity/",
]


def _config() -> dict[str, Any]:
    """The repository's mkdocs.yml, with this site's name, content and plugin settings."""

    def power_easy_read(options: dict[str, Any]) -> None:
        options["taxonomies"]["barriers"]["terms"]["power"]["easy_read"] = "easy-read/power.md"

    return inheriting_config(power_easy_read)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site, built once for the module with the repository's docs assets and overrides."""
    root = tmp_path_factory.mktemp("fixture-site")
    docs = REPO / str(site_content.config().get("docs_dir", "docs"))
    assets = {
        f"docs/{file.relative_to(docs).as_posix()}": file.read_bytes()
        for file in docs.rglob("*")
        if file.is_file() and file.suffix != ".md"
    }
    overrides = REPO / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, root / "overrides")
    write_site(root, {**assets, **FILES}, _config())
    return build_site(root)


@pytest.fixture(scope="module")
def site(built: Built) -> Iterator[str]:
    # Under site_url's path, as GitHub Pages serves it: 404.html is met at a missing address
    # and links its styles from that path.
    yield from served(built.site, site_path(str(BASE_CONFIG["site_url"])))


def test_axe_finds_no_problems_on_any_page_of_a_site_with_every_kind_of_page(
    built: Built, site: str, browser: Browser
) -> None:
    missing = [url for url in KINDS if not built.exists(url)]
    assert not missing, f"the fixture site lacks pages it is meant to have: {missing}"
    assert 'type="checkbox"' in built.content("toolkit/checklist/")
    checked, problems = axe_every_page(browser, site, built.site)
    assert not problems, report(checked, problems)


def test_the_keyboard_reaches_every_control_with_a_visible_focus(
    site: str, browser: Browser, built: Built
) -> None:
    """On every page, on a phone or a desktop by turns, Tab reaches every control shown (the
    narrowing links of the blog, term and combination pages among them) with a visible focus."""
    checked, problems = keyboard_every_page(browser, site, built.site)
    assert not problems, report(checked, problems)


def test_every_kind_of_page_fits_a_phone_reads_its_tables_and_does_not_move_after_load(
    built: Built, site: str, browser: Browser
) -> None:
    assert built.content("guide/").count('role="region"') == 1  # the guide's table
    checked, problems = reading_problems(browser, site, built.site)
    assert not problems, report(checked, problems)


def test_every_easy_read_page_of_the_fixture_is_laid_out_as_easy_read(
    built: Built, site: str, browser: Browser
) -> None:
    assert not built.warnings, built.warnings  # the pages keep the Easy Read rules
    twins = {"easy-read/guide/": "guide/", "easy-read/power/": "barriers/power/"}
    checked, problems = easy_read_problems(browser, site, twins)
    assert not problems, report(checked, problems)
    html = built.content("easy-read/power/")
    assert "Self-Advocates" in html and '<time datetime="2026-12-01">1 December 2026</time>' in html
    assert "have not checked this page yet" in built.content("easy-read/guide/")
    # Listed as what it is, and marked Easy Read.
    assert 'cp-badge--easy-read">Easy Read<' in built.content("barriers/power/")


def _status(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=HANG) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8") + error.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


def test_the_browser_tests_serve_a_site_as_github_pages_does(tmp_path: Path) -> None:
    """Under site_url's path; a missing page there is the site's 404.html with status 404, at
    any depth; outside the path, or a folder without an index, a bare 404."""
    files = {"index.html": "home", "404.html": "not here", "a/index.html": "page a", "b/x.css": "x"}
    write_files(tmp_path, dict(files))
    with serve(tmp_path, "/repo/") as base:
        root = base.removesuffix("repo/")
        assert _status(base) == (200, "home")
        assert _status(base + "a/") == (200, "page a")
        assert _status(base + "a") == (301, "/repo/a/")
        assert _status(root + "repo") == (301, "/repo/")
        assert _status(base + "no/such/page/") == (404, "not here")
        assert _status(base + "b/") == (404, "not here")
        assert _status(root + "a/")[0] == 404 and "not here" not in _status(root + "a/")[1]
        assert _status(root + "404.html")[0] == 404
