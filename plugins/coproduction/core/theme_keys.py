"""Front matter settings the theme reads (``template``, ``icon``, ``hide``, ``search``): a value
the theme cannot use would stop the whole build, so it is a content problem and is dropped,
and the page is built with the theme's default.

The theme's template folders come from the adapter as plain paths (``SiteSpec.theme_dirs``);
a name is looked up the way Jinja's file loader looks it up.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

from coproduction.core.frontmatter import FrontMatter
from coproduction.core.records import Problem
from coproduction.core.settings import SiteSpec
from coproduction.core.text import quote, show, suggest

__all__ = ["check_theme_keys", "find_template"]

ICONS = ".icons"
"""Where a theme keeps its icons, among its templates (Material: ``.icons/material/home.svg``)."""


def _pieces(name: str) -> list[str] | None:
    """``name`` split as Jinja's loader splits it; None where Jinja refuses it (``..``)."""
    pieces = []
    for piece in name.split("/"):
        if os.sep in piece or (os.altsep and os.altsep in piece) or piece == os.pardir or "\0" in piece:
            return None
        if piece and piece != ".":
            pieces.append(piece)
    return pieces or None


def find_template(dirs: Sequence[str], name: str) -> str | None:
    """The file the theme would load for template ``name``, or None."""
    pieces = _pieces(name)
    if pieces is None:
        return None
    for folder in dirs:
        path = os.path.join(folder, *pieces)
        if os.path.isfile(path):
            return path
    return None


@functools.lru_cache(maxsize=16)
def _names(dirs: tuple[str, ...], sub: str, suffix: str, prefix: str = "") -> list[str]:
    """``prefix`` + the names of the files in ``sub`` of the theme's folders ending in
    ``suffix`` (without it), for suggestions."""
    found: set[str] = set()
    for folder in dirs:
        try:
            entries = os.listdir(os.path.join(folder, sub))
        except OSError:
            continue
        found.update(prefix + e[: len(e) - len(suffix)] for e in entries if e.endswith(suffix))
    return sorted(found)


def check_theme_keys(fm: FrontMatter, spec: SiteSpec) -> list[Problem]:
    """Problems with the theme's settings; each bad value is removed from ``fm.data``."""
    data = fm.data
    if not any(key in data for key in ("template", "icon", "hide", "search")):
        return []
    problems: list[Problem] = []
    dirs = spec.theme_dirs

    def drop(key: str, message: str) -> None:
        problems.append(Problem(fm.path, fm.line(key), message))
        del data[key]

    if "template" in data:
        value = data["template"]
        if not isinstance(value, str) or not value.strip():
            drop(
                "template",
                f"template {show(value)} should be the name of one of the theme's templates, "
                "like template: main.html; the page is built with the default",
            )
        elif dirs and find_template(dirs, value) is None:
            stem = value.removesuffix(".html")
            hint = suggest(stem, _names(tuple(dirs), "", ".html"), ".html")
            drop(
                "template",
                f"unknown template {quote(value)}: the page is built with the theme's default.{hint} "
                "Remove the line, or name a template the theme has, like main.html",
            )
    if "icon" in data:
        value = data["icon"]
        has_icons = any(os.path.isdir(os.path.join(d, ICONS)) for d in dirs)
        if not isinstance(value, str) or not value.strip():
            drop(
                "icon",
                f"icon {show(value)} should be the name of one of the theme's icons, like "
                "icon: material/home; the page is built without it",
            )
        elif has_icons and find_template(dirs, f"{ICONS}/{value}.svg") is None:
            folder, _, name = value.rpartition("/")
            hint = ""
            if _pieces(value) is not None:  # never list a folder outside the theme's
                # Material has thousands of icons: suggest from those that start alike.
                prefix = f"{folder}/" if folder else ""
                icons = _names(tuple(dirs), os.path.join(ICONS, folder), ".svg", prefix)
                hint = suggest(value, [i for i in icons if i.rpartition("/")[2][:1] == name[:1]])
            drop(
                "icon",
                f"unknown icon {quote(value)}: the page is built without it.{hint} Remove the line, "
                "or name one of the theme's icons, as set/name, like material/home",
            )
    if "hide" in data:
        value = data["hide"]
        if not isinstance(value, str) and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            drop(
                "hide", "'hide' should be a list of what to hide, like hide: [navigation, toc]; it is ignored"
            )
    if "search" in data and not isinstance(data["search"], dict):
        drop("search", "'search' should be settings, like search: {exclude: true}; it is ignored")
    return problems
