"""Theme fragments that many pages share, rendered once and reused (like Hugo's ``partialCached``).

Material renders the navigation, the tabs, the search dialog, the footer and the
theme's configuration afresh for every page. For a page the nav does not list (a
post, a tool, a generated list), these differ from page to page only in their
relative links. ``overrides/base.html`` wraps each such fragment in
``{% call shared(...) %}``; ``Fragments`` renders it for one page and hands the same
HTML to the others it fits.

A fragment fits another page when every link in it is the same from there: while it
renders, every filter that reads the page (MkDocs' ``url`` and ``script_tag``, and any
a site adds) is watched, and the fragment is reused only for a page for which each of
those calls gives the same string (and ``base_url`` is the same). So it holds for any link
a site's templates add, without knowing which. A page it does not fit renders its own,
which pages after it may reuse in turn.

Which pages to try it on: MkDocs links a page whose address is ``posts/a/`` to ``T``
with ``relpath(T, "posts/a")``. Unless ``T`` is ``posts/a`` itself or lies under it,
that is ``"../" + relpath(T, "posts")``, the same for ``posts/b/``. So the pages in
their own folders under one folder (when no other file of the site lies in them)
usually share, and so do the pages whose links are made from the same folder. A
fragment the nav shows is never tried on a page the nav lists (it marks its own page).
Fragments that hold no relative link at all are tried on every page.
"""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

import jinja2
from jinja2.runtime import Context
from jinja2.utils import _PassArg
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

__all__ = ["EVERY_PAGE", "Fragments", "link_folder", "share_fragments"]

log = get_plugin_logger(__name__)

EVERY_PAGE = object()
"""The ``page`` of a fragment without relative links: one copy serves every page (at each
depth, as ``base_url`` goes)."""

MATERIAL_NAV = ("partials/nav.html", "partials/nav-item.html")
"""The nav is shared only while these are Material's own: an override may show the page."""

KEPT = 8
"""Renderings of one fragment kept per folder key, the most recently reused first: a page
that is the target of one of its links (the accessibility statement, from the footer)
has its own, and the folder's other pages go on reusing theirs."""

Filter = Callable[..., Any]
Call = tuple[Filter, Any, Any]
"""A call of a filter that reads the page: (the filter, the value, what it gave)."""


class _Made(NamedTuple):
    """A rendered fragment, and what its links were made from."""

    html: Any
    calls: tuple[Call, ...]


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
    (plain Material: 3.20-3.53 s). Checking each reuse's links: 13,849 of 14,195 reused,
    0.7% more instructions. See "Shared theme fragments" in ``benchmarks/README.md``.
    """

    def __init__(self, file_urls: Iterable[str], nav_urls: Iterable[str], *, nav_shared: bool = True) -> None:
        self._in_nav = frozenset(nav_urls)
        # How many of the site's files lie at or under each folder: a page's folder with
        # one (the page itself) holds nothing another link could point into.
        self._files_under: Counter[str] = Counter()
        for url in file_urls:
            self._files_under.update(_folders(url))
        self._nav_shared = nav_shared
        self._made: dict[tuple[Any, ...], list[_Made]] = {}
        # The filter calls of the fragments being rendered, innermost last.
        self._recording: list[list[Call]] = []
        self.reused = 0
        """How many times a page got a fragment another page had rendered."""
        self.rendered = 0
        """How many times a shareable fragment was rendered (for the first page of its key,
        or for a page none of the key's renderings fits)."""

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

    def watch(self, page_filter: Filter) -> Filter:
        """``page_filter`` (a filter given the template context), noting each call made while
        a fragment renders, so that the fragment is reused only where each gives the same."""

        @jinja2.pass_context
        def watched(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
            made = page_filter(context, value, *args, **kwargs)
            if self._recording:
                call = (_bound(page_filter, args, kwargs), value, made)
                for calls in self._recording:
                    calls.append(call)
            return made

        watched.__wrapped__ = page_filter  # type: ignore[attr-defined]
        return watched

    @jinja2.pass_context
    def __call__(
        self,
        context: Context,
        name: str,
        page: Any = EVERY_PAGE,
        extra: Any = None,
        *,
        caller: Callable[[], Any],
    ) -> Any:
        """The fragment ``name`` for ``page``, from ``{% call cp_fragment(name, page) %}``:
        the call block's body, rendered once per folder key (and ``extra``, for a fragment
        that also shows something of the page's section) and reused for the pages it fits.
        Pages at different depths (``base_url``) never share one: a link may be made from it."""
        if page is EVERY_PAGE:
            key: tuple[Any, ...] = (name, extra, context.get("base_url"))
        elif page is None or (name == "nav" and not self._nav_shared):
            return caller()  # 404.html has no page; an overridden nav may show it
        else:
            folder = self.folder_key(page.url)
            if folder is None:
                return caller()
            key = (name, folder, extra, context.get("base_url"))
        kept = self._made.setdefault(key, [])
        for i, made in enumerate(kept):
            if _fits(made, context):
                if i:
                    kept.insert(0, kept.pop(i))
                self.reused += 1
                for calls in self._recording:  # a fragment inside one being rendered
                    calls.extend(made.calls)
                return made.html
        made = self._render(caller)
        kept.insert(0, made)
        del kept[KEPT:]
        return made.html

    def _render(self, caller: Callable[[], Any]) -> _Made:
        calls: list[Call] = []
        self._recording.append(calls)
        try:
            html = caller()
        finally:
            self._recording.pop()
        self.rendered += 1
        distinct: dict[tuple[int, Any], Call] = {}
        for call in calls:  # each link once, to check: a fragment may make one twice
            page_filter, value, _ = call
            distinct.setdefault((id(page_filter), value if isinstance(value, str) else id(value)), call)
        return _Made(html, tuple(distinct.values()))


def _bound(page_filter: Filter, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Filter:
    """``page_filter`` with a call's further arguments, to call again with another page's context."""
    if not args and not kwargs:
        return page_filter
    return lambda context, value: page_filter(context, value, *args, **kwargs)


def _fits(made: _Made, context: Context) -> bool:
    """Whether every link in ``made`` is the same from the page of ``context``."""
    return all(page_filter(context, value) == out for page_filter, value, out in made.calls)


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
    """The build's ``Fragments``, handed to the theme's templates as ``cp_fragment``, watching
    the filters that read the page.

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
    for name, page_filter in list(env.filters.items()):
        if _PassArg.from_obj(page_filter) is _PassArg.context:  # it may read the page
            env.filters[name] = fragments.watch(getattr(page_filter, "__wrapped__", page_filter))
    env.globals["cp_fragment"] = fragments
    return fragments
