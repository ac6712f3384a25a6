"""search: what of a page goes to Pagefind, and that it makes the same index as the whole page."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from coproduction.core import search
from coproduction.core.search import SearchIndex, indexed_part

HEAD = (
    '<!doctype html><html lang="en"><head><title>{title}</title>'
    '<meta name="search-filter" data-pagefind-filter="barriers[content]" content="{term}"></head>'
)
AROUND = (
    '<body><header><nav aria-label="Site"><a href="/">Home</a> <a href="/tools/">Tools</a> menu words</nav>'
    '</header><div class="md-sidebar"><nav><ul>{links}</ul></nav></div>'
    '<main><div class="md-content">{article}</div></main>'
    "<footer>Footer words, made with co-production</footer></body></html>"
)
ARTICLE = (
    '<article class="md-content__inner" id="main-content" data-pagefind-body>'
    "<h1>{title}</h1>{paragraphs}"
    '<article class="cp-summary" data-pagefind-ignore><h2>Related</h2><p>Not indexed.</p></article>'
    '<h2 id="more">More<a class="headerlink" href="#more">Link to this section</a></h2>'
    "<p>After the inner article: still the page's own words.</p></article>"
)
WORDS = [
    *("power", "leadership", "diversity", "capacity", "people", "carers"),
    *("staff", "money", "time", "meeting", "voice", "equal"),
]


def _page(number: int, rng: random.Random) -> str:
    title = f"Page {number} about {rng.choice(WORDS)}"
    paragraphs = "".join(f"<p>{' '.join(rng.choices(WORDS, k=40))}.</p>" for _ in range(rng.randint(1, 6)))
    links = "".join(f'<li><a href="/p{n}/">Page {n} in the menu</a></li>' for n in range(20))
    article = ARTICLE.format(title=title, paragraphs=paragraphs)
    return HEAD.format(title=title, term=rng.choice(WORDS[:4])) + AROUND.format(links=links, article=article)


def test_a_page_goes_as_its_head_and_its_article() -> None:
    page = _page(1, random.Random(1))
    sent = indexed_part(page)
    head = page[: page.index("</head>") + len("</head>")]
    article = page[page.index("<article") : page.rindex("</article>") + len("</article>")]
    assert sent == f"{head}<body>{article}</body></html>"
    assert "menu words" not in sent and "Footer words" not in sent
    assert "Not indexed." in sent and "still the page's own words" in sent  # the inner article is kept


@pytest.mark.parametrize(
    "page",
    [
        "<html><head></head><body><p>No mark: Pagefind reads it all.</p></body></html>",
        "<html><head></head><body><main data-pagefind-body>a</main><p data-pagefind-body>b</p></body></html>",
        "<html><head></head><body><article data-pagefind-body><p>never closed</p></body></html>",
        "<p>No head at all</p><div data-pagefind-body>x</div>",
    ],
    ids=["no mark", "two marks", "not closed", "no head"],
)
def test_a_page_that_cannot_be_cut_safely_goes_whole(page: str) -> None:
    assert indexed_part(page) is page


def test_the_index_of_the_parts_is_the_index_of_the_whole_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(23)
    pages = {f"p{n}/index.html": _page(n, rng) for n in range(40)}
    made: dict[str, dict[str, bytes]] = {}
    for way in ("parts", "whole"):
        if way == "whole":
            monkeypatch.setattr(search, "indexed_part", lambda html: html)
        site = tmp_path / way
        index = SearchIndex(str(site), sorted(pages), set(pages))
        for path in sorted(pages):
            index.add(path, pages[path])
        written = index.finish()
        made[way] = {path: (site / path).read_bytes() for path in written}
    assert len(made["parts"]) > 40  # a fragment for each page, and the index's own files
    assert made["parts"] == made["whole"]


def test_what_pagefind_prints_that_is_not_an_answer_is_reported_as_its_error() -> None:
    service = search._Service()
    try:
        printed = bytearray(b"thread 'main' panicked at src/service.rs: no such index")
        service._take(printed)
        assert service.errors == ["thread 'main' panicked at src/service.rs: no such index"]
        with pytest.raises(search.SearchIndexError, match=r"panicked at src/service\.rs"):
            service.answer_to(service.send({"type": "GetFiles", "index_id": 0}, answer=True))
    finally:
        service.close()
