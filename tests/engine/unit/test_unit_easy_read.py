"""easy_read: the rules read from Markdown, and the layout that puts each picture beside its words."""

from __future__ import annotations

from coproduction.core.easy_read import check_easy_read_pages, layout, sentences
from coproduction.core.records import PageRecord

GLOSSARY = PageRecord(path="docs/glossary.md", src_uri="glossary.md", url="glossary/", title="Glossary")


def _page(body: str) -> PageRecord:
    return PageRecord(path="docs/e/e.md", src_uri="e/e.md", url="e/e/", title="E", body=body, body_line=1)


def _messages(body: str, words: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    found = check_easy_read_pages([_page(body)], words, GLOSSARY)
    return [(p.line, p.message.split(":")[0]) for p in found]


def test_sentences_split_at_full_stops_not_inside_numbers_or_links() -> None:
    assert sentences("We meet at 2.30 pm. Bring a friend!") == ["We meet at 2.30 pm.", "Bring a friend!"]
    assert sentences("- [ ] Read [the guide. Now](a.md) today.") == ["Read the guide.", "Now today."]
    assert sentences("![A pound note](money.svg)") == []
    assert len(sentences("Name: ____________ Date: ______")) == 1  # a form's blanks: one line


def test_code_and_comments_are_not_held_to_the_rules() -> None:
    body = "```\nnot a sentence. Nor this one.\n```\n\n<!-- a note. Another. -->\n"
    assert _messages(body) == []


def test_a_picture_alone_gives_the_list_after_it_its_picture() -> None:
    assert _messages("![A clipboard](f.svg)\n\n- one\n- two\n") == []
    assert _messages("![A clipboard](f.svg)\n\n## A heading\n\n- one\n") == [
        (5, "this block of text has no picture")
    ]


def test_a_word_explained_or_linked_to_the_glossary_is_no_problem() -> None:
    words = ("Commissioners",)
    used = "![A bank](b.svg)\nThe commissioners pay.\n"
    assert _messages(used, words) == [(2, "'Commissioners' is a difficult word")]
    assert _messages(used + "**Commissioners** are the people who pay.\n", words) == []
    assert _messages("![A bank](b.svg)\n[Commissioners](../glossary.md) pay.\n", words) == []
    # In a picture's address or a link's target, a word is not read.
    assert _messages("![A bank](commissioners.svg)\nThey pay.\n", words) == []


def test_layout_puts_each_picture_beside_its_words() -> None:
    html = (
        '<p><img alt="A" src="a.svg"><br>\nOne.<br>\nTwo.</p>\n'
        '<p><img alt="B" src="b.svg"></p>\n<ul>\n<li>x<ul><li>y</li></ul></li>\n</ul>\n<p>After.</p>'
    )
    assert layout(html) == (
        '<div class="cp-er-block"><img class="cp-er-picture" alt="A" src="a.svg">'
        '<div class="cp-er-words"><p>One.<br>\nTwo.</p></div></div>\n'
        '<div class="cp-er-block"><img class="cp-er-picture" alt="B" src="b.svg">'
        '<div class="cp-er-words"><ul>\n<li>x<ul><li>y</li></ul></li>\n</ul></div></div>\n<p>After.</p>'
    )
    assert layout("<p>No picture.</p>") == "<p>No picture.</p>"
