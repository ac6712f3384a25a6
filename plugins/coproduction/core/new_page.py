"""A new page with valid front matter (``make new KIND=post TITLE="..."``).

The slug comes from the title; a dated kind gets today's date and an author from the
authors file. The placeholders are in the site's language. An existing file is never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass

import yaml

from coproduction.core import words
from coproduction.core.handouts import NEEDS_HANDOUT, START
from coproduction.core.settings import SiteSpec

__all__ = ["NewPage", "NewPageProblem", "new_page", "slug_of"]


class NewPageProblem(Exception):
    """The page cannot be made; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class NewPage:
    path: str
    """From the folder holding the configuration file."""
    text: str


def slug_of(title: str) -> str:
    """``What is power? Who has it?`` -> ``what-is-power-who-has-it``; accents folded."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:80].strip("-")


def _folder(spec: SiteSpec, kind: str) -> str:
    kind_spec = spec.kind(kind)
    if kind_spec is not None and kind_spec.dir:
        return kind_spec.dir
    return next((s.dir for s in spec.sources if s.kind == kind), spec.docs_dir)


def _default_kind(spec: SiteSpec, folder: str) -> str:
    """The kind a page in ``folder`` has without a ``kind:`` line."""
    for source in spec.sources:
        if folder == source.dir or folder.startswith(source.dir.rstrip("/") + "/"):
            return source.kind
    return spec.docs_kind


def new_page(spec: SiteSpec, root: str, kind: str, title: str, authors: list[str], today: dt.date) -> NewPage:
    """The file to write for a new page; raises ``NewPageProblem`` with a fix."""
    kind_spec = spec.kind(kind)
    if kind_spec is None:
        raise NewPageProblem(f"unknown kind '{kind}': use one of {', '.join(spec.kind_keys)}")
    title = " ".join(title.split())
    slug = slug_of(title)
    if not slug:
        raise NewPageProblem('give the page a title with letters or digits, like TITLE="Our first meeting"')
    folder = _folder(spec, kind)
    path = f"{folder.rstrip('/')}/{slug}.md"
    if os.path.exists(os.path.join(root, path)):
        raise NewPageProblem(f"{path} exists already: choose another title, or edit that file")
    front: dict[str, object] = {
        "title": title,
        "description": spec.say(words.NEW_DESCRIPTION),
    }
    if _default_kind(spec, folder) != kind:
        front["kind"] = kind
    if kind_spec.dated:
        if not authors:
            raise NewPageProblem(
                f"a page of kind '{kind}' needs an author, and the authors file "
                f"'{spec.authors_file}' lists none: add yourself there first"
            )
        front["date"] = today.isoformat()
        front["authors"] = authors[:1]
    for taxonomy in spec.taxonomies:
        front[taxonomy.key] = []
    body = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    terms = "; ".join(f"{t.key}: {', '.join(t.slugs)}" for t in spec.taxonomies)
    hint = f"<!-- {spec.say(words.NEW_TERMS, terms=terms)} -->\n\n" if terms else ""
    # A tool needs a handout (``make check`` says so): its place, marked, to write in.
    handout = f"\n{START}\n\n{spec.say(words.NEW_HANDOUT)}\n" if kind in NEEDS_HANDOUT else ""
    return NewPage(path, f"---\n{body}---\n\n{hint}{spec.say(words.NEW_BODY)}\n{handout}")
