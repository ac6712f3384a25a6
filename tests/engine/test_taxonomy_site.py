"""Issue 3: term pages, overview, chips, related lists, JSON export and content problems."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from mkdocs.exceptions import Abort

from conftest import (
    AUTHORS,
    BASE_CONFIG,
    REPO,
    Built,
    build_site,
    config_line,
    page,
    plugin_options,
    tool,
    write_site,
)

FILES: dict[str, str | bytes] = {
    "docs/guidance/zebra.md": page(
        {"title": "Zebra guide", "description": "About zebras.", "barriers": ["power", "capacity"]}
    ),
    "docs/guidance/apple.md": page({"title": "Apple guide", "barriers": ["power"]}),
    "docs/principles/share.md": page(
        {"title": "Share power", "kind": "principle", "barriers": ["power", "leadership"]}
    ),
    "docs/untagged.md": page({"title": "Forgotten page"}),
    "toolkit/map.md": tool({"title": "Power map", "barriers": ["power", "leadership"]}),
    "posts/authors.yml": AUTHORS,
    "posts/old.md": page(
        {"title": "Old post", "date": "2019-04-03", "authors": ["bob"], "barriers": ["power"]}
    ),
    "posts/new.md": page(
        {
            "title": "New post",
            "description": "The newest.",
            "date": "2019-04-29",
            "authors": ["ann", "bob"],
            "barriers": ["power", "leadership", "diversity"],
        }
    ),
}


@pytest.fixture
def built(make_site: Any) -> Built:
    """The fixture site, every list on one page (pagination has a test of its own)."""
    config = copy.deepcopy(BASE_CONFIG)
    plugin_options(config).update(posts_per_page=20, items_per_page=20)
    return make_site(FILES, config)


def _url(path: str) -> str:
    """The URL of a fixture Markdown file: docs/ files at the root, index.md as its folder."""
    stem = path.removesuffix(".md").removeprefix("docs/")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/" if stem else ""


def _front(text: str | bytes) -> dict[str, Any]:
    assert isinstance(text, str)
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(meta, dict)
    return meta


# Every content page of the fixture (with the home page write_site adds), by URL: its front matter.
CONTENT: dict[str, dict[str, Any]] = {
    "": {"title": "Home", "barriers": []},
    **{_url(path): _front(text) for path, text in FILES.items() if path.endswith(".md")},
}
TERM_TITLES = {"power": "Power", "leadership": "Leadership", "diversity": "Diversity", "capacity": "Capacity"}


def _section(html: str, anchor: str) -> str:
    """HTML from the heading with id ``anchor`` to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end != -1 else None]


def test_term_page_groups_pages_by_kind(built: Built) -> None:
    html = built.html("barriers/power/")
    assert re.search(r"<h1[^>]*>Power</h1>", html) and "Who decides." in html
    assert "6 pages about power" in html
    order = [m.group(1) for m in re.finditer(r'<h2 id="(\w+)"', html)]
    assert order == ["guides", "principles", "tools", "posts"]
    guides = _section(html, "guides")
    assert guides.index("Apple guide") < guides.index("Zebra guide")  # by title
    assert "About zebras." in guides
    posts = _section(html, "posts")
    assert posts.index("New post") < posts.index("Old post")  # newest first
    assert "29 April 2019" in posts and "Ann Author" in posts and "Bob Writer" in posts
    assert 'href="../../barriers/power/feed.xml"' in html


def test_overview_has_counts_matrix_pairs_and_untagged(built: Built) -> None:
    html = built.html("barriers/")
    assert "Barriers" in html and "What holds co-production back." in html
    assert re.search(r"<strong>Power</strong></a>\s*\(6 pages\)", html)
    # Matrix cell: 2 guides about power, linking to that group on the term page.
    assert '<a href="../barriers/power/#guides" aria-label="2 guidance about power">2</a>' in html
    assert re.search(r'<a href="../barriers/leadership/#posts"[^>]*>1</a>', html)
    together = _section(html, "together")
    assert re.search(r"Power</a> and <a[^>]*>Leadership</a>: 3 pages", together)
    untagged = _section(html, "untagged")
    assert "Forgotten page" in untagged and "docs/untagged.md" in untagged
    # Home says barriers: [] on purpose, so it is not listed for fixing.
    assert "Home" not in untagged


def test_every_content_page_shows_its_terms_and_related_pages(built: Built) -> None:
    html = built.html("toolkit/map/")
    footer = html[html.index('class="cp-page-footer"') :]
    assert '<a class="cp-chip" href="../../barriers/power/">Power</a>' in footer
    assert '<a class="cp-chip" href="../../barriers/leadership/">Leadership</a>' in footer
    related = footer[footer.index('class="cp-related"') :]
    titles = re.findall(r'<li><a href="[^"]*">([^<]+)</a>', related)
    # Share power shares both terms, as does New post (which also has diversity):
    # newest dated first, then by title. Limited to `related: 3`. Never the page itself.
    assert titles == ["New post", "Share power", "Old post"]
    assert "Power map" not in titles

    terms_of = {meta["title"]: set(meta.get("barriers") or []) for meta in CONTENT.values()}
    assert len(CONTENT) == 8
    for url, meta in CONTENT.items():
        html = built.html(url)
        start = html.index('class="cp-page-footer"')
        footer = html[start : html.index("</aside>", start)]
        up = "../" * url.count("/")
        terms = meta.get("barriers") or []
        chips = re.findall(r'<a class="cp-chip" href="([^"]*)">([^<]+)</a>', footer)
        assert chips == [(f"{up}barriers/{t}/", TERM_TITLES[t]) for t in terms], url
        if not terms:
            assert 'class="cp-terms"' not in footer and 'class="cp-related"' not in footer, url
            continue
        related = footer[footer.index('class="cp-related"') :]
        titles = re.findall(r'<li><a href="[^"]*">([^<]+)</a>', related)
        sharing = [t for t, other in terms_of.items() if t != meta["title"] and other & set(terms)]
        assert len(titles) == min(3, len(sharing)), (url, titles)
        assert meta["title"] not in titles, url
        shared = [len(terms_of[t] & set(terms)) for t in titles]
        assert all(n > 0 for n in shared), (url, titles)
        assert shared == sorted(shared, reverse=True), (url, titles)  # most shared terms first


def test_cross_index_lists_every_page(built: Built) -> None:
    data = built.json()
    urls = [p["url"] for p in data["pages"]]
    assert urls == sorted(urls)
    new = next(p for p in data["pages"] if p["url"] == "posts/new/")
    assert new == {
        "url": "posts/new/",
        "title": "New post",
        "description": "The newest.",
        "kind": "post",
        "terms": {"barriers": ["power", "leadership", "diversity"]},
        "date": "2019-04-29",
        "authors": ["ann", "bob"],
        "source": None,
        "path": "posts/new.md",
    }
    assert {"toolkit/map/", "principles/share/", "untagged/", "./"} <= set(urls)
    # Every content page of the fixture, once, and nothing else (the home page is "./").
    assert len(urls) == len(set(urls))
    assert set(urls) == {url or "./" for url in CONTENT}
    assert data["taxonomies"]["barriers"]["terms"]["power"]["title"] == "Power"


PROBLEMS: dict[str, str | bytes] = {
    "docs/unknown.md": "---\ntitle: Unknown\nbarriers:\n  - power\n  - powr\n---\nText\n",
    "docs/notstring.md": "---\ntitle: Not string\nbarriers: [power, 3]\n---\nText\n",
    "docs/duplicate.md": "---\ntitle: Dup\nbarriers: [power, power]\n---\nText\n",
    "docs/badyaml.md": "---\ntitle: Bad\nbarriers: [power\ndescription: oops\n---\nSECRET BODY\n",
    "docs/latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
    "docs/clash.md": page({"title": "Clash", "barriers": []}),
    "docs/clash/index.md": page({"title": "Clash two", "barriers": []}),
    "posts/authors.yml": AUTHORS,
    "posts/nodate.md": "---\ntitle: No date\nauthors: [ann]\nbarriers: [power]\n---\nText\n",
    "posts/baddate.md": "---\ntitle: Bad date\ndate: 2019-02-30\nauthors: [ann]\nbarriers: []\n---\n",
    "posts/noauthor.md": "---\ntitle: No author\ndate: 2020-01-01\nbarriers: []\n---\nText\n",
    "posts/stranger.md": "---\ntitle: Stranger\ndate: 2020-01-01\nauthors: [anne]\nbarriers: []\n---\n",
    "docs/good.md": page({"title": "Good page", "barriers": ["capacity"]}),
}

EXPECTED = [
    "docs/unknown.md:5: unknown barriers term 'powr'. Did you mean 'power'?",
    "docs/notstring.md:3: barriers term 3 is not text",
    "docs/duplicate.md:3: barriers term 'power' is listed twice",
    "docs/badyaml.md:3: the front matter is not valid YAML",
    "docs/latin1.md:2: this file is not UTF-8 text",
    "docs/clash/index.md:1: the URL /clash/ is already used by docs/clash.md",
    "posts/nodate.md:1: a blog post needs a date",
    "posts/baddate.md:3: date '2019-02-30' is not a real date",
    "posts/noauthor.md:1: a blog post needs authors",
    "posts/stranger.md:4: unknown author id 'anne'. Did you mean 'ann'?",
]


def test_each_content_problem_is_a_file_line_warning(make_site: Any) -> None:
    built = make_site(PROBLEMS)
    ours = [w.removeprefix("coproduction: ") for w in built.warnings]
    for expected in EXPECTED:
        assert any(w.startswith(expected) for w in ours), (expected, ours)
    assert len(ours) == len(EXPECTED), ours
    # Every good page, and every page with fixable problems, is still written.
    assert "Good page" in built.html("good/")
    assert "Unknown" in built.html("unknown/")
    # The valid term of a page with a bad one is kept.
    assert 'href="../barriers/power/"' in built.html("unknown/")
    # Invalid YAML is not published as page text, but the body is.
    bad = built.html("badyaml/")
    assert "SECRET BODY" in bad and "description: oops" not in bad
    # A file that cannot be read is left out rather than crashing the build.
    assert not built.exists("latin1/")


def test_strict_build_fails_on_content_problems(tmp_path: Path) -> None:
    write_site(tmp_path, PROBLEMS)
    with pytest.raises(Abort, match="warnings in strict mode"):
        build_site(tmp_path, strict=True)


def test_a_second_taxonomy_gets_its_own_pages_and_checks(make_site: Any) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    plugin = config["plugins"][1]["coproduction"]
    plugin["taxonomies"]["audience"] = {
        "title": "Audience",
        "terms": {"carers": {"title": "Carers"}, "staff": {"title": "Staff"}},
    }
    built = make_site(
        {
            "docs/a.md": page({"title": "For carers", "barriers": ["power"], "audience": ["carers"]}),
            "docs/b.md": page({"title": "Typo", "barriers": [], "audience": ["carer"]}),
        },
        config,
    )
    assert "For carers" in built.html("audience/carers/")
    assert "Audience" in built.html("audience/")
    assert any("docs/b.md:" in w and "unknown audience term 'carer'" in w for w in built.warnings)
    chips = built.html("a/")
    assert 'href="../audience/carers/">Carers</a>' in chips
    assert built.json()["pages"][1]["terms"] == {"barriers": ["power"], "audience": ["carers"]}


def test_front_matter_text_is_escaped_everywhere(make_site: Any) -> None:
    nasty = 'Tom & "Jerry" <script>alert(1)</script>'
    built = make_site(
        {
            "posts/authors.yml": AUTHORS,
            "posts/nasty.md": page(
                {
                    "title": nasty,
                    "description": nasty,
                    "date": "2020-05-05",
                    "authors": ["ann"],
                    "barriers": ["power"],
                }
            ),
            "docs/other.md": page({"title": "Other", "barriers": ["power"]}),
        }
    )
    escaped = "Tom &amp; &#34;Jerry&#34; &lt;script&gt;alert(1)&lt;/script&gt;"
    for url in ("barriers/power/", "posts/", "other/", "authors/ann/"):
        html = built.html(url)
        assert "<script>alert(1)</script>" not in html, url
        assert escaped in html, url
    # Every HTML file the build wrote: the title never appears unescaped, nor half-escaped.
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 10
    assert built.site / "posts/nasty/index.html" in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, path
        assert html.count("Jerry") == html.count(escaped), path
    data = built.json()
    assert any(p["title"] == nasty for p in data["pages"])
    feed = (built.site / "feed.xml").read_text()
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    # Every feed: the site's, and one per term (the post is in the power feed).
    feeds = sorted(built.site.rglob("*.xml"))
    mentioning = set()
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text, path
        if "Jerry" in text:
            mentioning.add(path.relative_to(built.site).as_posix())
            assert "&lt;script&gt;" in text, path
    assert mentioning == {"feed.xml", "barriers/power/feed.xml"}


def test_templates_can_be_overridden_from_custom_dir(make_site: Any, tmp_path: Path) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"]["custom_dir"] = "overrides"
    (tmp_path / "overrides/coproduction").mkdir(parents=True)
    (tmp_path / "overrides/coproduction/term.html").write_text(
        "<h1>Custom {{ entry.term.title }}</h1><p>{{ entry.count }} here</p>"
    )
    built = make_site({"docs/a.md": page({"title": "A", "barriers": ["power"]})}, config)
    assert "<h1>Custom Power</h1><p>1 here</p>" in built.html("barriers/power/")


def test_rebuilds_start_from_fresh_state(tmp_path: Path) -> None:
    """`mkdocs serve` keeps the plugin between builds: edits, renames and deletions show."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    write_site(tmp_path, {"docs/a.md": page({"title": "Alpha", "barriers": ["power"]})})
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    build(config)
    assert "Alpha" in (tmp_path / "site/barriers/power/index.html").read_text()
    (tmp_path / "docs/a.md").unlink()
    (tmp_path / "docs/b.md").write_text(page({"title": "Beta", "barriers": ["capacity"]}))
    build(config)
    power = (tmp_path / "site/barriers/power/index.html").read_text()
    assert "Alpha" not in power and "No pages carry this term yet." in power
    assert "Beta" in (tmp_path / "site/barriers/capacity/index.html").read_text()
    pages = json.loads((tmp_path / "site/cross-index.json").read_text())["pages"]
    assert [p["title"] for p in pages] == ["Home", "Beta"]


def test_bad_taxonomy_config_names_the_option(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.config import load_config

    config = copy.deepcopy(BASE_CONFIG)
    config["plugins"][1]["coproduction"]["taxonomies"]["barriers"]["terms"]["Bad Term"] = {"title": "Bad"}
    write_site(tmp_path, {}, config)
    with pytest.raises(Abort):
        load_config(config_file=str(tmp_path / "mkdocs.yml"))
    assert "term 'Bad Term' must use only lower-case letters" in caplog.text
    assert "coproduction" in caplog.text


def test_easy_read_versions_link_both_ways(make_site: Any) -> None:
    built = make_site(
        {
            "docs/guide.md": page(
                {"title": "Paying people", "barriers": ["capacity"], "easy_read": "easy-read/guide.md"}
            ),
            "docs/easy-read/guide.md": page({"title": "Paying people: Easy Read", "barriers": ["capacity"]}),
            "docs/other.md": page("title: Other\nbarriers: [power]\neasy_read: easy-read/missing.md\n"),
        }
    )
    standard = built.content("guide/")
    assert '<a href="../easy-read/guide/">Easy Read version of this page</a>' in standard
    easy = built.content("easy-read/guide/")
    assert '<a href="../../guide/">Standard version of this page</a>: Paying people' in easy
    assert "Standard version" not in built.content("other/")
    assert "Easy Read version" not in built.content("other/")  # no link to a page that is not there
    # docs/other.md line 4 names a page that does not exist: a warning, and the page still builds.
    assert any(
        w.endswith(
            "docs/other.md:4: easy_read 'easy-read/missing.md' is not a page of this site: "
            "give the path of the Easy Read page's Markdown file from docs/, like "
            "easy_read: easy-read/home.md"
        )
        for w in built.warnings
    ), built.warnings
    assert built.exists("other/")


def test_a_terms_easy_read_page_links_both_ways_and_a_missing_one_is_reported(make_site: Any) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    terms = plugin_options(config)["taxonomies"]["barriers"]["terms"]
    terms["power"]["easy_read"] = "easy-read/power.md"
    terms["capacity"]["easy_read"] = "easy-read/gone.md"
    built = make_site(
        {
            "docs/easy-read/power.md": page({"title": "Power: Easy Read", "barriers": ["power"]}),
            "toolkit/t.md": tool({"title": "T", "barriers": ["power"]}),
        },
        config,
    )
    term = built.content("barriers/power/")
    assert '<a href="../../easy-read/power/">Easy Read version of this page</a>' in term
    easy = built.content("easy-read/power/")
    assert 'class="cp-easy-read cp-easy-read--back"><a href="../../barriers/power/">' in easy  # large type
    assert "Standard version of this page</a>: Power" in easy
    assert "Easy Read version" not in built.content("barriers/capacity/")
    assert [w for w in built.warnings if "easy_read" in w] == [
        f"coproduction: mkdocs.yml:{config_line(built.root, 'easy_read: easy-read/gone.md')}: easy_read "
        "'easy-read/gone.md' of the barriers term 'capacity' "
        "is not a page of this site: give the path of the Easy Read page's Markdown file from docs/, "
        "like easy-read/power.md"
    ]


def test_term_and_combination_pages_are_paginated_and_feeds_capped(make_site: Any) -> None:
    """No page or feed grows with the site: items_per_page items a page, feed_items a feed."""
    config = copy.deepcopy(BASE_CONFIG)
    plugin_options(config).update(items_per_page=2, feed_items=3)
    files: dict[str, str | bytes] = {"posts/authors.yml": AUTHORS}
    for i in range(4):
        files[f"toolkit/t{i}.md"] = tool({"title": f"Tool {i}", "barriers": ["power", "capacity"]})
        files[f"posts/p{i}.md"] = page(
            {
                "title": f"Post {i}",
                "date": f"202{i}-01-01",
                "authors": ["ann"],
                "barriers": ["power", "capacity"],
            }
        )
    built = make_site(files, config, strict=True)
    for base in ("barriers/power/", "barriers/power+capacity/"):
        shown = []
        for url in (base, f"{base}page/2/", f"{base}page/3/", f"{base}page/4/"):
            html = built.content(url)
            titles = re.findall(r'class="cp-item__title" href="[^"]*">([^<]+)</a>', html)
            assert len(titles) == 2, url
            shown += titles
            assert 'class="cp-pagination"' in html
        assert sorted(shown) == sorted([f"Tool {i}" for i in range(4)] + [f"Post {i}" for i in range(4)])
        assert not built.exists(f"{base}page/5/")
    # The kind links and the matrix lead to the page where each kind's group starts.
    assert 'href="../../barriers/power/page/3/#posts">Blog posts (4)</a>' in built.content("barriers/power/")
    assert 'href="../barriers/power/page/3/#posts"' in built.content("barriers/")
    for feed in ("feed.xml", "barriers/power/feed.xml"):
        entries = feedparser.parse((built.site / feed).read_bytes()).entries
        assert [e.title for e in entries] == ["Post 3", "Post 2", "Post 1"], feed


def test_footer_links_from_the_configuration_work_without_directory_urls(
    make_site: Any, tmp_path: Path
) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["use_directory_urls"] = False
    config["theme"] = {**config["theme"], "custom_dir": "overrides"}
    plugin_options(config)["footer_links"] = [
        {"title": "Accessibility statement", "page": "accessibility.md"},
        {"title": "Licence", "url": "https://creativecommons.org/licenses/by/4.0/"},
        {"title": "Gone", "page": "gone.md"},
    ]
    (tmp_path / "overrides/partials").mkdir(parents=True)
    shutil.copy(REPO / "overrides/partials/copyright.html", tmp_path / "overrides/partials/copyright.html")
    built = make_site(
        {
            "docs/accessibility.md": page({"title": "Accessibility statement", "barriers": []}),
            "docs/guidance/a.md": page({"title": "A", "barriers": ["power"]}),
        },
        config,
    )
    html = (built.site / "guidance/a.html").read_text(encoding="utf-8")
    assert '<a href="../accessibility.html">Accessibility statement</a>' in html
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">Licence</a>' in html
    assert "Gone</a>" not in html
    assert [w for w in built.warnings if "footer link" in w] == [
        f"coproduction: mkdocs.yml:{config_line(built.root, 'footer_links:')}: footer link 'Gone' names "
        "'gone.md', which is not a page of this site: "
        "give the page's Markdown file, like page: accessibility.md"
    ]


def _nav_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)" class="md-nav__link', html)


def test_a_navigation_the_engine_makes_lists_no_term_page(tmp_path: Path) -> None:
    """A site without ``nav:`` gets a navigation made from its files, drawn on every page: a
    term or combination page in it made every page grow with the taxonomy, and the build with
    the square of its terms. The overview stays in it; the same site with ten times the terms
    has the same navigation."""
    navs = []
    for count in (4, 40):
        config = copy.deepcopy(BASE_CONFIG)
        terms = {f"t{i}": {"title": f"Term {i}", "description": "A term."} for i in range(count)}
        plugin_options(config)["taxonomies"]["barriers"]["terms"] = terms
        root = tmp_path / str(count)
        root.mkdir()
        write_site(
            root,
            {
                "posts/authors.yml": AUTHORS,
                "toolkit/a.md": tool({"title": "A", "barriers": ["t0", "t1"]}),
                "posts/p.md": page(
                    {"title": "P", "date": "2024-01-02", "authors": ["ann"], "barriers": ["t1"]}
                ),
            },
            config,
        )
        built = build_site(root, strict=True)
        assert built.warnings == []
        assert built.exists("barriers/t0/") and built.exists("barriers/t0+t1/")
        links = _nav_links(built.html(""))
        assert any(link.rstrip("/").endswith("barriers") for link in links), links
        assert not any(re.search(r"barriers/t\d", link) for link in links), links
        navs.append(links)
    assert navs[0] == navs[1]
