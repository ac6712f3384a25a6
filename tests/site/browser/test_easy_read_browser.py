"""Issue 24 on this site: every Easy Read page (the ``easy_read:`` target of a page or a term,
read from the content and mkdocs.yml) in a browser: a picture with alt text beside each block
of text, one sentence to a line, large text on screen and on paper, and no link to a page that
is not Easy Read except its twin (``easy_read_layout``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser

import site_content
from browser import browser, report, served  # noqa: F401 (a fixture)
from conftest import Built
from easy_read_layout import easy_read_problems


@pytest.fixture(scope="module")
def site_url(real: Built) -> Iterator[str]:
    yield from served(real.site, site_content.path())


def test_every_easy_read_page_is_laid_out_as_easy_read(real: Built, site_url: str, browser: Browser) -> None:  # noqa: F811
    twins = site_content.easy_read_twins()
    missing = [url for url in twins if not (real.site / url / "index.html").is_file()]
    assert not missing, f"Easy Read pages not built: {missing}"
    checked, problems = easy_read_problems(browser, site_url, twins)
    assert not problems, report(checked, problems)


def test_the_site_s_easy_read_pages_are_found(real: Built, not_measured: Callable[[str], None]) -> None:
    """The test above reads every page the content names; each is in the Easy Read layout.
    A fork without Easy Read pages has none to check, and the run's summary says so."""
    twins = site_content.easy_read_twins()
    if not twins:
        not_measured("Easy Read: no page of this site is the easy_read: of a page or a term")
    for url in twins:
        html = (real.site / url / "index.html").read_text(encoding="utf-8")
        assert 'class="md-content cp-er"' in html, url
        assert "md-sidebar" not in html and "md-tabs" not in html and "md-source" not in html, url
