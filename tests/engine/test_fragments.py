"""Theme fragments shared by the pages of a folder (``overrides/base.html``'s ``shared``):
the site is the same, byte for byte, as one whose every page renders them afresh."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest

import site_content
from conftest import AUTHORS, BASE_CONFIG, REPO, build_site, page, plugin_options, tool, write_site
from coproduction.mkdocs_plugin.fragments import Fragments, link_folder

# isort: split
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import url_filter


def _tool(title: str, barriers: list[str]) -> str:
    return tool({"title": title, "barriers": barriers})


def _post(title: str, date: str, barriers: list[str]) -> str:
    return page({"title": title, "date": date, "authors": ["ann"], "barriers": barriers})


# Pages the nav lists, and pages it does not, side by side in one folder; a page whose
# folder holds a page the nav lists (guidance/planning/ and guidance/planning/checklist/);
# top-level pages in different sections (team/ borrows the Blog's; privacy/ has none);
# (in the nav) a link into a page's own folder and a link to a page outside the nav; and
# footer links to pages beside other pages (accessibility/ beside credits/ and feedback/).
FILES: dict[str, str | bytes] = {
    "docs/guidance/index.md": page({"title": "Guidance", "barriers": []}),
    "docs/guidance/listed.md": page({"title": "Listed", "barriers": ["power"]}),
    "docs/guidance/unlisted.md": page({"title": "Unlisted", "barriers": ["power"]}),
    "docs/guidance/other.md": page({"title": "Other", "barriers": ["capacity"]}),
    "docs/guidance/planning.md": page({"title": "Planning", "barriers": ["capacity"]}),
    "docs/guidance/planning/checklist.md": page({"title": "Planning checklist", "barriers": []}),
    "docs/team.md": page({"title": "Team", "barriers": []}),
    "docs/privacy.md": page({"title": "Privacy", "barriers": []}),
    "docs/accessibility.md": page({"title": "Accessibility statement", "barriers": []}),
    "docs/credits.md": page({"title": "Credits", "barriers": []}),
    "docs/feedback.md": page({"title": "Feedback", "barriers": []}),
    "docs/glossary.md": page({"title": "Glossary", "barriers": []}),
    "toolkit/index.md": page({"title": "Toolkit", "barriers": []}),
    "toolkit/map.md": _tool("Power map", ["power"]),
    "toolkit/budget.md": _tool("Budget sheet", ["capacity", "power"]),
    "toolkit/roles.md": _tool("Roles", ["leadership"]),
    "posts/authors.yml": AUTHORS,
    "posts/a.md": _post("First", "2023-05-01", ["power"]),
    "posts/b.md": _post("Second", "2024-02-03", ["power", "diversity"]),
    "posts/c.md": _post("Third", "2024-06-07", ["diversity"]),
}


def _config(use_directory_urls: bool, custom_dir: Path) -> dict[str, Any]:
    config = copy.deepcopy(BASE_CONFIG)
    config["use_directory_urls"] = use_directory_urls
    config["theme"]["custom_dir"] = str(custom_dir)
    config["theme"]["features"] += ["navigation.tabs", "navigation.footer"]
    config["validation"]["nav"] = {"not_found": "info"}  # the link below is not a file
    config["extra"] = {"section_aliases": {"team": "posts", "authors": "posts"}}
    plugin_options(config)["footer_links"] = [
        {"title": "Accessibility statement", "page": "accessibility.md"},
        {"title": "Credits", "page": "credits.md"},
        {"title": "Licence", "url": "https://creativecommons.org/licenses/by/4.0/"},
    ]
    config["nav"] = [
        {"Home": "index.md"},
        {
            "Guidance": [
                "guidance/index.md",
                "guidance/listed.md",
                "guidance/planning/checklist.md",
                {"Using the power map": "toolkit/map/#use"},  # a link into a page's folder
            ]
        },
        {"Give feedback": "feedback/"},  # a link to a page the nav does not list
        {"Toolkit": "toolkit/index.md"},
        {"Blog": "posts/index.md"},
        {"Barriers": "barriers/index.md"},
    ]
    return config


class _Kept:
    """The ``Fragments`` of each build, to show the test shared something."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[Fragments] = []
        real_init = Fragments.__init__

        def init(fragments_: Fragments, *args: Any, **kwargs: Any) -> None:
            real_init(fragments_, *args, **kwargs)
            self.made.append(fragments_)

        monkeypatch.setattr(Fragments, "__init__", init)


def _own_overrides(tmp_path: Path, use_directory_urls: bool) -> Path:
    """The project's ``overrides/`` with a link of the site's own inside a shared fragment
    (the footer's small print), as a fork might add: to a page no footer link names."""
    custom = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", custom)
    copyright_html = custom / "partials" / "copyright.html"
    text = copyright_html.read_text(encoding="utf-8")
    mark = '<div class="md-copyright">'
    assert mark in text
    glossary = "glossary/" if use_directory_urls else "glossary.html"
    own = mark + f'\n  <a href="{{{{ \'{glossary}\' | url }}}}">Glossary</a>'
    copyright_html.write_text(text.replace(mark, own), encoding="utf-8")
    return custom


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def _both_ways(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], int]:
    """Build ``root`` sharing fragments and rendering them for every page; assert that every
    file is the same, byte for byte. The files, and how many fragments the first build reused."""
    kept = _Kept(monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shared = build_site(root, strict=True, site_dir=out / "shared")
    with monkeypatch.context() as m:
        m.setattr(Fragments, "__call__", lambda self, name, page=None, extra=None, *, caller: caller())
        afresh = build_site(root, strict=True, site_dir=out / "afresh")
    assert shared.warnings == afresh.warnings == []
    made, fresh = _files(shared.site), _files(afresh.site)
    assert sorted(made) == sorted(fresh)
    differ = [name for name in made if made[name] != fresh[name]]
    assert differ == []
    return made, kept.made[0].reused


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["folder-urls", "file-urls"])
def test_shared_fragments_give_the_site_a_build_rendering_them_for_every_page_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_directory_urls: bool
) -> None:
    root = tmp_path / "src"
    root.mkdir()
    write_site(root, FILES, _config(use_directory_urls, _own_overrides(tmp_path, use_directory_urls)))
    made, reused = _both_ways(root, tmp_path, monkeypatch)
    # Not vacuous: the first build reused fragments, and the pages really differ where
    # their folders do (a link to the nav's checklist from its parent and a sibling).
    assert reused > 0
    ext = "index.html" if use_directory_urls else ""
    planning = made[f"guidance/planning/{ext}" if ext else "guidance/planning.html"].decode()
    other = made[f"guidance/other/{ext}" if ext else "guidance/other.html"].decode()
    if use_directory_urls:
        assert 'href="checklist/"' in planning and 'href="../planning/checklist/"' in other
        assert 'href="#use"' in made["toolkit/map/index.html"].decode()
        assert 'href="../map/#use"' in made["toolkit/roles/index.html"].decode()
        # A footer link, a nav link and the site's own link, each to a page beside others.
        for name, title in (("accessibility", "Accessibility statement"), ("feedback", "Give feedback")):
            assert f'href="./">{title}<' in made[f"{name}/index.html"].decode()
            assert f'href="../{name}/">{title}<' in made["credits/index.html"].decode()
        assert 'href="./">Glossary<' in made["glossary/index.html"].decode()
        assert 'href="../glossary/">Glossary<' in made["team/index.html"].decode()


def test_this_site_is_the_same_with_shared_fragments_as_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "src"
    root.mkdir()
    site_content.copy_site(root)
    made, reused = _both_ways(root, tmp_path, monkeypatch)
    assert reused > 0
    assert sum(name.endswith(".html") for name in made) >= len(site_content.markdown_files())


def test_a_site_s_own_nav_template_is_rendered_for_every_page(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", custom)
    (custom / "partials" / "nav.html").write_text(
        '<nav class="own-nav" aria-label="Site">{{ page.title }}</nav>\n', encoding="utf-8"
    )
    root = tmp_path / "src"
    root.mkdir()
    write_site(root, FILES, _config(True, custom))
    built = build_site(root, strict=True)
    for url, title in (("posts/a/", "First"), ("posts/b/", "Second"), ("toolkit/map/", "Power map")):
        assert f'<nav class="own-nav" aria-label="Site">{title}</nav>' in built.html(url)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("posts/a/", ("posts/a", False)),
        ("posts/a.html", ("posts", True)),
        ("", ("", False)),
        ("index.html", ("", True)),
        ("barriers/power/page/2/", ("barriers/power/page/2", False)),
    ],
)
def test_link_folder_is_the_folder_mkdocs_makes_a_page_s_links_from(
    url: str, expected: tuple[str, bool]
) -> None:
    assert link_folder(url) == expected


def test_pages_share_a_folder_s_fragments_only_where_their_links_are_the_same() -> None:
    files = ["", "posts/", "posts/a/", "posts/b/", "guide/", "guide/step/", "guide/step/more/", "x.html"]
    shared = Fragments([*files, "assets/style.css"], nav_urls=["", "guide/step/more/"])
    assert shared.folder_key("posts/a/") == shared.folder_key("posts/b/") == ("up", "posts")
    # posts/ holds other pages: its links into them are its own.
    assert shared.folder_key("posts/") == ("in", "posts")
    # guide/step/ holds a page the nav links to: ".../more/" from there is "more/".
    assert shared.folder_key("guide/step/") == ("in", "guide/step")
    # The nav marks its own pages.
    assert shared.folder_key("guide/step/more/") is None
    assert shared.folder_key("") is None
    # Pages with file addresses make links from the folder they are in.
    assert shared.folder_key("x.html") == ("in", "")


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


def _template(shared: Fragments, body: str) -> jinja2.Template:
    """``body`` in an environment with MkDocs' ``url`` filter, watched by ``shared``."""
    env = jinja2.Environment(autoescape=True)
    env.filters["url"] = shared.watch(url_filter)
    env.globals["shared"] = shared
    return env.from_string(body)


def _render(template: jinja2.Template, url: str | None, label: str = "") -> str:
    """``template`` as MkDocs renders it for the page at ``url`` (``None``: 404.html)."""
    base = get_relative_url(".", url) if url is not None else "/"
    return template.render(page=_Page(url) if url is not None else None, base_url=base, label=label)


def test_a_fragment_is_rendered_once_per_key_and_afresh_where_there_is_no_page() -> None:
    shared = Fragments(["", "posts/a/", "posts/b/"], nav_urls=[""])
    nav = _template(shared, '{% call shared("nav", page) %}{{ label }}{% endcall %}')
    tabs = _template(shared, '{% call shared("tabs", page, "Blog") %}{{ label }}{% endcall %}')
    search = _template(shared, '{% call shared("search") %}{{ label }}{% endcall %}')
    assert _render(nav, "posts/a/", "a") == "a"
    assert _render(nav, "posts/b/", "b") == "a"  # the same folder's
    assert _render(tabs, "posts/b/", "t") == "t"
    assert _render(nav, "", "home") == "home"  # in the nav
    assert _render(nav, None, "404") == "404"
    assert _render(search, "posts/a/", "s1") == _render(search, "posts/b/", "s2") == "s1"
    assert _render(search, "", "s3") == "s3"  # another depth: another base_url
    assert (shared.rendered, shared.reused) == (4, 2)


FOOTER = (
    '{% call shared("footer", page) %}<a href="{{ "accessibility/" | url }}">A</a>'
    ' <a href="{{ "credits/" | url }}">C</a>{% endcall %}'
)


def test_a_fragment_is_reused_only_for_pages_every_link_in_it_is_the_same_for() -> None:
    shared = Fragments(["", "accessibility/", "credits/", "glossary/", "team/"], nav_urls=[""])
    footer = _template(shared, FOOTER)
    pages = ["accessibility/", "credits/", "glossary/", "team/", "accessibility/", "credits/", "team/"]
    got = [_render(footer, url) for url in pages]
    assert got[:3] == [
        '<a href="./">A</a> <a href="../credits/">C</a>',
        '<a href="../accessibility/">A</a> <a href="./">C</a>',
        '<a href="../accessibility/">A</a> <a href="../credits/">C</a>',
    ]
    assert got[3:] == [got[2], got[0], got[1], got[2]]
    # One rendering for each of the linked pages and one for the rest, each reused.
    assert (shared.rendered, shared.reused) == (3, 4)


def test_a_fragment_reused_inside_another_passes_its_links_on() -> None:
    shared = Fragments(["", "accessibility/", "glossary/", "team/"], nav_urls=[""])
    inner = '{% call shared("inner", page) %}<a href="{{ "accessibility/" | url }}">A</a>{% endcall %}'
    alone = _template(shared, inner)
    outer = _template(shared, '{% call shared("outer", page) %}<div>' + inner + "</div>{% endcall %}")
    assert _render(alone, "team/") == '<a href="../accessibility/">A</a>'
    assert _render(outer, "glossary/") == '<div><a href="../accessibility/">A</a></div>'  # inner reused
    assert _render(outer, "accessibility/") == '<div><a href="./">A</a></div>'


def test_without_the_plugin_the_overrides_render_every_fragment(tmp_path: Path) -> None:
    config = _config(True, REPO / "overrides")
    config["plugins"] = ["search"]
    config["nav"] = [{"Home": "index.md"}, {"Guidance": "guidance/index.md"}]
    write_site(tmp_path, {"docs/guidance/index.md": "# Guidance\n", "docs/team.md": "# Team\n"}, config)
    built = build_site(tmp_path, strict=True)
    assert built.warnings == []
    for url in ("team/", "guidance/"):
        html = built.html(url)
        assert 'class="md-nav md-nav--primary' in html and 'class="cp-search"' in html
        assert '<script id="__config" type="application/json">' in html
