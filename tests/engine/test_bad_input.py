"""Issue 13: every kind of bad input in ``bad_input.CASES`` gives its own message, in ``make check``
and a strict build alike; both fail, nothing prints a traceback, and every good page is built.

Both run in this process (the build as ``mkdocs build --strict`` runs it: a strict build ends
with the engine's ``Abort``, exit code 1), so the corpus takes seconds;
``test_check_parity.py`` runs the two commands as a contributor does.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from bad_input import CASES, EXTENSIONS, GOOD, GOOD_URLS, Case

from conftest import BASE_CONFIG, ENGINE, plugin_options, write_site
from coproduction.cli import main as cli

# isort: split
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


class _Log(logging.Handler):
    """The engine's warnings and errors, and whether any carried a traceback."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.tracebacks = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        self.tracebacks += record.exc_info is not None


def write_case(root: Path, case: Case) -> None:
    """The good site with the case's files, links and options, at ``root``."""
    config = dict(BASE_CONFIG)
    options = {**plugin_options(config), **case.options}
    config["plugins"] = ["search", {"coproduction": options}]
    config["markdown_extensions"] = EXTENSIONS
    write_site(root, {**GOOD, **case.files}, config)
    elsewhere = root.parent / "elsewhere"  # what links lead to outside the repository
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / "secret.md").write_text("---\ntitle: Secret\n---\nPrivate.\n", encoding="utf-8")
    (elsewhere / "photo.png").write_bytes(b"\x89PNG")
    for link, target in case.links:
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / link)


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """``make check``: its exit code, its problem lines, and everything it printed."""
    code = cli(["check", "-f", str(root / "mkdocs.yml")])
    out = capsys.readouterr()
    return code, out.out.splitlines()[:-1], out.out + out.err


def strict_build(root: Path) -> tuple[int, list[str], _Log]:
    """``mkdocs build --strict``: its exit code and the plugin's problem lines."""
    log = _Log()
    logger = logging.getLogger(ENGINE)
    logger.addHandler(log)
    config = load_config(config_file=str(root / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        code = 0
    except Abort:
        code = 1
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(log)
    prefix = "coproduction: "
    return code, [m.removeprefix(prefix) for m in log.messages if m.startswith(prefix)], log


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # plain lines, not annotations
    root = tmp_path / "repo"
    root.mkdir()
    return root


def test_the_corpus_covers_every_kind_of_the_issue() -> None:
    assert len(CASES) >= 40
    assert {c.kind for c in CASES} == {
        "traceback",
        "theme",
        "outside",
        "control",
        "flood",
        "silent",
        "active",
    }
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gives_its_message_and_every_good_page(
    case: Case, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_case(repo, case)
    code, lines, printed = check(repo, capsys)
    assert (code, lines) == (1, list(case.expected))
    assert "Traceback" not in printed
    build_code, built, log = strict_build(repo)
    assert (build_code, built) == (1, list(case.expected))
    assert log.tracebacks == 0
    assert all(len(line) < 400 and "\n" not in line for line in lines)  # a few lines at most
    site = repo / "site"
    for url in (*GOOD_URLS, *case.built):
        assert (site / url / "index.html").is_file(), url
    assert not (site / "secret").exists()
    assert not list(site.rglob("photo.png"))


def test_check_and_a_real_build_agree_on_the_corpus_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cases that can share a site, run as a contributor runs them: ``python -m coproduction
    check`` and ``mkdocs build`` as commands print the same lines, and no traceback."""
    from test_check_parity import build_lines, check_lines

    root = tmp_path / "repo"
    root.mkdir()
    files: dict[str, str | bytes] = {}
    links: list[tuple[str, str]] = []
    expected: list[str] = []
    for case in CASES:
        if case.options or {link for link, _ in case.links} & {link for link, _ in links}:
            continue
        moved = {}  # a page whose name another case has taken gets the case's name
        for path in case.files:
            if path in files and path.endswith(".md"):
                moved[path] = f"{path.rsplit('/', 1)[0]}/{case.id}.md"
        if {moved.get(path, path) for path in case.files} & set(files):
            continue  # the authors file: one case at a time
        files.update({moved.get(path, path): text for path, text in case.files.items()})
        links += case.links
        for line in case.expected:
            path, rest = line.split(":", 1)
            expected.append(f"{moved.get(path, path)}:{rest}")
    assert len(expected) >= 35
    write_case(root, Case("together", "all", files, (), tuple(links)))
    expected.sort()
    check_code, checked = check_lines(root)  # both assert that no traceback was printed
    build_code, built = build_lines(root, strict=True)
    assert (check_code, build_code) == (1, 1)
    assert sorted(checked) == expected
    assert sorted(built) == expected
