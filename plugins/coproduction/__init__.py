"""MkDocs plugin for co-production toolkits and blogs.

The core (records, checks, indexes, feeds, export) is plain Python; the adapter
(``plugin``, ``config``, ``sources``, ``render``, ``outputs``, ``state``) is the
only part that imports MkDocs.
"""

from __future__ import annotations

from coproduction.content import KINDS, Author, PageRecord, Problem
from coproduction.related import related_lists
from coproduction.spec import SiteSpec, SourceSpec, TaxonomySpec, TermSpec

__all__ = [
    "KINDS",
    "Author",
    "PageRecord",
    "Problem",
    "SiteSpec",
    "SourceSpec",
    "TaxonomySpec",
    "TermSpec",
    "related_lists",
]
