"""MkDocs' rule from a file's name to its URL, for pages the core creates or checks."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from urllib.parse import quote, unquote

__all__ = ["folded", "folded_difference", "safe_address", "unsafe_link", "url_for", "web_address"]

_WEB_RE = re.compile(r"^https?://[^\s/?#\\]+[^\s\"'<>\\`]*$", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_NOT_IN_ADDRESS_RE = re.compile(r"[\s\"'<>\\`]")


def web_address(value: str) -> bool:
    """An http(s) address with a host, and nothing that could end the attribute it is written
    in (a space, a quote, ``<``): what a link to another site may be."""
    return bool(_WEB_RE.match(value))


def safe_address(value: str) -> bool:
    """A web address (``web_address``) or a path on this site (``images/ann.png``,
    ``/img/a.png``): nothing a browser would run (``javascript:``, ``data:``) or fetch from
    elsewhere (``//host``)."""
    value = value.strip()
    if web_address(value):
        return True
    return (
        bool(value)
        and not _SCHEME_RE.match(value)
        and not value.startswith(("//", "/\\"))
        and not _NOT_IN_ADDRESS_RE.search(value)
    )


_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def unsafe_link(value: str) -> bool:
    """An address from the configuration that the theme would print into a link, but that a
    browser would run (``javascript:``, ``data:``), or that holds what ends the attribute it
    is printed in (a quote, a space): a ``nav`` entry, ``extra.social``'s links. A page's file
    (``guidance/a b.md``) is never printed as written: it is not one."""
    compact = re.sub(r"[\x00-\x20]", "", value)
    scheme, colon, _ = compact.partition(":")
    if colon and "/" not in scheme and scheme.lower() not in _LINK_SCHEMES:
        return True
    elsewhere = bool(colon and "/" not in scheme) or compact.startswith(("//", "\\"))
    return elsewhere and bool(_NOT_IN_ADDRESS_RE.search(value.strip()))


def folded(address: str) -> str:
    """An address as a host that folds names sees it (Windows, macOS): one case, and accents
    in one Unicode normalisation (NFC), so ``Cafe\u0301/`` and ``café/`` are one."""
    return unicodedata.normalize("NFC", unquote(address)).casefold()


def url_for(src_uri: str, use_directory_urls: bool = True) -> str:
    """URL of a Markdown file relative to the site root, as MkDocs' ``File.url`` gives it."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        if not use_directory_urls:
            return quote(f"{folder}/index.html" if folder else "index.html")
        return quote(f"{folder}/") if folder else "./"
    return quote(f"{stem}/" if use_directory_urls else f"{stem}.html")


def folded_difference(a: str, b: str) -> str:
    """How two addresses that fold to one (``folded``) differ, as messages say it."""
    a, b = unquote(a), unquote(b)
    if unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b):
        forms = ["NFC" if unicodedata.is_normalized("NFC", x) else "NFD" for x in (a, b)]
        return f"how accents are encoded (Unicode {forms[0]} here, {forms[1]} there)"
    if a.casefold() == b.casefold():
        return "upper and lower case"
    return "upper and lower case and how accents are encoded"
