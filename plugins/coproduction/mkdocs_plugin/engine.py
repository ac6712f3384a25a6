"""Whichever engine is installed: MkDocs, or else ProperDocs, its maintained fork.

ProperDocs makes ``mkdocs.*`` imports work inside its own process. A process it did
not start, such as ``python -m coproduction check``, needs the same done here, before
the adapter's first ``mkdocs`` import: the adapter package imports this module first.
"""

from __future__ import annotations

import importlib.util

__all__ = ["ENGINE"]

if importlib.util.find_spec("mkdocs") is not None:
    ENGINE = "mkdocs"
else:  # pragma: no cover - exercised by the ProperDocs-only environment's tests
    import properdocs.replacement  # noqa: F401  (from here on, mkdocs.* imports load ProperDocs)

    ENGINE = "properdocs"
