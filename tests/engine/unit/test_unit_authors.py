"""authors.read_authors: the authors file, its problems and their lines."""

from __future__ import annotations

from pathlib import Path

from coproduction.core.authors import read_authors
from coproduction.core.records import Author, Problem

PATH = "posts/authors.yml"


def read(tmp_path: Path, text: str | bytes) -> tuple[dict[str, Author], list[Problem]]:
    file = tmp_path / "authors.yml"
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")
    authors, problems, _ = read_authors(str(file), PATH)
    return authors, problems


def test_valid_file(tmp_path: Path) -> None:
    authors, problems = read(
        tmp_path,
        "alex-fox:\n"
        "  name: Alex Fox\n"
        "  role: CEO of Shared Lives Plus\n"
        "  description: Writes about power.\n"
        "  avatar: img/alex.png\n"
        "roy_curtis2:\n"
        "  name: Roy Curtis\n",
    )
    assert problems == []
    assert authors == {
        "alex-fox": Author(
            "alex-fox",
            "Alex Fox",
            role="CEO of Shared Lives Plus",
            description="Writes about power.",
            avatar="img/alex.png",
        ),
        "roy_curtis2": Author("roy_curtis2", "Roy Curtis"),
    }
    assert list(authors) == ["alex-fox", "roy_curtis2"]
    assert authors["alex-fox"].src_uri == "authors/alex-fox.md"


def test_missing_file_means_no_authors(tmp_path: Path) -> None:
    assert read_authors(str(tmp_path / "nope.yml"), PATH) == ({}, [], None)


def test_empty_file_means_no_authors(tmp_path: Path) -> None:
    assert read(tmp_path, "# nobody yet\n") == ({}, [])


def test_missing_name(tmp_path: Path) -> None:
    authors, problems = read(
        tmp_path,
        "ann:\n  name: Ann\nbob:\n  role: Writer\ncat:\ndee: Dee Smith\n",
    )
    assert list(authors) == ["ann"]
    assert problems == [
        Problem(PATH, 3, "author 'bob' needs a name: add '  name: Their Name'"),
        Problem(PATH, 5, "author 'cat' needs a name: add '  name: Their Name'"),
        Problem(PATH, 6, "author 'dee' needs a name: add '  name: Their Name'"),
    ]


def test_bad_id(tmp_path: Path) -> None:
    authors, problems = read(tmp_path, "Alex Fox:\n  name: Alex Fox\nok:\n  name: OK\n-dash:\n  name: Dash\n")
    assert list(authors) == ["ok"]
    assert problems == [
        Problem(PATH, 1, "author id 'Alex Fox' should use only lower-case letters, digits and '-'"),
        Problem(PATH, 5, "author id '-dash' should use only lower-case letters, digits and '-'"),
    ]


def test_unknown_field_names_its_own_line_and_keeps_the_author(tmp_path: Path) -> None:
    authors, problems = read(
        tmp_path,
        "ann:\n  name: Ann\nbob:\n  name: Bob\n  role: Writer\n  twitter: '@bob'\n",
    )
    assert problems == [
        Problem(
            PATH,
            6,
            "author 'bob' has an unknown setting 'twitter' (use name, role, description, avatar)",
        )
    ]
    assert authors["bob"] == Author("bob", "Bob", role="Writer")


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    authors, problems = read(tmp_path, "ann:\n  name: Ann\nbob:\n  name: Bob: the writer\n")
    assert authors == {}
    assert len(problems) == 1
    assert problems[0].path == PATH
    assert problems[0].line == 4  # the authors file has no '---': its line 1 is YAML line 1
    assert 'put the value in quotes, like name: "Bob: the writer"' in problems[0].message


def test_not_a_mapping(tmp_path: Path) -> None:
    assert read(tmp_path, "- ann\n- bob\n") == (
        {},
        [Problem(PATH, 1, "the authors file should map each author id to their details")],
    )


def test_not_utf8(tmp_path: Path) -> None:
    authors, problems = read(tmp_path, b"ann:\n  name: Ann\nbob:\n  name: Bj\xf6rn\n")
    assert authors == {}
    assert [(p.line, "not UTF-8" in p.message) for p in problems] == [(4, True)]


def test_null_values_are_left_at_their_default(tmp_path: Path) -> None:
    authors, problems = read(tmp_path, "ann:\n  name: Ann\n  role:\n")
    assert problems == []
    assert authors["ann"].role == ""
