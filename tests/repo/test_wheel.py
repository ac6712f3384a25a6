"""The plugin on its own: its wheel, installed into a fresh environment with MkDocs or with
ProperDocs (never Material), builds a minimal project that uses the plain ``mkdocs`` theme;
and each of its extras installs exactly one engine.

The environments install from the package registry, as a user's would (pip's cache makes
later runs quick).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from importlib.metadata import requires as installed_requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from conftest import HANG, REPO

ENGINES = {"mkdocs", "properdocs"}

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


def _metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()


def _extra(metadata: str, extra: str) -> list[Requirement]:
    """What ``coproduction[extra]`` adds to the plugin's own requirements."""
    found = []
    for line in metadata.splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = Requirement(line.partition(":")[2].strip())
            if requirement.marker is not None and requirement.marker.evaluate({"extra": extra}):
                found.append(requirement)
    return found


def _names(requirements: list[Requirement]) -> set[str]:
    return {canonicalize_name(requirement.name) for requirement in requirements}


def test_the_wheel_carries_the_licence_the_description_and_no_theme(wheel: Path) -> None:
    metadata = _metadata(wheel)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "MkDocs and ProperDocs plugin" in metadata  # the summary
    assert "# Co-production Toolkit" in metadata  # the long description (README)
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert not any("mkdocs-material" in line and "extra ==" not in line for line in requires)
    assert not any(line.split(":")[1].strip().startswith(("mkdocs", "properdocs")) and "extra" not in line
                   for line in requires)  # fmt: skip
    # Templates, the stylesheet and the Welsh catalogue ship in the wheel.
    for part in ("templates/coproduction/term.html", "stylesheets/coproduction.css", "locales/cy/"):
        assert any(part in n for n in names), part


def test_each_extra_names_exactly_one_engine(wheel: Path) -> None:
    metadata = _metadata(wheel)
    lines = metadata.splitlines()
    extras = {line.split(":")[1].strip() for line in lines if line.startswith("Provides-Extra:")}
    assert extras == ENGINES
    for extra in extras:
        assert _names(_extra(metadata, extra)) & ENGINES == {extra}, extra
    assert "mkdocs-material" in _names(_extra(metadata, "mkdocs"))


def test_the_properdocs_extra_brings_what_material_needs_but_mkdocs(wheel: Path) -> None:
    """Material is installed with ``--no-deps`` beside ProperDocs: the extra must bring the rest
    of its requirements, as the pinned Material (requirements.lock) states them."""
    material = [Requirement(line) for line in installed_requires("mkdocs-material") or []]
    needs = {
        (canonicalize_name(r.name), str(r.specifier))
        for r in material
        if (r.marker is None or r.marker.evaluate({"extra": ""})) and canonicalize_name(r.name) != "mkdocs"
    }
    ours = {
        (canonicalize_name(r.name), str(r.specifier))
        for r in _extra(_metadata(wheel), "properdocs")
        if canonicalize_name(r.name) != "properdocs"
    }
    assert ours == needs
    # README's ProperDocs install names the Material that the [mkdocs] extra names.
    (theme,) = (r for r in _extra(_metadata(wheel), "mkdocs") if r.name == "mkdocs-material")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    told = re.findall(r'pip install --no-deps "mkdocs-material([^"]*)"', readme)
    assert [SpecifierSet(spec) for spec in told] == [theme.specifier]


@pytest.mark.parametrize("extra", sorted(ENGINES))
def test_each_extra_installs_exactly_one_engine(wheel: Path, tmp_path: Path, extra: str) -> None:
    """What pip would install for ``coproduction[extra]``, every dependency resolved."""
    report = tmp_path / "report.json"
    result = _run(
        [sys.executable, "-m", "pip", "install", "-q", "--dry-run", "--ignore-installed",
         "--report", str(report), f"{wheel}[{extra}]"],
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    resolved = {canonicalize_name(item["metadata"]["name"]) for item in installs}
    assert resolved & ENGINES == {extra}
    # Material comes with MkDocs; with ProperDocs it is installed apart, without its dependencies.
    assert ("mkdocs-material" in resolved) == (extra == "mkdocs")


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_minimal_project_builds_with_the_wheel_alone(wheel: Path, tmp_path: Path, engine: str) -> None:
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    # The engine as the extra names it, without the theme; ProperDocs ships the plain
    # `mkdocs` theme as a package of its own.
    (requirement,) = (r for r in _extra(_metadata(wheel), engine) if r.name == engine)
    theme = ["properdocs-theme-mkdocs"] if engine == "properdocs" else []
    packages = [str(wheel), f"{requirement.name}{requirement.specifier}", *theme]
    install = _run([str(python), "-m", "pip", "install", "-q", *packages], cwd=tmp_path)
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
