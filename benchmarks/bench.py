"""Build-performance benchmark: the coproduction plugin against plain Material.

For each size N it generates both corpora (``corpus.py``), builds baseline and
ours in alternation ``--repeat`` times (each build a fresh process, see
``run_build.py``), times ``python -m coproduction check`` and the related
lists, prints a table, writes ``<out>/results.json`` and exits 1 if a target
is missed or a measurement failed.  ``--quick`` is a smoke test: small sizes,
one run, targets shown but not judged.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from corpus import Layout, generate

HERE = Path(__file__).resolve().parent
RUN_BUILD = HERE / "run_build.py"
TIMINGS_ENV = "COPRODUCTION_TIMINGS"
RELATED = 5

# Targets; see README.md.
MAX_WALL_RATIO = 1.15
MAX_PLUGIN_SHARE = 0.05
MAX_LINEAR_GROWTH = 1.2
MAX_5000_WALL_S = 35.0
MAX_BYTES_PER_PAGE = 60_000
MAX_MEMORY_RATIO = 1.3
MAX_RELATED_S = 0.3
MAX_CHECK_S_PER_1000 = 0.5

Json = dict[str, Any]


@dataclass(slots=True)
class Target:
    """A target: ``value`` must be ``<=`` (``<`` if ``strict``) ``limit``; None if not judged."""

    name: str
    n: int | None
    value: float | None
    limit: float
    unit: str
    strict: bool = False
    digits: int = 3
    passed: bool | None = None

    def describe(self) -> str:
        """One line: name, size, value and limit."""
        where = f" (N={self.n})" if self.n is not None else ""
        op = "<" if self.strict else "<="
        value = "not measured" if self.value is None else f"{self.value:,.{self.digits}f}{self.unit}"
        return f"{self.name}{where}: {value} ({op} {self.limit:,g}{self.unit})"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:])


def _env(timings: Path | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop(TIMINGS_ENV, None)
    if timings is not None:
        env[TIMINGS_ENV] = str(timings)
    return env


def _read_timings(path: Path) -> Json:
    """The plugin's ``{"events": {name: s}, "total": s}``; raises ValueError if malformed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    events = data.get("events") if isinstance(data, dict) else None
    total = data.get("total") if isinstance(data, dict) else None
    if not isinstance(events, dict) or not isinstance(total, (int, float)):
        raise ValueError("expected {'events': {name: seconds}, 'total': seconds}")
    if not all(isinstance(k, str) and isinstance(v, (int, float)) for k, v in events.items()):
        raise ValueError("event times must be numbers of seconds")
    return {"events": {k: float(v) for k, v in events.items()}, "total": float(total)}


def warm(root: Path) -> None:
    """Read every source file of a corpus, so the build finds it in the page cache.

    This VM's memory reclaim drops cached files within seconds, so without it one
    build reads from disk and the next does not, and the reading lands on whoever
    reads first (the plugin, in ours; MkDocs, in the baseline).
    """
    for path in root.rglob("*"):
        if path.is_file() and "site" not in path.relative_to(root).parts[:1]:
            path.read_bytes()


def build_once(root: Path, layout: Layout, timings: Path | None, errors: list[str]) -> Json | None:
    """Build ``root/mkdocs.yml`` in a fresh process; None (and an error) if it failed."""
    shutil.rmtree(root / "site", ignore_errors=True)
    if timings is not None:
        timings.unlink(missing_ok=True)
    os.sync()  # so the last build's writeback does not land in this one
    warm(root)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(RUN_BUILD), str(root / "mkdocs.yml")],
        cwd=root,
        env=_env(timings),
        capture_output=True,
        text=True,
        check=False,
    )
    process_s = time.perf_counter() - start
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        errors.append(f"{layout} build of {root} failed (exit {proc.returncode}):\n{_tail(proc.stderr)}")
        return None
    run: Json = json.loads(lines[-1])
    run["process_s"] = round(process_s, 4)
    if run["warnings"]:
        errors.append(f"{layout} build of {root} gave {run['warnings']} warnings:\n{_tail(proc.stderr)}")
    if timings is not None:
        if not timings.is_file():
            errors.append(f"ours build of {root}: the plugin wrote no timings to ${TIMINGS_ENV}")
        else:
            try:
                run["plugin"] = _read_timings(timings)
            except ValueError as e:
                errors.append(f"ours build of {root}: bad timings file {timings}: {e}")
    return run


def time_check(root: Path, repeat: int, errors: list[str]) -> list[float]:
    """Wall seconds of ``python -m coproduction check -f mkdocs.yml``, one per run."""
    times: list[float] = []
    command = [sys.executable, "-m", "coproduction", "check", "-f", str(root / "mkdocs.yml")]
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(command, cwd=root, env=_env(None), capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            output = proc.stdout + proc.stderr
            shown = " ".join(["python", *command[1:]])
            errors.append(f"`{shown}` exited {proc.returncode}:\n{_tail(output)}")
            return []
        times.append(elapsed)
    return times


def time_related(root: Path, errors: list[str]) -> Json | None:
    """Best of 3 ``related_lists(pages, 5)`` over the pages ``make check`` reads, in-process."""
    try:
        # Imported by name: the plugin may not be installed where this file is type-checked.
        load_site: Callable[[str], Any] = importlib.import_module(
            "coproduction.mkdocs_plugin.check"
        ).load_site
        related_lists: Callable[[Any, int], Any] = importlib.import_module(
            "coproduction.core.related"
        ).related_lists
        pages = load_site(str(root / "mkdocs.yml"))[0].indexes.pages
        best = float("inf")
        lists: Any = None
        for _ in range(3):
            start = time.perf_counter()
            lists = related_lists(pages, RELATED)
            best = min(best, time.perf_counter() - start)
        return {"best_s": round(best, 5), "pages": len(pages), "lists": len(lists)}
    except Exception as e:  # report any failure of the plugin API, keep benchmarking
        errors.append(f"related lists for {root}: {type(e).__name__}: {e}")
        return None


def _summary(runs: list[Json], n: int) -> Json:
    """Medians of one layout's runs at size ``n``."""
    if not runs:
        return {"runs": runs}
    wall = statistics.median(r["wall_s"] for r in runs)
    out_bytes = statistics.median(r["output_bytes"] for r in runs)
    summary: Json = {
        "runs": runs,
        "wall_s": wall,
        "ms_per_page": 1000 * wall / n,
        "process_s": statistics.median(r["process_s"] for r in runs),
        "peak_rss_kib": statistics.median(r["peak_rss_kib"] for r in runs),
        "output_bytes": out_bytes,
        "output_bytes_per_page": out_bytes / n,
        "html_files": runs[-1]["html_files"],
    }
    timed = [r["plugin"] for r in runs if "plugin" in r]
    if timed:
        total = statistics.median(t["total"] for t in timed)
        names = sorted({name for t in timed for name in t["events"]})
        events = {name: statistics.median(t["events"].get(name, 0.0) for t in timed) for name in names}
        summary["plugin"] = {
            "total_s": total,
            "ms_per_page": 1000 * total / n,
            "share_of_build": total / wall,
            "events_s": dict(sorted(events.items(), key=lambda kv: -kv[1])),
        }
    return summary


def measure(n: int, args: argparse.Namespace, errors: list[str], warm_up: bool) -> Json:
    """Everything measured at size ``n``; ``warm_up`` first builds each layout once, unrecorded."""
    work = args.out / "work" / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)
    _log(f"N={n}: generating corpora in {work}")
    roots: dict[Layout, Path] = {"baseline": work / "baseline", "ours": work / "ours"}
    corpus = {layout: generate(root, n, args.seed, layout=layout) for layout, root in roots.items()}
    if warm_up:  # first builds of a session pay for cold disk caches and bytecode compiling
        _log(f"N={n}: warm-up builds")
        for layout, root in roots.items():
            build_once(root, layout, None, [])
    runs: dict[Layout, list[Json]] = {"baseline": [], "ours": []}
    pair_ratios: list[float] = []  # ours/baseline within one round: cancels slow drift
    for i in range(args.repeat):
        order: tuple[Layout, Layout] = ("baseline", "ours") if i % 2 == 0 else ("ours", "baseline")
        walls: dict[Layout, float] = {}
        for layout in order:
            timings = work / f"timings-{i}.json" if layout == "ours" else None
            run = build_once(roots[layout], layout, timings, errors)
            if run is not None:
                runs[layout].append(run)
                walls[layout] = run["wall_s"]
                plugin = run.get("plugin", {}).get("total")
                extra = f", plugin {plugin:.2f} s" if plugin is not None else ""
                _log(
                    f"N={n} run {i + 1}/{args.repeat} {layout:8}: {run['wall_s']:.2f} s, "
                    f"{run['peak_rss_kib'] / 1024:.0f} MiB{extra}"
                )
        if len(walls) == 2:
            pair_ratios.append(walls["ours"] / walls["baseline"])
    result: Json = {
        "n": n,
        "words": corpus["ours"].words,
        "counts": corpus["ours"].counts,
        "baseline": _summary(runs["baseline"], n),
        "ours": _summary(runs["ours"], n),
    }
    base, ours = result["baseline"], result["ours"]
    if "wall_s" in base and "wall_s" in ours:
        result["wall_ratio"] = ours["wall_s"] / base["wall_s"]
        result["memory_ratio"] = ours["peak_rss_kib"] / base["peak_rss_kib"]
    if pair_ratios:
        result["paired_wall_ratio"] = statistics.median(pair_ratios)
    _log(f"N={n}: timing coproduction check")
    check = time_check(roots["ours"], args.repeat, errors)
    if check:
        median = statistics.median(check)
        result["check"] = {"runs_s": check, "median_s": median, "s_per_1000": median / (n / 1000)}
    _log(f"N={n}: timing related lists")
    related = time_related(roots["ours"], errors)
    if related is not None:
        result["related"] = related
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _get(data: Json, *keys: str) -> float | None:
    value: Any = data
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value)


def targets(results: list[Json], judge: bool) -> list[Target]:
    """Every target with its measured value; judged only if ``judge``."""
    found: list[Target] = []
    for r in results:
        n = r["n"]
        found.append(Target("ours/baseline build time", n, _get(r, "wall_ratio"), MAX_WALL_RATIO, "x"))
        share = _pct(_get(r, "ours", "plugin", "share_of_build"))
        found.append(Target("plugin events, share of ours build", n, share, 100 * MAX_PLUGIN_SHARE, "%"))
        if n == 5000:
            wall = _get(r, "ours", "wall_s")
            found.append(Target("ours build of 5,000 pages", n, wall, MAX_5000_WALL_S, " s", True, 2))
        per_page = _kb(_get(r, "ours", "output_bytes_per_page"))
        limit = MAX_BYTES_PER_PAGE / 1000
        found.append(Target("ours HTML per content page", n, per_page, limit, " KB", True, 1))
        memory = _get(r, "memory_ratio")
        found.append(Target("ours/baseline peak memory", n, memory, MAX_MEMORY_RATIO, "x"))
    if len(results) >= 2:
        small, large = results[0], results[-1]
        for label, keys in (("ours", ("ours",)), ("plugin events", ("ours", "plugin"))):
            low, high = _get(small, *keys, "ms_per_page"), _get(large, *keys, "ms_per_page")
            growth = high / low if low and high is not None else None
            name = f"{label} ms/page, N={large['n']} vs N={small['n']}"
            found.append(Target(name, None, growth, MAX_LINEAR_GROWTH, "x"))
    if results:
        last = results[-1]
        related = _get(last, "related", "best_s")
        n = last["n"]
        found.append(Target("related lists, all pages", n, related, MAX_RELATED_S, " s", True, 4))
        check = _get(last, "check", "s_per_1000")
        found.append(Target("check per 1,000 pages", n, check, MAX_CHECK_S_PER_1000, " s"))
    for target in found:
        if judge and target.value is not None:
            if target.strict:
                target.passed = target.value < target.limit
            else:
                target.passed = target.value <= target.limit
    return found


# Table rows: label, keys into a size's results, scale factor, format.
_ROWS: tuple[tuple[str, tuple[str, ...], float, str], ...] = (
    ("baseline build (s)", ("baseline", "wall_s"), 1, ".2f"),
    ("ours build (s)", ("ours", "wall_s"), 1, ".2f"),
    ("ours / baseline", ("wall_ratio",), 1, ".3f"),
    ("  median of paired ratios", ("paired_wall_ratio",), 1, ".3f"),
    ("baseline process incl. startup (s)", ("baseline", "process_s"), 1, ".2f"),
    ("ours process incl. startup (s)", ("ours", "process_s"), 1, ".2f"),
    ("baseline ms per page", ("baseline", "ms_per_page"), 1, ".2f"),
    ("ours ms per page", ("ours", "ms_per_page"), 1, ".2f"),
    ("baseline peak RSS (MiB)", ("baseline", "peak_rss_kib"), 1 / 1024, ".0f"),
    ("ours peak RSS (MiB)", ("ours", "peak_rss_kib"), 1 / 1024, ".0f"),
    ("memory ours / baseline", ("memory_ratio",), 1, ".3f"),
    ("baseline KB per page", ("baseline", "output_bytes_per_page"), 1 / 1000, ".1f"),
    ("ours KB per page", ("ours", "output_bytes_per_page"), 1 / 1000, ".1f"),
    ("baseline HTML files", ("baseline", "html_files"), 1, ".0f"),
    ("ours HTML files", ("ours", "html_files"), 1, ".0f"),
    ("plugin events (s)", ("ours", "plugin", "total_s"), 1, ".3f"),
    ("plugin share of build (%)", ("ours", "plugin", "share_of_build"), 100, ".2f"),
    ("plugin ms per page", ("ours", "plugin", "ms_per_page"), 1, ".3f"),
    ("check (s per 1,000 pages)", ("check", "s_per_1000"), 1, ".3f"),
    ("related lists (s)", ("related", "best_s"), 1, ".4f"),
)


def table(results: list[Json]) -> str:
    """Plain-text table: one row per metric, one column per N, then plugin time by event."""
    events = sorted({e for r in results for e in r["ours"].get("plugin", {}).get("events_s", {})})
    rows = list(_ROWS)
    rows += [(f"  {e} (s)", ("ours", "plugin", "events_s", e), 1, ".3f") for e in events]
    width = max(len(row[0]) for row in rows)
    lines = [f"{'N':<{width}}" + "".join(f"{r['n']:>11}" for r in results)]
    for label, keys, scale, spec in rows:
        cells = []
        for r in results:
            value = _get(r, *keys)
            cells.append("-" if value is None else format(value * scale, spec))
        lines.append(f"{label:<{width}}" + "".join(f"{c:>11}" for c in cells))
    return "\n".join(lines)


def _kb(value: float | None) -> float | None:
    return None if value is None else value / 1000


def _pct(value: float | None) -> float | None:
    return None if value is None else 100 * value


def _versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for dist in ("mkdocs", "mkdocs-material", "coproduction", "mkdocs-coproduction"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[dist] = metadata.version(dist)
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Options, with ``--quick`` defaults filled in."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated page counts (default 500,2000,5000)")
    parser.add_argument("--repeat", type=int, help="builds of each layout per size (default 5)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="results and work directory")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--quick", action="store_true", help="sizes 100,300, one run, targets not judged")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and sites")
    args = parser.parse_args(argv)
    sizes = args.sizes or ("100,300" if args.quick else "500,2000,5000")
    args.sizes = sorted({int(s) for s in sizes.split(",") if s.strip()})
    args.repeat = args.repeat or (1 if args.quick else 5)
    args.out = args.out.resolve()
    if args.repeat < 1 or not args.sizes or min(args.sizes) < 10:
        parser.error("--repeat must be at least 1 and every size at least 10")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 if every target is met (or not judged) and nothing failed."""
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    results = [measure(n, args, errors, warm_up=i == 0) for i, n in enumerate(args.sizes)]
    judged = not args.quick
    found = targets(results, judged)
    misses = [t.describe() for t in found if t.passed is False]

    print(table(results))
    print()
    print("Targets" + ("" if judged else " (quick run: not judged)"))
    for t in found:
        mark = {True: "ok  ", False: "MISS", None: "--  "}[t.passed]
        print(f"  [{mark}] {t.describe()}")
    report: Json = {
        "meta": {
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "sizes": args.sizes,
            "repeat": args.repeat,
            "seed": args.seed,
            "quick": args.quick,
            "python": sys.version.split()[0],
            "executable": sys.executable,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "versions": _versions(),
        },
        "results": results,
        "targets": [asdict(t) for t in found],
        "misses": misses,
        "errors": errors,
    }
    path = args.out / "results.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nResults written to {path}")
    if misses:
        print(f"\n{len(misses)} target(s) missed:")
        print("\n".join(f"  - {m}" for m in misses))
    if errors:
        print(f"\n{len(errors)} error(s):")
        print("\n".join(f"  - {e}" for e in errors))
    return 1 if misses or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
