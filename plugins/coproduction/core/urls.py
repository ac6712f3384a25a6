"""MkDocs' rule from a file's name to its URL, for pages the core creates or checks."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

__all__ = ["url_for"]


def url_for(src_uri: str, use_directory_urls: bool = True) -> str:
    """URL of a Markdown file relative to the site root, as MkDocs' ``File.url`` gives it."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        if not use_directory_urls:
            return quote(f"{folder}/index.html" if folder else "index.html")
        return quote(f"{folder}/") if folder else "./"
    return quote(f"{stem}/" if use_directory_urls else f"{stem}.html")
