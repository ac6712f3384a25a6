"""excerpts: excerpt_of, markdown_word_count and relink (links in excerpts shown on other pages)."""

from __future__ import annotations

import pytest

from coproduction.core.excerpts import MORE, excerpt_of, markdown_word_count, relink

RENDERED = (
    '<h1 id="the-title">The title<a class="headerlink" href="#the-title" '
    'title="Permanent link">&para;</a></h1>\n'
    "<p>First paragraph with <em>emphasis</em>.</p>\n"
    '<h2 id="a-section">A section<a class="headerlink" href="#a-section" '
    'title="Permanent link">&para;</a></h2>\n'
    "<p>Second paragraph.</p>\n"
    f"{MORE}\n"
    "<p>The rest of the post.</p>\n"
)


def test_excerpt_is_the_html_before_more() -> None:
    excerpt = excerpt_of(RENDERED)
    assert "The rest of the post" not in excerpt
    assert "<p>First paragraph with <em>emphasis</em>.</p>" in excerpt
    assert "<p>Second paragraph.</p>" in excerpt
    assert MORE not in excerpt


def test_excerpt_drops_the_title_permalinks_and_heading_ids() -> None:
    excerpt = excerpt_of(RENDERED)
    assert "<h1" not in excerpt
    assert "The title" not in excerpt
    assert "headerlink" not in excerpt
    assert "&para;" not in excerpt
    assert 'id="' not in excerpt
    assert "<h2>A section</h2>" in excerpt
    assert excerpt == excerpt.strip()


def test_excerpt_keeps_ids_outside_headings() -> None:
    html = '<p id="keep">Text</p>\n<h3 class="x" id="drop">H</h3>\n' + MORE
    assert excerpt_of(html) == '<p id="keep">Text</p>\n<h3 class="x">H</h3>'


def test_only_the_first_h1_is_removed() -> None:
    html = "<h1>Title</h1>\n<p>Intro</p>\n<h1>Another</h1>\n" + MORE
    assert excerpt_of(html) == "<p>Intro</p>\n<h1>Another</h1>"


def test_no_more_marker_means_no_excerpt() -> None:
    assert excerpt_of("<h1>Title</h1><p>All of it.</p>") == ""
    assert excerpt_of("") == ""


def test_markdown_word_count_counts_what_a_reader_reads() -> None:
    assert markdown_word_count("# One *two*\n\n- three\n- four\n") == 4
    # Link addresses, tags, comments, reference definitions and attribute lists are not read.
    assert markdown_word_count("[link](../a/b-c.md) <b>bold</b> <!-- not\nread -->") == 2
    assert markdown_word_count("Text.\n\n[ref]: https://example.org/a b c\n## Heading {: #id .class }\n") == 2
    # A hyphenated word or one with an apostrophe is one word; marks alone are none.
    assert markdown_word_count("co-production don't — - ## | ---") == 2
    assert markdown_word_count("") == 0


# --- relink ------------------------------------------------------------------------------


def test_relink_to_the_same_page_changes_nothing() -> None:
    html = '<a href="../b/">b</a>'
    assert relink(html, "posts/a/", "posts/a/") is html


def test_relink_from_a_post_to_the_blog_listing() -> None:
    html = '<a href="../b/">Other post</a> <img src="photo.jpg" alt=""> <a href="../../toolkit/">T</a>'
    assert relink(html, "posts/a/", "posts/") == (
        '<a href="b/">Other post</a> <img src="a/photo.jpg" alt=""> <a href="../toolkit/">T</a>'
    )


def test_relink_from_a_post_to_a_term_page() -> None:
    html = '<a href="../b/">Other post</a> <a href="../../barriers/power/">Power</a>'
    assert relink(html, "posts/a/", "barriers/power/") == (
        '<a href="../../posts/b/">Other post</a> <a href="./">Power</a>'
    )


@pytest.mark.parametrize("home", ["", "./"])
def test_relink_to_the_home_page(home: str) -> None:
    assert relink('<a href="../b/">b</a>', "posts/a/", home) == '<a href="posts/b/">b</a>'


def test_relink_keeps_fragments_on_other_pages() -> None:
    html = '<a href="../b/#part-2">b</a>'
    assert relink(html, "posts/a/", "posts/") == '<a href="b/#part-2">b</a>'


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/x/",
        "http://example.org",
        "mailto:someone@example.org",
        "/absolute/path/",
        "//cdn.example.org/x.js",
        "tel:+441234",
    ],
)
def test_relink_leaves_absolute_and_external_links_alone(link: str) -> None:
    html = f'<a href="{link}">x</a>'
    assert relink(html, "posts/a/", "barriers/power/") == html


def test_relink_without_links_is_unchanged() -> None:
    html = "<p>No links here.</p>"
    assert relink(html, "posts/a/", "posts/") is html


def test_relink_an_anchor_on_the_post_to_the_listing() -> None:
    # "#section" on posts/a/ means posts/a/#section; seen from posts/ that is a/#section.
    html = '<a href="#section">see below</a>'
    assert relink(html, "posts/a/", "posts/") == '<a href="a/#section">see below</a>'


def test_relink_an_anchor_on_the_post_to_a_term_page() -> None:
    html = '<a href="#section">see below</a>'
    assert relink(html, "posts/a/", "barriers/power/") == ('<a href="../../posts/a/#section">see below</a>')


def test_relink_without_directory_urls() -> None:
    html = '<a href="b.html">b</a> <a href="../toolkit/t.html">t</a>'
    assert relink(html, "posts/a.html", "barriers/power.html") == (
        '<a href="../posts/b.html">b</a> <a href="../toolkit/t.html">t</a>'
    )


def test_heading_permalinks_are_not_counted_as_words() -> None:
    # Counted from the Markdown, where the theme's "Link to this section" is not.
    assert markdown_word_count("## Two words\n\nthree more here\n") == 5
