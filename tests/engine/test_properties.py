"""Issue 13, with Hypothesis: whatever a page's front matter and text hold (any Unicode,
markup, control characters, random term lists, nested YAML, aliases), the whole pipeline
gives content problems and nothing else; what it hands the engine runs no script; and
every value reaching HTML, XML (the feeds) and JSON (the exports) reads back as the text
the core decided on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import importlib.util
import json
import logging
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AUTHORS, ENGINE, write_site
from coproduction.core import pipeline
from coproduction.core.records import Problem
from coproduction.core.sanitise import ATTRIBUTES, TAGS, URL_SCHEMES, find_removed, might_hold_more, sanitise
from coproduction.core.settings import SiteSpec, SourceSpec, TaxonomySpec, TermSpec
from coproduction.core.sources import ContentFile
from coproduction.core.text import CONTROL_RE

# isort: split
from mkdocs.commands.build import build
from mkdocs.config import load_config

TERMS = ("power", "leadership", "diversity", "capacity")
MATERIAL = os.path.join(
    next(iter(importlib.util.find_spec("material").submodule_search_locations)), "templates"
)  # type: ignore[union-attr]
SPEC = SiteSpec(
    site_name="Test Toolkit",
    site_url="https://example.org/toolkit/",
    sources=(SourceSpec("posts", "posts", "post"), SourceSpec("toolkit", "toolkit", "tool")),
    taxonomies=(TaxonomySpec("barriers", "Barriers", terms=tuple(TermSpec(t, t.title()) for t in TERMS)),),
    authors_file="posts/authors.yml",
    today=dt.date(2030, 1, 1),
    theme_dirs=(MATERIAL,),
)
KNOWN_KEYS = (
    "title", "description", "kind", "date", "authors", "draft", "reviewed", "easy_read", "source",
    "barriers", "template", "icon", "hide", "search", "tags", "subtitle",
)  # fmt: skip

# --- Strategies -----------------------------------------------------------------------------

UNICODE = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)  # a UTF-8 file holds no surrogates
MARKUP = st.sampled_from(
    [
        "<script>alert(1)</script>", "<em>", "</em>", "&amp;", "&lt;", "&#1;", "*", "**", "_", "`",
        "[a](b.md)", "]]>", "<![CDATA[", "\x00", "\x07", "\x1b", "\x85", "\u2028", "\ufeff", "{{ x }}",
        "{% if %}", "<!--", "-->", "\\", "'", '"', ": ", " #", "\n", "\t", "power", "javascript:x",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(UNICODE, MARKUP), max_size=5).map("".join)
SCALAR = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.dates())
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=12,
)
TERM_LIST = st.lists(st.one_of(st.sampled_from(TERMS), TEXT, VALUE), max_size=5)
DATA = st.fixed_dictionaries(
    {},
    optional={
        "title": st.one_of(TEXT, VALUE),
        "description": st.one_of(TEXT, VALUE),
        "barriers": st.one_of(TERM_LIST, VALUE),
        "date": st.one_of(st.dates(), TEXT),
        "authors": st.one_of(st.lists(st.sampled_from(["ann", "bob", "nobody"]), max_size=3), VALUE),
        "source": st.one_of(
            st.dictionaries(st.sampled_from(["title", "author", "url", "published"]), VALUE), VALUE
        ),
    },
).flatmap(
    lambda known: st.dictionaries(st.one_of(st.sampled_from(KNOWN_KEYS), TEXT), VALUE, max_size=4).map(
        lambda more: {**more, **known}
    )
)
"""Front matter as data: known settings with any values, and any other settings."""

RAW_LINES = st.sampled_from(
    [
        "a: &x [1, 2]", "b: [*x, *x, *x]", "c: *x", "l: &l [*l]", "title: !!binary aGk=",
        "d: !!python/object/apply:os.system [ls]", "? [a]\n: b", "barriers: [power", "title: 'x",
        "- a", "key: |\n  block", "title: Fine", "barriers: [power, *x]", "\ttab: 1", "%YAML 1.1",
        "---", "...", "x: {a: [b, {c: d}]}", "date: 2019-02-30", "k: &k\n  - *k",
    ]
)  # fmt: skip
RAW = st.lists(st.one_of(RAW_LINES, TEXT), max_size=8).map("\n".join)
"""Front matter as text: broken YAML, aliases, tags, anything."""

BODY = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "# Heading &amp; <em>x</em>\n",
                "```\n",
                "~~~\n",
                "    indented\n",
                "- item\n",
                "\n\n",
                "<script>",
                "</script>",
                "<iframe src='https://x.org/'>",
                "</iframe>",
                "<object>",
                "<embed src=x>",
                "[x](javascript:y)",
                "[r]: javascript:z\n",
                "<b onclick=x>",
                "<!-->",
                "<scr",
                "ipt>",
                "<div>\n",
                "</div>\n",
                "<!-- more -->\n",
                "---\n",
                "&#106;avascript:",
                "<a href='java\tscript:x'>",
                "\\",
                "``",
                "> ",
                "| a | `b` |\n",
                "&#x6a;",
                "<svg><script>",
                "<math>",
                "<style>",
                "<?x ",
                "<![CDATA[",
                "<a href=",
                '"',
                "'",
                "<!--",
                "-->",
                "<p markdown>",
                "!!! note\n",
                "??? note\n",
                '=== "Tab"\n',
                ": definition\n",
                "[^1]: note\n",
                "- [ ] task\n",
                "</p>",
                "<img src=x onerror=y>",
                "`<script>`",
                # Issue 22: attribute lists, SVG, addresses in disguise, what loads from elsewhere.
                '{onclick="x"}',
                '{href="javascript:y"}',
                "{: .c #i }",
                "{ data-x=1 style='color:red' }",
                "[a](b.md){target=_blank}",
                "![i](https://t.example/p.gif)",
                "![j](c.png){onerror=z}",
                "<svg><animate attributeName=href to=javascript:x /><set attributeName=href to=javascript:y>",
                "<meta http-equiv=refresh content='0;url=//e.example'>",
                "<base href=//e.example>",
                "<form action=https://e.example><button>",
                "<link rel=stylesheet href=//e.example/a.css>",
                "<style>@import url(//e.example/b.css)</style>",
                '<iframe src="https://allowed.example\\@e.example/">',
                "[d](data:text/html,x)",
                '<a href="&#106;avascript:x">',
                "<a href='java&#x09;script:x'>",
                "<input type=text name=q>",
                "<td style='text-align:left;background:url(//e.example)'>",
            ]
        ),
    ),
    max_size=12,
).map("".join)


def front_matter(data: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


LEAD = st.sampled_from(["\n", "\n\n", "# x\n"])
"""What can stand above the front matter."""
PAGE = st.one_of(
    st.builds(lambda data, body: front_matter(data) + body, DATA, BODY),
    st.builds(lambda raw, body: f"---\n{raw}\n---\n{body}", RAW, BODY),
    st.builds(lambda lead, data, body: lead + front_matter(data) + body, LEAD, DATA, BODY),
)


# --- What the allow-list allows --------------------------------------------------------------

EMBEDS = ("allowed.example",)
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


class _Outside(HTMLParser):
    """Every element, attribute and address in HTML outside the sanitiser's allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.found.append(tag)
            return
        for name, value in attrs:
            allowed = (
                ATTRIBUTES.get(tag, frozenset()) | ATTRIBUTES["*"] | ({"type"} if tag == "input" else set())
            )
            # As browsers read an address: tabs and line breaks anywhere, spaces at the ends, dropped.
            plain = re.sub(r"[\t\n\r]", "", value or "").strip(_C0_AND_SPACE).lower()
            if name not in allowed:
                self.found.append(f"{tag} {name}")
            elif _refused(tag, name, plain):
                self.found.append(f"{tag} {name}={value!r}")


def _refused(tag: str, name: str, plain: str) -> bool:
    """Whether an allowed attribute's value (as browsers read it) is outside the allow-list."""
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", plain)
    elsewhere = scheme is not None or plain.startswith("//")
    return (
        (name in ("href", "src") and scheme is not None and scheme.group(1) not in URL_SCHEMES)
        or ((tag, name) == ("img", "src") and elsewhere)
        or ((tag, name) == ("iframe", "src") and not plain.startswith("https://allowed.example/"))
        or ((tag, name) == ("input", "type") and plain not in ("checkbox", "radio"))
        or (name == "style" and ":" in plain.replace("text-align:", ""))
    )


def outside_allow_list(page_html: str) -> list[str]:
    parser = _Outside()
    parser.feed(page_html)
    parser.close()
    return parser.found


EXTENSIONS = [
    "attr_list", "md_in_html", "def_list", "tables", "admonition", "footnotes",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
]  # fmt: skip
"""The real site's Markdown, and more: what is rendered with them runs no script."""


# --- The pipeline: content problems only ------------------------------------------------------


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="coproduction-properties-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _run(root: Path, text: str) -> pipeline.Site:
    for folder in ("docs", "posts", "toolkit"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "posts/authors.yml").write_text(AUTHORS, encoding="utf-8")
    for name in ("docs/p.md", "posts/p.md"):
        (root / name).write_text(text, encoding="utf-8")
    docs = [ContentFile("p.md", str(root / "docs/p.md"), "docs/p.md", "guide", "docs")]
    return pipeline.run(SPEC, str(root), docs)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=PAGE)
def test_any_page_gives_content_problems_and_clean_records(scratch: Path, text: str) -> None:
    site = _run(scratch, text)
    for problem in site.problems:
        assert isinstance(problem, Problem)
        assert problem.path in ("docs/p.md", "posts/p.md", "posts/authors.yml"), problem
        assert len(problem.message) < 400 and "\n" not in problem.message, problem
    for record in site.records:
        source = record.source
        for value in (record.title, record.description, *(dataclasses.astuple(source) if source else ())):
            assert not (isinstance(value, str) and CONTROL_RE.search(value)), value
        assert all(t in TERMS for t in record.terms["barriers"])
        body = record.body or ""
        assert not CONTROL_RE.search(body)
        assert outside_allow_list(sanitise(markdown.markdown(body, extensions=EXTENSIONS))) == []


@settings(max_examples=300, deadline=None, database=None)
@given(body=BODY)
def test_what_a_page_publishes_holds_nothing_outside_the_allow_list(body: str) -> None:
    """Issue 22: whatever Markdown, raw HTML, attribute lists, SVG or entities a page holds,
    the published HTML has no element, attribute or address outside the allow-list."""
    published = sanitise(markdown.markdown(body, extensions=EXTENSIONS), EMBEDS)
    assert outside_allow_list(published) == []


@settings(max_examples=300, deadline=None, database=None)
@given(body=BODY)
def test_a_page_the_check_does_not_convert_loses_nothing(body: str) -> None:
    """The check converts only pages that ``might_hold_more``: from any other, the sanitiser
    removes nothing, so check and build say the same of every page."""
    if not might_hold_more(body, EXTENSIONS):
        assert find_removed(body, EXTENSIONS, {}, EMBEDS) == []


@settings(max_examples=100, deadline=None, database=None)
@given(
    code=st.lists(
        st.one_of(TEXT, st.sampled_from(["<script>", "onclick=", "javascript:x", "<iframe>"])), max_size=6
    ).map("".join)
)
def test_code_is_never_touched(code: str) -> None:
    code = code.replace("`", "").replace("\n", " ").replace("\r", " ").replace("~", "")
    for text in (f"Text `{code}` text\n", f"```\n{code}\n```\n", f"Para.\n\n    {code}\n"):
        assert find_removed(text, EXTENSIONS, {}, EMBEDS) == []


# --- Built sites: HTML, XML and JSON read back as text ------------------------------------------

POST_DATA = st.fixed_dictionaries(
    {
        "title": TEXT,
        "description": TEXT,
        "date": st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)),
        "authors": st.just(["ann"]),
        "barriers": st.lists(st.one_of(st.sampled_from(TERMS), TEXT), max_size=3),
    },
    optional={"source": st.fixed_dictionaries({"title": TEXT, "author": TEXT})},
)


def spaced(text: str) -> str:
    return " ".join(text.split())


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.where: list[str] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.where.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.where:
            del self.where[self.where.index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.where and self.where[-1] == "title":
            self.title += data


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(posts=st.lists(st.tuples(POST_DATA, BODY), min_size=1, max_size=3))
def test_every_output_reads_back_as_text(scratch: Path, posts: list[tuple[dict[str, Any], str]]) -> None:
    root = scratch / "built"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    files: dict[str, str | bytes] = {"posts/authors.yml": AUTHORS}
    for i, (data, body) in enumerate(posts):
        files[f"posts/p{i}.md"] = front_matter(data) + "Text.\n\n" + body  # search skips empty pages
    write_site(root, files)
    logger = logging.getLogger(ENGINE)
    level = logger.level
    logger.setLevel(logging.ERROR)  # the problems are expected; a traceback would fail the test
    config = load_config(config_file=str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        records = {r.url: r for r in config.plugins["coproduction"].site.records}
    finally:
        config.plugins.on_shutdown()
        logger.setLevel(level)
    site = Path(config.site_dir)
    exported = json.loads((site / "cross-index.json").read_text(encoding="utf-8"))
    search = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    # Search keeps titles as HTML, their spaces run together: unescaped and spaced alike, they are the text.
    search_titles = {doc["location"]: spaced(html.unescape(doc["title"])) for doc in search["docs"]}
    items = {
        item.findtext("link"): item
        for item in ET.fromstring((site / "feed.xml").read_bytes()).iter("item")  # ill-formed XML raises
    }
    for page in exported["pages"]:
        record = records[page["url"]]
        assert (page["title"], page["description"]) == (record.title, record.description)
        if not record.is_post:
            continue  # the home page
        item = items[f"https://example.org/toolkit/{record.url}"]
        assert item.findtext("title") == record.title
        assert record.description in html.unescape(item.findtext("description") or "")
        parser = _Texts()
        parser.feed((site / record.url / "index.html").read_text(encoding="utf-8"))
        assert parser.title == f"{record.title} - Test Toolkit"
        assert search_titles[record.url] == spaced(record.title)
    for feed in site.rglob("feed.xml"):
        ET.fromstring(feed.read_bytes())
