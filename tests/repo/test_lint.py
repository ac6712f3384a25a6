"""The plugin stays typed and lint-clean: ``ruff`` and ``mypy`` run as part of ``make test``."""

from __future__ import annotations

import ast
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


CORE = REPO / "plugins" / "coproduction" / "core"
ENGINES = ("mkdocs", "properdocs", "jinja2", "markupsafe", "material")


def test_core_never_imports_an_engine_or_jinja() -> None:
    """The core stays free of MkDocs and Jinja, so it can move to ProperDocs or beyond.

    Every file of the folder is read (not a list of names): no import statement of it may
    name an engine or Jinja, and importing every module loads none of them.
    """
    modules = sorted(CORE.glob("**/*.py"))
    assert len(modules) >= 10
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ENGINES, f"{path.relative_to(REPO)} imports {name}"
    dotted = [
        "coproduction.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in modules
        if p.name != "__init__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {dotted!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ENGINES!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"
