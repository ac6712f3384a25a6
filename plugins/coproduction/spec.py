"""The core's view of the site's configuration: taxonomies, sources and blog options."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["SiteSpec", "SourceSpec", "TaxonomySpec", "TermSpec"]


@dataclass(frozen=True, slots=True)
class TermSpec:
    """One term of a taxonomy (``power``)."""

    slug: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class TaxonomySpec:
    """A taxonomy: its key is both the front matter key and the URL segment."""

    key: str
    title: str
    description: str = ""
    terms: tuple[TermSpec, ...] = ()

    def term(self, slug: str) -> TermSpec | None:
        return next((t for t in self.terms if t.slug == slug), None)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(t.slug for t in self.terms)


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A folder beside ``docs/`` built into the site under ``/<key>/``."""

    key: str
    dir: str
    kind: str


@dataclass(frozen=True, slots=True)
class SiteSpec:
    """Everything the core needs from ``mkdocs.yml``."""

    site_name: str = ""
    site_url: str = ""
    docs_dir: str = "docs"
    use_directory_urls: bool = True
    sources: tuple[SourceSpec, ...] = ()
    taxonomies: tuple[TaxonomySpec, ...] = ()
    authors_file: str = ""
    related: int = 5
    posts_per_page: int = 10
    future_posts: bool = False
    drafts: bool = False
    """Whether drafts are shown (``mkdocs serve``) rather than left out."""
    today: dt.date = field(default_factory=dt.date.today)
    """The build date: posts dated later are held back unless ``future_posts``."""

    @property
    def post_folder(self) -> str:
        """URL segment of the blog: the first source of kind ``post``."""
        return next((s.key for s in self.sources if s.kind == "post"), "posts")

    def taxonomy(self, key: str) -> TaxonomySpec | None:
        return next((t for t in self.taxonomies if t.key == key), None)
