"""site_links: nav entries and links in the site's templates that lead to no page (issue 21);
and the nav's lines in the configuration file."""

from __future__ import annotations

from pathlib import Path

from coproduction.core.records import Problem
from coproduction.core.settings import SiteSpec, nav_entries, option_lines
from coproduction.core.site_links import check_nav, check_templates, template_links

CONFIG = """\
site_name: Test
nav:
  - Home: index.md
  - Guidance:
      - guidance/index.md
      - Gone: guidance/gone.md
  - Barriers: barriers/index.md
  - Web: https://example.org/
  - Absolute: /guidance/absolute.md
plugins:
  - search
"""
NAV = [
    {"Home": "index.md"},
    {"Guidance": ["guidance/index.md", {"Gone": "guidance/gone.md"}]},
    {"Barriers": "barriers/index.md"},
    {"Web": "https://example.org/"},
    {"Absolute": "/guidance/absolute.md"},
]
NAMES = {"index.md", "guidance/index.md", "barriers/index.md", "img/a.png"}


def spec(**fields: object) -> SiteSpec:
    return SiteSpec(nav=nav_entries(NAV), lines=option_lines(CONFIG), **fields)  # type: ignore[arg-type]


def test_nav_entries_flatten_sections_in_order() -> None:
    assert nav_entries(NAV) == (
        "index.md",
        "guidance/index.md",
        "guidance/gone.md",
        "barriers/index.md",
        "https://example.org/",
        "/guidance/absolute.md",
    )
    assert nav_entries(None) == ()


def test_a_nav_entry_naming_no_file_is_a_problem_at_its_line() -> None:
    assert check_nav(spec(), NAMES) == [
        Problem(
            "mkdocs.yml",
            6,
            "the nav entry 'guidance/gone.md' names no page of this site. Did you mean 'guidance/index.md'? "
            "Give a page's file from docs/ (like guidance/index.md), or take the entry out",
        )
    ]


def test_absolute_nav_entries_are_checked_only_when_they_name_files_from_docs() -> None:
    problems = check_nav(spec(nav_absolute_from_docs=True), NAMES)
    assert [(p.line, p.message.split(" names")[0]) for p in problems] == [
        (6, "the nav entry 'guidance/gone.md'"),
        (9, "the nav entry '/guidance/absolute.md'"),
    ]


def test_the_engines_own_setting_turns_the_nav_check_off() -> None:
    assert check_nav(spec(check_nav=False), NAMES) == []


TEMPLATE = """\
{% extends "base.html" %}
<a href="{{ 'feedback/' | url }}">x</a> <a href="{{ "guidance/" | url }}">y</a>
<a href="{{ base_url }}/gone/">z</a> <a href="/guidance/#part">w</a> <a href="/">home</a>
<a href="{{ config.site_url }}gone-too/index.html">v</a>
{# <a href="{{ 'commented/' | url }}"> #}
<!-- <a href="/commented-too/"> -->
<link href="{{ 'assets/main.css' | url }}"> <a href="{{ 'feed.xml' | url }}">feed</a>
<a href="https://example.org/x/">out</a> <a href="//cdn.example.org/x/">out</a> <a href="#top">top</a>
<a href="{{ page.url | url }}">dynamic</a> <a href="mailto:a@example.org">mail</a>
"""


def test_template_links_finds_literal_page_addresses_only(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "404.html").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "partials/nav.html").write_text("\n<a href='/gone/'>x</a>\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("<a href='/gone/'>not a template</a>\n", encoding="utf-8")
    assert list(template_links(str(tmp_path))) == [
        ("404.html", 2, "feedback/", "feedback/"),
        ("404.html", 2, "guidance/", "guidance/"),
        ("404.html", 3, "/gone/", "gone/"),
        ("404.html", 3, "/guidance/#part", "guidance/"),
        ("404.html", 3, "/", ""),
        ("404.html", 4, "gone-too/index.html", "gone-too/"),
        ("partials/nav.html", 2, "/gone/", "gone/"),
    ]


def test_template_links_to_unpublished_addresses_are_problems(tmp_path: Path) -> None:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/404.html").write_text(TEMPLATE, encoding="utf-8")
    addresses = {"./", "guidance/", "feed.xml", "img/a.png"}
    problems = check_templates(SiteSpec(templates_dir="overrides"), str(tmp_path), addresses)
    assert [(p.path, p.line, p.message.split(" leads")[0]) for p in problems] == [
        ("overrides/404.html", 2, "the link 'feedback/'"),
        ("overrides/404.html", 3, "the link '/gone/'"),
        ("overrides/404.html", 4, "the link 'gone-too/index.html'"),
    ]
    assert problems[0].message == (
        "the link 'feedback/' leads to no page of this site (nothing is published at /feedback/). "
        "Link to a page the site has, or add the page"
    )
    # Without templates of its own, a site has nothing to check.
    assert check_templates(SiteSpec(), str(tmp_path), addresses) == []


def test_addresses_compare_unquoted_and_without_index_html(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t/a.html").write_text(
        '<a href="{{ \'caf%C3%A9/\' | url }}"></a><a href="/guidance"></a><a href="/x.html"></a>\n',
        encoding="utf-8",
    )
    addresses = {"caf%C3%A9/", "guidance/index.html", "x.html"}
    assert check_templates(SiteSpec(templates_dir="t"), str(tmp_path), addresses) == []
