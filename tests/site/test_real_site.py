"""The repository's own site: a strict build with zero warnings, and what readers find there.

Everything checked is read from ``mkdocs.yml`` and the content's front matter, never
pinned: a fork that renames, retags, translates or replaces the content keeps these tests
green (tests/repo/test_fork.py makes such a fork and runs them on it).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest

import site_content
from browser import MISSING, NOT_FOUND_PAGE
from conftest import HANG, REPO, Built

pytestmark = pytest.mark.filterwarnings("error")


def test_make_check_finds_no_problem_in_the_site() -> None:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [sys.executable, "-m", "coproduction", "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=HANG,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems found in ")
    assert result.stderr == ""


def test_pages_from_every_folder_are_built(real: Built) -> None:
    published = [md for md in site_content.markdown_files() if site_content.published(md)]
    assert published
    missing = [
        f"{md.relative_to(REPO)} -> /{site_content.url(md)}"
        for md in published
        if not real.exists(site_content.url(md))
    ]
    assert missing == []


def test_nav_has_sections_not_pages(real: Built) -> None:
    html = real.html("")
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link[^"]*"[^>]*>\s*([^<]+?)\s*</a>', html)
    assert 'class="md-tabs__link" aria-current="page">' in html  # the home tab, on the home page
    assert tabs == [next(iter(entry)) for entry in site_content.config()["nav"]]
    # No post is listed in the nav: posts are reached through the blog's listings.
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
    blog = site_content.blog()
    assert nav_links and not any(blog in link and link != blog for link in nav_links)


def _text(page: str) -> str:
    """A page's HTML with its tags taken out, entities read and spaces made single: the text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_each_dated_folder_lists_its_posts_newest_first(real: Built) -> None:
    """Each section of a dated kind (the blog, and any other, such as stories) lists its own
    pages at its address, newest first, with the newest's date as the site's language writes it."""
    sections = site_content.dated_sections()
    assert sections, "mkdocs.yml names no source folder of a dated kind"
    assert site_content.posts(), "the site has no published post"
    per_page = int(site_content.options().get("posts_per_page", 10))
    for section in sections:
        posts = site_content.posts(section)
        shown = re.findall(r'<h2 class="cp-summary__title"><a href="[^"]*">(.+?)</a>', real.html(section))
        assert [_text(t) for t in shown] == [title for _, title, _, _ in posts[:per_page]], section
        if posts:
            day, _, md, _ = posts[0]
            assert site_content.words().date(day) in _text(real.html(site_content.url(md))), md


def test_each_author_page_lists_their_posts(real: Built) -> None:
    """Each post once, on one of the pages of its author's list (items_per_page a page)."""
    listed = 0
    for _, _, md, meta in site_content.posts():
        for author in meta["authors"]:
            urls = [f"authors/{author}/"]
            while real.exists(f"authors/{author}/page/{len(urls) + 1}/"):
                urls.append(f"authors/{author}/page/{len(urls) + 1}/")
            link = site_content.url(md)
            on = [url for url in urls if f'href="{"../" * url.count("/")}{link}"' in real.content(url)]
            assert len(on) == 1, (author, md, on)
            listed += 1
    assert listed >= len(site_content.posts())


def test_the_feed_holds_the_newest_posts(real: Built) -> None:
    feed = feedparser.parse((real.site / "feed.xml").read_bytes())
    assert not feed.bozo
    posts = site_content.posts()
    assert len(feed.entries) == min(len(posts), int(site_content.options().get("feed_items", 20)))
    assert feed.entries[0].link == site_content.config()["site_url"] + site_content.url(posts[0][2])


def test_every_taxonomy_has_an_overview_and_a_page_and_feed_per_term(real: Built) -> None:
    taxonomies = site_content.options()["taxonomies"]
    assert taxonomies
    for key, taxonomy in taxonomies.items():
        assert taxonomy["title"] in _text(real.html(f"{key}/"))
        for term in taxonomy["terms"]:
            assert real.exists(f"{key}/{term}/")
            assert real.exists(f"{key}/{term}/feed.xml")
    assert real.exists("cross-index.json")


def test_every_content_page_has_a_footer_and_tagged_pages_list_related_pages(real: Built) -> None:
    """An untagged page shows no terms at all (the page template writes nothing for it). A page's
    own terms are in its footer: a section's landing page lists other pages, with theirs, above it.
    Easy Read pages show neither (their own layout: tests/site/browser/test_easy_read_browser.py)."""

    def footer(html_path: Path) -> str:
        return html_path.read_text(encoding="utf-8").split('class="cp-page-footer"', 1)[1]

    easy_read = site_content.easy_read_twins()
    pages = [
        real.site / site_content.url(md) / "index.html"
        for md in site_content.markdown_files()
        if site_content.published(md)
        and not site_content.landing(md)
        and site_content.url(md) not in easy_read
    ]
    assert pages
    for html_path in pages:
        html = html_path.read_text(encoding="utf-8")
        assert 'class="cp-page-footer"' in html, html_path
    tagged = [p for p in pages if 'class="cp-chip"' in footer(p)]
    keys = set(site_content.options()["taxonomies"])
    assert len(tagged) == sum(
        1
        for md in site_content.markdown_files()
        if site_content.published(md)
        and not site_content.landing(md)
        and site_content.url(md) not in easy_read
        and any(site_content.front_matter(md).get(k) for k in keys)
    )
    for html_path in tagged:
        assert 'class="cp-related"' in footer(html_path), html_path
    for html_path in (p for p in pages if p not in tagged):
        html = footer(html_path)
        assert 'class="cp-terms"' not in html and 'class="cp-related"' not in html, html_path


def test_every_page_has_the_footer_links_the_configuration_lists(real: Built) -> None:
    links = site_content.options().get("footer_links") or []
    assert links, "mkdocs.yml lists no footer_links (the accessibility statement belongs there)"
    pages = sorted(real.site.rglob("*.html"))
    assert len(pages) >= len(site_content.markdown_files())
    for html_path in pages:
        page = html_path.read_text(encoding="utf-8")
        texts = {_text(text) for text in re.findall(r"<a\b[^>]*>(.*?)</a>", page, re.DOTALL)}
        for link in links:
            assert link["title"] in texts, (html_path, link["title"])


def test_every_page_says_its_address_when_shared_and_robots_names_the_sitemap(real: Built) -> None:
    site = site_content.config()
    root = site.get("site_url") or ""
    for html_path in sorted(real.site.rglob("*.html")):
        head = html_path.read_text(encoding="utf-8").split("</head>", 1)[0]
        named = re.findall(r'<meta property="og:site_name" content="([^"]*)">', head)
        assert [html.unescape(name) for name in named] == [site["site_name"]], html_path
        address = re.findall(r'<meta property="og:url" content="([^"]*)">', head)
        if root and html_path != real.site / "404.html":
            assert len(address) == 1 and address[0].startswith(root.rstrip("/") + "/"), html_path
        else:
            assert address == [], html_path
    own = REPO / site.get("docs_dir", "docs") / "robots.txt"
    robots = (real.site / "robots.txt").read_text(encoding="utf-8")
    if own.is_file():
        assert robots == own.read_text(encoding="utf-8")
    elif root:
        assert f"\nSitemap: {root.rstrip('/')}/sitemap.xml\n" in robots


def test_every_link_and_file_a_page_asks_for_is_on_the_site(real: Built) -> None:
    """Links and files (styles, scripts, pictures, feeds) that lead into the site lead to a file
    of it, on every page, the templates' own links included (a fork deletes pages they may name).
    404.html is read where a reader meets it, at a missing address deeper in the site."""
    base = "http://site" + site_content.path()
    root = site_content.config().get("site_url") or base
    missing = []
    for html_path in sorted(real.site.rglob("*.html")):
        rel = html_path.relative_to(real.site).as_posix()
        here = base + (MISSING if rel == NOT_FOUND_PAGE else rel.removesuffix("index.html"))
        for link in re.findall(r'\b(?:href|src)="([^"]*)"', html_path.read_text(encoding="utf-8")):
            link = html.unescape(link)
            if link.startswith("#"):
                continue  # on the page itself
            if link.startswith(root):
                link = base + link.removeprefix(root)
            target = urlsplit(urljoin(here, link))
            if target.scheme != "http" or target.netloc != "site":
                continue  # another site, mailto:, data:
            if not target.path.startswith(site_content.path()):
                missing.append(f"/{rel}: {link} (outside the site)")
                continue
            file = real.site / unquote(target.path.removeprefix(site_content.path()))
            if not (file / "index.html" if target.path.endswith("/") else file).is_file():
                missing.append(f"/{rel}: {link}")
    assert not missing, f"{len(missing)} links lead to no file of the site:\n" + "\n".join(missing)


def test_strict_build_of_the_real_site_has_no_warnings(real: Built) -> None:
    """`make build` (--strict) fails on any warning: building the site logged none."""
    assert real.warnings == []


def test_two_builds_with_the_same_source_date_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reproducible output: what `make build` promises with SOURCE_DATE_EPOCH."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")
    outputs = []
    for name in ("one", "two"):
        site = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    assert len(outputs[0]) > len(site_content.markdown_files())
    assert [p for p in outputs[0] if outputs[0][p] != outputs[1][p]] == []
