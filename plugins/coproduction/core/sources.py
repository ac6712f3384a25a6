"""The site's content files: what the pipeline reads, whoever listed them.

The engine lists ``docs/`` (so ``exclude_docs`` and other plugins count); the
source folders (``posts/``, ``toolkit/``) are listed here, for the build and
``make check`` alike. Either way, a file is read only if ``Screen`` lets it: never
through a symbolic link that leads outside the repository, nowhere, or round in a
loop, and never under a name that is not text.
"""

from __future__ import annotations

import errno
import os
import posixpath
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coproduction.core.records import Problem
from coproduction.core.settings import SiteSpec, SourceSpec
from coproduction.core.text import CONTROL_RE, control_character, quote, shorten

__all__ = [
    "MARKDOWN",
    "ContentFile",
    "Screen",
    "authors_path",
    "display_path",
    "list_files",
    "oldest_first",
    "screen_files",
    "source_files",
    "usable_sources",
]

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The suffixes MkDocs reads as Markdown pages."""


class Screen:
    """Decides, for a file under a content folder, whether it may be read.

    The repository is the folder holding the configuration file. A symbolic link may lead
    anywhere in it (or in the content folder, wherever that is); one that leads elsewhere,
    nowhere, or into a loop is refused, with a problem naming the link, once. So is a file
    whose name is not text. What a folder's path resolves to is worked out once.
    """

    def __init__(self, root: str) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self._dirs: dict[str, str | Problem] = {}
        self.problems: dict[str, Problem] = {}
        """One problem per link or name refused, by its path."""

    def allows(self, abs_path: str, folder: str) -> bool:
        """Whether the file at ``abs_path``, listed under the content folder ``folder``, may be
        read; if not, its problem is in ``problems``."""
        folder = os.path.normpath(folder)
        if not self._good_name(abs_path, folder, "file"):
            return False
        parent = self._dir(os.path.dirname(abs_path), folder)
        if isinstance(parent, Problem):
            return False
        return not os.path.islink(abs_path) or self._link(abs_path, parent, folder) is None

    def allows_folder(self, abs_path: str, folder: str) -> bool:
        """Whether the folder at ``abs_path``, under the content folder ``folder``, may be listed."""
        folder = os.path.normpath(folder)
        return self._good_name(abs_path, folder, "folder") and not isinstance(
            self._dir(abs_path, folder), Problem
        )

    def _good_name(self, abs_path: str, folder: str, what: str) -> bool:
        """Whether the name (from ``folder`` on) is text; if not, a problem is kept."""
        name = abs_path[len(folder) :] if abs_path.startswith(folder + os.sep) else os.path.basename(abs_path)
        wrong = _bad_name(name)
        if wrong is None:
            return True
        if wrong == "utf-8":
            message = f"this {what}'s name is not UTF-8 text, so it is not published"
        else:
            message = (
                f"this {what}'s name holds an invisible control character ({wrong}), so it is not published"
            )
        message += ": rename it, using letters, digits and '-'"
        self._refuse(abs_path, message)
        return False

    def _dir(self, path: str, folder: str) -> str | Problem:
        """The real path of a folder at or under ``folder``, or the problem of a link on the way."""
        found = self._dirs.get(path)
        if found is not None:
            return found
        if path == folder or not path.startswith(folder + os.sep):
            found = os.path.realpath(path)
        else:
            parent = self._dir(os.path.dirname(path), folder)
            if isinstance(parent, Problem):
                found = parent
            elif os.path.islink(path):
                found = self._link(path, parent, folder) or os.path.realpath(path)
            else:
                found = os.path.join(parent, os.path.basename(path))
        self._dirs[path] = found
        return found

    def _link(self, path: str, parent: str, folder: str) -> Problem | None:
        """The problem with the link at ``path`` (in the folder whose real path is ``parent``)."""
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        try:
            os.stat(path)
        except OSError as e:
            if e.errno == errno.ELOOP:
                return self._refuse(path, _LOOP)
            return self._refuse(
                path,
                f"this symbolic link leads nowhere (to {quote(target)}), so nothing is published "
                "from it: remove it, or make it lead to a file in this repository",
            )
        real = os.path.realpath(path)
        in_folder = self._dir(folder, folder)
        if self.outside(real) and not (isinstance(in_folder, str) and _within(real, in_folder)):
            return self._refuse(
                path,
                f"this symbolic link leads outside the repository (to {quote(target)}), so it is "
                "not published: copy what it leads to into the repository instead",
            )
        if os.path.isdir(real) and (parent == real or parent.startswith(real + os.sep)):
            return self._refuse(path, _LOOP)
        return None

    def outside(self, path: str) -> bool:
        """Whether ``path``, once every symbolic link on the way is followed, is outside the
        repository: the rule for links in content folders, for the source folders themselves
        and for the authors file."""
        return not _within(os.path.realpath(path), self.real_root)

    def _refuse(self, abs_path: str, message: str) -> Problem:
        path = display_path(os.path.relpath(abs_path, self.root).replace(os.sep, "/"))
        return self.problems.setdefault(path, Problem(path, 1, message))


_LOOP = (
    "this symbolic link leads round in a loop (back to itself, or to a folder it is in), so "
    "nothing is published from it: remove it"
)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def display_path(path: str) -> str:
    """A path as messages show it, in plain ASCII where it is not text: a byte that is not
    UTF-8 as ``\\xe9``, a control character as ``\\x01``."""
    if any("\udc80" <= char <= "\udcff" for char in path) or CONTROL_RE.search(path):
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        return shorten(path, 200)
    return path


def _bad_name(path: str) -> str | None:
    """What is wrong with a file's name (its path), or None."""
    if any("\udc80" <= char <= "\udcff" for char in path):
        return "utf-8"
    return control_character(path)


@dataclass(frozen=True, slots=True)
class ContentFile:
    """One file of the site, Markdown page or not."""

    src_uri: str
    """Its name in the site (``posts/a.md``; ``guidance/a.md`` for ``docs/guidance/a.md``)."""
    abs_path: str
    path: str
    """From the folder holding the configuration file, for messages (``posts/a.md``)."""
    kind: str
    """The kind its folder gives a page (``docs/``: guide)."""
    folder: str
    """The folder it was listed from, as written in the configuration (``posts``)."""

    @property
    def is_page(self) -> bool:
        return self.src_uri.endswith(MARKDOWN)


def list_files(folder: str, *, skip_templates: bool = False, screen: Screen | None = None) -> list[str]:
    """Files under ``folder`` as sorted relative POSIX paths.

    Hidden files and folders are skipped, as MkDocs does; ``skip_templates`` also
    skips a top-level ``templates/`` folder, which MkDocs leaves out of ``docs/``.
    Folders that are symbolic links are followed, as MkDocs follows them in ``docs/``,
    when ``screen`` allows them; files it refuses are left out.
    """
    found: list[str] = []
    screen = screen or Screen(folder)
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        rel = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and not (skip_templates and rel == "." and d == "templates")
            and screen.allows_folder(os.path.join(dirpath, d), folder)
        )
        prefix = "" if rel == "." else rel + "/"
        found.extend(
            prefix + name
            for name in sorted(filenames)
            if not name.startswith(".") and screen.allows(os.path.join(dirpath, name), folder)
        )
    return found


def screen_files(
    files: Iterable[ContentFile], screen: Screen, root: str
) -> tuple[list[ContentFile], set[str]]:
    """The files ``screen`` lets be read, and the names (``src_uri``) of those it refuses."""
    kept: list[ContentFile] = []
    refused: set[str] = set()
    for file in files:
        if screen.allows(file.abs_path, os.path.join(root, file.folder)):
            kept.append(file)
        else:
            refused.add(file.src_uri)
    return kept, refused


def usable_sources(spec: SiteSpec, root: str, screen: Screen) -> tuple[tuple[SourceSpec, ...], list[Problem]]:
    """The source folders that may be read, with a configuration problem for each other one:
    a folder outside the repository (a ``../`` path, or a symbolic link, on the way or the
    folder itself: ``Screen.outside``), and a folder that is, holds or is inside the docs
    folder or an earlier source's (its pages would be published twice). A folder that does
    not exist is left to ``source_files``."""
    kept: list[SourceSpec] = []
    problems: list[Problem] = []
    docs = os.path.realpath(os.path.join(root, spec.docs_dir))
    taken: list[tuple[str, str]] = [(docs, f"the docs folder '{spec.docs_dir}'")]
    for source in spec.sources:
        path = os.path.join(root, source.dir)
        real = os.path.realpath(path)
        line = spec.line(f"plugins.coproduction.sources.{source.key}", "plugins.coproduction.sources")
        where = f"the source folder {quote(source.dir)} (for /{source.key}/)"
        if os.path.isdir(path) and screen.outside(path):
            problems.append(
                Problem(
                    spec.config_file,
                    line,
                    f"{where} leads outside the repository, so nothing is published "
                    "from it: move that folder into the repository, and name it here",
                )
            )
            continue
        clash = next(
            ((other, what) for other, what in taken if _within(real, other) or _within(other, real)), None
        )
        if clash is not None:
            other, what = clash
            relation = "is" if real == other else "is inside" if _within(real, other) else "holds"
            problems.append(
                Problem(
                    spec.config_file,
                    line,
                    f"{where} {relation} {what}, so its pages would be published twice, under two "
                    "addresses: give each source a folder of its own, beside the docs folder, or "
                    "remove this one",
                )
            )
            continue
        taken.append((real, f"the folder of source '{source.key}'"))
        kept.append(source)
    return tuple(kept), problems


def authors_path(spec: SiteSpec, root: str, screen: Screen) -> tuple[str, list[Problem]]:
    """Where the authors file is read from, or "" (with a problem) when it is outside the
    repository (a ``../`` path, or a symbolic link leading out: ``Screen.outside``)."""
    path = os.path.join(root, spec.authors_file)
    if not spec.authors_file or not os.path.exists(path) or not screen.outside(path):
        return path, []
    return "", [
        Problem(
            spec.config_file,
            spec.line("plugins.coproduction.authors", "plugins.coproduction"),
            f"the authors file {quote(spec.authors_file)} leads outside the repository, so it is "
            "not read: keep the authors file in the repository, like posts/authors.yml",
        )
    ]


def source_files(spec: SiteSpec, root: str, screen: Screen) -> tuple[list[ContentFile], list[Problem]]:
    """Every file of every source folder of ``spec`` (see ``usable_sources``), published at
    ``/<source key>/...``.

    The authors file is data, not content: it is left out. A folder that does not
    exist is a configuration problem.
    """
    files: list[ContentFile] = []
    problems: list[Problem] = []
    authors_file = os.path.normpath(os.path.join(root, spec.authors_file)) if spec.authors_file else ""
    for source in spec.sources:
        if spec.kind(source.kind) is None:
            problems.append(
                Problem(
                    spec.config_file,
                    spec.line(f"plugins.coproduction.sources.{source.key}", "plugins.coproduction.sources"),
                    f"the source folder '{source.dir}' has kind '{source.kind}', which is not one of "
                    f"the site's kinds ({', '.join(spec.kind_keys)}): use one of them, or add it "
                    "under 'kinds'",
                )
            )
        folder = os.path.normpath(os.path.join(root, source.dir))
        if not os.path.isdir(folder):
            problems.append(
                Problem(
                    spec.config_file,
                    spec.line(f"plugins.coproduction.sources.{source.key}", "plugins.coproduction.sources"),
                    f"the source folder '{source.dir}' (for /{source.key}/) does not exist: "
                    "create it, or remove it from 'sources'",
                )
            )
            continue
        for rel in list_files(folder, screen=screen):
            abs_path = os.path.join(folder, rel)
            if abs_path == authors_file:
                continue
            files.append(
                ContentFile(
                    src_uri=f"{source.key}/{rel}",
                    abs_path=abs_path,
                    path=posixpath.normpath(posixpath.join(source.dir, rel)),
                    kind=source.kind,
                    folder=source.dir,
                )
            )
    return files, problems


def _added_order(paths: Sequence[str], root: str) -> dict[str, int] | None:
    """For each of ``paths`` (from ``root``) that git has, how many commits back it was first
    added (a file moved counts from its move: ``--no-renames``); None when git cannot say (no
    git, or no repository). Commits are counted, not their times: two in one second, or a
    clock that was wrong, still come in order."""
    try:
        result = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=off",
                "log",
                "--no-renames",
                "--diff-filter=A",
                "--relative",
                "--format=%x00",
                "--name-only",
                "--",
                *paths,
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    added: dict[str, int] = {}
    for back, commit in enumerate(result.stdout.split("\x00")[1:]):
        for name in commit.splitlines():
            added[name] = back  # newest first: the last seen is the first added
    return added


def oldest_first(paths: Sequence[str], root: str) -> list[str]:
    """``paths`` (files from ``root``, in the engine's listing order) oldest first: in the order
    git first saw them, a file not yet committed last; in the order given where git cannot
    tell them apart (no git, or a shallow clone that shows every file added at once).

    Used only for files that claim one address (rare): the newer file is the one blamed.
    """
    added = _added_order(paths, root)
    if added is None:
        return list(paths)
    order = sorted(range(len(paths)), key=lambda i: (-added.get(paths[i], -1), i))
    return [paths[i] for i in order]
