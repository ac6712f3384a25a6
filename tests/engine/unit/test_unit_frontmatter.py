"""frontmatter: split, read_text and parse_yaml, with file line numbers (``---`` is line 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from coproduction.core.frontmatter import parse_yaml, read_text, split
from coproduction.core.records import Problem


def test_valid_front_matter_gives_data_body_and_key_lines() -> None:
    text = "---\ntitle: Hello\ndescription: A page.\nbarriers:\n  - power\n  - capacity\n---\n\nBody\n"
    fm = split(text, "docs/a.md")
    assert fm.problems == []
    assert fm.data == {
        "title": "Hello",
        "description": "A page.",
        "barriers": ["power", "capacity"],
    }
    assert fm.body == "Body\n"
    assert fm.line("title") == 2
    assert fm.line("barriers") == 4
    assert fm.line("barriers", 0) == 5
    assert fm.line("barriers", 1) == 6
    # Unknown keys and no key fall back to the first YAML line and line 1.
    assert fm.line("missing") == 2
    assert fm.line() == 1


def test_dots_close_front_matter_like_mkdocs() -> None:
    fm = split("---\ntitle: Dots\n...\nBody\n", "docs/a.md")
    assert fm.problems == []
    assert fm.data == {"title": "Dots"}
    assert fm.body == "Body\n"


def test_no_front_matter_keeps_the_whole_text_as_body() -> None:
    text = "# Title\n\nText: with a colon\n"
    fm = split(text, "docs/a.md")
    assert fm.problems == []
    assert fm.data == {}
    assert fm.body == text


def test_invalid_yaml_reports_the_file_line() -> None:
    text = "---\ntitle: Fine\ndescription: Fine too\nsummary: a: b\n---\nBody\n"
    fm = split(text, "docs/a.md")
    assert len(fm.problems) == 1
    problem = fm.problems[0]
    assert (problem.path, problem.line) == ("docs/a.md", 4)
    assert problem.message == (
        "the value of 'summary' holds ': ', which YAML reads as the start of another setting: "
        'put the value in quotes, like summary: "a: b"'
    )
    assert fm.data == {}
    assert fm.body == "Body\n"


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: A\nbarriers: [power, leadership\n---\nBody\n",
        '---\ntitle: A\ndescription: "never closed\n---\nBody\n',
    ],
    ids=["unclosed-flow-list", "unclosed-quote"],
)
def test_unclosed_bracket_or_quote_names_its_own_line_not_the_closing_fence(text: str) -> None:
    # PyYAML notices at the end of the YAML (file line 4, the closing '---'); the mistake,
    # and the line a contributor must edit, is line 3.
    fm = split(text, "docs/a.md")
    assert [p.line for p in fm.problems] == [3]


def test_bad_indentation_reports_its_line() -> None:
    text = "---\ntitle: A\nbarriers:\n  - power\n - capacity\n---\n"
    fm = split(text, "docs/a.md")
    assert [p.line for p in fm.problems] == [5]


def test_unclosed_front_matter_is_reported_on_line_1() -> None:
    text = "---\ntitle: Never closed\n\n# Heading\n"
    fm = split(text, "docs/a.md")
    assert fm.problems == [
        Problem(
            "docs/a.md",
            1,
            "the front matter starts with '---' but has no closing '---' line: add a line with "
            "only '---' after the last setting",
        )
    ]
    assert fm.broken
    assert fm.data == {}
    assert fm.body == text


def test_empty_front_matter_block_is_not_silently_published() -> None:
    # MkDocs' pattern needs at least one line between the fences: the block would be text.
    fm = split("---\n---\nBody\n", "docs/a.md")
    assert fm.data == {}
    assert [p.line for p in fm.problems] == [1]


def test_list_front_matter_is_reported() -> None:
    fm = split("---\n- title\n- barriers\n---\nBody\n", "docs/a.md")
    assert fm.data == {}
    assert fm.problems == [
        Problem("docs/a.md", 2, "the front matter should be 'key: value' lines, one per setting")
    ]


def test_plain_text_front_matter_is_reported() -> None:
    fm = split("---\njust some words\n---\nBody\n", "docs/a.md")
    assert fm.data == {}
    assert [(p.line, "key: value" in p.message) for p in fm.problems] == [(2, True)]


def test_comment_only_front_matter_is_empty_and_fine() -> None:
    fm = split("---\n# nothing yet\n---\nBody\n", "docs/a.md")
    assert fm.problems == []
    assert fm.data == {}
    assert fm.body == "Body\n"


def test_duplicate_keys_are_reported_on_the_second_line() -> None:
    text = "---\ntitle: One\ndescription: D\ntitle: Two\n---\n"
    fm = split(text, "docs/a.md")
    assert fm.problems == [Problem("docs/a.md", 4, "'title' is set twice in the front matter: keep one")]
    assert fm.data["title"] == "Two"  # YAML keeps the last one
    assert fm.duplicate_keys() == [("title", 4)]


def test_line_of_a_duplicated_key_points_at_the_value_yaml_keeps() -> None:
    # YAML keeps the *last* 'barriers'; problems about its items must name that line.
    text = "---\nbarriers: [power]\ntitle: T\nbarriers: [powr]\n---\n"
    fm = split(text, "docs/a.md")
    assert fm.data["barriers"] == ["powr"]
    assert fm.line("barriers") == 4
    assert fm.line("barriers", 0) == 4


def test_bad_date_keeps_the_rest_of_the_front_matter() -> None:
    text = "---\ntitle: Leap\ndate: 2019-02-30\nbarriers: [power]\nauthors: [ann]\n---\nBody\n"
    fm = split(text, "posts/a.md")
    assert fm.problems == []
    assert fm.data == {
        "title": "Leap",
        "date": "2019-02-30",
        "barriers": ["power"],
        "authors": ["ann"],
    }
    assert fm.line("date") == 3


def test_dates_stay_text_for_the_checks_to_parse() -> None:
    fm = split("---\ndate: 2019-04-29\nreviewed: 2024-01-02 10:30:00\n---\n", "posts/a.md")
    assert fm.data == {"date": "2019-04-29", "reviewed": "2024-01-02 10:30:00"}
    assert not isinstance(fm.data["date"], dt.date)


def test_other_scalars_still_resolve() -> None:
    fm = split("---\ndraft: true\ncount: 3\nnothing: null\n---\n", "posts/a.md")
    assert fm.data == {"draft": True, "count": 3, "nothing": None}


@pytest.mark.parametrize(("first_line", "expected"), [(1, 2), (5, 6)])
def test_parse_yaml_uses_the_given_first_line(first_line: int, expected: int) -> None:
    node, data, problem = parse_yaml("a: 1\nb: [\n", "x.yml", first_line)
    assert node is None and data is None
    assert problem is not None
    assert problem.path == "x.yml"
    # The flow list opens on the text's second line: file line 2 when the text starts on
    # line 1, line 6 when it starts on line 5.
    assert problem.line == expected


@pytest.mark.parametrize(("first_line", "expected"), [(1, 2), (5, 6)])
def test_parse_yaml_counts_lines_from_the_given_first_line(first_line: int, expected: int) -> None:
    _, _, problem = parse_yaml("a: 1\nb: c: d\n", "x.yml", first_line)
    assert problem is not None
    assert (problem.path, problem.line) == ("x.yml", expected)
    assert 'put the value in quotes, like b: "c: d"' in problem.message


def test_parse_yaml_valid_gives_node_and_data() -> None:
    node, data, problem = parse_yaml("a: 1\nb: [x, y]\n", "x.yml", 1)
    assert problem is None
    assert data == {"a": 1, "b": ["x", "y"]}
    assert isinstance(node, yaml.MappingNode)


def test_parse_yaml_empty_text_is_no_data() -> None:
    assert parse_yaml("", "x.yml", 1) == (None, None, None)


def test_not_utf8_reports_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: Caf\xe9\n---\nBody\n")
    text, problem = read_text(str(path), "docs/a.md")
    assert text is None
    assert problem is not None
    assert (problem.path, problem.line) == ("docs/a.md", 2)
    assert "not UTF-8" in problem.message
    assert "0xe9" in problem.message


def test_not_utf8_on_a_later_body_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: A\n---\n\nfine\nstill fine\n\x93quoted\x94\n")
    _, problem = read_text(str(path), "docs/a.md")
    assert problem is not None
    assert problem.line == 7
    assert "0x93" in problem.message


def test_not_utf8_on_line_1(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xff\xfe# UTF-16 maybe\n")
    _, problem = read_text(str(path), "docs/a.md")
    assert problem is not None
    assert problem.line == 1
    assert "0xff" in problem.message


def test_not_utf8_after_a_byte_order_mark_reports_the_right_line_and_byte(tmp_path: Path) -> None:
    # A UTF-8 BOM, then a Latin-1 byte starting line 3: the offset must count the BOM's 3 bytes.
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\ntitle: A\n\xe9t\xe9: x\n---\n")
    _, problem = read_text(str(path), "docs/a.md")
    assert problem is not None
    assert problem.line == 3
    assert "0xe9" in problem.message


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\ntitle: Café\n---\nBody\n".encode())
    text, problem = read_text(str(path), "docs/a.md")
    assert problem is None
    assert text == "---\ntitle: Café\n---\nBody\n"
    assert split(text, "docs/a.md").data == {"title": "Café"}


def test_crlf_file_reads_like_lf(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\r\ntitle: Windows\r\nbarriers: [power]\r\n---\r\n\r\nBody\r\nMore\r\n")
    text, problem = read_text(str(path), "docs/a.md")
    assert problem is None
    assert text is not None
    assert "\r" not in text
    fm = split(text, "docs/a.md")
    assert fm.problems == []
    assert fm.data == {"title": "Windows", "barriers": ["power"]}
    assert fm.body == "Body\nMore\n"
    assert fm.line("barriers") == 3


def test_crlf_file_with_invalid_yaml_reports_the_right_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\r\ntitle: A\r\ndescription: B\r\nsummary: a: b\r\n---\r\n")
    text, _ = read_text(str(path), "docs/a.md")
    assert text is not None
    assert [p.line for p in split(text, "docs/a.md").problems] == [4]


def test_old_mac_line_endings_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\rtitle: Mac\r---\rBody\r")
    text, problem = read_text(str(path), "docs/a.md")
    assert problem is None
    assert text == "---\ntitle: Mac\n---\nBody\n"


# Issue 21: the everyday YAML mistakes are named as what they are, with their fix.
TAB = (
    "this line of the front matter is indented with a tab, which YAML does not allow: "
    "indent with spaces instead"
)
CURLY = (
    "this value is in curly quotes (\u201c \u201d or \u2018 \u2019), which YAML reads as ordinary text: "
    "use straight quotes \" or ' instead"
)


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        ("title: A\nbarriers:\n\t- power\n", 4, TAB),
        ("title: A\n\tdescription: B\n", 3, TAB),
        ("title: \u201cCo-production: a start\u201d\n", 2, CURLY + ', like title: "Co-production: a start"'),
        ("title: \u2018Co-production: a start\u2019\n", 2, CURLY + ', like title: "Co-production: a start"'),
        ('title: \u201cSay "hi": now\u201d\n', 2, CURLY + ", like title: 'Say \"hi\": now'"),
        (
            "title: Co-production: a start\n",
            2,
            "the value of 'title' holds ': ', which YAML reads as the start of another setting: "
            'put the value in quotes, like title: "Co-production: a start"',
        ),
        (
            "title: A\n\ndescription: Why: because\n",
            4,
            "the value of 'description' holds ': ', which YAML reads as the start of another setting: "
            'put the value in quotes, like description: "Why: because"',
        ),
    ],
)
def test_everyday_yaml_mistakes_are_named_with_their_fix(yaml_text: str, line: int, message: str) -> None:
    fm = split(f"---\n{yaml_text}---\nText.\n", "posts/a.md")
    assert fm.problems == [Problem("posts/a.md", line, message)]
    assert fm.broken and fm.data == {}


@pytest.mark.parametrize(
    "text", ["# Heading\n\nText.\n", "Text, with words.\n", "Note: this: that\n", "words\n"]
)
def test_a_missing_closing_line_read_up_to_a_later_rule_is_named_at_the_opening_line(text: str) -> None:
    """Without its closing '---', front matter runs on to the page's first '---' rule: the page's
    text is read as settings, and the message says what is missing, not what YAML tripped on."""
    fm = split(f"---\ntitle: A\ndate: 2020-01-01\n\n{text}\n---\n\nMore.\n", "posts/a.md")
    assert fm.problems == [
        Problem(
            "posts/a.md",
            1,
            "the front matter has no closing '---' line, so the page's text is read as settings: "
            "add a line with only '---' after the last setting (line 3)",
        )
    ]
    assert fm.broken


def test_a_blank_line_between_settings_is_not_a_missing_closing_line() -> None:
    fm = split("---\ntitle: A\n\nbarriers: [power\n---\nText.\n", "docs/a.md")
    assert len(fm.problems) == 1
    assert fm.problems[0].line == 4
    assert "not valid YAML" in fm.problems[0].message


def test_settings_below_text_are_broken_front_matter() -> None:
    fm = split("Some text\n---\ntitle: A\ndate: 2020-01-01\n---\nBody\n", "posts/a.md")
    assert [p.line for p in fm.problems] == [2]
    assert fm.broken


def test_good_and_empty_front_matter_is_not_broken() -> None:
    assert not split("---\ntitle: A\n---\nText.\n", "docs/a.md").broken
    assert not split("---\n---\nText.\n", "docs/a.md").broken
    assert not split("Text.\n", "docs/a.md").broken


def test_the_authors_file_names_a_tab_as_a_tab() -> None:
    _, _, problem = parse_yaml("ann:\n\tname: Ann\n", "posts/authors.yml", 1, "the authors file")
    assert problem == Problem(
        "posts/authors.yml",
        2,
        "this line of the authors file is indented with a tab, which YAML does not allow: "
        "indent with spaces instead",
    )
