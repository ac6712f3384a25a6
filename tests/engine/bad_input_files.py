"""Issue 22's corpus: files a browser would run, configuration values that would reach pages
live, and files from outside the repository or at a second address.

Each case is a few files, links, plugin options and site settings added to
``bad_input.GOOD``, with the problem lines it must give (a line of ``mkdocs.yml`` is written
``{mkdocs.yml:text}``: the line of the fixture's configuration that first holds ``text``).
``test_bad_input_files.py`` runs them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bad_input import GOOD

from conftest import page

__all__ = ["CASES", "GOOD_FILES", "PUBLISHED", "SECRET", "FileCase"]

SECRET = "Secret Sam"
"""A name only the files outside the repository hold: it must appear nowhere in the site."""

PLAIN_SVG = """\
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Drawn in Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
     width="64" height="64" viewBox="0 0 64 64" role="img" aria-labelledby="t" inkscape:version="1.3">
  <title id="t">Two people talking</title>
  <metadata><rdf:RDF><dc:title>Talking</dc:title></rdf:RDF></metadata>
  <sodipodi:namedview id="view" pagecolor="#ffffff"/>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#36c"/></linearGradient>
    <style>.a { fill: url(#g); }</style></defs>
  <g inkscape:label="Layer 1" data-name="people"><circle class="a" cx="20" cy="20" r="10"/>
    <use xlink:href="#t" x="5"/><path d="M0 0L64 64" style="stroke: #000; fill: url('#g')"/></g>
</svg>
"""

GOOD_FILES: dict[str, str | bytes] = {
    **GOOD,
    "docs/images/talking.svg": PLAIN_SVG,
    "docs/images/photo.png": b"\x89PNG\r\n",
    "toolkit/handout.pdf": b"%PDF-1.4\n",
    "docs/CNAME": "toolkit.example.org\n",
}
"""The good site with the static files a site publishes: each must be in every build."""

PUBLISHED = ("images/talking.svg", "images/photo.png", "toolkit/handout.pdf", "CNAME")


def _svg(inside: str, head: str = "") -> str:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n{inside}\n</svg>\n'


FIX = "if the site really means to ship it, list it under 'publish_files' in mkdocs.yml ({0})"
AS_PAGE = (
    "this file would be published as it is, and a browser runs what it holds as a page of the "
    "site: it is not published. Write a page in Markdown (.md); a template belongs in overrides/; "
    f"or {FIX}"
)
OTHER = (
    "this is {1}, which a browser could run or show as a page of the site, so it is not published "
    "from a content folder: pictures, documents, audio and video are (.png, .jpg, .pdf, .docx, "
    ".mp4 ...); stylesheets, scripts and fonts belong in overrides/; or " + FIX
)
SVG = (
    "this picture holds {1}, which is not part of a plain picture, and a browser opening the file "
    "would run or fetch it: it is not published. Save it again as a plain SVG (or as PNG), or " + FIX
)
HTML_TEXT = (
    "{0} holds HTML, which pages show as text, not run: write plain text (put links under "
    "footer_links of the coproduction plugin)"
)
FOOTER_ADDRESS = (
    "footer link '{0}' needs a page of this site (page: accessibility.md) or an address starting "
    "with https:// (url: https://...)"
)
TWICE = (
    "the source folder '{0}' (for /{1}/) {2}, so its pages would be published twice, under two "
    "addresses: give each source a folder of its own, beside the docs folder, or remove this one"
)
OUT = (
    "the source folder '{0}' (for /{1}/) leads outside the repository, so nothing is published from "
    "it: move that folder into the repository, and name it here"
)
AUTHORS_OUT = (
    "the authors file '{0}' leads outside the repository, so it is not read: keep the authors file "
    "in the repository, like posts/authors.yml"
)
FOLDED = (
    "the URL /{0} differs from /{1}, used by {2}, only in {3}, and some hosts and computers "
    "(Windows, macOS) take the two for one: rename or move this file"
)
NAV_LEFT_OUT = (
    "is left out: a browser would run it, or it holds a quote or a space that would end its link. "
    "Give a page's file from docs/ (like guidance/index.md), or an https:// address"
)
SOURCES = {"posts": {"dir": "posts", "kind": "post"}, "toolkit": {"dir": "toolkit", "kind": "tool"}}
NFC = unicodedata.normalize("NFC", "café")
NFD = unicodedata.normalize("NFD", "café")


@dataclass(frozen=True)
class FileCase:
    """Files, links, options and settings added to the good site, and the problem lines."""

    id: str
    kind: str
    files: dict[str, str | bytes]
    expected: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    """Plugin options to add."""
    settings: dict[str, Any] = field(default_factory=dict)
    """Site settings (``copyright``) to add."""
    built: tuple[str, ...] = ()
    """The case's own pages or files that must be built."""
    absent: tuple[str, ...] = ()
    """Paths of the site that must not exist."""
    removed: tuple[str, ...] = ()
    """Files of the good site the case does without."""


CASES: tuple[FileCase, ...] = (
    # --- Files a browser would run --------------------------------------------------------
    FileCase(
        "html-in-docs",
        "active-file",
        {"docs/widget.html": "<script>alert(1)</script>\n"},
        (f"docs/widget.html:1: {AS_PAGE.format('docs/widget.html')}",),
        absent=("widget.html",),
    ),
    FileCase(
        "htm-in-a-source-folder",
        "active-file",
        {"toolkit/game.htm": "<body onload=alert(1)>\n"},
        (f"toolkit/game.htm:1: {AS_PAGE.format('toolkit/game.htm')}",),
        absent=("toolkit/game.htm",),
    ),
    FileCase(
        "svg-with-a-script",
        "active-file",
        {"docs/images/evil.svg": _svg('<circle r="2"/>\n<script>alert(1)</script>')},
        (f"docs/images/evil.svg:3: {SVG.format('docs/images/evil.svg', 'a <script> element')}",),
        absent=("images/evil.svg",),
    ),
    FileCase(
        "svg-with-onload",
        "active-file",
        {"toolkit/onload.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n'},
        (f"toolkit/onload.svg:1: {SVG.format('toolkit/onload.svg', 'an attribute onload= on <svg>')}",),
        absent=("toolkit/onload.svg",),
    ),
    FileCase(
        "svg-with-html-inside",
        "active-file",
        {
            "docs/images/html.svg": _svg(
                '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" '
                'onerror="alert(1)"/></body></foreignObject>'
            )
        },
        (f"docs/images/html.svg:2: {SVG.format('docs/images/html.svg', 'a <foreignObject> element')}",),
        absent=("images/html.svg",),
    ),
    FileCase(
        "svg-with-a-javascript-link",
        "active-file",
        {"docs/images/link.svg": _svg('<a href="javascript:alert(1)"><circle r="2"/></a>')},
        (f"docs/images/link.svg:2: {SVG.format('docs/images/link.svg', 'a <a> element')}",),
        absent=("images/link.svg",),
    ),
    FileCase(
        "svg-using-another-file",
        "active-file",
        {"docs/images/use.svg": _svg('<use href="https://evil.example/x.svg#a"/>')},
        (
            "docs/images/use.svg:2: "
            + SVG.format(
                "docs/images/use.svg", "a link out of the picture ('https://evil.example/x.svg#a') on <use>"
            ),
        ),
        absent=("images/use.svg",),
    ),
    FileCase(
        "svg-with-an-entity",
        "active-file",
        {
            "docs/images/xxe.svg": _svg(
                "<text>&x;</text>", '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            )
        },
        (
            "docs/images/xxe.svg:1: "
            + SVG.format("docs/images/xxe.svg", "a <!DOCTYPE> (its entities can bring in other files)"),
        ),
        absent=("images/xxe.svg",),
    ),
    FileCase(
        "svg-with-a-style-import",
        "active-file",
        {"docs/images/css.svg": _svg("<style>@import url(https://evil.example/a.css);</style>")},
        (
            "docs/images/css.svg:2: "
            + SVG.format("docs/images/css.svg", "a <style> that fetches or runs something"),
        ),
        absent=("images/css.svg",),
    ),
    FileCase(
        "script-file",
        "active-file",
        {"docs/assets/app.js": "alert(1)\n"},
        (f"docs/assets/app.js:1: {OTHER.format('docs/assets/app.js', 'a .js file')}",),
        absent=("assets/app.js",),
    ),
    FileCase(
        "xml-file",
        "active-file",
        {"toolkit/data.xml": '<?xml version="1.0"?><a/>\n'},
        (f"toolkit/data.xml:1: {OTHER.format('toolkit/data.xml', 'a .xml file')}",),
        absent=("toolkit/data.xml",),
    ),
    FileCase(
        "file-without-a-type",
        "active-file",
        {"docs/notes": "<script>alert(1)</script>\n"},
        (f"docs/notes:1: {OTHER.format('docs/notes', 'a file without a type (.png, .pdf)')}",),
        absent=("notes",),
    ),
    FileCase(
        "publish-files-naming-nothing",
        "active-file",
        {},
        (
            "{mkdocs.yml:publish_files}: publish_files entry 'docs/widget.js' names no file of the "
            "content folders (it is a path from the folder of mkdocs.yml, like docs/assets/widget.js): "
            "correct it, or remove it",
        ),
        options={"publish_files": ["docs/widget.js"]},
    ),
    # --- Configuration values that would reach pages live ------------------------------------
    FileCase(
        "footer-title-with-an-event-handler",
        "config",
        {},
        (
            "{mkdocs.yml:footer_links}: "
            + HTML_TEXT.format("a footer link's title 'Credits\" onmouseover=\"alert(1)'"),
        ),
        options={
            "footer_links": [{"title": 'Credits" onmouseover="alert(1)', "url": "https://example.org/"}]
        },
    ),
    FileCase(
        "footer-link-to-javascript",
        "config",
        {},
        ("{mkdocs.yml:footer_links}: " + FOOTER_ADDRESS.format("Help"),),
        options={"footer_links": [{"title": "Help", "url": "javascript:alert(1)"}]},
    ),
    FileCase(
        "footer-address-ending-its-attribute",
        "config",
        {},
        ("{mkdocs.yml:footer_links}: " + FOOTER_ADDRESS.format("Help"),),
        options={"footer_links": [{"title": "Help", "url": 'https://example.org/" onmouseover="alert(1)'}]},
    ),
    FileCase(
        "term-easy-read-to-javascript",
        "config",
        {},
        (
            "{mkdocs.yml:easy_read}: easy_read 'javascript:alert(1)' of the barriers term 'power' is "
            "not a page of this site: give the path of the Easy Read page's Markdown file from docs/, "
            "like easy-read/power.md",
        ),
        options={"taxonomies.barriers.terms.power.easy_read": "javascript:alert(1)"},
    ),
    FileCase(
        "term-title-with-html",
        "config",
        {},
        (
            "{mkdocs.yml:<img}: "
            + HTML_TEXT.format("the title of term 'power' '</title><img src=x onerror=alert(1)>'"),
        ),
        options={"taxonomies.barriers.terms.power.title": "</title><img src=x onerror=alert(1)>"},
    ),
    FileCase(
        "copyright-with-html",
        "config",
        {},
        (
            "{mkdocs.yml:copyright}: "
            + HTML_TEXT.format("copyright '&copy; Us <a href=\"javascript:alert(1)\">x</a>'"),
        ),
        settings={"copyright": '&copy; Us <a href="javascript:alert(1)">x</a>'},
    ),
    FileCase(
        "site-name-with-html",
        "config",
        {},
        ("{mkdocs.yml:site_name}: " + HTML_TEXT.format("site_name 'Kit<script>alert(1)</script>'"),),
        settings={"site_name": "Kit<script>alert(1)</script>"},
    ),
    FileCase(
        "nav-entry-to-javascript",
        "config",
        {},
        (
            "{mkdocs.yml:Click: javascript:}: the nav entry 'javascript:alert(1)' " + NAV_LEFT_OUT,
            "{mkdocs.yml:Hover: }: the nav entry 'https://example.org/\" onmouseover=\"alert(1)' "
            + NAV_LEFT_OUT,
        ),
        settings={
            "nav": [
                "index.md",
                {"Click": "javascript:alert(1)"},
                {"Mail": "mailto:a@example.org"},
                {"Hover": 'https://example.org/" onmouseover="alert(1)'},
            ]
        },
    ),
    FileCase(
        "social-link-to-javascript",
        "config",
        {},
        (
            "{mkdocs.yml:social}: the address 'javascript:alert(1)' under extra.social is left out: a "
            "browser would run it, or it holds a quote or a space that would end its link. Give an "
            "https:// address",
        ),
        settings={
            "extra": {
                "homepage": "https://example.org/",
                "social": [
                    {"icon": "fontawesome/brands/github", "link": "javascript:alert(1)"},
                    {"icon": "fontawesome/brands/mastodon", "link": "https://example.social/@kit"},
                ],
            }
        },
    ),
    FileCase(
        "author-avatar-to-javascript",
        "config",
        {"posts/authors.yml": "ann:\n  name: Ann Author\n  avatar: javascript:alert(1)\n"},
        (
            "posts/authors.yml:3: author 'ann' avatar 'javascript:alert(1)' is left out: give a web "
            "address (https://...) or a path on this site, like images/your-id.png",
        ),
    ),
    # --- Outside the repository, or at a second address ------------------------------------
    FileCase(
        "source-folder-linked-outside",
        "outside",
        {},
        ("{mkdocs.yml:extra:}: " + OUT.format("extra", "extra"),),
        links=(("extra", "../elsewhere"),),
        options={"sources": {**SOURCES, "extra": {"dir": "extra", "kind": "tool"}}},
        absent=("extra/secret/",),
    ),
    FileCase(
        "source-folder-outside-by-path",
        "outside",
        {},
        ("{mkdocs.yml:extra:}: " + OUT.format("../elsewhere", "extra"),),
        options={"sources": {**SOURCES, "extra": {"dir": "../elsewhere", "kind": "tool"}}},
        absent=("extra/secret/",),
    ),
    FileCase(
        "authors-file-linked-outside",
        "outside",
        {},
        ("{mkdocs.yml:authors:}: " + AUTHORS_OUT.format("posts/authors.yml"),),
        links=(("posts/authors.yml", "../../elsewhere/authors.yml"),),
        absent=("authors/ann/",),
    ),
    FileCase(
        "authors-file-outside-by-path",
        "outside",
        {},
        ("{mkdocs.yml:authors:}: " + AUTHORS_OUT.format("../elsewhere/authors.yml"),),
        options={"authors": "../elsewhere/authors.yml"},
        absent=("authors/ann/",),
        removed=("posts/authors.yml",),
    ),
    FileCase(
        "two-sources-on-one-folder",
        "outside",
        {},
        ("{mkdocs.yml:again:}: " + TWICE.format("toolkit", "again", "is the folder of source 'toolkit'"),),
        options={"sources": {**SOURCES, "again": {"dir": "toolkit", "kind": "tool"}}},
        absent=("again/good/",),
    ),
    FileCase(
        "source-on-the-docs-folder",
        "outside",
        {},
        ("{mkdocs.yml:guides:}: " + TWICE.format("docs", "guides", "is the docs folder 'docs'"),),
        options={"sources": {**SOURCES, "guides": {"dir": "docs", "kind": "guide"}}},
        absent=("guides/guidance/good/",),
    ),
    FileCase(
        "source-inside-the-docs-folder",
        "outside",
        {},
        (
            "{mkdocs.yml:inner:}: "
            + TWICE.format("docs/guidance", "inner", "is inside the docs folder 'docs'"),
        ),
        options={"sources": {**SOURCES, "inner": {"dir": "docs/guidance", "kind": "guide"}}},
        absent=("inner/good/",),
    ),
    FileCase(
        "source-holding-the-docs-folder",
        "outside",
        {},
        ("{mkdocs.yml:everything:}: " + TWICE.format(".", "everything", "holds the docs folder 'docs'"),),
        options={"sources": {**SOURCES, "everything": {"dir": ".", "kind": "guide"}}},
        absent=("everything/",),
    ),
    FileCase(
        "source-inside-another",
        "outside",
        {"toolkit/sub/deep.md": page({"title": "Deep", "barriers": []})},
        (
            "{mkdocs.yml:sub:}: "
            + TWICE.format("toolkit/sub", "sub", "is inside the folder of source 'toolkit'"),
        ),
        options={"sources": {**SOURCES, "sub": {"dir": "toolkit/sub", "kind": "tool"}}},
        built=("toolkit/sub/deep/",),
        absent=("sub/deep/",),
    ),
    FileCase(
        "page-names-differing-in-case",
        "outside",
        {
            "docs/case/AA.md": page({"title": "Upper", "barriers": []}),
            "docs/case/aa.md": page({"title": "Lower", "barriers": []}),
        },
        (
            "docs/case/aa.md:1: "
            + FOLDED.format("case/aa/", "case/AA/", "docs/case/AA.md", "upper and lower case"),
        ),
        built=("case/AA/",),
        absent=("case/aa/",),
    ),
    FileCase(
        "page-names-differing-in-normalisation",
        "outside",
        {
            f"toolkit/{NFD}.md": page({"title": "Decomposed", "barriers": []}),
            f"toolkit/{NFC}.md": page({"title": "Composed", "barriers": []}),
        },
        (
            f"toolkit/{NFC}.md:1: "
            + FOLDED.format(
                f"toolkit/{NFC}/",
                f"toolkit/{NFD}/",
                f"toolkit/{NFD}.md",
                "how accents are encoded (Unicode NFC here, NFD there)",
            ),
        ),
        built=(f"toolkit/{NFD}/",),
        absent=(f"toolkit/{NFC}/",),
    ),
    FileCase(
        "image-names-differing-in-case",
        "outside",
        {"docs/img/Photo.png": b"\x89PNG-upper", "docs/img/photo.png": b"\x89PNG-lower"},
        (
            "docs/img/photo.png:1: "
            + FOLDED.format("img/photo.png", "img/Photo.png", "docs/img/Photo.png", "upper and lower case"),
        ),
        built=("img/Photo.png",),
        absent=("img/photo.png",),
    ),
)
