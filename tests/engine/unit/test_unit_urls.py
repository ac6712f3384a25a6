"""urls.url_for: MkDocs' rule from a file name to its URL."""

from __future__ import annotations

import pytest

from coproduction.core.urls import url_for


@pytest.mark.parametrize(
    ("src_uri", "directory_urls", "plain"),
    [
        ("posts/a.md", "posts/a/", "posts/a.html"),
        ("barriers/power.md", "barriers/power/", "barriers/power.html"),
        ("posts/index.md", "posts/", "posts/index.html"),
        ("guidance/README.md", "guidance/", "guidance/index.html"),
        ("posts/page/2.md", "posts/page/2/", "posts/page/2.html"),
        ("index.md", "./", "index.html"),
    ],
)
def test_url_for(src_uri: str, directory_urls: str, plain: str) -> None:
    assert url_for(src_uri) == directory_urls
    assert url_for(src_uri, True) == directory_urls
    assert url_for(src_uri, False) == plain


def test_url_for_quotes_like_mkdocs() -> None:
    assert url_for("posts/café au lait.md") == "posts/caf%C3%A9%20au%20lait/"
