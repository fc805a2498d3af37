"""The timeline page: filters (kept in the URL), timeline, map, table, an event's detail, exports."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

import pandas as pd
import streamlit as st

from dashboard import figures, i18n
from dashboard import filters as flt
from dashboard.compact import plain
from dashboard.errors import VisitTimelineError
from dashboard.i18n import N_, _, n_, number
from dashboard.settings import Settings
from dashboard.views import common, editor, find, itinerary, language, sections

SELECTION_KEYS = ("timeline_chart", "map_chart", "events_table")
Q_MAP, Q_EVENT = "map", "event"
SAVED_KEY = "_filters"
URL_KEY = common.URL_KEY
FILTER_KEYS = tuple(dict.fromkeys(s.state for s in flt.SPECS))
BASEMAPS = {"offline": N_("Offline map"), "osm": N_("OpenStreetMap (needs internet)")}
SHOWN: dict[str, Callable[[str], str]] = {"locations": common.location_label, "kinds": figures.kind_name}


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
    side.header(_("Filters"))
    text = find.query()
    narrowed = find.narrowed(common.settings(), data, text)
    found = dict(zip(find.LISTS, narrowed, strict=True))
    chosen: dict[str, object] = {}
    for spec in flt.SPECS:
        if spec.widget == "dates":
            chosen |= _dates(spec, data.bounds, wanted) if spec.name not in chosen else {}
        elif spec.widget == "flag":
            chosen[spec.name] = side.toggle(_(spec.label), key=spec.state,
                                            help=_(spec.help) if spec.help else None)
        else:
            chosen[spec.name] = _choice(spec, data, found, bool(text))
    filters = flt.Filters(**chosen)
    st.session_state[SAVED_KEY] = filters
    if filters.active and side.button(_("Clear filters"), icon=":material/filter_alt_off:"):
        for key in (*FILTER_KEYS, find.KEY):
            st.session_state.pop(key, None)
        st.session_state.pop(SAVED_KEY, None)
        st.query_params.from_dict(language.param(st.session_state.get(language.KEY, ""), common.settings()))
        st.rerun()
    return filters


def _choice(spec: flt.Spec, data: common.Loaded, found: dict[str, list[str]], searched: bool) -> object:
    """The widget of a "multi" or "one" filter: its options (narrowed by the search box when it
    narrows them), labelled by the page's names for them or the spec's."""
    every = getattr(data, spec.options)
    names = every if isinstance(every, Mapping) else {}
    pool = found[spec.options] if spec.options in found else list(every)
    listed = pool[:flt.LISTED] if spec.listed else pool         # a long list: its head (and the search)
    keeps = bool(spec.listed) or spec.options in found           # what is chosen stays offered
    options = find.keep(listed, st.session_state[spec.state]) if keeps else pool
    cut = _(spec.listed).format(n=number(len(listed)), total=number(len(every))) \
        if len(listed) < len(pool) else None
    label: Callable[[str], str] = (lambda v: str(names.get(v, v))) if names else \
        i18n.bound(SHOWN[spec.name]) if spec.name in SHOWN else (spec.shown or str)
    mode: Literal["contains", "fuzzy"] = "contains" if spec.options in found else "fuzzy"
    tip = _(spec.help) if spec.help else None
    if spec.widget == "multi":
        return tuple(st.sidebar.multiselect(_(spec.label), options, key=spec.state, format_func=label,
                                            placeholder=cut or _(spec.placeholder), filter_mode=mode,
                                            help=tip))
    hint = (_("{n} of {total} match").format(n=number(len(pool)), total=number(len(every))) if searched
            else cut or _(spec.placeholder).format(total=number(len(every))))
    return st.sidebar.selectbox(_(spec.label), options, key=spec.state, format_func=label, index=None,
                                filter_mode=mode, placeholder=hint, help=tip)


def _dates(spec: flt.Spec, bounds: tuple | None, wanted: flt.Filters) -> dict[str, object]:
    """The one range widget of the two "dates" filters (none when no event is dated)."""
    pair = [s for s in flt.SPECS if s.widget == "dates"]
    if not bounds:
        return {s.name: None for s in pair}
    lo, hi = bounds
    _follow_bounds(bounds)
    _init_state(spec.state, (max(wanted.start or lo, lo), min(wanted.end or hi, hi)))
    dates = st.sidebar.date_input(_(spec.label), key=spec.state, min_value=lo, max_value=hi,
                                  format="YYYY-MM-DD")
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
    if written is None or _without_language(written) == _without_language(_query()):
        return      # the page's language is not a step of the view (a new language keeps the filters)
    for key in (*FILTER_KEYS, SAVED_KEY, "focus"):
        st.session_state.pop(key, None)


def _without_language(params: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: v for k, v in params.items() if k != language.Q_LANG}


def _sync_url(chosen: flt.Filters, basemap: str, focus: int | None) -> None:
    """Write the view into the URL (and the page's language), so a filtered view can be shared as a link."""
    params = flt.to_query(chosen) | language.param(st.session_state.get(language.KEY, ""), common.settings())
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


def _map_context(cfg: Settings) -> figures.Reference | None:
    """The gazetteer's place names for the offline map (none when the place index cannot be read)."""
    try:
        return figures.map_context(cfg.places_dir)
    except VisitTimelineError:
        return None


# -- the page --------------------------------------------------------------------------------------------

def render() -> None:
    cfg = common.settings()
    data = common.load(cfg)
    frame, articles, titles = data.frame, data.articles, data.titles
    chosen = sidebar_filters(data)
    common.reload_button()
    url_map = st.query_params.get(Q_MAP)
    _init_state("basemap", url_map if url_map in BASEMAPS else "offline")
    basemap = st.sidebar.radio(_("Map"), list(BASEMAPS), key="basemap",
                               format_func=i18n.bound(lambda b: _(BASEMAPS[b])),
                               help=_("The offline map needs no internet; OpenStreetMap shows streets."))
    author = editor.editor_name()

    shown, seq = common.shown_events(data, chosen)
    window = sections.table_window(len(seq))
    focus = focused_event(seq, [int(i) for i in seq["event_id"].iloc[window[0]:window[1]]])
    _sync_url(chosen, basemap, st.session_state.get("focus"))

    st.title(_("Visit Timeline"))
    common.demo_note(cfg)
    days = seq.loc[seq["date"].notna(), "date"].nunique()
    visits = sections.visit_count(seq)
    st.caption(" · ".join([
        _("{n} of {total} events").format(n=number(len(seq)), total=number(len(frame))),
        common.visits_text(visits), n_("{n} day", "{n} days", days).format(n=number(days)),
        n_("{n} article", "{n} articles", len(articles)).format(n=number(len(articles))),
        *([_("filtered")] if chosen.active else [])]))
    if frame.empty:
        sections.first_article_panel()
        return
    if seq.empty:
        st.info(_("No event matches the filters."))

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
            st.caption(_("Map tiles © OpenStreetMap contributors (needs internet)."))
        elif not seq.empty and figures.map_view(seq).zoom >= 12:
            st.caption(_("The offline map has no streets; switch the map to OpenStreetMap (online) for "
                         "them."))
    with right:
        editor.deleted_note(cfg, author)
        if focus is not None:
            row = plain(seq.loc[seq["event_id"] == focus]).iloc[0]     # its cells as the store gives them
            editor.corrected_note(row, cfg, author)
            sections.detail(row, titles)
            editor.edit_panel(row, seq, cfg, author)
        else:
            st.caption(_("Select an event on the timeline, the map or the table to see its evidence."))

    if chosen.visit is not None:
        itinerary.render(seq, data.visits.get(chosen.visit, _("this visit")).split(" · ")[0])
    st.subheader(_("Events"))
    sections.table_section(seq, titles, window)
    sections.exports(shown, visits, chosen)
    editor.add_panel(titles, cfg, author)


if __name__ == "__main__":      # run on its own (AppTest): what app.py does around a page
    language.start(common.settings())
    render()
    language.picker(common.settings())

