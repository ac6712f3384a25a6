"""Every word the plugin writes comes from one catalogue per language, chosen by theme.language."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import AUTHORS, BASE_CONFIG, REPO, Built, page
from coproduction.core.words import CORE_WORDS

PLUGIN = REPO / "plugins/coproduction/mkdocs_plugin"
WELSH = PLUGIN / "locales/cy/LC_MESSAGES/coproduction.po"


def _template_messages() -> set[str | tuple[str, str]]:
    """Every ``cp_t``/``cp_nt`` message in our templates, as Babel's Jinja extractor finds them."""
    found: set[str | tuple[str, str]] = set()
    for _, _, message, _, _ in extract_from_dir(
        str(PLUGIN / "templates"),
        method_map=[("**.html", "jinja2.ext:babel_extract")],
        keywords={"cp_t": None, "cp_nt": (1, 2)},
        options_map={"**.html": {"extensions": ""}},
    ):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def test_the_welsh_catalogue_translates_every_word_and_holds_no_stale_ones() -> None:
    with WELSH.open("rb") as f:
        catalog = read_po(f, locale="cy")
    wanted = _template_messages() | set(CORE_WORDS)
    assert len(wanted) > 40
    have = {m.id if isinstance(m.id, str) else (m.id[0], m.id[1]) for m in catalog if m.id}
    assert sorted(map(str, wanted - have)) == []  # words with no translation
    assert sorted(map(str, have - wanted)) == []  # translations nothing uses
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(s.strip() for s in strings), message.id
            # Every {value} of the English survives into the Welsh.
            english = " ".join(message.id) if isinstance(message.id, tuple) else message.id
            assert set(re.findall(r"\{\w+\}", english)) <= set(re.findall(r"\{\w+\}", " ".join(strings))), (
                message.id
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
