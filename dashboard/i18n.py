"""The page's own words in English (the source language), Russian and Uzbek (Latin script).

Strings shown on the page are marked with :func:`_` (plural forms with :func:`n_`, strings kept in
tables with the no-op :func:`N_` and translated where shown). ``babel.cfg`` tells ``pybabel extract``
where they are; the catalogues are ``data/locale/<lang>.po`` (the template ``messages.pot``), the
source in the repository. They are compiled in memory on first use (``babel.messages.mofile``), so a
checkout and the installed wheel read the same files and no compiled file can be stale;
tests/test_i18n.py fails when a marked string has no translation.

The language of one page run is a context variable the page sets (:func:`use`): the figures (pure,
no streamlit) read it through :func:`_` and the formatters. Dates and numbers are formatted for it
with Babel; the date patterns are themselves messages of the catalogue (CLDR patterns), so each
language's way of writing a date is data.
"""
from __future__ import annotations

import datetime as dt
import gettext
import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from dashboard.errors import DataFileError
from dashboard.settings import packaged_dir

log = logging.getLogger(__name__)

SOURCE = "en"              # the language the messages are written in (no catalogue of its own)
DOMAIN = "messages"


def locale_dir() -> Path:
    return packaged_dir("data") / "locale"


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The page's languages: the source, then one per catalogue in ``data/locale`` (read once: every
    widget label's format_func asks)."""
    return (SOURCE, *sorted(p.stem for p in locale_dir().glob("*.po")))


def language_name(lang: str) -> str:
    """A language in its own words ("English", "Русский", "Oʻzbek"), from Babel's CLDR data."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def supported(lang: object) -> str | None:
    """``lang`` as one of :func:`languages` ("ru-RU" -> "ru", "uz_Latn" -> "uz"), or None."""
    if not isinstance(lang, str) or not lang.strip():
        return None
    base = lang.strip().replace("_", "-").split("-")[0].lower()
    return base if base in languages() else None


@lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (the source language and unknown ones: the messages as written)."""
    path = locale_dir() / f"{lang}.po"
    if lang == SOURCE or not path.is_file():
        return gettext.NullTranslations()
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read the catalogue {path}: {exc}") from exc
    compiled = io.BytesIO()
    write_mo(compiled, catalog)           # fuzzy entries are left out: they show in English
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


_CURRENT: ContextVar[str] = ContextVar("visit_timeline_language", default=SOURCE)


def use(lang: str) -> None:
    """The language of this page run (a context variable: each session's run has its own)."""
    _CURRENT.set(supported(lang) or SOURCE)


def current() -> str:
    return _CURRENT.get()


@contextmanager
def using(lang: str) -> Iterator[None]:
    """``lang`` for the block only."""
    token = _CURRENT.set(supported(lang) or SOURCE)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def bound(function: Callable[[str], str]) -> Callable[[str], str]:
    """``function`` that always speaks the language current now: a widget's ``format_func`` is called
    again later, maybe outside the page run (Streamlit's AppTest, between runs)."""
    lang = current()

    def call(value: str) -> str:      # called once per option of a list on every rerun: no contextmanager
        token = _CURRENT.set(lang)
        try:
            return function(value)
        finally:
            _CURRENT.reset(token)
    return call


def _(message: str) -> str:
    """``message`` in the current language ("" stays "": gettext would give the catalogue's header)."""
    return translations(current()).gettext(message) if message else message


def n_(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the current language (Russian has three)."""
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message to translate where it is shown (a table's labels); returns it unchanged."""
    return message


def number(value: float) -> str:
    """A number as the language writes it: 12,345 (en), 12 345 (ru, uz). A whole number takes the
    language's group separator from Babel once (``format_decimal`` costs ~85 µs a call: the overview
    writes one count per place and period); tests/test_i18n.py checks both ways agree."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", _group(current()))
    return format_decimal(value, locale=current())


@lru_cache(maxsize=8)
def _group(lang: str) -> str:
    return str(Locale.parse(lang).number_symbols["latn"]["group"])


def day(date: dt.date) -> str:
    # TRANSLATORS: a CLDR date pattern for one day ("5 Apr 2024"); d: day, MMM: short month, y: year.
    return format_date(date, _("d MMM y"), locale=current())


def month(date: dt.date) -> str:
    # TRANSLATORS: a CLDR date pattern for a month of a year ("Apr 2024"); LLL: the month on its own.
    return format_date(date, _("MMM y"), locale=current())


def iso_day(text: object) -> str:
    """A stored ``YYYY-MM-DD`` date as :func:`day` writes it; anything else as it is."""
    value = str(text or "")
    try:
        return day(dt.date.fromisoformat(value[:10])) if len(value) >= 10 else value
    except ValueError:
        return value
