"""The plugin on its own: its wheel, installed into a fresh environment with MkDocs or with
ProperDocs (never Material), builds a minimal project that uses the plain ``mkdocs`` theme.

The environments install from the package registry, as a user's would (pip's cache makes
later runs quick).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import HANG, REPO

MINIMAL = """\
site_name: Minimal
theme:
  name: mkdocs
plugins:
  - coproduction:
      taxonomies:
        topics:
          title: Topics
          terms:
            care: {title: Care, description: Looking after people.}
            money: {title: Money}
"""


def _run(command: list[str], cwd: Path, timeout: int = HANG) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=timeout
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        cwd=out,
    )
    assert result.returncode == 0, result.stderr
    (found,) = out.glob("coproduction-*.whl")
    return found


def test_the_wheel_carries_the_licence_the_description_and_no_theme(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "MkDocs and ProperDocs plugin" in metadata  # the summary
    assert "# Co-production Toolkit" in metadata  # the long description (README)
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert not any("mkdocs-material" in line and "extra ==" not in line for line in requires)
    assert not any(line.split(":")[1].strip().startswith(("mkdocs", "properdocs")) and "extra" not in line
                   for line in requires)  # fmt: skip
    assert any("mkdocs-material" in line and 'extra == "material"' in line for line in requires)
    # Templates, the script, the stylesheet and the Welsh catalogue ship in the wheel.
    for part in ("templates/coproduction/term.html", "javascripts/coproduction.js", "locales/cy/"):
        assert any(part in n for n in names), part


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_a_minimal_project_builds_with_the_wheel_alone(wheel: Path, tmp_path: Path, engine: str) -> None:
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    # ProperDocs ships the plain `mkdocs` theme as a package of its own.
    theme = ["properdocs-theme-mkdocs"] if engine == "properdocs" else []
    install = _run([str(python), "-m", "pip", "install", "-q", f"{wheel}[{engine}]", *theme], cwd=tmp_path)
    assert install.returncode == 0, install.stderr
    freeze = _run([str(python), "-m", "pip", "freeze"], cwd=tmp_path).stdout.lower()
    assert "mkdocs-material" not in freeze
    assert ("properdocs" in freeze) == (engine == "properdocs")

    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MINIMAL, encoding="utf-8")
    (project / "docs/index.md").write_text("---\ntopics: [care]\n---\n# Home\n\nHello.\n", encoding="utf-8")
    build = _run([str(python), "-m", engine, "build", "--strict", "-f", "mkdocs.yml"], cwd=project)
    assert build.returncode == 0, build.stderr  # no site_url needed: there is no blog
    assert "Looking after people." in (project / "site/topics/care/index.html").read_text(encoding="utf-8")
    assert 'href="topics/care/"' in (project / "site/index.html").read_text(encoding="utf-8")
    check = _run([str(python), "-m", "coproduction", "check"], cwd=project)
    assert (check.returncode, check.stdout.strip()) == (0, "No problems found in 1 page."), check.stderr

    # A posts/ folder beside docs/ that the configuration does not name is not lost silently.
    (project / "posts").mkdir()
    (project / "posts/hello.md").write_text("---\ntitle: Hello\n---\nHi.\n", encoding="utf-8")
    check = _run([str(python), "-m", "coproduction", "check"], cwd=project)
    assert check.returncode == 1
    assert check.stdout.startswith(
        "mkdocs.yml:5: the posts/ folder is not built into the site: add it under the coproduction plugin, "
        "as sources: {posts: {dir: posts, kind: post}}"
    ), check.stdout
