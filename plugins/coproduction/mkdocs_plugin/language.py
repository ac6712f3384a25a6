"""The words other parts of the site take from settings, in the site's language: the table of
contents' title and the heading permalinks' text (Markdown's ``toc`` extension), and the
search index's word pipeline. A setting the site writes itself is left as it is.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from coproduction.mkdocs_plugin.translations import Words

__all__ = ["ADAPTER_WORDS", "LINK_TO_SECTION", "ON_THIS_PAGE", "search_settings", "toc_settings"]

ON_THIS_PAGE = "On this page"
LINK_TO_SECTION = "Link to this section"
ADAPTER_WORDS = (ON_THIS_PAGE, LINK_TO_SECTION)
"""The catalogue's words this module uses (the templates' are found in the templates)."""

_TOC = ("toc", "markdown.extensions.toc")


def toc_settings(config: MkDocsConfig, words: Words) -> None:
    """The ``toc`` extension's ``title`` (Material's "On this page" in the sidebar and above
    the article) and, where ``permalink: true`` asks for heading links, their text and
    ``title`` attribute: read out by screen readers, where the extension would say "¶"
    and "Permanent link" in English. In a language we have no catalogue for, the title is
    left to Material, which may have it."""
    name = next((name for name in _TOC if name in config.markdown_extensions), None)
    if name is None:
        return
    settings = config.mdx_configs.setdefault(name, {})
    if words.catalogued:
        settings.setdefault("title", words.t(ON_THIS_PAGE))
    if settings.get("permalink") is True:
        settings["permalink"] = words.t(LINK_TO_SECTION)
    if settings.get("permalink"):
        settings.setdefault("permalink_title", words.t(LINK_TO_SECTION))


def search_settings(config: MkDocsConfig) -> None:
    """No English word pipeline for a language lunr cannot stem (Welsh): Material's search
    then indexes with ``lang: [en]`` and English stop words ("a", "i", "all" and "can" are
    Welsh words too). ``lang: [en]`` stays: for lunr it is its own tokenizer, with no
    language's rules, and it is a setting, never shown. Before the search plugin reads
    its settings; a site that sets ``lang`` or ``pipeline`` keeps them."""
    from mkdocs.contrib.search import LangOption  # the languages the search plugin accepts

    language = str(config.theme.get("language") or "en").replace("-", "_")
    # "search" is Material's "material/search" when the theme is Material.
    search = next(
        (plugin for name, plugin in config.plugins.items() if name.split("/")[-1] == "search"), None
    )
    settings = getattr(search, "config", None)
    if (
        settings is None
        or "pipeline" not in settings
        or settings.get("lang")
        or settings["pipeline"] is not None
    ):
        return
    if language.split("_")[0].lower() == "en" or LangOption().get_lunr_supported_lang(language):
        return
    settings["pipeline"] = []
