"""The site's content files: what the pipeline reads, whoever listed them.

The engine lists ``docs/`` (so ``exclude_docs`` and other plugins count); the
source folders (``posts/``, ``toolkit/``) are listed here, for the build and
``make check`` alike.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass

from coproduction.core.records import Problem
from coproduction.core.settings import SiteSpec

__all__ = ["MARKDOWN", "ContentFile", "list_files", "source_files"]

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The suffixes MkDocs reads as Markdown pages."""


@dataclass(frozen=True, slots=True)
class ContentFile:
    """One file of the site, Markdown page or not."""

    src_uri: str
    """Its name in the site (``posts/a.md``; ``guidance/a.md`` for ``docs/guidance/a.md``)."""
    abs_path: str
    path: str
    """From the folder holding the configuration file, for messages (``posts/a.md``)."""
    kind: str
    """The kind its folder gives a page (``docs/``: guide)."""
    folder: str
    """The folder it was listed from, as written in the configuration (``posts``)."""

    @property
    def is_page(self) -> bool:
        return self.src_uri.endswith(MARKDOWN)


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


def source_files(spec: SiteSpec, root: str) -> tuple[list[ContentFile], list[Problem]]:
    """Every file of every source folder, published at ``/<source key>/...``.

    The authors file is data, not content: it is left out. A folder that does not
    exist is a configuration problem.
    """
    files: list[ContentFile] = []
    problems: list[Problem] = []
    authors_file = os.path.normpath(os.path.join(root, spec.authors_file)) if spec.authors_file else ""
    for source in spec.sources:
        if spec.kind(source.kind) is None:
            problems.append(
                Problem(
                    spec.config_file,
                    spec.line(f"plugins.coproduction.sources.{source.key}", "plugins.coproduction.sources"),
                    f"the source folder '{source.dir}' has kind '{source.kind}', which is not one of "
                    f"the site's kinds ({', '.join(spec.kind_keys)}): use one of them, or add it "
                    "under 'kinds'",
                )
            )
        folder = os.path.normpath(os.path.join(root, source.dir))
        if not os.path.isdir(folder):
            problems.append(
                Problem(
                    spec.config_file,
                    spec.line(f"plugins.coproduction.sources.{source.key}", "plugins.coproduction.sources"),
                    f"the source folder '{source.dir}' (for /{source.key}/) does not exist: "
                    "create it, or remove it from 'sources'",
                )
            )
            continue
        for rel in list_files(folder):
            abs_path = os.path.join(folder, rel)
            if abs_path == authors_file:
                continue
            files.append(
                ContentFile(
                    src_uri=f"{source.key}/{rel}",
                    abs_path=abs_path,
                    path=posixpath.normpath(posixpath.join(source.dir, rel)),
                    kind=source.kind,
                    folder=source.dir,
                )
            )
    return files, problems
