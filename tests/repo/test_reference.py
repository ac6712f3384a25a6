"""What the repository tells a Python user stays true: README's table of the plugin's options
matches the plugin's own schema, and the package's version is CHANGELOG.md's newest."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import material
import yaml
from mkdocs.config import config_options as c

from conftest import REPO
from coproduction.mkdocs_plugin.options import CoproductionConfig, Count

_ROW_RE = re.compile(
    r"^\| `(?P<name>[a-z_]+)` \| (?P<type>[^|]+) \| `(?P<default>[^`]*)` \| (?P<meaning>[^|]+) \|$"
)


def _table() -> dict[str, tuple[str, str, str]]:
    """README's options table: name -> (type, default as written, meaning)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## The plugin's options\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    found = {}
    for row in rows:
        match = _ROW_RE.match(row)
        assert match, f"README.md: not an options table row (| `name` | type | `default` | meaning |): {row}"
        found[match["name"]] = (match["type"].strip(), match["default"], match["meaning"].strip())
    assert len(found) == len(rows), "README.md: an option is in the table twice"
    return found


def _type(option: c.BaseConfigOption[Any]) -> str:
    """How the table names an option's type (an optional one's: what it is when set)."""
    if isinstance(option, c.Optional):
        return _type(option.option)
    if isinstance(option, Count):
        return f"number, {option.minimum} or more"
    if isinstance(option, c.DictOfItems):
        return "mapping"
    if isinstance(option, c.ListOfItems):
        return "list"
    if isinstance(option, c.Choice):
        return "one of " + ", ".join(f"`{choice}`" for choice in option.choices)
    assert isinstance(option, c.Type), option
    return {bool: "true or false", str: "text", int: "number"}[option._type]


def test_the_options_table_has_every_option_with_its_type_and_default() -> None:
    table = _table()
    schema = dict(CoproductionConfig._schema)
    assert list(table) == list(schema), "README.md's options table: make its rows those of options.py"
    for name, option in schema.items():
        kind, default, meaning = table[name]
        assert kind == _type(option), f"README.md: '{name}' is of type '{_type(option)}', not '{kind}'"
        assert yaml.safe_load(default) == option.default, f"README.md: '{name}' defaults to {option.default}"
        assert meaning, name


def test_the_version_is_the_changelogs_newest() -> None:
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, re.MULTILINE)
    assert headings, "CHANGELOG.md: no '## [version] - date' heading"
    released = [(v, day) for v, day in headings if v != "Unreleased"]
    newest = released[0][0]
    assert newest == version, f"pyproject.toml says {version}; CHANGELOG.md's newest is {newest}"
    # Every release is dated, newest first (Keep a Changelog).
    days = [day for _, day in released]
    assert all(days) and days == sorted(days, reverse=True), days


def test_materials_notice_is_hidden_only_where_readme_says_what_it_means() -> None:
    """The Makefile hides Material's end-of-life notice, naming the README section that says
    what it means; that section gives the date the installed Material's notice gives."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    above = makefile.split("export NO_MKDOCS_2_WARNING", 1)[0].splitlines()
    comment = []
    while above and above[-1].startswith("# "):  # the comment just above the line
        comment.insert(0, above.pop()[2:])
    (heading,) = re.findall(r'"([^"]+)"', " ".join(comment))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"\n### {heading}\n" in readme, f"Makefile names README section '{heading}', which is missing"
    section = readme.split(f"\n### {heading}\n", 1)[1].split("\n#", 1)[0]

    notice = (Path(material.__file__).parent / "templates" / "__init__.py").read_text(encoding="utf-8")
    (said,) = re.findall(r"reaches end of life on (\w+ \d+, \d{4})", notice)
    day = dt.datetime.strptime(said, "%B %d, %Y").date()
    assert f"{day.day} {day:%B} {day.year}" in section.replace("\n", " ")
    for part in ("What keeps working", "What a fork should pin", "What ProperDocs covers", "What we will do"):
        assert f"**{part}.**" in section
