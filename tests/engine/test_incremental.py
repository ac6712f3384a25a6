"""Issue 14: an incremental build (``mkdocs build --dirty``, as ``make serve`` runs it) writes
exactly what a clean build of the same sources writes, after every kind of edit.

Each step edits the fixture site, builds it incrementally into its site folder, builds it
cleanly into another, and compares every file byte for byte (``SOURCE_DATE_EPOCH`` fixed).
The sequence covers the edits the issue names; the property test draws random sequences.

Issue 22: the same after a build stopped half way (``kill -9``, Ctrl-C), part of the site
folder deleted or changed, a download replaced by an older file, a template edited keeping
its size and time, another build's record, and two builds at once.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AUTHORS, BASE_CONFIG, ENGINE, build_site, page, plugin_options, write_site

# isort: split
from mkdocs import utils
from mkdocs.commands.build import build as engine_build
from mkdocs.config import load_config

from coproduction.mkdocs_plugin import incremental

EPOCH = "1767225600"  # 2026-01-01: every fixture post is in the past
TERMS = ("power", "leadership", "diversity", "capacity")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n% the first form\n%%EOF\n"
STORY_KINDS = {
    "guide": {"title": "Guide", "plural": "Guidance"},
    "principle": {"title": "Principle", "plural": "Principles"},
    "tool": {"title": "Tool", "plural": "Tools"},
    "post": {"title": "Blog post", "plural": "Blog posts", "dated": True},
    "story": {"title": "Story", "plural": "Stories", "dated": True},
}


def _config() -> dict[str, Any]:
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"]["custom_dir"] = "overrides"
    # A nav of sections, as real sites have: pages outside it change no other page's nav.
    config["nav"] = [{"Home": "index.md"}, {"Guidance": "guidance/index.md"}, {"Blog": "posts/index.md"}]
    return config


def _post(title: str, day: str, terms: list[str], authors: list[str], body: str) -> str:
    return page({"title": title, "date": day, "authors": authors, "barriers": terms}, body)


def _files() -> dict[str, str | bytes]:
    body = "An opening line.\n\n<!-- more -->\n\nThe rest of the post, with a [guide](../guidance/a.md).\n"
    files: dict[str, str | bytes] = {
        "posts/authors.yml": AUTHORS,
        "docs/guidance/index.md": page({"title": "Guidance", "barriers": []}, "Our guides.\n"),
        "docs/guidance/a.md": page(
            {"title": "Sharing power", "barriers": ["power"], "easy_read": "easy/a.md"},
            "Read [the first post](../posts/one.md) and see ![a chart](../chart.png).\n",
        ),
        "docs/easy/a.md": page(
            {"title": "Sharing power: Easy Read", "barriers": ["power"]},
            "![A chart](../chart.png)\nShort words.\n",
        ),
        # An Easy Read page only while another page's front matter names it (``easy_read_named``).
        "docs/easy/b.md": page(
            {"title": "Our guides: Easy Read", "barriers": []},
            "![A chart](../chart.png)\nOne line.\nTwo lines.\n",
        ),
        "docs/chart.png": PNG,
        "docs/files/form.pdf": PDF,
        "toolkit/checklist.md": page(
            {"title": "A checklist", "barriers": ["power", "capacity"]},
            "Tick what is true.\n\n<!-- handout -->\n\n## Checklist\n\n- [ ] One\n\n"
            "<!-- end handout -->\n\nNotes for staff.\n",
        ),
        "overrides/.keep": "",
    }
    posts = [
        ("one", "2024-03-01", ["power"], ["ann"]),
        ("two", "2024-06-01", ["power", "leadership"], ["bob"]),
        ("three", "2025-01-10", ["diversity"], ["ann", "bob"]),
        ("four", "2025-02-10", ["power", "diversity"], ["ann"]),
        ("five", "2025-05-10", ["capacity"], ["bob"]),
    ]
    for slug, day, terms, authors in posts:
        files[f"posts/{slug}.md"] = _post(f"Post {slug}", day, terms, authors, body)
    return files


def _front(root: Path, rel: str) -> tuple[dict[str, Any], str]:
    text = (root / rel).read_text(encoding="utf-8")
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


def _set_front(root: Path, rel: str, **changes: Any) -> None:
    meta, body = _front(root, rel)
    meta.update(changes)
    (root / rel).write_text(page(meta, "") + body.lstrip("\n"), encoding="utf-8")


def _config_edit(root: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _posts(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "posts").glob("*.md"))


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _pages(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*.html")}


def _same_as_clean(root: Path, step: str) -> set[str]:
    """Build incrementally and cleanly; fail on any difference. The HTML files the
    incremental build wrote (the engine writes every page through ``utils.write_file``)."""
    written: set[str] = set()
    write_file = utils.write_file

    def spy(content: bytes, path: str) -> None:
        written.add(os.path.relpath(path, root / "site"))
        write_file(content, path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(utils, "write_file", spy)
        incremental = build_site(root, dirty=True)
    assert not [w for w in incremental.warnings if "dirty" in w], incremental.warnings
    _site_is_clean(root, step)
    return {name for name in written if name.endswith(".html")}


def _site_is_clean(root: Path, step: str) -> None:
    """Fail if the site folder differs in any way from a clean build into another folder."""
    clean = build_site(root, site_dir=root / "clean")
    got, want = _tree(root / "site"), _tree(clean.site)
    assert sorted(got.keys() - want.keys()) == [], f"after {step}: files a clean build does not write"
    assert sorted(want.keys() - got.keys()) == [], f"after {step}: files missing"
    differ = sorted(name for name in want if got[name] != want[name])
    assert differ == [], f"after {step}: these files differ from a clean build"
    shutil.rmtree(root / "clean")


# Each edit: (name, function of the site's root and a number that picks what to edit).
def body_edit(root: Path, n: int) -> None:
    rel = f"posts/{_posts(root)[n % len(_posts(root))]}"
    with open(root / rel, "a", encoding="utf-8") as f:
        f.write(f"\nOne more paragraph, number {n}.\n")


def excerpt_edit(root: Path, n: int) -> None:
    rel = f"posts/{_posts(root)[n % len(_posts(root))]}"
    text = (root / rel).read_text(encoding="utf-8")
    (root / rel).write_text(
        text.replace("<!-- more -->", f"More words {n}.\n\n<!-- more -->", 1), encoding="utf-8"
    )


def title_change(root: Path, n: int) -> None:
    _set_front(root, f"posts/{_posts(root)[n % len(_posts(root))]}", title=f"A new title {n}")


def term_added(root: Path, n: int) -> None:
    rel = f"posts/{_posts(root)[n % len(_posts(root))]}"
    terms = _front(root, rel)[0].get("barriers", [])
    extra = next((t for t in TERMS[n % 4 :] + TERMS if t not in terms), None)
    _set_front(root, rel, barriers=[*terms, extra] if extra else terms)


def term_removed(root: Path, n: int) -> None:
    rel = f"posts/{_posts(root)[n % len(_posts(root))]}"
    terms = _front(root, rel)[0].get("barriers", [])
    _set_front(root, rel, barriers=terms[:-1] if len(terms) > 1 else terms)


def date_moved(root: Path, n: int) -> None:
    _set_front(root, f"posts/{_posts(root)[n % len(_posts(root))]}", date=f"{2021 + n % 3}-0{1 + n % 9}-15")


def post_renamed(root: Path, n: int) -> None:
    old = root / "posts" / _posts(root)[n % len(_posts(root))]
    old.rename(old.with_name(f"renamed-{n}-{old.name}"))


def post_deleted(root: Path, n: int) -> None:
    if len(_posts(root)) > 2:
        (root / "posts" / _posts(root)[n % len(_posts(root))]).unlink()


def post_added(root: Path, n: int) -> None:
    (root / "posts" / f"added-{n}.md").write_text(
        _post(
            f"Added {n}", f"2025-0{1 + n % 9}-20", [TERMS[n % 4]], ["ann"], "New.\n\n<!-- more -->\n\nMore.\n"
        ),
        encoding="utf-8",
    )


def author_added(root: Path, n: int) -> None:
    authors = yaml.safe_load((root / "posts/authors.yml").read_text(encoding="utf-8"))
    authors[f"new{n}"] = {"name": f"New Author {n}"}
    (root / "posts/authors.yml").write_text(yaml.safe_dump(authors), encoding="utf-8")
    _set_front(root, f"posts/{_posts(root)[n % len(_posts(root))]}", authors=[f"new{n}"])


def author_renamed(root: Path, n: int) -> None:
    authors = yaml.safe_load((root / "posts/authors.yml").read_text(encoding="utf-8"))
    authors["ann"]["name"] = f"Ann Renamed {n}"
    (root / "posts/authors.yml").write_text(yaml.safe_dump(authors), encoding="utf-8")


def term_title_changed(root: Path, n: int) -> None:
    def change(config: dict[str, Any]) -> None:
        plugin_options(config)["taxonomies"]["barriers"]["terms"][TERMS[n % 4]]["title"] = f"Term {n}"

    _config_edit(root, change)


def template_overridden(root: Path, n: int) -> None:
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ super() }}<p>Override '
        + str(n)
        + "</p>{% endblock %}",
        encoding="utf-8",
    )


def guide_linked(root: Path, n: int) -> None:
    """A page's link to a file that comes and goes: the image is deleted, or put back."""
    image = root / "docs" / "chart.png"
    if image.exists():
        image.unlink()
    else:
        image.write_bytes(PNG)


def saved_unchanged(root: Path, n: int) -> None:
    """Saved again without a change: the engine alone would rebuild it; nothing changes."""
    path = root / "posts" / _posts(root)[n % len(_posts(root))]
    path.write_bytes(path.read_bytes())
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))


def story_added(root: Path, n: int) -> None:
    """A story in a second dated folder, made a source (with its landing page) the first time."""

    def add_stories(config: dict[str, Any]) -> None:
        options = plugin_options(config)
        options["kinds"] = {**STORY_KINDS}
        options["sources"]["stories"] = {"dir": "stories", "kind": "story"}

    if not (root / "stories").is_dir():
        _config_edit(root, add_stories)
        (root / "stories").mkdir()
        (root / "stories/index.md").write_text(
            page({"title": "Stories", "barriers": []}, "What happened.\n"), encoding="utf-8"
        )
    (root / "stories" / f"story-{n}.md").write_text(
        _post(
            f"Story {n}",
            f"202{n % 5}-0{1 + n % 9}-12",
            [TERMS[n % 4]],
            ["bob"],
            "Told.\n\n<!-- more -->\n\nMore.\n",
        ),
        encoding="utf-8",
    )


def another_story(root: Path, n: int) -> None:
    """A story once the folder is a source: an incremental build, unlike the first."""
    story_added(root, n + 100)


def story_retitled(root: Path, n: int) -> None:
    stories = sorted((root / "stories").glob("story-*.md")) if (root / "stories").is_dir() else []
    if stories:
        _set_front(root, str(stories[n % len(stories)].relative_to(root)), title=f"Retold {n}")


def landing_edited(root: Path, n: int) -> None:
    """A section's landing text and title: above its list, and in the title of its later pages."""
    (root / "toolkit/index.md").write_text(
        page({"title": f"Our tools {n}", "barriers": []}, f"Tools, edit {n}.\n"), encoding="utf-8"
    )


def tool_added(root: Path, n: int) -> None:
    """A tool: in its section's list, by title (two a page in the fixture), and its handout
    in the pack of its term (the first of a term's makes its pack)."""
    (root / "toolkit" / f"tool-{n}.md").write_text(
        page({"title": f"Tool {n}", "barriers": [TERMS[n % 4]]}, f"<!-- handout -->\n\nSheet {n}.\n"),
        encoding="utf-8",
    )


def easy_read_named(root: Path, n: int) -> None:
    """A page names its Easy Read version, or stops: that page's layout (its template, its
    line breaks) and the pages that list it change, not the page's own file."""
    meta, _ = _front(root, "docs/guidance/index.md")
    _set_front(root, "docs/guidance/index.md", easy_read=None if meta.get("easy_read") else "easy/b.md")


def easy_read_home(root: Path, n: int) -> None:
    """The home page names its Easy Read version, or stops: every Easy Read page links to it."""
    home = root / "docs/index.md"
    meta, _ = _front(root, "docs/index.md") if home.exists() else ({}, "")
    if meta.get("easy_read"):
        home.write_text(page({"title": "Home", "barriers": []}, "Welcome.\n"), encoding="utf-8")
    else:
        home.write_text(
            page({"title": "Home", "barriers": [], "easy_read": "easy/b.md"}, "Welcome.\n"), encoding="utf-8"
        )


def handout_edited(root: Path, n: int) -> None:
    """A tool's handout: its page, its handout's page and the packs of its terms."""
    path = root / "toolkit/checklist.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<!-- end handout -->", f"- [ ] Item {n}\n\n<!-- end handout -->"), "utf-8")


EDITS: dict[str, Callable[[Path, int], None]] = {
    f.__name__: f
    for f in (
        body_edit, excerpt_edit, title_change, term_added, term_removed, date_moved, post_renamed,
        post_deleted, post_added, author_added, author_renamed, term_title_changed, template_overridden,
        guide_linked, saved_unchanged, story_added, another_story, story_retitled, landing_edited, tool_added,
        easy_read_named, easy_read_home, handout_edited,
    )
}  # fmt: skip


def _start(root: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_site(root, _files(), _config())
    first = build_site(root)  # the clean build an editing session starts from
    assert first.warnings == []


def test_every_edit_in_sequence_builds_what_a_clean_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(tmp_path, monkeypatch)
    # Each kind of edit once, in the order the issue names them; the property test below
    # makes them in other orders, several at a time.
    for number, (name, edit) in enumerate(EDITS.items()):
        edit(tmp_path, number)
        _same_as_clean(tmp_path, name)


def test_an_edit_rebuilds_only_the_pages_that_show_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(tmp_path, monkeypatch)
    # Below the excerpt: only the post shows it (and the 404 page, which every build writes).
    path = tmp_path / "posts" / "three.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new last line.\n", encoding="utf-8")
    assert _same_as_clean(tmp_path, "body edit") == {"posts/three/index.html", "404.html"}
    # Saved again unchanged: nothing but the 404 page.
    saved_unchanged(tmp_path, 2)
    assert _same_as_clean(tmp_path, "saved again") == {"404.html"}
    # A new title shows on the post, its lists, its neighbours and the pages relating to it;
    # not on a page that does not list it, like the guidance index.
    _set_front(tmp_path, "posts/three.md", title="A new title")
    rebuilt = _same_as_clean(tmp_path, "title change")
    assert "posts/three/index.html" in rebuilt
    assert "barriers/diversity/index.html" in rebuilt
    assert "guidance/index.html" not in rebuilt
    assert len(rebuilt) < len(_pages(tmp_path / "site")) / 2
    # A template every page uses: every page.
    template_overridden(tmp_path, 1)
    assert _same_as_clean(tmp_path, "template") == _pages(tmp_path / "site")


def test_an_easy_read_page_is_redone_when_another_pages_front_matter_makes_it_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(tmp_path, monkeypatch)
    b = tmp_path / "site/easy/b/index.html"
    assert "cp-er-block" not in b.read_text(encoding="utf-8")  # an ordinary page
    easy_read_named(tmp_path, 0)  # guidance/index.md: easy_read: easy/b.md; b's file unchanged
    rebuilt = _same_as_clean(tmp_path, "easy_read named")
    assert {"easy/b/index.html", "guidance/index.html"} <= rebuilt
    html = b.read_text(encoding="utf-8")
    assert 'class="md-content cp-er"' in html and "One line.<br>" in html
    # The home page names b its Easy Read version: page a, another Easy Read page, links to it.
    easy_read_home(tmp_path, 0)
    assert "easy/a/index.html" in _same_as_clean(tmp_path, "Easy Read home")
    assert 'href="../../easy/b/"' in (tmp_path / "site/easy/a/index.html").read_text(encoding="utf-8")
    # Named no more: an ordinary page again.
    easy_read_named(tmp_path, 1)
    easy_read_home(tmp_path, 1)
    assert "easy/b/index.html" in _same_as_clean(tmp_path, "easy_read dropped")
    assert "cp-er-block" not in b.read_text(encoding="utf-8")


def test_a_handouts_edit_rebuilds_its_pages_and_its_packs_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 25: a tool's handout is on three kinds of page: the tool, its handout's page and
    the pack of each of its terms. An edit rebuilds exactly those; an edit of another page
    of a term rebuilds no pack."""
    _start(tmp_path, monkeypatch)
    handout_edited(tmp_path, 1)
    assert _same_as_clean(tmp_path, "a handout edited") == {
        "toolkit/checklist/index.html",
        "toolkit/checklist/handout/index.html",
        "barriers/power/pack/index.html",
        "barriers/capacity/pack/index.html",
        "404.html",
    }
    body_edit(tmp_path, 0)  # a post about power: no handout, no pack
    assert not [name for name in _same_as_clean(tmp_path, "a post edited") if "pack" in name]


def test_a_page_deleted_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _start(tmp_path, monkeypatch)

    def showing() -> list[str]:
        pages = (tmp_path / "site").rglob("*.html")
        return sorted(str(p) for p in pages if "Post five" in p.read_text(encoding="utf-8"))

    assert len(showing()) > 3  # the post, its term, its author, its year, the blog...
    (tmp_path / "posts" / "five.md").unlink()
    _same_as_clean(tmp_path, "post deleted")
    assert not (tmp_path / "site" / "posts" / "five").exists()
    # No page still shows it: not its term, its author, its year or the posts either side.
    assert showing() == []


@settings(
    max_examples=5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 40)), min_size=2, max_size=4))
def test_random_edit_sequences_build_what_a_clean_build_does(
    monkeypatch: pytest.MonkeyPatch, edits: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _start(root, monkeypatch)
        for name, number in edits:
            EDITS[name](root, number)
            _same_as_clean(root, f"{name}({number}) in {edits}")


def test_after_a_build_that_stopped_half_way_the_next_one_is_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build stopped by an error has written some pages and not others: the next build
    (the edit undone) must not trust what the last good build recorded."""
    _start(tmp_path, monkeypatch)
    broken = tmp_path / "overrides" / "main.html"
    broken.write_text(
        '{% extends "base.html" %}{% block content %}{{ super() }}<p>Half way</p>'
        '{% if page.title == "Post two" %}{{ none.attribute.missing() }}{% endif %}{% endblock %}',
        encoding="utf-8",
    )
    with pytest.raises(Exception):  # noqa: B017 (the engine's own error, whatever its type)
        build_site(tmp_path, dirty=True)
    assert "Half way" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    broken.unlink()
    _same_as_clean(tmp_path, "the template that stopped the build removed")
    assert "Half way" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


# Issue 22: builds that were interrupted, disturbed or run at once.

STOP_HOOK = '''"""Stops the build at a page, as a test asks through the environment (else does nothing)."""
import os
import signal
import time

seen = 0


def on_post_page(output, page, config):
    global seen
    seen += 1
    if str(seen) != os.environ.get("STOP_AT_PAGE"):
        return output
    how = os.environ["STOP_HOW"]
    if how == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if how == "interrupt":
        raise KeyboardInterrupt
    flag = os.environ["STOP_FLAG"]  # "pause": until the test says go
    open(flag + ".paused", "w").close()
    deadline = time.monotonic() + 300
    while not os.path.exists(flag + ".go") and time.monotonic() < deadline:
        time.sleep(0.05)
    return output
'''
LIVENESS = 300.0
"""Seconds a test waits for a build in another process before it fails (never an assertion on time)."""


def _start_with_hook(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture site, with a hook that can stop a build in another process at a page."""

    def add_hook(config: dict[str, Any]) -> None:
        config["hooks"] = ["hooks/stop.py"]

    _start(root, monkeypatch)
    (root / "hooks").mkdir()
    (root / "hooks" / "stop.py").write_text(STOP_HOOK, encoding="utf-8")
    _config_edit(root, add_hook)
    _same_as_clean(root, "the hook added")


def _engine(root: Path, *args: str, log: Path, **stop: str) -> subprocess.Popen[bytes]:
    """``mkdocs build`` (or ProperDocs') of the site at ``root`` in another process; ``stop``:
    the hook's settings (``STOP_AT_PAGE``, ``STOP_HOW``, ``STOP_FLAG``)."""
    command = [sys.executable, "-m", ENGINE, "build", "-f", str(root / "mkdocs.yml"), *args]
    with open(log, "wb") as out:
        return subprocess.Popen(command, cwd=root, env={**os.environ, **stop}, stdout=out, stderr=out)


def _stop(*builds: subprocess.Popen[bytes] | None) -> None:
    """End the builds a failed test leaves running."""
    for build in builds:
        if build is not None and build.poll() is None:
            build.kill()
            build.wait()


def _wait_for(done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LIVENESS
    while not done():
        assert time.monotonic() < deadline, f"no sign of {what}"
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["kill", "interrupt"])
@pytest.mark.parametrize("dirty", [False, True], ids=["clean-build", "dirty-build"])
def test_a_build_stopped_half_way_is_made_right_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, dirty: bool
) -> None:
    """``kill -9`` or Ctrl-C in the middle of ``make build`` (which empties the folder first)
    or of an incremental build after an edit every page shows."""
    _start_with_hook(tmp_path, monkeypatch)
    body_edit(tmp_path, 2)
    if dirty:  # an edit every page shows: the build stops with some pages rebuilt, not all
        template_overridden(tmp_path, 1)
    log = tmp_path / "build.log"
    before = _pages(tmp_path / "site")
    build = _engine(tmp_path, *(["--dirty"] if dirty else []), log=log, STOP_AT_PAGE="5", STOP_HOW=how)
    try:
        assert build.wait(LIVENESS) != 0, log.read_text(encoding="utf-8")
    finally:
        _stop(build)
    # Stopped half way: the pages to build again were removed, and only some are back.
    assert 0 < len(_pages(tmp_path / "site")) < len(before)
    _same_as_clean(tmp_path, f"a {'dirty' if dirty else 'clean'} build stopped by {how}")


def test_part_of_the_site_folder_deleted_or_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _start(tmp_path, monkeypatch)
    site = tmp_path / "site"
    (site / "posts" / "one" / "index.html").unlink()
    # Only what is missing is built again (and the 404 page, which every build writes).
    assert _same_as_clean(tmp_path, "a page deleted") == {"posts/one/index.html", "404.html"}
    (site / "search" / "search_index.json").unlink()
    _same_as_clean(tmp_path, "the search index deleted")
    shutil.rmtree(site / "posts")
    shutil.rmtree(site / "assets")
    _same_as_clean(tmp_path, "the posts' and the theme's folders deleted")
    (site / "stray.html").write_text("Not from any build.", encoding="utf-8")
    (site / "files" / "form.pdf").write_bytes(b"changed")
    _same_as_clean(tmp_path, "a file added and a download changed in the site folder")


def test_an_output_changed_keeping_its_size_and_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked by its bytes even where the record vouches for files by their size and
    times, as it does for files that settled long before it was written."""
    _start(tmp_path, monkeypatch)
    monkeypatch.setattr(incremental, "SETTLE_NS", 0)
    _same_as_clean(tmp_path, "a record that vouches for every file")
    target = tmp_path / "site" / "guidance" / "a" / "index.html"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Sharing power", "Sharing POWER", 1), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    assert _same_as_clean(tmp_path, "a page changed keeping its size and time") == {
        "guidance/a/index.html",
        "404.html",
    }


def test_a_download_replaced_by_an_older_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _start(tmp_path, monkeypatch)
    form = tmp_path / "docs" / "files" / "form.pdf"
    older = form.stat().st_mtime_ns - 86_400 * 10**9
    form.write_bytes(PDF.replace(b"first", b"older"))  # the same size, too
    os.utime(form, ns=(older, older))
    _same_as_clean(tmp_path, "a download replaced by an older file")
    assert (tmp_path / "site" / "files" / "form.pdf").read_bytes() == form.read_bytes()


def test_a_template_edited_keeping_its_size_and_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _start(tmp_path, monkeypatch)
    template_overridden(tmp_path, 1)
    _same_as_clean(tmp_path, "a template added")
    template = tmp_path / "overrides" / "main.html"
    before = template.stat()
    template.write_text(
        template.read_text(encoding="utf-8").replace("Override 1", "Override 2"), encoding="utf-8"
    )
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert template.stat().st_size == before.st_size
    _same_as_clean(tmp_path, "a template edited keeping its size and time")
    assert "Override 2" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_record_left_by_another_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _start(tmp_path, monkeypatch)
    record = Path(incremental.record_path(str(tmp_path), str(tmp_path / "site")))
    kept = record.read_bytes()
    # The record of the first build, left beside a site a later build wrote: the edit undone,
    # the record says the post is as the first build wrote it, but the folder has the edit.
    post = tmp_path / "posts" / "two.md"
    original = post.read_text(encoding="utf-8")
    _set_front(tmp_path, "posts/two.md", title="Another title")
    post_added(tmp_path, 7)
    _same_as_clean(tmp_path, "a title changed and a post added")
    record.write_bytes(kept)
    post.write_text(original, encoding="utf-8")
    (tmp_path / "posts" / "added-7.md").unlink()
    _same_as_clean(tmp_path, "the edits undone, with the first build's record")
    # The record of a build into another folder.
    body_edit(tmp_path, 3)
    build_site(tmp_path, site_dir=tmp_path / "other", dirty=True)
    shutil.copyfile(incremental.record_path(str(tmp_path), str(tmp_path / "other")), record)
    _same_as_clean(tmp_path, "with the record of another site folder")


def test_two_builds_at_once_take_turns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second build waits for the first to finish: the folder holds one build's work,
    then the other's, and is right."""
    _start_with_hook(tmp_path, monkeypatch)
    template_overridden(tmp_path, 1)
    flag = tmp_path / "flag"
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = _engine(tmp_path, log=first_log, STOP_AT_PAGE="3", STOP_HOW="pause", STOP_FLAG=str(flag))
    second = None
    try:
        _wait_for(lambda: Path(f"{flag}.paused").exists(), "the first build reaching its third page")
        body_edit(tmp_path, 4)
        second = _engine(tmp_path, "--dirty", log=second_log)
        _wait_for(
            lambda: "waiting for another build" in second_log.read_text(encoding="utf-8"),
            "the second waiting",
        )
        assert second.poll() is None, "the second build went ahead while the first was writing"
        Path(f"{flag}.go").touch()
        assert first.wait(LIVENESS) == 0, first_log.read_text(encoding="utf-8")
        assert second.wait(LIVENESS) == 0, second_log.read_text(encoding="utf-8")
    finally:
        _stop(first, second)
    _site_is_clean(tmp_path, "two builds at once")
    _same_as_clean(tmp_path, "an incremental build after two builds at once")


def test_the_search_index_of_an_incremental_build_is_a_clean_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind indexes the whole site folder after every build: after an edit, its index
    changes and is byte for byte what a clean build writes."""
    _start(tmp_path, monkeypatch)
    before = {name: data for name, data in _tree(tmp_path / "site").items() if name.startswith("pagefind/")}
    assert "pagefind/pagefind.js" in before and any(name.startswith("pagefind/fragment/") for name in before)
    path = tmp_path / "posts" / "three.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA word no page had: quokka.\n", encoding="utf-8")
    _same_as_clean(tmp_path, "body edit")  # every file, the index's too
    after = {name: data for name, data in _tree(tmp_path / "site").items() if name.startswith("pagefind/")}
    assert after != before, "the edit did not reach the search index"


def _index_pages(site: Path) -> dict[str, str]:
    """The pages Pagefind's index holds: each fragment's address and text."""
    found = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def test_make_serve_rebuilds_the_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make serve` (`mkdocs serve --dirty`): one plugin instance builds again after each edit.
    A draft shows there and is found; after an edit its index is what a clean build of the
    preview writes, byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_site(tmp_path, _files(), _config())
    _set_front(tmp_path, "posts/two.md", draft=True)
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        engine_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        before = _index_pages(tmp_path / "site")
        path = tmp_path / "posts" / "three.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nA new word: quokka.\n", encoding="utf-8")
        engine_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        after = _index_pages(tmp_path / "site")
        clean = build_site(tmp_path, serve=True, site_dir=tmp_path / "clean")
        want = {n: d for n, d in _tree(clean.site).items() if n.startswith("pagefind")}
        assert {n: d for n, d in _tree(tmp_path / "site").items() if n.startswith("pagefind")} == want
    finally:
        config.plugins.on_shutdown()
    assert "/posts/two/" in before, "the draft is not in the preview's index"
    assert not any("quokka" in text for text in before.values())
    assert "quokka" in after["/posts/three/"]
