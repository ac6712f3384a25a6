"""Build-performance benchmark: the coproduction plugin against plain Material.

For each size N it generates both corpora (``corpus.py``), builds baseline and
ours in alternation ``--repeat`` times (each build a fresh process, see
``run_build.py``), after each clean build of ours times two dirty builds (a body
edit, then a term change), times ``python -m coproduction check`` and the related
lists, prints a table, writes ``<out>/results.json`` and exits 1 if a target
is missed or a measurement failed.  ``--quick`` is a smoke test: small sizes,
one run, targets shown but not judged.  ``--large`` is one size of 20,000 pages,
two runs, judged on time and memory against the baseline.  At each size it also measures
what a reader downloads (``downloads.py``): a first view of the home page, a post and a
term page, and one search; ``--downloads-only`` measures only that (one build of ours).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from corpus import TERMS, Layout, generate
from downloads import measure_downloads

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
MAX_BODY_EDIT_RATIO = 0.10
MAX_TERM_CHANGE_RATIO = 0.20
MAX_HTML_FILE_BYTES = 100_000
LARGE_SIZE = 20_000
LARGE_REPEAT = 2
MAX_LARGE_WALL_RATIO = 1.3
MAX_FIRST_VIEW_BYTES = 400_000
MAX_FIRST_VIEW_GROWTH = 1.05
"""A first view at the largest size against the smallest: the same, within 5%."""
MAX_SEARCH_BYTES = 300_000
FIRST_VIEWS = ("home", "post", "term")

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


# One build date for the whole run, as `make build` sets it: a run that goes past midnight
# would otherwise give its next dirty build a new date, which (rightly) rebuilds every page.
_BUILD_DATE = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()))


def _env(timings: Path | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=_BUILD_DATE)
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


def build_once(
    root: Path, layout: Layout, timings: Path | None, errors: list[str], *, dirty: bool = False
) -> Json | None:
    """Build ``root/mkdocs.yml`` in a fresh process; None (and an error) if it failed.

    A clean build deletes ``site/`` first; a ``dirty`` one builds over it, like
    ``mkdocs build --dirty``.
    """
    if not dirty:
        shutil.rmtree(root / "site", ignore_errors=True)
    if timings is not None:
        timings.unlink(missing_ok=True)
    os.sync()  # so the last build's writeback does not land in this one
    warm(root)
    name = f"{layout} dirty" if dirty else layout
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(RUN_BUILD), str(root / "mkdocs.yml"), *(["--dirty"] if dirty else [])],
        cwd=root,
        env=_env(timings),
        capture_output=True,
        text=True,
        check=False,
    )
    process_s = time.perf_counter() - start
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        errors.append(f"{name} build of {root} failed (exit {proc.returncode}):\n{_tail(proc.stderr)}")
        return None
    run: Json = json.loads(lines[-1])
    run["process_s"] = round(process_s, 4)
    if run["warnings"]:
        errors.append(f"{name} build of {root} gave {run['warnings']} warnings:\n{_tail(proc.stderr)}")
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


_MORE = "<!-- more -->"
_SENTENCE_RE = re.compile(r"^[A-Z][^.\n]*\.(?= |$)", re.MULTILINE)
"""The first sentence of a paragraph line, if it holds no other full stop (a link's ``.md``)."""
_BARRIERS_RE = re.compile(r"^barriers: \[(.*)\]$", re.MULTILINE)
"""The barrier terms as ``corpus.py`` writes them in front matter."""


def edited_body(text: str, sentence: str) -> str:
    """``text`` with the first sentence of the first paragraph after the excerpt break
    replaced by ``sentence``: a body edit that leaves the excerpt and front matter as they were."""
    head, more, body = text.partition(_MORE)
    match = _SENTENCE_RE.search(body) if more else None
    if match is None:
        raise ValueError(f"no paragraph after {_MORE} to edit")
    return head + more + body[: match.start()] + sentence + body[match.end() :]


def changed_terms(text: str) -> str:
    """``text`` with the first barrier term it lacks added to ``barriers: [...]`` (the last
    one removed if it has them all)."""
    match = _BARRIERS_RE.search(text)
    if match is None:
        raise ValueError("no `barriers: [...]` line")
    terms = [term.strip() for term in match.group(1).split(",") if term.strip()]
    missing = [term for term in TERMS if term not in terms]
    terms = [*terms, missing[0]] if missing else terms[:-1]
    return text[: match.start(1)] + ", ".join(terms) + text[match.end(1) :]


def _newest_mtime_ns(folder: Path) -> int:
    return max(
        (os.stat(os.path.join(d, f)).st_mtime_ns for d, _, names in os.walk(folder) for f in names),
        default=0,
    )


def _write_newer(path: Path, text: str, site: Path) -> None:
    """Write ``text`` to ``path`` with a modification time after every file in ``site``, so
    a dirty build sees it as changed however coarse the file system's clock is."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    mtime = max(stat.st_mtime_ns, _newest_mtime_ns(site) + 1_000_000)  # MkDocs compares float seconds
    os.utime(path, ns=(stat.st_atime_ns, mtime))


def _shows(site: Path, text: str) -> bool:
    """Whether any HTML file in ``site`` contains ``text``."""
    return any(text in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))


def incremental_round(root: Path, round_no: int, errors: list[str]) -> dict[str, Json]:
    """Dirty builds of ours after its clean build: ``body`` (a sentence changed in the first
    post), then ``terms`` (a barrier term added to the same post, over the body edit).

    The post is restored afterwards; the next round starts with a clean build.  A failed
    build ends the round (and is in ``errors``).
    """
    post = min((root / "posts").glob("*.md"))
    original = post.read_text(encoding="utf-8")
    sentence = f"The benchmark changed this sentence in round {round_no}."
    edits: dict[str, Callable[[str], str]] = {
        "body": lambda text: edited_body(text, sentence),
        "terms": changed_terms,
    }
    runs: dict[str, Json] = {}
    try:
        for kind, edit in edits.items():
            _write_newer(post, edit(post.read_text(encoding="utf-8")), root / "site")
            run = build_once(root, "ours", None, errors, dirty=True)
            if run is None:
                break
            if kind == "body":
                run["edit_in_output"] = _shows(root / "site", sentence)
            runs[kind] = run
    finally:
        post.write_text(original, encoding="utf-8")
    return runs


_DIRTY_LABELS = {"body": "body edit, dirty build", "terms": "term change, dirty build"}


def _incremental_summary(runs: list[Json], clean_wall_s: float | None) -> Json:
    """Medians of one kind of dirty build, and the ratio to the clean build's median."""
    if not runs:
        return {"runs": runs}
    wall = statistics.median(r["wall_s"] for r in runs)
    summary: Json = {
        "runs": runs,
        "wall_s": wall,
        "process_s": statistics.median(r["process_s"] for r in runs),
        "html_written": statistics.median(r["html_written"] for r in runs),
    }
    if clean_wall_s:
        summary["ratio"] = wall / clean_wall_s
    return summary


def _summary(runs: list[Json], n: int) -> Json:
    """Medians of one layout's runs at size ``n``."""
    if not runs:
        return {"runs": runs}
    wall = statistics.median(r["wall_s"] for r in runs)
    out_bytes = statistics.median(r["output_bytes"] for r in runs)
    largest = max(runs, key=lambda r: r["largest_html_bytes"])
    summary: Json = {
        "runs": runs,
        "wall_s": wall,
        "ms_per_page": 1000 * wall / n,
        "process_s": statistics.median(r["process_s"] for r in runs),
        "peak_rss_kib": statistics.median(r["peak_rss_kib"] for r in runs),
        "output_bytes": out_bytes,
        "output_bytes_per_page": out_bytes / n,
        "html_files": runs[-1]["html_files"],
        "largest_html_bytes": largest["largest_html_bytes"],
        "largest_html_path": largest["largest_html_path"],
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


def _log_run(n: int, i: int, repeat: int, label: str, run: Json) -> None:
    plugin = run.get("plugin", {}).get("total")
    extra = f", plugin {plugin:.2f} s" if plugin is not None else ""
    written = f", {run['html_written']} HTML files written" if run["dirty"] else ""
    _log(
        f"N={n} run {i + 1}/{repeat} {label:8}: {run['wall_s']:.2f} s, "
        f"{run['peak_rss_kib'] / 1024:.0f} MiB{extra}{written}"
    )


def downloads(root: Path, errors: list[str]) -> Json | None:
    """What a reader downloads from the site built in ``root`` (see ``downloads.py``)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    path = urllib.parse.urlsplit(str(config.get("site_url") or "")).path or "/"
    try:
        return measure_downloads(root / "site", path if path.endswith("/") else path + "/", TERMS[0])
    except Exception as error:  # a benchmark reports what failed and goes on
        errors.append(f"downloads at {root}: {error}")
        return None


def measure_downloads_only(n: int, args: argparse.Namespace, errors: list[str]) -> Json:
    """One clean build of ours at size ``n``, and what a reader downloads from it."""
    root = args.out / "work" / f"n{n}" / "ours"
    shutil.rmtree(root.parent, ignore_errors=True)
    _log(f"N={n}: generating the corpus in {root}")
    generate(root, n, args.seed, layout="ours")
    result: Json = {"n": n, "baseline": {}, "ours": {}}
    if build_once(root, "ours", None, errors) is not None:
        _log(f"N={n}: measuring downloads")
        found = downloads(root, errors)
        if found is not None:
            result["downloads"] = found
    if not args.keep:
        shutil.rmtree(root.parent, ignore_errors=True)
    return result


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
    dirty: dict[str, list[Json]] = {"body": [], "terms": []}
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
                _log_run(n, i, args.repeat, layout, run)
        if len(walls) == 2:
            pair_ratios.append(walls["ours"] / walls["baseline"])
        if "ours" in walls:  # its site is a build of the current sources
            for kind, run in incremental_round(roots["ours"], i + 1, errors).items():
                dirty[kind].append(run)
                _log_run(n, i, args.repeat, _DIRTY_LABELS[kind], run)
    result: Json = {
        "n": n,
        "words": corpus["ours"].words,
        "counts": corpus["ours"].counts,
        "baseline": _summary(runs["baseline"], n),
        "ours": _summary(runs["ours"], n),
    }
    clean_wall = result["ours"].get("wall_s")
    result["incremental"] = {kind: _incremental_summary(r, clean_wall) for kind, r in dirty.items()}
    unseen = sum(not r["edit_in_output"] for r in dirty["body"])
    if unseen:
        result["notes"] = [f"N={n}: {unseen} of {len(dirty['body'])} dirty builds left the body edit out"]
    base, ours = result["baseline"], result["ours"]
    if "wall_s" in base and "wall_s" in ours:
        result["wall_ratio"] = ours["wall_s"] / base["wall_s"]
        result["memory_ratio"] = ours["peak_rss_kib"] / base["peak_rss_kib"]
    if pair_ratios:
        result["paired_wall_ratio"] = statistics.median(pair_ratios)
    _log(f"N={n}: measuring downloads")
    found = downloads(roots["ours"], errors)
    if found is not None:
        result["downloads"] = found
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


def _against_baseline(r: Json, max_wall_ratio: float) -> list[Target]:
    """Build time and peak memory of ours against the baseline at one size."""
    n = r["n"]
    return [
        Target("ours/baseline build time", n, _get(r, "wall_ratio"), max_wall_ratio, "x"),
        Target("ours/baseline peak memory", n, _get(r, "memory_ratio"), MAX_MEMORY_RATIO, "x"),
    ]


def _at_5000(r: Json) -> list[Target]:
    """The targets set for 5,000 pages."""
    n = r["n"]
    wall = _get(r, "ours", "wall_s")
    body, terms = (_get(r, "incremental", kind, "ratio") for kind in ("body", "terms"))
    largest = _kb(_get(r, "ours", "largest_html_bytes"))
    return [
        Target("ours build of 5,000 pages", n, wall, MAX_5000_WALL_S, " s", True, 2),
        Target("body edit: dirty build / clean build", n, body, MAX_BODY_EDIT_RATIO, "x"),
        Target("term change: dirty build / clean build", n, terms, MAX_TERM_CHANGE_RATIO, "x"),
        Target("ours largest HTML file", n, largest, MAX_HTML_FILE_BYTES / 1000, " KB", False, 1),
    ]


def targets(results: list[Json], judge: bool, large: bool = False) -> list[Target]:
    """Every target with its measured value; judged only if ``judge``.  A ``large`` run
    has its own two: time and memory against the baseline."""
    if large:
        found = [t for r in results for t in _against_baseline(r, MAX_LARGE_WALL_RATIO)]
    else:
        found = _standard_targets(results)
    for target in found:
        if judge and target.value is not None:
            if target.strict:
                target.passed = target.value < target.limit
            else:
                target.passed = target.value <= target.limit
    return found


def _download_targets(results: list[Json]) -> list[Target]:
    """First views at most MAX_FIRST_VIEW_BYTES, the same at the largest size as at the
    smallest (within 5%); a search at 5,000 pages at most MAX_SEARCH_BYTES."""
    found: list[Target] = []
    for r in results:
        n = r["n"]
        for view in FIRST_VIEWS:
            value = _kb(_get(r, "downloads", f"{view}_bytes"))
            limit = MAX_FIRST_VIEW_BYTES / 1000
            found.append(Target(f"first view of a {view} page", n, value, limit, " KB", False, 1))
        if n == 5000:
            search = _kb(_get(r, "downloads", "search_bytes"))
            found.append(Target("one search", n, search, MAX_SEARCH_BYTES / 1000, " KB", False, 1))
    if len(results) >= 2:
        small, large = results[0], results[-1]
        for view in FIRST_VIEWS:
            low, high = _get(small, "downloads", f"{view}_bytes"), _get(large, "downloads", f"{view}_bytes")
            growth = high / low if low and high is not None else None
            name = f"first view of a {view} page, N={large['n']} vs N={small['n']}"
            found.append(Target(name, None, growth, MAX_FIRST_VIEW_GROWTH, "x"))
    return found


def _standard_targets(results: list[Json]) -> list[Target]:
    found: list[Target] = _download_targets(results)
    for r in results:
        n = r["n"]
        found += _against_baseline(r, MAX_WALL_RATIO)
        share = _pct(_get(r, "ours", "plugin", "share_of_build"))
        found.append(Target("plugin events, share of ours build", n, share, 100 * MAX_PLUGIN_SHARE, "%"))
        per_page = _kb(_get(r, "ours", "output_bytes_per_page"))
        limit = MAX_BYTES_PER_PAGE / 1000
        found.append(Target("ours HTML per content page", n, per_page, limit, " KB", True, 1))
        if n == 5000:
            found += _at_5000(r)
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
    return found


# Table rows: label, keys into a size's results, scale factor, format.
_ROWS: tuple[tuple[str, tuple[str, ...], float, str], ...] = (
    ("baseline build (s)", ("baseline", "wall_s"), 1, ".2f"),
    ("ours build (s)", ("ours", "wall_s"), 1, ".2f"),
    ("ours / baseline", ("wall_ratio",), 1, ".3f"),
    ("  median of paired ratios", ("paired_wall_ratio",), 1, ".3f"),
    ("baseline process incl. startup (s)", ("baseline", "process_s"), 1, ".2f"),
    ("ours process incl. startup (s)", ("ours", "process_s"), 1, ".2f"),
    ("body edit: dirty build (s)", ("incremental", "body", "wall_s"), 1, ".2f"),
    ("  / ours clean build", ("incremental", "body", "ratio"), 1, ".3f"),
    ("  HTML files written", ("incremental", "body", "html_written"), 1, ".0f"),
    ("term change: dirty build (s)", ("incremental", "terms", "wall_s"), 1, ".2f"),
    ("  / ours clean build", ("incremental", "terms", "ratio"), 1, ".3f"),
    ("  HTML files written", ("incremental", "terms", "html_written"), 1, ".0f"),
    ("baseline ms per page", ("baseline", "ms_per_page"), 1, ".2f"),
    ("ours ms per page", ("ours", "ms_per_page"), 1, ".2f"),
    ("baseline peak RSS (MiB)", ("baseline", "peak_rss_kib"), 1 / 1024, ".0f"),
    ("ours peak RSS (MiB)", ("ours", "peak_rss_kib"), 1 / 1024, ".0f"),
    ("memory ours / baseline", ("memory_ratio",), 1, ".3f"),
    ("baseline KB per page", ("baseline", "output_bytes_per_page"), 1 / 1000, ".1f"),
    ("ours KB per page", ("ours", "output_bytes_per_page"), 1 / 1000, ".1f"),
    ("baseline HTML files", ("baseline", "html_files"), 1, ".0f"),
    ("ours HTML files", ("ours", "html_files"), 1, ".0f"),
    ("baseline largest HTML file (KB)", ("baseline", "largest_html_bytes"), 1 / 1000, ".1f"),
    ("ours largest HTML file (KB)", ("ours", "largest_html_bytes"), 1 / 1000, ".1f"),
    ("plugin events (s)", ("ours", "plugin", "total_s"), 1, ".3f"),
    ("plugin share of build (%)", ("ours", "plugin", "share_of_build"), 100, ".2f"),
    ("plugin ms per page", ("ours", "plugin", "ms_per_page"), 1, ".3f"),
    ("check (s per 1,000 pages)", ("check", "s_per_1000"), 1, ".3f"),
    ("related lists (s)", ("related", "best_s"), 1, ".4f"),
    ("first view: home page (KB)", ("downloads", "home_bytes"), 1 / 1000, ".1f"),
    ("first view: a post (KB)", ("downloads", "post_bytes"), 1 / 1000, ".1f"),
    ("first view: a term page (KB)", ("downloads", "term_bytes"), 1 / 1000, ".1f"),
    ("one search (KB)", ("downloads", "search_bytes"), 1 / 1000, ".1f"),
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


def largest_files(results: list[Json]) -> str:
    """Which file is the largest HTML file of each layout's site, by size."""
    lines = ["Largest HTML file"]
    for r in results:
        for layout in ("ours", "baseline"):
            summary = r[layout]
            if "largest_html_path" in summary:
                size = summary["largest_html_bytes"] / 1000
                lines.append(f"  N={r['n']} {layout}: {summary['largest_html_path']} ({size:.1f} KB)")
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
    """Options, with the defaults (of ``--quick`` or ``--large``) filled in."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes", help=f"comma-separated page counts (default 500,2000,5000; --large: {LARGE_SIZE})"
    )
    parser.add_argument(
        "--repeat", type=int, help=f"builds of each layout per size (default 5; --large: {LARGE_REPEAT})"
    )
    parser.add_argument("--out", type=Path, default=HERE / "out", help="results and work directory")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="sizes 100,300, one run, targets not judged")
    mode.add_argument(
        "--large",
        action="store_true",
        help=f"size {LARGE_SIZE}, {LARGE_REPEAT} runs, judged on time and memory against the baseline",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and sites")
    parser.add_argument(
        "--downloads-only",
        action="store_true",
        help="one build of ours per size, measuring only what a reader downloads (first views, a search)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        sizes, repeat = "100,300", 1
    elif args.large:
        sizes, repeat = str(LARGE_SIZE), LARGE_REPEAT
    else:
        sizes, repeat = "500,2000,5000", 5
    args.sizes = sorted({int(s) for s in (args.sizes or sizes).split(",") if s.strip()})
    args.repeat = args.repeat or repeat
    args.out = args.out.resolve()
    if args.repeat < 1 or not args.sizes or min(args.sizes) < 10:
        parser.error("--repeat must be at least 1 and every size at least 10")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 if every target is met (or not judged) and nothing failed."""
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    if args.downloads_only:
        results = [measure_downloads_only(n, args, errors) for n in args.sizes]
    else:
        results = [measure(n, args, errors, warm_up=i == 0) for i, n in enumerate(args.sizes)]
    judged = not args.quick
    found = _download_targets(results) if args.downloads_only else targets(results, judged, args.large)
    if args.downloads_only:
        for target in found:
            if judged and target.value is not None:
                target.passed = target.value <= target.limit
    misses = [t.describe() for t in found if t.passed is False]
    notes = [note for r in results for note in r.get("notes", [])]

    print(table(results))
    print()
    print(largest_files(results))
    print()
    print("Targets" + ("" if judged else " (quick run: not judged)") + (" (large run)" if args.large else ""))
    for t in found:
        mark = {True: "ok  ", False: "MISS", None: "--  "}[t.passed]
        print(f"  [{mark}] {t.describe()}")
    if notes:
        print("\nNotes")
        print("\n".join(f"  - {note}" for note in notes))
    report: Json = {
        "meta": {
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "sizes": args.sizes,
            "repeat": args.repeat,
            "seed": args.seed,
            "quick": args.quick,
            "large": args.large,
            "python": sys.version.split()[0],
            "executable": sys.executable,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "versions": _versions(),
        },
        "results": results,
        "targets": [asdict(t) for t in found],
        "misses": misses,
        "notes": notes,
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
