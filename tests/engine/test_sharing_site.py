"""Issue 21: every page says what a shared link to it shows (Open Graph and Twitter card tags),
and the site has a robots.txt that points at its sitemap."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import AUTHORS, BASE_CONFIG, Built, page

TRICKY = 'Fish <b>&</b> "chips"'


class _Head(HTMLParser):
    """The ``<meta>`` tags of a page's head, by their ``property`` or ``name``, each value a list."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head:
            found = dict(attrs)
            key = found.get("property") or found.get("name")
            if key:
                self.meta.setdefault(key, []).append(found.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def shared(html: str) -> dict[str, str]:
    """The page's Open Graph, article and Twitter tags, each of which must appear once."""
    parser = _Head()
    parser.feed(html)
    tags = {k: v for k, v in parser.meta.items() if k.startswith(("og:", "article:", "twitter:"))}
    assert all(len(values) == 1 for values in tags.values()), tags
    return {k: v[0] for k, v in tags.items()}


def _site(**site: Any) -> dict[str, Any]:
    config = copy.deepcopy(BASE_CONFIG)
    config.update(site)
    return config


FILES: dict[str, str | bytes] = {
    "posts/authors.yml": AUTHORS,
    "docs/guidance/tricky.md": page({"title": TRICKY, "description": TRICKY, "barriers": ["power"]}),
    "docs/guidance/plain.md": page({"title": "Plain", "barriers": ["power"]}),
    "posts/hello.md": page(
        {"title": "Hello", "description": "A post.", "date": "2024-03-01", "authors": ["ann"], "barriers": []}
    ),
}


def test_every_page_says_what_a_shared_link_shows(make_site: Any) -> None:
    built: Built = make_site(FILES, _site(site_description="The whole toolkit."), strict=True)
    root = "https://example.org/toolkit/"

    tricky = built.html("guidance/tricky/")
    assert shared(tricky) == {
        "og:type": "article",
        "og:site_name": "Test Toolkit",
        "og:locale": "en",
        "og:title": TRICKY,
        "og:description": TRICKY,
        "og:url": f"{root}guidance/tricky/",
        "twitter:card": "summary",
        "twitter:title": TRICKY,
        "twitter:description": TRICKY,
    }
    assert "<b>&</b>" not in tricky.split("</head>")[0]  # escaped, not markup

    # A page without a description of its own gets the site's.
    plain = shared(built.html("guidance/plain/"))
    assert (plain["og:description"], plain["twitter:description"]) == ("The whole toolkit.",) * 2

    post = shared(built.html("posts/hello/"))
    assert (post["og:type"], post["article:published_time"]) == ("article", "2024-03-01")

    home = shared(built.html(""))
    assert (home["og:type"], home["og:title"], home["og:url"]) == ("website", "Test Toolkit", root)

    # The plugin's generated pages too: a term's page is a listing.
    term = shared(built.html("barriers/power/"))
    assert term["og:type"] == "website"
    assert (term["og:title"], term["og:description"]) == ("Power", "Who decides.")
    assert term["og:url"] == f"{root}barriers/power/"

    # The 404 page is at no address of its own: it goes by the site's name and description.
    missing = shared((built.site / "404.html").read_text(encoding="utf-8"))
    assert "og:url" not in missing
    assert (missing["og:title"], missing["og:description"]) == ("Test Toolkit", "The whole toolkit.")

    # Every page has them, once (``shared`` holds the once).
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        assert "og:title" in shared(path.read_text(encoding="utf-8")), path


def test_without_a_description_or_site_url_the_tags_say_less(make_site: Any) -> None:
    config = _site(theme={**BASE_CONFIG["theme"], "language": "cy"})
    del config["site_url"]
    built = make_site({"docs/guidance/plain.md": page({"title": "Plain", "barriers": []})}, config)
    tags = shared(built.html("guidance/plain/"))
    assert tags["og:locale"] == "cy"
    assert not {"og:url", "og:description", "twitter:description"} & tags.keys()
    assert (built.site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"


def test_robots_txt_points_at_the_sitemap_under_the_site_path(make_site: Any) -> None:
    built = make_site({}, strict=True)
    robots = (built.site / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/toolkit/sitemap.xml\n"
    assert (built.site / "sitemap.xml").is_file()


def test_a_robots_txt_of_the_sites_own_is_kept(make_site: Any, tmp_path: Path) -> None:
    own = "User-agent: *\nDisallow: /private/\n"
    built = make_site({"docs/robots.txt": own}, strict=True)
    assert (built.site / "robots.txt").read_text(encoding="utf-8") == own
