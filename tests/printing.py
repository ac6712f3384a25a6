"""Pages printed to PDF in Chromium, as a facilitator prints them, and read back: the sheets'
size, the text of each sheet (pypdf) and how far down each sheet is printed (the sheet
rendered by poppler's ``pdftoppm``, as a reader sees it, lines and boxes included).

The checks here are of paper, whatever the site: a fork's pages, words and paper size are
read from its configuration by the tests that call them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

PAPER_POINTS = {
    "A4": (595, 842),
    "A5": (420, 595),
    "A3": (842, 1191),
    "letter": (612, 792),
    "legal": (612, 1008),
}
"""Sheet sizes in points (1/72 inch), as PDFs give them."""
NEAR_EMPTY = 0.15
"""A last sheet printed no further down than this share of its height holds a stray line or two."""

_SPACE_RE = re.compile(r"\s+")
# Every heading the reader sees on paper, in order: what a sheet must not end with.
_HEADINGS = """() => Array.from(document.querySelectorAll("article :is(h1, h2, h3, h4, h5, h6)"))
  .filter(h => h.offsetParent !== null || getComputedStyle(h).display !== "none")
  .map(h => h.innerText)"""


def words(text: str) -> str:
    """Text with its runs of white space as one space: PDF text and HTML text compared."""
    return _SPACE_RE.sub(" ", text).strip()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(
            f"{name} is missing: install poppler-utils (`make test` does) to read printed PDFs", pytrace=False
        )
    return found


@dataclass
class Printed:
    """A page printed to PDF."""

    url: str
    path: Path
    sizes: list[tuple[int, int]]
    """Each sheet's width and height in points."""
    sheets: list[list[str]]
    """Each sheet's lines of text, top to bottom, without empty ones."""
    headings: list[str]
    """The page's headings as printed (print styles applied)."""

    @property
    def text(self) -> str:
        return words(" ".join(" ".join(lines) for lines in self.sheets))

    def ink_depth(self, sheet: int) -> float:
        """How far down sheet ``sheet`` (0 first) anything is printed, as a share of its height."""
        prefix = self.path.with_suffix("")
        number = sheet + 1
        subprocess.run(
            [_tool("pdftoppm"), "-gray", "-r", "24", "-f", str(number), "-l", str(number), "-singlefile",
             str(self.path), str(prefix)],
            check=True,
        )  # fmt: skip
        data = prefix.with_suffix(".pgm").read_bytes()
        # A binary PGM: "P5", width, height, maximum, one byte a pixel.
        fields = data.split(maxsplit=4)
        width, height = int(fields[1]), int(fields[2])
        pixels = fields[4]
        last = 0
        for row in range(height):
            if min(pixels[row * width : (row + 1) * width]) < 160:
                last = row
        return (last + 1) / height

    def stranded(self) -> list[str]:
        """Headings that end a sheet other than the last: the heading on one sheet, what it
        heads on the next."""
        found = []
        for number, lines in enumerate(self.sheets[:-1], 1):
            if not lines:
                continue
            end = words(lines[-1])
            for heading in self.headings:
                heading = words(heading)
                if heading and (end == heading or (len(end) > 8 and heading.endswith(end))):
                    found.append(f"sheet {number} ends with the heading {heading!r}")
                    break
        return found

    def starts_sheet(self, text: str) -> bool:
        """Whether some sheet begins with ``text`` (its first line)."""
        text = words(text)
        return any(lines and words(lines[0]).startswith(text[:40]) for lines in self.sheets)


def print_page(page: Page, url: str, folder: Path, name: str) -> Printed:
    """Open ``url`` in ``page`` and print it to ``folder/name.pdf`` as the print dialog does,
    on the paper its style asks for; read it back."""
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    headings = page.evaluate(_HEADINGS)
    path = folder / f"{name}.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    reader = PdfReader(path)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    sheets = [[line for line in p.extract_text().splitlines() if line.strip()] for p in reader.pages]
    return Printed(url, path, sizes, sheets, headings)


def paper_problems(printed: Printed, paper: str, furniture: list[str]) -> list[str]:
    """What is wrong with a printed page as paper: sheets of another size, a heading ending a
    sheet, a near-empty last sheet, words of the web page's furniture printed."""
    problems = []
    wanted = PAPER_POINTS[paper]
    if any(size != wanted for size in printed.sizes):
        problems.append(f"printed on {sorted(set(printed.sizes))} pt, not {paper} {wanted}")
    problems += printed.stranded()
    if len(printed.sheets) > 1:
        depth = printed.ink_depth(len(printed.sheets) - 1)
        if depth <= NEAR_EMPTY:
            problems.append(
                f"the last of {len(printed.sheets)} sheets is near-empty (printed to {depth:.0%} of it): "
                + " / ".join(printed.sheets[-1][:4])
            )
    text = printed.text
    shown = [f for f in furniture if f and re.search(rf"(?<!\w){re.escape(words(f))}(?!\w)", text)]
    if shown:
        problems.append(f"web furniture printed: {shown}")
    return [f"/{printed.url}: {problem}" for problem in problems]


def screenshot(printed: Printed, target: Path) -> Path:
    """The first sheet of a printed page as a PNG (``target``), rendered as on paper."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(printed.path),
         str(target.with_suffix(""))],
        check=True,
    )  # fmt: skip
    return target


_MARKER_RE = re.compile(r"^<!--\s*(end\s+)?handout\s*-->\s*$", re.IGNORECASE)
_HEADING_LINE_RE = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_MARKUP_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")


def handout_headings(markdown: str) -> tuple[list[str], list[str]]:
    """A page's headings inside its handout and outside it (not also inside), from its
    Markdown, as their text reads."""
    inside, outside = [], []
    where = "before"
    fence = False
    for line in markdown.splitlines():
        if line.startswith(("```", "~~~")):
            fence = not fence
        if fence:
            continue
        marker = _MARKER_RE.match(line)
        if marker:
            where = "after" if marker.group(1) else "inside"
            continue
        heading = _HEADING_LINE_RE.match(line)
        if heading:
            text = words(_MARKUP_RE.sub(lambda m: m.group(1) or "", heading.group(1)))
            (inside if where == "inside" else outside).append(text)
    return inside, [h for h in outside if h not in inside]


def handout_problems(tool: Printed, handout: Printed, title: str, markdown: str) -> list[str]:
    """A tool printed: its steps, then its handout from a new sheet. Its handout printed: the
    tool's title and the handout's headings, none of the steps'."""
    inside, outside = handout_headings(markdown)
    problems = []
    if not inside:
        return [f"/{tool.url}: the Markdown has no heading inside its handout"]
    if not tool.starts_sheet(inside[0]):
        problems.append(f"/{tool.url}: its handout ({inside[0]!r}) does not start a new sheet")
    text = handout.text
    if words(title) not in text:
        problems.append(f"/{handout.url}: the tool's title {title!r} is not printed")
    problems += [
        f"/{handout.url}: the handout's heading {h!r} is not printed" for h in inside if h not in text
    ]
    # A heading prints as a line of its own: the same words in a sentence are not it.
    lines = {words(line) for sheet in handout.sheets for line in sheet}
    problems += [
        f"/{handout.url}: {h!r}, from outside the handout, is printed" for h in outside if h in lines
    ]
    return problems


def pack_problems(pack: Printed, tools: list[tuple[str, str]]) -> list[str]:
    """A pack printed: a cover, then each tool's handout (title, Markdown) starting a sheet."""
    problems = []
    if len(pack.sheets) < 1 + len(tools):
        problems.append(f"/{pack.url}: {len(pack.sheets)} sheets for a cover and {len(tools)} handouts")
    for title, markdown in tools:
        if not pack.starts_sheet(title):
            problems.append(f"/{pack.url}: the handout of {title!r} does not start a sheet")
        inside, _ = handout_headings(markdown)
        problems += [
            f"/{pack.url}: {title!r}'s heading {h!r} is not printed" for h in inside if h not in pack.text
        ]
    return problems
