"""The plugin and ``make check`` need only one engine: in an environment with ProperDocs and
no MkDocs (``.venv-properdocs``, which ``make test`` sets up), both work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HANG, REPO, tool, write_site

VENV = Path(os.environ.get("COPRODUCTION_PROPERDOCS_VENV", REPO / ".venv-properdocs"))


@pytest.fixture(scope="module")
def python() -> Path:
    found = VENV / "bin" / "python"
    if not found.is_file():
        pytest.fail(
            f"{VENV} is missing, so the ProperDocs tests cannot run: `make test` sets it up "
            "(or set COPRODUCTION_PROPERDOCS_VENV to such an environment).",
            pytrace=False,
        )
    return found


def run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [str(python), *args], cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=HANG
    )


def test_the_environment_has_properdocs_and_no_mkdocs(python: Path) -> None:
    code = "import importlib.util as u; print(u.find_spec('mkdocs'), u.find_spec('properdocs'))"
    result = run(python, "-c", code, cwd=REPO)
    assert result.returncode == 0, result.stderr
    missing, found = result.stdout.split(" ", 1)
    assert missing == "None" and found.strip() != "None"


def test_check_runs_without_mkdocs(python: Path, tmp_path: Path) -> None:
    write_site(tmp_path, {"toolkit/a.md": tool({"title": "A", "barriers": ["powr"]})})
    result = run(python, "-m", "coproduction", "check", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0].startswith("toolkit/a.md:4: unknown barriers term 'powr'.")


_GENERATOR_RE = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, the engine's generator tag blanked."""
    return {
        p.relative_to(site).as_posix(): _GENERATOR_RE.sub(b"", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix != ".gz"
    }


def test_properdocs_without_mkdocs_builds_this_site_as_mkdocs_does(python: Path, tmp_path: Path) -> None:
    check = run(python, "-m", "coproduction", "check", cwd=REPO)
    assert check.returncode == 0, check.stdout + check.stderr
    env = {"SOURCE_DATE_EPOCH": "1764115200"}
    built = {}
    for engine, interpreter in (("properdocs", python), ("mkdocs", Path(sys.executable))):
        site = tmp_path / engine
        result = subprocess.run(
            [str(interpreter), "-m", engine, "build", "--strict", "-d", str(site)],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            check=False,
            timeout=HANG,
        )
        assert result.returncode == 0, result.stderr
        built[engine] = _files(site)
    assert len(built["mkdocs"]) > 10
    assert built["properdocs"].keys() == built["mkdocs"].keys()
    assert [p for p in built["mkdocs"] if built["mkdocs"][p] != built["properdocs"][p]] == []
