"""The adapter: the only code that knows MkDocs (or ProperDocs).

It routes the engine's events (``plugin``), reads the plugin's options (``options``),
turns the engine's files into the core's and back (``files``), renders our templates
with the theme's Jinja environment (``render``), and loads a site for ``make check``
(``check``). The core computes every index; the adapter never does.
"""

from __future__ import annotations

from coproduction.mkdocs_plugin.engine import ENGINE

__all__ = ["ENGINE"]
