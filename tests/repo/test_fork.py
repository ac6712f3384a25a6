"""A fork stays green: the current checkout, forked in ``tmp_path`` as FORKING.md tells a new
organisation to (a Welsh carers' network: Welsh interface, published under a sub-path, its own
taxonomy and kinds, a new dated source folder, every sample page and author deleted, pages of
its own), passes ``check``, a strict build and the site's own test suite, browser tests and
all, and shows no English word of the plugin's. It assumes nothing about what the checkout
holds, so it passes on a fork of a fork too. The engine's tests use fixture sites only: they
run already, and are spared here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po

from conftest import ENGINE, HANG, REPO
from coproduction.mkdocs_plugin.translations import DOMAIN, LOCALES

# What a checkout holds that git does not, at its top and anywhere: never part of a fork.
NOT_COPIED_AT_TOP = {".git", ".venv", ".venv-properdocs", "node_modules", "site", ".cache"}
NOT_COPIED = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "screenshots"}

SITE_URL = "https://example-org.github.io/carers-cymru/"
AUTHORS = {
    "elin": {"name": "Elin Jones", "role": "Gofalwr"},
    "rhys": {"name": "Rhys Evans", "role": "Gweithiwr cymorth"},
}


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=HANG
    )


def checkout_files(root: Path) -> list[Path]:
    """The files a fork copies: those git tracks or would (not ignored), or, outside git, the
    working tree without environments, builds and caches."""
    top = _run(["git", "rev-parse", "--show-toplevel"], root)
    if top.returncode == 0 and Path(top.stdout.strip()).resolve() == root.resolve():
        listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], root)
        assert listed.returncode == 0, listed.stderr
        names = [Path(name) for name in listed.stdout.split("\0") if name]
    else:
        names = [path.relative_to(root) for path in root.rglob("*")]
    return [
        name
        for name in names
        if name.parts[0] not in NOT_COPIED_AT_TOP
        and not NOT_COPIED.intersection(name.parts)
        and (root / name).is_file()
        and not (root / name).is_symlink()
    ]


def _page(front: dict[str, Any], body: str) -> str:
    meta = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
    return f"---\n{meta}---\n\n{textwrap.dedent(body).strip()}\n"


def _options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "coproduction" in entry:
            options: dict[str, Any] = entry["coproduction"]
            return options
    raise AssertionError("mkdocs.yml lists no coproduction plugin")


def _fork(root: Path) -> None:
    """Copy the checkout to ``root``, then follow FORKING.md's steps, whatever is there already."""
    for name in checkout_files(REPO):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, root / name)
    if (REPO / "node_modules").is_dir():  # the HTML checker, which `npm ci` installs
        (root / "node_modules").symlink_to((REPO / "node_modules").resolve(), target_is_directory=True)
    config: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    options = _options(config)
    docs = root / str(config.get("docs_dir", "docs"))
    old_folders = [docs, *(root / source["dir"] for source in (options.get("sources") or {}).values())]
    old_authors = root / str(options.get("authors") or "posts/authors.yml")

    # 2. Rename and rebrand; a sub-path address, as GitHub Pages gives a project's site.
    config.update(
        site_name="Gofalwyr Gyda'n Gilydd",
        site_description="Pecyn cymorth i ofalwyr a staff sy'n cynllunio gofal gyda'i gilydd.",
        site_author="Rhwydwaith Gofalwyr Cymru",
        site_url=SITE_URL,
        repo_url="https://github.com/example-org/carers-cymru",
        repo_name="example-org/carers-cymru",
        edit_uri="edit/main/docs/",
        copyright="Pecyn cymorth gan Rwydwaith Gofalwyr Cymru.",
    )
    theme = config.setdefault("theme", {})
    theme["palette"] = {"scheme": "default", "primary": "brown", "accent": "brown"}
    # 5. Translate it: the interface follows theme.language, the contents' title and the
    # heading links' text included (mkdocs.yml's `toc:` leaves them to the catalogue).
    theme["language"] = "cy"
    # 6. Contact details.
    config.setdefault("extra", {})["contact"] = {
        "email": "gofalwyr@example.org",
        "post": "Rhwydwaith Gofalwyr Cymru, 1 Stryd yr Enghraifft, Aberenghraifft, EX1 1EX",
    }
    # 3 and 4. Its own taxonomy and kinds, and a new dated folder beside the blog.
    options["kinds"] = {
        "canllaw": {"title": "Canllaw", "plural": "Canllawiau"},
        "post": {"title": "Postiad blog", "plural": "Postiadau blog", "dated": True},
        "stori": {"title": "Stori", "plural": "Straeon", "dated": True},
    }
    options["sources"] = {
        "posts": {"dir": "posts", "kind": "post"},
        "stories": {"dir": "stories", "kind": "stori"},
    }
    options["taxonomies"] = {
        "themau": {
            "title": "Themâu",
            "description": "Y pethau y mae gofalwyr yn sôn amdanyn nhw fwyaf.",
            "terms": {
                "gofalu": {"title": "Gofalu", "description": "Gofalu am rywun gartref."},
                "iechyd": {"title": "Iechyd", "description": "Eich iechyd chi, fel gofalwr."},
                "arian": {"title": "Arian", "description": "Budd-daliadau, costau a help gydag arian."},
            },
        }
    }
    options["authors"] = "posts/authors.yml"
    options["footer_links"] = [
        {"title": "Datganiad hygyrchedd", "page": "accessibility.md"},
        {"title": "Trwydded y cynnwys: CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    ]
    config["nav"] = [
        {"Hafan": "index.md"},
        {"Cymorth": "cymorth.md"},
        {"Blog": "posts/index.md"},
        {"Straeon": "stories/index.md"},
        {"Themâu": "themau/index.md"},
    ]
    config.setdefault("extra", {})["section_aliases"] = {"authors": "posts"}

    # 7. Remove the sample content: every page of every content folder, and the authors.
    for folder in old_folders:
        for md in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            md.unlink()
    old_authors.unlink(missing_ok=True)
    kept = {docs, *(root / source["dir"] for source in options["sources"].values())}
    for folder in old_folders:
        if folder.is_dir() and folder not in kept:
            shutil.rmtree(folder)  # a source folder the fork no longer has
    for folder in sorted((p for p in docs.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )

    # Pages of its own, in Welsh.
    home = docs.relative_to(root).as_posix()
    pages = {
        "posts/authors.yml": yaml.safe_dump(AUTHORS, sort_keys=False, allow_unicode=True),
        f"{home}/index.md": _page(
            {"title": "Croeso", "description": "Help i ofalwyr yng Nghymru.", "themau": []},
            """
            Rydyn ni'n helpu gofalwyr a staff i gynllunio gofal gyda'i gilydd.

            Darllenwch ein [cymorth](cymorth.md), ein [straeon](stories/index.md)
            neu'r [blog](posts/index.md).
            """,
        ),
        f"{home}/accessibility.md": _page(
            {"title": "Datganiad hygyrchedd", "description": "Sut mae'r wefan yn hygyrch.", "themau": []},
            """
            Rydyn ni eisiau i bawb allu defnyddio'r wefan hon.

            Rydyn ni'n profi pob tudalen gyda darllenydd sgrin. Dywedwch wrthon ni os oes problem.
            """,
        ),
        f"{home}/cymorth.md": _page(
            {"title": "Cymorth i ofalwyr", "description": "Ble i gael help.", "themau": ["gofalu", "arian"]},
            """
            Mae llawer o help ar gael i ofalwyr yng Nghymru.

            ## Cyn i chi ffonio

            Ysgrifennwch beth rydych chi'n ei wneud bob wythnos.

            | Beth | Pwy sy'n helpu |
            |---|---|
            | Asesiad gofalwr | Y cyngor |
            | Seibiant | Elusen leol |
            """,
        ),
        "posts/cyfarfod-cyntaf.md": _page(
            {
                "title": "Ein cyfarfod cyntaf",
                "description": "Beth ddysgon ni pan wnaethon ni gyfarfod gyntaf.",
                "date": "2026-01-15",
                "authors": ["elin"],
                "themau": ["gofalu", "iechyd"],
            },
            "Gwnaethon ni gyfarfod yn y llyfrgell. Cawson ni de a gwnaethon ni gynllun.\n",
        ),
        "stories/index.md": _page(
            {"title": "Straeon", "description": "Straeon gofalwyr, yn eu geiriau eu hunain."},
            "Mae pob gofalwr yn wahanol. Dyma rai o'u straeon.\n",
        ),
        "stories/diwrnod-gyda-mam.md": _page(
            {
                "title": "Diwrnod gyda Mam",
                "description": "Diwrnod arferol i ofalwr.",
                "date": "2026-03-02",
                "authors": ["rhys"],
                "themau": ["gofalu"],
            },
            "Rydw i'n codi'n gynnar bob dydd. Mae Mam angen help i wisgo.\n",
        ),
        "stories/seibiant.md": _page(
            {
                "title": "Wythnos o seibiant",
                "description": "Beth wnaeth seibiant i ni.",
                "date": "2025-11-20",
                "authors": ["elin", "rhys"],
                "themau": ["arian", "gofalu"],
            },
            "Cawson ni wythnos o seibiant yn yr haf. Roedd yn help mawr i'r teulu cyfan.\n",
        ),
    }
    for name, text in pages.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fork")
    _fork(root)
    return root


def test_the_fork_checks_clean(fork: Path) -> None:
    check = _run([sys.executable, "-m", "coproduction", "check"], cwd=fork)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_fork_builds_strictly_in_its_language(fork: Path) -> None:
    build = _run([sys.executable, "-m", ENGINE, "build", "--strict", "-d", "strict"], cwd=fork)
    assert build.returncode == 0, build.stderr[-4000:]
    assert '<html lang="cy"' in (fork / "strict/index.html").read_text(encoding="utf-8")
    assert (fork / "strict/stories/diwrnod-gyda-mam/index.html").is_file()
    assert not (fork / "strict/barriers").exists()


@pytest.fixture(scope="module")
def built(fork: Path) -> Path:
    """The fork, built (not strictly: a warning fails the test above, not those that read the site)."""
    build = _run([sys.executable, "-m", ENGINE, "build", "-d", "built"], cwd=fork)
    assert build.returncode == 0, build.stderr[-4000:]
    return fork / "built"


class _Text(HTMLParser):
    """The words a reader meets: text, and the attributes read out or shown (not scripts)."""

    SHOWN = ("aria-label", "title", "alt", "placeholder")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        self.parts += [value for name, value in attrs if name in self.SHOWN and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style") and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _words(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    text = " ".join(parser.parts)
    if "<" in text:  # a feed's descriptions: HTML, escaped in the XML
        return _words(text)
    return " ".join(text.split())


# What the catalogue's placeholders stand for, where it is not any words.
PLACEHOLDERS = {
    **dict.fromkeys(("n", "number", "total", "count", "year"), r"\d+"),
    "date": r"\d{1,2} \w+ \d{4}",
}


def _english() -> dict[str, re.Pattern[str]]:
    """The plugin's English words whose Welsh differs, each as a pattern (a placeholder such as
    ``{term}`` matching any words, ``{n}`` a number), from the Welsh catalogue the plugin ships."""
    with open(Path(LOCALES) / "cy" / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as catalogue:
        messages = read_po(catalogue, locale="cy", domain=DOMAIN)
    found = {}
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if not english or english in strings:
                continue
            pieces = re.split(r"\{(\w+)\}", english)  # text, placeholder, text, ...
            pattern = "".join(
                re.escape(piece) if i % 2 == 0 else PLACEHOLDERS.get(piece, ".+?")
                for i, piece in enumerate(pieces)
            )
            start = r"\b" if re.match(r"\w", english) else ""
            end = r"\b" if re.search(r"\w$", english) else ""
            found[english] = re.compile(start + pattern + end)
    assert len(found) > 20, "the Welsh catalogue translates almost nothing"
    return found


def test_the_fork_shows_none_of_the_plugins_english_words(built: Path) -> None:
    english = _english()
    shown: dict[str, list[str]] = {}
    for path in sorted([*built.rglob("*.html"), *built.rglob("*.xml")]):
        text = _words(path.read_text(encoding="utf-8"))
        for words, pattern in english.items():
            if pattern.search(text):
                shown.setdefault(words, []).append(path.relative_to(built).as_posix())
    lines = [
        f"{words!r}: {', '.join(paths[:3])}{' ...' * (len(paths) > 3)}" for words, paths in shown.items()
    ]
    assert not shown, f"{len(shown)} English phrases in the Welsh fork:\n" + "\n".join(lines)


def test_the_sites_own_tests_pass_on_the_fork(fork: Path) -> None:
    """tests/site, browser tests included (axe on every page, the HTML checker, print), run in
    the fork against its own content, address and language."""
    result = _run(
        [sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider",
         f"--basetemp={fork.parent / 'pytest'}", "tests/site"],
        cwd=fork,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    summary = result.stdout.strip().splitlines()[-1]
    passed = re.search(r"(\d+) passed", summary)
    assert passed and int(passed[1]) >= 20, summary
    assert not re.search(r"failed|error|skipped", summary), summary
    # A measure made for English says plainly that it measured nothing in Welsh.
    assert "Not measured on this site" in result.stdout and "theme.language is 'cy'" in result.stdout, output
