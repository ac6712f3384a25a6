"""Build one MkDocs site in this process and print one JSON line of measurements.

Usage: ``python benchmarks/run_build.py path/to/mkdocs.yml``.  ``bench.py`` runs it
as a subprocess so every build starts in a fresh interpreter.  The site
directory should be removed beforehand (``bench.py`` does) so that cleaning it
is not part of the time.  Warnings are counted and echoed to stderr.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

__all__ = ["main"]


class _Counter(logging.Handler):
    """Counts records at WARNING and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _html_output(site_dir: Path) -> tuple[int, int, int]:
    """(bytes of HTML files, number of HTML files, bytes of all files) under ``site_dir``."""
    html_bytes = html_files = all_bytes = 0
    for dirpath, _, filenames in os.walk(site_dir):
        for name in filenames:
            size = os.stat(os.path.join(dirpath, name)).st_size
            all_bytes += size
            if name.endswith(".html"):
                html_bytes += size
                html_files += 1
    return html_bytes, html_files, all_bytes


def main(argv: list[str] | None = None) -> int:
    """Build the site of the config file given as the only argument."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: run_build.py MKDOCS_YML", file=sys.stderr)
        return 2
    config_file = args[0]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner on stderr

    counter = _Counter()
    echo = logging.StreamHandler(sys.stderr)
    echo.setLevel(logging.WARNING)
    echo.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for name in ("mkdocs", ""):  # mkdocs.*, plugins' loggers, and everything else
        logger = logging.getLogger(name)
        logger.addHandler(counter)
        logger.addHandler(echo)
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.setLevel(logging.WARNING)
    mkdocs_logger.propagate = False

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cpu0 = time.process_time()
    start = time.perf_counter()
    config = load_config(config_file=config_file)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0

    html_bytes, html_files, all_bytes = _html_output(Path(config.site_dir))
    result = {
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "output_bytes": html_bytes,
        "html_files": html_files,
        "site_bytes": all_bytes,
        "warnings": counter.count,
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
