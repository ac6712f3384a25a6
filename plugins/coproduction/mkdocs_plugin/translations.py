"""The plugin's words in the site's language (``theme.language``), from one catalogue per
language: ``locales/<language>/LC_MESSAGES/coproduction.po``, read with Babel.

English is the source language and needs no catalogue. A language without one falls
back to English, and the build says so once. A site can add or correct a language with
``locales/`` in its ``overrides/`` folder (the theme's ``custom_dir``), which wins.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from collections.abc import Callable, Iterable

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

__all__ = ["DOMAIN", "LOCALES", "Words", "words_for"]

DOMAIN = "coproduction"
LOCALES = os.path.join(os.path.dirname(__file__), "locales")
"""The catalogues that ship: English (the source) and Welsh (``cy``)."""


class Words:
    """Translate our strings and format dates, for one language."""

    def __init__(self, language: str, translations: NullTranslations, *, catalogued: bool) -> None:
        self.language = language
        self.translations = translations
        self.catalogued = catalogued
        """The language has a catalogue (English, the source, needs none): else these are English."""
        try:
            self.locale: Locale | None = Locale.parse(language.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            self.locale = None
        self._dates: dict[dt.date, str] = {}

    def t(self, message: str) -> str:
        """``message`` in the site's language (templates: ``cp_t``)."""
        return self.translations.gettext(message)

    def nt(self, singular: str, plural: str, count: int) -> str:
        """The form of ``singular``/``plural`` the language uses for ``count`` (``cp_nt``)."""
        return self.translations.ngettext(singular, plural, count)

    def date(self, day: dt.date) -> str:
        """A date as people write it: 29 April 2019, 29 Ebrill 2019. Made once per date."""
        text = self._dates.get(day)
        if text is None:
            if self.locale is None or self.locale.language == "en":
                text = f"{day.day} {format_date(day, 'MMMM', locale='en_GB')} {day.year}"
            else:
                text = format_date(day, "d MMMM y", locale=self.locale)
            self._dates[day] = text
        return text


def _load(folder: str, language: str) -> Translations | None:
    """The catalogue for ``language`` (or its base language) in ``folder``, compiled in memory."""
    for name in dict.fromkeys((language.replace("-", "_"), language.split("-")[0].split("_")[0])):
        path = os.path.join(folder, name, "LC_MESSAGES", f"{DOMAIN}.po")
        if os.path.isfile(path):
            with open(path, "rb") as f:
                catalog = read_po(f, locale=name, domain=DOMAIN)
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            return Translations(compiled, domain=DOMAIN)
    return None


@functools.lru_cache(maxsize=8)
def _words(language: str, folders: tuple[str, ...]) -> tuple[Words, bool]:
    """Kept per language and folders: ``mkdocs serve`` rebuilds reuse it (a few ms each)."""
    merged: Translations | None = None
    for folder in folders:  # the first wins: a site's overrides before ours
        found = _load(folder, language)
        if found is None:
            continue
        if merged is None:
            merged = found
        else:
            found.merge(merged)
            merged = found
    missing = merged is None and language.split("-")[0].split("_")[0] != "en"
    return Words(language, merged or NullTranslations(), catalogued=not missing), missing


def words_for(language: str, folders: Iterable[str], warn: Callable[[str], None]) -> Words:
    """The words for ``language`` from the catalogues in ``folders``, ours last."""
    words, missing = _words(language or "en", (*folders, LOCALES))
    if missing:
        warn(
            f"there is no catalogue of the plugin's words for theme.language '{language}': its "
            "pages use English. Add locales/<language>/LC_MESSAGES/coproduction.po to overrides/"
        )
    return words
