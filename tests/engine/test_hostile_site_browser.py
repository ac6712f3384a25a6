"""Issue 22 in Chromium: a site holding every hostile page of the bad-input corpus (raw HTML,
attribute lists, SVG, addresses in disguise, a post whose excerpt carries them to listings and
feeds) runs no script, goes nowhere and loads nothing from another host, on any page.

Each payload would show itself: ``alert`` opens a dialog, an unknown function throws an error
on the page, a refresh or ``<base>`` moves the page, a stylesheet, image or frame from another
host asks for it. The test opens every HTML page of the built site and listens for all of it.
"""

from __future__ import annotations

import copy
from pathlib import Path

from bad_input import CASES, EXTENSIONS, GOOD

from browser import chromium, html_pages, new_context, serve, site_path
from conftest import BASE_CONFIG, build_site, page, plugin_options, write_site

HOSTILE = [case for case in CASES if case.kind == "active"]
EXCERPT = (
    "A post ![chart](x.png){onerror=\"alert('excerpt')\"} with [a link](guide.md){onclick=alert(3)} "
    "and <svg><script>alert(4)</script></svg>.\n\n<!-- more -->\n\nThe rest.\n\n"
    # Headings reach the theme's table of contents, which is not content: escaped there.
    "## A &lt;img src=x onerror=alert(5)&gt;\n\n"
    '## B { data-toc-label="&lt;img src=x onerror=alert(6)&gt;" }\n\n'
    "## C { data-toc-label='<img src=x onerror=alert(7)>' }\n"
)


def _site(root: Path) -> Path:
    files: dict[str, str | bytes] = dict(GOOD)
    for case in HOSTILE:
        for path, text in case.files.items():
            files[path.replace("/a.md", f"/{case.id}.md")] = text
    files["posts/hostile.md"] = page(
        {"title": "Hostile post", "date": "2024-03-01", "authors": ["ann"], "barriers": ["power"]}, EXCERPT
    )
    config = copy.deepcopy(BASE_CONFIG)
    # The theme's own asking for the repository's stars is not content: this site has no repository.
    del config["repo_url"], config["edit_uri"]
    options = plugin_options(config)
    options["embeds_allowed"] = ["www.youtube-nocookie.com"]
    config["markdown_extensions"] = EXTENSIONS
    write_site(root, files, config)
    return build_site(root).site


def test_no_page_of_a_hostile_site_runs_a_script_or_reaches_another_host(tmp_path: Path) -> None:
    site = _site(tmp_path)
    urls = html_pages(site)
    assert any("hostile" in url for url in urls) and len(urls) > len(HOSTILE)
    shown = site.joinpath("posts/index.html").read_text(encoding="utf-8")
    assert "A post" in shown  # the excerpt is on the blog's page
    happened: list[str] = []
    with serve(site, site_path(str(BASE_CONFIG["site_url"]))) as base, chromium() as browser:
        context = new_context(browser)
        local = base.split("/")[2]

        def request(route: object, asked: object) -> None:
            url = asked.url  # type: ignore[attr-defined]
            if url.split("/")[2] != local:
                happened.append(f"asked {url}")
                route.abort()  # type: ignore[attr-defined]
            else:
                route.continue_()  # type: ignore[attr-defined]

        context.route("**/*", request)
        reader = context.new_page()
        reader.on("dialog", lambda dialog: (happened.append(f"dialog {dialog.message}"), dialog.dismiss()))
        reader.on("pageerror", lambda error: happened.append(f"error {error}"))
        for url in urls:
            reader.goto(base + url, wait_until="load")
            reader.wait_for_timeout(50)  # a refresh of 0 s, an animation's first frame
            if reader.url.split("#")[0] != base + url:
                happened.append(f"/{url} moved to {reader.url}")
            active = reader.evaluate(
                """() => [...document.querySelectorAll('article *, .md-content *')].flatMap(el =>
                    [...el.attributes].filter(a => a.name.startsWith('on')
                        || /^\\s*(javascript|vbscript|data):/i.test(a.value.replace(/[\\t\\n\\r]/g, '')))
                    .map(a => `${el.tagName} ${a.name}`))"""
            )
            happened += [f"/{url}: {found}" for found in active]
        context.close()
    assert happened == []
