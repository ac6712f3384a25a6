"""tables: each content table in a focusable region, named by its caption or the heading above."""

from __future__ import annotations

from coproduction.core.tables import wrap_tables

LABEL = "Table: {name}"
TABLE = "<table><tr><td>1</td></tr></table>"


def _region(name: str) -> str:
    return f'<div class="cp-table" role="region" aria-label="{name}" tabindex="0">'


def test_a_table_is_named_by_the_heading_above_it_without_its_permalink() -> None:
    html = (
        '<h2 id="costs">Costs &amp; "fees"<a class="headerlink" href="#costs" title="Link">#</a></h2>\n'
        f"<p>Text.</p>\n{TABLE}\n<p>After.</p>"
    )
    wrapped = wrap_tables(html, LABEL, "The page")
    assert f'{_region("Table: Costs &amp; &quot;fees&quot;")}{TABLE}</div>\n<p>After.</p>' in wrapped
    assert wrapped.count("<div") == 1


def test_a_caption_names_its_table_and_a_table_without_heading_or_caption_takes_the_page_title() -> None:
    captioned = "<table>\n<caption>Who <em>pays</em></caption><tr><td>1</td></tr></table>"
    wrapped = wrap_tables(f"{TABLE}<h3>Later</h3>{captioned}", LABEL, "The page")
    first, second = _region("Table: The page"), _region("Table: Who pays")
    assert wrapped == f"{first}{TABLE}</div><h3>Later</h3>{second}{captioned}</div>"


def test_a_table_inside_a_table_is_not_wrapped_again() -> None:
    nested = f"<table><tr><td>{TABLE}</td></tr></table>"
    assert wrap_tables(nested, LABEL, "P") == f"{_region('Table: P')}{nested}</div>"


def test_a_page_without_tables_is_unchanged() -> None:
    html = "<p>A <em>table</em> of contents.</p>"
    assert wrap_tables(html, LABEL, "P") is html
