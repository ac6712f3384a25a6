"""Provenance (issue 26): the site claims no co-production its content cannot show, dates
each post no later than the day it was first committed, attributes every summary, and no
summary copies a run of 10 words from its original.

Read from mkdocs.yml, the content and git, so a fork (in any language, with our sample pages
deleted) runs the same checks on its own pages. Two limits, by design rather than skips:
the claim and summary detectors read English, so a site in another language is held only
to the checks that need no words (dates, reviewers, copied runs); and the copied-run check
compares a summary with the fingerprints of its original kept in ``originals.json`` (made
with ``originals.py``): a summary of an original not fingerprinted there is not compared.
In a shallow clone, git knows only the newest commits, so a post may look first committed
later than it was: the date check can then miss a post dated too late, never fail a good one.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
from pathlib import Path

import originals
from test_content_plain_english import readable_text

import site_content
from conftest import HANG, REPO

CLAIM = re.compile(
    r"\b(?:written|made|created|produced|designed|developed|co-?produced|co-?written)\b[^.!?]{0,40}?"
    r"\b(?:by|with)\b[^.!?]{0,60}?"
    r"\b(?:people who use (?:our |the |health |social care )*services|service users|carers|"
    r"people with lived experience|experts by experience)\b",
    re.IGNORECASE,
)
"""A sentence saying the content was made by or with people who use services or carers."""

SUMMARY = re.compile(r"\b(?:is|are) (?:a |our )?summar(?:y|ies) of\b|\bour summary of\b", re.IGNORECASE)
"""A page saying it is a summary of someone else's work."""


def _pages() -> list[Path]:
    return [md for md in site_content.markdown_files() if not site_content.landing(md)]


def _text(md: Path) -> str:
    meta, _ = site_content.split(md)
    return "\n".join(
        (
            str(meta.get("title") or ""),
            str(meta.get("description") or ""),
            readable_text(md.read_text(encoding="utf-8")),
        )
    )


def _reviewers(md: Path) -> list[dict[str, object]]:
    found = site_content.front_matter(md).get("reviewed_by") or []
    return [entry for entry in found if isinstance(entry, dict)]


def _opening(md: Path) -> str:
    """The description and the text before the first heading: where a summary says it is one."""
    meta, body = site_content.split(md)
    return str(meta.get("description") or "") + "\n" + re.split(r"^#{1,6} ", body, maxsplit=1, flags=re.M)[0]


def test_the_detectors_tell_a_claim_and_a_summary_from_plain_words() -> None:
    assert CLAIM.search("Written by people who use services, carers and professionals together.")
    assert CLAIM.search("This guide was co-produced with people with lived experience.")
    assert not CLAIM.search('A toolkit in progress: see "About this toolkit" for who wrote it.')
    assert not CLAIM.search("Ask carers what they need. Written notes help.")
    assert SUMMARY.search("This is our summary of someone else's blog post.")
    assert not SUMMARY.search("Some posts sum up what someone else wrote.")


def test_the_footer_claims_no_co_production_the_pages_cannot_show() -> None:
    """The footer (``copyright:``) is on every page: it may say the content was made with
    people who use services only if every page names who reviewed it."""
    footer = str(site_content.config().get("copyright") or "")
    unreviewed = [str(md.relative_to(REPO)) for md in _pages() if not _reviewers(md)]
    if CLAIM.search(footer):
        assert unreviewed == [], (
            f"mkdocs.yml copyright claims co-production ({footer!r}); not reviewed: {unreviewed}"
        )


def test_no_page_claims_co_production_without_naming_who_reviewed_it() -> None:
    claims = {
        str(md.relative_to(REPO)): match.group(0)
        for md in _pages()
        if (match := CLAIM.search(_text(md))) and not _reviewers(md)
    }
    assert claims == {}, "pages that claim co-production must say who reviewed them (reviewed_by:)"


def test_every_reviewer_named_is_someone_with_a_role() -> None:
    nobody = [
        f"{md.relative_to(REPO)}: {entry}"
        for md in _pages()
        for entry in site_content.front_matter(md).get("reviewed_by") or []
        if not isinstance(entry, dict)
        or not str(entry.get("name") or "").strip()
        or not str(entry.get("role") or "").strip()
    ]
    assert nobody == []


def _first_committed(md: Path) -> datetime.date:
    """The day the file was first committed (its author date, following renames); today for
    a file not committed yet, or a copy of the site outside any git repository."""
    result = subprocess.run(
        ["git", "log", "--follow", "--format=%as", "--", md.name],
        cwd=md.parent,
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG,
    )
    days = result.stdout.split() if result.returncode == 0 else []
    return datetime.date.fromisoformat(days[-1]) if days else datetime.date.today()


def test_the_first_commit_day_is_read_from_git_and_follows_renames(tmp_path: Path) -> None:
    def git(*args: str, day: str = "") -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00"} if day else None
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env, timeout=HANG)

    git("init", "-q")
    git("config", "user.email", "a@example.org")
    git("config", "user.name", "A")
    (tmp_path / "old.md").write_text("A post.\n", encoding="utf-8")
    git("add", "old.md")
    git("commit", "-qm", "first", day="2026-11-26")
    git("mv", "old.md", "new.md")
    git("commit", "-qm", "renamed", day="2026-12-01")
    assert _first_committed(tmp_path / "new.md") == datetime.date(2026, 11, 26)
    (tmp_path / "draft.md").write_text("Not committed.\n", encoding="utf-8")
    assert _first_committed(tmp_path / "draft.md") == datetime.date.today()


def test_no_post_is_dated_after_the_day_it_was_first_committed() -> None:
    dated = site_content.dated_kinds()
    late = {}
    for md in _pages():
        meta = site_content.front_matter(md)
        when = site_content.day(meta.get("date"))
        kind = meta.get("kind", site_content.folders()[site_content.folder_of(md)][1])
        if when is None or kind not in dated or meta.get("draft") is True:
            continue
        first = _first_committed(md)
        if when > first:
            late[str(md.relative_to(REPO))] = f"dated {when}, first committed {first}"
    assert late == {}, "date each post the day it was written"


def test_every_summary_names_its_source() -> None:
    unsourced = [
        str(md.relative_to(REPO))
        for md in _pages()
        if SUMMARY.search(_opening(md)) and not site_content.front_matter(md).get("source")
    ]
    assert unsourced == []


def _copied(md: Path, kept: dict[str, dict[str, object]]) -> list[str]:
    """The runs of 10 words that a page with ``source:`` shares with its fingerprinted original."""
    source = site_content.front_matter(md).get("source")
    if not isinstance(source, dict):
        return []
    original = kept.get(originals.key(str(source.get("title") or ""), str(source.get("author") or "")))
    if original is None:
        return []
    known = set(original["runs"])  # type: ignore[call-overload]
    # The original's title is quoted, attributed, wherever the summary names it: not a copy.
    title = re.escape(str(source.get("title") or "").strip())
    text = re.sub(rf"(?<!\w){title}(?!\w)", " ", _text(md), flags=re.IGNORECASE) if title else _text(md)
    return [run for fingerprint, run in originals.runs(text).items() if fingerprint in known]


def test_no_summary_copies_a_run_of_10_words_from_its_original() -> None:
    kept = originals.load()
    copied = {str(md.relative_to(REPO)): runs for md in _pages() if (runs := _copied(md, kept))}
    assert copied == {}, (
        f"write these in your own words (no {originals.RUN} words in a row from the original)"
    )


def test_the_copied_run_check_finds_a_copied_run(tmp_path: Path) -> None:
    original = "It is rare to hear the leaders of public services speak openly against the idea."
    kept = {originals.key("A rare view", "Ann"): {"runs": originals.fingerprints(original)}}
    page = tmp_path / "copy.md"
    front = "---\ntitle: C\nsource: {title: A rare view, author: Ann}\n---\n\n"
    page.write_text(front + "So, he says, the Leaders of public services speak openly against the idea.\n")
    assert _copied(page, kept) == ["the leaders of public services speak openly against the idea"]
    page.write_text(front + "Leaders of public services rarely argue against it in public.\n")
    assert _copied(page, kept) == []
