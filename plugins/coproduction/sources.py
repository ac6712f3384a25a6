"""Brings the source folders (``posts/``, ``toolkit/``) into the build and reads every page once."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from coproduction.authors import read_authors
from coproduction.content import Author, PageRecord, Problem
from coproduction.folders import list_files
from coproduction.site import Indexes, build_indexes, held_back, read_page
from coproduction.spec import SiteSpec

__all__ = ["add_source_files", "apply_inclusion", "load_site", "read_records", "watched_paths"]


def add_source_files(files: Files, config: MkDocsConfig, spec: SiteSpec, root: str) -> list[Problem]:
    """Add every file of every source folder at ``/<source key>/...``; edit links point home."""
    problems = []
    authors_file = os.path.normpath(os.path.join(root, spec.authors_file))
    for source in spec.sources:
        folder = os.path.normpath(os.path.join(root, source.dir))
        # MkDocs joins edit_uri (which names docs/) with a file's edit path: climb out of docs/.
        from_docs = os.path.relpath(folder, config.docs_dir).replace(os.sep, "/")
        for rel in list_files(folder):
            abs_path = os.path.join(folder, rel)
            if abs_path == authors_file:
                continue
            src_uri = f"{source.key}/{rel}"
            existing = files.src_uris.get(src_uri)
            if existing is not None:
                path = posixpath.join(source.dir, rel)
                problems.append(
                    Problem(
                        path,
                        1,
                        f"the URL /{existing.url} is already used by "
                        f"{spec.docs_dir}/{existing.src_uri}: rename or move one of them",
                    )
                )
                continue
            file = File(src_uri, folder, config.site_dir, config.use_directory_urls)
            file.abs_src_path = abs_path
            file.edit_uri = f"{from_docs}/{rel}"
            files.append(file)
    return problems


def _relative(path: str, root: str) -> str:
    """``path`` from ``root``, by prefix when it lies inside (``relpath`` is slow at scale)."""
    prefix = root.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.relpath(path, root).replace(os.sep, "/")


def _source_kind(src_uri: str, spec: SiteSpec) -> str:
    for source in spec.sources:
        if src_uri.startswith(source.key + "/"):
            return source.kind
    return "guide"


def read_records(
    files: Files, spec: SiteSpec, root: str, authors: Mapping[str, Author]
) -> tuple[list[PageRecord], list[Problem], list[File]]:
    """Read every Markdown page once: records, problems, and files that cannot be read."""
    records: list[PageRecord] = []
    problems: list[Problem] = []
    unreadable: list[File] = []
    for file in files:
        if not file.is_documentation_page() or file.generated_by or file.inclusion.is_excluded():
            continue
        abs_path = file.abs_src_path
        if abs_path is None:
            continue
        path = _relative(abs_path, root)
        record, found = read_page(
            abs_path,
            path=path,
            src_uri=file.src_uri,
            url=file.url,
            kind=_source_kind(file.src_uri, spec),
            spec=spec,
            authors=authors,
        )
        problems.extend(found)
        if record is None:
            unreadable.append(file)
        else:
            records.append(record)
    return records, problems, unreadable


def apply_inclusion(files: Files, records: list[PageRecord], spec: SiteSpec) -> None:
    """Drafts and future posts: gone from a build, marked as drafts in ``mkdocs serve``."""
    for record in records:
        if not held_back(record, spec):
            continue
        file = files.src_uris.get(record.src_uri)
        if file is None:
            continue
        if spec.drafts:
            file.inclusion = InclusionLevel.DRAFT
        else:
            files.remove(file)


def watched_paths(spec: SiteSpec, root: str) -> list[str]:
    """What ``mkdocs serve`` must watch besides docs/ and mkdocs.yml."""
    paths = [os.path.join(root, s.dir) for s in spec.sources]
    authors = os.path.join(root, spec.authors_file)
    if not any(authors.startswith(p + os.sep) for p in paths):
        paths.append(authors)
    return [p for p in paths if os.path.exists(p)]


def load_site(files: Files, config: MkDocsConfig, spec: SiteSpec, root: str) -> tuple[Indexes, list[Problem]]:
    """Everything ``on_files`` does: add the source folders, read each page once, build
    the indexes, and leave in ``files`` exactly the pages to build, generated ones included."""
    authors, problems = read_authors(os.path.join(root, spec.authors_file), spec.authors_file)
    problems += add_source_files(files, config, spec, root)
    records, found, unreadable = read_records(files, spec, root, authors)
    problems += found
    for file in unreadable:
        files.remove(file)  # MkDocs would stop with a traceback on it
    indexes = build_indexes(records, authors, spec)
    problems += indexes.problems
    apply_inclusion(files, records, spec)
    for record in records:
        if record.src_uri not in indexes.by_src_uri and not held_back(record, spec):
            files.remove(files.src_uris[record.src_uri])  # lost its URL to another page
    for made in indexes.generated:
        files.append(File.generated(config, made.src_uri, content=""))
    return indexes, sorted(problems)
