"""Issue 22 in Chromium: a site built (not strict, so it is written) from every hostile file and
setting of ``bad_input_files.CASES`` at once, in the repository's own theme, opened file by
file: no script runs, and no page holds an event handler or a ``javascript:`` address.

Every payload calls ``alert``: a dialog is a script that ran. The theme's templates hold no
``on*=`` attribute, so any in a page came from the input.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

from bad_input_files import CASES, GOOD_FILES, PUBLISHED
from test_bad_input_files import set_option

from browser import chromium, new_context, serve, site_path
from conftest import BASE_CONFIG, REPO, build_site, page, plugin_options, write_site

# Opened by URL in the browser: everything a browser could render as a document.
DOCUMENTS = (".html", ".htm", ".xhtml", ".svg", ".xml")

_ACTIVE_IN_DOM = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const value = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (a.name.toLowerCase().startsWith('on') || value.startsWith('javascript:'))
        found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
    }
    if (el.localName === 'script' && (el.textContent || '').includes('alert('))
      found.push('<script>' + el.textContent.slice(0, 60));
  }
  return found;
}"""


def _hostile_site(root: Path) -> None:
    """Every case's files, links, options and settings at once, in the repository's theme."""
    config: dict[str, Any] = copy.deepcopy(BASE_CONFIG)
    del config["theme"]  # the repository's theme, custom_dir and all
    config.update({"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": "docs", "site_dir": "site", "nav": None})
    options = plugin_options(config)
    files: dict[str, str | bytes] = dict(GOOD_FILES)
    footer: list[dict[str, str]] = [{"title": "Home", "page": "index.md"}]
    for case in CASES:
        files.update(case.files)
        config.update(case.settings)
        for key, value in case.options.items():
            if key == "footer_links":
                footer += value
            elif key not in ("sources", "authors"):  # one at a time; their cases publish nothing
                set_option(options, key, value)
    options["footer_links"] = footer
    options["taxonomies"]["barriers"]["description"] = '"><svg onload=alert(1)>'
    options["kinds"] = {
        "guide": {"title": "Guide<img src=x onerror=alert(1)>", "plural": "Guides"},
        "tool": {"title": "Tool", "plural": "Tools"},
        "post": {"title": "Post", "plural": "Posts", "dated": True},
    }
    config["site_description"] = '"><img src=x onerror=alert(1)>'
    config["repo_name"] = "<img src=x onerror=alert(1)>"
    config.setdefault("extra", {})["contact"] = {
        "email": '"><img src=x onerror=alert(1)>',
        "post": "<b onclick=alert(1)>",
    }
    files["docs/feedback.md"] = page({"title": "Feedback", "template": "feedback.html", "barriers": []})
    files["posts/authors.yml"] = (
        "ann:\n  name: <img src=x onerror=alert(1)>\n  role: '\"><svg onload=alert(1)>'\n"
        "  description: <script>alert(1)</script>\n  avatar: javascript:alert(1)\n"
    )
    shutil.copytree(REPO / "overrides", root / "overrides")
    write_site(root, files, config)


def test_no_script_runs_on_any_page_or_file_of_a_hostile_site(tmp_path: Path) -> None:
    _hostile_site(tmp_path)
    built = build_site(tmp_path)
    assert len(built.warnings) >= 15  # the hostile input is reported, and the site still written
    site = built.site
    for path in PUBLISHED:
        assert (site / path).is_file(), path
    documents = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in DOCUMENTS)
    assert "images/talking.svg" in documents
    assert not [d for d in documents if "evil" in d or d.endswith((".htm", "widget.html"))]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.social/@kit"' in home  # the good social link is kept
    assert 'href="mailto:a@example.org"' in home  # and the good nav entry
    ran: list[str] = []
    problems: list[str] = []
    with serve(site, site_path(str(BASE_CONFIG["site_url"]))) as base, chromium() as browser:
        context = new_context(browser)
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (ran.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
        for document in documents:
            response = tab.goto(base + document, wait_until="load")
            assert response is not None and response.ok, document
            tab.mouse.move(5, 5)
            tab.mouse.move(400, 600)  # over the page: a mouseover payload would run
            if document.endswith((".html", ".htm", ".xhtml")):
                problems += [f"{document}: {found}" for found in tab.evaluate(_ACTIVE_IN_DOM)]
        context.close()
    assert len(documents) > 20
    assert ran == []
    assert problems == []
