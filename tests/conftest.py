"""Helpers that build real fixture sites in ``tmp_path`` and read what they write."""

from __future__ import annotations

import copy
import json
import logging
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

# First: where only ProperDocs is installed, this makes the mkdocs.* imports below load it.
from coproduction.mkdocs_plugin.engine import ENGINE

# isort: split
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent
__all__ = ["ENGINE", "HANG", "REPO"]

HANG = 900
"""Seconds a test waits for an event (a server's answer, a command's end, a page's load)
before it calls it a hang. No test bounds how fast anything is (a busy machine is slow, not
wrong): work that must not grow too fast is measured by its growth (tests/engine/unit/
test_unit_robustness.py), and speed by `make bench`."""
# The browser tests' shared fixtures (``browser``: one headless Chromium per module).
pytest_plugins = ["browser"]

BASE_CONFIG: dict[str, Any] = {
    "site_name": "Test Toolkit",
    "site_url": "https://example.org/toolkit/",
    "repo_url": "https://github.com/example/toolkit",
    "edit_uri": "edit/main/docs/",
    "theme": {"name": "material", "font": False, "features": ["content.action.edit"]},
    "validation": {"omitted_files": "ignore", "links": {"absolute_links": "relative_to_docs"}},
    "plugins": [
        "search",
        {
            "coproduction": {
                "sources": {
                    "posts": {"dir": "posts", "kind": "post"},
                    "toolkit": {"dir": "toolkit", "kind": "tool"},
                },
                "taxonomies": {
                    "barriers": {
                        "title": "Barriers",
                        "description": "What holds co-production back.",
                        "terms": {
                            "power": {"title": "Power", "description": "Who decides."},
                            "leadership": {"title": "Leadership", "description": "Allies."},
                            "diversity": {"title": "Diversity", "description": "Who is there."},
                            "capacity": {"title": "Capacity", "description": "Time and money."},
                        },
                    }
                },
                "authors": "posts/authors.yml",
                "related": 3,
                "posts_per_page": 2,
                "items_per_page": 2,
            }
        },
    ],
}

AUTHORS = """\
ann:
  name: Ann Author
  role: Peer researcher
bob:
  name: Bob Writer
"""


def page(front: dict[str, Any] | str, body: str = "Some text.\n") -> str:
    """A Markdown file with front matter (a dict, or raw YAML text)."""
    meta = front if isinstance(front, str) else yaml.safe_dump(front, sort_keys=False)
    return f"---\n{meta}---\n\n{textwrap.dedent(body)}"


HANDOUT = "\n<!-- handout -->\n\n## Zorp\n\nZeb: ______________\n"
"""The end of a tool's Markdown: every tool has a handout (issue 25), ``make check`` says so."""


def tool(front: dict[str, Any] | str, body: str = "Some text.\n") -> str:
    """A tool's Markdown file: ``page`` with a handout at its end."""
    return page(front, body) + HANDOUT


@dataclass
class Built:
    """A built fixture site."""

    root: Path
    site: Path
    warnings: list[str] = field(default_factory=list)

    def html(self, url: str) -> str:
        path = self.site / url.strip("/") / "index.html" if url.strip("/") else self.site / "index.html"
        return path.read_text(encoding="utf-8")

    def content(self, url: str) -> str:
        """The page's article, without the theme's navigation around it."""
        html = self.html(url)
        return html[html.index("<article") : html.index("</article>")]

    def exists(self, url: str) -> bool:
        target = self.site / url.strip("/")
        return (target / "index.html").is_file() if not url.endswith((".xml", ".json")) else target.is_file()

    def json(self) -> Any:
        return json.loads((self.site / "cross-index.json").read_text(encoding="utf-8"))


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write each file (text as UTF-8, bytes as they are) at its path relative to ``root``."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The coproduction plugin's options in a fixture configuration: the mapping itself, so a
    test can change them in place (on a ``copy.deepcopy`` of ``BASE_CONFIG``)."""
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "coproduction" in entry:
            options: dict[str, Any] = entry["coproduction"]
            return options
    return {}


def inheriting_config(update: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """A fixture site's settings over the repository's own mkdocs.yml (its theme, custom_dir,
    Markdown extensions): ``BASE_CONFIG``'s name, content and plugin settings, which ``update``
    may change (it gets the plugin's options)."""
    config = copy.deepcopy(BASE_CONFIG)
    del config["theme"]  # the repository's theme, custom_dir and all
    if update is not None:
        update(plugin_options(config))
    return {
        "INHERIT": str(REPO / "mkdocs.yml"),
        **config,
        "docs_dir": "docs",
        "site_dir": "site",
        "nav": None,
    }


def write_site(root: Path, files: dict[str, str | bytes], config: dict[str, Any] | None = None) -> None:
    """Write ``mkdocs.yml``, the given files (paths relative to ``root``) and the source folders
    the configuration names (a missing one is a configuration problem)."""
    merged = dict(BASE_CONFIG if config is None else config)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(merged, sort_keys=False), encoding="utf-8")
    write_files(root, {"docs/index.md": page({"title": "Home", "barriers": []}), **files})
    for source in plugin_options(merged).get("sources", {}).values():
        (root / source["dir"]).mkdir(parents=True, exist_ok=True)


def config_line(root: Path, text: str) -> int:
    """The line of a fixture's mkdocs.yml that first holds ``text``: tests name the lines
    problems are reported at this way, not by number (the fixture changes with the options)."""
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    root: Path,
    *,
    strict: bool = False,
    serve: bool = False,
    dirty: bool = False,
    site_dir: Path | None = None,
) -> Built:
    """Build the site at ``root`` as ``mkdocs build`` (or ``mkdocs serve``) would; ``dirty``
    as ``mkdocs build --dirty``; into ``site_dir`` instead of the configuration's."""
    handler = _Collect()
    logger = logging.getLogger(ENGINE)  # "mkdocs", or "properdocs" where it runs
    logger.addHandler(handler)
    options: dict[str, Any] = {"site_dir": str(site_dir)} if site_dir is not None else {}
    config = load_config(config_file=str(root / "mkdocs.yml"), strict=strict, **options)
    config.plugins.on_startup(command="serve" if serve else "build", dirty=dirty)
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if serve else None, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(handler)
    return Built(root=root, site=Path(config.site_dir), warnings=handler.messages)


@pytest.fixture
def make_site(tmp_path: Path) -> Iterator[Callable[..., Built]]:
    """Write and build a fixture site: ``make_site(files, config=None, strict=False, serve=False)``."""

    def make(
        files: dict[str, str | bytes],
        config: dict[str, Any] | None = None,
        *,
        strict: bool = False,
        serve: bool = False,
    ) -> Built:
        write_site(tmp_path, files, config)
        return build_site(tmp_path, strict=strict, serve=serve)

    yield make


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository folder for a case to write, where messages print as plain lines
    (not GitHub's annotations, as they do when ``GITHUB_ACTIONS`` is set)."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = tmp_path / "repo"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The repository's own site, built into a temporary folder (once per test run), with the
    warnings it logged: `mkdocs build --strict` fails on any, which a test of its own asserts,
    so that one warning fails that test rather than every test of the site."""
    return build_site(REPO, site_dir=tmp_path_factory.mktemp("real") / "site")


# What a test could not measure on this site, said once at the end of the run: a check that
# only makes sense in one language (a reading grade made for English) says so elsewhere,
# rather than passing as if it had measured something.
_NOT_MEASURED: dict[str, None] = {}


@pytest.fixture
def not_measured() -> Callable[[str], None]:
    """``not_measured(line)``: add a line to the run's "Not measured on this site" summary."""
    return lambda line: _NOT_MEASURED.setdefault(line)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _NOT_MEASURED:
        terminalreporter.section("Not measured on this site")
        for line in _NOT_MEASURED:
            terminalreporter.write_line(line)
