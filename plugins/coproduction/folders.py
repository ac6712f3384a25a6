"""The files of a content folder, listed as MkDocs lists them, for the build and ``make check``."""

from __future__ import annotations

import os

__all__ = ["MARKDOWN", "list_files"]

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The suffixes MkDocs reads as Markdown pages."""


def list_files(folder: str, *, skip_templates: bool = False) -> list[str]:
    """Files under ``folder`` as sorted relative POSIX paths.

    Hidden files and folders are skipped, as MkDocs does; ``skip_templates`` also
    skips a top-level ``templates/`` folder, which MkDocs leaves out of ``docs/``.
    """
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        rel = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and not (skip_templates and rel == "." and d == "templates")
        )
        prefix = "" if rel == "." else rel + "/"
        found.extend(prefix + name for name in sorted(filenames) if not name.startswith("."))
    return found
