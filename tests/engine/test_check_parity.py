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

from conftest import BASE_CONFIG, ENGINE, HANG, config_line, page, plugin_options, write_site

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
    "toolkit/checklist.md": page({"title": "Toolkit copy", "barriers": []}),
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
        "docs/unknown.md:4",
        "posts/authors.yml:3",
        "posts/baddate.md:3",
        "posts/noauthors.md:1",
        "posts/nodate.md:1",
        "posts/stranger.md:5",
        "stories/nodate.md:1",
        "toolkit/checklist.md:1",
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
        "toolkit/checklist.md:1: this file and docs/toolkit/checklist.md are both published at "
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
    post = page({"title": "P", "date": "2020-01-01", "authors": ["ann"], "barriers": []})
    write_site(tmp_path, {"posts/p.md": post})
    check_code, checked = check_lines(tmp_path)
    build_code, built = build_lines(tmp_path, strict=False)
    assert (check_code, build_code) == (1, 0)
    assert sorted(checked) == sorted(built)
    authors = config_line(tmp_path, "authors: posts/authors.yml")
    assert [line.split(": ", 1)[0] for line in checked] == [f"mkdocs.yml:{authors}", "posts/p.md:5"]
    assert "the authors file 'posts/authors.yml' does not exist" in checked[0]


def test_a_clean_site_is_clean_for_both(tmp_path: Path) -> None:
    write_site(tmp_path, {"toolkit/a.md": page({"title": "A", "barriers": ["power"]})})
    assert check_lines(tmp_path) == (0, [])
    assert build_lines(tmp_path, strict=True) == (0, [])


def test_check_reads_inherit_and_env_as_the_build_does(tmp_path: Path) -> None:
    """``INHERIT:`` and ``!ENV`` work in ``check``: it loads mkdocs.yml with the engine's loader."""
    write_site(tmp_path, {"toolkit/a.md": page({"title": "A", "barriers": ["powr"]})})
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
    (tmp_path / "toolkit/a.md").write_text(page({"title": "A", "barriers": ["power"]}), encoding="utf-8")
    assert check_lines(tmp_path) == (0, [])
    assert build_lines(tmp_path, strict=True) == (0, [])
    assert "Fallback name" in (tmp_path / "site/toolkit/a/index.html").read_text(encoding="utf-8")


def test_check_reports_only_the_files_named(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "toolkit/a.md": page({"title": "A", "barriers": ["powr"]}),
            "toolkit/b.md": page({"title": "B", "barriers": ["leadrship"]}),
        },
    )
    code, lines = check_lines(tmp_path, "toolkit/b.md")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in lines] == ["toolkit/b.md:4"]
