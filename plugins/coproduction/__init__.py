"""MkDocs plugin for co-production toolkits and blogs.

``coproduction.core`` is plain Python (records, front matter, checks, indexes,
feeds, export, and the one pipeline that reads a site); ``coproduction.mkdocs_plugin``
is the adapter, the only code that imports MkDocs. This module re-exports the core's
public API; it imports no MkDocs.
"""

from __future__ import annotations

from coproduction.core.pipeline import Site, run
from coproduction.core.records import Author, PageRecord, Problem, Source
from coproduction.core.related import related_lists
from coproduction.core.settings import DEFAULT_KINDS, KindSpec, SiteSpec, SourceSpec, TaxonomySpec, TermSpec
from coproduction.core.sources import ContentFile

__all__ = [
    "DEFAULT_KINDS",
    "Author",
    "ContentFile",
    "KindSpec",
    "PageRecord",
    "Problem",
    "Site",
    "SiteSpec",
    "Source",
    "SourceSpec",
    "TaxonomySpec",
    "TermSpec",
    "related_lists",
    "run",
]
