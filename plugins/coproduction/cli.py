"""``python -m coproduction check [FILE ...]``: every problem a build would report, without building;
``python -m coproduction new KIND TITLE``: a new page with valid front matter.

Prints ``path:line: message`` lines (GitHub annotations when ``GITHUB_ACTIONS=true``)
and a one-line summary; exits 1 on any problem. It loads the site through the same
engine and pipeline as ``mkdocs build``, so both report the same problems.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from coproduction.core.records import Problem

__all__ = ["main"]


def _github(problem: Problem) -> str:
    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    path = esc(problem.path).replace(":", "%3A").replace(",", "%2C")
    return f"::warning file={path},line={problem.line}::{esc(problem.message)}"


ANNOTATIONS_SHOWN = 10
"""GitHub shows at most this many annotations of a kind per step; the job summary lists all."""


def _summary(problems: Sequence[Problem], path: str) -> None:
    """Append every problem to the GitHub job summary, as a table a reader can scan."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    rows = "".join(f"| `{cell(p.path)}` | {p.line} | {cell(p.message)} |\n" for p in problems)
    with open(path, "a", encoding="utf-8") as f:
        f.write(
            f"### {_plural(len(problems), 'content problem')}\n\n"
            "GitHub shows only the first few on the changed lines; here is every one.\n\n"
            f"| File | Line | Problem |\n|---|---|---|\n{rows}\n"
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def check(config_file: str, only: Sequence[str] = ()) -> int:
    """Print the site's problems (those in ``only``'s files, if given); 1 if there are any."""
    # Imported here: loading the engine is most of the command's start-up time.
    from coproduction.mkdocs_plugin.check import ConfigProblem, load_site

    try:
        site, engine_messages = load_site(config_file)
    except ConfigProblem as e:
        print(f"{config_file}: {e}", file=sys.stderr)
        return 1
    wanted = {os.path.normpath(f) for f in only}
    problems = [
        p
        for p in site.problems
        if not wanted or any(os.path.normpath(path) in wanted for path in (p.path, *p.about))
    ]
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for message in engine_messages:
        print(f"{site.spec.config_file}: {message}")
    for problem in problems:
        print(_github(problem) if github else problem)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if github and summary and len(problems) > ANNOTATIONS_SHOWN:
        _summary(problems, summary)
    pages = _plural(len(site.records), "page")
    if problems or engine_messages:
        files = len({p.path for p in problems} | ({site.spec.config_file} if engine_messages else set()))
        count = len(problems) + len(engine_messages)
        print(f"{_plural(count, 'problem')} in {_plural(files, 'file')} ({pages} checked)")
        return 1
    print(f"No problems found in {pages}.")
    return 0


def new(config_file: str, kind: str, title: str, author: str = "") -> int:
    """Write a new page with valid front matter; never overwrite."""
    from coproduction.core.new_page import NewPageProblem, new_page
    from coproduction.core.settings import build_date
    from coproduction.mkdocs_plugin.check import ConfigProblem, load_site

    try:
        site, _ = load_site(config_file)
        authors = [author] if author else sorted(site.indexes.authors)
        if author and author not in site.indexes.authors:
            raise NewPageProblem(
                f"author '{author}' is not in {site.spec.authors_file}: add them there first"
            )
        root = os.path.dirname(os.path.abspath(config_file))
        made = new_page(site.spec, root, kind, title, authors, build_date())
    except (ConfigProblem, NewPageProblem) as e:
        print(f"Not made: {e}", file=sys.stderr)
        return 1
    target = os.path.join(root, made.path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
        f.write(made.text)
    print(f"Made {made.path}: add a description and terms, write the page, then run make check.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coproduction")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check every content file without building")
    check_parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    check_parser.add_argument("files", nargs="*", help="report only these files' problems")
    new_parser = commands.add_parser("new", help="start a page with valid front matter")
    new_parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    new_parser.add_argument("kind", help="the page's kind, like post, tool or guide")
    new_parser.add_argument("title", help="the page's title; its file name comes from it")
    new_parser.add_argument("--author", default="", help="an author id, for dated kinds")
    args = parser.parse_args(argv)
    if args.command == "new":
        return new(args.config_file, args.kind, args.title, args.author)
    return check(args.config_file, args.files)
