"""Issue 22: files a browser would run, configuration values that would reach pages live, and
files from outside the repository or at a second address (``bad_input_files.CASES``).

Each gives its ``path:line: message`` in ``make check`` and a strict build alike; both fail,
nothing prints a traceback, every good page and file is built, and nothing from outside the
repository or refused is published.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import pytest
from bad_input import GOOD_URLS
from bad_input_files import CASES, GOOD_FILES, PUBLISHED, SECRET, FileCase
from test_bad_input import check, strict_build

from conftest import AUTHORS, BASE_CONFIG, build_site, config_line, page, plugin_options, write_site


def set_option(options: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``taxonomies.barriers.terms.power.title`` in the plugin's options."""
    *path, last = dotted.split(".")
    for key in path:
        options = options[key]
    options[last] = value


def write_case(root: Path, case: FileCase) -> None:
    """The good site with the case's files, links, options and settings, at ``root``, and beside
    it ``elsewhere/``, what links and paths lead to outside the repository."""
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}.\n", encoding="utf-8")
    (elsewhere / "authors.yml").write_text(f"ann:\n  name: {SECRET}\n", encoding="utf-8")
    config = copy.deepcopy(BASE_CONFIG)
    config.update(case.settings)
    options = plugin_options(config)
    for key, value in case.options.items():
        set_option(options, key, value)
    for link, target in case.links:  # before the files: a link may stand for a source folder
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / link)
    links = dict(case.links)
    files = {
        path: text
        for path, text in {**GOOD_FILES, **case.files}.items()
        if path not in links and path not in case.removed
    }
    write_site(root, files, config)


def expected_lines(root: Path, case: FileCase) -> list[str]:
    """The case's lines, each ``{mkdocs.yml:text}`` made the line of the fixture's configuration."""
    return [
        re.sub(r"\{mkdocs\.yml:([^}]+)\}", lambda m: f"mkdocs.yml:{config_line(root, m.group(1))}", line)
        for line in case.expected
    ]


def built(site: Path, path: str) -> bool:
    return (
        (site / path / "index.html").is_file() if path.endswith("/") or not path else (site / path).is_file()
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # plain lines, not annotations
    root = tmp_path / "repo"
    root.mkdir()
    return root


def test_the_corpus_covers_every_point_of_the_issue() -> None:
    assert {c.kind for c in CASES} == {"active-file", "config", "outside"}
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_file_or_setting_gives_its_message_and_every_good_page(
    case: FileCase, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_case(repo, case)
    expected = expected_lines(repo, case)
    code, lines, printed = check(repo, capsys)
    assert (code, lines) == (1, expected)
    assert "Traceback" not in printed
    build_code, logged, log = strict_build(repo)
    assert (build_code, logged) == (1, expected)
    assert log.tracebacks == 0
    assert all(len(line) < 500 and "\n" not in line for line in lines)
    site = repo / "site"
    for path in (*GOOD_URLS, *PUBLISHED, *case.built):
        assert built(site, path), path
    for path in case.absent:
        assert not (site / path).exists(), path
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".json"):
            assert SECRET not in file.read_text(encoding="utf-8"), file


def test_publish_files_ships_what_the_site_means_to(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file the configuration names is published as it is, and only that one."""
    case = FileCase(
        "listed",
        "active-file",
        {
            "docs/games/quiz.html": "<script>quiz()</script>\n",
            "docs/games/quiz.js": "function quiz() {}\n",
            "docs/games/other.js": "other()\n",
        },
        (),
        options={"publish_files": ["docs/games/quiz.*"]},
    )
    write_case(repo, case)
    code, lines, _ = check(repo, capsys)
    assert code == 1
    assert [line.split(": ", 1)[0] for line in lines] == ["docs/games/other.js:1"]
    result = build_site(repo)
    assert (result.site / "games/quiz.html").read_text(encoding="utf-8") == "<script>quiz()</script>\n"
    assert (result.site / "games/quiz.js").is_file()
    assert not (result.site / "games/other.js").exists()


def test_a_welsh_fork_with_pictures_and_documents_has_no_problem(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fork in Welsh, under a sub-path, with its own pictures (SVG drawn in Inkscape, PNG),
    documents and a footer link: none of the new rules reports anything, and all is published."""
    config = copy.deepcopy(BASE_CONFIG)
    config.update(
        site_name="Pecyn Gofalwyr & Staff",
        site_url="https://example.org/cy/pecyn/",
        copyright="© Pecyn Cydgynhyrchu & ffrindiau",
        theme={**config["theme"], "language": "cy"},
    )
    options = plugin_options(config)
    options["footer_links"] = [
        {"title": "Datganiad hygyrchedd", "page": "hygyrchedd.md"},
        {"title": "Cod", "url": "https://github.com/example/pecyn"},
    ]
    files: dict[str, str | bytes] = {
        **GOOD_FILES,
        "posts/authors.yml": AUTHORS + "  avatar: https://example.org/ann.png\n",
        "docs/hygyrchedd.md": page({"title": "Datganiad hygyrchedd", "barriers": []}, "Rydym yn profi.\n"),
        "docs/lluniau/siarad.svg": GOOD_FILES["docs/images/talking.svg"],
        "toolkit/taflen.docx": b"PK\x03\x04",
        "posts/sain.mp3": b"ID3",
    }
    write_site(repo, files, config)
    code, lines, printed = check(repo, capsys)
    assert (code, lines) == (0, []), printed
    result = build_site(repo, strict=True)
    assert result.warnings == []
    for path in (*PUBLISHED, "lluniau/siarad.svg", "toolkit/taflen.docx", "posts/sain.mp3"):
        assert built(result.site, path), path
    home = result.html("")
    assert "© Pecyn Cydgynhyrchu &amp; ffrindiau" in home  # text, escaped once
    assert "<title>Home - Pecyn Gofalwyr &amp; Staff</title>" in home
    assert 'content="Pecyn Gofalwyr &amp; Staff"' in home  # the share tags
    feed = (result.site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Pecyn Gofalwyr &amp; Staff</title>" in feed
    assert "&amp;amp;" not in home + feed


def test_a_picture_that_turns_active_leaves_an_incremental_build_too(repo: Path) -> None:
    """``make serve`` builds incrementally: an SVG edited to hold a script is taken out of the
    site, as a clean build would leave it out, and put back once it is plain again."""
    write_case(repo, FileCase("edited", "active-file", {}, ()))
    picture = repo / "docs/images/talking.svg"
    plain = picture.read_text(encoding="utf-8")
    assert (build_site(repo, dirty=True).site / "images/talking.svg").is_file()
    picture.write_text(plain.replace("</svg>", "<script>alert(1)</script></svg>"), encoding="utf-8")
    result = build_site(repo, dirty=True)
    assert not (result.site / "images/talking.svg").exists()
    assert any(w.startswith("coproduction: docs/images/talking.svg:") for w in result.warnings)
    picture.write_text(plain, encoding="utf-8")
    assert (build_site(repo, dirty=True).site / "images/talking.svg").read_text(encoding="utf-8") == plain


def test_check_and_a_real_build_agree_on_the_corpus_at_once(tmp_path: Path) -> None:
    """The cases that can share a site, run as a contributor runs them: ``python -m coproduction
    check`` and ``mkdocs build --strict`` as commands print the same lines, and no traceback."""
    from test_check_parity import build_lines, check_lines

    root = tmp_path / "repo"
    root.mkdir()
    files: dict[str, str | bytes] = {}
    options: dict[str, Any] = {}
    settings: dict[str, Any] = {}
    expected: list[str] = []
    for case in CASES:
        if case.links or case.removed or {"sources", "authors"} & set(case.options):
            continue  # a folder or an authors file of its own: one at a time
        files.update(case.files)
        settings.update(case.settings)
        for key, value in case.options.items():
            options[key] = options.get(key, []) + value if key == "footer_links" else value
        expected += case.expected
    together = FileCase("together", "all", files, tuple(expected), options=options, settings=settings)
    assert len(expected) >= 25
    write_case(root, together)
    check_code, checked = check_lines(root)  # both assert that no traceback was printed
    build_code, built_lines = build_lines(root, strict=True)
    assert (check_code, build_code) == (1, 1)
    assert sorted(checked) == sorted(expected_lines(root, together))
    assert sorted(built_lines) == sorted(checked)


def test_the_theme_s_folder_is_not_content_even_inside_docs(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site whose ``custom_dir`` is inside docs/ (``docs/overrides``, as some Material sites
    have it): its templates and scripts are the theme's, not content, and not refused."""
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "custom_dir": "docs/overrides"}
    files = {
        **GOOD_FILES,
        "docs/overrides/main.html": '{% extends "base.html" %}\n',
        "docs/overrides/assets/extra.js": "console.log(1)\n",
    }
    write_site(repo, files, config)
    code, lines, printed = check(repo, capsys)
    assert (code, lines) == (0, []), printed
