"""Links to the site's pages written outside its content: the entries of ``nav`` in the
configuration, and the links in the site's own templates (the theme's ``custom_dir``,
``overrides/``). A page deleted or renamed leaves them leading nowhere; each is a problem at
its file and line, in the build and ``make check`` alike.

Only the site's own addresses are checked, against what the build publishes: addresses on
other hosts, and the theme's files (stylesheets, scripts, feeds: anything with a suffix
other than ``.html``), are not.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Collection, Iterator
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from coproduction.core.records import Problem
from coproduction.core.settings import SiteSpec
from coproduction.core.sources import MARKDOWN
from coproduction.core.text import quote, suggest
from coproduction.core.urls import unsafe_link

__all__ = ["check_nav", "check_templates", "check_theme_links", "template_links"]


def _is_elsewhere(target: str) -> bool:
    """An address with a scheme or a host (``https://``, ``mailto:``, ``//host``): not the site's."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return True  # the engine leaves what it cannot read alone too
    return bool(parts.scheme or parts.netloc)


def check_nav(spec: SiteSpec, names: Collection[str]) -> list[Problem]:
    """``nav`` entries naming no file the build publishes (``names``, from docs/).

    The engine's rule (``structure.nav``): an address with a scheme or host leads elsewhere;
    one starting with ``/`` too, unless ``validation.nav.absolute_links: relative_to_docs``;
    every other entry names a file, and one not found is reported here instead of by the engine.
    An entry a browser would run, or that would end its attribute (``urls.unsafe_link``), is
    reported whatever the validation settings.
    """
    problems = []
    for entry in spec.nav:
        if unsafe_link(entry):
            problems.append(
                Problem(
                    spec.config_file,
                    spec.line(f"nav:{entry}", "nav"),
                    f"the nav entry {quote(entry)} is left out: a browser would run it, or it holds "
                    "a quote or a space that would end its link. Give a page's file from "
                    f"{spec.docs_dir}/ (like guidance/index.md), or an https:// address",
                )
            )
            continue
        if not spec.check_nav or _is_elsewhere(entry):
            continue
        lookup = entry
        if entry.startswith("/"):
            if not spec.nav_absolute_from_docs:
                continue
            lookup = entry.lstrip("/")
        if PurePosixPath(lookup).as_posix() in names:
            continue
        pages = sorted(name for name in names if name.endswith(MARKDOWN))  # rare: only for the hint
        problems.append(
            Problem(
                spec.config_file,
                spec.line(f"nav:{entry}", "nav"),
                f"the nav entry {quote(entry)} names no page of this site.{suggest(lookup, pages)} "
                f"Give a page's file from {spec.docs_dir}/ (like guidance/index.md), or take the entry out",
            )
        )
    return problems


def check_theme_links(spec: SiteSpec) -> list[Problem]:
    """Addresses of the theme's settings (``extra.social``) that a browser would run, or that
    would end the attribute they are printed in (``urls.unsafe_link``): left out of the pages."""
    return [
        Problem(
            spec.config_file,
            spec.line(setting, setting.split(".")[0]),
            f"the address {quote(address)} under {setting} is left out: a browser would run it, or "
            "it holds a quote or a space that would end its link. Give an https:// address",
        )
        for setting, address in spec.theme_links
        if unsafe_link(address)
    ]


# A literal address given to MkDocs' ``url`` filter: {{ 'feedback/' | url }}.
_URL_FILTER_RE = re.compile(r"""(["'])([^"'{}<>\n]*)\1\s*\|\s*url\b""")
# A literal href from the site's root: href="/feedback/", href="{{ base_url }}/feedback/",
# href="{{ config.site_url }}feedback/".
_HREF_RE = re.compile(
    r"""\bhref\s*=\s*(["'])(\{\{-?\s*(?:base_url|config\.site_url)\s*-?\}\})?([^"'{}<>\s]*)\1"""
)
# Jinja and HTML comments: what is in them is not a link.
_COMMENT_RE = re.compile(r"\{#.*?#\}|<!--.*?-->", re.DOTALL)


def _normal(address: str) -> str:
    """An address from the site's root as compared: unquoted, ``index.html`` and ``./`` off."""
    address = unquote(address).lstrip("/").removesuffix("index.html")
    return "" if address in ("", ".", "./") else address


def _page_address(written: str) -> str | None:
    """The page address (from the site's root, ``feedback/``) a link written in a template
    leads to; None if it leads elsewhere, within the page, or to a file that is not a page."""
    if _is_elsewhere(written) or written.startswith("#"):
        return None
    path = _normal(written.partition("#")[0].partition("?")[0])
    suffix = posixpath.splitext(path.rstrip("/").rsplit("/", 1)[-1])[1]
    if suffix not in ("", ".html"):
        return None  # a stylesheet, script, feed or picture: the theme's or the site's files
    return path


def template_links(folder: str) -> Iterator[tuple[str, int, str, str]]:
    """Each link to a page in the templates under ``folder``: (file from ``folder``, line,
    the link as written, the page address it leads to)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(".html"):
                continue
            path = os.path.join(dirpath, name)
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
            except OSError:
                continue  # the engine reports a template it cannot read
            if "href" not in text and "url" not in text:
                continue
            text = _COMMENT_RE.sub(lambda m: "\n" * m.group().count("\n"), text)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            found = [(m.start(2), m.group(2)) for m in _URL_FILTER_RE.finditer(text)]
            found += [
                (m.start(3), m.group(3))
                for m in _HREF_RE.finditer(text)
                if m.group(2) or (m.group(3).startswith("/") and not m.group(3).startswith("//"))
            ]
            for start, written in sorted(found):
                address = _page_address(written)
                if address is not None:
                    yield rel, text.count("\n", 0, start) + 1, written, address


def check_templates(spec: SiteSpec, root: str, addresses: Collection[str]) -> list[Problem]:
    """Links in the site's templates to a page address the build does not publish
    (``addresses``: every page's URL, ``feedback/``, and every other file's name)."""
    if not spec.templates_dir:
        return []
    folder = os.path.join(root, spec.templates_dir)
    problems = []
    published = {_normal(address) for address in addresses}
    for rel, line, written, address in template_links(folder):
        if address in published or (address and f"{address.rstrip('/')}/" in published):
            continue
        pages = sorted(a for a in published if a.endswith(("/", ".html")))
        problems.append(
            Problem(
                posixpath.join(spec.templates_dir, rel),
                line,
                f"the link {quote(written)} leads to no page of this site (nothing is published at "
                f"/{address}).{suggest(address, pages)} Link to a page the site has, or add the page",
            )
        )
    return problems
