"""What this site's own content holds, read from mkdocs.yml and the front matter: the one place
the tests of the content (tests/site/) learn folders, addresses, kinds, posts and terms.

Nothing is pinned: a fork that renames, retags, translates or replaces the content, or
publishes it under another address, keeps them passing.
"""

from __future__ import annotations

import datetime
import functools
import shutil
from pathlib import Path
from typing import Any

import yaml

from browser import site_path
from conftest import REPO
from coproduction.mkdocs_plugin.translations import Words, words_for

__all__ = [
    "blog",
    "config",
    "copy_site",
    "dated_kinds",
    "dated_sections",
    "day",
    "easy_read_twins",
    "folder_of",
    "folders",
    "front_matter",
    "kind_plural",
    "landing",
    "language",
    "markdown_files",
    "options",
    "path",
    "posts",
    "published",
    "section_of",
    "split",
    "taxonomies",
    "theme_word",
    "url",
    "words",
]


@functools.cache
def config() -> dict[str, Any]:
    """mkdocs.yml, its tags (``!ENV``, ``!!python/name``) read as nothing."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    loaded = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert isinstance(loaded, dict)
    return loaded


def options() -> dict[str, Any]:
    """The coproduction plugin's options in mkdocs.yml."""
    for entry in config().get("plugins", []):
        if isinstance(entry, dict) and "coproduction" in entry:
            return dict(entry["coproduction"] or {})
    raise AssertionError("mkdocs.yml lists no coproduction plugin")


def taxonomies() -> dict[str, Any]:
    found = options().get("taxonomies") or {}
    assert found, "mkdocs.yml defines no taxonomy"
    return dict(found)


def folders() -> dict[Path, tuple[str, str]]:
    """Each content folder -> (its address from the site root, the kind of its pages)."""
    kinds = list(options().get("kinds") or {"guide": {}})
    found = {REPO / str(config().get("docs_dir", "docs")): ("", kinds[0])}
    for key, source in (options().get("sources") or {}).items():
        found[REPO / source["dir"]] = (f"{key}/", source["kind"])
    return found


def copy_site(dest: Path) -> None:
    """mkdocs.yml and every folder and file it names (docs_dir, the theme's custom_dir, the
    content folders, the authors file) copied into ``dest``: a build there reads what a build of
    the repository reads, and leaves nothing in it (its ``.cache/`` is ``dest``'s)."""
    theme = config().get("theme") or {}
    named = [
        str(config().get("docs_dir") or "docs"),
        str(theme.get("custom_dir") or ""),
        str(options().get("authors") or "posts/authors.yml"),
        *(str(source["dir"]) for source in (options().get("sources") or {}).values()),
    ]
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for name in filter(None, named):
        source, target = REPO / name, dest / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)


def language() -> str:
    """The site's language, ``theme.language`` (``en`` when unset, as the theme has it)."""
    return str((config().get("theme") or {}).get("language") or "en")


def path() -> str:
    """Where the site is published on its host: site_url's path (``/carers/``), or ``/``."""
    return site_path(config().get("site_url"))


@functools.cache
def words() -> Words:
    """The plugin's words and dates in the site's language, as the plugin finds them."""
    custom_dir = (config().get("theme") or {}).get("custom_dir")
    folders = [str(REPO / custom_dir / "locales")] if custom_dir else []
    return words_for(language(), folders, lambda message: None)


@functools.cache
def theme_word(key: str) -> str:
    """The theme's own word for ``key`` (Material's ``action.skip``) in the site's language,
    from the theme's language files, the site's ``custom_dir`` first, as pages get it."""
    from mkdocs.config import load_config

    loaded = load_config(config_file=str(REPO / "mkdocs.yml"))
    template = loaded.theme.get_env().from_string(
        '{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}'
    )
    return template.render(config=loaded, key=key).strip()


def dated_kinds() -> set[str]:
    kinds = options().get("kinds")
    return {key for key, kind in kinds.items() if kind.get("dated")} if kinds else {"post"}


def kind_plural(kind: str) -> str:
    """What a group of pages of ``kind`` is called ("Blog posts"): mkdocs.yml's kinds, else the
    engine's, in the site's language (theme.language, from the catalogues the build reads)."""
    from coproduction.core.settings import DEFAULT_KINDS

    kinds = options().get("kinds")
    if kinds:
        return str(kinds[kind]["plural"])
    return words().t(next(k.plural for k in DEFAULT_KINDS if k.key == kind))


def blog() -> str:
    """The blog's address: that of the first source folder of a dated kind."""
    dated = dated_kinds()
    return next(f"{key}/" for key, s in (options().get("sources") or {}).items() if s["kind"] in dated)


def dated_sections() -> list[str]:
    """The address of each source folder of a dated kind: each lists its own pages."""
    dated = dated_kinds()
    return [f"{key}/" for key, s in (options().get("sources") or {}).items() if s["kind"] in dated]


def section_of(md: Path, kind: str) -> str:
    """The dated section a dated page is listed in: its folder's, else the first of its kind,
    else the first."""
    sources = options().get("sources") or {}
    own = folders()[folder_of(md)][0]
    if own in dated_sections():
        return own
    return next((f"{key}/" for key, s in sources.items() if s["kind"] == kind), dated_sections()[0])


def markdown_files() -> list[Path]:
    """Every Markdown file of the site's content folders."""
    return sorted(md for folder in folders() for md in folder.rglob("*.md"))


def folder_of(md: Path) -> Path:
    return next(folder for folder in folders() if md.is_relative_to(folder))


def split(md: Path) -> tuple[dict[str, Any], str]:
    """A Markdown file's front matter and body."""
    text = md.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---", 3)
    meta = yaml.safe_load(text[4:end]) or {}
    assert isinstance(meta, dict), md
    return meta, text[end + 4 :].split("\n", 1)[-1]


def front_matter(md: Path) -> dict[str, Any]:
    return split(md)[0]


def day(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return None


def landing(md: Path) -> bool:
    """Whether ``md`` is a source folder's own index.md: the text atop that folder's listing."""
    folder = folder_of(md)
    return md == folder / "index.md" and folders()[folder][0] != ""


def published(md: Path) -> bool:
    """Not a draft, and not dated later than today."""
    meta = front_matter(md)
    when = day(meta.get("date"))
    return meta.get("draft") is not True and not (when and when > datetime.date.today())


def url(md: Path) -> str:
    """The page's URL: docs/ files at the root, a source folder's files under its address."""
    folder = folder_of(md)
    parts = list(md.relative_to(folder).with_suffix("").parts)
    if parts and parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return folders()[folder][0] + "".join(f"{part}/" for part in parts)


def posts(section: str | None = None) -> list[tuple[datetime.date, str, Path, dict[str, Any]]]:
    """Published pages of a dated kind (of one ``section`` of them, by its address), newest
    first, then by title: (date, title, file, front matter). A source folder's ``index.md`` is
    its landing page, never dated."""
    dated, found = dated_kinds(), []
    for md in markdown_files():
        if landing(md):
            continue
        meta = front_matter(md)
        when = day(meta.get("date"))
        kind = meta.get("kind", folders()[folder_of(md)][1])
        if published(md) and when and kind in dated and section in (None, section_of(md, kind)):
            found.append((when, str(meta["title"]), md, meta))
    return sorted(found, key=lambda p: (-p[0].toordinal(), p[1].casefold()))


def easy_read_twins() -> dict[str, str]:
    """Each Easy Read page's URL (a page an ``easy_read:`` names, in front matter or on a term)
    -> the URL of its standard twin."""
    docs = REPO / str(config().get("docs_dir", "docs"))
    twins: dict[str, str] = {}
    for md in markdown_files():
        target = front_matter(md).get("easy_read")
        if target and published(md):
            twins.setdefault(url(docs / str(target).lstrip("/")), url(md))
    for key, taxonomy in taxonomies().items():
        for slug, term in (taxonomy.get("terms") or {}).items():
            if term.get("easy_read"):
                twins.setdefault(url(docs / str(term["easy_read"]).lstrip("/")), f"{key}/{slug}/")
    return twins
