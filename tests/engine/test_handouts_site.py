"""Issue 25: handouts and workshop packs. A tool's handout (between ``<!-- handout -->`` and
``<!-- end handout -->``) is published alone at ``<tool>/handout/``; each term gets a pack at
``/<taxonomy>/<term>/pack/`` with a cover, contents and the handout of each of its pages; pages
print on the paper ``paper_size`` names; ``make check`` reports a tool without a handout.
"""

from __future__ import annotations

import copy
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import BASE_CONFIG, Built, build_site, page, plugin_options, write_site
from coproduction.core.urls import beneath

EPOCH = "1767225600"  # 2026-01-01

FORM = page(
    {"title": "Claim form", "description": "Claim your costs.", "barriers": ["capacity", "power"]},
    """\
    Costs you had because you took part.

    ## Steps

    1. Hand out the form at the start.

    <!-- handout -->

    ## Your claim

    Name: ______________

    What did you spend? Read [the guide](../docs-guide.md) and [more](https://example.com/more).

    ___
    ___

    ## Signatures

    | Item | Amount |
    |---|---|
    | | |

    <!-- end handout -->

    ## Notes for staff

    Pay within a week.
    """,
)
SHEET = page(
    {"title": "A sheet", "barriers": ["power"]},
    """\
    ## At a glance

    Ten minutes.

    <!-- handout -->

    ## Signatures

    Signed: ______________
    """,
)


def _files() -> dict[str, str | bytes]:
    return {
        "toolkit/form.md": FORM,
        "toolkit/sheet.md": SHEET,
        "docs/docs-guide.md": page({"title": "A guide", "barriers": ["power"]}, "Guidance.\n"),
    }


def _config(**options: Any) -> dict[str, Any]:
    config = copy.deepcopy(BASE_CONFIG)
    plugin_options(config).update(options)
    return config


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_site(tmp_path, _files(), _config(licence="CC BY 4.0"))
    site = build_site(tmp_path, strict=True)
    assert site.warnings == []
    return site


def _links(html: str, url: str) -> set[str]:
    """Where the links of the page at ``url`` lead, from the site root."""
    found = set()
    for href in re.findall(r'href="([^"#:]+)"', html):
        target = posixpath.normpath(posixpath.join("/" + url, href)).lstrip("/")
        found.add(target + "/" if href.endswith("/") else target)
    return found


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_tools_handout_is_a_page_of_its_own_with_the_form_and_not_the_steps(built: Built) -> None:
    handout = built.content("toolkit/form/handout/")
    text = _text(handout)
    assert "<h1" in handout and "Claim form" in text
    assert "Your claim" in text and "Signatures" in text and "Name: ______________" in text
    assert "Steps" not in text and "Hand out the form" not in text and "Pay within a week" not in text
    # The small print: the site, the licence and where the handout is published.
    small = re.search(r'<p class="cp-small-print">(.*?)</p>', handout, re.DOTALL)
    assert small is not None
    assert _text(small.group(1)) == (
        "Test Toolkit. CC BY 4.0. https://example.org/toolkit/toolkit/form/handout/"
    )
    # Its links made for its own address, one folder deeper than the tool's.
    assert "docs-guide/" in _links(handout, "toolkit/form/handout/")
    assert 'href="https://example.com/more"' in handout
    assert 'class="headerlink"' not in handout  # permalinks lead back to the tool: none on paper
    back = re.search(r'<p class="cp-handout-back">(.*?)</p>', handout)
    assert back is not None and "Claim form" in back.group(1)
    assert _links(back.group(1), "toolkit/form/handout/") == {"toolkit/form/"}
    # Writing lines are the handout's rules.
    assert handout.count("<hr") == 2


def test_the_tool_page_links_to_its_handout_and_marks_it(built: Built) -> None:
    tool = built.content("toolkit/form/")
    link = re.search(r'<p class="cp-handout-link">(.*?)</p>', tool)
    assert link is not None and "Print the handout" in link.group(1)
    assert _links(link.group(1), "toolkit/form/") == {"toolkit/form/handout/"}
    inside = tool[tool.index('<div class="cp-handout">') :]
    assert inside.index("Your claim") < inside.index("</div>") or "Your claim" in inside
    before = tool[: tool.index('<div class="cp-handout">')]
    assert "Steps" in before and "Your claim" not in before
    # The handout ends where its end line is: the staff's notes come after it.
    assert "<!-- handout -->" not in tool and "<!-- end handout -->" not in tool
    assert tool.index("Notes for staff") > tool.index("Signatures")


def test_a_terms_pack_has_a_cover_contents_and_every_handout_of_the_term(built: Built) -> None:
    pack = built.content("barriers/power/pack/")
    text = _text(pack)
    assert "Workshop pack: Power" in text and "Who decides." in text  # the term's description
    assert "Made on 1 January 2026." in text  # the build date (SOURCE_DATE_EPOCH)
    contents = re.search(r'<ol class="cp-pack__contents">(.*?)</ol>', pack, re.DOTALL)
    assert contents is not None
    assert _text(contents.group(1)) == "A sheet Claim form"  # the term's list order: by title
    sheets = re.findall(r'<section class="cp-pack__sheet"', pack)
    assert len(sheets) == 2
    assert text.index("Signed:") < text.index("Your claim")
    assert "Pay within a week" not in text and "Ten minutes" not in text
    # Several handouts, no id twice; each handout's headings under its title.
    ids = re.findall(r'\sid="([^"]+)"', built.html("barriers/power/pack/"))
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert "<h3>Your claim</h3>" in pack
    # A term with one tool: its pack holds that one; a term without any: no pack.
    assert "Claim form" in _text(built.content("barriers/capacity/pack/"))
    assert not built.exists("barriers/diversity/pack/")


def test_the_term_page_links_to_its_pack_only_when_it_has_one(built: Built) -> None:
    assert "barriers/power/pack/" in _links(built.content("barriers/power/"), "barriers/power/")
    assert not [link for link in _links(built.content("barriers/diversity/"), "barriers/diversity/")
                if link.endswith("pack/")]  # fmt: skip


def test_pages_print_on_a4_unless_the_site_chooses_another_paper(tmp_path: Path) -> None:
    write_site(tmp_path, _files())
    built = build_site(tmp_path)
    assert "<style>@page { size: A4; }</style>" in built.html("toolkit/form/")
    write_site(tmp_path, _files(), _config(paper_size="letter"))
    built = build_site(tmp_path)
    for url in ("toolkit/form/", "toolkit/form/handout/", "barriers/power/pack/", ""):
        assert "<style>@page { size: letter; }</style>" in built.html(url), url


def test_handouts_and_packs_follow_the_sites_url_rule(tmp_path: Path) -> None:
    config = _config()
    config["use_directory_urls"] = False
    write_site(tmp_path, _files(), config)
    built = build_site(tmp_path, strict=True)
    assert (built.site / "toolkit/form/handout.html").is_file()
    assert (built.site / "barriers/power/pack.html").is_file()
    tool = (built.site / "toolkit/form.html").read_text(encoding="utf-8")
    assert 'form/handout.html"' in tool


def test_the_name_of_a_page_beneath_another() -> None:
    assert beneath("toolkit/form.md", "handout") == "toolkit/form/handout.md"
    assert beneath("toolkit/index.md", "handout") == "toolkit/handout.md"
    assert beneath("barriers/power.md", "pack") == "barriers/power/pack.md"
    assert beneath("index.md", "handout") == "handout.md"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("## Steps\n\nDo this.\n", 7, "this tool has no handout: put the line <!-- handout -->"),
        (
            "<!-- handout -->\n\n## Form\n\n- a\n\n    <!-- end handout -->\n",
            13,
            "the handout's marker line is indented: start it at the beginning of the line",
        ),
        (
            "<!-- handout -->\n\n## Form\n\n<!-- handout -->\n",
            11,
            "a second <!-- handout -->: a page has one handout (it started at line 7)",
        ),
        (
            "<!-- end handout -->\n\n<!-- handout -->\n\n## Form\n",
            7,
            "<!-- end handout --> with no <!-- handout --> above it",
        ),
    ],
)
def test_make_check_reports_a_tool_without_a_handout_and_misplaced_markers(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    write_site(tmp_path, {"toolkit/t.md": page({"title": "T", "barriers": ["power"]}, body)})
    built = build_site(tmp_path)
    found = [w for w in built.warnings if "toolkit/t.md" in w]
    assert len(found) == 1, built.warnings
    assert f"toolkit/t.md:{line}: {message}" in found[0]


def test_a_marker_in_a_code_example_is_not_a_handout(tmp_path: Path) -> None:
    guide = page(
        {"title": "How to", "barriers": []},
        "Write this:\n\n```markdown\n<!-- handout -->\n```\n",
    )
    write_site(tmp_path, {"docs/how.md": guide})
    built = build_site(tmp_path, strict=True)
    assert built.warnings == []
    assert not built.exists("how/handout/")


def test_a_pack_grows_with_the_handouts_of_its_term_never_with_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pack of a term is the same whatever else the site holds: 40 tools about another
    term change nothing in it (its article; the theme's navigation is the site's)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (tmp_path / "small").mkdir()
    (tmp_path / "large").mkdir()
    write_site(tmp_path / "small", _files())
    small = build_site(tmp_path / "small").content("barriers/power/pack/")
    others = {
        f"toolkit/other-{n}.md": page(
            {"title": f"Other {n}", "barriers": ["diversity"]}, f"<!-- handout -->\n\nSheet {n}.\n"
        )
        for n in range(40)
    }
    write_site(tmp_path / "large", {**_files(), **others})
    large = build_site(tmp_path / "large")
    assert large.content("barriers/power/pack/") == small
    assert large.content("barriers/diversity/pack/").count('class="cp-pack__sheet"') == 40
