"""Renders our templates with the theme's Jinja environment, so ``overrides/`` can restyle them."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from typing import Any

import jinja2
import markupsafe
from mkdocs.structure.pages import Page

from coproduction.content import KIND_LABELS, KIND_NAMES
from coproduction.excerpts import relink
from coproduction.site import Indexes
from coproduction.urls import url_for

__all__ = ["TEMPLATES", "Renderer"]

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
"""Added last to the theme's folders: a site's ``custom_dir`` wins over these."""

_H1_END_RE = re.compile(r"</h1>", re.IGNORECASE)


def theme_meta(meta: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    """``page.meta`` for the theme, with title and description escaped.

    Material prints ``page.meta.title`` and ``description`` into the page (title,
    header, nav, meta tags) without escaping. ``Markup`` makes them safe there, and
    templates that escape again leave them as they are.
    """
    escaped = {**meta, "title": markupsafe.escape(title)}
    if description:
        escaped["description"] = markupsafe.escape(description)
    return escaped


def long_date(day: dt.date) -> str:
    """A date as people write it in the UK: 29 April 2019."""
    return f"{day.day} {day:%B %Y}"


class Renderer:
    """Our templates, compiled once per build by the theme's environment."""

    def __init__(self, env: jinja2.Environment, indexes: Indexes) -> None:
        self.env = env
        self.indexes = indexes
        spec = indexes.spec
        env.globals["coproduction_relink"] = relink
        env.globals["cp_kind_labels"] = KIND_LABELS
        env.globals["cp_kind_names"] = KIND_NAMES
        env.filters["cp_date"] = long_date
        env.filters["cp_page_url"] = lambda src: url_for(src, spec.use_directory_urls)
        self._heads: dict[tuple[tuple[str, str], ...], str] = {}

    def render(self, name: str, context: Mapping[str, Any], **extra: Any) -> str:
        return self.env.get_template(name).render({**context, "site": self.indexes, **extra})

    def page_content(self, page: Page, context: Mapping[str, Any]) -> None:
        """Fill a generated page, or add the header and footer blocks to a content page."""
        src_uri = page.file.src_uri
        indexes = self.indexes
        record = indexes.by_src_uri.get(src_uri)
        if record is None:
            made = indexes.generated_by_src_uri.get(src_uri)
            if made is not None:
                page.content = self.render(made.template, context, **made.context)
            return
        header = self.render("coproduction/page-header.html", context, record=record)
        footer = self.render("coproduction/page-footer.html", context, record=record)
        content = page.content or ""
        match = _H1_END_RE.search(content)
        if match:
            page.content = content[: match.end()] + header + content[match.end() :] + footer
        else:
            # Material adds the title only when the content has no <h1>; ours comes first.
            title = self.render("coproduction/page-title.html", context, record=record)
            page.content = title + header + content + footer

    def head(self, src_uri: str) -> str:
        """``<link rel="alternate">`` tags for the feeds that match the page.

        Feed links are absolute, so the tags depend only on the feeds: cached by them.
        """
        feeds = self.indexes.feeds_for(src_uri)
        html = self._heads.get(feeds)
        if html is None:
            html = self.env.get_template("coproduction/head.html").render(feeds=feeds)
            self._heads[feeds] = html
        return html
