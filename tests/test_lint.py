"""The plugin stays typed and lint-clean: ``ruff`` and ``mypy`` run as part of ``make test``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "plugins", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run([str(BIN / "mypy")], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


CORE = (
    "content", "spec", "urls", "folders", "frontmatter", "checks", "authors", "taxonomy",
    "related", "blog", "excerpts", "feeds", "export", "site",
)  # fmt: skip


def test_core_never_imports_mkdocs() -> None:
    """The core stays free of MkDocs, so the plugin can move to ProperDocs or beyond."""
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module('coproduction.' + name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"
