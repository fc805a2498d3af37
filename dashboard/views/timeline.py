"""The timeline page: filters (kept in the URL), timeline, map, table, an event's detail, exports."""
from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Literal

import pandas as pd
import streamlit as st

from dashboard import export, figures
from dashboard import filters as flt
from dashboard.errors import VisitTimelineError
from dashboard.settings import Settings
from dashboard.views import common, editor, evidence, find, itinerary

SELECTION_KEYS = ("timeline_chart", "map_chart", "events_table")
Q_MAP, Q_EVENT = "map", "event"
SAVED_KEY = "_filters"
URL_KEY = common.URL_KEY
FILTER_KEYS = tuple(dict.fromkeys(s.state for s in flt.SPECS))
BASEMAPS = {"offline": "Offline map", "osm": "OpenStreetMap (needs internet)"}
TABLE_ROWS = 500        # rows of the events table sent per rerun (100k rows would be ~20 MB each time)


# -- filters ----------------------------------------------------------------------------------------------

def _init_state(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _query() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def sidebar_filters(data: common.Loaded) -> flt.Filters:
    """The filter widgets, one per row of ``flt.SPECS``, set from the URL on a page's first run."""
    _follow_history()
    # The URL wins; else what this session chose before visiting another page (Streamlit drops the
    # state of widgets a page did not draw).
    saved = st.session_state.get(SAVED_KEY, flt.Filters())
    wanted = flt.from_query(_query()) if flt.in_query(st.query_params) else saved
    offered = {s.name: list(getattr(data, s.options)) for s in flt.SPECS if s.options}
    wanted = flt.restrict(wanted, offered)
    for spec, value in wanted.items():
        if spec.widget != "dates":
            _init_state(spec.state, list(value) if spec.widget == "multi" else value)
        if spec.widget == "multi" and spec.name in offered:
            allowed = set(offered[spec.name])
            st.session_state[spec.state] = [v for v in st.session_state[spec.state] if v in allowed]
    if st.session_state["f_visit"] not in data.visits:       # regrouped (a correction): the event's visit
        st.session_state["f_visit"] = _visit_of_focus(data) if st.session_state["f_visit"] else None
    side = st.sidebar
    side.header("Filters")
    text = find.query()
    narrowed = find.narrowed(common.settings(), data, text)
    found = dict(zip(("visits", "locations", "people"), narrowed, strict=True))
    chosen: dict[str, object] = {}
    for spec in flt.SPECS:
        if spec.widget == "dates":
            chosen |= _dates(spec, data.bounds, wanted) if spec.name not in chosen else {}
        elif spec.widget == "flag":
            chosen[spec.name] = side.toggle(spec.label, key=spec.state, help=spec.help)
        else:
            chosen[spec.name] = _choice(spec, data, found, bool(text))
    filters = flt.Filters(**chosen)
    st.session_state[SAVED_KEY] = filters
    if filters.active and side.button("Clear filters", icon=":material/filter_alt_off:"):
        for key in (*FILTER_KEYS, find.KEY):
            st.session_state.pop(key, None)
        st.session_state.pop(SAVED_KEY, None)
        st.query_params.clear()
        st.rerun()
    return filters


def _choice(spec: flt.Spec, data: common.Loaded, found: dict[str, list[str]], searched: bool) -> object:
    """The widget of a "multi" or "one" filter: its options (narrowed by the search box when it
    narrows them), labelled by the page's names for them or the spec's."""
    every = getattr(data, spec.options)
    names = every if isinstance(every, dict) else {}
    options = find.keep(found[spec.options], st.session_state[spec.state]) if spec.options in found \
        else list(every)
    label: Callable[[str], str] = (lambda v: str(names.get(v, v))) if names else (spec.shown or str)
    mode: Literal["contains", "fuzzy"] = "contains" if spec.options in found else "fuzzy"
    if spec.widget == "multi":
        return tuple(st.sidebar.multiselect(spec.label, options, key=spec.state, format_func=label,
                                            placeholder=spec.placeholder, filter_mode=mode, help=spec.help))
    hint = (f"{len(found.get(spec.options, options))} of {len(every)} {spec.label.lower()}s match" if searched
            else spec.placeholder.format(total=len(every)))
    return st.sidebar.selectbox(spec.label, options, key=spec.state, format_func=label, index=None,
                                filter_mode=mode, placeholder=hint, help=spec.help)


def _dates(spec: flt.Spec, bounds: tuple | None, wanted: flt.Filters) -> dict[str, object]:
    """The one range widget of the two "dates" filters (none when no event is dated)."""
    pair = [s for s in flt.SPECS if s.widget == "dates"]
    if not bounds:
        return {s.name: None for s in pair}
    lo, hi = bounds
    _follow_bounds(bounds)
    _init_state(spec.state, (max(wanted.start or lo, lo), min(wanted.end or hi, hi)))
    dates = st.sidebar.date_input(spec.label, key=spec.state, min_value=lo, max_value=hi, format="YYYY-MM-DD")
    picked = tuple(dates) if isinstance(dates, tuple | list) else (dates,)
    start = picked[0] if picked and picked[0] != lo else None
    end = picked[1] if len(picked) > 1 and picked[1] != hi else None
    return {pair[0].name: start, pair[1].name: end}


def _follow_bounds(bounds: tuple) -> None:
    """The store's date span changed (an article came in): an end of the date range left at the old
    span's edge moves to the new edge, so new events are not hidden by a range nobody chose."""
    before = st.session_state.get("_f_bounds")
    st.session_state["_f_bounds"] = bounds
    picked = st.session_state.get("f_dates")
    if before is None or before == bounds or not isinstance(picked, tuple | list) or len(picked) != 2:
        return
    lo, hi = bounds
    start = lo if picked[0] == before[0] else max(picked[0], lo)
    end = hi if picked[1] == before[1] else min(picked[1], hi)
    st.session_state["f_dates"] = (start, end) if start <= end else (lo, hi)


def _visit_of_focus(data: common.Loaded) -> str | None:
    """The visit the selected event belongs to now (a correction may regroup visits under new ids)."""
    focus = st.session_state.get("focus")
    if focus is None or "visit" not in data.frame.columns:
        return None
    found = data.frame.loc[data.frame["event_id"] == focus, "visit"]
    visit = str(found.iloc[0]) if len(found) else None
    return visit if visit in data.visits else None


def _follow_history() -> None:
    """The browser's Back and Forward: each view is a step in the history (Streamlit pushes one per URL
    change); when the URL is not the one this session last wrote, it wins over the widgets' state."""
    written = st.session_state.get(URL_KEY)
    if written is None or written == _query():
        return
    for key in (*FILTER_KEYS, SAVED_KEY, "focus"):
        st.session_state.pop(key, None)


def _sync_url(chosen: flt.Filters, basemap: str, focus: int | None) -> None:
    """Write the view into the URL, so a filtered view can be shared as a link."""
    params = flt.to_query(chosen)
    if basemap != "offline":
        params[Q_MAP] = [basemap]
    if focus is not None:
        params[Q_EVENT] = [str(focus)]
    if params != _query():
        st.query_params.from_dict(params)
    st.session_state[URL_KEY] = params


# -- selection -------------------------------------------------------------------------------------------

def _event_id(value: object) -> int | None:
    """An event id from a chart's customdata or the URL (text), or None when it is not one."""
    try:
        return int(str(value))
    except ValueError:
        return None


def _selected(key: str, table_ids: list[int]) -> list[int]:
    state = st.session_state.get(key)
    if not state:
        return []
    if key == "events_table":
        rows = (state.get("selection") or {}).get("rows") or []
        return [table_ids[i] for i in rows if 0 <= i < len(table_ids)]
    return [i for i in map(_event_id, figures.event_ids(state)) if i is not None]


def focused_event(shown: pd.DataFrame, table_ids: list[int]) -> int | None:
    """The event to detail: the latest new selection on the timeline, the map or the table, else the
    ``event`` in the URL, else the first event shown."""
    seen = st.session_state.setdefault("_seen_selection", {})
    for key in SELECTION_KEYS:
        ids = _selected(key, table_ids)
        if ids != seen.get(key):
            seen[key] = ids
            if ids:
                st.session_state["focus"] = ids[0]
    if "focus" not in st.session_state and st.query_params.get(Q_EVENT):
        st.session_state["focus"] = _event_id(st.query_params.get(Q_EVENT))
    ids = shown["event_id"]
    focus = st.session_state.get("focus")
    if focus is not None and bool((ids == focus).any()):
        return int(focus)
    return int(ids.iloc[0]) if len(ids) else None


# -- sections --------------------------------------------------------------------------------------------

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
        left.number_input("Page", min_value=1, max_value=-(-len(seq) // TABLE_ROWS), step=1, key="table_page")
        right.caption(f"Rows {start + 1:,}–{end:,} of {len(seq):,}, in timeline order. The downloads below "
                      "hold every event shown.")
    st.dataframe(_table(seq.iloc[start:end], titles), column_config=TABLE_CONFIG, hide_index=True,
                 key="events_table", on_select="rerun", selection_mode="single-row", width="stretch")


def _table(seq: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    table = pd.DataFrame({
        "#": seq["number"], "when": seq["when"], "kind": seq["kind"], "title": seq["title"],
        "place": seq["place"], "people": seq["participants"], "sources": seq["n_sources"],
        "articles": seq["sources"].map(lambda s: " · ".join(titles.get(a, a[:10]) for a in s)),
        "city": seq["city"], "region": seq["region"],
        "country": seq["country"].map(lambda c: flt.country_name(c) if isinstance(c, str) else c),
        "confidence": seq["confidence"],
    })
    return table


TABLE_CONFIG = {
    "#": st.column_config.NumberColumn("#", width="small", help="Order on the timeline and the map"),
    "when": st.column_config.TextColumn("When", help="Date; the order within the day when no time is given"),
    "kind": st.column_config.TextColumn("Kind", width="small"),
    "title": st.column_config.TextColumn("Event", width="large"),
    "place": st.column_config.TextColumn("Place"),
    "people": st.column_config.TextColumn("People", help="Participants: leaders by one canonical name, "
                                          "others as the article writes them"),
    "city": st.column_config.TextColumn("City"),
    "region": st.column_config.TextColumn("Region"),
    "country": st.column_config.TextColumn("Country"),
    "sources": st.column_config.NumberColumn("Sources", width="small",
                                             help="How many articles report this event"),
    "articles": st.column_config.TextColumn("Articles"),
    "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f",
                                                  width="small"),
}


def _precision(value: object, fallback: str = "unknown") -> str:
    return str(value) if isinstance(value, str) and value else fallback


def detail(row: pd.Series, titles: dict[str, str]) -> None:
    """One event: where it comes from, how precise it is, and its evidence inside the article's text."""
    cfg = common.settings()
    st.subheader(f"{row['number']}. {row['title']}")
    st.caption(f"{row['kind']} · {row['when']}")
    place = row["place"] if isinstance(row["place"], str) else "place unknown"
    where = ", ".join(v for v in (row["city"], row["region"]) if isinstance(v, str) and v != place)
    coords = (f" · {row['lat']:.4f}, {row['lon']:.4f}" if not pd.isna(row["lat"]) and not pd.isna(row["lon"])
              else "")
    st.markdown(
        f"**Date:** {figures.day_label(row['date'], row['date_precision'])}"
        f"{' ' + row['time'] if isinstance(row['time'], str) else ''} "
        f"· precision *{_precision(row['date_precision'])}*  \n"
        f"**Place:** {place}{' (' + where + ')' if where else ''}{coords} "
        f"· {_precision(row['place_kind'], 'no kind')}, precision *{_precision(row['place_precision'])}*")
    people = str(row["participants"]) if isinstance(row["participants"], str) else ""
    st.markdown(f"**People:** {html.escape(people)}" if people else "**People:** none named")
    sources = list(row["sources"]) if isinstance(row["sources"], list | tuple) else [row["article"]]
    st.markdown(f"**Sources ({len(sources)}):** " + "; ".join(titles.get(a, a[:10]) for a in sources))
    evidence.sources_section(row, cfg)


def visit_count(frame: pd.DataFrame) -> int:
    """How many visits ``frame``'s events belong to (events in no visit are not one)."""
    if "visit_title" not in frame.columns:
        return 0
    return int(frame.loc[frame["visit_title"].notna(), "visit"].nunique())


def exports(shown: pd.DataFrame, articles: pd.DataFrame, visits: int) -> None:
    """One download per format, named after what it holds (the visit, or the span of several), and
    what the files hold: the events shown, and which formats leave out the events without a day."""
    undated = int((shown["date"].isna() | (shown["date_precision"].astype("string") != "day")).sum()) \
        if not shown.empty else 0
    held = (f"The files hold the {len(shown):,} event{'s' if len(shown) != 1 else ''} shown "
            f"({visits} visit{'s' if visits != 1 else ''}).")
    if undated:
        held += (f" {undated:,} of them have no day: the CSV, JSON and GeoJSON hold them; the calendar and "
                 "TimelineJS cannot and list them in their description.")
    st.caption(held)
    cols = st.columns(len(export.FORMATS))
    stem = export.file_stem(shown)     # worked out once, not once per format
    for col, (key, spec) in zip(cols, export.FORMATS.items(), strict=True):
        limit = spec.max_events
        too_many = limit is not None and len(shown) > limit
        hint = (f"Filter to {limit:,} events or fewer, or use `python -m dashboard export`."
                if too_many else None)
        col.download_button(f"Download {spec.label}", partial(spec.build, shown, articles),
                            file_name=f"{stem}.{spec.ext}", mime=spec.mime,
                            icon=":material/download:", width="stretch", key=f"dl_{key}", disabled=too_many,
                            help=hint)


def _map_context(cfg: Settings) -> figures.Reference | None:
    """The gazetteer's place names for the offline map (none when the place index cannot be read)."""
    try:
        return figures.map_context(cfg.places_dir)
    except VisitTimelineError:
        return None


def first_article_panel() -> None:
    """An empty store: how to add the first article (the page, the command line, the demo)."""
    with st.container(border=True, key="first_article"):
        st.subheader("Add your first article")
        st.markdown(
            "The timeline is empty. Add news articles about a visit (Uzbek, Russian or English):\n\n"
            "- **Upload** files (.txt, .html, .docx, .pdf…) or **paste** a text on the "
            "[Articles](articles) page;\n"
            "- or, on the command line, `visit-timeline ingest ARTICLE.txt --published YYYY-MM-DD`; "
            "the page shows it on the next reload.\n\n"
            "To look around first, `visit-timeline dashboard --demo` opens a sample article in a store "
            "of its own.")


# -- the page --------------------------------------------------------------------------------------------

def render() -> None:
    cfg = common.settings()
    data = common.load(cfg)
    frame, articles, titles = data.frame, data.articles, data.titles
    chosen = sidebar_filters(data)
    common.reload_button()
    url_map = st.query_params.get(Q_MAP)
    _init_state("basemap", url_map if url_map in BASEMAPS else "offline")
    basemap = st.sidebar.radio("Map", list(BASEMAPS), key="basemap", format_func=BASEMAPS.get,
                               help="The offline map needs no internet; OpenStreetMap shows streets.")
    author = editor.editor_name()

    shown, seq = common.shown_events(data, chosen)
    window = table_window(len(seq))
    focus = focused_event(seq, [int(i) for i in seq["event_id"].iloc[window[0]:window[1]]])
    _sync_url(chosen, basemap, st.session_state.get("focus"))

    st.title("Visit Timeline")
    common.demo_note(cfg)
    days = seq.loc[seq["date"].notna(), "date"].nunique()
    visits = visit_count(seq)
    st.caption(f"{len(seq):,} of {len(frame):,} events · {visits} visit{'s' if visits != 1 else ''} · "
               f"{days} day{'s' if days != 1 else ''} · "
               f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
               + (" · filtered" if chosen.active else ""))
    if frame.empty:
        first_article_panel()
        return
    if seq.empty:
        st.info("No event matches the filters.")

    note = figures.overview_note(seq)
    if note:
        st.caption(note)
    key = None if focus is None else str(focus)       # the charts carry event ids as text (customdata)
    st.plotly_chart(figures.timeline_figure(seq, focus=key, visits=data.visits), key="timeline_chart",
                    on_select="rerun", selection_mode="points", width="stretch",
                    config={"displaylogo": False})
    left, right = st.columns([3, 2], gap="large")
    with left:
        config = {"displaylogo": False, "scrollZoom": True, "topojsonURL": common.TOPOJSON_URL}
        st.plotly_chart(figures.map_figure(seq, basemap=basemap, focus=key, context=_map_context(cfg)),
                        key="map_chart", on_select="rerun", selection_mode="points", width="stretch",
                        config=config)
        if basemap == "osm":
            st.caption("Map tiles © OpenStreetMap contributors (needs internet).")
        elif not seq.empty and figures.map_view(seq).zoom >= 12:
            st.caption("The offline map has no streets; switch the map to OpenStreetMap (online) for them.")
    with right:
        editor.deleted_note(cfg, author)
        if focus is not None:
            row = seq.loc[seq["event_id"] == focus].iloc[0]
            editor.corrected_note(row, cfg, author)
            detail(row, titles)
            editor.edit_panel(row, seq, cfg, author)
        else:
            st.caption("Select an event on the timeline, the map or the table to see its evidence.")

    if chosen.visit is not None:
        itinerary.render(seq, data.visits.get(chosen.visit, "this visit").split(" · ")[0])
    st.subheader("Events")
    table_section(seq, titles, window)
    exports(shown, articles, visits)
    editor.add_panel(titles, cfg, author)


if __name__ == "__main__":
    render()

