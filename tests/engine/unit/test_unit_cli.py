"""cli: ``python -m coproduction check`` on small sites in tmp_path (the real site's own
check is a test of its content: tests/site/test_real_site.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HANG, write_files
from coproduction.cli import main
from coproduction.core.pipeline import Site
from coproduction.mkdocs_plugin.check import load_site

CONFIG = """\
site_name: Small Toolkit
site_url: https://example.org/small/
docs_dir: docs
theme:
  name: material
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - coproduction:
      sources:
        posts: {dir: posts, kind: post}
        toolkit: {dir: toolkit, kind: tool}
      taxonomies:
        barriers:
          title: Barriers
          description: What holds co-production back.
          terms:
            power: {title: Power, description: Who decides.}
            leadership: {title: Leadership}
            capacity: {title: Capacity}
      authors: posts/authors.yml
      related: 3
      posts_per_page: 2
"""

CLEAN: dict[str, str | bytes] = {
    "docs/index.md": "---\ntitle: Home\nbarriers: []\n---\n# Home\n",
    "docs/guidance/sharing-power.md": (
        "---\ntitle: Sharing power\nbarriers: [power, leadership]\n---\nText.\n"
    ),
    "docs/principles/index.md": "---\nkind: principle\nbarriers: [capacity]\n---\n# Principles\n",
    "posts/authors.yml": "ann:\n  name: Ann Author\n  role: Peer researcher\nbob:\n  name: Bob\n",
    "posts/first-post.md": (
        "---\ntitle: First\ndate: 2020-01-02\nauthors: [ann]\nbarriers: [power]\n---\nHi.\n"
    ),
    "posts/second-post.md": (
        "---\ntitle: Second\ndate: 2021-03-04\nauthors: [ann, bob]\nbarriers: [capacity]\n---\n"
    ),
    "posts/third-post.md": (
        "---\ntitle: Third\ndate: 2022-05-06\nauthors: [bob]\nbarriers: [leadership]\n---\n"
    ),
    "toolkit/index.md": "# Toolkit\n",
    "toolkit/power-map.md": "---\ntitle: Power map\nbarriers: [power]\n---\nMap.\n<!-- handout -->\nMap.\n",
}

BROKEN: dict[str, str | bytes] = {
    # line 3 cannot be parsed
    "docs/guidance/bad-yaml.md": "---\ntitle: Fine\nsummary: this: breaks\n---\nText\n",
    # unknown term on line 5, unknown author on line 4
    "posts/typo.md": ("---\ntitle: Typo\ndate: 2021-01-01\nauthors: [anne]\nbarriers: [powr]\n---\nText\n"),
    # not UTF-8 on line 4
    "toolkit/latin1.md": b"---\ntitle: Latin-1\n---\ncaf\xe9\n",
    # takes the URL of a generated term page
    "docs/barriers/power.md": "---\ntitle: Power\nbarriers: [power]\n---\n",
    # a post without a date, its author file entry fine
    "posts/undated.md": "---\ntitle: Undated\nauthors: [bob]\nbarriers: [power]\n---\n",
}


def collect(config_file: str) -> Site:
    """The site as ``check`` loads it (through the engine's config loader and the pipeline)."""
    site, engine_messages = load_site(config_file)
    assert engine_messages == []
    return site


def write_site(root: Path, files: dict[str, str | bytes], config: str = CONFIG) -> Path:
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_files(root, files)
    return root / "mkdocs.yml"


@pytest.fixture(autouse=True)
def not_on_github(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_clean_site_exits_0_with_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site(tmp_path, CLEAN)
    assert main(["check", "-f", str(config)]) == 0
    out, err = capsys.readouterr()
    assert out == "No problems found in 8 pages.\n"
    assert err == ""


def test_problems_exit_1_sorted_with_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site(tmp_path, {**CLEAN, **BROKEN})
    assert main(["check", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    where = [line.split(": ", 1)[0] for line in lines[:-1]]
    assert where == [
        "docs/barriers/power.md:1",
        "docs/guidance/bad-yaml.md:3",
        "posts/typo.md:4",
        "posts/typo.md:5",
        "posts/undated.md:1",
        "toolkit/latin1.md:4",
    ]
    messages = dict(zip(where, (line.split(": ", 1)[1] for line in lines), strict=False))
    assert "already used by the generated page /barriers/power/" in messages[where[0]]
    assert "put the value in quotes" in messages["docs/guidance/bad-yaml.md:3"]
    assert "unknown author id 'anne'. Did you mean 'ann'?" in messages["posts/typo.md:4"]
    assert "unknown barriers term 'powr'. Did you mean 'power'?" in messages["posts/typo.md:5"]
    assert "a blog post needs a date" in messages["posts/undated.md:1"]
    assert "not UTF-8" in messages["toolkit/latin1.md:4"]
    # 13 Markdown files, one unreadable: 12 checked.
    assert lines[-1] == "6 problems in 5 files (12 pages checked)"


def test_one_problem_summary_is_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = "---\ntitle: Typo\ndate: 2021-01-01\nauthors: [ann]\nbarriers: [powr]\n---\n"
    config = write_site(tmp_path, {**CLEAN, "posts/typo.md": typo})
    assert main(["check", "-f", str(config)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 problem in 1 file (9 pages checked)"
    assert out[0].startswith("posts/typo.md:5: unknown barriers term 'powr'.")


def test_github_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    config = write_site(tmp_path, {**CLEAN, **BROKEN})
    assert main(["check", "-f", str(config)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith("::warning file=") for line in lines[:-1])
    assert lines[3].startswith(
        "::warning file=posts/typo.md,line=5::unknown barriers term 'powr'. Did you mean 'power'?"
    )
    assert lines[-1] == "6 problems in 5 files (12 pages checked)"


def test_github_annotation_escapes_commas_in_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GitHub workflow commands need "," (and ":") escaped as %2C (%3A) in property values.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    config = write_site(tmp_path, {**CLEAN, "toolkit/notes, part 1.md": "---\nbarriers: [powr]\n---\n"})
    assert main(["check", "-f", str(config)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("::warning file=toolkit/notes%2C part 1.md,line=2::")


def test_github_actions_other_values_print_plain_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    config = write_site(tmp_path, {**CLEAN, **BROKEN})
    main(["check", "-f", str(config)])
    assert capsys.readouterr().out.startswith("docs/barriers/power.md:1: ")


@pytest.mark.parametrize(
    ("taxonomies", "fragment"),
    [
        (
            "        Barriers: {title: B}\n",
            "taxonomy 'Barriers' must use only lower-case letters, digits and '-'",
        ),
        (
            "        barriers:\n          title: B\n          terms: [power]\n",
            "Sub-option 'terms': Expected a dict",
        ),
        (
            "        barriers:\n          title: B\n          terms:\n            power: {}\n",
            "Sub-option 'terms': Sub-option 'title': Required configuration not provided",
        ),
        (
            "        date: {title: Dates}\n",
            "taxonomy 'date' clashes with the front matter setting of the same name",
        ),
    ],
)
def test_bad_taxonomy_config_names_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], taxonomies: str, fragment: str
) -> None:
    config_text = CONFIG.split("      taxonomies:\n")[0] + "      taxonomies:\n" + taxonomies
    config = write_site(tmp_path, CLEAN, config_text)
    assert main(["check", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    prefix = f"{config}: Config value 'plugins': Plugin 'coproduction' option 'taxonomies': "
    assert err.startswith(prefix)
    # The offending key or sub-option is named right after the option.
    assert err[len(prefix) :].startswith(fragment), err
    assert "Traceback" not in err


def test_bad_number_option_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site(tmp_path, CLEAN, CONFIG.replace("related: 3", "related: -1"))
    assert main(["check", "-f", str(config)]) == 1
    assert "Plugin 'coproduction' option 'related': must be 0 or more, not -1" in capsys.readouterr().err


def test_plugin_not_configured(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site(tmp_path, CLEAN, "site_name: X\ntheme: {name: material}\nplugins:\n  - search\n")
    assert main(["check", "-f", str(config)]) == 1
    assert "coproduction plugin is not listed" in capsys.readouterr().err


def test_missing_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yml"
    assert main(["check", "-f", str(missing)]) == 1
    assert capsys.readouterr().err.startswith(f"{missing}: ")


def test_invalid_yaml_in_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site(tmp_path, CLEAN, "site_name: [oops\n")
    assert main(["check", "-f", str(config)]) == 1
    assert capsys.readouterr().err.startswith(f"{config}: ")


@pytest.mark.parametrize(
    "config_text",
    [
        "- just\n- a list\n",
        "site_name: X\nplugins:\n  - coproduction: [not, a, mapping]\n",
    ],
    ids=["config-is-a-list", "plugin-options-are-a-list"],
)
def test_malformed_config_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config_text: str
) -> None:
    config = write_site(tmp_path, CLEAN, config_text)
    assert main(["check", "-f", str(config)]) == 1
    assert capsys.readouterr().err.startswith(f"{config}: ")


def test_collect_reads_every_source_with_its_kind(tmp_path: Path) -> None:
    site = collect(str(write_site(tmp_path, CLEAN)))
    assert site.problems == []
    kinds = {p.src_uri: (p.path, p.kind) for p in site.records}
    assert kinds == {
        "index.md": ("docs/index.md", "guide"),
        "guidance/sharing-power.md": ("docs/guidance/sharing-power.md", "guide"),
        "principles/index.md": ("docs/principles/index.md", "principle"),
        "posts/first-post.md": ("posts/first-post.md", "post"),
        "posts/second-post.md": ("posts/second-post.md", "post"),
        "posts/third-post.md": ("posts/third-post.md", "post"),
        "toolkit/index.md": ("toolkit/index.md", "tool"),
        "toolkit/power-map.md": ("toolkit/power-map.md", "tool"),
    }
    assert sorted(site.indexes.authors) == ["ann", "bob"]
    assert [t.key for t in site.spec.taxonomies] == ["barriers"]
    assert site.spec.posts_per_page == 2


def test_drafts_and_future_posts_are_checked_too(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "posts/draft.md": "---\ntitle: D\ndate: 2020-01-01\nauthors: [ann]\ndraft: true\n"
        "barriers: [powr]\n---\n",
        "posts/future.md": "---\ntitle: F\ndate: 2999-01-01\nauthors: [zed]\n---\n",
    }
    site = collect(str(write_site(tmp_path, files)))
    assert [(p.path, p.line) for p in site.problems] == [
        ("posts/draft.md", 6),
        ("posts/future.md", 4),
    ]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "docs/.hidden.md": "---\nbarriers: [powr]\n---\n",
        "toolkit/.cache/x.md": "---\nbarriers: [powr]\n---\n",
        "toolkit/notes.txt": "not markdown: [powr]\n",
    }
    site = collect(str(write_site(tmp_path, files)))
    assert site.problems == []
    assert len(site.records) == 8


def test_two_files_one_url_across_docs_and_a_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The docs/ file is in the wrong place whichever came first: it is blamed, and the
    source folder's page keeps the address; FILES= on either file reports it (issue 21)."""
    files = {**CLEAN, "docs/toolkit/power-map.md": "---\ntitle: Also a map\n---\n"}
    config = write_site(tmp_path, files)
    expected = [
        "docs/toolkit/power-map.md:1: this file and toolkit/power-map.md are both published at "
        "/toolkit/power-map/, and pages under /toolkit/ belong in the 'toolkit' folder: move this "
        "one there, with a name of its own"
    ]
    for only in ([], ["docs/toolkit/power-map.md"], ["toolkit/power-map.md"]):
        assert main(["check", "-f", str(config), *only]) == 1
        assert capsys.readouterr().out.splitlines()[:-1] == expected
    site = collect(str(config))
    assert site.indexes.by_src_uri["toolkit/power-map.md"].path == "toolkit/power-map.md"


def test_module_entry_point_reports_problems(tmp_path: Path) -> None:
    config = write_site(tmp_path, {**CLEAN, **BROKEN})
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [sys.executable, "-m", "coproduction", "check", "--config-file", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=HANG,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "6 problems in 5 files (12 pages checked)"
    assert "Traceback" not in result.stderr


def test_usage_error_without_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "usage: python -m coproduction" in capsys.readouterr().err


def test_more_problems_than_github_shows_are_listed_in_the_job_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    handout = "<!-- handout -->\n"
    typos = {f"toolkit/t{i:02}.md": f"---\nbarriers: [powr]\n---\n{handout}" for i in range(12)}
    config = write_site(
        tmp_path, {**CLEAN, **typos, "toolkit/a|b.md": f"---\nbarriers: [leadrship]\n---\n{handout}"}
    )
    assert main(["check", "-f", str(config)]) == 1
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::warning")]
    assert len(annotations) == 13
    table = summary.read_text(encoding="utf-8")
    assert table.startswith("### 13 content problems\n")
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == 13
    assert "| `toolkit/t00.md` | 2 | unknown barriers term 'powr'. Did you mean 'power'?" in table
    assert "| `toolkit/a\\|b.md` | 2 |" in table  # a | in a file name does not break the table


def test_ten_problems_or_fewer_write_no_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    config = write_site(tmp_path, {**CLEAN, "toolkit/t.md": "---\nbarriers: [powr]\n---\n"})
    assert main(["check", "-f", str(config)]) == 1
    assert not summary.exists()


def test_new_writes_a_page_that_checks_clean_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_site(tmp_path, CLEAN)
    assert main(["new", "-f", str(config), "post", "Our first meeting", "--author", "bob"]) == 0
    made = tmp_path / "posts/our-first-meeting.md"
    text = made.read_text(encoding="utf-8")
    assert "authors:\n- bob\n" in text and "date: " in text
    assert main(["check", "-f", str(config)]) == 0
    capsys.readouterr()
    assert main(["new", "-f", str(config), "post", "Our first meeting"]) == 1
    assert "exists already" in capsys.readouterr().err
    assert made.read_text(encoding="utf-8") == text
    assert main(["new", "-f", str(config), "post", "Another", "--author", "zed"]) == 1
    assert "author 'zed' is not in posts/authors.yml" in capsys.readouterr().err


def test_new_writes_its_placeholders_in_the_sites_language(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, CLEAN, CONFIG.replace("  name: material\n", "  name: material\n  language: cy\n")
    )
    assert main(["new", "-f", str(config), "tool", "Map pwer"]) == 0
    text = (tmp_path / "toolkit/map-pwer.md").read_text(encoding="utf-8")
    assert "description: Un neu ddwy frawddeg syml am y dudalen hon" in text
    assert "<!-- Dewiswch dermau yn y blaenfater uchod (barriers: power, leadership, capacity). -->" in text
    # A tool's handout, marked, after the text (make check asks every tool for one).
    assert text.endswith(
        "\n\nYsgrifennwch yma.\n\n<!-- handout -->\n\n"
        "Ysgrifennwch y daflen yma: y ffurflen neu'r daflen y mae pobl yn ei chael.\n"
    )
    assert main(["check", "-f", str(config)]) == 0


@pytest.mark.parametrize(
    ("authors_file", "expected"),
    [
        # A tab: the file cannot be read, so no post is told its authors are unknown.
        ("ann:\n\tname: Ann Author\nbob:\n  name: Bob\n", ["posts/authors.yml:2"]),
        # Bob has no name, so he is left out: his posts are not told 'bob' is unknown, but a
        # typing mistake in a post still is.
        ("ann:\n  name: Ann Author\nbob:\n  role: Writer\n", ["posts/authors.yml:3", "posts/typo.md:4"]),
    ],
)
def test_a_mistake_in_the_authors_file_is_reported_once(
    tmp_path: Path, authors_file: str, expected: list[str]
) -> None:
    """Issue 21: at most one problem per mistake, however many posts name the authors."""
    typo = "---\ntitle: Typo\ndate: 2021-01-01\nauthors: [anne]\nbarriers: [power]\n---\nText\n"
    files = {**CLEAN, "posts/authors.yml": authors_file, "posts/typo.md": typo}
    if "\t" in authors_file:
        files["posts/typo.md"] = typo.replace("[anne]", "[ann]")
    site = collect(str(write_site(tmp_path, files)))
    assert [f"{p.path}:{p.line}" for p in site.problems] == expected
    assert site.indexes.by_src_uri["posts/third-post.md"].authors == ()  # bob's only post
