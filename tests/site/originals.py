"""Fingerprints of the originals this site's summaries summarise: each 10-word run of an
original, hashed. The repository keeps these, never the originals' text (which is not ours to
republish), so ``test_provenance.py`` can tell whether a summary copies a run of 10 words from
its original, in any clone or fork, with nothing outside the repository.

Add an original (or refresh one) when you add a summary, with its text in a file:

    .venv/bin/python tests/site/originals.py "Title (as source: names it)" "Author" original.txt
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

__all__ = ["ORIGINALS", "RUN", "fingerprints", "key", "load", "runs"]

ORIGINALS = Path(__file__).with_name("originals.json")
RUN = 10
"""How many words in a row a summary may not share with its original."""

_CURLY = "\u2019"
"""The right single quotation mark, which many originals use as their apostrophe."""
_WORD_RE = re.compile(rf"[^\W_]+(?:['{_CURLY}][^\W_]+)*")


def _words(text: str) -> list[str]:
    """The text's words, lower case, apostrophes and quote styles made one."""
    return [word.replace(_CURLY, "'") for word in _WORD_RE.findall(text.casefold())]


def runs(text: str) -> dict[str, str]:
    """Each run of ``RUN`` words in ``text``, by its fingerprint."""
    words = _words(text)
    found = {}
    for i in range(len(words) - RUN + 1):
        run = " ".join(words[i : i + RUN])
        found.setdefault(hashlib.blake2b(run.encode(), digest_size=8).hexdigest(), run)
    return found


def fingerprints(text: str) -> list[str]:
    return sorted(runs(text))


def load() -> dict[str, dict[str, object]]:
    """The originals kept: ``"title | author"`` -> {title, author, runs (a list of fingerprints)};
    the file holds each original's fingerprints as one line of text, to stay small."""
    if not ORIGINALS.is_file():
        return {}
    loaded: dict[str, dict[str, object]] = json.loads(ORIGINALS.read_text(encoding="utf-8"))
    for original in loaded.values():
        original["runs"] = str(original["runs"]).split()
    return loaded


def key(title: str, author: str) -> str:
    """How an original is named in the file: its ``source:`` title and author, quote styles made one."""
    return f"{title.strip()} | {author.strip()}".casefold().replace(_CURLY, "'")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    title, author, path = argv
    originals = load()
    originals[key(title, author)] = {
        "title": title,
        "author": author,
        "runs": fingerprints(Path(path).read_text(encoding="utf-8")),
    }
    for original in originals.values():
        original["runs"] = " ".join(original["runs"])  # type: ignore[arg-type]
    ORIGINALS.write_text(json.dumps(originals, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{ORIGINALS}: {title} by {author}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
