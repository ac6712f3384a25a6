"""``make check`` and ``mkdocs build`` report the same problems, because both run one pipeline.

Each fixture site holds every kind of problem the pipeline knows; the check command and a
real build run as separate processes, as a contributor would run them, and must print the
same set of ``path:line: message`` lines.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import (
    BASE_CONFIG,
    ENGINE,
    HANG,
    config_line,
    page,
    plugin_options,
    tool,
    write_files,
    write_site,
)

AUTHORS_WITH_A_PROBLEM = "ann:\n  name: Ann Author\nbob:\n  role: Writer\n"

EVERY_PROBLEM: dict[str, str | bytes] = {
    "docs/unknown.md": page({"title": "Unknown", "barriers": ["powr"]}),
    "docs/notstring.md": page({"title": "Not text", "barriers": ["power", 3]}),
    "docs/duplicate.md": page({"title": "Twice", "barriers": ["power", "power"]}),
    "docs/badyaml.md": "---\ntitle: Fine\nbarriers: [power\n---\nText\n",
    "docs/kind.md": page({"title": "Kind", "kind": "tool-kit", "barriers": []}),
    "docs/misspelt.md": page({"title": "Misspelt", "descripton": "x", "barriers": []}),
    "docs/easy.md": page({"title": "Easy", "easy_read": "easy-read/missing.md", "barriers": []}),
    "docs/clash.md": page({"title": "Clash one", "barriers": []}),
    "docs/clash/index.md": page({"title": "Clash two", "barriers": []}),
    "docs/barriers/power.md": page({"title": "Power", "barriers": ["power"]}),
    "docs/toolkit/checklist.md": page({"title": "Docs copy", "barriers": []}),
    "toolkit/checklist.md": tool({"title": "Toolkit copy", "barriers": []}),
    "docs/posts/stray.md": page({"title": "Stray", "barriers": []}),
    "docs/latin1.md": b"---\ntitle: Latin-1\n---\ncaf\xe9\n",
    "docs/links.md": page(
        {"title": "Links", "barriers": []},
        "Fine: [home](index.md) and [clash](clash.md).\n\n"
        "Broken: [gone](gone.md), and ![a picture](img/missing.png).\n\n"
        "```\n[not a link](in-code.md)\n```\n\n"
        "[ref]: ../nowhere.md\n",
    ),
    "posts/authors.yml": AUTHORS_WITH_A_PROBLEM,
    "posts/nodate.md": page({"title": "No date", "authors": ["ann"], "barriers": []}),
    "posts/noauthors.md": page({"title": "No authors", "date": "2020-01-01", "barriers": []}),
    "posts/baddate.md": page({"title": "Bad date", "date": "2019-02-30", "authors": ["ann"]}),
    "posts/stranger.md": page({"title": "Stranger", "date": "2020-02-02", "authors": ["anne"]}),
    # A second dated folder: its landing page needs no date; a story without one is named a story.
    "stories/index.md": page({"title": "Stories", "barriers": []}, "Our stories.\n"),
    "stories/nodate.md": page({"title": "No date", "authors": ["ann"], "barriers": []}),
}


def _every_problem_config() -> dict[str, Any]:
    config = copy.deepcopy(BASE_CONFIG)
    del config["site_url"]  # the blog's feeds need it
    options = plugin_options(config)
    options["relatd"] = 3  # an unknown option
    options["sources"] = {
        **options["sources"],
        "stories": {"dir": "stories", "kind": "story"},
        "extra": {"dir": "extra", "kind": "tool"},
    }
    options["kinds"] = {
        "guide": {"title": "Guide", "plural": "Guidance"},
        "principle": {"title": "Principle", "plural": "Principles"},
        "tool": {"title": "Tool", "plural": "Tools"},
        "post": {"title": "Blog post", "plural": "Blog posts", "dated": True},
        "story": {"title": "Story", "plural": "Stories", "dated": True},
    }
    config["plugins"] = ["search", {"coproduction": options}]
    return config


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def check_lines(root: Path, *files: str) -> tuple[int, list[str]]:
    """``python -m coproduction check``'s exit code and problem lines (without the summary)."""
    result = subprocess.run(
        [sys.executable, "-m", "coproduction", "check", *files],
        cwd=root,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
        timeout=HANG,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, result.stdout.splitlines()[:-1]


_WARNING_RE = re.compile(r"^WARNING\s+-\s+coproduction: (.*)$")


def build_lines(root: Path, *, strict: bool) -> tuple[int, list[str]]:
    """``mkdocs build``'s exit code and the problem lines it logged."""
    command = [sys.executable, "-m", ENGINE, "build", "-f", "mkdocs.yml", *(["--strict"] if strict else [])]
    result = subprocess.run(
        command, cwd=root, capture_output=True, text=True, env=_env(), check=False, timeout=HANG
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, [
        m.group(1) for line in result.stderr.splitlines() if (m := _WARNING_RE.match(line))
    ]


@pytest.fixture
def every_problem(tmp_path: Path) -> Path:
    write_site(tmp_path, EVERY_PROBLEM, _every_problem_config())
    (tmp_path / "extra").rmdir()  # a source folder that does not exist
    return tmp_path


def test_check_and_build_print_the_same_problem_lines(every_problem: Path) -> None:
    check_code, checked = check_lines(every_problem)
    build_code, built = build_lines(every_problem, strict=False)
    assert (check_code, build_code) == (1, 0)
    assert sorted(checked) == sorted(built)
    assert len(checked) == len(set(checked))  # each problem once
    where = [line.split(": ", 1)[0] for line in checked]
    # Configuration problems first, then content by path and line.
    assert where == [
        "mkdocs.yml:1",  # feeds need site_url
        f"mkdocs.yml:{config_line(every_problem, 'extra:')}",  # the missing source folder 'extra'
        f"mkdocs.yml:{config_line(every_problem, 'relatd:')}",  # the unknown option
        "docs/badyaml.md:3",
        "docs/barriers/power.md:1",
        "docs/clash/index.md:1",
        "docs/duplicate.md:5",
        "docs/easy.md:3",
        "docs/kind.md:3",
        "docs/latin1.md:4",
        "docs/links.md:8",
        "docs/links.md:8",
        "docs/links.md:14",
        "docs/misspelt.md:3",
        "docs/notstring.md:5",
        "docs/posts/stray.md:1",
        "docs/toolkit/checklist.md:1",  # blamed: the source folder's page keeps the address
        "docs/unknown.md:4",
        "posts/authors.yml:3",
        "posts/baddate.md:3",
        "posts/noauthors.md:1",
        "posts/nodate.md:1",
        "posts/stranger.md:5",
        "stories/nodate.md:1",
    ]
    text = "\n".join(checked)
    for expected in (
        f"mkdocs.yml:{config_line(every_problem, 'relatd:')}: unknown option 'relatd' of the coproduction "
        "plugin. Did you mean 'related'?",
        "the source folder 'extra' (for /extra/) does not exist",
        "unknown barriers term 'powr'. Did you mean 'power'?",
        "docs/links.md:8: the link 'gone.md' leads to no file of this site",
        "docs/links.md:8: the link 'img/missing.png' leads to no file of this site",
        "docs/links.md:14: the link '../nowhere.md' leads to no file of this site",
        "docs/posts/stray.md:1: this file is published under /posts/, the address of the 'posts' folder: "
        "move it to posts/stray.md",
        "docs/toolkit/checklist.md:1: this file and toolkit/checklist.md are both published at "
        "/toolkit/checklist/",
        "stories/nodate.md:1: a story needs a date: add 'date: YYYY-MM-DD'",
        "posts/nodate.md:1: a blog post needs a date: add 'date: YYYY-MM-DD'",
    ):
        assert expected in text, expected
    assert "in-code.md" not in text


def test_a_strict_build_fails_on_them_and_still_writes_every_good_page(every_problem: Path) -> None:
    code, lines = build_lines(every_problem, strict=True)
    assert code == 1 and lines
    site = every_problem / "site"
    for url in ("unknown", "links", "clash", "posts/stranger", "toolkit/checklist", "posts/stray"):
        assert (site / url / "index.html").is_file(), url


def test_a_missing_authors_file_is_reported_alike(tmp_path: Path) -> None:
    """Once: the posts' author ids are not also each reported as unknown (issue 21)."""
    post = page({"title": "P", "date": "2020-01-01", "authors": ["ann"], "barriers": []})
    write_site(tmp_path, {"posts/p.md": post})
    check_code, checked = check_lines(tmp_path)
    build_code, built = build_lines(tmp_path, strict=False)
    assert (check_code, build_code) == (1, 0)
    assert sorted(checked) == sorted(built)
    authors = config_line(tmp_path, "authors: posts/authors.yml")
    assert [line.split(": ", 1)[0] for line in checked] == [f"mkdocs.yml:{authors}"]
    assert "the authors file 'posts/authors.yml' does not exist" in checked[0]


def test_a_clean_site_is_clean_for_both(tmp_path: Path) -> None:
    write_site(tmp_path, {"toolkit/a.md": tool({"title": "A", "barriers": ["power"]})})
    assert check_lines(tmp_path) == (0, [])
    assert build_lines(tmp_path, strict=True) == (0, [])


def test_check_reads_inherit_and_env_as_the_build_does(tmp_path: Path) -> None:
    """``INHERIT:`` and ``!ENV`` work in ``check``: it loads mkdocs.yml with the engine's loader."""
    write_site(tmp_path, {"toolkit/a.md": tool({"title": "A", "barriers": ["powr"]})})
    base = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "base.yml").write_text(base, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: !ENV [TOOLKIT_NAME, 'Fallback name']\n", encoding="utf-8"
    )
    check_code, checked = check_lines(tmp_path)
    build_code, built = build_lines(tmp_path, strict=False)
    assert (check_code, build_code) == (1, 0)
    assert checked == built
    assert [line.split(": ", 1)[0] for line in checked] == ["toolkit/a.md:4"]
    assert "unknown barriers term 'powr'" in checked[0]
    # Fixed, it is clean; the site name comes from the environment variable's fallback.
    (tmp_path / "toolkit/a.md").write_text(tool({"title": "A", "barriers": ["power"]}), encoding="utf-8")
    assert check_lines(tmp_path) == (0, [])
    assert build_lines(tmp_path, strict=True) == (0, [])
    assert "Fallback name" in (tmp_path / "site/toolkit/a/index.html").read_text(encoding="utf-8")


def test_check_reports_only_the_files_named(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "toolkit/a.md": tool({"title": "A", "barriers": ["powr"]}),
            "toolkit/b.md": tool({"title": "B", "barriers": ["leadrship"]}),
        },
    )
    code, lines = check_lines(tmp_path, "toolkit/b.md")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in lines] == ["toolkit/b.md:4"]


TEMPLATE_404 = """\
{% extends "main.html" %}
{% block content %}
  <h1>Page not found</h1>
  <p><a href="{{ 'feedback/' | url }}">Tell us</a>, or start from the
  <a href="{{ base_url }}/toolkit/a/">first tool</a> or <a href="{{ '.' | url }}">home</a>.</p>
  {# <a href="{{ 'in-a-comment/' | url }}">not a link</a> #}
  <link rel="stylesheet" href="{{ 'assets/theme.css' | url }}">
  <a href="https://example.org/gone/">elsewhere</a> <a href="#top">top</a>
  <a href="/barriers/power/">Power</a> <a href="/barriers/powr/">typo</a>
  <a href="{{ '404.html' | url }}">the theme's own page</a>
{% endblock %}
"""


def test_nav_entries_and_template_links_to_missing_pages_are_reported_alike(tmp_path: Path) -> None:
    """Issue 21: a nav entry, or a link in the site's templates (overrides/), to a page the
    build does not publish is a problem at its file and line, in `check` and the build alike;
    pages the plugin makes (barriers/index.md, posts/index.md), addresses elsewhere and the
    theme's files are not."""
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "custom_dir": "overrides"}
    config["nav"] = [
        {"Home": "index.md"},
        {"Tools": [{"A tool": "toolkit/a.md"}, {"Gone": "toolkit/b.md"}]},
        {"Barriers": "barriers/index.md"},
        {"Blog": "posts/index.md"},
        {"Elsewhere": "https://example.org/"},
        "events.md",
    ]
    write_site(
        tmp_path,
        {
            "toolkit/a.md": tool({"title": "A", "barriers": ["power"]}),
            "posts/authors.yml": "ann:\n  name: Ann\n",
            "posts/p.md": page({"title": "P", "date": "2020-01-01", "authors": ["ann"], "barriers": []}),
            "overrides/404.html": TEMPLATE_404,
            "overrides/partials/extra.html": '<a href="{{ config.site_url }}accessibility/">A</a>\n',
        },
        config,
    )
    check_code, checked = check_lines(tmp_path)
    build_code, built = build_lines(tmp_path, strict=True)
    assert (check_code, build_code) == (1, 1)
    assert checked == built
    gone, events = config_line(tmp_path, "toolkit/b.md"), config_line(tmp_path, "events.md")
    assert checked == [
        f"mkdocs.yml:{gone}: the nav entry 'toolkit/b.md' names no page of this site. Did you mean "
        "'toolkit/a.md'? Give a page's file from docs/ (like guidance/index.md), or take the entry out",
        f"mkdocs.yml:{events}: the nav entry 'events.md' names no page of this site. Give a page's file "
        "from docs/ (like guidance/index.md), or take the entry out",
        "overrides/404.html:4: the link 'feedback/' leads to no page of this site (nothing is published "
        "at /feedback/). Link to a page the site has, or add the page",
        "overrides/404.html:9: the link '/barriers/powr/' leads to no page of this site (nothing is "
        "published at /barriers/powr/). Did you mean 'barriers/power/'? Link to a page the site has, "
        "or add the page",
        "overrides/partials/extra.html:1: the link 'accessibility/' leads to no page of this site "
        "(nothing is published at /accessibility/). Link to a page the site has, or add the page",
    ]
    # Fixed, both are clean.
    config["nav"] = [config["nav"][0], {"Tools": [{"A tool": "toolkit/a.md"}]}, *config["nav"][2:5]]
    write_site(
        tmp_path,
        {
            "docs/feedback.md": page({"title": "Feedback", "barriers": []}),
            "docs/accessibility.md": page({"title": "Accessibility", "barriers": []}),
            "overrides/404.html": TEMPLATE_404.replace("/barriers/powr/", "/barriers/power/"),
        },
        config,
    )
    assert check_lines(tmp_path) == (0, [])
    assert build_lines(tmp_path, strict=True) == (0, [])


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=HANG,
    )


EVERYDAY_MISTAKES: dict[str, str] = {
    "posts/tab.md": "---\ntitle: Tab\ndate: 2024-01-01\nauthors:\n\t- ann\n---\nText.\n",
    "posts/unclosed.md": "---\ntitle: Unclosed\ndate: 2024-01-02\nauthors: [ann]\n\n# Unclosed\n\nText.\n",
    "posts/curly.md": (
        "---\ntitle: \u201cCo-production: a start\u201d\ndate: 2024-01-03\nauthors: [ann]\n---\nText.\n"
    ),
    "posts/colon.md": "---\ntitle: Co-production: a start\ndate: 2024-01-04\nauthors: [ann]\n---\nText.\n",
    "toolkit/new-tool.md": tool({"title": "New tool", "barriers": ["powr"]}),
    "posts/stranger.md": page({"title": "Stranger", "date": "2024-01-05", "authors": ["nobody"]}),
    "posts/baddate.md": page({"title": "Bad date", "date": "2024-02-30", "authors": ["ann"]}),
    "docs/linky.md": page({"title": "Linky"}, "See [gone](gone.md).\n"),
    "toolkit/a.md": tool({"title": "A again"}),  # listed before the older toolkit/a/index.md
    "docs/misspelt.md": page({"title": "Misspelt", "descripton": "x"}),
}


def test_a_pull_request_with_twelve_everyday_mistakes_gets_twelve_problems(tmp_path: Path) -> None:
    """Issue 21: one problem per mistake, each on the file (and line) to fix, from `check` and
    the build alike: nothing follows on from broken front matter, and a new file at an existing
    page's address is the one blamed (git says which is newer), whichever name lists first."""
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "custom_dir": "overrides"}
    config["nav"] = [{"Home": "index.md"}, {"Feedback": "feedback.md"}, {"Tools": "toolkit/a/index.md"}]
    write_site(
        tmp_path,
        {
            "docs/feedback.md": page({"title": "Feedback"}),
            "toolkit/a/index.md": tool({"title": "A"}),
            "posts/authors.yml": AUTHORS_WITH_A_PROBLEM.replace("  role: Writer", "  name: Bob"),
            "posts/first.md": page({"title": "First", "date": "2020-01-01", "authors": ["ann"]}),
            "overrides/404.html": "<a href=\"{{ 'feedback/' | url }}\">Tell us</a>\n",
        },
        config,
    )
    assert check_lines(tmp_path) == (0, [])
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "The site as it was")
    # The pull request: ten files with a mistake each, a nav entry to a page that does not
    # exist, and the feedback page deleted (its nav entry goes with it; the 404 page's link stays).
    write_files(tmp_path, EVERYDAY_MISTAKES)
    (tmp_path / "docs/feedback.md").unlink()
    config["nav"] = [{"Home": "index.md"}, {"Tools": "toolkit/a/index.md"}, {"Events": "events.md"}]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "Twelve everyday mistakes")

    check_code, checked = check_lines(tmp_path)
    build_code, built = build_lines(tmp_path, strict=True)
    assert (check_code, build_code) == (1, 1)
    assert checked == built, "\n".join(checked)
    assert [line.split(": ", 1)[0] for line in checked] == [
        f"mkdocs.yml:{config_line(tmp_path, 'events.md')}",
        "docs/linky.md:5",
        "docs/misspelt.md:3",
        "overrides/404.html:1",
        "posts/baddate.md:3",
        "posts/colon.md:2",
        "posts/curly.md:2",
        "posts/stranger.md:5",
        "posts/tab.md:5",
        "posts/unclosed.md:1",
        "toolkit/a.md:1",
        "toolkit/new-tool.md:4",
    ], "\n".join(checked)
    for where, words in [
        ("posts/tab.md", "indented with a tab"),
        ("posts/curly.md", "curly quotes"),
        ("posts/colon.md", "put the value in quotes"),
        ("posts/unclosed.md", "no closing '---' line"),
        ("toolkit/a.md", "already used by toolkit/a/index.md"),
        ("overrides/404.html", "the link 'feedback/' leads to no page"),
        ("mkdocs.yml", "the nav entry 'events.md' names no page"),
    ]:
        assert any(line.startswith(where) and words in line for line in checked), where
    # On GitHub, one annotation each.
    env = {**_env(), "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "coproduction", "check"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert sum(line.startswith("::warning file=") for line in result.stdout.splitlines()) == 12
    # FILES= on either of the two files at one address reports it, on the newer file.
    for either in ("toolkit/a.md", "toolkit/a/index.md"):
        assert check_lines(tmp_path, either) == (1, [checked[10]])
