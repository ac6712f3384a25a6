"""new_page: a new page with valid front matter, in the kind's folder, never overwriting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest
from unit_support import SPEC

from coproduction.core.checks import make_record
from coproduction.core.frontmatter import split
from coproduction.core.new_page import NewPageProblem, new_page, slug_of
from coproduction.core.records import Author

TODAY = dt.date(2026, 11, 26)
AUTHORS = {"ann": Author("ann", "Ann")}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("What is power? Who has it?", "what-is-power-who-has-it"),
        ("  Café  culture & co-production  ", "cafe-culture-co-production"),
        ("2026: a year of listening", "2026-a-year-of-listening"),
    ],
)
def test_slug_of(title: str, slug: str) -> None:
    assert slug_of(title) == slug


@pytest.mark.parametrize(
    ("kind", "path", "extra"),
    [
        ("post", "posts/our-first-meeting.md", {"date": TODAY, "authors": ("ann",)}),
        ("tool", "toolkit/our-first-meeting.md", {}),
        ("guide", "docs/guidance/our-first-meeting.md", {}),
        ("principle", "docs/principles/our-first-meeting.md", {}),
    ],
)
def test_each_kind_goes_to_its_folder_with_front_matter_that_checks_clean(
    tmp_path: Path, kind: str, path: str, extra: dict[str, object]
) -> None:
    made = new_page(SPEC, str(tmp_path), kind, "Our first meeting", ["ann"], TODAY)
    assert made.path == path
    src_uri = path.removeprefix("docs/")
    record, problems = make_record(
        split(made.text, path), src_uri=src_uri, url="x/", kind=kind if kind in ("post", "tool") else "guide",
        spec=SPEC, authors=AUTHORS,
    )  # fmt: skip
    assert problems == []
    assert (record.title, record.kind) == ("Our first meeting", kind)
    assert record.untagged == ()  # every taxonomy is there, to be filled in
    for key, value in extra.items():
        assert getattr(record, key) == value


def test_a_dated_kind_needs_an_author() -> None:
    with pytest.raises(NewPageProblem, match="needs an author"):
        new_page(SPEC, ".", "post", "A post", [], TODAY)


def test_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "toolkit").mkdir()
    (tmp_path / "toolkit/a-tool.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(NewPageProblem, match=r"toolkit/a-tool\.md exists already"):
        new_page(SPEC, str(tmp_path), "tool", "A tool", [], TODAY)
    assert (tmp_path / "toolkit/a-tool.md").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    ("kind", "title", "message"), [("story", "A", "unknown kind 'story'"), ("tool", "!!", "title")]
)
def test_bad_requests_say_what_to_do(kind: str, title: str, message: str) -> None:
    with pytest.raises(NewPageProblem, match=message):
        new_page(SPEC, os.devnull, kind, title, ["ann"], TODAY)


def test_the_placeholders_are_in_the_sites_language() -> None:
    from coproduction.core.words import CORE_WORDS
    from coproduction.mkdocs_plugin.translations import words_for

    welsh = words_for("cy", [], lambda message: None)
    spec = dataclasses.replace(SPEC, words=tuple((m, welsh.t(m)) for m in CORE_WORDS), language="cy")
    english = new_page(SPEC, os.devnull, "tool", "Map", [], TODAY).text
    text = new_page(spec, os.devnull, "tool", "Map", [], TODAY).text
    assert "Write here." in english and "Choose terms" in english
    for placeholder in ("One or two plain sentences", "Choose terms", "Write here."):
        assert placeholder not in text
    assert "Ysgrifennwch yma." in text and "Dewiswch dermau" in text
