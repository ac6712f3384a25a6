"""Very long runs of text, read by Markdown in pieces so a page's cost grows with its length.

Python-Markdown's inline stage rebuilds a run of text (a paragraph, a list item, a table
cell) around every link, emphasis or entity it finds in it: its cost is the length of the
run times the number of such marks, the square of the run (one 1 MB paragraph: 295 s).
``LongTextExtension`` hands the inline stage any run longer than ``LONGEST`` in pieces of at
most that length, cut at a line break or a space, and joins the pieces back after it, so a
page costs the same per character however long its paragraphs. A mark that spans a cut (a
link whose words are cut apart) shows as typed: ``find_long_texts`` says where, for a
problem in ``make check`` and the build alike. No sentence a reader can follow is that long.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

__all__ = ["LONGEST", "LongTextExtension", "find_long_texts", "might_run_long"]

LONGEST = 5_000
"""The longest run of text the inline stage reads at once, in characters."""

_PIECE = "coproduction-piece"
"""A tag no HTML has, for a piece between the two stages (none is left in the page)."""
_PARAGRAPHS_RE = re.compile(r"\n[ \t]*\n")


def might_run_long(markdown_text: str) -> bool:
    """Whether any stretch of ``markdown_text`` without an empty line is longer than ``LONGEST``
    (a run of text never crosses one): only then can Markdown cut one."""
    if len(markdown_text) <= LONGEST:
        return False
    start = 0
    for gap in _PARAGRAPHS_RE.finditer(markdown_text):
        if gap.start() - start > LONGEST:
            return True
        start = gap.end()
    return len(markdown_text) - start > LONGEST


def find_long_texts(markdown_text: str, convert: Callable[[str, LongTextExtension], object]) -> list[int]:
    """Offsets in ``markdown_text`` of the runs Markdown reads in pieces, in text order.

    ``convert(text, extension)``: converts the text with the site's Markdown and this
    extension, which records the start of each run it cuts.
    """
    extension = LongTextExtension()
    convert(markdown_text, extension)
    offsets: list[int] = []
    start = 0
    for head in extension.cut:
        found = markdown_text.find(head, start)
        if found < 0:
            found = start  # Markdown took the run apart (a quote's "> "): the nearest we know
        offsets.append(found)
        start = found + 1
    return offsets


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of at most ``LONGEST``: after a line break or a space when
    there is one, so no word is cut."""
    pieces: list[str] = []
    while len(text) > LONGEST:
        cut = max(text.rfind("\n", 0, LONGEST), text.rfind(" ", 0, LONGEST)) + 1 or LONGEST
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def _chain(text: str) -> etree.Element:
    """``text`` as a chain: a holder of its first piece and of the holder of the rest.

    A chain, not a row: the inline stage works through a queue of the elements it made, and
    a row of pieces would put every element of the run in the queue at once (the cost of
    taking one out grows with the queue); a chain gives it one piece's at a time. The text
    is in pieces with no children, as a paragraph's is, so the stage reads it once, as it
    reads a paragraph.
    """
    pieces = _pieces(text)
    head = holder = etree.Element(_PIECE)
    for at, words in enumerate(pieces):
        etree.SubElement(holder, _PIECE).text = words
        if at < len(pieces) - 1:
            holder = etree.SubElement(holder, _PIECE)
    return head


def _is_long(text: str | None) -> bool:
    return text is not None and len(text) > LONGEST and not isinstance(text, AtomicString)


class _Cut(Treeprocessor):
    """Before the inline stage: a long run becomes a chain of pieces."""

    def __init__(self, md: Markdown, cut: list[str]) -> None:
        super().__init__(md)
        self.cut = cut

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            children = list(parent)
            if _is_long(parent.text):
                self._note(parent.text or "")
                parent.insert(0, _chain(parent.text or ""))
                parent.text = None
            for child in children:
                if _is_long(child.tail):
                    self._note(child.tail or "")
                    parent.insert(list(parent).index(child) + 1, _chain(child.tail or ""))
                    child.tail = None

    def _note(self, text: str) -> None:
        self.cut.append(text.lstrip()[:60].split("\n", 1)[0])


class _Join(Treeprocessor):
    """After the inline stage: each piece's text and elements back in their parent."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            if parent.tag != _PIECE and any(child.tag == _PIECE for child in parent):
                _join(parent)


def _join(parent: etree.Element) -> None:
    text = [parent.text or ""]
    kept: list[etree.Element] = []
    tails: list[list[str]] = []
    todo: list[etree.Element | str] = list(reversed(parent))
    while todo:
        item = todo.pop()
        if isinstance(item, str) or item.tag == _PIECE:
            words = item if isinstance(item, str) else item.text
            if words:
                (tails[-1] if kept else text).append(words)
            if not isinstance(item, str):
                todo.append(item.tail or "")  # after what it holds
                todo.extend(reversed(item))
            continue
        kept.append(item)
        tails.append([item.tail or ""])
    del parent[:]
    parent.text = "".join(text) or None
    for element, tail in zip(kept, tails, strict=True):
        element.tail = "".join(tail) or None
        parent.append(element)


class LongTextExtension(Extension):
    """Reads runs of text longer than ``LONGEST`` in pieces (see the module's docstring);
    ``cut`` holds the start of each run it cut, in text order."""

    def __init__(self) -> None:
        super().__init__()
        self.cut: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:
        # Just before the inline stage (priority 20) and just after it: after the task
        # list (25), which reads an item's text first, and before attribute lists (8),
        # the table of contents (5) and everything else that reads the finished elements.
        md.treeprocessors.register(_Cut(md, self.cut), "coproduction_cut", 21)
        md.treeprocessors.register(_Join(md), "coproduction_join", 19)
        md.registerExtension(self)  # for reset()

    def reset(self) -> None:
        """A new page: nothing cut yet."""
        self.cut.clear()
