"""The one pipeline: settings, the authors file and the site's files in; records, indexes and
every problem out. ``mkdocs build`` (through the adapter) and ``make check`` both call ``run``.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from coproduction.core.authors import read_authors
from coproduction.core.blog import reading_time
from coproduction.core.checks import (
    check_addresses,
    check_config_texts,
    check_footer_links,
    check_links,
    check_term_easy_read,
    link_targets,
    make_record,
)
from coproduction.core.excerpts import MORE, markdown_word_count
from coproduction.core.file_types import check_file_types
from coproduction.core.frontmatter import read_text, split
from coproduction.core.indexes import Indexes, build_indexes
from coproduction.core.records import Author, PageRecord, Problem, digest_text
from coproduction.core.settings import SiteSpec
from coproduction.core.site_links import check_nav, check_templates, check_theme_links
from coproduction.core.sources import (
    MARKDOWN,
    ContentFile,
    Screen,
    authors_path,
    list_files,
    oldest_first,
    screen_files,
    source_files,
    usable_sources,
)
from coproduction.core.urls import folded, url_for

__all__ = ["Site", "read_page", "run"]


@dataclass(slots=True)
class Site:
    """What one run of the pipeline found."""

    spec: SiteSpec
    indexes: Indexes
    records: list[PageRecord]
    """Every page read, published or not."""
    added: list[ContentFile]
    """Files of the source folders to build, beside those the engine listed."""
    problems: list[Problem]
    """Every problem, configuration first, then by path and line."""
    left_out: set[str] = field(default_factory=set)
    """Names (``src_uri``) of files not to publish: pages unreadable, held back or that lost
    their URL, and files the engine listed that must not be read (see ``sources.Screen``)."""
    known: set[str] = field(default_factory=set)
    """Every file's name in the site (pages, generated pages, images): where links may lead."""


def read_page(
    file: ContentFile,
    spec: SiteSpec,
    authors: Mapping[str, Author],
    excused_authors: Collection[str] | None = frozenset(),
) -> tuple[PageRecord | None, list[Problem]]:
    """Read one Markdown file once: its record (None if unreadable) and its problems.

    Everything a listing shows of the page is worked out here, without rendering it: an
    incremental build lists pages it does not render again.
    """
    text, problem = read_text(file.abs_path, file.path)
    if text is None:
        return None, [problem] if problem else []
    record, problems = make_record(
        split(text, file.path),
        src_uri=file.src_uri,
        url=url_for(file.src_uri, spec.use_directory_urls),
        kind=file.kind,
        spec=spec,
        authors=authors,
        landing=spec.landing(file.src_uri) is not None and file.folder != spec.docs_dir,
        excused_authors=excused_authors,
    )
    record.source_digest = digest_text(text)
    record.links = link_targets(record, spec.absolute_links_from_docs)
    body = record.body or ""
    if record.dated:  # only posts show a reading time
        record.reading_time = reading_time(markdown_word_count(body))
    head, more, _ = body.partition(MORE)
    record.excerpt_digest = digest_text(head) if more else ""
    return record, problems


def _docs_in_source_space(docs: Iterable[ContentFile], spec: SiteSpec) -> list[Problem]:
    """A docs/ page whose address is under a source folder's, like docs/posts/a.md."""
    prefixes = {f"{s.key}/": s for s in spec.sources}
    problems = []
    for file in docs:
        source = prefixes.get(file.src_uri.split("/", 1)[0] + "/")
        if source is not None and file.is_page:
            problems.append(
                Problem(
                    file.path,
                    1,
                    f"this file is published under /{source.key}/, the address of the "
                    f"'{source.dir}' folder: move it to "
                    f"{posixpath.join(source.dir, file.src_uri.split('/', 1)[1])}",
                )
            )
    return problems


def _clashes(
    docs: list[ContentFile], added: list[ContentFile], spec: SiteSpec
) -> tuple[list[ContentFile], list[Problem]]:
    """docs/ pages with the name of a source folder's file (``docs/toolkit/a.md`` and
    ``toolkit/a.md``): the source folder's file keeps it, and the docs/ page, which is in the
    wrong place whichever came first, is blamed and left out. The docs/ pages kept, and a
    problem for each one left out."""
    taken = {f.src_uri: f for f in added}
    kept, problems = [], []
    for file in docs:
        other = taken.get(file.src_uri)
        if other is None:
            kept.append(file)
            continue
        source = other.src_uri.split("/", 1)[0]
        problems.append(
            Problem(
                file.path,
                1,
                f"this file and {other.path} are both published at "
                f"/{url_for(file.src_uri, spec.use_directory_urls)}, and pages under /{source}/ belong "
                f"in the '{other.folder}' folder: move this one there, with a name of its own",
                about=(other.path,),
            )
        )
    return kept, problems


_Claim = TypeVar("_Claim", PageRecord, ContentFile)


def _oldest_first_by_address(
    records: list[_Claim], root: str, address: Callable[[_Claim], str] = lambda r: r.url
) -> list[_Claim]:
    """``records`` with the files that claim one address (``urls.folded``: hosts that fold
    names serve one file for two) put oldest first (``sources.oldest_first``), so the address
    stays with the file that had it and the newer file is blamed (``checks.check_addresses``)."""
    claims: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        claims.setdefault(folded(address(record)), []).append(i)
    groups = [group for group in claims.values() if len(group) > 1]
    if not groups:
        return records
    ordered = list(records)
    for group in groups:
        by_path = {records[i].path: records[i] for i in group}
        oldest = oldest_first([records[i].path for i in group], root)
        for i, path in zip(group, oldest, strict=True):
            ordered[i] = by_path[path]
    return ordered


def _other_files(
    docs: Sequence[ContentFile], added: Sequence[ContentFile], spec: SiteSpec, root: str
) -> tuple[set[str], list[Problem]]:
    """The files that are not pages and are not to be published (``src_uri``), with their
    problems: a type that may run (``file_types``), or a name another file's folds to. Files of
    the theme's own folder (``custom_dir``), should it be inside docs/, are the theme's."""
    files: dict[str, ContentFile] = {}
    theme = f"{spec.templates_dir.rstrip('/')}/" if spec.templates_dir else ""
    for file in (*added, *docs):  # a docs/ file a source folder's shadows is left out anyway
        # The theme's folder (custom_dir) inside docs/ holds templates, not content: its rule.
        if not file.is_page and not (theme and file.path.startswith(theme)):
            files.setdefault(file.src_uri, file)
    refused, problems = check_file_types(files.values(), spec)
    kept = [f for f in files.values() if f.src_uri not in refused]
    clashes = check_addresses(
        ((f.src_uri, f.path) for f in _oldest_first_by_address(kept, root, lambda f: f.src_uri)), {}
    )
    by_path = {f.path: f.src_uri for f in kept}
    return refused | {by_path[p.path] for p in clashes}, problems + clashes


def _unbuilt_posts(spec: SiteSpec, root: str) -> list[Problem]:
    """A posts/ folder beside docs/ that no source names: its posts would be silently left out."""
    folder = os.path.join(root, "posts")
    if any(os.path.normpath(s.dir) == "posts" for s in spec.sources) or not os.path.isdir(folder):
        return []
    if not any(name.endswith(MARKDOWN) for name in list_files(folder, screen=Screen(root))):
        return []
    dated = next((k.key for k in spec.kinds if k.dated), "post")
    return [
        Problem(
            spec.config_file,
            spec.line("plugins.coproduction", "plugins"),
            "the posts/ folder is not built into the site: add it under the coproduction plugin, "
            f"as sources: {{posts: {{dir: posts, kind: {dated}}}}}",
        )
    ]


def _blog_settings(spec: SiteSpec, indexes: Indexes, root: str) -> list[Problem]:
    """Settings the blog needs, once we know there is one."""
    if indexes.blog is None or not indexes.blog.posts:
        return []
    problems = []
    if spec.feeds and not spec.site_url:
        problems.append(
            Problem(
                spec.config_file,
                spec.line("site_url", "site_name"),
                "the blog's feeds need 'site_url', the address the site is published at "
                "(for example site_url: https://example.org/); or turn them off with "
                "'feeds: false' under the coproduction plugin",
            )
        )
    if spec.authors_file and not os.path.isfile(os.path.join(root, spec.authors_file)):
        problems.append(
            Problem(
                spec.config_file,
                spec.line("plugins.coproduction.authors", "plugins.coproduction"),
                f"the authors file '{spec.authors_file}' does not exist: create it (each author id "
                "with a name), or set 'authors' under the coproduction plugin to where it is",
            )
        )
    return problems


def run(
    spec: SiteSpec,
    root: str,
    docs: Sequence[ContentFile],
    *,
    other_files: Iterable[str] = (),
    config_problems: Iterable[Problem] = (),
) -> Site:
    """Read every page once, check it, and build every index.

    ``root`` is the folder holding the configuration file; ``docs`` the files the engine
    listed from ``docs/`` (pages and others); ``other_files`` names of further files links
    may lead to. Files the engine listed that must not be read are refused here, with a
    problem, and named in ``Site.left_out``.
    """
    problems = list(config_problems)
    screen = Screen(root)
    docs, refused = screen_files(docs, screen, root)
    problems += _unbuilt_posts(spec, root)
    sources, found = usable_sources(spec, root, screen)
    problems += found
    if sources != spec.sources:
        spec = dataclasses.replace(spec, sources=sources)
    authors_file, found = authors_path(spec, root, screen)
    problems += found
    authors, found, excused = read_authors(authors_file, spec.authors_file)
    problems += found
    if excused is None and not spec.authors_file:
        excused = frozenset()  # no authors file is set: each post's ids are the problem
    added, found = source_files(spec, root, screen)
    if not authors_file:  # its own problem says it is not read: not another for its link
        screen.problems.pop(posixpath.normpath(spec.authors_file), None)
    problems += found + list(screen.problems.values())
    pages, found = _clashes([f for f in docs if f.is_page], added, spec)
    problems += found + _docs_in_source_space(pages, spec)
    not_published, found = _other_files(docs, added, spec, root)
    problems += found

    records: list[PageRecord] = []
    left_out: set[str] = refused | not_published
    for file in (*pages, *added):
        if not file.is_page:
            continue
        record, found = read_page(file, spec, authors, excused)
        problems += found
        if record is None:
            left_out.add(file.src_uri)  # the engine would stop with a traceback on it
        else:
            records.append(record)

    indexes = build_indexes(_oldest_first_by_address(records, root), authors, spec)
    problems += indexes.problems + _blog_settings(spec, indexes, root)
    problems += check_term_easy_read(spec, indexes.by_src_uri)
    problems += check_footer_links(spec, {*indexes.by_src_uri, *indexes.generated_by_src_uri})
    problems += check_config_texts(spec) + check_theme_links(spec)
    known = {f.src_uri for f in (*docs, *added)}
    known.update(other_files)
    known.difference_update(refused)
    known.update(g.src_uri for g in indexes.generated)
    if spec.check_links:
        problems += check_links(records, known, absolute_from_docs=spec.absolute_links_from_docs)
    published = indexes.by_src_uri
    left_out.update(r.src_uri for r in records if r.src_uri not in published)
    # What the build publishes: the files left to the engine, and each page's address.
    names = known - left_out
    problems += check_nav(spec, names)
    addresses = {name for name in names if not name.endswith(MARKDOWN)}
    addresses.update(page.url for page in indexes.pages)
    addresses.update(made.url for made in indexes.generated)
    problems += check_templates(spec, root, addresses)
    config = [p for p in problems if p.path == spec.config_file]
    content = sorted(p for p in problems if p.path != spec.config_file)
    return Site(spec, indexes, records, added, sorted(config) + content, left_out, known)
