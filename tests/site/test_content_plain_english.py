"""Plain English: every page of this site's own content reads at or below a set grade.

The Flesch-Kincaid grade (textstat) of each page's text, without front matter, code,
link addresses, HTML or table rules. Thresholds, as CONTRIBUTING.md states them:
standard pages at most grade 8 (a reading age of about 13; most pages are far lower),
Easy Read pages at most grade 5. Which pages are Easy Read is read from the content:
the pages that ``easy_read:`` (in front matter or on a term in mkdocs.yml) names, and
the other pages of their folders.

The grade is a measure of English: on a site whose ``theme.language`` is another, each page
is checked for readable text only, and the run's summary says plainly that its reading
grade was not measured ("Not measured on this site").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import textstat

import site_content
from conftest import REPO

STANDARD_MAX = 8.0
EASY_READ_MAX = 5.0


def _pages() -> list[Path]:
    return site_content.markdown_files()


def _easy_read_pages() -> set[Path]:
    """Pages named by ``easy_read`` anywhere, and the other pages of their folders."""
    docs = REPO / str(site_content.config().get("docs_dir", "docs"))
    named = {str(site_content.front_matter(md).get("easy_read") or "") for md in _pages()}
    for taxonomy in site_content.taxonomies().values():
        named.update(str(term.get("easy_read") or "") for term in (taxonomy.get("terms") or {}).values())
    targets = {docs / name.lstrip("/") for name in named if name}
    folders = {target.parent for target in targets}
    return targets | {md for md in _pages() if md.parent in folders}


def readable_text(markdown: str) -> str:
    """The words a reader reads, one sentence per line: headings, list items and table rows
    end where their line ends, as a reader takes them."""
    text = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    text = re.sub(r"```.*?```|~~~.*?~~~", "", text, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*\[[^\]]+\]:.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"<[^>]+>", "", text)
    sentences = []
    for line in text.splitlines():
        line = re.sub(r"_{3,}", " ", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+(?:\[[ xX]\]\s*)?", "", line)
        line = re.sub(r"^#+\s*|\{[^}]*\}\s*$", "", line)
        line = line.replace("|", " ").replace("*", "")
        line = re.sub(r"\s+", " ", line).strip(" :-")
        if re.search(r"[^\W\d_]", line):  # a letter, in any alphabet
            sentences.append(line if line.endswith((".", "!", "?")) else line + ".")
    return "\n".join(sentences)


def grade(md: Path) -> float:
    return float(textstat.flesch_kincaid_grade(readable_text(md.read_text(encoding="utf-8"))))


def test_the_measure_tells_plain_from_hard_text() -> None:
    plain = "We meet once a month. Everyone gets a say. We pay for your travel."
    hard = (
        "Organisational accountability frameworks necessitate comprehensive consideration of "
        "intersectional representational inequities within institutional decision-making infrastructures."
    )
    assert textstat.flesch_kincaid_grade(plain) < 4 < STANDARD_MAX < textstat.flesch_kincaid_grade(hard)


def _english() -> bool:
    return site_content.language().replace("_", "-").split("-")[0].lower() == "en"


@pytest.mark.parametrize("md", _pages(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_page_reads_at_or_below_its_grade(md: Path, not_measured: Callable[[str], None]) -> None:
    text = readable_text(md.read_text(encoding="utf-8"))
    assert text, f"{md.relative_to(REPO)} has no text a reader reads"
    if not _english():
        not_measured(
            f"Plain English: theme.language is {site_content.language()!r}, and the Flesch-Kincaid "
            f"grade is made for English, so the reading grade of the {len(_pages())} pages was not "
            "measured (each was checked for readable text only)."
        )
        return
    limit = EASY_READ_MAX if md in _easy_read_pages() else STANDARD_MAX
    assert grade(md) <= limit, f"{md.relative_to(REPO)}: grade {grade(md):.1f}, above {limit}"
