"""checks: make_record's problems and lines, check_urls, suggest and parse_date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from unit_support import SPEC, make_page

from conftest import HANG
from coproduction.core.checks import check_urls, link_targets, make_record, parse_date, suggest
from coproduction.core.frontmatter import split
from coproduction.core.records import Author, PageRecord, Problem
from coproduction.core.settings import KindSpec, SiteSpec
from coproduction.core.sources import oldest_first

AUTHORS = {
    "alex-fox": Author("alex-fox", "Alex Fox", role="CEO"),
    "roy-curtis": Author("roy-curtis", "Roy Curtis"),
}


def record(
    text: str,
    *,
    spec: SiteSpec = SPEC,
    path: str = "docs/page.md",
    kind: str = "guide",
    src_uri: str | None = None,
) -> tuple[PageRecord, list[Problem]]:
    uri = src_uri or path.split("/", 1)[1]
    return make_record(
        split(text, path),
        src_uri=uri,
        url=uri[:-3] + "/",
        kind=kind,
        spec=spec,
        authors=AUTHORS,
    )


def post(front: str) -> tuple[PageRecord, list[Problem]]:
    return record(f"---\n{front}---\nBody\n", path="posts/a.md", kind="post")


def lines(problems: list[Problem]) -> list[int]:
    return [p.line for p in problems]


# --- suggest and parse_date -------------------------------------------------------------


def test_suggest_names_the_closest_word() -> None:
    assert suggest("powr", ["power", "leadership"]) == " Did you mean 'power'?"
    assert suggest("Leadershp", ["power", "leadership"]) == " Did you mean 'leadership'?"


def test_suggest_is_empty_when_nothing_is_close() -> None:
    assert suggest("zebra", ["power", "leadership"]) == ""
    assert suggest("power", []) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-04-29", dt.date(2019, 4, 29)),
        ("2019-04-29 10:30", dt.date(2019, 4, 29)),
        ("2019-04-29T10:30:00", dt.date(2019, 4, 29)),
        (" 2020-02-29 ", dt.date(2020, 2, 29)),
        (dt.date(2019, 4, 29), dt.date(2019, 4, 29)),
        (dt.datetime(2019, 4, 29, 23, 59), dt.date(2019, 4, 29)),
    ],
)
def test_parse_date_accepts_real_dates(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["2019-02-30", "2019-13-01", "2019-4-29", "29/04/2019", "April 2019", "", 20190429, None],
)
def test_parse_date_rejects_everything_else(value: object) -> None:
    assert parse_date(value) is None


# --- terms -------------------------------------------------------------------------------


def test_unknown_term_in_a_block_list_names_its_line_and_the_closest_term() -> None:
    text = "---\ntitle: A\nbarriers:\n  - leadership\n  - powr\n---\n"
    page, problems = record(text)
    assert problems == [
        Problem(
            "docs/page.md",
            5,
            "unknown barriers term 'powr'. Did you mean 'power'? "
            "Known terms: power, leadership, diversity, capacity",
        )
    ]
    assert page.terms == {"barriers": ("leadership",)}


def test_unknown_term_in_a_flow_list_names_the_list_line() -> None:
    text = "---\ntitle: A\ndescription: D\nbarriers: [leadership, powr]\n---\n"
    page, problems = record(text)
    assert lines(problems) == [4]
    assert "unknown barriers term 'powr'." in problems[0].message
    assert "Did you mean 'power'?" in problems[0].message
    assert page.terms == {"barriers": ("leadership",)}


def test_unknown_term_without_a_close_match_lists_the_known_terms() -> None:
    _, problems = record("---\nbarriers: [zebra]\n---\n")
    assert len(problems) == 1
    assert "Did you mean" not in problems[0].message
    assert problems[0].message.endswith("Known terms: power, leadership, diversity, capacity")


def test_term_that_is_not_text() -> None:
    text = "---\nbarriers:\n  - power\n  - 42\n  - {a: b}\n---\n"
    page, problems = record(text)
    assert lines(problems) == [4, 5]
    assert problems[0].message.startswith("barriers term 42 is not text")
    assert "{'a': 'b'} is not text" in problems[1].message
    assert page.terms == {"barriers": ("power",)}


def test_duplicate_term_is_reported_once_and_kept_once() -> None:
    text = "---\nbarriers:\n  - power\n  - capacity\n  - power\n---\n"
    page, problems = record(text)
    assert problems == [Problem("docs/page.md", 5, "barriers term 'power' is listed twice")]
    assert page.terms == {"barriers": ("power", "capacity")}


def test_lone_term_string_is_accepted_with_a_warning() -> None:
    page, problems = record("---\ntitle: A\nbarriers: power\n---\n")
    assert problems == [
        Problem("docs/page.md", 3, "'barriers' should be a list: write barriers: [power, leadership]")
    ]
    assert page.terms == {"barriers": ("power",)}


def test_lone_unknown_term_string_gets_both_warnings_on_its_line() -> None:
    page, problems = record("---\nbarriers: powr\n---\n")
    assert lines(problems) == [2, 2]
    assert "should be a list" in problems[0].message
    assert "Did you mean 'power'?" in problems[1].message
    assert page.terms == {"barriers": ()}


def test_terms_as_a_mapping_are_rejected() -> None:
    page, problems = record("---\nbarriers: {power: yes}\n---\n")
    assert lines(problems) == [2]
    assert "should be a list of text" in problems[0].message
    assert page.terms == {"barriers": ()}


def test_valid_terms_are_kept_when_others_are_invalid() -> None:
    text = "---\nbarriers: [capacity, powr, 7, power, capacity, diversty]\n---\n"
    page, problems = record(text)
    assert len(problems) == 4
    assert page.terms == {"barriers": ("capacity", "power")}


def test_terms_keep_front_matter_order() -> None:
    page, _ = record("---\nbarriers: [capacity, power, leadership]\n---\n")
    assert page.terms["barriers"] == ("capacity", "power", "leadership")


def test_untagged_when_the_taxonomy_key_is_absent() -> None:
    page, problems = record("---\ntitle: A\n---\n")
    assert problems == []
    assert page.untagged == ("barriers",)
    assert page.terms == {"barriers": ()}


def test_empty_term_list_is_tagged_on_purpose() -> None:
    page, problems = record("---\ntitle: A\nbarriers: []\n---\n")
    assert problems == []
    assert page.untagged == ()
    assert page.terms == {"barriers": ()}


def test_no_front_matter_at_all_is_untagged() -> None:
    page, problems = record("# Just a page\n")
    assert problems == []
    assert page.untagged == ("barriers",)
    assert page.title == "Just a page"


# --- posts: date and authors -------------------------------------------------------------


def test_valid_post() -> None:
    page, problems = post("title: P\ndate: 2019-04-29\nauthors: [alex-fox, roy-curtis]\nbarriers: [power]\n")
    assert problems == []
    assert page.kind == "post"
    assert page.is_post
    assert page.date == dt.date(2019, 4, 29)
    assert page.authors == ("alex-fox", "roy-curtis")
    assert page.meta["date"] == dt.date(2019, 4, 29)  # page.meta gets a real date


def test_post_without_date() -> None:
    page, problems = post("title: P\nauthors: [alex-fox]\n")
    assert problems == [Problem("posts/a.md", 1, "a blog post needs a date: add 'date: YYYY-MM-DD'")]
    assert page.date is None


def test_post_with_an_impossible_date_keeps_everything_else() -> None:
    page, problems = post("title: Leap\ndate: 2019-02-30\nauthors: [alex-fox]\nbarriers: [power]\n")
    assert problems == [
        Problem(
            "posts/a.md",
            3,
            "date '2019-02-30' is not a real date: write it as YYYY-MM-DD, like 2019-04-29",
        )
    ]
    assert page.date is None
    assert page.title == "Leap"
    assert page.authors == ("alex-fox",)
    assert page.terms == {"barriers": ("power",)}


@pytest.mark.parametrize("value", ["29/04/2019", "2019-4-29", "yesterday", "20190429"])
def test_post_with_a_badly_written_date(value: str) -> None:
    _, problems = post(f"title: P\ndate: {value}\nauthors: [alex-fox]\n")
    assert lines(problems) == [3]
    assert "is not a real date" in problems[0].message


def test_post_without_authors() -> None:
    page, problems = post("title: P\ndate: 2019-04-29\n")
    assert problems == [Problem("posts/a.md", 1, "a blog post needs authors: add 'authors: [your-id]'")]
    assert page.authors == ()


def test_unknown_author_with_suggestion() -> None:
    page, problems = post("title: P\ndate: 2019-04-29\nauthors:\n  - roy-curtis\n  - alex-fx\n")
    assert problems == [
        Problem(
            "posts/a.md",
            6,
            "unknown author id 'alex-fx'. Did you mean 'alex-fox'? "
            "Add the author to the authors file or use an id from it",
        )
    ]
    assert page.authors == ("roy-curtis",)


def test_lone_author_string_is_accepted_with_a_warning() -> None:
    page, problems = post("title: P\ndate: 2019-04-29\nauthors: alex-fox\n")
    assert lines(problems) == [4]
    assert "'authors' should be a list" in problems[0].message
    assert page.authors == ("alex-fox",)


def test_date_and_authors_are_optional_for_other_kinds() -> None:
    page, problems = record("---\ntitle: Guide\n---\n")
    assert problems == []
    assert page.date is None
    assert page.authors == ()


def test_kind_post_in_front_matter_makes_date_and_authors_required() -> None:
    page, problems = record("---\ntitle: A\nkind: post\n---\n")
    assert page.kind == "post"
    assert sorted(p.message.split(":")[0] for p in problems) == [
        "a blog post needs a date",
        "a blog post needs authors",
    ]


# --- kind, title, other settings ---------------------------------------------------------


def test_kind_defaults_from_the_folder_and_front_matter_overrides() -> None:
    tool, _ = record("---\ntitle: T\n---\n", path="toolkit/t.md", kind="tool")
    assert tool.kind == "tool"
    principle, problems = record("---\ntitle: P\nkind: principle\n---\n")
    assert problems == []
    assert principle.kind == "principle"


def test_unknown_kind_is_reported_and_the_folder_kind_kept() -> None:
    page, problems = record("---\ntitle: A\nkind: princple\n---\n")
    assert problems == [
        Problem(
            "docs/page.md",
            3,
            "unknown kind 'princple'. Did you mean 'principle'? Kinds: guide, principle, tool, post",
        )
    ]
    assert page.kind == "guide"


def test_title_from_the_first_heading_without_markup() -> None:
    text = "---\ndescription: D\n---\n\nIntro\n\n# The *real* [reasons](x.md) `why`\n\n# Second\n"
    page, problems = record(text)
    assert problems == []
    assert page.title == "The real reasons why"


@pytest.mark.parametrize(
    "body",
    [
        "Intro\n\n```bash\n# install the tools\npip install x\n```\n\n# Real title\n",
        "# Real title {#real .special}\n\nText\n",
        "Real title\n==========\n\nText\n",
    ],
    ids=["comment-in-fenced-code", "attr-list", "setext-heading"],
)
def test_title_is_the_heading_markdown_renders_as_h1(body: str) -> None:
    # MkDocs titles such a page "Real title" (its first rendered <h1>); listings, feeds
    # and the cross-index must use the same title.
    page, _ = record("---\ndescription: D\n---\n" + body, path="docs/some-page.md")
    assert page.title == "Real title"


def test_title_in_front_matter_wins_over_the_heading() -> None:
    page, _ = record("---\ntitle: Front\n---\n# Heading\n")
    assert page.title == "Front"


def test_title_from_the_file_name_without_a_heading() -> None:
    page, _ = record("Just text\n## Not a title\n", path="docs/meeting-agreement.md")
    assert page.title == "Meeting agreement"
    index, _ = record("Text\n", path="docs/guidance/index.md")
    assert index.title == "Guidance"


def test_title_that_is_a_list_is_reported() -> None:
    page, problems = record("---\ntitle: [a, b]\n---\n# Heading\n")
    assert problems == [Problem("docs/page.md", 2, "'title' should be plain text, not a list")]
    assert page.title == "Heading"


def test_unknown_key_close_to_a_known_one() -> None:
    page, problems = record("---\ntitle: A\nbarrier: [power]\n---\n")
    assert problems == [Problem("docs/page.md", 3, "unknown setting 'barrier'. Did you mean 'barriers'?")]
    assert page.untagged == ("barriers",)


def test_unknown_key_close_to_one_of_ours() -> None:
    _, problems = record("---\ntitel: A\ndescripton: B\n---\n")
    assert [p.message for p in problems] == [
        "unknown setting 'titel'. Did you mean 'title'?",
        "unknown setting 'descripton'. Did you mean 'description'?",
    ]
    assert lines(problems) == [2, 3]


def test_unrelated_and_theme_keys_are_left_alone() -> None:
    text = "---\ntitle: A\nhide: [toc]\ntags: [x]\ncolour: red\n---\n"
    _, problems = record(text)
    assert problems == []


def test_draft_must_be_true_or_false() -> None:
    page, problems = post("title: P\ndate: 2019-04-29\nauthors: [alex-fox]\ndraft: maybe\n")
    assert problems == [Problem("posts/a.md", 5, "draft should be true or false")]
    assert page.draft is True  # when unsure, keep it out


def test_reviewed_and_easy_read() -> None:
    page, problems = record("---\ntitle: A\nreviewed: 2026-11-26\neasy_read: easy-read/a.md\n---\n")
    assert problems == []
    assert page.reviewed == dt.date(2026, 11, 26)
    assert page.easy_read == "easy-read/a.md"


def test_bad_reviewed_date() -> None:
    page, problems = record("---\ntitle: A\nreviewed: 2026-02-30\n---\n")
    assert lines(problems) == [3]
    assert problems[0].message.startswith("reviewed '2026-02-30' is not a real date")
    assert page.reviewed is None


def test_front_matter_problems_come_first_and_the_body_is_kept() -> None:
    page, problems = record("---\ntitle: A\ntitle: B\n---\nBody text\n")
    assert problems == [Problem("docs/page.md", 3, "'title' is set twice in the front matter: keep one")]
    assert page.title == "B"
    assert page.body == "Body text\n"
    assert page.meta == {"title": "B"}
    # A problem the record finds later comes after the front matter's own, even on an
    # earlier line.
    page, problems = record("---\nbarriers: [powr]\ntitle: A\ntitle: B\n---\nBody text\n")
    assert problems == [
        Problem("docs/page.md", 4, "'title' is set twice in the front matter: keep one"),
        Problem(
            "docs/page.md",
            2,
            "unknown barriers term 'powr'. Did you mean 'power'? "
            "Known terms: power, leadership, diversity, capacity",
        ),
    ]
    assert page.title == "B"
    assert page.body == "Body text\n"


def test_unknown_term_under_a_duplicated_key_names_the_line_yaml_kept() -> None:
    text = "---\nbarriers: [power]\ntitle: T\nbarriers: [powr]\n---\n"
    _, problems = record(text)
    assert sorted(problems) == [
        Problem("docs/page.md", 4, "'barriers' is set twice in the front matter: keep one"),
        Problem(
            "docs/page.md",
            4,
            "unknown barriers term 'powr'. Did you mean 'power'? "
            "Known terms: power, leadership, diversity, capacity",
        ),
    ]


def test_problem_prints_as_path_line_message() -> None:
    assert str(Problem("posts/a.md", 7, "oops")) == "posts/a.md:7: oops"
    assert sorted([Problem("b.md", 1, "x"), Problem("a.md", 9, "x"), Problem("a.md", 2, "y")]) == [
        Problem("a.md", 2, "y"),
        Problem("a.md", 9, "x"),
        Problem("b.md", 1, "x"),
    ]


# --- check_urls --------------------------------------------------------------------------


def test_two_pages_claiming_one_url() -> None:
    first = make_page("posts/a/", path="docs/posts/a.md")
    second = make_page("posts/a/", path="posts/a.md")
    other = make_page("posts/b/", path="posts/b.md")
    assert check_urls([first, other, second], {}) == [
        Problem(
            "posts/a.md",
            1,
            "the URL /posts/a/ is already used by docs/posts/a.md: rename or move this file",
        )
    ]


def test_a_page_claiming_a_generated_url() -> None:
    page = make_page("barriers/power/", path="docs/barriers/power.md")
    problems = check_urls([page], {"barriers/power/": "the generated page /barriers/power/"})
    assert problems == [
        Problem(
            "docs/barriers/power.md",
            1,
            "the URL /barriers/power/ is already used by the generated page /barriers/power/: "
            "rename or move this file",
        )
    ]


def test_three_pages_one_url_reports_the_last_two() -> None:
    pages = [make_page("x/", path=f"{n}.md") for n in ("a", "b", "c")]
    assert [p.path for p in check_urls(pages, {})] == ["b.md", "c.md"]


def test_distinct_urls_have_no_problems() -> None:
    assert check_urls([make_page("a/"), make_page("b/")], {"c/": "generated"}) == []


def test_a_duplicate_url_names_the_other_file_for_files_filters() -> None:
    """``make check FILES=<the older file>`` reports the problem too: it names that file."""
    pages = [make_page("x/", path="toolkit/x/index.md"), make_page("x/", path="toolkit/x.md")]
    assert [p.about for p in check_urls(pages, {})] == [("toolkit/x/index.md",)]
    generated = make_page("barriers/power/", path="docs/barriers/power.md")
    assert [p.about for p in check_urls([generated], {"barriers/power/": "generated"})] == [()]


def _git(root: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args]
    subprocess.run(command, cwd=root, check=True, capture_output=True, timeout=HANG)


def test_oldest_first_without_git_keeps_the_listing_order(tmp_path: Path) -> None:
    assert oldest_first(["b.md", "a.md"], str(tmp_path)) == ["b.md", "a.md"]


def test_oldest_first_follows_git_not_the_listing_order(tmp_path: Path) -> None:
    """Commits are counted, not their times: both commits here fall in the same second."""
    (tmp_path / "x").mkdir()
    (tmp_path / "x/index.md").write_text("old\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "first")
    (tmp_path / "x.md").write_text("new\n", encoding="utf-8")
    assert oldest_first(["x.md", "x/index.md"], str(tmp_path)) == ["x/index.md", "x.md"]  # not committed
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "second")
    assert oldest_first(["x.md", "x/index.md"], str(tmp_path)) == ["x/index.md", "x.md"]
    # Added in one commit, git cannot tell them apart: the listing order decides.
    (tmp_path / "y.md").write_text("y\n", encoding="utf-8")
    (tmp_path / "z.md").write_text("z\n", encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "third")
    assert oldest_first(["z.md", "y.md"], str(tmp_path)) == ["z.md", "y.md"]


# --- source: what a summary summarises -------------------------------------------------


SOURCE = (
    "---\ntitle: A summary\nsource:\n  title: The real piece\n  author: Alex Fox\n"
    "  published: 2019-04-29\n  where: his blog\n  url: https://example.org/piece\n---\nText\n"
)


def test_a_full_source_is_kept() -> None:
    page, problems = record(SOURCE)
    assert problems == []
    assert page.source is not None
    assert (
        page.source.title,
        page.source.author,
        page.source.published,
        page.source.where,
        page.source.url,
    ) == (
        "The real piece",
        "Alex Fox",
        dt.date(2019, 4, 29),
        "his blog",
        "https://example.org/piece",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("  url: https://example.org/piece\n", "  url: javascript:alert(1)\n"),
        ("  published: 2019-04-29\n", "  published: 2019-02-30\n"),
        ("  where: his blog\n", "  wher: his blog\n"),
    ],
    ids=["url-not-http", "published-not-a-date", "unknown-setting"],
)
def test_a_bad_source_value_is_a_problem_on_the_source_line_and_left_out(change: str, message: str) -> None:
    page, problems = record(SOURCE.replace(change, message))
    assert lines(problems) == [3]
    assert page.source is not None
    assert page.source.url in ("", "https://example.org/piece")
    assert "javascript" not in page.source.url
    text = problems[0].message
    if "url" in message:
        assert "should start with https:// or http://" in text and page.source.url == ""
    elif "published" in message:
        assert "is not a date" in text and page.source.published is None
    else:
        assert "unknown source setting 'wher'. Did you mean 'where'?" in text


def test_a_source_without_author_is_a_problem_and_no_source() -> None:
    page, problems = record("---\ntitle: A\nsource:\n  title: Only a title\n---\n")
    assert lines(problems) == [3]
    assert "'source' needs author" in problems[0].message
    assert page.source is None


def test_a_source_that_is_not_settings() -> None:
    page, problems = record("---\ntitle: A\nsource: a blog post by someone\n---\n")
    assert lines(problems) == [3]
    assert page.source is None


@pytest.mark.parametrize(
    ("body", "targets"),
    [
        ("[a](one.md) and ![b](img/two.png).\n", ("guidance/one.md", "guidance/img/two.png")),
        ("Text.\n\n[a]: one.md\n  [b]: <../two.md>\n[^note]: not a link.\n", ("guidance/one.md", "two.md")),
        ("[a](one.md), then [b][c].\n\n[c]: three.md\n", ("guidance/one.md", "guidance/three.md")),
        ("No links: [just brackets] and (parentheses).\n", ()),
    ],
)
def test_link_targets_finds_inline_and_reference_links_alike(body: str, targets: tuple[str, ...]) -> None:
    """Each kind of link is looked for only where its mark (``](`` or ``]:``) is in the page."""
    page, _ = record(f"---\ntitle: Links\n---\n{body}", path="docs/guidance/links.md")
    assert link_targets(page) == targets


# Issue 21: front matter that cannot be read is the one problem of its page.
@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: A\nauthors:\n\t- alex-fox\n---\nText.\n",  # a tab
        "---\ntitle: \u201cA: b\u201d\ndate: 2020-01-01\n---\nText.\n",  # curly quotes
        "---\ntitle: A: b\ndate: 2020-01-01\n---\nText.\n",  # an unquoted colon
        "---\ntitle: A\ndate: 2020-01-01\n\n# A\n\nText.\n",  # no closing '---'
        "---\ntitle: A\ndate: 2020-01-01\n\n# A\n\nText.\n\n---\n\nMore.\n",  # ... read to a rule
        "Text above\n---\ntitle: A\ndate: 2020-01-01\n---\nText.\n",  # settings below text
        "---\n- a list\n---\nText.\n",  # not settings
    ],
)
def test_a_post_whose_front_matter_breaks_has_that_one_problem(front: str) -> None:
    page, problems = make_record(
        split(front, "posts/a.md"),
        src_uri="posts/a.md",
        url="posts/a/",
        kind="post",
        spec=SPEC,
        authors=AUTHORS,
    )
    assert len(problems) == 1, problems
    assert "needs" not in problems[0].message
    assert page.dated and page.date is None


@pytest.mark.parametrize(
    ("front", "line", "start"),
    [
        ("barriers: [\u201cpower\u201d]", 5, "unknown barriers term '\u201cpower\u201d'."),
        ("authors: [\u2018alex-fox\u2019]", 4, "unknown author id '\u2018alex-fox\u2019'."),
    ],
)
def test_a_value_in_curly_quotes_is_named_so(front: str, line: int, start: str) -> None:
    text = "title: P\ndate: 2019-04-29\nauthors: [alex-fox]\nbarriers: [power]\n"
    key = front.split(":", 1)[0]
    text = "".join(f"{front}\n" if row.startswith(key) else f"{row}\n" for row in text.splitlines())
    _, problems = post(text)
    assert [(p.line, p.message.split(" It is")[0]) for p in problems] == [(line, start)]
    assert (
        " It is in curly quotes (\u201c \u201d or \u2018 \u2019), which YAML keeps as part of the "
        "text: write " in (problems[0].message)
    )


def test_a_date_in_curly_quotes_is_named_so() -> None:
    _, problems = post("title: P\ndate: \u201c2019-04-29\u201d\nauthors: [alex-fox]\n")
    assert problems == [
        Problem(
            "posts/a.md",
            3,
            "date '\u201c2019-04-29\u201d' is not a real date: write it as YYYY-MM-DD, like 2019-04-29. "
            "It is in curly quotes (\u201c \u201d or \u2018 \u2019), which YAML keeps as part of the "
            "text: write 2019-04-29 without them, or in straight quotes \" or '.",
        )
    ]


@pytest.mark.parametrize(("excused", "reported"), [(frozenset(), 2), (frozenset({"bob"}), 1), (None, 0)])
def test_author_ids_the_authors_file_cannot_give_are_not_reported_again(
    excused: frozenset[str] | None, reported: int
) -> None:
    """``bob`` is in the authors file with a problem of his own (or the file cannot be read):
    that problem is the one; a post naming him is built without him."""
    page, problems = make_record(
        split("---\ntitle: P\ndate: 2020-01-01\nauthors: [alex-fox, bob, ann]\n---\nText.\n", "posts/a.md"),
        src_uri="posts/a.md",
        url="posts/a/",
        kind="post",
        spec=SPEC,
        authors=AUTHORS,
        excused_authors=excused,
    )
    assert page.authors == ("alex-fox",)
    assert len(problems) == reported
    assert all("unknown author id 'ann'" in p.message or "'bob'" in p.message for p in problems)


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: P\ndte: 2019-04-29\nauthors: [alex-fox]\n", "unknown setting 'dte'. Did you mean 'date'?"),
        (
            "title: P\ndate: 2019-04-29\nauthor: [alex-fox]\n",
            "unknown setting 'author'. Did you mean 'authors'?",
        ),
    ],
)
def test_a_misspelt_date_or_authors_is_not_also_missing(front: str, message: str) -> None:
    """Issue 21: one mistake, one problem: the misspelling, not also "a post needs ..."."""
    _, problems = post(front)
    assert [(p.line, p.message) for p in problems] == [(3 if "dte" in front else 4, message)]


def test_messages_name_the_page_s_own_kind() -> None:
    kinds = (
        *SPEC.kinds,
        KindSpec("event", "Event", "Events", dated=True),
        KindSpec("faq", "FAQ", "FAQs", True),
    )
    spec = dataclasses.replace(SPEC, kinds=kinds)
    for kind, who in (("event", "an event"), ("faq", "a FAQ")):
        _, problems = record("---\ntitle: E\n---\nBody\n", spec=spec, kind=kind)
        assert [p.message for p in problems] == [
            f"{who} needs a date: add 'date: YYYY-MM-DD'",
            f"{who} needs authors: add 'authors: [your-id]'",
        ]


def test_a_landing_page_of_a_dated_folder_is_never_dated() -> None:
    page, problems = make_record(
        split("---\ntitle: Stories\n---\nOur stories.\n", "posts/index.md"),
        src_uri="posts/index.md",
        url="posts/",
        kind="post",
        spec=SPEC,
        authors=AUTHORS,
        landing=True,
    )
    assert problems == []
    assert (page.dated, page.landing, page.is_post) == (False, True, False)
