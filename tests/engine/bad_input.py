"""The bad-input corpus: what strangers' pull requests hold, and the message each one gives.

Each case is a few files (and symbolic links) added to a small good site. The contract
(PRODUCT.md, "Content problems"): a ``path:line: message`` line with the fix, the same in
``make check`` and the build, both failing, no traceback, and every good page still built.
``test_bad_input.py`` runs them; the closing note of issue 13 lists them from here.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass, field
from typing import Any

from conftest import AUTHORS, page

__all__ = ["CASES", "EXTENSIONS", "GOOD", "GOOD_URLS", "Case"]

EXTENSIONS: list[Any] = [
    {"toc": {"permalink": True}},
    "admonition",
    "attr_list",
    "def_list",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tasklist": {"custom_checkbox": False}},
]
"""The Markdown extensions of the toolkit's own mkdocs.yml: what every case's site reads pages with."""

GOOD: dict[str, str | bytes] = {
    "posts/authors.yml": AUTHORS,
    "docs/guidance/good.md": page({"title": "Good guide", "barriers": ["power"]}),
    "toolkit/good.md": page({"title": "Good tool", "barriers": ["capacity"]}),
    "posts/good.md": page(
        {"title": "Good post", "date": "2024-01-02", "authors": ["ann"], "barriers": ["power"]},
        "First paragraph.\n\n<!-- more -->\n\nThe rest.\n",
    ),
}
"""The good site every case is added to."""

GOOD_URLS = ("", "guidance/good/", "toolkit/good/", "posts/good/", "posts/", "barriers/power/")
"""Pages that must be built whatever a case adds."""

# Messages shared by several cases: each is written once here, as the plugin prints it.
LOOP = (
    "this symbolic link leads round in a loop (back to itself, or to a folder it is in), "
    "so nothing is published from it: remove it"
)
NOWHERE = (
    "this symbolic link leads nowhere (to '{0}'), so nothing is published from it: remove it, "
    "or make it lead to a file in this repository"
)
OUTSIDE = (
    "this symbolic link leads outside the repository (to '{0}'), so it is not published: copy "
    "what it leads to into the repository instead"
)
CONTROL = "{0} holds an invisible control character ({1}), which would break the site's feeds: delete it"
NO_SCRIPTS = "pages may not run scripts"
SCRIPT = f"the <script> is left out of the page: {NO_SCRIPTS}. Remove it"
JAVASCRIPT = (
    f"the javascript: address is left out of the page: {NO_SCRIPTS}. Link to a page or a web "
    "address (https://...) instead"
)
ALIASES = (
    "the YAML aliases (*name) here repeat a value too often, or inside itself, so this setting is "
    "ignored{0}: write the values out instead"
)
BOMB = "".join(
    f"a{i}: &a{i} [" + ", ".join(["x" if i == 0 else f"*a{i - 1}"] * 10) + "]\n" for i in range(12)
)
"""Twelve lines of YAML naming 10^12 values (the issue's 35 MB of output)."""


ON = "the {0}= attribute of <{1}> is left out of the page: " + NO_SCRIPTS + ". Remove it"
ELEMENT = (
    "the <{0}> is left out of the page: pages may hold only the HTML Markdown writes (see "
    "CONTRIBUTING.md, 'What a page may hold'). Write it in Markdown, or remove it"
)
ELSEWHERE = (
    "the image from another site is left out of the page: pages load nothing from other sites. "
    "Save the image in the repository and link to the file instead"
)
SCHEME = (
    "the {0}: address is left out of the page: links lead to this site's pages and files, web "
    "addresses (https://...), mailto: and tel: only. Use one of those"
)
BROKEN = (
    "the link 'nowhere/at-all-{0}.md' leads to no file of this site (looked for "
    "'nowhere/at-all-{0}.md'). Links name "
    "the Markdown file, like ../guidance/paying-people.md"
)
TERMS_SHOWN = (
    "power, leadership, diversity, capacity, term-0, term-1, term-2, term-3, term-4, term-5 and "
    "1994 more (see mkdocs.yml)"
)


def _page(body: str) -> str:
    return page({"title": "A", "barriers": []}, body)


def _text(front: str, body: str = "Text.\n") -> str:
    """A page from raw front matter lines (escapes such as ``\\u0001`` stay as YAML reads them)."""
    return f"---\n{front}---\n\n{body}"


@dataclass(frozen=True)
class Case:
    """Files (and links) added to the good site, and the problem lines they give."""

    id: str
    kind: str
    """Which of the issue's kinds it is (for the closing note)."""
    files: dict[str, str | bytes]
    expected: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()
    """(where the link is, from the repository, what it leads to as written)."""
    built: tuple[str, ...] = ()
    """The case's own pages that must still be built (a page with a problem is built without it)."""
    options: dict[str, Any] = field(default_factory=dict)
    """Plugin options to add."""


POST = "date: 2024-02-03\nauthors: [ann]\nbarriers: [power]\n"

CASES: tuple[Case, ...] = (
    # --- Tracebacks that lost the whole site -------------------------------------------
    Case(
        "dangling-link-in-docs",
        "traceback",
        {},
        (f"docs/gone.md:1: {NOWHERE.format('missing.md')}",),
        links=(("docs/gone.md", "missing.md"),),
    ),
    Case(
        "dangling-link-in-a-source-folder",
        "traceback",
        {},
        (f"toolkit/gone.md:1: {NOWHERE.format('../nowhere/tool.md')}",),
        links=(("toolkit/gone.md", "../nowhere/tool.md"),),
    ),
    Case(
        "file-link-loop",
        "traceback",
        {},
        (f"docs/loop-a.md:1: {LOOP}", f"docs/loop-b.md:1: {LOOP}"),
        links=(("docs/loop-a.md", "loop-b.md"), ("docs/loop-b.md", "loop-a.md")),
    ),
    Case(
        "folder-link-loop",
        "traceback",
        {"docs/guidance/more.md": page({"title": "More", "barriers": []})},
        (f"docs/guidance/up:1: {LOOP}",),
        links=(("docs/guidance/up", ".."),),
        built=("guidance/more/",),
    ),
    Case(
        "two-folder-link-loops",  # the engine alone would walk 2^40 paths
        "traceback",
        {},
        (f"docs/a/up:1: {LOOP}", f"docs/b/up:1: {LOOP}"),
        links=(("docs/a/up", ".."), ("docs/b/up", "..")),
    ),
    Case(
        "folder-link-loop-in-a-source-folder",
        "traceback",
        {},
        (f"toolkit/again:1: {LOOP}",),
        links=(("toolkit/again", "."),),
    ),
    Case(
        "file-name-not-utf8",
        "traceback",
        {os.fsdecode(b"docs/caf\xe9.md"): page({"title": "Cafe", "barriers": []})},
        (
            "docs/caf\\xe9.md:1: this file's name is not UTF-8 text, so it is not published: "
            "rename it, using letters, digits and '-'",
        ),
    ),
    Case(
        "file-name-not-utf8-in-a-source-folder",
        "traceback",
        {os.fsdecode(b"toolkit/\xff.png"): b"\x89PNG"},
        (
            "toolkit/\\xff.png:1: this file's name is not UTF-8 text, so it is not published: "
            "rename it, using letters, digits and '-'",
        ),
    ),
    Case(
        "file-name-with-a-control-character",
        "traceback",
        {"docs/tab\x01.md": page({"title": "Odd", "barriers": []})},
        (
            "docs/tab\\x01.md:1: this file's name holds an invisible control character (U+0001), "
            "so it is not published: rename it, using letters, digits and '-'",
        ),
    ),
    Case(
        "template-the-theme-lacks",
        "theme",
        {"docs/t.md": page({"title": "T", "template": "mian.html", "barriers": []})},
        (
            "docs/t.md:3: unknown template 'mian.html': the page is built with the theme's default. "
            "Did you mean 'main.html'? Remove the line, or name a template the theme has, like main.html",
        ),
        built=("t/",),
    ),
    Case(
        "template-outside-the-theme",
        "theme",
        {"docs/t.md": page({"title": "T", "template": "../../../etc/hostname", "barriers": []})},
        (
            "docs/t.md:3: unknown template '../../../etc/hostname': the page is built with the "
            "theme's default. Remove the line, or name a template the theme has, like main.html",
        ),
        built=("t/",),
    ),
    Case(
        "template-not-text",
        "theme",
        {"docs/t.md": _text("title: T\ntemplate: 42\nbarriers: []\n")},
        (
            "docs/t.md:3: template 42 should be the name of one of the theme's templates, like "
            "template: main.html; the page is built with the default",
        ),
        built=("t/",),
    ),
    Case(
        "icon-the-theme-lacks",
        "theme",
        {"docs/t.md": page({"title": "T", "icon": "material/hom", "barriers": []})},
        (
            "docs/t.md:3: unknown icon 'material/hom': the page is built without it. Did you mean "
            "'material/home'? Remove the line, or name one of the theme's icons, as set/name, like "
            "material/home",
        ),
        built=("t/",),
    ),
    Case(
        "icon-not-text",
        "theme",
        {"docs/t.md": _text("title: T\nicon: [a, b]\nbarriers: []\n")},
        (
            "docs/t.md:3: icon ['a', 'b'] should be the name of one of the theme's icons, like "
            "icon: material/home; the page is built without it",
        ),
        built=("t/",),
    ),
    Case(
        "hide-not-a-list",
        "theme",
        {"docs/t.md": _text("title: T\nhide: 42\nbarriers: []\n")},
        (
            "docs/t.md:3: 'hide' should be a list of what to hide, like hide: [navigation, toc]; "
            "it is ignored",
        ),
        built=("t/",),
    ),
    Case(
        "search-not-settings",
        "theme",
        {"docs/t.md": _text("title: T\nsearch: 5\nbarriers: []\n")},
        ("docs/t.md:3: 'search' should be settings, like search: {exclude: true}; it is ignored",),
        built=("t/",),
    ),
    # --- Files from outside the repository ------------------------------------------------
    Case(
        "file-link-outside",
        "outside",
        {},
        (f"docs/secret.md:1: {OUTSIDE.format('../../elsewhere/secret.md')}",),
        links=(("docs/secret.md", "../../elsewhere/secret.md"),),
    ),
    Case(
        "folder-link-outside",
        "outside",
        {},
        (f"docs/guidance/elsewhere:1: {OUTSIDE.format('../../../elsewhere')}",),
        links=(("docs/guidance/elsewhere", "../../../elsewhere"),),
    ),
    Case(
        "file-link-outside-in-a-source-folder",
        "outside",
        {},
        (f"posts/secret.md:1: {OUTSIDE.format('../../elsewhere/secret.md')}",),
        links=(("posts/secret.md", "../../elsewhere/secret.md"),),
    ),
    Case(
        "image-link-outside",
        "outside",
        {},
        (f"docs/photo.png:1: {OUTSIDE.format('../../elsewhere/photo.png')}",),
        links=(("docs/photo.png", "../../elsewhere/photo.png"),),
    ),
    # --- Output broken by a title -----------------------------------------------------------
    Case(
        "control-character-in-a-title",
        "control",
        {"posts/c.md": _text('title: "Bell\\u0007 ringing"\n' + POST)},
        (f"posts/c.md:2: {CONTROL.format(repr('title'), 'U+0007')}",),
        built=("posts/c/",),
    ),
    Case(
        "control-character-in-a-description",
        "control",
        {"posts/c.md": _text('title: C\ndescription: "Form\\ffeed"\n' + POST)},
        (f"posts/c.md:3: {CONTROL.format(repr('description'), 'U+000C')}",),
        built=("posts/c/",),
    ),
    Case(
        "control-character-in-a-term",
        "control",
        {"posts/c.md": _text('title: C\ndate: 2024-02-03\nauthors: [ann]\nbarriers: ["pow\\u0001er"]\n')},
        (
            "posts/c.md:5: unknown barriers term 'pow\\x01er'. Did you mean 'power'? Known terms: "
            "power, leadership, diversity, capacity",
        ),
        built=("posts/c/",),
    ),
    Case(
        "control-character-in-a-source",
        "control",
        {"posts/c.md": _text('title: C\nsource: {title: "Re\\u001bport", author: Ann}\n' + POST)},
        (f"posts/c.md:3: {CONTROL.format('source title', 'U+001B')}",),
        built=("posts/c/",),
    ),
    Case(
        "control-character-in-the-authors-file",
        "control",
        {"posts/authors.yml": AUTHORS + 'cat:\n  name: "Cat\\u0008"\n'},
        ("posts/authors.yml:7: " + CONTROL.format("author 'cat' name", "U+0008"),),
    ),
    Case(
        "control-character-in-the-text",
        "control",
        {"posts/c.md": _text("title: C\n" + POST, "Fine.\n\nA bell\x07 and a\x08 backspace.\n")},
        (
            "posts/c.md:10: this line holds an invisible control character (U+0007) (and 1 more in "
            "the page), which would break the site's feeds: delete it",
        ),
        built=("posts/c/",),
    ),
    # --- Messages that flooded ----------------------------------------------------------------
    Case(
        "yaml-alias-chain-in-terms",
        "flood",
        {"docs/bomb.md": _text(BOMB + "title: Bomb\nbarriers: [*a11]\n")},
        ("docs/bomb.md:5: " + ALIASES.format(" (and 9 more like it)"),),
        built=("bomb/",),
    ),
    Case(
        "yaml-alias-chain-in-the-authors-file",
        "flood",
        {
            "posts/authors.yml": AUTHORS
            + "cat:\n  name: Cat\n"
            + textwrap.indent(BOMB, "  ")
            + "  role: *a11\n"
        },
        ("posts/authors.yml:6: " + ALIASES.format(""),),
    ),
    Case(
        "yaml-alias-inside-itself",
        "flood",
        {"docs/self.md": _text("title: Self\nbarriers: &b [power, *b]\n")},
        ("docs/self.md:3: " + ALIASES.format(""),),
        built=("self/",),
    ),
    Case(
        "a-huge-unknown-term",
        "flood",
        {"docs/long.md": page({"title": "Long", "barriers": ["x" * 100_000]})},
        (
            f"docs/long.md:4: unknown barriers term '{'x' * 57}...'. Known terms: power, "
            "leadership, diversity, capacity",
        ),
        built=("long/",),
    ),
    Case(
        "a-nested-term",
        "flood",
        {"docs/nested.md": _text("title: Nested\nbarriers: [[[[[[[power]]]]]]]\n")},
        (
            "docs/nested.md:3: barriers term [[[...]]] is not text: write one of power, "
            "leadership, diversity, capacity",
        ),
        built=("nested/",),
    ),
    # --- Accepted silently before ----------------------------------------------------------
    Case(
        "post-with-no-authors",
        "silent",
        {"posts/q.md": _text("title: Q\ndate: 2024-02-03\nauthors: []\nbarriers: []\n")},
        (
            "posts/q.md:4: a blog post needs at least one author: write the ids from the authors file "
            "in the list, like authors: [your-id]",
        ),
        built=("posts/q/",),
    ),
    Case(
        "blank-line-before-the-front-matter",
        "silent",
        {"docs/blank.md": "\n" + page({"title": "Blank", "barriers": ["power"]})},
        (
            "docs/blank.md:1: the front matter must start on the first line: delete the blank "
            "line above the first '---'",
        ),
        built=("blank/",),
    ),
    Case(
        "blank-lines-before-the-front-matter-with-a-mistake",
        "silent",
        {"docs/blank.md": "\n\n" + page({"title": "Blank", "barriers": ["powr"]})},
        (
            "docs/blank.md:1: the front matter must start on the first line: delete the 2 blank "
            "lines above the first '---'",
            "docs/blank.md:6: unknown barriers term 'powr'. Did you mean 'power'? Known terms: "
            "power, leadership, diversity, capacity",
        ),
        built=("blank/",),
    ),
    Case(
        "text-before-the-front-matter",
        "silent",
        {"docs/above.md": "# yaml-language-server: $schema=x\n" + page({"title": "A", "barriers": []})},
        (
            "docs/above.md:2: these settings are shown as text, because the front matter must start "
            "on the first line: move the '---' line to the top, above everything else",
        ),
        built=("above/",),
    ),
    Case(
        "author-id-twice",
        "silent",
        {"posts/authors.yml": AUTHORS + "ann:\n  name: Another Ann\n"},
        (
            "posts/authors.yml:6: author id 'ann' is listed twice (first on line 1), and only this "
            "one counts: keep one, or give the other author an id of their own",
        ),
    ),
    Case(
        "avatar-javascript",
        "silent",
        {"posts/authors.yml": AUTHORS + "cat:\n  name: Cat\n  avatar: javascript:alert(1)\n"},
        (
            "posts/authors.yml:8: author 'cat' avatar 'javascript:alert(1)' is left out: give a web "
            "address (https://...) or a path on this site, like images/your-id.png",
        ),
    ),
    Case(
        "avatar-from-another-host-without-a-scheme",
        "silent",
        {"posts/authors.yml": AUTHORS + "cat:\n  name: Cat\n  avatar: //example.com/cat.png\n"},
        (
            "posts/authors.yml:8: author 'cat' avatar '//example.com/cat.png' is left out: give a web "
            "address (https://...) or a path on this site, like images/your-id.png",
        ),
    ),
    Case(
        "script",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "Hi <script>alert(1)</script> there.\n")},
        (f"docs/a.md:6: {SCRIPT}",),
        built=("a/",),
    ),
    Case(
        "script-block",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "Hi.\n\n<script>\nalert(1)\n</script>\n")},
        (f"docs/a.md:8: {SCRIPT}",),
        built=("a/",),
    ),
    Case(
        "iframe-from-a-host-not-allowed",
        "active",
        {
            "docs/a.md": page(
                {"title": "A", "barriers": []}, '<iframe src="https://ads.example/x"></iframe>\n'
            )
        },
        (
            "docs/a.md:6: the <iframe> from ads.example is left out of the page: embeds may come "
            "only from the hosts in the coproduction plugin's 'embeds_allowed' "
            "(www.youtube-nocookie.com), at https:// addresses. Link to it instead",
        ),
        built=("a/",),
        options={"embeds_allowed": ["www.youtube-nocookie.com"]},
    ),
    Case(
        "object-and-embed",
        "active",
        {
            "docs/a.md": page(
                {"title": "A", "barriers": []}, '<object data="x.swf"></object>\n\n<embed src="y.swf">\n'
            )
        },
        (
            "docs/a.md:6: the <object> is left out of the page: pages may not embed programs or "
            "other pages. Link to the file instead",
            "docs/a.md:8: the <embed> is left out of the page: pages may not embed programs or "
            "other pages. Link to the file instead",
        ),
        built=("a/",),
    ),
    Case(
        "onclick",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, 'A <b onclick="steal()">bold</b> move.\n')},
        (f"docs/a.md:6: the onclick= attribute of <b> is left out of the page: {NO_SCRIPTS}. Remove it",),
        built=("a/",),
    ),
    Case(
        "onerror-on-an-image",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "<img src=x onerror=alert(1)>\n")},
        (f"docs/a.md:6: the onerror= attribute of <img> is left out of the page: {NO_SCRIPTS}. Remove it",),
        built=("a/",),
    ),
    Case(
        "javascript-link",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "[Click](javascript:alert('hi'))\n")},
        (f"docs/a.md:6: {JAVASCRIPT}",),
        built=("a/",),
    ),
    Case(
        "javascript-link-in-disguise",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "[Click](JaVa&#115;cript:alert(1))\n")},
        (f"docs/a.md:6: {JAVASCRIPT}",),
        built=("a/",),
    ),
    Case(
        "javascript-reference-link",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "[Click][go]\n\n[go]: javascript:alert(1)\n")},
        (f"docs/a.md:8: {JAVASCRIPT}",),
        built=("a/",),
    ),
    Case(
        "javascript-in-html",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, '<a href="javascript:alert(1)">Click</a>\n')},
        (f"docs/a.md:6: {JAVASCRIPT}",),
        built=("a/",),
    ),
    Case(
        "script-after-a-comment-trick",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "<!--><script>alert(1)</script>-->\n")},
        (f"docs/a.md:6: {SCRIPT}",),
        built=("a/",),
    ),
    Case(
        "script-inside-a-broken-tag",
        "active",
        {"docs/a.md": page({"title": "A", "barriers": []}, "<scr<script>ipt>alert(1)</script>\n")},
        (f"docs/a.md:6: {SCRIPT}",),
        built=("a/",),
    ),
    # --- Issue 22: what got past the list of known tricks -----------------------------------
    *(
        Case(
            f"issue-22-{name}",
            "active",
            {"docs/a.md": _page(body)},
            tuple(f"docs/a.md:{n}: {m}" for n, m in sorted(said)),  # as problems are sorted
            built=("a/",),
        )
        for name, body, said in (
            (
                "attr-list-onclick",
                '[Open](guidance/good.md){onclick="alert(1)"}\n',
                ((6, ON.format("onclick", "a")),),
            ),
            ("attr-list-href", '[Open](guidance/good.md){href="javascript:alert(1)"}\n', ((6, JAVASCRIPT),)),
            (
                "attr-list-onerror",
                '![chart](guidance/good.md){onerror="alert(1)"}\n',
                ((6, ON.format("onerror", "img")),),
            ),
            (
                "svg-script",
                "<svg><script>alert(1)</script></svg>\n",
                ((6, ELEMENT.format("svg")), (6, SCRIPT)),
            ),
            (
                "svg-animate-href",
                '<svg><a><animate attributeName="href" to="javascript:alert(1)"/>'
                '<set attributeName="href" to="javascript:alert(2)"/><text y="20">Go</text></a></svg>\n',
                (
                    (6, ELEMENT.format("svg")),
                    (6, ELEMENT.format("a")),
                    (6, ELEMENT.format("animate")),
                    (6, ELEMENT.format("set")),
                    (6, ELEMENT.format("text")),
                ),
            ),
            (
                "entity-encoded-javascript",
                '<a href="&#106;ava&#x73;cript&#58;alert(1)">x</a>\n',
                ((6, JAVASCRIPT),),
            ),
            ("split-javascript", '<a href="java&#x09;script:alert(1)">x</a>\n', ((6, JAVASCRIPT),)),
            (
                "meta-refresh",
                'Hi.\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
                ((8, ELEMENT.format("meta")),),
            ),
            (
                "base-href",
                '<base href="https://evil.example/">\n\n[Home](guidance/good.md)\n',
                ((6, ELEMENT.format("base")),),
            ),
            (
                "form-to-another-host",
                '<form action="https://evil.example/steal"><button>Send</button></form>\n',
                ((6, ELEMENT.format("form")), (6, ELEMENT.format("button"))),
            ),
            (
                "stylesheet-from-another-host",
                '<link rel="stylesheet" href="https://evil.example/a.css">\n',
                ((6, ELEMENT.format("link")),),
            ),
            (
                "css-import",
                "<style>@import url(https://evil.example/b.css);</style>\n",
                ((6, ELEMENT.format("style")),),
            ),
            ("tracking-image", "Hi.\n\n![](https://tracker.example/p.gif)\n", ((8, ELSEWHERE),)),
            ("tracking-image-in-html", '<img src="//tracker.example/p.gif" alt="">\n', ((6, ELSEWHERE),)),
            (
                "data-html-link",
                "[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
                ((6, SCHEME.format("data")),),
            ),
            (
                "script-in-a-heading",
                "# Title <img src=x onerror=alert(1)>\n",
                ((6, ON.format("onerror", "img")),),
            ),
            (
                "many-scripts",
                "<script>alert(1)</script>\n\n" * 300,
                ((6, SCRIPT + " (300 times on this page)"),),
            ),
        )
    ),
    Case(
        "issue-22-iframe-host-behind-a-backslash",
        "active",
        {"docs/a.md": _page('<iframe src="https://www.youtube-nocookie.com\\@evil.example/x"></iframe>\n')},
        (
            "docs/a.md:6: the <iframe> from evil.example is left out of the page: embeds may come "
            "only from the hosts in the coproduction plugin's 'embeds_allowed' "
            "(www.youtube-nocookie.com), at https:// addresses. Link to it instead",
        ),
        built=("a/",),
        options={"embeds_allowed": ["www.youtube-nocookie.com"]},
    ),
    Case(
        "issue-22-one-term-10000-times",
        "flood",
        {"docs/a.md": _text("title: A\nbarriers: [" + ", ".join(["power"] * 10_000) + "]\n")},
        ("docs/a.md:3: barriers term 'power' is listed 10000 times: list it once",),
        built=("a/",),
    ),
    Case(
        "issue-22-unknown-terms-in-a-large-taxonomy",
        "flood",
        {
            "docs/a.md": _text(
                "title: A\nbarriers: [pwer, " + ", ".join(f"nope-{i}" for i in range(50)) + "]\n"
            )
        },
        (
            f"docs/a.md:3: 47 more barriers terms from this line on are not known terms: use those of "
            f"mkdocs.yml ({TERMS_SHOWN})",
            *[f"docs/a.md:3: unknown barriers term 'nope-{i}'. Known terms: {TERMS_SHOWN}" for i in range(3)],
            "docs/a.md:3: unknown barriers term 'pwer'. Did you mean 'power'? Known terms: " + TERMS_SHOWN,
        ),
        built=("a/",),
        options={
            "taxonomies": {
                "barriers": {
                    "title": "Barriers",
                    "terms": {
                        **{t: {"title": t.title()} for t in ("power", "leadership", "diversity", "capacity")},
                        **{f"term-{i}": {"title": f"Term {i}"} for i in range(2000)},
                    },
                }
            }
        },
    ),
    Case(
        "issue-22-8000-broken-links",
        "flood",
        {"docs/a.md": _page("".join(f"[x](nowhere/at-all-{i}.md)\n" for i in range(8000)))},
        (
            *[f"docs/a.md:{6 + i}: {BROKEN.format(i)}" for i in range(4)],
            "docs/a.md:10: 7996 more links from this line on lead to no file of this site: fix them like "
            "those above",
        ),
        built=("a/",),
    ),
)
