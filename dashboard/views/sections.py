"""The timeline page's sections below the charts: the events table, an event's detail, the downloads,
and the first-article panel of an empty store. Every word in the page's language (dashboard.i18n)."""
from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import export, figures
from dashboard import filters as flt
from dashboard.compact import plain
from dashboard.i18n import N_, _, n_, number
from dashboard.settings import Settings
from dashboard.views import common, evidence

TABLE_ROWS = 500        # rows of the events table sent per rerun (100k rows would be ~20 MB each time)


def table_window(total: int) -> tuple[int, int]:
    """The rows ``[start, end)`` of the table's current page; the page is kept within range."""
    pages = max(1, -(-total // TABLE_ROWS))
    page = st.session_state.get("table_page", 1)
    page = min(max(int(page) if isinstance(page, int | float) else 1, 1), pages)
    st.session_state["table_page"] = page
    return (page - 1) * TABLE_ROWS, min(page * TABLE_ROWS, total)


def table_section(seq: pd.DataFrame, titles: dict[str, str], window: tuple[int, int]) -> None:
    start, end = window
    if len(seq) > TABLE_ROWS:
        left, right = st.columns([1, 4], vertical_alignment="bottom")
        left.number_input(_("Page"), min_value=1, max_value=-(-len(seq) // TABLE_ROWS), step=1,
                          key="table_page")
        right.caption(_("Rows {first}–{last} of {total}, in timeline order. The downloads below hold every "
                        "event shown.").format(first=number(start + 1), last=number(end),
                                               total=number(len(seq))))
    rows = plain(seq.iloc[start:end][list(TABLE_READS)])     # as the store's columns
    st.dataframe(_table(rows, titles), column_config=table_config(), hide_index=True,
                 key="events_table", on_select="rerun", selection_mode="single-row", width="stretch")


def country(code: object) -> object:
    """A country code as the page's language names it ("UZ" -> "Uzbekistan", "Узбекистан", "Oʻzbekiston")."""
    return common.country_name(code) if isinstance(code, str) else code


TABLE_READS = ("number", "when", "kind", "title", "place", "participants", "n_sources", "sources", "city",
               "region", "country", "confidence")      # the columns the table's rows are made from


def _table(seq: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "#": seq["number"], "when": seq["when"], "kind": seq["kind"].map(figures.kind_name),
        "title": seq["title"], "place": seq["place"], "people": seq["participants"],
        "sources": seq["n_sources"],
        "articles": seq["sources"].map(lambda s: " · ".join(titles.get(a, a[:10]) for a in s)),
        "city": seq["city"], "region": seq["region"], "country": seq["country"].map(country),
        "confidence": seq["confidence"],
    })


def table_config() -> dict[str, Any]:
    """The events table's columns, labelled in the page's language."""
    text = st.column_config.TextColumn
    return {
        "#": st.column_config.NumberColumn("#", width="small", help=_("Order on the timeline and the map")),
        "when": text(_("When"), help=_("Date; the order within the day when no time is given")),
        "kind": text(_("Kind"), width="small"),
        "title": text(_("Event"), width="large"),
        "place": text(_("Place")),
        "people": text(_("People"), help=_("Participants: leaders by one canonical name, others as the "
                                           "article writes them")),
        "city": text(_("City")),
        "region": text(_("Region")),
        "country": text(_("Country")),
        "sources": st.column_config.NumberColumn(_("Sources"), width="small",
                                                 help=_("How many articles report this event")),
        "articles": text(_("Articles")),
        "confidence": st.column_config.ProgressColumn(_("Confidence"), min_value=0.0, max_value=1.0,
                                                      format="%.2f", width="small"),
    }


# how precise a date or a place is (schema), as the page says it; place kinds name themselves (vocab)
PRECISIONS = {"exact": N_("exact"), "inferred": N_("inferred"), "day": N_("day"), "month": N_("month"),
              "year": N_("year"), "unknown": N_("unknown")}


def _precision(value: object, fallback: str) -> str:
    if not isinstance(value, str) or not value:
        return fallback
    return _(PRECISIONS[value]) if value in PRECISIONS else figures.kind_name(value)


def detail(row: pd.Series, titles: dict[str, str]) -> None:
    """One event: where it comes from, how precise it is, and its evidence inside the article's text."""
    cfg = common.settings()
    st.subheader(f"{row['number']}. {row['title']}")
    st.caption(f"{figures.kind_name(row['kind'])} · {row['when']}")
    place = row["place"] if isinstance(row["place"], str) else _("place unknown")
    where = ", ".join(v for v in (row["city"], row["region"]) if isinstance(v, str) and v != place)
    coords = (f" · {row['lat']:.4f}, {row['lon']:.4f}" if not pd.isna(row["lat"]) and not pd.isna(row["lon"])
              else "")
    time = " " + row["time"] if isinstance(row["time"], str) else ""
    unknown, precision, no_kind = _("unknown"), _("precision"), _("no kind")
    date_word, place_word, people_word = _("Date:"), _("Place:"), _("People:")
    st.markdown(
        f"**{date_word}** {figures.day_label(row['date'], row['date_precision'])}{time} "
        f"· {precision} *{_precision(row['date_precision'], unknown)}*  \n"
        f"**{place_word}** {place}{' (' + where + ')' if where else ''}{coords} "
        f"· {_precision(row['place_kind'], no_kind)}, {precision} "
        f"*{_precision(row['place_precision'], unknown)}*")
    people = str(row["participants"]) if isinstance(row["participants"], str) else ""
    st.markdown(f"**{people_word}** " + (html.escape(people) if people else _("none named")))
    sources = list(row["sources"]) if isinstance(row["sources"], list | tuple) else [row["article"]]
    heading = _("Sources ({n}):").format(n=len(sources))
    st.markdown(f"**{heading}** " + "; ".join(titles.get(a, a[:10]) for a in sources))
    evidence.sources_section(row, cfg)


def visit_count(frame: pd.DataFrame) -> int:
    """How many visits ``frame``'s events belong to (events in no visit are not one)."""
    if "visit_title" not in frame.columns:
        return 0
    return int(frame.loc[frame["visit_title"].notna(), "visit"].nunique())


def download(cfg: Settings, chosen: flt.Filters, build: Callable[[pd.DataFrame, pd.DataFrame], bytes]
             ) -> Callable[[], bytes]:
    """A download's file, made on the click from the page's cached read and the filters: the button
    holds no frame (a closed tab's buttons are kept ~2 minutes and held the whole read past a write)."""
    def make() -> bytes:
        data = common.load(cfg)
        shown = flt.apply(data.frame, chosen)       # the store's dtypes: turned back whole, or in parts
        return build(shown if build in export.IN_PARTS else plain(shown), data.articles)
    return make


def exports(shown: pd.DataFrame, visits: int, chosen: flt.Filters) -> None:
    """One download per format, named after what it holds (the visit, or the span of several), and
    what the files hold: the events shown, and which formats leave out the events without a day."""
    undated = int((shown["date"].isna() | (shown["date_precision"].astype("string") != "day")).sum()) \
        if not shown.empty else 0
    held = n_("The files hold the {n} event shown ({visits}).",
              "The files hold the {n} events shown ({visits}).", len(shown)).format(
        n=number(len(shown)), visits=common.visits_text(visits))
    if undated:
        held += " " + n_("{n} of them has no day: the CSV, JSON and GeoJSON hold it; the calendar and "
                         "TimelineJS cannot and list it in their description.",
                         "{n} of them have no day: the CSV, JSON and GeoJSON hold them; the calendar and "
                         "TimelineJS cannot and list them in their description.",
                         undated).format(n=number(undated))
    st.caption(held)
    cols = st.columns(len(export.FORMATS))
    stem = export.file_stem(shown)     # worked out once, not once per format
    for col, (key, spec) in zip(cols, export.FORMATS.items(), strict=True):
        limit = spec.max_events
        too_many = limit is not None and len(shown) > limit
        hint = (_("Filter to {n} events or fewer, or use `python -m dashboard export`.").format(
            n=number(limit)) if too_many and limit is not None else None)
        col.download_button(_("Download {format}").format(format=spec.label),
                            download(common.settings(), chosen, spec.build),
                            file_name=f"{stem}.{spec.ext}", mime=spec.mime,
                            icon=":material/download:", width="stretch", key=f"dl_{key}", disabled=too_many,
                            help=hint)


def first_article_panel() -> None:
    """An empty store: how to add the first article (the page, the command line, the demo)."""
    with st.container(border=True, key="first_article"):
        st.subheader(_("Add your first article"))
        st.markdown(_(
            "The timeline is empty. Add news articles about a visit (Uzbek, Russian or English):\n\n"
            "- **Upload** files (.txt, .html, .docx, .pdf…) or **paste** a text on the "
            "[Articles](articles) page;\n"
            "- or, on the command line, `visit-timeline ingest ARTICLE.txt --published YYYY-MM-DD`; "
            "the page shows it on the next reload.\n\n"
            "To look around first, `visit-timeline dashboard --demo` opens a sample article in a store "
            "of its own."))
