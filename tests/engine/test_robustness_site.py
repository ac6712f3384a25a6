"""Issue 13 on built sites: every output well-formed whatever the text, titles from headings as
the reader wrote them, trusted embeds and in-repository links kept, code left alone, and
``mkdocs serve`` serving the last good site while an edit breaks the build."""

from __future__ import annotations

import copy
import html
import json
import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import AUTHORS, BASE_CONFIG, ENGINE, HANG, page, plugin_options, tool, write_site

# isort: split
from mkdocs.commands.build import build
from mkdocs.config import load_config


class _Title(HTMLParser):
    """The text of a page's ``<title>``, as a browser shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


def title_of(html: str) -> str:
    parser = _Title()
    parser.feed(html)
    return parser.text


def feed_titles(path: Path) -> list[str]:
    """Item titles of a feed, read by a strict XML parser (an ill-formed feed raises)."""
    root = ET.fromstring(path.read_bytes())
    return [item.findtext("title") or "" for item in root.iter("item")]


def cross_index_titles(site: Path) -> dict[str, str]:
    data = json.loads((site / "cross-index.json").read_text(encoding="utf-8"))
    return {p["url"]: p["title"] for p in data["pages"]}


TRICKY = "Tips & <tricks> \"quoted\" 'apos' ]]> &amp; end"


def test_feeds_and_exports_hold_any_title_as_text(make_site: Any) -> None:
    post = {"date": "2024-01-02", "authors": ["ann"], "barriers": ["power"]}
    built = make_site(
        {
            "posts/authors.yml": AUTHORS,
            "posts/tricky.md": page({"title": TRICKY, "description": TRICKY, **post}),
            "posts/bell.md": "---\n"
            'title: "Bell\\u0007 and \\u0085 next-line"\n'
            'description: "Form\\ffeed"\n'
            "date: 2024-01-03\nauthors: [ann]\nbarriers: [power]\n---\n\nText\x01.\n",
        }
    )
    assert len(built.warnings) == 3  # the three control characters, each refused
    expected = ["Bell and  next-line", TRICKY]
    for feed in (built.site / "feed.xml", built.site / "barriers/power/feed.xml"):
        assert feed_titles(feed) == expected
        descriptions = [i.findtext("description") for i in ET.fromstring(feed.read_bytes()).iter("item")]
        assert "Formfeed" in descriptions[0] and "&lt;tricks&gt;" in descriptions[1]
    titles = cross_index_titles(built.site)
    assert titles["posts/tricky/"] == TRICKY
    assert titles["posts/bell/"] == "Bell and  next-line"
    assert title_of(built.html("posts/tricky/")) == f"{TRICKY} - Test Toolkit"
    search = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    # Search keeps titles as HTML, and shows them as HTML: unescaped once, they are the text.
    assert TRICKY in [html.unescape(doc["title"]) for doc in search["docs"]]
    assert "\x01" not in built.html("posts/bell/") and "\x07" not in (built.site / "feed.xml").read_text()


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("# Tips &amp; <em>tricks</em>", "Tips & tricks"),
        ("# Using snake_case and 2*3*4", "Using snake_case and 2*3*4"),
        ("# A *real* __strong__ [link](x.md) and `co*de_x`", "A real strong link and co*de_x"),
        ("# Escaped \\*stars\\* &lt;kept&gt;", "Escaped *stars* <kept>"),
    ],
)
def test_titles_from_headings_keep_the_text_as_written(make_site: Any, heading: str, title: str) -> None:
    built = make_site(
        {
            "posts/authors.yml": AUTHORS,
            "posts/h.md": "---\ndate: 2024-01-02\nauthors: [ann]\nbarriers: [power]\n---\n\n"
            f"{heading}\n\nText.\n",
        }
    )
    assert cross_index_titles(built.site)["posts/h/"] == title
    assert feed_titles(built.site / "feed.xml") == [title]
    assert title_of(built.html("posts/h/")) == f"{title} - Test Toolkit"


def _with_options(**options: Any) -> dict[str, Any]:
    config = copy.deepcopy(BASE_CONFIG)
    plugin_options(config)  # the fixture has the plugin
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "coproduction" in entry:
            entry["coproduction"].update(options)
    return config


def test_an_iframe_from_an_allowed_host_is_kept(make_site: Any) -> None:
    video = '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>'
    built = make_site(
        {
            "docs/v.md": page(
                {"title": "V", "barriers": []}, f"{video}\n\n<iframe src='https://ads.example/'></iframe>\n"
            )
        },
        _with_options(embeds_allowed=["www.youtube-nocookie.com"]),
    )
    assert [w.split(": ", 2)[1] for w in built.warnings] == ["docs/v.md:8"]
    assert video in built.content("v/")
    assert "ads.example" not in built.html("v/")


def test_code_that_shows_active_content_is_left_alone(make_site: Any) -> None:
    body = (
        "Write `<script>` or `[x](javascript:y)` like this:\n\n"
        '```html\n<script>alert(1)</script>\n<a onclick="x()">\n```\n\n'
        '    <iframe src="https://ads.example/"></iframe>\n'
    )
    config = copy.deepcopy(BASE_CONFIG)
    config["markdown_extensions"] = ["pymdownx.superfences"]  # fenced code, as the real site has
    built = make_site({"docs/code.md": page({"title": "Code", "barriers": []}, body)}, config, strict=True)
    assert built.warnings == []
    content = built.content("code/")
    assert "<code>&lt;script&gt;</code>" in content
    shown = html.unescape(re.sub(r"<[^>]+>", "", content))  # the highlighted block as a reader sees it
    assert '<script>alert(1)</script>\n<a onclick="x()">' in shown
    assert '&lt;iframe src="https://ads.example/"&gt;&lt;/iframe&gt;' in content


def test_a_link_to_a_file_inside_the_repository_is_published(tmp_path: Path) -> None:
    """Outside every content folder (a link into one would publish its pages twice: issue 22)."""
    from conftest import build_site

    write_site(tmp_path, {"shared/tools/a.md": page({"title": "Shared", "barriers": []})})
    os.symlink("../shared/tools/a.md", tmp_path / "docs/shared.md")
    os.symlink("../shared/tools", tmp_path / "docs/tools")
    built = build_site(tmp_path, strict=True)
    assert built.warnings == []
    assert "Shared" in built.html("shared/") and "Shared" in built.html("tools/a/")


def test_the_build_reads_a_very_long_paragraph_in_pieces(tmp_path: Path) -> None:
    """Issue 22: the build's Markdown reads a run of text in pieces, as ``make check`` says
    (a link whose words a cut falls in shows as typed, every word kept), so a page costs the
    same per character however long its paragraphs; and the page is built."""
    from conftest import build_site

    words = "word " * 2000
    body = f"Before.\n\n[{words}](../guidance/x.md) after.\n"
    write_site(tmp_path, {"docs/long.md": page({"title": "Long", "barriers": []}, body)})
    built = build_site(tmp_path)
    content = built.content("long/")
    assert content.count("word") == 2000 and "after." in content and "coproduction-piece" not in content
    assert "<a " not in content.split("Before.", 1)[1]  # the link is cut: shown as typed
    assert any("runs on for more than 5,000 characters" in w for w in built.warnings)


# --- mkdocs serve ---------------------------------------------------------------------------

HOOK = """\
def on_page_markdown(markdown, page, **kwargs):
    if "BOOM" in markdown:
        raise RuntimeError("boom in " + page.file.src_uri)
    return markdown
"""
"""A hook that breaks the build the way a faulty extension or theme would."""


class _Server:
    """What the plugin uses of the engine's live-reload server: its ``builder``, its ``watch``."""

    def __init__(self, builder: Any) -> None:
        self.builder = builder

    def watch(self, path: str) -> None:
        pass


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_serve_keeps_the_last_good_site_while_an_edit_breaks_the_build(tmp_path: Path) -> None:
    """As ``mkdocs serve`` runs it: a first build, ``on_serve``, then a rebuild per edit."""
    config_data = copy.deepcopy(BASE_CONFIG)
    config_data["hooks"] = ["hooks.py"]
    write_site(
        tmp_path,
        {"hooks.py": HOOK, "toolkit/a.md": tool({"title": "A", "barriers": []}, "First.\n")},
        config_data,
    )
    site_dir = tmp_path / "served"

    def builder() -> None:
        build(load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(site_dir)), serve_url="/")

    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    errors = _Errors()
    logging.getLogger(ENGINE).addHandler(errors)
    page_html = site_dir / "toolkit/a/index.html"
    try:
        build(config, serve_url="/")
        server = _Server(builder)
        config.plugins.on_serve(server, config=config, builder=builder)
        assert server.builder is not builder  # the plugin's, around the engine's
        (tmp_path / "toolkit/a.md").write_text(
            page({"title": "A", "barriers": []}, "BOOM.\n"), encoding="utf-8"
        )
        server.builder()  # the engine's own builder would raise here, and the preview hang
        assert "First." in page_html.read_text(encoding="utf-8")
        ours = [r for r in errors.records if r.getMessage().startswith("coproduction: ")]
        assert [r.getMessage() for r in ours] == [
            "coproduction: the site could not be rebuilt (RuntimeError: boom in toolkit/a.md). The preview "
            "shows the last good build: undo or fix the last edit and save again"
        ]
        assert all(r.exc_info is None for r in errors.records)
        (tmp_path / "toolkit/a.md").write_text(
            page({"title": "A", "barriers": []}, "Fixed.\n"), encoding="utf-8"
        )
        server.builder()
        assert "Fixed." in page_html.read_text(encoding="utf-8")
        copy_dir = config.plugins["coproduction"].last_good.copy
        assert "Fixed." in (Path(copy_dir) / "toolkit/a/index.html").read_text(encoding="utf-8")
    finally:
        logging.getLogger(ENGINE).removeHandler(errors)
        config.plugins.on_shutdown()
    assert not Path(copy_dir).exists()


def _get(url: str) -> tuple[int, str]:
    """Status and text of a page, or (0, why) if the server does not answer (a hang)."""
    try:
        with urllib.request.urlopen(url, timeout=HANG) as response:
            return response.status, response.read().decode("utf-8")
    except (OSError, urllib.error.URLError) as e:
        return 0, str(e)


def _until(condition: Any) -> bool:
    """Whether ``condition`` comes true before a hang: a wait for an event, not a bound on speed."""
    end = time.monotonic() + HANG
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_preview_answers_with_the_last_good_site_while_an_edit_breaks_the_build(tmp_path: Path) -> None:
    """The real ``serve`` command: without the plugin's help, the page request after a breaking
    edit waits until the edit is undone."""
    config_data = copy.deepcopy(BASE_CONFIG)
    config_data["hooks"] = ["hooks.py"]
    source = tmp_path / "toolkit/a.md"
    write_site(
        tmp_path,
        {"hooks.py": HOOK, "toolkit/a.md": tool({"title": "A", "barriers": []}, "First.\n")},
        config_data,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/toolkit/toolkit/a/"  # site_url's path is where serve mounts the site
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", ENGINE, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        assert _until(lambda: "First." in _get(url)[1]), log_path.read_text(encoding="utf-8")
        source.write_text(page({"title": "A", "barriers": []}, "BOOM.\n"), encoding="utf-8")
        assert _until(lambda: "boom in toolkit/a.md" in log_path.read_text(encoding="utf-8"))
        status, text = _get(url)  # the engine alone would not answer until the edit is undone
        assert status == 200 and "First." in text, text
        source.write_text(page({"title": "A", "barriers": []}, "Fixed.\n"), encoding="utf-8")
        assert _until(lambda: "Fixed." in _get(url)[1])
    finally:
        server.terminate()
        server.wait(timeout=HANG)
    printed = log_path.read_text(encoding="utf-8")
    assert "Traceback" not in printed
    assert "coproduction: the site could not be rebuilt (RuntimeError: boom in toolkit/a.md)" in printed


def test_what_the_plugin_adds_for_assistive_technology_is_added_after_the_sanitiser(make_site: Any) -> None:
    """A heading's name and a task box's aria-hidden are ours, added once the sanitiser (which
    allows neither attribute in a page) has run: the published page keeps them, and a page's
    own aria-label is still left out."""
    config = copy.deepcopy(BASE_CONFIG)
    config["markdown_extensions"] = [{"toc": {"permalink": True}}, "pymdownx.tasklist"]
    body = '## Who & why\n\n- [ ] Book a room\n- [x] Pay people\n\n<p aria-label="x">Own label</p>\n'
    built = make_site({"docs/list.md": page({"title": "List", "barriers": []}, body)}, config)
    content = built.content("list/")
    assert '<h2 id="who-why" aria-label="Who &amp; why">Who &amp; why<a class="headerlink"' in content
    assert content.count('aria-hidden="true"') == 2
    assert 'aria-label="x"' not in content
