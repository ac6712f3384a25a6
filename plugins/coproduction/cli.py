"""``python -m coproduction check``: the build's content checks, without building.

Prints ``path:line: message`` lines sorted by path and line (GitHub annotations
when ``GITHUB_ACTIONS=true``) and a one-line summary; exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from coproduction.authors import read_authors
from coproduction.content import Author, PageRecord, Problem
from coproduction.folders import MARKDOWN, list_files
from coproduction.site import build_indexes, read_page
from coproduction.spec import SiteSpec
from coproduction.urls import url_for

__all__ = ["Collected", "collect", "load_spec", "main"]


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its Python tags (``!!python/name:``, ``!ENV``)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_Loader.add_multi_constructor("", _ignore_tag)


class ConfigProblem(Exception):
    """mkdocs.yml cannot be used; the message says which option and why."""


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if entry == "coproduction":
            return {}
        if isinstance(entry, dict) and "coproduction" in entry:
            return entry["coproduction"] or {}
    plugins = config.get("plugins")
    if isinstance(plugins, dict) and "coproduction" in plugins:
        return plugins["coproduction"] or {}
    raise ConfigProblem("the coproduction plugin is not listed under 'plugins'")


def load_spec(config_file: str) -> SiteSpec:
    """The site's settings, validated by the plugin's own config class."""
    # Imported here: validating the options needs MkDocs' config classes, the checks do not.
    from coproduction.config import CoproductionConfig, to_spec

    with open(config_file, encoding="utf-8") as f:
        config = yaml.load(f, Loader=_Loader) or {}
    if not isinstance(config, dict):
        raise ConfigProblem("mkdocs.yml should hold 'name: value' settings")
    plugin = _plugin_options(config)
    if not isinstance(plugin, dict):
        raise ConfigProblem("plugins.coproduction should hold 'name: value' settings")
    options = CoproductionConfig(config_file_path=config_file)
    options.load_dict(plugin)
    errors, _warnings = options.validate()
    if errors:
        raise ConfigProblem("; ".join(f"plugins.coproduction.{name}: {error}" for name, error in errors))
    return to_spec(
        options,
        site_name=str(config.get("site_name") or ""),
        site_url=str(config.get("site_url") or ""),
        docs_dir=str(config.get("docs_dir") or "docs"),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        drafts=True,  # drafts are checked too: they will be published one day
    )


@dataclass(slots=True)
class Collected:
    """Every page read and checked, as the build would."""

    spec: SiteSpec
    pages: list[PageRecord] = field(default_factory=list)
    authors: dict[str, Author] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def collect(config_file: str) -> Collected:
    """Read and check every content file of the site ``config_file`` describes."""
    spec = load_spec(config_file)
    root = os.path.dirname(os.path.abspath(config_file))
    authors, problems = read_authors(os.path.join(root, spec.authors_file), spec.authors_file)
    folders = [("", spec.docs_dir, "guide")] + [(s.key + "/", s.dir, s.kind) for s in spec.sources]
    pages = []
    for prefix, folder, kind in folders:
        names = list_files(os.path.join(root, folder), skip_templates=not prefix)
        for rel in (n for n in names if n.endswith(MARKDOWN)):
            src_uri = prefix + rel
            record, found = read_page(
                os.path.join(root, folder, rel),
                path=posixpath.join(folder, rel),
                src_uri=src_uri,
                url=url_for(src_uri, spec.use_directory_urls),
                kind=kind,
                spec=spec,
                authors=authors,
            )
            problems += found
            if record is not None:
                record.body = None  # nothing is rendered here
                pages.append(record)
    problems += build_indexes(pages, authors, spec).problems
    return Collected(spec=spec, pages=pages, authors=authors, problems=sorted(problems))


def _github(problem: Problem) -> str:
    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    path = esc(problem.path).replace(":", "%3A").replace(",", "%2C")
    return f"::warning file={path},line={problem.line}::{esc(problem.message)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coproduction")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every content file without building")
    check.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        site = collect(args.config_file)
    except (ConfigProblem, OSError, yaml.YAMLError) as e:
        print(f"{args.config_file}: {e}", file=sys.stderr)
        return 1
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in site.problems:
        print(_github(problem) if github else problem)
    files = len({p.path for p in site.problems})
    if site.problems:
        count = len(site.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''} ({len(site.pages)} pages checked)"
        )
        return 1
    print(f"No problems found in {len(site.pages)} pages.")
    return 0
