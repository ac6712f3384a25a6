"""Theme fragments that many pages share, rendered once per folder (like Hugo's ``partialCached``).

Material renders the navigation, the tabs, the search dialog, the footer and the
theme's configuration afresh for every page. For a page the nav does not list (a
post, a tool, a generated list), these differ from page to page only in their
relative links, and MkDocs' ``url`` filter makes those from the folder the page is
in. ``overrides/base.html`` wraps each such fragment in ``{% call shared(...) %}``;
``Fragments`` renders it for the first page of a folder and hands the same HTML to
the others.

Why a page's links depend only on its parent folder: MkDocs links a page whose
address is ``posts/a/`` to ``T`` with ``relpath(T, "posts/a")``. Unless ``T`` is
``posts/a`` itself or lies under it, that is ``"../" + relpath(T, "posts")``, the
same for ``posts/b/``. So a page shares its parent's fragments when no other file
of the site lies in its own folder, and it is not in the nav (the nav marks its
own page). Fragments that hold no relative link at all are shared by every page.
"""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

__all__ = ["EVERY_PAGE", "Fragments", "link_folder", "share_fragments"]

log = get_plugin_logger(__name__)

EVERY_PAGE = object()
"""The ``page`` of a fragment without relative links: one copy serves every page."""

MATERIAL_NAV = ("partials/nav.html", "partials/nav-item.html")
"""The nav is shared only while these are Material's own: an override may show the page."""


def link_folder(url: str) -> tuple[str, bool]:
    """The folder MkDocs makes a page's relative links from, and whether the page's
    address is a file in it (``a/b.html``) rather than a folder of its own (``a/b/``).

    As ``mkdocs.utils.get_relative_url`` reads a page's ``url``.
    """
    head, tail = posixpath.split(url)
    if "." in tail:
        return head, True
    return url.rstrip("/"), False


def _folders(url: str) -> Iterable[str]:
    """``url``'s folder and every folder above it, the site root ("") included."""
    folder, _ = link_folder(url)
    yield ""
    parts = folder.split("/") if folder else []
    for i in range(1, len(parts) + 1):
        yield "/".join(parts[:i])


class Fragments:
    """Rendered fragments by name and the folder their links are made from, for one build.

    Measured on the benchmark's 2,000-page corpus: 13,822 of 14,152 fragments reused (82
    folders); writing the 2,004 content pages took 3.11-3.28 s instead of 3.67-3.89 s
    (plain Material: 3.20-3.53 s). See "Shared theme fragments" in ``benchmarks/README.md``.
    """

    def __init__(self, file_urls: Iterable[str], nav_urls: Iterable[str], *, nav_shared: bool = True) -> None:
        self._in_nav = frozenset(nav_urls)
        # How many of the site's files lie at or under each folder: a page's folder with
        # one (the page itself) holds nothing another link could point into.
        self._files_under: Counter[str] = Counter()
        for url in file_urls:
            self._files_under.update(_folders(url))
        self._nav_shared = nav_shared
        self._made: dict[tuple[Any, ...], Any] = {}
        self.reused = 0
        """How many times a page got a fragment another page had rendered."""

    def folder_key(self, url: str) -> tuple[str, str] | None:
        """Which pages share fragments with the page at ``url``: ``("in", f)`` for pages
        whose links are made from folder ``f``, ``("up", f)`` for pages in their own
        folder under ``f``; ``None`` for a page the nav lists."""
        folder, is_file = link_folder(url)
        if url in self._in_nav:
            return None
        if is_file or not folder or self._files_under[folder] != 1:
            return ("in", folder)
        return ("up", posixpath.dirname(folder))

    def __call__(
        self, name: str, page: Any = EVERY_PAGE, extra: Any = None, *, caller: Callable[[], Any]
    ) -> Any:
        """The fragment ``name`` for ``page``, from ``{% call cp_fragment(name, page) %}``:
        the call block's body, rendered once per folder key (and ``extra``, for a fragment
        that also shows something of the page's section)."""
        if page is EVERY_PAGE:
            key: tuple[Any, ...] = (name, extra)
        elif page is None or (name == "nav" and not self._nav_shared):
            return caller()  # 404.html has no page; an overridden nav may show it
        else:
            folder = self.folder_key(page.url)
            if folder is None:
                return caller()
            key = (name, folder, extra)
        html = self._made.get(key)
        if html is None:
            html = self._made[key] = caller()
        else:
            self.reused += 1
        return html


def _nav_link_urls(items: Iterable[Any]) -> Iterator[str]:
    """The addresses of the nav's links (not its pages), at every level. An absolute one
    names no folder of the site, so it never stops pages sharing."""
    for item in items:
        if getattr(item, "is_link", False) and item.url:
            yield item.url
        yield from _nav_link_urls(getattr(item, "children", None) or ())


def share_fragments(
    env: jinja2.Environment, files: Files, nav: Navigation, custom_dir: str | None
) -> Fragments:
    """The build's ``Fragments``, handed to the theme's templates as ``cp_fragment``.

    The nav is shared only while ``partials/nav.html`` and ``nav-item.html`` are
    Material's: a site's own may show something of the page.
    """
    own = os.path.abspath(custom_dir) + os.sep if custom_dir else None
    overridden = [
        name
        for name in MATERIAL_NAV
        if own and os.path.abspath(env.get_template(name).filename or "").startswith(own)
    ]
    if overridden:
        log.debug("the nav is rendered for every page: %s is the site's own", ", ".join(overridden))
    # A nav link into a page's folder ("posts/a/#part") is a target like a file there.
    targets = [*(file.url for file in files), *(url.partition("#")[0] for url in _nav_link_urls(nav.items))]
    fragments = Fragments(targets, (page.url for page in nav.pages), nav_shared=not overridden)
    env.globals["cp_fragment"] = fragments
    return fragments
