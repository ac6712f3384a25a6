"""One build's state, made afresh in ``on_config`` so ``mkdocs serve`` rebuilds start clean."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

from coproduction.config import CoproductionConfig, to_spec
from coproduction.site import Indexes
from coproduction.spec import SiteSpec

__all__ = ["BuildState", "build_date", "make_spec"]


def build_date() -> dt.date:
    """``SOURCE_DATE_EPOCH`` as a UTC date when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def make_spec(config: MkDocsConfig, options: CoproductionConfig, *, serving: bool) -> SiteSpec:
    """The core's view of ``mkdocs.yml``."""
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    return to_spec(
        options,
        site_name=config.site_name or "",
        site_url=config.site_url or "",
        docs_dir=os.path.relpath(config.docs_dir, root).replace(os.sep, "/"),
        use_directory_urls=config.use_directory_urls,
        drafts=serving,
        today=build_date(),
    )


@dataclass(slots=True)
class BuildState:
    """What the plugin knows during one build."""

    spec: SiteSpec
    root: str
    """The folder holding ``mkdocs.yml``; source folders are relative to it."""
    indexes: Indexes | None = None
    nav: Navigation | None = None
    """MkDocs' navigation, for the context our generated pages are rendered with."""
