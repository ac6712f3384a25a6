"""The repository's own site: a strict build with zero warnings, and what readers find there.

Everything checked is read from ``mkdocs.yml`` and the content's front matter, never
pinned: a fork that renames, retags or replaces the content keeps these tests green.
"""

from __future__ import annotations

import datetime
import html
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


def _folders() -> dict[Path, tuple[str, str]]:
    """Each content folder -> (its address from the site root, the kind of its pages)."""
    options = _options()
    kinds = list(options.get("kinds") or {"guide": {}})
    folders = {REPO / str(_config().get("docs_dir", "docs")): ("", kinds[0])}
    for key, source in (options.get("sources") or {}).items():
        folders[REPO / source["dir"]] = (f"{key}/", source["kind"])
    return folders


def _dated_kinds() -> set[str]:
    kinds = _options().get("kinds")
    return {key for key, kind in kinds.items() if kind.get("dated")} if kinds else {"post"}


def _blog() -> str:
    """The blog's address: that of the first source folder of a dated kind."""
    dated = _dated_kinds()
    return next(f"{key}/" for key, s in (_options().get("sources") or {}).items() if s["kind"] in dated)


def _markdown_files() -> list[Path]:
    """Every Markdown file of the site's content folders."""
    return sorted(md for folder in _folders() for md in folder.rglob("*.md"))


def _folder_of(md: Path) -> Path:
    return next(folder for folder in _folders() if md.is_relative_to(folder))


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


def _config() -> dict[str, Any]:
    """mkdocs.yml, its tags (``!ENV``, ``!!python/name``) read as plain values."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert isinstance(config, dict)
    return config


def _options() -> dict[str, Any]:
    """The coproduction plugin's options in mkdocs.yml."""
    for entry in _config().get("plugins", []):
        if isinstance(entry, dict) and "coproduction" in entry:
            return dict(entry["coproduction"] or {})
    raise AssertionError("mkdocs.yml lists no coproduction plugin")


def _posts() -> list[tuple[datetime.date, str, Path, dict[str, Any]]]:
    """Published pages of a dated kind, newest first (then by title): (date, title, file, front matter)."""
    dated, found = _dated_kinds(), []
    for md in _markdown_files():
        meta = _front_matter(md)
        if _published(md) and meta.get("kind", _folders()[_folder_of(md)][1]) in dated:
            day = meta["date"]
            day = datetime.date.fromisoformat(day[:10]) if isinstance(day, str) else day
            found.append((day, str(meta["title"]), md, meta))
    return sorted(found, key=lambda p: (-p[0].toordinal(), p[1].casefold()))


def _url(md: Path) -> str:
    """The page's URL: docs/ files at the root, a source folder's files under its address."""
    folder = _folder_of(md)
    parts = list(md.relative_to(folder).with_suffix("").parts)
    if parts and parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return _folders()[folder][0] + "".join(f"{part}/" for part in parts)


def test_pages_from_every_folder_are_built(real: Built) -> None:
    published = [md for md in _markdown_files() if _published(md)]
    assert published
    missing = [f"{md.relative_to(REPO)} -> /{_url(md)}" for md in published if not real.exists(_url(md))]
    assert missing == []


def test_nav_has_sections_not_pages(real: Built) -> None:
    html = real.html("")
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link[^"]*">\s*([^<]+?)\s*</a>', html)
    assert tabs == [next(iter(entry)) for entry in _config()["nav"]]
    # No post is listed in the nav: posts are reached through the blog's listings.
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
    blog = _blog()
    assert nav_links and not any(blog in link and link != blog for link in nav_links)


def test_blog_lists_posts_newest_first(real: Built) -> None:
    posts = _posts()
    assert posts, "the site has no published post"
    shown = re.findall(r'<h2 class="cp-summary__title"><a href="[^"]*">([^<]+)</a>', real.html(_blog()))
    per_page = int(_options().get("posts_per_page", 10))
    assert [html.unescape(t) for t in shown] == [title for _, title, _, _ in posts[:per_page]]
    day, _, md, _ = posts[0]
    assert f"{day.day} {day:%B %Y}" in real.html(_url(md))


def test_each_author_page_lists_their_posts(real: Built) -> None:
    listed = 0
    for _, _, md, meta in _posts():
        for author in meta["authors"]:
            assert f'href="../../{_url(md)}"' in real.content(f"authors/{author}/"), (author, md)
            listed += 1
    assert listed >= len(_posts())


def test_the_feed_holds_the_newest_posts(real: Built) -> None:
    feed = feedparser.parse((real.site / "feed.xml").read_bytes())
    assert not feed.bozo
    posts = _posts()
    assert len(feed.entries) == len(posts)
    assert feed.entries[0].link.endswith("/" + _url(posts[0][2]))


def test_every_taxonomy_has_an_overview_and_a_page_and_feed_per_term(real: Built) -> None:
    taxonomies = _options()["taxonomies"]
    assert taxonomies
    for key, taxonomy in taxonomies.items():
        assert html.escape(taxonomy["title"], quote=False) in real.html(f"{key}/")
        for term in taxonomy["terms"]:
            assert real.exists(f"{key}/{term}/")
            assert real.exists(f"{key}/{term}/feed.xml")
    assert real.exists("cross-index.json")


def test_every_content_page_has_a_footer_and_tagged_pages_list_related_pages(real: Built) -> None:
    """An untagged page shows no terms at all (the page template writes nothing for it)."""
    pages = [real.site / _url(md) / "index.html" for md in _markdown_files() if _published(md)]
    assert pages
    for html_path in pages:
        html = html_path.read_text(encoding="utf-8")
        assert 'class="cp-page-footer"' in html, html_path
    tagged = [p for p in pages if 'class="cp-chip"' in p.read_text(encoding="utf-8")]
    keys = set(_options()["taxonomies"])
    assert len(tagged) == sum(
        1 for md in _markdown_files() if _published(md) and any(_front_matter(md).get(k) for k in keys)
    )
    for html_path in tagged:
        assert 'class="cp-related"' in html_path.read_text(encoding="utf-8"), html_path
    for html_path in (p for p in pages if p not in tagged):
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
    assert len(outputs[0]) > len(_markdown_files())
    assert [p for p in outputs[0] if outputs[0][p] != outputs[1][p]] == []
