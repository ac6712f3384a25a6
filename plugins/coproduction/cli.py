"""``python -m coproduction check [FILE ...]``: every problem a build would report, without building.

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
    problems = [p for p in site.problems if not wanted or os.path.normpath(p.path) in wanted]
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for message in engine_messages:
        print(f"{site.spec.config_file}: {message}")
    for problem in problems:
        print(_github(problem) if github else problem)
    pages = _plural(len(site.records), "page")
    if problems or engine_messages:
        files = len({p.path for p in problems} | ({site.spec.config_file} if engine_messages else set()))
        count = len(problems) + len(engine_messages)
        print(f"{_plural(count, 'problem')} in {_plural(files, 'file')} ({pages} checked)")
        return 1
    print(f"No problems found in {pages}.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coproduction")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check every content file without building")
    check_parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    check_parser.add_argument("files", nargs="*", help="report only these files' problems")
    args = parser.parse_args(argv)
    return check(args.config_file, args.files)
