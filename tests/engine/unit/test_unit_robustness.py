"""Issue 13's core pieces without a site: text in messages, late front matter, YAML aliases,
titles from headings, the link screen, authors' addresses, theme keys and active content."""

from __future__ import annotations

import gc
import html
import os
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from unit_support import SPEC

from coproduction.core.authors import read_authors
from coproduction.core.checks import check_links, heading_text, make_record
from coproduction.core.frontmatter import FrontMatter, parse_yaml, split
from coproduction.core.records import Problem
from coproduction.core.sanitise import (
    find_removed,
    might_hold_more,
    sanitise,
    without_open_brackets,
    without_open_tags,
)
from coproduction.core.sources import Screen, list_files
from coproduction.core.text import control_character, quote, shorten, show, suggest, without_control
from coproduction.core.theme_keys import check_theme_keys, find_template
from coproduction.core.urls import safe_address

# --- Text in messages -----------------------------------------------------------------------


def test_values_in_messages_are_short_and_on_one_line() -> None:
    assert shorten("a" * 1000) == "a" * 57 + "..."
    assert shorten("line\nnext\x07") == "line\\nnext\\x07"
    assert quote("x" * 10_000_000).startswith("'xxx") and len(quote("x" * 10_000_000)) == 62
    nested: list[object] = []
    for _ in range(10_000):
        nested = [nested, nested]  # 2^10000 items once written out
    assert len(show(nested)) <= 60
    assert show(True) == "true" and show(None) == "null" and show(3) == "3"


def test_suggestions_skip_what_is_too_long_to_be_a_typo() -> None:
    assert suggest("powr", ["power"]) == " Did you mean 'power'?"
    assert suggest("p" * 10_000, ["power"]) == ""


def test_control_characters_are_named_and_removed() -> None:
    assert control_character("tab\tand\nnewline are fine") is None
    assert control_character("bell\x07") == "U+0007"
    assert control_character("next line\x85") == "U+0085"
    assert control_character("not a character \ufffe") == "U+FFFE"
    assert without_control("a\x00b\x1bc\x7fd\tz") == "abcd\tz"


# --- Front matter ---------------------------------------------------------------------------


def test_front_matter_after_blank_lines_keeps_its_settings_and_lines() -> None:
    fm = split("\n\n---\ntitle: T\nbarriers: [powr]\n---\nBody\n", "docs/a.md")
    assert fm.data == {"title": "T", "barriers": ["powr"]}
    assert fm.line("barriers") == 5
    assert fm.body == "Body\n" and fm.body_line == 7
    assert [p.line for p in fm.problems] == [1]


def test_front_matter_below_text_is_reported_and_stays_text() -> None:
    text = "Intro line\n---\ntitle: T\nbarriers: []\n---\nBody\n"
    fm = split(text, "docs/a.md")
    assert fm.data == {} and fm.body == text
    assert [(p.line, p.message[:32]) for p in fm.problems] == [(2, "these settings are shown as text")]


@pytest.mark.parametrize(
    "text",
    [
        "Intro\n\n---\n\nNote: a rule, then text\n\n---\nMore\n",  # one 'key: value' line: text
        "# Title\n\nText\n\n---\n\nMore text\n",  # a rule, never closed
        "\n\nJust text\n",
    ],
)
def test_rules_in_a_page_are_not_taken_for_front_matter(text: str) -> None:
    fm = split(text, "docs/a.md")
    assert (fm.data, fm.problems, fm.body) == ({}, [], text)


def test_yaml_aliases_that_repeat_too_much_lose_only_their_settings() -> None:
    chain = "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "x"] * 10) + "]\n" for i in range(12)
    )
    _, data, problem = parse_yaml("title: Kept\n" + chain + "barriers: [*a11]\n", "docs/a.md", 2)
    assert data is not None and data["title"] == "Kept" and "barriers" not in data
    assert problem is not None and problem.line == 6  # a3: the first to name over 10,000 values
    assert "(and 9 more like it)" in problem.message


def test_a_value_inside_itself_is_left_out() -> None:
    _, data, problem = parse_yaml("title: T\nloop: &l [*l]\n", "docs/a.md", 2)
    assert data == {"title": "T"} and problem is not None and problem.line == 3


def test_a_few_aliases_are_fine() -> None:
    _, data, problem = parse_yaml("base: &b [power, capacity]\nbarriers: *b\nother: [*b, *b]\n", "x", 2)
    assert problem is None and data["barriers"] == ["power", "capacity"]


def test_a_raw_control_character_in_yaml_names_its_line() -> None:
    fm = split("---\ntitle: T\ndescription: a\x1fb\n---\n", "docs/a.md")
    assert [(p.line, p.message) for p in fm.problems] == [
        (3, "this line holds an invisible control character (U+001F), which YAML does not allow: delete it")
    ]


# --- Titles from headings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Tips &amp; <em>tricks</em>", "Tips & tricks"),
        ("Using snake_case and 2*3*4", "Using snake_case and 2*3*4"),
        ("The *real* [reasons](x.md) `why`", "The real reasons why"),
        ("**Bold** and __strong__ and _em_", "Bold and strong and em"),
        ("Code keeps `a_b*c*` and `&amp;`", "Code keeps a_b*c* and &amp;"),
        ("Escaped \\*stars\\* and \\_", "Escaped *stars* and _"),
        ("&lt;not a tag&gt; &#169; 2024", "<not a tag> \u00a9 2024"),
        ("A ![picture](p.png) caption", "A picture caption"),
        ("Bell\x07 gone", "Bell gone"),
    ],
)
def test_a_heading_title_is_its_text_as_the_reader_sees_it(heading: str, title: str) -> None:
    assert heading_text(heading) == title


# --- The screen: which files may be read ----------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "docs/sub").mkdir(parents=True)
    (root / "toolkit").mkdir()
    (root / "toolkit/a.md").write_text("A\n", encoding="utf-8")
    (tmp_path / "outside.md").write_text("Secret\n", encoding="utf-8")
    return root


def test_the_screen_allows_links_inside_the_repository(repo: Path) -> None:
    os.symlink("../toolkit/a.md", repo / "docs/a.md")
    os.symlink("../toolkit", repo / "docs/tools")
    screen = Screen(str(repo))
    docs = str(repo / "docs")
    assert screen.allows(str(repo / "docs/a.md"), docs)
    assert screen.allows(str(repo / "docs/tools/a.md"), docs)
    assert screen.problems == {}


def test_the_screen_refuses_each_bad_link_once(repo: Path) -> None:
    os.symlink("../../outside.md", repo / "docs/out.md")
    os.symlink("missing.md", repo / "docs/gone.md")
    os.symlink("..", repo / "docs/sub/up")
    screen = Screen(str(repo))
    docs = str(repo / "docs")
    assert not screen.allows(str(repo / "docs/out.md"), docs)
    assert not screen.allows(str(repo / "docs/gone.md"), docs)
    for depth in range(1, 4):
        assert not screen.allows(str(repo / "docs" / ("sub/up/" * depth) / "index.md"), docs)
    assert sorted(screen.problems) == ["docs/gone.md", "docs/out.md", "docs/sub/up"]
    assert "outside the repository (to '../../outside.md')" in screen.problems["docs/out.md"].message


def test_listing_a_source_folder_follows_good_links_and_skips_bad_ones(repo: Path) -> None:
    (repo / "shared").mkdir()
    (repo / "shared/s.md").write_text("S\n", encoding="utf-8")
    os.symlink("../shared", repo / "toolkit/shared")
    os.symlink(".", repo / "toolkit/again")
    os.symlink("../../outside.md", repo / "toolkit/out.md")
    (repo / os.fsdecode(b"toolkit/caf\xe9.md")).write_text("x", encoding="utf-8")
    screen = Screen(str(repo))
    assert list_files(str(repo / "toolkit"), screen=screen) == ["a.md", "shared/s.md"]
    assert sorted(screen.problems) == ["toolkit/again", "toolkit/caf\\xe9.md", "toolkit/out.md"]


# --- Authors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "safe"),
    [
        ("https://example.org/a.png", True),
        ("HTTP://example.org/a.png", True),
        ("images/ann.png", True),
        ("/images/ann.png", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:image/png;base64,xx", False),
        ("//evil.example/a.png", False),
        ("\\\\evil.example\\a.png", False),
        ("https:///nohost", False),
        ("", False),
    ],
)
def test_author_addresses_are_web_addresses_or_paths_on_the_site(address: str, safe: bool) -> None:
    assert safe_address(address) is safe


def test_an_author_written_twice_names_both_lines_and_the_later_counts(tmp_path: Path) -> None:
    path = tmp_path / "authors.yml"
    path.write_text("ann:\n  name: Ann\nbob:\n  name: Bob\nann:\n  name: Ann Two\n", encoding="utf-8")
    authors, problems, _ = read_authors(str(path), "posts/authors.yml")
    assert authors["ann"].name == "Ann Two"
    assert [(p.line, p.message[:42]) for p in problems] == [(5, "author id 'ann' is listed twice (first on ")]
    assert "(first on line 1)" in problems[0].message


# --- Theme keys -----------------------------------------------------------------------------


def test_templates_are_found_as_jinja_finds_them(tmp_path: Path) -> None:
    (tmp_path / "main.html").write_text("x", encoding="utf-8")
    (tmp_path / ".icons/set").mkdir(parents=True)
    (tmp_path / ".icons/set/star.svg").write_text("<svg/>", encoding="utf-8")
    dirs = [str(tmp_path / "missing"), str(tmp_path)]
    assert find_template(dirs, "main.html") and find_template(dirs, "./main.html")
    assert find_template(dirs, ".icons/set/star.svg")
    assert find_template(dirs, "../main.html") is None
    assert find_template(dirs, "") is None


def test_icons_are_not_checked_for_a_theme_without_them(tmp_path: Path) -> None:
    from dataclasses import replace

    spec = replace(SPEC, theme_dirs=(str(tmp_path),))
    fm = FrontMatter("docs/a.md", data={"icon": "anything/at-all", "template": "main.html"})
    (tmp_path / "main.html").write_text("x", encoding="utf-8")
    assert check_theme_keys(fm, spec) == []
    assert fm.data == {"icon": "anything/at-all", "template": "main.html"}


# --- Active content: the sanitiser, and what it says ------------------------------------------

EXTENSIONS = ["attr_list", "tables", "pymdownx.superfences", "toc"]


def _said(text: str, embeds: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    return [
        (text.count("\n", 0, r.offset) + 1, r.message.split(" is left")[0])
        for r in find_removed(text, EXTENSIONS, {}, embeds)
    ]


def test_active_content_is_left_out_and_its_lines_named() -> None:
    text = "Fine.\n\n<script>\nalert(1)\n</script>\nAfter <b onclick='x'>b</b>.\n\n[a](javascript:y)\n"
    published = sanitise(markdown.markdown(text, extensions=EXTENSIONS))
    assert "alert" not in published and "onclick" not in published and "javascript" not in published
    assert _said(text) == [
        (3, "the <script>"),
        (6, "the onclick= attribute of <b>"),
        (8, "the javascript: address"),
    ]


def test_an_allowed_iframe_stays_without_its_scripts() -> None:
    text = '<iframe src="https://player.example/v" onload="x()" srcdoc="<b>"></iframe>\n'
    published = sanitise(markdown.markdown(text), ["Player.Example"])
    assert published == '<iframe src="https://player.example/v"></iframe>'
    assert sorted(m for _, m in _said(text, ("player.example",))) == [
        "the onload= attribute of <iframe>",
        "the srcdoc= attribute of <iframe>",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://player.example\\@evil.example/v",
        "https://player.example@evil.example/v",
        "https://evil.example@player.example/v",
        "http://player.example/v",
        "//player.example/v",
        "https://player.example.evil.example/v",
    ],
)
def test_an_embed_from_an_allowed_host_in_disguise_is_left_out(url: str) -> None:
    assert "src" not in sanitise(f'<iframe src="{url}"></iframe>', ["player.example"])


@pytest.mark.parametrize(
    "text",
    [
        "```\n<script>alert(1)</script>\n```\n",
        "~~~ html\n<iframe src=x></iframe>\n~~~\n",
        "Para.\n\n    <script>alert(1)</script>\n",
        "Use `<b onclick=x>` and ``[a](javascript:b)``.\n",
    ],
)
def test_code_is_left_alone(text: str) -> None:
    assert _said(text) == []


def test_a_kind_of_problem_is_said_once_a_page_with_a_count() -> None:
    text = "".join(f"<b onclick=x>{i}</b>\n\n" for i in range(100))
    found = find_removed(text, EXTENSIONS, {}, ())
    assert [(r.message.split(" is left")[0], r.count) for r in found] == [
        ("the onclick= attribute of <b>", 100)
    ]


def test_plain_pages_are_not_converted_by_the_check() -> None:
    plain = (
        "# Title\n\nText with [a link](a.md), [another](https://example.org/) and `code`.\n\n<!-- more -->\n"
    )
    assert not might_hold_more(plain, EXTENSIONS)
    for text in (
        "<b>",
        "{onclick=x}",
        "[a](javascript:x)",
        "[a](&#106;avascript:x)",
        "![i](https://t.example/p.gif)",
    ):
        assert might_hold_more(plain + text, EXTENSIONS), text
    assert might_hold_more(plain, ["pymdownx.magiclink"])  # an extension whose HTML is not known


def test_a_flood_of_brackets_is_handed_on_as_text_and_shows_the_same() -> None:
    """Brackets that start no link cost Markdown the square of their number; written as
    ``&#91;`` they show the same, and a page without a flood is handed on as it is."""
    links = "[a](b.md) [^1] [x][y] [c [d](e.md)] ![i](j.png) \\[ (f) "
    ordinary = links * 200 + "`[k` " + "[" * 99 + "\n\n[^1]: note\n[y]: z.md\n"
    assert without_open_brackets(ordinary) == ordinary
    for flood in (
        links + "[" * 300 + " [a](b.md) " + "[[x](" * 300,
        "[" * 300 + "]" * 300 + "\n\n" + "[x](" * 300 + ")" * 300 + "\n\n" + links,
    ):
        handed_on = without_open_brackets(flood)
        assert handed_on.count("&#") > 300
        made = markdown.markdown(handed_on, extensions=["footnotes"])
        assert html.unescape(made) == html.unescape(markdown.markdown(flood, extensions=["footnotes"]))


# Texts that once took from seconds to hours (a parser or pattern whose work grew with the
# square or cube of the text), each made at a size ``n`` (the count of its repeated piece).
# Those with an ``onclick`` are converted by the check as by the build (Markdown's links).
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "unclosed comments": lambda n: "<!--" * n + " script",
    "unclosed tags": lambda n: "<a " * n + " onclick=x",
    "unclosed quotes": lambda n: '<a x="' * n + " script",
    "fences of every length": lambda n: "\n".join("`" * (3 + i % 500) for i in range(n)) + "\nscript",
    "backticks": lambda n: "`" * n + " script",
    "link openings": lambda n: "](" * n + "javascript:",
    "attributes": lambda n: "<a " + "x=1 " * n + "onclick=y>",
    "scripts": lambda n: "<script>" * n,
    "one long line": lambda n: "word <b>x</b> [a](b.md) " * n,
    "unclosed brackets": lambda n: '<i onclick=x>' + "[" * n + " script",
    "unclosed image openings": lambda n: '<i onclick=x>' + "![a" * n + " script",
    "unclosed addresses": lambda n: '<i onclick=x>' + "[x](" * n + " script",
    "nested brackets": lambda n: '<i onclick=x>' + "[" * n + "]" * n,
    "nested addresses": lambda n: '<i onclick=x>' + "[x](" * n + ")" * n,
}
# The larger size of each (about 100 KB of text), and how much smaller the other is.
SIZES = {
    "unclosed comments": 25_000,
    "unclosed tags": 30_000,
    "unclosed quotes": 15_000,
    "fences of every length": 20_000,
    "backticks": 100_000,
    "link openings": 50_000,
    "attributes": 25_000,
    "scripts": 12_000,
    "one long line": 4_000,
    "unclosed brackets": 20_000,
    "unclosed image openings": 12_000,
    "unclosed addresses": 12_000,
    "nested brackets": 20_000,
    "nested addresses": 10_000,
}
GROWTH = 8
# Work that grows with the text grows 8 times from one size to the other, with the square of
# it 64 times: a limit halfway between the two (on a log scale) tells them apart whatever the
# machine's speed, with room for noise on either side.
MOST_GROWTH = 24


def _check(text: str) -> list[object]:
    """What a page's text goes through that once took long (the heading is read from its
    first twentieth, as a page's first lines)."""
    text = without_open_brackets(without_open_tags(text))  # as the pipeline hands it to the engine
    found = find_removed(text, EXTENSIONS, {}, ()) if might_hold_more(text, EXTENSIONS) else []
    heading_text(text[: len(text) // 20])
    split(f"---\ntitle: x\n---\n{text}", "docs/a.md")
    return list(found)


def _work(text: str) -> float:
    """The CPU time (this process's, not the wall clock's: other programs do not count) of the
    cheapest of a few checks of ``text``, repeated until they add up to 50 ms, so that a pause
    of the collector or the machine in one of them does not count either."""
    times: list[float] = []
    gc.collect()
    gc.disable()
    try:
        while len(times) < 3 or (sum(times) < 0.05 and len(times) < 100):
            start = time.process_time()
            _check(text)
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(times)


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_no_text_makes_the_check_grow_faster_than_the_text(name: str) -> None:
    """A bound on work, not on time: the same check at two sizes, in one run, on one machine.
    Every text once took from seconds to hours; ``scripts`` grew with the square of the text
    until this test measured its growth (each finding's line was counted from the start)."""
    large = SIZES[name]
    small_text, large_text = PATHOLOGICAL[name](large // GROWTH), PATHOLOGICAL[name](large)
    assert len(_check(large_text)) <= 20
    growth = _work(large_text) / max(_work(small_text), 1e-6)
    assert growth < MOST_GROWTH, f"{name}: {GROWTH} times the text took {growth:.0f} times the work"


def _flooded_page(n: int) -> list[Problem]:
    """A page listing one term ``n`` times and ``n`` links to no file: its problems."""
    text = f"---\ntitle: x\nbarriers: [{', '.join(['power'] * n)}]\n---\n" + "".join(
        f"Text [x](gone-{i}.md) `code` text.\n" for i in range(n)
    )
    record, problems = make_record(
        split(text, "docs/a.md"), src_uri="a.md", url="a/", kind="guide", spec=SPEC, authors={}
    )
    return problems + check_links([record], {"a.md", *(f"page-{i}.md" for i in range(200))})


def test_a_flooded_page_says_each_kind_of_problem_once_and_in_linear_time() -> None:
    """Issue 22: 10,000 copies of a term printed 9,999 lines; 8,000 broken links took the check
    36 s, growing faster than their number (each link's code spans and line were found from
    the start of the page)."""
    problems = _flooded_page(8000)
    assert [p.message for p in problems if "power" in p.message] == [
        "barriers term 'power' is listed 8000 times: list it once"
    ]
    links = [p for p in problems if "gone-" in p.message or "more links" in p.message]
    assert len(links) == 5 and links[-1].message.startswith("7996 more links from this line on")
    times: dict[int, float] = {}
    for n in (500, 500 * GROWTH):
        best = []
        for _ in range(3):
            start = time.process_time()
            _flooded_page(n)
            best.append(time.process_time() - start)
        times[n] = min(best)
    growth = times[500 * GROWTH] / max(times[500], 1e-6)
    assert growth < MOST_GROWTH, f"{GROWTH} times the links took {growth:.0f} times the work"
