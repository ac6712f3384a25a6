"""Deterministic synthetic corpus for the build benchmark.

``generate(root, n, seed, layout=...)`` writes ``n`` content pages (20% docs,
20% tools, 60% posts) plus a few landing pages and an ``mkdocs.yml``.  The
Markdown is identical in both layouts:

* ``ours``: the project layout, ``docs/``, ``toolkit/`` and ``posts/`` beside
  ``mkdocs.yml``, built with the coproduction plugin;
* ``baseline``: every file under ``docs/`` (``docs/toolkit/``, ``docs/posts/``),
  plain Material + its search plugin, no coproduction plugin.

Run as a script to write one corpus: ``python benchmarks/corpus.py DIR -n 500``.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import posixpath
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

__all__ = ["AUTHORS", "TERMS", "Corpus", "Layout", "generate", "write_config"]

Layout = Literal["ours", "baseline"]

REPO = Path(__file__).resolve().parent.parent
"""The project checkout; its ``mkdocs.yml`` is the template of the "ours" config."""

TERMS: tuple[str, ...] = ("power", "leadership", "diversity", "capacity")

AUTHORS: dict[str, tuple[str, str]] = {
    "alex-fox": ("Alex Fox", "Carer and trainer"),
    "priya-shah": ("Priya Shah", "Peer researcher"),
    "sam-okafor": ("Sam Okafor", "Commissioning manager"),
    "jo-williams": ("Jo Williams", "Expert by experience"),
    "ruth-evans": ("Ruth Evans", "Social worker"),
    "tom-hughes": ("Tom Hughes", "Community organiser"),
    "amina-yusuf": ("Amina Yusuf", "Mental health advocate"),
    "kate-morgan": ("Kate Morgan", "Service user representative"),
    "dev-patel": ("Dev Patel", "Occupational therapist"),
    "lucy-chen": ("Lucy Chen", "Charity director"),
    "mark-davies": ("Mark Davies", "Family carer"),
    "nadia-rahman": ("Nadia Rahman", "Co-production lead"),
}

NAV: list[dict[str, str]] = [
    {"Home": "index.md"},
    {"Principles": "principles/index.md"},
    {"Guidance": "guidance/index.md"},
    {"Toolkit": "toolkit/index.md"},
    {"Blog": "posts/index.md"},
    {"Barriers": "barriers/index.md"},
]
"""Same six entries in both layouts; the plugin generates the last two in "ours"."""

FIRST_DATE = dt.date(2017, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)

# --- vocabulary ------------------------------------------------------------


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_NOUNS = _split("""
people service carer group meeting decision budget power leader community partner
voice experience project training support money trust plan review council board
charity volunteer family member outcome evidence feedback question agenda report
policy practice commissioner network workshop conversation change barrier principle
toolkit guide role payment expense venue access language culture story idea goal
step risk resource skill confidence relationship organisation system process design
survey interview session facilitator champion advocate neighbourhood health care
wellbeing equality diversity inclusion capacity leadership accountability
responsibility expertise knowledge learning reflection agreement contract partnership
strategy priority impact value respect reciprocity timetable minutes invitation
transport childcare interpreter allowance deadline document template checklist
forum panel steering committee manager practitioner researcher volunteer neighbour
""")
_PLURALS = _split("""
people carers staff groups leaders partners members volunteers commissioners
families managers practitioners advocates researchers organisations professionals
citizens residents neighbours facilitators councils charities teams
""")
_VERBS = _split("""
share plan decide build support invite listen agree review change pay train involve
lead include welcome explain check record measure improve design deliver fund value
respect ask answer learn reflect challenge notice recognise trust protect prepare
organise celebrate question follow open test choose describe discuss offer write
""")
_ADJECTIVES = _split("""
equal fair open honest local small clear practical accessible diverse shared early
real useful simple careful regular confident independent different strong new whole
paid flexible safe welcoming meaningful respectful difficult important lived
national personal formal informal quiet busy visible hidden everyday
""")
_ADVERBS = _split("""
together early openly fairly often clearly carefully honestly regularly properly
quickly slowly gently directly usually sometimes
""")
_PREPOSITIONS = _split("with for about from in into through before after during without between across")
_DETERMINERS = _split("the a every each some our your their this that")

_SENTENCES: tuple[str, ...] = (
    "{Det} {adj} {noun} {verb3} {det} {noun} {prep} {det} {noun}.",
    "{Plural} {verb} {det} {noun} {adv}.",
    "When {plural} {verb} {det} {noun}, {plural} {verb} {det} {adj} {noun}.",
    "It helps to {verb} {det} {noun} {prep} {det} {adj} {noun} and to {verb} {det} {noun} {adv}.",
    "Ask {det} {noun} how {plural} {verb} {det} {adj} {noun} {prep} {det} {noun}.",
    "{Plural} often {verb} {det} {noun} because {det} {noun} {verb3} {det} {adj} {noun}.",
    "If {det} {noun} {verb3} {det} {noun}, {plural} can {verb} {det} {adj} {noun} {adv}.",
    "Good {noun} means that {plural} {verb} {det} {noun} {prep} {det} {noun}.",
    "{Det} {noun} {prep} {det} {noun} should {verb} {det} {adj} {noun}.",
    "Make sure {plural} can {verb} {det} {noun} and {verb} {det} {adj} {noun} {adv}.",
    "This is not always {adj}, but {plural} {verb} {det} {noun} {prep} {det} {noun}.",
)
_TITLES: tuple[str, ...] = (
    "How to {verb} {det} {adj} {noun}",
    "Why {plural} {verb} {det} {noun}",
    "A guide to {adj} {noun}",
    "{Adj} {noun} for {plural}",
    "{Verb} {det} {noun} {prep} {plural}",
    "What {adj} {noun} means for {plural}",
    "{Adj} {noun} and {adj} {noun}",
)
_HEADINGS: tuple[str, ...] = (
    "Why {noun} matters",
    "{Adj} {noun}",
    "How to {verb} {det} {noun}",
    "What {plural} told us",
    "{Verb} {det} {noun} {adv}",
    "When {det} {noun} {verb3}",
    "{Noun} and {noun}",
    "Questions to ask about {noun}",
)
_ITEMS: tuple[str, ...] = (
    "{verb} {det} {noun} {adv}",
    "{adj} {noun} {prep} {det} {noun}",
    "{Plural} {verb} {det} {adj} {noun}",
    "{det} {noun} that {plural} {verb}",
    "{verb} {det} {adj} {noun} {prep} {plural}",
)
_LINKS: tuple[str, ...] = (
    "See [{title}]({href}) for more about {noun}.",
    "[{title}]({href}) explains how {plural} {verb} {det} {noun}.",
    "You can also read [{title}]({href}).",
    "{Plural} who {verb} {det} {noun} may find [{title}]({href}) {adj}.",
)
_TABLE_HEADS: tuple[tuple[str, ...], ...] = (
    ("Step", "Who takes part", "What it means"),
    ("Barrier", "What gets in the way", "What helps", "Who can act"),
    ("Task", "Time needed", "Cost"),
    ("Question", "Why ask it", "Who answers"),
)
_FIELD_RE = re.compile(r"\{(\w+)\}")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
_LINK_URL_RE = re.compile(r"\]\([^)]*\)")


def count_words(text: str) -> int:
    """Words in Markdown text, ignoring link targets and markup characters."""
    return len(_WORD_RE.findall(_LINK_URL_RE.sub("]", text)))


_VOCABULARY: dict[str, tuple[str, ...]] = {
    "noun": _NOUNS,
    "plural": _PLURALS,
    "verb": _VERBS,
    "adj": _ADJECTIVES,
    "adv": _ADVERBS,
    "prep": _PREPOSITIONS,
    "det": _DETERMINERS,
}
"""Word lists by the field names templates use."""


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x")):
        return verb + "es"
    return verb + "s"


class _Writer:
    """Fills sentence templates from the vocabulary with one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _word(self, name: str) -> str:
        key = name.lower()
        if key == "verb3":
            word = _third_person(self.rng.choice(_VERBS))
        elif key in _VOCABULARY:
            word = self.rng.choice(_VOCABULARY[key])
        else:
            raise KeyError(name)
        return word.capitalize() if name[0].isupper() else word

    def fill(self, template: str, **fixed: str) -> str:
        """Fill ``template``; ``fixed`` values win over vocabulary words."""
        text = _FIELD_RE.sub(lambda m: fixed.get(m.group(1)) or self._word(m.group(1)), template)
        # "a" before a vowel sound; good enough for this vocabulary.
        return re.sub(r"\b([Aa]) (?=[aeiouAEIOU])", r"\1n ", text)

    def sentence(self, plain: bool = False) -> str:
        """One sentence, sometimes with *emphasis* or **strong** words unless ``plain``."""
        words = self.fill(self.rng.choice(_SENTENCES)).split(" ")
        roll = 1.0 if plain else self.rng.random()
        if roll < 0.12 and len(words) > 3:
            i = self.rng.randrange(1, len(words) - 1)
            words[i] = f"*{words[i]}*"
        elif roll < 0.18 and len(words) > 4:
            i = self.rng.randrange(1, len(words) - 2)
            words[i] = f"**{words[i]}"
            words[i + 1] = f"{words[i + 1]}**"
        return " ".join(words)

    def paragraph(self, lo: int, hi: int, plain: bool = False) -> list[str]:
        return [self.sentence(plain) for _ in range(self.rng.randint(lo, hi))]

    def title(self, templates: tuple[str, ...]) -> str:
        text = self.fill(self.rng.choice(templates))
        return text[0].upper() + text[1:]

    def item(self) -> str:
        text = self.fill(self.rng.choice(_ITEMS))
        return text[0].upper() + text[1:]

    def table(self) -> str:
        head = self.rng.choice(_TABLE_HEADS)
        rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for _ in range(self.rng.randint(3, 5)):
            cells = [self.fill(self.rng.choice(("{adj} {noun}", "{plural}", "{verb} {det} {noun}")))]
            cells += [self.item() for _ in head[1:]]
            rows.append("| " + " | ".join(c[0].upper() + c[1:] for c in cells) + " |")
        return "\n".join(rows)


# --- pages -----------------------------------------------------------------


@dataclass(slots=True)
class _Page:
    src_uri: str
    """Path relative to the docs root of the baseline (``posts/x.md``)."""
    title: str
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""


@dataclass(frozen=True, slots=True)
class Corpus:
    """What ``generate`` wrote."""

    root: Path
    config_file: Path
    layout: Layout
    pages: int
    """Content pages (N), without landing pages."""
    words: int
    """Words in the content pages' bodies."""
    counts: dict[str, int]


def _slug(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    slug, i = base, 2
    while slug in taken:
        slug, i = f"{base}-{i}", i + 1
    taken.add(slug)
    return slug


def _href(src: str, target: str) -> str:
    """Relative link from page ``src`` to page ``target`` (both docs-relative)."""
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


def _plan(n: int, rng: random.Random, writer: _Writer) -> list[_Page]:
    n_docs = round(n * 0.2)
    n_tools = round(n * 0.2)
    n_posts = n - n_docs - n_tools
    n_principles = max(1, n_docs // 5)
    taken: set[str] = {"index"}
    span = (LAST_DATE - FIRST_DATE).days
    pages: list[_Page] = []
    for i in range(n):
        if i < n_principles:
            folder, kind = "principles", "principle"
        elif i < n_docs:
            folder, kind = "guidance", "guide"
        elif i < n_docs + n_tools:
            folder, kind = "toolkit", "tool"
        else:
            folder, kind = "posts", "post"
        title = writer.title(_TITLES)
        meta: dict[str, Any] = {
            "title": title,
            "description": " ".join(writer.paragraph(1, 2, plain=True)),
            "barriers": rng.sample(TERMS, rng.randint(1, 3)),
        }
        if kind == "principle" or (kind == "guide" and rng.random() < 0.5):
            meta["kind"] = kind
        if kind == "post":
            meta["date"] = FIRST_DATE + dt.timedelta(days=rng.randrange(span + 1))
            meta["authors"] = rng.sample(sorted(AUTHORS), 1 if rng.random() < 0.75 else 2)
        src = f"{folder}/{_slug(title, taken)}.md"
        pages.append(_Page(src, title, meta))
    assert len(pages) == n_docs + n_tools + n_posts
    return pages


def _body(page: _Page, pages: list[_Page], rng: random.Random, writer: _Writer) -> str:
    """600-900 words: intro, 4-6 sections, lists, a table and 2-4 links."""
    target = rng.randint(620, 880)
    blocks: list[str | list[str]] = []  # a list is a paragraph of sentences
    paragraphs: list[list[str]] = []

    def para(lo: int, hi: int) -> None:
        sentences = writer.paragraph(lo, hi)
        paragraphs.append(sentences)
        blocks.append(sentences)

    para(2, 3)
    if page.src_uri.startswith("posts/"):
        blocks.append("<!-- more -->")
    n_sections = rng.randint(4, 6)
    bullets, numbered, table = rng.sample(range(n_sections), 3)
    for s in range(n_sections):
        blocks.append("## " + writer.title(_HEADINGS))
        para(2, 4)
        if s == bullets:
            blocks.append("\n".join(f"- {writer.item()}" for _ in range(rng.randint(3, 6))))
        if s == numbered:
            items = rng.randint(3, 5)
            blocks.append("\n".join(f"{k}. {writer.item()}" for k in range(1, items + 1)))
        if s == table:
            blocks.append(writer.table())
        if rng.random() < 0.5:
            blocks.append("### " + writer.title(_HEADINGS))
            para(1, 3)
    links: set[str] = set()
    others = [p for p in pages if p is not page]
    for target_page in rng.sample(others, min(len(others), rng.randint(2, 4))):
        sentences = rng.choice(paragraphs)
        text = writer.fill(
            rng.choice(_LINKS),
            title=target_page.title,
            href=_href(page.src_uri, target_page.src_uri),
        )
        sentences.insert(rng.randint(1, len(sentences)), text)
        links.add(text)

    def total() -> int:
        return sum(count_words(b if isinstance(b, str) else " ".join(b)) for b in blocks)

    # Sentences have at most 16 words, so this ends within target..target + 16.
    words = total()
    while words < target:
        sentence = writer.sentence()
        rng.choice(paragraphs).append(sentence)
        words += count_words(sentence)
    while words > target + 16:
        candidates = [p for p in paragraphs if len(p) > 1 and p[-1] not in links]
        if not candidates:
            break
        words -= count_words(rng.choice(candidates).pop())
    if page.src_uri.startswith("toolkit/"):  # a tool's last section is its handout (issue 25)
        last = max(i for i, b in enumerate(blocks) if isinstance(b, str) and b.startswith("## "))
        blocks.insert(last, "<!-- handout -->")
    return "\n\n".join(b if isinstance(b, str) else " ".join(b) for b in blocks) + "\n"


def _front_matter(meta: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        elif isinstance(value, dt.date):
            lines.append(f"{key}: {value.isoformat()}")
        elif isinstance(value, str) and re.fullmatch(r"[a-z][a-z-]*", value):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _landing(
    src: str, title: str, intro: str, links: list[_Page], writer: _Writer, **meta: str
) -> tuple[str, str]:
    text = _front_matter({"title": title, "description": intro, "barriers": [], **meta})
    text += intro + "\n\n" + " ".join(writer.paragraph(2, 3)) + "\n"
    if links:
        text += "\n## Pages\n\n"
        text += "".join(f"- [{p.title}]({_href(src, p.src_uri)})\n" for p in links)
    return src, text


def _sources(n: int, seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]], int]:
    """(content files, landing files, words): docs-relative paths and text."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    pages = _plan(n, rng, writer)
    files: list[tuple[str, str]] = []
    words = 0
    for page in pages:
        page.body = _body(page, pages, rng, writer)
        words += count_words(page.body)
        files.append((page.src_uri, _front_matter(page.meta) + page.body))

    def first(folder: str) -> list[_Page]:
        return [p for p in pages if p.src_uri.startswith(folder + "/")][:8]

    landing = [
        _landing(
            "index.md",
            "Co-production toolkit",
            "A toolkit for co-production in health and social care.",
            first("principles")[:2] + first("guidance")[:2] + first("toolkit")[:2],
            writer,
        ),
        _landing(
            "principles/index.md",
            "Principles of co-production",
            "The big ideas behind good co-production.",
            first("principles"),
            writer,
            kind="principle",
        ),
        _landing(
            "guidance/index.md",
            "Guidance",
            "Step-by-step guidance on how to do co-production.",
            first("guidance"),
            writer,
        ),
        _landing(
            "toolkit/index.md",
            "Toolkit",
            "Forms, activities and templates to help you along the way.",
            first("toolkit"),
            writer,
        ),
    ]
    return files, landing, words


def _baseline_only(writer: _Writer) -> list[tuple[str, str]]:
    """Plain stand-ins for the pages the plugin generates in "ours"."""
    return [
        _landing("posts/index.md", "Blog", "Stories and news about co-production.", [], writer),
        _landing("barriers/index.md", "Barriers", "The four barriers to co-production.", [], writer),
    ]


def _authors_yml() -> str:
    return "".join(f"{key}:\n  name: {name}\n  role: {role}\n" for key, (name, role) in AUTHORS.items())


# --- mkdocs.yml ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tagged:
    """A YAML value with a tag we keep but do not interpret (``!ENV``, ``!!python/name``)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def _plugin_name(entry: object) -> str:
    if isinstance(entry, dict):
        return str(next(iter(entry), ""))
    return str(entry)


def _configs(template: Path) -> dict[Layout, dict[str, Any]]:
    """Both configs from the project's ``mkdocs.yml``; they differ only in plugin and overrides."""
    with template.open(encoding="utf-8") as f:
        real = yaml.load(f, Loader=_Loader)
    if not isinstance(real, dict):
        raise ValueError(f"{template}: not a mapping")
    ours: dict[str, Any] = copy.deepcopy(real)
    ours["docs_dir"] = "docs"
    ours["site_dir"] = "site"
    ours["nav"] = copy.deepcopy(NAV)
    ours.pop("watch", None)
    theme = ours.setdefault("theme", {"name": "material"})
    if isinstance(theme, dict) and "custom_dir" in theme:
        custom = (template.parent / str(theme["custom_dir"])).resolve()
        if custom.is_dir():
            theme["custom_dir"] = str(custom)
        else:
            del theme["custom_dir"]
    if isinstance(ours.get("hooks"), list):
        ours["hooks"] = [str((template.parent / str(h)).resolve()) for h in ours["hooks"]]
    plugins = ours.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    ours["plugins"] = plugins
    for entry in plugins:
        if isinstance(entry, dict) and isinstance(entry.get("coproduction"), dict):
            options = entry["coproduction"]
            options["sources"] = {
                "posts": {"dir": "posts", "kind": "post"},
                "toolkit": {"dir": "toolkit", "kind": "tool"},
            }
            options["authors"] = "posts/authors.yml"
            options.pop("footer_links", None)  # the corpus has none of the pages they name
            # The corpus has no Easy Read pages for the terms to link to.
            for taxonomy in (options.get("taxonomies") or {}).values():
                for term in (taxonomy.get("terms") or {}).values():
                    if isinstance(term, dict):
                        term.pop("easy_read", None)
    if "coproduction" not in {_plugin_name(p) for p in plugins}:
        raise ValueError(f"{template}: no coproduction plugin in plugins")

    baseline = copy.deepcopy(ours)
    baseline["plugins"] = [p for p in plugins if _plugin_name(p) != "coproduction"]
    # Plain Material as it ships: with its search plugin (MkDocs' default), which the
    # project's own configuration leaves out (the plugin's search replaces it).
    if not {"search", "material/search"} & {_plugin_name(p) for p in baseline["plugins"]}:
        baseline["plugins"].insert(0, "search")
    baseline.pop("hooks", None)
    if isinstance(baseline.get("theme"), dict):
        baseline["theme"].pop("custom_dir", None)
    return {"ours": ours, "baseline": baseline}


def write_config(root: Path, layout: Layout, template: Path = REPO / "mkdocs.yml") -> Path:
    """Write ``root/mkdocs.yml`` for ``layout``, derived from the project's ``mkdocs.yml``."""
    config = _configs(template)[layout]
    path = root / "mkdocs.yml"
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    header = f"# Benchmark corpus ({layout}), generated from {template}.\n"
    path.write_text(header + text, encoding="utf-8")
    return path


# --- entry point -----------------------------------------------------------


def generate(root: Path, n: int, seed: int = 1, *, layout: Layout) -> Corpus:
    """Write a corpus of ``n`` content pages for ``layout`` into ``root`` (new or empty)."""
    if n < 10:
        raise ValueError("n must be at least 10")
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    files, landing, words = _sources(n, seed)
    # Baseline stand-ins use their own generator so both layouts share everything else.
    extra = _baseline_only(_Writer(random.Random(seed + 1))) if layout == "baseline" else []
    docs = root / "docs"

    def place(src: str) -> Path:
        top = src.split("/", 1)[0]
        if layout == "ours" and top in ("toolkit", "posts"):
            return root / src
        return docs / src

    counts: dict[str, int] = {}
    for src, text in files + landing + extra:
        path = place(src)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for src, _ in files:
        top = src.split("/", 1)[0]
        counts[top] = counts.get(top, 0) + 1
    authors = place("posts/authors.yml")
    authors.parent.mkdir(parents=True, exist_ok=True)
    authors.write_text(_authors_yml(), encoding="utf-8")
    assets = REPO / "docs" / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs / "assets")
    config_file = write_config(root, layout)
    return Corpus(root, config_file, layout, n, words, counts)


def main(argv: list[str] | None = None) -> int:
    """Command line: write one corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", type=Path, help="directory to write (new or empty)")
    parser.add_argument("-n", type=int, default=500, help="content pages (default 500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", choices=("ours", "baseline"), default="ours")
    args = parser.parse_args(argv)
    corpus = generate(args.root, args.n, args.seed, layout=args.layout)
    print(
        f"{corpus.layout}: {corpus.pages} pages ({corpus.counts}), "
        f"{corpus.words} words, config {corpus.config_file}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
