"""The repository's own site: a strict build with zero warnings, and what readers find there."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

from conftest import REPO, Built, build_site

pytestmark = pytest.mark.filterwarnings("error")


def _content_pages(site: Path) -> list[Path]:
    generated = ("barriers", "authors", "posts/archive", "posts/page", "search", "assets")
    pages = []
    for html in site.rglob("index.html"):
        rel = html.parent.relative_to(site).as_posix()
        if rel == "posts" or rel.startswith(generated):
            continue
        pages.append(html)
    return pages


SOURCE_FOLDERS = ("docs", "posts", "toolkit")


def _markdown_files() -> list[Path]:
    """Every Markdown file of the repository's source folders."""
    return sorted(md for folder in SOURCE_FOLDERS for md in (REPO / folder).rglob("*.md"))


def _front_matter(md: Path) -> dict[str, Any]:
    text = md.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    meta = yaml.safe_load(text[4 : text.index("\n---", 3)]) or {}
    assert isinstance(meta, dict), md
    return meta


def _published(md: Path) -> bool:
    """Not a draft, and not dated later than today."""
    meta = _front_matter(md)
    day = meta.get("date")
    if isinstance(day, datetime.datetime):
        day = day.date()
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day[:10])
    return meta.get("draft") is not True and not (
        isinstance(day, datetime.date) and day > datetime.date.today()
    )


def _url(md: Path) -> str:
    """The page's URL: docs/ files at the root, posts/ and toolkit/ files under their folder's name."""
    rel = md.relative_to(REPO)
    parts = list(rel.with_suffix("").parts)
    if parts[0] == "docs":
        parts = parts[1:]
    if parts and parts[-1] == "index":
        parts = parts[:-1]
    return "".join(f"{part}/" for part in parts)


def test_pages_from_every_folder_are_built(real: Built) -> None:
    for url in (
        "",
        "principles/share-power/",
        "guidance/paying-people/",
        "toolkit/power-mapping/",
        "posts/real-reasons-we-still-dont-co-produce/",
        "accessibility/",
    ):
        assert real.exists(url), url
    published = [md for md in _markdown_files() if _published(md)]
    assert {md.relative_to(REPO).parts[0] for md in published} == set(SOURCE_FOLDERS)
    missing = [f"{md.relative_to(REPO)} -> /{_url(md)}" for md in published if not real.exists(_url(md))]
    assert missing == []


def test_nav_has_sections_not_pages(real: Built) -> None:
    html = real.html("")
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link">\s*([^<]+?)\s*</a>', html)
    assert tabs == ["Home", "Principles", "Guidance", "Toolkit", "Blog", "Barriers"]
    # No post is listed in the nav: posts are reached through the blog's listings.
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
    assert nav_links and not any("posts/" in link and link != "posts/" for link in nav_links)


def test_blog_lists_three_posts_newest_first(real: Built) -> None:
    titles = re.findall(r'<h2 class="cp-summary__title"><a href="[^"]*">([^<]+)</a>', real.html("posts/"))
    assert titles == [
        "The real reasons we still don&#39;t co-produce",
        "Co-production: could it apply to other parts of our lives?",
        "What is power? Who has power? How do we share it?",
    ]
    assert "29 April 2019" in real.html("posts/real-reasons-we-still-dont-co-produce/")


@pytest.mark.parametrize(
    ("author", "slug"),
    [
        ("alex-fox", "real-reasons-we-still-dont-co-produce"),
        ("eleanor-mould", "could-co-production-apply-to-other-parts-of-life"),
        ("roy-curtis", "what-is-power-who-has-it-how-do-we-share-it"),
    ],
)
def test_each_author_page_lists_their_post(real: Built, author: str, slug: str) -> None:
    assert f'href="../../posts/{slug}/"' in real.content(f"authors/{author}/")


def test_feed_has_three_entries(real: Built) -> None:
    feed = feedparser.parse((real.site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 3
    assert feed.entries[0].link.endswith("/posts/real-reasons-we-still-dont-co-produce/")


def test_barriers_overview_and_four_term_pages(real: Built) -> None:
    assert "Barriers to co-production" in real.html("barriers/")
    for term in ("power", "leadership", "diversity", "capacity"):
        assert real.exists(f"barriers/{term}/")
        assert real.exists(f"barriers/{term}/feed.xml")
    assert real.exists("cross-index.json")


def test_every_content_page_has_a_footer_and_tagged_pages_list_related_pages(real: Built) -> None:
    """An untagged page shows no terms at all (the page template writes nothing for it)."""
    pages = _content_pages(real.site)
    assert len(pages) >= 20
    for html_path in pages:
        html = html_path.read_text(encoding="utf-8")
        assert 'class="cp-page-footer"' in html, html_path
    tagged = [p for p in pages if 'class="cp-chip"' in p.read_text(encoding="utf-8")]
    assert len(tagged) >= 17  # all but the home-less landing pages and the statement
    for html_path in tagged:
        assert 'class="cp-related"' in html_path.read_text(encoding="utf-8"), html_path
    untagged = [p for p in pages if p not in tagged]
    assert untagged
    for html_path in untagged:
        html = html_path.read_text(encoding="utf-8")
        assert 'class="cp-terms"' not in html and 'class="cp-related"' not in html, html_path


def test_every_page_links_the_accessibility_statement(real: Built) -> None:
    pages = sorted(real.site.rglob("index.html"))
    assert pages
    assert len(pages) >= len(_markdown_files())
    for html_path in pages:
        assert "Accessibility statement</a>" in html_path.read_text(encoding="utf-8"), html_path


def test_strict_build_of_the_real_site_has_no_warnings(tmp_path: Path) -> None:
    import shutil

    for name in ("docs", "posts", "toolkit", "overrides", "mkdocs.yml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    built = build_site(tmp_path, strict=True)
    assert built.warnings == []


def test_the_build_runs_on_properdocs(tmp_path: Path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.x, builds the same site."""
    properdocs = Path(sys.executable).with_name("properdocs")
    result = subprocess.run(
        [
            str(properdocs),
            "build",
            "--strict",
            "-f",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/barriers/power/index.html").is_file()
    assert (tmp_path / "site/posts/index.html").is_file()
    assert 'class="cp-chip"' in (tmp_path / "site/toolkit/power-mapping/index.html").read_text()


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
    assert len(outputs[0]) > 50
    assert [p for p in outputs[0] if outputs[0][p] != outputs[1][p]] == []
