"""Issue 24: the Easy Read rules, on the pages that are the ``easy_read:`` target of another.

Each case is an Easy Read page that breaks one rule: ``make check`` and a strict build give
its ``path:line: message`` with the fix, both fail, and nothing prints a traceback. The same
text on a page that is not an Easy Read page is no problem.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from bad_input import GOOD
from test_bad_input import check, problems_of, strict_build

from conftest import BASE_CONFIG, page, plugin_options, tool, write_site

PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="3"/></svg>\n'
GLOSSARY = page(
    {"title": "Glossary", "barriers": []},
    "Words and what they mean.\n\n## Commissioners\n\nPeople who pay for services.\n\n## Ally\n\nA helper.\n",
)
EASY = "docs/easy-read/guide.md"
FRONT = {"title": "Easy Read: the guide", "barriers": ["power"], "kind": "guide"}
FIRST = page(FRONT, "MARK\n").splitlines().index("MARK") + 1
"""The line of the Easy Read page's body where each case's text starts (after the front matter)."""
GOOD_BODY = "![Two people talking](talking.svg)\nWe talk.\nWe listen.\n"
PICTURE_FIX = (
    "this block of text has no picture: put a picture with alt text on the line above its first "
    "line, like ![Two people talking](pictures/talking.svg)"
)


class Case(NamedTuple):
    id: str
    body: str
    expected: list[str]
    """Each ``{n}`` is the line of the body's n-th line (from 0)."""


CASES = [
    Case(
        "sentence-over-15-words",
        "![Two people talking](talking.svg)\nWe talk.\n"
        "We talk about the plan for the service and who will do each of the jobs next year.\n",
        [
            "{2}: a sentence of 18 words: Easy Read sentences have 15 words or fewer, so split it "
            "in two or say it more simply"
        ],
    ),
    Case(
        "two-sentences-on-a-line",
        "![Two people talking](talking.svg)\nWe talk. We listen.\n",
        ["{1}: 2 sentences on one line: put each sentence on a line of its own"],
    ),
    Case(
        "text-without-a-picture",
        GOOD_BODY + "\n## More\n\nThis has no picture.\n",
        ["{6}: " + PICTURE_FIX],
    ),
    Case(
        "list-without-a-picture",
        GOOD_BODY + "\n- one\n- two\n",
        ["{4}: " + PICTURE_FIX],
    ),
    Case(
        "picture-without-alt-text",
        "![](talking.svg)\nWe talk.\n",
        [
            "{0}: this picture has no alt text: say what it shows between the square brackets, "
            "like ![A pound note](pictures/money.svg)"
        ],
    ),
    Case(
        "html-picture-without-alt-text",
        '<img src="talking.svg">\nWe talk.\n',
        [
            "{0}: this picture has no alt text: say what it shows between the square brackets, "
            "like ![A pound note](pictures/money.svg)"
        ],
    ),
    Case(
        "list-right-under-its-picture",
        "![Two people talking](talking.svg)\n- one\n- two\n",
        [
            "{1}: a list or table right under a picture is read as text: leave an empty line "
            "between the picture and the list"
        ],
    ),
    Case(
        "difficult-word-not-explained",
        GOOD_BODY + "\n![A bank](talking.svg)\nThe commissioners pay.\n",
        [
            "{5}: 'Commissioners' is a difficult word: explain it on this page (\"**Commissioners** "
            'means ...") or link it to the glossary, like [Commissioners](../glossary.md)'
        ],
    ),
]


def _write(root: Path, body: str, *, options: dict[str, Any] | None = None, **front: Any) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    plugin_options(config).update(options or {})
    files = {
        **GOOD,
        # The guide names its Easy Read version: that page is held to the rules.
        "docs/guidance/good.md": page(
            {"title": "Good guide", "barriers": ["power"], "easy_read": "easy-read/guide.md"}
        ),
        "docs/glossary.md": GLOSSARY,
        "docs/easy-read/talking.svg": PICTURE,
        EASY: page({**FRONT, **front}, body),
    }
    write_site(root, files, config)


def _lines(case_lines: list[str], path: str = EASY) -> list[str]:
    return [f"{path}:" + line.format(*range(FIRST, FIRST + 40)) for line in case_lines]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # plain lines, not annotations
    root = tmp_path / "repo"
    root.mkdir()
    return root


def test_the_fixture_page_starts_its_body_where_the_cases_say(repo: Path) -> None:
    _write(repo, GOOD_BODY)
    lines = (repo / EASY).read_text(encoding="utf-8").splitlines()
    assert lines[FIRST - 1] == "![Two people talking](talking.svg)"


def test_a_good_easy_read_page_has_no_problem(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(
        repo,
        GOOD_BODY
        + "\n![A helper](talking.svg)\nAn **ally** helps you.\n"
        + "\n![A bank](talking.svg)\n\n- [Commissioners](../glossary.md#commissioners) pay.\n- We say yes.\n",
    )
    code, lines, printed = check(repo, capsys)
    assert (code, lines) == (0, [])
    assert "Traceback" not in printed
    assert strict_build(repo)[:2] == (0, [])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_rule_gives_its_line_and_fix_in_check_and_build(
    case: Case, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo, case.body)
    assert problems_of(repo, capsys) == _lines(case.expected)
    # The page is still built, as Easy Read.
    assert 'class="md-content cp-er"' in (repo / "site/easy-read/guide/index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_rules_hold_only_easy_read_pages(
    case: Case, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo, case.body)
    guide = repo / "docs/guidance/good.md"
    guide.write_text(page({"title": "Good guide", "barriers": ["power"]}), encoding="utf-8")
    assert check(repo, capsys)[:2] == (0, [])


def test_the_difficult_words_are_configurable(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = GOOD_BODY + "\n![A bank](talking.svg)\nThe commissioners pay.\nWe set the budget.\n"
    _write(repo, body, options={"easy_read_words": ["budget"]})
    fix = "or link it to the glossary, like [budget](../glossary.md)"
    assert check(repo, capsys)[:2] == (
        1,
        [
            f"{EASY}:{FIRST + 6}: 'budget' is a difficult word: explain it on this page "
            f'("**budget** means ...") {fix}'
        ],
    )


def test_an_easy_read_tool_filed_as_a_guide_is_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo, GOOD_BODY)
    (repo / "toolkit/good.md").write_text(
        tool({"title": "Good tool", "barriers": ["capacity"], "easy_read": "easy-read/tool.md"}),
        encoding="utf-8",
    )
    (repo / "docs/easy-read/tool.md").write_text(
        page({**FRONT, "title": "Easy tool"}, GOOD_BODY), encoding="utf-8"
    )
    assert check(repo, capsys)[:2] == (
        1,
        [
            "docs/easy-read/tool.md:1: this is the Easy Read version of toolkit/good.md, tool: say so "
            "with kind: tool in its front matter, so it is listed with the other tools"
        ],
    )


def test_checked_by_that_is_not_a_list_of_names_and_dates(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same rule as ``reviewed_by:`` (one parser): each checker named, with a date."""
    _write(repo, GOOD_BODY, checked_by=[{"name": "Riverside Self-Advocates"}, {"date": "2026-12-01"}, "Sam"])
    lines = (repo / EASY).read_text(encoding="utf-8").splitlines()
    first = lines.index("checked_by:") + 2  # the first entry's line
    example = "checked_by: [{name: Riverside Self-Advocates, date: 2026-12-01}]"
    assert check(repo, capsys)[:2] == (
        1,
        [
            f"{EASY}:{first}: checked_by 'Riverside Self-Advocates' needs a date, like 'date: 2026-12-01'",
            f"{EASY}:{first + 1}: this checked_by entry names nobody: add 'name:' (the person or group "
            "who checked the page) or remove the entry",
            f"{EASY}:{first + 2}: each checked_by entry should be a name and a date, like {example}",
        ],
    )
