"""A fork stays green: the repository, changed the way FORKING.md says (a new name, another
taxonomy, other kinds, no sample content, two new pages), passes ``check``, a strict build,
the engine's tests and the tests of its own content, without touching ``plugins/``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ENGINE, REPO


def _run(command: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=timeout
    )


def _fork(root: Path) -> None:
    """Copy what a fork keeps, then follow FORKING.md's steps."""
    for name in ("mkdocs.yml", "overrides", "plugins", "tests", "pyproject.toml", "docs", "posts", "toolkit"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "screenshots"))
        else:
            shutil.copy(source, root / name)
    config: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))

    # 2. Rename and rebrand.
    config.update(
        site_name="Carers Together",
        site_description="A toolkit for carers and staff who plan support together.",
        site_url="https://carers.example.org/",
        repo_url="https://github.com/example/carers-together",
        repo_name="example/carers-together",
    )
    # A colour with enough contrast for white text: the tests check every page with axe.
    config["theme"]["palette"] = {"scheme": "default", "primary": "brown", "accent": "brown"}
    # 3 and 4. Another taxonomy and other kinds.
    options = next(
        p["coproduction"] for p in config["plugins"] if isinstance(p, dict) and "coproduction" in p
    )
    options["taxonomies"] = {
        "audience": {
            "title": "Who it is for",
            "description": "The people each page is written for.",
            "terms": {
                "carers": {"title": "Carers"},
                "staff": {"title": "Staff", "description": "Paid workers."},
            },
        }
    }
    options["kinds"] = {
        "page": {"title": "Page", "plural": "Pages"},
        "checklist": {"title": "Checklist", "plural": "Checklists"},
        "story": {"title": "Story", "plural": "Stories", "dated": True},
    }
    options["sources"] = {
        "stories": {"dir": "posts", "kind": "story"},
        "toolkit": {"dir": "toolkit", "kind": "checklist"},
    }
    options["footer_links"] = [{"title": "Accessibility statement", "page": "accessibility.md"}]
    # 7. Remove the sample content: keep the home page and the accessibility statement.
    for name in ("guidance", "principles", "easy-read"):
        shutil.rmtree(root / "docs" / name)
    for name in ("glossary.md", "credits.md", "feedback.md"):
        (root / "docs" / name).unlink()
    # The page-not-found template linked to the feedback page, deleted above: point it elsewhere.
    page_404 = root / "overrides/404.html"
    text = page_404.read_text(encoding="utf-8")
    page_404.write_text(
        text.replace("{{ 'feedback/' | url }}", "mailto:carers@example.org"), encoding="utf-8"
    )
    for folder in ("posts", "toolkit"):
        for md in (root / folder).glob("*.md"):
            md.unlink()
    config["nav"] = [
        {"Home": "index.md"},
        {"Checklists": "toolkit/index.md"},
        {"Stories": "stories/index.md"},
        {"Who it is for": "audience/index.md"},
    ]
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    (root / "posts/authors.yml").write_text("sam:\n  name: Sam Carer\n  role: Carer\n", encoding="utf-8")
    (root / "docs/index.md").write_text(
        "---\ntitle: Carers Together\ndescription: Plan support together.\naudience: []\n---\n\n"
        "# Carers Together\n\nWe help carers and staff. We plan care together.\n",
        encoding="utf-8",
    )
    (root / "docs/accessibility.md").write_text(
        "---\ntitle: Accessibility statement\naudience: []\n---\n\n# Accessibility statement\n\n"
        "We want all to use this site. Tell us if you can not.\n",
        encoding="utf-8",
    )
    # Two new pages.
    (root / "toolkit/index.md").write_text(
        "---\ntitle: Checklists\ndescription: Things to check before a meeting.\n"
        "audience: [carers, staff]\n---\n\n"
        "Use these lists before you meet. Tick each one as you go.\n",
        encoding="utf-8",
    )
    (root / "posts/our-first-meeting.md").write_text(
        "---\ntitle: Our first meeting\ndescription: What we learned when we first met.\ndate: 2026-01-15\n"
        "authors: [sam]\naudience: [carers]\n---\n\nWe met in the library. We drank tea and made a plan.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fork")
    _fork(root)
    return root


def test_a_fork_checks_clean_and_builds_strictly(fork: Path) -> None:
    check = _run([sys.executable, "-m", "coproduction", "check"], cwd=fork)
    assert check.returncode == 0, check.stdout + check.stderr
    build = _run([sys.executable, "-m", ENGINE, "build", "--strict", "-f", "mkdocs.yml"], cwd=fork)
    assert build.returncode == 0, build.stderr
    site = fork / "site"
    assert "Carers Together" in (site / "index.html").read_text(encoding="utf-8")
    story = (site / "stories/our-first-meeting/index.html").read_text(encoding="utf-8")
    assert 'href="../../audience/carers/"' in story
    assert "Stories" in (site / "audience/carers/index.html").read_text(encoding="utf-8")
    assert (site / "audience/carers+staff/index.html").is_file()
    assert not (site / "barriers").exists()


def test_the_engine_tests_and_the_content_tests_pass_in_the_fork(fork: Path) -> None:
    # The real-site browser tests (tests/site/browser: axe, the HTML checker, print) test the
    # theme, which a fork keeps as it is; they take minutes, so the fork is spared them here.
    # So are two of the engine's longest tests, which build only sites of their own from
    # conftest's settings (nothing of the fork's content or mkdocs.yml reaches them) and run
    # twice already; the fixture browser test inherits the fork's mkdocs.yml, so it stays.
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/engine", "tests/site"]
    own_sites_only = ["test_incremental.py", "test_properties.py"]
    spared = ["--ignore=tests/site/browser", *(f"--ignore=tests/engine/{name}" for name in own_sites_only)]
    result = _run([*command, *spared], cwd=fork)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
