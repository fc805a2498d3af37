"""What the pages share: settings, the store, the seed, and the caches (caching lives only in pages)."""
from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd
import streamlit as st
from babel import Locale

from dashboard import demo, figures, freshness, i18n, quiet, schema
from dashboard import filters as flt
from dashboard.compact import compact, mapped
from dashboard.i18n import N_, _, n_
from dashboard.ingest import dates
from dashboard.settings import ENV_PREFIX, Settings
from dashboard.timeline import Timeline
from dashboard.visits import Visit

log = logging.getLogger(__name__)

# where a publication date was found (dashboard.ingest.dates), as the page says it
FOUND_IN = {dates.FROM_METADATA: N_("page metadata"), dates.FROM_DATELINE: N_("dateline"),
            dates.FROM_GIVEN: N_("given"), dates.FROM_FILE_NAME: N_("file name"),
            dates.FROM_TEXT: N_("text (its latest full date)"), dates.FROM_NOWHERE: N_("not found")}
URL_KEY = "_url_written"    # the view the timeline page last wrote into the URL (Back and Forward change it)
TOPOJSON_URL = "app/static/topojson/"   # relative to the page URL; served from dashboard/static/


def settings() -> Settings:
    """Settings from the environment (``VISIT_TIMELINE_*``): this is the edge where env is read."""
    return Settings.from_env()


def other_page() -> None:
    """A page other than the timeline ran: the URL the timeline wrote is no longer in the address bar,
    so the timeline's next run restores this session's filters instead of reading the bare URL."""
    st.session_state.pop(URL_KEY, None)


def demo_note(cfg: Settings) -> None:
    """On the demo store, say so: the sample is not the user's data."""
    if demo.is_demo(cfg):
        st.info(_("**Demo**: the bundled sample article, in a store of its own. Your own articles go to your "
                  "store: open the dashboard without `--demo`."), icon=":material/science:")


@dataclass(frozen=True, slots=True)
class Loaded:
    """The store as the pages read it, with what every rerun needs worked out once per change.

    Cached with ``st.cache_resource``: shared, not copied on each rerun (a copy of 100k events costs
    ~150 ms), so nothing may modify these frames; the filters and figures return new ones.
    """

    frame: pd.DataFrame
    articles: pd.DataFrame
    titles: dict[str, str]
    locations: list[str]
    kinds: list[str]
    bounds: tuple[dt.date, dt.date] | None
    visits: Mapping[str, str] = field(default_factory=dict)    # visit id -> label, newest first
    people: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    unfiltered: pd.DataFrame | None = None    # the page with no filter: every event that happened, sequenced
    days: np.ndarray | None = None      # each row of ``frame``'s day label (``frame`` is in timeline order)
    stamps: np.ndarray | None = None    # and its day as a timestamp
    version: tuple[int, ...] = ()       # the store's version this was read at (freshness.data_version)


def shown_events(data: Loaded, chosen: flt.Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events the filters keep, and the same in timeline order with their layout (``sequence``).
    With no filter, the sequence made once per store change is reused."""
    shown = flt.apply(data.frame, chosen)
    if chosen == flt.Filters() and data.unfiltered is not None:
        return shown, data.unfiltered
    return shown, _sequenced(shown, data.days, data.stamps)


def _sequenced(shown: pd.DataFrame, days: np.ndarray | None, stamps: np.ndarray | None) -> pd.DataFrame:
    """``figures.sequence`` of rows kept from the page's frame, with their day labels and stamps taken
    from the ones worked out per store change (the rows' labels are their positions in the frame)."""
    if days is None or stamps is None:
        return figures.sequence(shown)
    if shown.index.equals(pd.RangeIndex(len(days))):     # every row: the labels themselves, not a copy
        return figures.sequence(shown, days=days, stamps=stamps)
    rows = shown.index.to_numpy()        # kept rows stay in timeline order
    return figures.sequence(shown, days=days[rows], stamps=stamps[rows])


@st.cache_resource(show_spinner=False, max_entries=2)
def loaded(cfg: Settings, version: tuple[int, ...] = ()) -> Loaded:
    """The store as read at ``version`` (:func:`load`): a new version is a new read."""
    with i18n.using(i18n.SOURCE):       # shared by every session: the English labels (see ``localized``)
        return _read(cfg, version)


def _read(cfg: Settings, version: tuple[int, ...]) -> Loaded:
    timeline = Timeline(cfg)
    frame = timeline.timeline_with_visits()    # its ``visit`` column: exports group by real visits
    articles = timeline.articles()
    languages = dict(zip(articles["id"], articles["language"], strict=True))
    frame["language"] = mapped(frame["article"], languages)
    # Its repetitive text as categoricals (~30 MiB less at 100k events), then in timeline order once:
    # the rows a filter keeps stay in it, so a rerun's ``sequence`` rarely has to reorder (copy) them.
    frame = figures.into_timeline_order(compact(frame))     # a fresh index: a row's label is its position
    quiet.give_back()       # the order's column copies freed the old columns: back before the labels
    visits = VisitLabels(timeline.visits())
    days, stamps = figures.day_labels(frame), figures.day_stamps(frame).to_numpy()
    unfiltered = _sequenced(flt.apply(frame, flt.Filters()), days, stamps)
    titles = dict(reversed(article_titles(articles).items()))     # newest first, as the Article list
    read = Loaded(frame, articles, titles, flt.location_options(frame),
                  figures.kinds_in(frame), flt.date_bounds(frame), visits, flt.people_options(frame),
                  sorted({str(x) for x in articles["language"].dropna()}), unfiltered, days, stamps, version)
    quiet.give_back()       # and the labels' and options' transients: the first run draws on what is live
    return read


class VisitLabels(Mapping[str, str]):
    """Visit id -> :func:`visit_label`, newest first, each label made when it is asked for: a run shows a
    list's head (``filters.LISTED``) and the search makes its index once, so the 13.8k labels of a 100k-event
    store (~4 MiB of strings) were held for the read's life to be read a few hundred at a time. The
    visits themselves are the store's (held by the service's snapshot either way)."""

    def __init__(self, visits: Sequence[Visit]) -> None:
        self._visits = {v.id: v for v in visits}

    def __getitem__(self, key: str) -> str:
        return visit_label(self._visits[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._visits)

    def __len__(self) -> int:
        return len(self._visits)

    def __contains__(self, key: object) -> bool:
        return key in self._visits


def visit_label(visit: Visit) -> str:
    """What the visit list shows and searches: title, days, cities and the other principals."""
    days = visit.start if visit.start == visit.end else f"{visit.start} – {visit.end}"
    others = [p for p in visit.principals[1:]]
    return " · ".join(x for x in (visit.title, days, ", ".join(visit.cities), ", ".join(others)) if x)


@st.cache_data(show_spinner=False, max_entries=32)
def article_text(cfg: Settings, article_id: str) -> str:
    return Timeline(cfg).article_text(article_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _event_sources(cfg: Settings, event_id: int, version: tuple[int, ...]) -> pd.DataFrame:
    return Timeline(cfg).sources(event_id)


def event_sources(cfg: Settings, event_id: int) -> pd.DataFrame:
    """Each source of one event with its sentence and its article's metadata (the detail panel), as the
    store holds them now (a merge by another process adds sources)."""
    return _event_sources(cfg, event_id, freshness.data_version(cfg))


def plain(value: object, default: str = "") -> str:
    """A cell as display text: missing (None, NA, NaN, "") becomes ``default``."""
    return default if schema.missing(value) else (str(value) or default)


def article_titles(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> a title to show (the source file name, else the id's start, when untitled); column
    by column, not row by row (16k articles at 100k events)."""
    ids = articles["id"].astype("string")
    title, source, short = (column.astype("string").fillna("").to_numpy(dtype=object)
                            for column in (articles["title"], articles["source"], ids.str[:10]))
    shown = np.where(title != "", title, np.where(source != "", source, short))
    return dict(zip(ids.tolist(), shown.tolist(), strict=True))


@st.cache_resource(show_spinner=False)
def _settled() -> dict[Settings, tuple[int, ...]]:
    """Per store, the version its last read settled at (shared by every session of the process)."""
    return {}


def load(cfg: Settings) -> Loaded:
    """The timeline, the article list and the filter options, from the cache while the store is
    unchanged: each rerun compares the store's version (two ``stat`` calls) with the one it was read
    at, so an article ingested by the CLI or another tab shows on the next rerun or browser reload."""
    version, settled = freshness.data_version(cfg), _settled()
    if settled.get(cfg) != version:
        forget_reads()      # the old read goes before the new one is made: never two held at once
        quiet.give_back()   # and the memory it freed goes back to the system: the new read starts lower
        version = settled[cfg] = freshness.settled_version(cfg)
    data = loaded(cfg, version)
    return data if i18n.current() == i18n.SOURCE else localized(cfg, version, i18n.current(), data)


@st.cache_resource(show_spinner=False, max_entries=4)
def localized(cfg: Settings, version: tuple[int, ...], lang: str, _data: Loaded) -> Loaded:
    """The store's read with its day labels in ``lang`` ("5-apr, 2024"): the frames are shared with the
    English read, only the labels and the unfiltered sequence are made again (once per language)."""
    with i18n.using(lang):
        days = figures.day_labels(_data.frame)
        unfiltered = _sequenced(flt.apply(_data.frame, flt.Filters()), days, _data.stamps)
    return replace(_data, days=days, unfiltered=unfiltered)


FORGET: list[Callable[[], None]] = []      # other caches made from a read (the search's), dropped with it


def forget_reads() -> None:
    """Drop the cached reads of the store, and what was made from them (every session's next run reads
    it again)."""
    loaded.clear()
    localized.clear()
    for clear in FORGET:
        clear()


def changed() -> None:
    """The store changed (ingest, delete): forget the cached reads."""
    forget_reads()
    article_text.clear()
    _event_sources.clear()


def reload_button() -> None:
    """The fallback when a change is not noticed (a store on a network drive): read the store again."""
    if st.sidebar.button(_("Reload data"), icon=":material/refresh:", key="reload_data",
                         help=_("Read the store again (changes are normally noticed on their own).")):
        Timeline.forget_held()      # a whole read, not a patch of what this process holds
        changed()
        st.rerun()


def locate(text: str, evidence: str, start: object, end: object) -> tuple[int, int] | None:
    """Where the evidence sits in the article: the stored offsets when they hold it, else a search."""
    ev = " ".join(str(evidence or "").split())
    span = (start, end) if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) \
        else None
    if span and (not ev or " ".join(text[span[0]:span[1]].split()) == ev):
        return span
    if ev:
        found = re.search(r"\s+".join(re.escape(word) for word in ev.split(" ")), text)
        if found:
            return found.start(), found.end()
    return span


def paragraph(text: str, start: int, end: int, limit: int = 900) -> tuple[str, int, int]:
    """The paragraph (between blank lines) holding ``[start, end)``, and the offsets in it; a text
    without short paragraphs (hard-wrapped lines, one block) gives the excerpt around the span."""
    lo = text.rfind("\n\n", 0, start)
    lo = 0 if lo < 0 else lo + 2
    hi = text.find("\n\n", end)
    hi = len(text) if hi < 0 else hi
    if hi - lo > limit:
        return excerpt(text, start, end, context=240)
    return text[lo:hi], start - lo, end - lo


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_LINK = re.compile(r"https?://[^\s<>\"'`]+", re.I)


_SETTING = re.compile(r"\s*\(" + ENV_PREFIX + r"[A-Z_]+\)")


def for_people(message: str) -> str:
    """A message for the page: without the environment variable names meant for the command line."""
    return _SETTING.sub("", message)


def found_in(where: str) -> str:
    """Where a publication date was found, in the page's language ("" for nowhere recorded)."""
    return _(FOUND_IN.get(where, where)) if where else ""


def visits_text(n: int) -> str:
    """"1 visit", "3 visits" in the page's language."""
    return n_("{n} visit", "{n} visits", n).format(n=i18n.number(n))


def country_name(code: str) -> str:
    """A country's name in the page's language (Babel's CLDR names); the code when unknown."""
    return _country(code.upper(), i18n.current())


@lru_cache(maxsize=1024)
def _country(code: str, lang: str) -> str:
    return str(Locale.parse(lang).territories.get(code, code))


def location_label(key: str) -> str:
    """A Location option in the page's language: "Khiva (city)", "Khiva (город)"; countries by name."""
    return _location(key, i18n.current())


@lru_cache(maxsize=1 << 14)      # called for every option on every rerun
def _location(key: str, lang: str) -> str:
    with i18n.using(lang):
        level, _sep, name = key.partition(":")
        shown = country_name(name) if level == "country" else name
        return f"{shown} ({figures.kind_name(level)})" if level else shown


def size(n: int) -> str:
    """Bytes as the uploader says them: "2 MB", "8 MB", "500 KB"."""
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1_000:g} KB"


def md_escape(text: str) -> str:
    """Text to show inside Streamlit markdown as it is (no markup, no links, no LaTeX)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def web_link(url: object) -> str | None:
    """A markdown link to an http(s) address; None for anything else (it is then shown as text)."""
    text = plain(url).strip()
    if not _LINK.fullmatch(text):
        return None
    return f"[{md_escape(text)}](<{text}>)"


def excerpt(text: str, start: int, end: int, context: int = 280) -> tuple[str, int, int]:
    """``text`` cut to ``context`` characters around ``[start, end)`` (at spaces), and the new offsets."""
    lo = max(0, start - context)
    hi = min(len(text), end + context)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    head, tail = ("…" if lo > 0 else ""), ("…" if hi < len(text) else "")
    return head + text[lo:hi] + tail, start - lo + len(head), end - lo + len(head)


def escaped_block(text: str, start: int | None = None, end: int | None = None, height: int = 320) -> str:
    """Article text as escaped HTML (never rendered as markup), with ``text[start:end]`` in a <mark>."""
    style = (f"white-space:pre-wrap;max-height:{height}px;overflow-y:auto;padding:0.75rem 1rem;"
             "border:1px solid #e5e7eb;border-radius:0.5rem;background:#fafafa;font-size:0.92rem;"
             "line-height:1.5")
    if start is not None and end is not None and 0 <= start < end <= len(text):
        body = (html.escape(text[:start]) + '<mark style="background:#fde68a;padding:0 2px">'
                + html.escape(text[start:end]) + "</mark>" + html.escape(text[end:]))
    else:
        body = html.escape(text)
    return f'<div class="vt-article" style="{style}">{body}</div>'
