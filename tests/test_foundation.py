"""Issue 2: one build from docs/, posts/ and toolkit/, with the right URLs and edit links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import AUTHORS, Built, page

POST = page(
    {"title": "First post", "date": "2024-01-02", "authors": ["ann"], "barriers": ["power"]},
    "Post body.\n",
)


def _three_folders(make_site: Any) -> Built:
    return make_site(
        {
            "docs/guidance/start.md": page({"title": "Start here", "barriers": ["power"]}),
            "toolkit/checklist.md": page({"title": "Checklist", "barriers": ["capacity"]}),
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


def test_generated_pages_have_no_edit_link(make_site: Any) -> None:
    built = _three_folders(make_site)
    assert "/edit/main/" not in built.html("barriers/power/")
    assert "/edit/main/" not in built.html("posts/")


def test_serve_watches_source_folders_and_authors_file(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from conftest import write_site

    write_site(tmp_path, {"posts/authors.yml": AUTHORS, "toolkit/a.md": page({"barriers": []})})
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    config.plugins.on_serve(server, config=config, builder=lambda: None)
    watched = {Path(p).resolve() for p in server.watched}
    assert (tmp_path / "posts").resolve() in watched
    assert (tmp_path / "toolkit").resolve() in watched
    # authors.yml sits inside posts/, which is watched already
    assert all(not p.name.endswith(".yml") or p.exists() for p in watched)


def test_a_source_file_that_clashes_with_docs_is_reported(make_site: Any) -> None:
    built = make_site(
        {
            "docs/toolkit/checklist.md": page({"title": "Docs copy", "barriers": []}),
            "toolkit/checklist.md": page({"title": "Toolkit copy", "barriers": []}),
        }
    )
    assert built.warnings == [
        "coproduction: toolkit/checklist.md:1: this file and docs/toolkit/checklist.md are both "
        "published at /toolkit/checklist/: rename or move one of them"
    ]
    assert "Docs copy" in built.html("toolkit/checklist/")
