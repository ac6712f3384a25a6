"""Build one MkDocs site in this process and print one JSON line of measurements.

Usage: ``python benchmarks/run_build.py [--dirty] path/to/mkdocs.yml``.  ``bench.py``
runs it as a subprocess so every build starts in a fresh interpreter.  For a clean
build the site directory should be removed beforehand (``bench.py`` does) so that
cleaning it is not part of the time.  ``--dirty`` builds like ``mkdocs build --dirty``:
only pages whose source is newer than their output, over the existing site.
Warnings are counted and echoed to stderr, except MkDocs' notice that a dirty
build is being performed, which every dirty build logs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["main"]

_DIRTY_NOTICE = "A 'dirty' build is being performed"


class _Counter(logging.Handler):
    """Counts records at WARNING and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _not_dirty_notice(record: logging.LogRecord) -> bool:
    """False for MkDocs' warning that the build is dirty: it is what we asked for."""
    return not (record.name == "mkdocs.commands.build" and record.getMessage().startswith(_DIRTY_NOTICE))


def _html_output(site_dir: Path, since_ns: int) -> dict[str, Any]:
    """Bytes and count of the HTML files, how many were written at or after ``since_ns``
    (their modification time), bytes of all files, and the largest HTML file."""
    html_bytes = html_files = html_written = all_bytes = largest = 0
    largest_path = ""
    for dirpath, _, filenames in os.walk(site_dir):
        for name in filenames:
            path = os.path.join(dirpath, name)
            stat = os.stat(path)
            size = stat.st_size
            all_bytes += size
            if name.endswith(".html"):
                html_bytes += size
                html_files += 1
                html_written += stat.st_mtime_ns >= since_ns
                if size > largest:
                    largest, largest_path = size, os.path.relpath(path, site_dir)
    return {
        "output_bytes": html_bytes,
        "html_files": html_files,
        "html_written": html_written,
        "site_bytes": all_bytes,
        "largest_html_bytes": largest,
        "largest_html_path": Path(largest_path).as_posix(),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the site of the given config file, clean or ``--dirty``."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("config_file", help="the site's mkdocs.yml")
    parser.add_argument("--dirty", action="store_true", help="rebuild changed pages only")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner on stderr

    counter = _Counter()
    echo = logging.StreamHandler(sys.stderr)
    echo.setLevel(logging.WARNING)
    echo.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    if args.dirty:
        counter.addFilter(_not_dirty_notice)
        echo.addFilter(_not_dirty_notice)
    for name in ("mkdocs", ""):  # mkdocs.*, plugins' loggers, and everything else
        logger = logging.getLogger(name)
        logger.addHandler(counter)
        logger.addHandler(echo)
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.setLevel(logging.WARNING)
    mkdocs_logger.propagate = False

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # Files written by this build have a modification time after this (the first is
    # written long after a clock tick), files left from an earlier build one before it.
    since_ns = time.time_ns()
    cpu0 = time.process_time()
    start = time.perf_counter()
    config = load_config(config_file=args.config_file)
    config.plugins.on_startup(command="build", dirty=args.dirty)
    try:
        build(config, dirty=args.dirty)
    finally:
        config.plugins.on_shutdown()
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0

    result = {
        "dirty": args.dirty,
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        **_html_output(Path(config.site_dir), since_ns),
        "warnings": counter.count,
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
