"""Every word the plugin writes comes from one catalogue per language, chosen by theme.language."""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import site_content
from conftest import AUTHORS, BASE_CONFIG, REPO, Built, build_site, page, write_site
from coproduction.core import words as words_module
from coproduction.core.words import CORE_WORDS
from coproduction.mkdocs_plugin.language import ADAPTER_WORDS
from coproduction.mkdocs_plugin.translations import LOCALES

PLUGIN = REPO / "plugins/coproduction/mkdocs_plugin"
WELSH = PLUGIN / "locales/cy/LC_MESSAGES/coproduction.po"
OVERRIDES = REPO / "overrides"
"""The site's own templates: they take their words from the same catalogue."""
SHIPPED = (
    "en",
    *sorted(path.parent.parent.name for path in Path(LOCALES).glob("*/LC_MESSAGES/coproduction.po")),
)
"""English (the source) and each language the plugin has a catalogue for."""

Message = str | tuple[str, str]


def _template_messages(folder: Path = PLUGIN / "templates") -> dict[Message, str]:
    """Every ``cp_t``/``cp_nt`` message in the templates of ``folder``, as Babel's Jinja
    extractor finds them, with the first file and line that uses it."""
    found: dict[Message, str] = {}
    if not folder.is_dir():
        return found
    for name, line, message, _, _ in extract_from_dir(
        str(folder),
        method_map=[("**.html", "jinja2.ext:babel_extract")],
        keywords={"cp_t": None, "cp_nt": (1, 2)},
        options_map={"**.html": {"extensions": ""}},
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, f"{(folder / name).relative_to(REPO)}:{line}")
    return found


def _catalogue(path: Path, language: str) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=language)


def _ids(catalog: Catalog) -> set[Message]:
    return {m.id if isinstance(m.id, str) else (m.id[0], m.id[1]) for m in catalog if m.id}


def test_the_welsh_catalogue_translates_every_word_and_holds_no_stale_ones() -> None:
    catalog = _catalogue(WELSH, "cy")
    wanted = set(_template_messages()) | set(CORE_WORDS) | set(ADAPTER_WORDS)
    assert len(wanted) > 40
    have = _ids(catalog)
    assert sorted(map(str, wanted - have)) == []  # words with no translation
    # The site's templates' words say where they are used (#: overrides/...): a fork may
    # change or remove those templates, so nothing here holds them to the plugin's use.
    site_words = {
        m.id
        for m in catalog
        if m.id and m.locations and all(path.startswith("overrides/") for path, _ in m.locations)
    }
    assert sorted(map(str, have - wanted - site_words)) == []  # translations nothing uses
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(s.strip() for s in strings), message.id
            # Every {value} of the English survives into the Welsh.
            english = " ".join(message.id) if isinstance(message.id, tuple) else message.id
            assert set(re.findall(r"\{\w+\}", english)) <= set(re.findall(r"\{\w+\}", " ".join(strings))), (
                message.id
            )


def test_every_word_of_the_sites_templates_has_a_translation_in_each_shipped_language() -> None:
    """overrides/ uses ``cp_t`` like the plugin's templates; its words are in our catalogue, or
    in the site's own (overrides/locales/<language>/LC_MESSAGES/coproduction.po)."""
    used = _template_messages(OVERRIDES)
    for language in SHIPPED[1:]:
        have = _ids(_catalogue(Path(LOCALES) / language / "LC_MESSAGES/coproduction.po", language))
        own = OVERRIDES / "locales" / language / "LC_MESSAGES/coproduction.po"
        if own.is_file():
            have |= _ids(_catalogue(own, language))
        missing = [f"{where}: {message!r}" for message, where in used.items() if message not in have]
        assert missing == [], (
            f"words of overrides/ with no translation into '{language}': add them to "
            f"overrides/locales/{language}/LC_MESSAGES/coproduction.po"
        )


def _welsh_site(make_site: Any, **theme: Any) -> Built:
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "language": "cy", **theme}
    # The kinds are the site's own words, in mkdocs.yml: a Welsh site names them in Welsh.
    config["plugins"][1]["coproduction"]["kinds"] = {
        "guide": {"title": "Canllaw", "plural": "Canllawiau"},
        "tool": {"title": "Offeryn", "plural": "Offer"},
        "post": {"title": "Postiad blog", "plural": "Postiadau blog", "dated": True},
    }
    return make_site(
        {
            "posts/authors.yml": AUTHORS,
            "posts/a.md": page(
                {"title": "A", "date": "2019-04-29", "authors": ["ann"], "barriers": ["power"]}
            ),
            "posts/b.md": page(
                {"title": "B", "date": "2020-05-05", "authors": ["bob"], "barriers": ["power"]}
            ),
            "posts/c.md": page(
                {"title": "C", "date": "2021-06-06", "authors": ["ann"], "barriers": ["capacity"]}
            ),
            "toolkit/t.md": page({"title": "T", "barriers": ["power", "capacity"]}),
        },
        config,
        strict=True,
    )


def test_a_welsh_site_has_no_english_from_the_plugin(make_site: Any) -> None:
    built = _welsh_site(make_site)
    assert built.warnings == []
    english = [w for w in (*CORE_WORDS, *(m for m in _template_messages() if isinstance(m, str))) if " " in w]
    generated = [
        *("barriers/", "barriers/power/", "barriers/power+capacity/", "posts/", "posts/page/2/"),
        *("posts/archive/", "posts/archive/2019/", "authors/", "authors/ann/", "posts/a/", "toolkit/t/"),
    ]
    for url in generated:
        content = built.content(url)
        left = [w for w in english if "{" not in w and w in content]
        assert left == [], url
    assert "Postiadau blog o 2019" in built.html("posts/archive/2019/")
    assert "29 Ebrill 2019" in built.content("posts/a/")
    assert "Rhan o" in built.content("barriers/power/")
    assert "Tudalennau am bob un o&#39;r rhain: Power a Capacity." in built.html("barriers/power+capacity/")
    assert "<language>cy</language>" in (built.site / "feed.xml").read_text(encoding="utf-8")


def test_a_site_can_correct_a_word_in_overrides(make_site: Any, tmp_path: Path) -> None:
    folder = tmp_path / "overrides/locales/cy/LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "coproduction.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Part of"\nmsgstr "Yn rhan o"\n',
        encoding="utf-8",
    )
    built = _welsh_site(make_site, custom_dir="overrides")
    content = built.content("barriers/power/")
    assert "Yn rhan o" in content  # the site's word wins
    assert "Postiadau newydd" in (built.site / "feed.xml").read_text(encoding="utf-8")  # ours fill the rest


def test_a_language_without_a_catalogue_says_so_and_uses_english(make_site: Any) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "language": "fr"}
    built = make_site({"toolkit/t.md": page({"title": "T", "barriers": ["power"]})}, config)
    assert [w for w in built.warnings if "catalogue" in w] == [
        "coproduction: mkdocs.yml:10: there is no catalogue of the plugin's words for theme.language 'fr': "
        "its pages use English. Add locales/<language>/LC_MESSAGES/coproduction.po to overrides/"
    ]
    assert "Part of" in built.content("barriers/power/")


# ---- Each shipped language's build holds no word of another ------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
"""A word: letters, and an apostrophe within (Welsh "i'r", English "don't")."""
# The fixture writes its own words from these made-up ones, which no language's interface uses.
_AUTHORS = "zed:\n  name: Zed Zonk\n  role: Zibber\nvex:\n  name: Vex Vorn\n"


def _fixture_post(slug: str, day: str, authors: list[str], terms: list[str], **front: Any) -> dict[str, str]:
    body = f"""\
        Zib zab {slug}.

        <!-- more -->

        ## Zorb {slug}

        Quix zonk.
        """
    meta = {"title": f"Zog {slug}", "date": day, "authors": authors, "barriers": terms, **front}
    return {f"posts/{slug}.md": page(meta, body)}


FIXTURE_FILES: dict[str, str | bytes] = {
    "posts/authors.yml": _AUTHORS,
    **_fixture_post("uno", "2019-04-29", ["zed"], ["zap"]),
    **_fixture_post("duo", "2020-06-15", ["vex"], ["zap", "zip"]),
    **_fixture_post("tri", "2021-01-10", ["zed", "vex"], ["zip"], reviewed="2021-02-03"),
    # A summary of someone else's work: its note, its byline and its feed item.
    **_fixture_post(
        "quad",
        "2021-08-09",
        ["zed"],
        ["zap", "zip"],
        source={
            "title": "Zoo",
            "author": "Qat Qix",
            "published": "2018-03-04",
            "where": "Zine",
            "url": "https://example.org/zoo",
        },
    ),
    "docs/index.md": page({"title": "Zorbo", "barriers": []}, "Zib [zab](zeta.md).\n\n## Zorb\n\nQuix.\n"),
    "docs/zeta.md": page(
        {"title": "Zeta", "barriers": ["zap"], "kind": "principle", "easy_read": "zeta-ez.md"},
        "Zib zab.\n\n## Zorb\n\nQuix.\n\n[TOC]\n",
    ),
    "docs/zeta-ez.md": page({"title": "Zeta Ez", "barriers": [], "kind": "guide"}, "Zib.\n"),
    "docs/zonk.md": page({"title": "Zonk", "barriers": [], "template": "feedback.html"}, "Zib.\n"),
    "toolkit/zut.md": page({"title": "Zut", "barriers": ["zap", "zip"]}, "Zib zab.\n\n## Zorb\n\nQuix.\n"),
}
GENERATED = [
    *("", "zeta/", "zonk/", "toolkit/zut/", "posts/", "posts/page/2/", "posts/quad/", "posts/tri/"),
    *("posts/archive/", "posts/archive/2019/", "authors/", "authors/zed/"),
    *("barriers/", "barriers/zap/", "barriers/zap+zip/", "feed.xml", "barriers/zap/feed.xml", "404.html"),
]
"""Every kind of page the plugin and the site's templates make: the fixture must have each."""


def _fixture_config(language: str) -> dict[str, Any]:
    """The repository's mkdocs.yml (theme, overrides/, Markdown extensions), in ``language``, with
    the fixture's own made-up words wherever the site names something."""
    options = copy.deepcopy(BASE_CONFIG["plugins"][1]["coproduction"])
    options.update(
        taxonomies={
            "barriers": {
                "title": "Zorriers",
                "description": "Zib zab.",
                "terms": {"zap": {"title": "Zap", "description": "Zib."}, "zip": {"title": "Zippo"}},
            }
        },
        footer_links=[{"title": "Zonk", "page": "zonk.md"}, {"title": "Zook", "url": "https://example.org/"}],
    )
    return {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "site_name": "Zibzab",
        "site_description": "Zib zab zob.",
        "site_author": "Zed Zonk",
        "site_url": "https://example.org/zib/",
        "repo_url": "https://github.com/zib/zab",
        "repo_name": "zib/zab",
        "copyright": "Zib zab.",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"language": language},
        "extra": {"contact": {"email": "zib@example.org", "post": "Zib, Zab"}},
        "nav": [
            {"Zorbo": "index.md"},
            {"Zeta": "zeta.md"},
            {"Zog": "posts/index.md"},
            {"Zorriers": "barriers/index.md"},
        ],
        "plugins": ["search", {"coproduction": options}],
    }


def _material_words(language: str) -> dict[str, str]:
    """Material's own words in ``language`` (its partials/languages/<language>.html), by key;
    not its settings (the search index's language, the text's direction)."""
    import material

    path = Path(material.__file__).parent / "templates/partials/languages" / f"{language}.html"
    if not path.is_file():
        return {}
    pairs = re.findall(r'^\s*"([\w.]+)": "(.*)",?$', path.read_text(encoding="utf-8"), re.M)
    settings = ("language", "direction", "search.config.")
    return {key: value.replace("#", "") for key, value in pairs if not key.startswith(settings)}


def _interface(language: str) -> dict[str, str]:
    """Every word the interface may show in ``language``, each with where it comes from: the
    plugin's catalogue, Material's, the toc extension's own (English) defaults, Babel's
    names of the months and days. Another language's words count only from the strings it
    translates differently from English: a string left in English gives it no English words."""
    from babel.core import Locale

    found: dict[str, str] = {}

    def add(text: str, origin: str) -> None:
        for word in _WORD_RE.findall(re.sub(r"\{\w+\}", " ", text)):
            found.setdefault(word.casefold(), f"{text!r} ({origin})")

    english = _material_words("en")
    if language == "en":
        for message in [*_ids(_catalogue(WELSH, "cy")), *CORE_WORDS, *ADAPTER_WORDS, *_template_messages()]:
            for text in message if isinstance(message, tuple) else (message,):
                add(text, "the plugin's catalogue")
        add("Permanent link", "the toc extension")
    else:
        po = Path(LOCALES) / language / "LC_MESSAGES/coproduction.po"
        for message in _catalogue(po, language):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for text in message.string if isinstance(message.string, tuple) else (message.string,):
                if message.id and text not in ids:  # not the header, nor a string left as it was
                    add(text, f"{po.relative_to(REPO)}")
    for key, text in _material_words(language).items():
        if language == "en" or text != english.get(key):
            add(text, f"Material's {language}.html: {key}")
    locale = Locale.parse(language)
    for names in (locale.months["format"]["wide"], locale.days["format"]["wide"]):
        for name in names.values():
            add(name, "Babel")
    return found


class _Text(HTMLParser):
    """What a reader meets in an HTML page: its text (not scripts' or styles'), the attributes
    that are read out or shown, and the words Material's scripts show (its __config)."""

    SHOWN = frozenset({"title", "aria-label", "alt", "placeholder"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(value for name, value in attrs if name in self.SHOWN and value)
        if tag in ("script", "style"):
            self._skip = "config" if ("id", "__config") in attrs else tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = ""

    def handle_data(self, data: str) -> None:
        if self._skip == "config":
            self.parts.extend(json.loads(data)["translations"].values())
        elif not self._skip:
            self.parts.append(data)


_NOT_TEXT = ("link", "guid", "pubDate", "lastBuildDate", "language", "loc", "lastmod")
"""Feed and sitemap elements that hold addresses, dates in RSS's format and codes."""
_NAMES = ("Material for MkDocs",)
"""Names, the same in every language."""


def _shown(site: Path, identifiers: set[str]) -> dict[str, str]:
    """The words each published file shows people, by file: pages, feeds, the search index and
    the front matter's schema (less the ids editors type, such as kinds' keys)."""
    shown: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            parser = _Text()
            parser.feed(path.read_text(encoding="utf-8"))
            shown[name] = " ".join(parser.parts)
        elif path.suffix == ".xml":
            root = ElementTree.fromstring(path.read_bytes())
            texts = [e.text or "" for e in root.iter() if e.tag.rsplit("}", 1)[-1] not in _NOT_TEXT]
            shown[name] = re.sub(r"<[^>]+>", " ", html.unescape(" ".join(texts)))
        elif name == "search/search_index.json":
            docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
            shown[name] = re.sub(r"<[^>]+>", " ", " ".join(f"{d['title']} {d['text']}" for d in docs))
        elif name == "front-matter.schema.json":
            text = path.read_text(encoding="utf-8")
            said = " ".join(re.findall(r'"(?:title|description)": "((?:[^"\\]|\\.)*)"', text))
            shown[name] = " ".join(w for w in said.split() if w.strip(":;") not in identifiers)
    for name, text in shown.items():
        for words in _NAMES:
            text = text.replace(words, " ")
        # Not words: addresses, paths, e-mail addresses, and the {n} scripts fill in.
        shown[name] = re.sub(r"\S+/\S*|\S+@\S+|\{\w+\}", " ", text)
    return shown


@pytest.mark.parametrize("language", SHIPPED)
def test_each_shipped_languages_build_shows_no_word_of_another(language: str, tmp_path: Path) -> None:
    """A site in the repository's theme and overrides/, with every kind of page the plugin and
    the site's templates make, built in each shipped language: no word of another language's
    interface appears in what people read, the generated pages and the site's templates alike."""
    from coproduction.core.settings import DEFAULT_KINDS
    from coproduction.mkdocs_plugin.translations import words_for

    shutil.copytree(OVERRIDES, tmp_path / "overrides")
    # The files mkdocs.yml may name (a logo, a favicon), as in the repository's docs/.
    docs = REPO / str(site_content.config().get("docs_dir", "docs"))
    assets = {
        f"docs/{file.relative_to(docs).as_posix()}": file.read_bytes()
        for file in docs.rglob("*")
        if file.is_file() and file.suffix != ".md"
    }
    write_site(tmp_path, {**assets, **FIXTURE_FILES}, _fixture_config(language))
    built = build_site(tmp_path, strict=True)
    assert built.warnings == []
    missing = [url for url in GENERATED if not (built.site / url).is_file() and not built.exists(url)]
    assert missing == [], f"the fixture lacks pages it is meant to have: {missing}"

    own = _interface(language)
    others = {
        word: origin for other in SHIPPED if other != language for word, origin in _interface(other).items()
    }
    foreign = {word: origin for word, origin in others.items() if word not in own}
    assert len(foreign) > 100
    identifiers = {kind.key for kind in DEFAULT_KINDS} | {"barriers", "zap", "zip", "zed", "vex"}
    shown = _shown(built.site, identifiers)
    assert {*(f"{url}index.html" for url in GENERATED if "." not in url), "feed.xml", "404.html"} <= set(
        shown
    )
    found = []
    for name, text in shown.items():
        for match in _WORD_RE.finditer(text):
            origin = foreign.get(match.group().casefold())
            if origin is not None:
                context = " ".join(text[max(0, match.start() - 40) : match.end() + 40].split())
                found.append(f"{name}: {match.group()!r}, a word of {origin}, in: ...{context}...")
    assert found == [], f"words of another language in the '{language}' build:\n" + "\n".join(found[:40])

    # And the words are there, in this language: the table of contents and heading links
    # (from the catalogue, not mkdocs.yml), the site's templates, a summary's feed item.
    words = words_for(language, [str(tmp_path / "overrides/locales")], lambda message: None)
    zeta = built.html("zeta/")
    link = html.escape(words.t("Link to this section"), quote=False)  # as Python-Markdown writes it
    assert f'class="headerlink" href="#zorb" title="{link}">{link}</a>' in zeta
    assert f'<span class="toctitle">{html.escape(words.t("On this page"))}</span>' in zeta  # [TOC]
    toc = html.escape(words.t("On this page"))
    assert f'<nav class="md-nav md-nav--secondary" aria-label="{toc}">' in zeta  # the sidebar
    assert f'<summary class="site-toc__summary">{toc}</summary>' in zeta  # above the article
    # The theme's templates do not escape (MkDocs turns autoescaping off); the words need none.
    assert f"<h1>{words.t('Page not found')}</h1>" in (built.site / "404.html").read_text(encoding="utf-8")
    assert f">{words.t('Sections of this site')}</h2>" in built.html("posts/")
    summary = words.t(words_module.SUMMARY_YEAR).format(title="Zoo", author="Qat Qix", year=2018)
    assert html.escape(summary, quote=False) in (built.site / "feed.xml").read_text(encoding="utf-8")


def test_a_site_keeps_the_toc_words_and_search_settings_it_sets(make_site: Any) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "language": "cy"}
    config["markdown_extensions"] = [{"toc": {"title": "Zut", "permalink": "§"}}]
    config["plugins"][0] = {"search": {"pipeline": ["stopWordFilter"]}}
    built = make_site({"docs/zeta.md": page({"title": "Zeta", "barriers": []}, "## Zorb\n\nZib.\n")}, config)
    zeta = built.html("zeta/")
    assert '<nav class="md-nav md-nav--secondary" aria-label="Zut">' in zeta
    assert 'href="#zorb" title="Dolen i\'r adran hon">§</a>' in zeta  # the title it left unset is ours
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["pipeline"] == ["stopWordFilter"]


@pytest.mark.parametrize(("language", "pipeline"), [("en", ["stopWordFilter"]), ("cy", [])])
def test_search_leaves_out_english_stop_words_where_lunr_has_no_language(
    make_site: Any, language: str, pipeline: list[str]
) -> None:
    """Lunr has no Welsh: Material falls back to ``lang: [en]`` (lunr's own tokenizer, a
    setting nobody sees), and the plugin leaves out the English stop-word filter."""
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "language": language}
    built = make_site({}, config)
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert (index["config"]["lang"], index["config"]["pipeline"]) == (["en"], pipeline)


def test_a_language_without_a_catalogue_keeps_materials_title_for_the_contents(make_site: Any) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "language": "fr"}
    built = make_site({"docs/zeta.md": page({"title": "Zeta", "barriers": []}, "## Zorb\n\nZib.\n")}, config)
    assert '<nav class="md-nav md-nav--secondary" aria-label="Table des matières">' in built.html("zeta/")
