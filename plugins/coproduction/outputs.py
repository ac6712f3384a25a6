"""Files written beside the pages once they are built: feeds and ``cross-index.json``."""

from __future__ import annotations

import os

import jinja2

from coproduction.export import cross_index
from coproduction.site import Indexes

__all__ = ["write_cross_index", "write_feeds"]


def _write(site_dir: str, path: str, text: str) -> None:
    target = os.path.join(site_dir, *path.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_feeds(env: jinja2.Environment, indexes: Indexes, site_dir: str, language: str) -> None:
    """Render every feed with the (autoescaping) feed template and write it."""
    template = env.get_template("coproduction/feed.xml.html")
    for feed in indexes.feeds(language):
        _write(site_dir, feed.path, template.render(feed=feed))


def write_cross_index(indexes: Indexes, site_dir: str) -> None:
    """Write ``cross-index.json`` at the site root."""
    _write(site_dir, "cross-index.json", cross_index(indexes.pages, indexes.authors, indexes.spec))
