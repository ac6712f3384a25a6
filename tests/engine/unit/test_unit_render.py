"""render.relative_url and rebase: a fragment rendered once gives every page the links
it would have got from its own render."""

from __future__ import annotations

import pytest

from coproduction.mkdocs_plugin.render import BASE, rebase, relative_url

URLS = ["", "./", "posts/a/", "barriers/power/", "feed.xml", "https://example.org/x", "#top", "/abs/"]
BASES = ["", ".", "..", "../..", "../../.."]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("url", URLS)
def test_rebased_fragment_matches_a_direct_render(url: str, base: str) -> None:
    fragment = f'<a href="{relative_url(url, BASE)}">x</a> <a href="{relative_url("posts/b/", BASE)}">y</a>'
    direct = f'<a href="{relative_url(url, base)}">x</a> <a href="{relative_url("posts/b/", base)}">y</a>'
    assert rebase(fragment, base) == direct
    assert BASE not in rebase(fragment, base)


def test_relative_url_examples() -> None:
    assert relative_url("posts/a/", "../..") == "../../posts/a/"
    assert relative_url("./", "..") == "../"
    assert relative_url("./", ".") == "./"
    assert relative_url("posts/a/", ".") == "posts/a/"
    assert relative_url("mailto:a@b.org", "..") == "mailto:a@b.org"
