"""``reviewed_by:`` (issue 26): who reviewed a page is shown on it, escaped, in the site's
language, and in the JSON Schema editors read; an entry naming nobody never reaches a page."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

from conftest import BASE_CONFIG, Built, page
from coproduction.core.schema import SCHEMA_PATH

REVIEWED = page(
    {
        "title": "Reviewed guide",
        "barriers": ["power"],
        "reviewed_by": [
            {"name": "Sam <b>Lee</b>", "role": "member with lived experience", "date": "2026-12-01"},
            {"name": "Riverside Carers", "role": "carers' group"},
        ],
    }
)


def test_each_reviewer_is_shown_with_role_and_date_escaped(make_site: Callable[..., Built]) -> None:
    plain = page({"title": "Plain", "barriers": []})
    built = make_site({"docs/reviewed.md": REVIEWED, "docs/plain.md": plain})
    html = built.content("reviewed/")
    shown = "Reviewed by: Sam &lt;b&gt;Lee&lt;/b&gt; (member with lived experience, "
    assert f'<p class="cp-reviewed-by">{shown}' in html
    assert '<time datetime="2026-12-01">' in html
    assert "Riverside Carers (carers&#39; group)</p>" in html
    assert "<b>Lee</b>" not in html
    assert "cp-reviewed-by" not in built.content("plain/")


def test_reviewed_by_is_in_the_schema_and_in_welsh(make_site: Callable[..., Built]) -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["theme"] = {**config["theme"], "language": "cy"}
    built = make_site({"docs/reviewed.md": REVIEWED}, config)
    assert "Adolygwyd gan: Sam &lt;b&gt;Lee&lt;/b&gt;" in built.content("reviewed/")
    schema = json.loads((built.site / SCHEMA_PATH).read_text(encoding="utf-8"))
    item = schema["properties"]["reviewed_by"]["items"]
    assert item["required"] == ["name", "role"] and item["properties"]["name"]["minLength"] == 1
