"""Issue 22's rules, one at a time: the types of file a content folder may publish, SVGs that
are plain pictures, the configuration's texts and addresses, source folders and the authors
file inside the repository, and addresses that hosts fold into one."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from unit_support import SPEC

from coproduction.core.checks import check_addresses, check_config_texts, check_footer_links
from coproduction.core.file_types import PUBLISHABLE, check_file_types, svg_problem
from coproduction.core.settings import SourceSpec, TermSpec
from coproduction.core.sources import ContentFile, Screen, authors_path, usable_sources
from coproduction.core.urls import folded, unsafe_link, web_address

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">{}</svg>'


@pytest.mark.parametrize(
    "inside",
    [
        '<circle cx="4" cy="4" r="3" fill="url(#g)"/>',
        '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>',
        "<style>.a{fill:url( '#g' )}</style><title>A</title><desc>B</desc>",
        '<use xmlns:x="http://www.w3.org/1999/xlink" x:href="#a"/><g aria-label="x" data-id="1"/>',
        '<text x="1" y="4" font-family="sans-serif">Hi &amp; bye</text>',
    ],
)
def test_a_plain_picture_passes(inside: str) -> None:
    assert svg_problem(SVG.format(inside).encode()) is None


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (SVG.format("<script>alert(1)</script>"), "a <script> element"),
        (SVG.format('<g onclick="alert(1)"/>'), "an attribute onclick= on <g>"),
        (SVG.format('<g ONMOUSEOVER="alert(1)"/>'), "an attribute ONMOUSEOVER= on <g>"),
        (SVG.format('<animate attributeName="href" to="javascript:alert(1)"/>'), "a <animate> element"),
        (SVG.format('<set attributeName="href" to="javascript:alert(1)"/>'), "a <set> element"),
        (SVG.format('<image href="https://tracker.example/p.png"/>'), "a <image> element"),
        (SVG.format('<use href="data:image/svg+xml,x"/>'), "a link out of the picture"),
        (SVG.format('<rect style="fill:url(https://x.example/a)"/>'), "an attribute style= on <rect>"),
        (SVG.format("<style>rect{background:url(//x.example/a)}</style>"), "a <style> that fetches"),
        (SVG.format("<style>rect{background:\\75rl(//x.example/a)}</style>"), "a <style> that fetches"),
        (SVG.format("<style>rect{background:image-set('//x.example/a' 1x)}</style>"), "a <style> that"),
        (SVG.format('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), "<script>"),
        ('<?xml-stylesheet href="a.xsl" type="text/xsl"?>' + SVG.format(""), "<?xml-stylesheet?>"),
        ('<!DOCTYPE svg [<!ENTITY a "b">]>' + SVG.format("&a;"), "<!DOCTYPE>"),
        ("<html><script>alert(1)</script></html>", "a <html> element"),
        (SVG.format("<g>"), "XML that does not parse"),
    ],
)
def test_anything_active_in_an_svg_is_found(data: str, what: str) -> None:
    found = svg_problem(data.encode())
    assert found is not None
    assert what in found[1]


def test_a_billion_laughs_is_refused_before_it_is_expanded() -> None:
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10 if i else "x"}">' for i in range(10))
    data = f"<!DOCTYPE svg [{entities}]>" + SVG.format("<text>&a9;</text>")
    assert svg_problem(data.encode()) == (1, "a <!DOCTYPE> (its entities can bring in other files)")


def _file(tmp_path: Path, path: str, content: bytes = b"x") -> ContentFile:
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return ContentFile(path.split("/", 1)[1], str(target), path, "guide", "docs")


def test_only_types_a_browser_does_not_run_are_published(tmp_path: Path) -> None:
    names = ["docs/a.PNG", "docs/b.pdf", "docs/CNAME", "docs/c.html", "docs/d.js", "docs/e.css", "docs/f"]
    names += ["docs/g.xhtml", "docs/h.json", "docs/i.woff2", "docs/j.md"]
    refused, problems = check_file_types([_file(tmp_path, name) for name in names], SPEC)
    assert refused == {"c.html", "d.js", "e.css", "f", "g.xhtml", "h.json", "i.woff2"}
    assert [p.path for p in problems] == [f"docs/{name}" for name in sorted(refused)]
    assert not {"html", "htm", "svg", "xml", "js", "mjs", "css", "swf", "xsl"} & PUBLISHABLE


def test_publish_files_lets_named_files_through_and_reports_entries_naming_none(tmp_path: Path) -> None:
    spec = dataclasses.replace(
        SPEC,
        publish_files=("docs/games/*.html", "docs/gone.js"),
        lines=(("plugins.coproduction.publish_files", 9),),
    )
    files = [
        _file(tmp_path, "docs/games/a.html"),
        _file(tmp_path, "docs/games/sub/b.html"),
        _file(tmp_path, "docs/c.html"),
    ]
    refused, problems = check_file_types(files, spec)
    assert refused == {"c.html"}
    assert [(p.path, p.line) for p in problems] == [("docs/c.html", 1), ("mkdocs.yml", 9)]
    assert "'docs/gone.js' names no file" in problems[1].message


@pytest.mark.parametrize(
    ("value", "good"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ('https://example.org/" onmouseover="alert(1)', False),
        ("https://example.org/<script>", False),
        ("//example.org/", False),
        ("https:/example.org", False),
        ("data:text/html,x", False),
    ],
)
def test_a_web_address_is_http_with_nothing_that_ends_an_attribute(value: str, good: bool) -> None:
    assert web_address(value) is good


def test_footer_links_need_a_page_or_a_web_address() -> None:
    spec = dataclasses.replace(
        SPEC,
        footer_links=(
            ("A", "", "javascript:alert(1)"),
            ("B", "", 'https://x.org/" onclick=1'),
            ("C", "", "https://x.org/"),
        ),
    )
    assert [p.message.split("'")[1] for p in check_footer_links(spec, set())] == ["A", "B"]


def test_html_in_the_configuration_s_texts_is_named_with_its_line() -> None:
    tax = SPEC.taxonomies[0]
    spec = dataclasses.replace(
        SPEC,
        copyright="&copy; 2026 Health & Care <3",
        site_name="Kit<script>",
        footer_links=(('Credits" onmouseover="x', "credits.md", ""),),
        taxonomies=(dataclasses.replace(tax, terms=(TermSpec("power", "Power", "<b>Who</b>"),)),),
        lines=(("site_name", 2), ("plugins.coproduction.taxonomies.barriers.terms.power.description", 30)),
    )
    found = [(p.line, p.message.split(" holds")[0]) for p in check_config_texts(spec)]
    assert found == [
        (2, "site_name 'Kit<script>'"),
        (1, "a footer link's title 'Credits\" onmouseover=\"x'"),
        (30, "the description of term 'power' '<b>Who</b>'"),
    ]


def test_addresses_a_host_folds_into_one_are_one() -> None:
    assert folded("Caf%C3%A9/") == folded("cafe%CC%81/") == folded("CAFE%CC%81/")
    problems = check_addresses([("a/", "docs/a.md"), ("A/", "docs/A.md"), ("b/", "docs/b.md")], {})
    assert [(p.path, p.about) for p in problems] == [("docs/A.md", ("docs/a.md",))]
    assert "only in upper and lower case" in problems[0].message
    generated = check_addresses([("Barriers/", "docs/Barriers.md")], {"barriers/": "the barriers page"})
    assert "used by the barriers page" in generated[0].message


def _sources(root: Path, *dirs: str) -> list[str]:
    spec = dataclasses.replace(
        SPEC, docs_dir="docs", sources=tuple(SourceSpec(f"s{i}", d, "guide") for i, d in enumerate(dirs))
    )
    kept, problems = usable_sources(spec, str(root), Screen(str(root)))
    return [s.dir for s in kept] + [p.message.split(") ", 1)[1].split(",")[0] for p in problems]


def test_source_folders_are_inside_the_repository_and_apart(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for folder in ("docs/sub", "posts/sub", "toolkit", "extra"):
        (root / folder).mkdir(parents=True)
    os.symlink("posts", root / "again")
    os.symlink(str(tmp_path), root / "out")
    assert _sources(root, "posts", "toolkit") == ["posts", "toolkit"]
    assert _sources(root, "posts", "again", "posts/sub", "docs", "docs/sub", ".", "out", "../repo/extra") == [
        "posts",
        "../repo/extra",
        "is the folder of source 's0'",
        "is inside the folder of source 's0'",
        "is the docs folder 'docs'",
        "is inside the docs folder 'docs'",
        "holds the docs folder 'docs'",
        "leads outside the repository",
    ]


def test_the_authors_file_is_read_only_from_inside_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "posts").mkdir(parents=True)
    (tmp_path / "authors.yml").write_text("ann: {name: Ann}\n", encoding="utf-8")
    os.symlink("../../authors.yml", root / "posts" / "authors.yml")
    screen = Screen(str(root))
    for name in ("posts/authors.yml", "../authors.yml"):
        path, problems = authors_path(dataclasses.replace(SPEC, authors_file=name), str(root), screen)
        assert (path, len(problems)) == ("", 1)
    (root / "posts" / "authors.yml").unlink()
    (root / "posts" / "authors.yml").write_text("ann: {name: Ann}\n", encoding="utf-8")
    path, problems = authors_path(
        dataclasses.replace(SPEC, authors_file="posts/authors.yml"), str(root), screen
    )
    assert (path, problems) == (str(root / "posts" / "authors.yml"), [])


@pytest.mark.parametrize(
    ("entry", "ran"),
    [
        ("javascript:alert(1)", True),
        (" Java\tScript:alert(1)", True),
        ("data:text/html,<script>", True),
        ("vbscript:x", True),
        ("https://example.org/", False),
        ("mailto:team@example.org", False),
        ("guidance/index.md", False),
        ("/guidance/", False),
        ("guidance/a:b.md", False),
        ("guidance/a page.md", False),
        ('https://example.org/" onmouseover="alert(1)', True),
        ("//example.org/<script>", True),
    ],
)
def test_a_link_a_browser_would_run_or_that_ends_its_attribute_is_told_apart(entry: str, ran: bool) -> None:
    assert unsafe_link(entry) is ran
