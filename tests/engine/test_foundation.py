"""Issue 2: one build from docs/, posts/ and toolkit/, with the right URLs and edit links."""

from __future__ import annotations

import copy
import gc
from pathlib import Path
from typing import Any

import pytest

from conftest import AUTHORS, BASE_CONFIG, Built, build_site, page, plugin_options, tool, write_site

POST = page(
    {"title": "First post", "date": "2024-01-02", "authors": ["ann"], "barriers": ["power"]},
    "Post body.\n",
)


def _three_folders(make_site: Any) -> Built:
    return make_site(
        {
            "docs/guidance/start.md": page({"title": "Start here", "barriers": ["power"]}),
            "toolkit/checklist.md": tool({"title": "Checklist", "barriers": ["capacity"]}),
            "toolkit/files/template.txt": "Fill me in.\n",
            "posts/first-post.md": POST,
            "posts/authors.yml": AUTHORS,
        },
        strict=True,
    )


def test_pages_from_all_three_folders_are_built_at_their_urls(make_site: Any) -> None:
    built = _three_folders(make_site)
    assert built.warnings == []
    assert "Start here" in built.html("guidance/start/")
    assert "Checklist" in built.html("toolkit/checklist/")
    assert "First post" in built.html("posts/first-post/")
    # Other files in a source folder are copied too; the authors file is not published.
    assert (built.site / "toolkit/files/template.txt").read_text() == "Fill me in.\n"
    assert not (built.site / "posts/authors.yml").exists()


def test_edit_links_point_at_the_right_file_for_every_folder(make_site: Any) -> None:
    built = _three_folders(make_site)
    base = "https://github.com/example/toolkit/edit/main/"
    assert f'href="{base}docs/guidance/start.md"' in built.html("guidance/start/")
    assert f'href="{base}toolkit/checklist.md"' in built.html("toolkit/checklist/")
    assert f'href="{base}posts/first-post.md"' in built.html("posts/first-post/")


GENERATED_PAGES = {
    "overview": "barriers/",
    "term": "barriers/power/",
    "blog": "posts/",
    "archive index": "posts/archive/",
    "archive": "posts/archive/2024/",
    "authors": "authors/",
    "author": "authors/ann/",
}


def test_generated_pages_have_no_edit_link(make_site: Any) -> None:
    built = _three_folders(make_site)
    for kind, url in GENERATED_PAGES.items():
        assert built.exists(url), f"{kind} page {url} was not built"
        assert "/edit/main/" not in built.html(url), f"{kind} page {url} has an edit link"
    # The check can fail: a page from a source folder does carry one.
    assert "/edit/main/" in built.html("posts/first-post/")


def _watched(root: Path) -> set[Path]:
    """The paths the plugin asks ``mkdocs serve`` to watch for the site at ``root``."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        config = config.plugins.on_config(config)

        class Server:
            def __init__(self) -> None:
                self.watched: list[str] = []

            def watch(self, path: str) -> None:
                self.watched.append(path)

        server = Server()
        config.plugins.on_serve(server, config=config, builder=lambda: None)
    finally:
        config.plugins.on_shutdown()
    return {Path(p).resolve() for p in server.watched}


def _covers(watched: set[Path], target: Path) -> bool:
    """Whether ``target`` is watched itself or lies inside a watched folder."""
    return any(target == p or (p.is_dir() and target.is_relative_to(p)) for p in watched)


def test_serve_watches_source_folders_and_authors_file(tmp_path: Path) -> None:
    from conftest import write_site

    write_site(tmp_path, {"posts/authors.yml": AUTHORS, "toolkit/a.md": tool({"barriers": []})})
    watched = _watched(tmp_path)
    assert (tmp_path / "posts").resolve() in watched
    assert (tmp_path / "toolkit").resolve() in watched
    # authors.yml sits inside posts/, which is watched already
    assert _covers(watched, (tmp_path / "posts/authors.yml").resolve())


def test_serve_watches_an_authors_file_outside_the_source_folders(tmp_path: Path) -> None:
    from conftest import write_site

    config = copy.deepcopy(BASE_CONFIG)
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "coproduction" in entry:
            entry["coproduction"]["authors"] = "people.yml"
    assert plugin_options(config)["authors"] == "people.yml"
    write_site(tmp_path, {"people.yml": AUTHORS, "toolkit/a.md": tool({"barriers": []})}, config)
    watched = _watched(tmp_path)
    authors = (tmp_path / "people.yml").resolve()
    assert authors in watched
    assert not any(p.is_dir() and authors.is_relative_to(p) for p in watched)
    assert (tmp_path / "posts").resolve() in watched
    assert (tmp_path / "toolkit").resolve() in watched


def test_a_docs_file_that_clashes_with_a_source_file_is_blamed_and_left_out(make_site: Any) -> None:
    """docs/toolkit/ is the toolkit folder's address: the page there is in the wrong place
    whichever came first, so it is the one blamed, and the toolkit's own page is published."""
    built = make_site(
        {
            "docs/toolkit/checklist.md": page({"title": "Docs copy", "barriers": []}),
            "toolkit/checklist.md": tool({"title": "Toolkit copy", "barriers": []}),
        }
    )
    assert built.warnings == [
        "coproduction: docs/toolkit/checklist.md:1: this file and toolkit/checklist.md are both "
        "published at /toolkit/checklist/, and pages under /toolkit/ belong in the 'toolkit' folder: "
        "move this one there, with a name of its own"
    ]
    assert "Toolkit copy" in built.html("toolkit/checklist/")
    assert "Docs copy" not in built.html("toolkit/checklist/")


_FREEZE_HOOK = """\
import gc, json, os

seen = []


def on_page_context(context, page, config, nav):
    seen.append(gc.get_freeze_count())
    if os.environ.get("COPRODUCTION_TEST_FAIL"):
        raise RuntimeError("a plugin failed half way")
    return context


def on_post_build(config):
    with open(os.path.join(config.config_file_path + ".seen"), "w") as f:
        json.dump(seen, f)
"""


def test_the_build_holds_its_objects_out_of_full_collections_and_gives_them_back(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """Pages are written with the build's objects frozen (``heap``); once it ends, or fails, none are."""
    config = copy.deepcopy(BASE_CONFIG)
    config["hooks"] = ["freeze_hook.py"]
    files: dict[str, str | bytes] = {"posts/first-post.md": POST, "posts/authors.yml": AUTHORS}
    write_site(tmp_path, files, config)
    (tmp_path / "freeze_hook.py").write_text(_FREEZE_HOOK, encoding="utf-8")
    assert gc.get_freeze_count() == 0
    build_site(tmp_path)
    seen = (tmp_path / "mkdocs.yml.seen").read_text(encoding="utf-8")
    counts = [int(n) for n in seen.strip("[]").split(",")]
    assert len(counts) > 3 and all(n > 0 for n in counts), counts  # every page written frozen
    assert gc.get_freeze_count() == 0  # and all given back

    monkeypatch.setenv("COPRODUCTION_TEST_FAIL", "1")
    with pytest.raises(Exception, match="half way"):
        build_site(tmp_path)
    assert gc.get_freeze_count() == 0  # a failed build gives them back too


_CHANGE_HOOK = """\
def on_page_context(context, page, config, nav):
    # Runs before the coproduction plugin's own page_context (priority 0 against -50).
    if page.file.src_uri == "posts/later-post.md":
        page.content = (page.content or "") + "<p>Added by another plugin.</p>"
    return context
"""


def test_our_part_of_a_page_keeps_what_another_plugin_put_in_before_it(tmp_path: Path) -> None:
    """The plugin renders pages ahead of their turn; a change another plugin makes to a page's
    content on its turn still reaches the page (with our part around it)."""
    config = copy.deepcopy(BASE_CONFIG)
    config["hooks"] = ["change_hook.py"]
    later = page(
        {"title": "Later post", "date": "2024-03-04", "authors": ["ann"], "barriers": ["power"]},
        "Later body.\n",
    )
    files: dict[str, str | bytes] = {
        "posts/first-post.md": POST,
        "posts/later-post.md": later,
        "posts/authors.yml": AUTHORS,
    }
    write_site(tmp_path, files, config)
    (tmp_path / "change_hook.py").write_text(_CHANGE_HOOK, encoding="utf-8")
    built = build_site(tmp_path, strict=True)
    content = built.content("posts/later-post/")
    assert "<p>Added by another plugin.</p>" in content
    assert 'class="cp-byline"' in content and 'class="cp-chip"' in content  # and our part too
    assert "Added by another plugin." not in built.content("posts/first-post/")
