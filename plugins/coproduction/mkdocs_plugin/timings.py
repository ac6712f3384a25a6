"""Per-event timers for the benchmark, switched on by ``COPRODUCTION_TIMINGS=<file>``.

When the variable is unset, ``timed`` returns the hook itself: no cost at all.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["timed", "write_timings"]

F = TypeVar("F", bound=Callable[..., Any])

_TARGET = os.environ.get("COPRODUCTION_TIMINGS", "")
_totals: defaultdict[str, float] = defaultdict(float)


def timed(hook: F) -> F:
    """Add the hook's run time to its event's total, if timings are on."""
    if not _TARGET:
        return hook

    @functools.wraps(hook)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return hook(*args, **kwargs)
        finally:
            _totals[hook.__name__] += time.perf_counter() - start

    return wrapper  # type: ignore[return-value]


def write_timings() -> None:
    """Write the totals as JSON to the file the variable names, if timings are on."""
    if not _TARGET:
        return
    with open(_TARGET, "w", encoding="utf-8") as f:
        json.dump({"events": dict(_totals), "total": sum(_totals.values())}, f, indent=1)
    _totals.clear()
