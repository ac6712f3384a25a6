"""The engine's files and the core's: docs/ files in, the source folders and generated pages out."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from coproduction.core.pipeline import Site
from coproduction.core.settings import SiteSpec
from coproduction.core.sources import ContentFile

__all__ = ["apply_site", "docs_files", "other_files", "watched_paths", "write_site_file"]


def _relative(path: str, root: str) -> str:
    """``path`` from ``root``, by prefix when it lies inside (``relpath`` is slow at scale)."""
    prefix = root.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.relpath(path, root).replace(os.sep, "/")


def docs_files(files: Files, spec: SiteSpec, root: str) -> list[ContentFile]:
    """The pages the engine found in docs/ (or other plugins added), as the core's files."""
    found = []
    for file in files:
        if file.generated_by or file.inclusion.is_excluded() or file.abs_src_path is None:
            continue
        if not file.is_documentation_page():
            continue
        found.append(
            ContentFile(
                src_uri=file.src_uri,
                abs_path=file.abs_src_path,
                path=_relative(file.abs_src_path, root),
                kind=spec.docs_kind,
                folder=spec.docs_dir,
            )
        )
    return found


def other_files(files: Files) -> list[str]:
    """Names of the engine's files that are not pages (images, downloads): links may lead there."""
    return [f.src_uri for f in files if not f.is_documentation_page()]


def apply_site(files: Files, config: MkDocsConfig, site: Site, root: str) -> None:
    """Leave in ``files`` exactly what to build: the source folders' files added, pages
    left out of this build removed (drafts marked instead in ``mkdocs serve``), and the
    generated pages added."""
    from_docs: dict[str, str] = {}  # per folder: relpath is slow at thousands of files
    for added in site.added:
        folder = os.path.join(root, added.folder)
        if added.folder not in from_docs:
            from_docs[added.folder] = os.path.relpath(folder, config.docs_dir).replace(os.sep, "/")
        file = File(added.src_uri, folder, config.site_dir, config.use_directory_urls)
        file.abs_src_path = added.abs_path
        # MkDocs joins edit_uri (which names docs/) with a file's edit path: climb out of docs/.
        file.edit_uri = f"{from_docs[added.folder]}/{added.src_uri.split('/', 1)[1]}"
        files.append(file)
    for src_uri in site.left_out:
        if (gone := files.src_uris.get(src_uri)) is not None:
            files.remove(gone)
    if site.spec.drafts:
        for record in site.indexes.pages:
            if record.draft and (draft := files.src_uris.get(record.src_uri)) is not None:
                draft.inclusion = InclusionLevel.DRAFT
    for made in site.indexes.generated:
        files.append(File.generated(config, made.src_uri, content=""))


def watched_paths(spec: SiteSpec, root: str) -> list[str]:
    """What ``mkdocs serve`` must watch besides docs/ and mkdocs.yml."""
    paths = [os.path.join(root, s.dir) for s in spec.sources]
    authors = os.path.join(root, spec.authors_file)
    if not any(authors.startswith(p + os.sep) for p in paths):
        paths.append(authors)
    return [p for p in paths if os.path.exists(p)]


def write_site_file(site_dir: str, path: str, text: str) -> None:
    """Write a file the build makes beside the pages (a feed, ``cross-index.json``)."""
    target = os.path.join(site_dir, *path.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
