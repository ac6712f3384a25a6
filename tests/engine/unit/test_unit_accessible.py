"""accessible: headings named by their own words, task-list checkboxes out of the tree."""

from __future__ import annotations

from coproduction.core.accessible import accessible, hide_toc_toggle

PERMALINK = '<a class="headerlink" href="#{id}" title="Link to this section">Link to this section</a>'


def test_a_permalinked_heading_is_named_by_its_own_words() -> None:
    page = f'<h2 id="a-b">A &amp; <code>b</code> "c"{PERMALINK.format(id="a-b")}</h2>'
    named = '<h2 id="a-b" aria-label="A &amp; b &quot;c&quot;">A &amp; <code>b</code> "c"'
    assert accessible(page) == f'{named}{PERMALINK.format(id="a-b")}</h2>'


def test_headings_without_a_permalink_or_with_a_name_are_left_alone() -> None:
    page = (
        '<h2 id="plain">Plain</h2>\n'
        f'<h3 id="named" aria-label="Named">Named{PERMALINK.format(id="named")}</h3>'
    )
    assert accessible(page) == page


def test_each_heading_gets_its_own_name() -> None:
    page = "\n".join(f'<h{n} id="h{n}">Heading {n}{PERMALINK.format(id=f"h{n}")}</h{n}>' for n in range(1, 7))
    named = accessible(page)
    for n in range(1, 7):
        assert f'<h{n} id="h{n}" aria-label="Heading {n}">Heading {n}<a class="headerlink"' in named


def test_task_list_checkboxes_are_hidden_from_assistive_technology() -> None:
    page = (
        '<ul class="task-list">\n<li class="task-list-item"><input type="checkbox" disabled/> tight</li>\n'
        '<li class="task-list-item">\n<p><input type="checkbox" disabled/> loose</p>\n</li>\n'
        '<li class="task-list-item"><input type="checkbox" disabled checked/> done</li>\n'
        '<li class="task-list-item"><input type="checkbox" disabled="" checked=""> sanitised</li>\n</ul>\n'
        '<p><input type="checkbox" disabled/> not a task list</p>'
    )
    hidden = accessible(page)
    assert hidden.count('<input type="checkbox" disabled aria-hidden="true"/>') == 2
    assert '<input type="checkbox" disabled checked aria-hidden="true"/> done' in hidden
    assert '<input type="checkbox" disabled="" checked="" aria-hidden="true"> sanitised' in hidden
    assert '<p><input type="checkbox" disabled/> not a task list</p>' in hidden


def test_materials_toc_toggle_is_hidden_from_assistive_technology() -> None:
    toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    page = f"<nav><ul><li>{toggle}<a href='./'>This page</a></li></ul></nav>"
    assert hide_toc_toggle(page) == page.replace(toggle, toggle[:-1] + ' aria-hidden="true">')
    assert hide_toc_toggle("<p>No nav</p>") == "<p>No nav</p>"
