"""MkDocs' rule from a file's name to its URL, for pages the core creates or checks."""

from __future__ import annotations

import posixpath

__all__ = ["url_for"]


def url_for(src_uri: str, use_directory_urls: bool = True) -> str:
    """URL of a Markdown file relative to the site root, as MkDocs writes it."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        url = f"{folder}/" if folder else ""
        return url if use_directory_urls else f"{url}index.html"
    if use_directory_urls:
        return f"{stem}/"
    return f"{stem}.html"
