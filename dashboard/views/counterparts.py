"""The Counterparts page: who met whom. For a leader and a period, each counterpart with the days,
places and visits they met at, and the events; selecting a counterpart lists the events, each a click
away from its evidence on the timeline page. The leader and the period live in the URL."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import counterparts as cp
from dashboard import figures, i18n, search
from dashboard import filters as flt
from dashboard.compact import plain
from dashboard.errors import VisitTimelineError
from dashboard.i18n import _, n_
from dashboard.settings import Settings
from dashboard.views import common, language

Q_LEADER, Q_FROM, Q_TO = "leader", "from", "to"
READ = ("event_id", "participants", "date", "city", "place", "visit_title")    # what cp.counterparts reads


def _leaders(cfg: Settings, people: list[str]) -> list[str]:
    try:
        known = set(search.load_aliases(cfg.data_dir).people)
    except VisitTimelineError:
        known = set()
    return cp.leaders_first(people, known)


def _period(bounds: tuple[dt.date, dt.date]) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = bounds
    if "cp_period" not in st.session_state:
        def day(name: str, default: dt.date) -> dt.date:
            try:
                return min(max(dt.date.fromisoformat(st.query_params.get(name, "")), lo), hi)
            except ValueError:
                return default
        st.session_state["cp_period"] = (day(Q_FROM, lo), day(Q_TO, hi))
    picked = st.date_input(_("Period"), key="cp_period", min_value=lo, max_value=hi, format="YYYY-MM-DD",
                           help=_("The days the events happened on (events without a date are left out)."))
    days = tuple(picked) if isinstance(picked, tuple | list) else (picked,)
    start = days[0] if days else None
    return start, (days[1] if len(days) > 1 else start)


def render() -> None:
    common.other_page()
    cfg = common.settings()
    data = common.load(cfg)
    st.title(_("Counterparts"))
    common.demo_note(cfg)
    st.caption(_("Who met whom: a leader's counterparts over a period, from the events naming them "
                 "together."))
    if data.frame.empty or not data.people:
        st.info(_("No one is named in the events yet. Add articles on the Articles page."))
        return
    leaders = _leaders(cfg, data.people)
    if "cp_leader" not in st.session_state:
        wanted = st.query_params.get(Q_LEADER)
        st.session_state["cp_leader"] = wanted if wanted in leaders else leaders[0]
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with left:
        leader = st.selectbox(_("Leader"), leaders, key="cp_leader", filter_mode="contains",
                              help=_("Leaders of the leaders' file first, then everyone else named."))
    with right:
        start, end = _period(data.bounds) if data.bounds else (None, None)
    st.query_params.from_dict({Q_LEADER: leader, **({Q_FROM: str(start)} if start else {}),
                               **({Q_TO: str(end)} if end else {}),
                               **language.param(st.session_state.get(language.KEY, ""), cfg)})
    shown = flt.happened(data.frame, flt.Filters())        # without the planned events
    shown = plain(shown[[c for c in READ if c in shown.columns]])     # as the store's columns
    table = cp.counterparts(shown, leader, start, end)
    period = f"{i18n.day(start)} – {i18n.day(end)}" if start and end else _("every date")
    if table.empty:
        st.info(_("No event names {leader} with someone else in {period}.").format(leader=leader,
                                                                                    period=period))
        return
    heading = n_("{n} counterpart of {leader}", "{n} counterparts of {leader}", len(table)).format(
        n=i18n.number(len(table)), leader=common.md_escape(leader))
    st.markdown(f"**{heading}** · {period} · " + _("select one to see the events"))
    lang = language.param(i18n.current(), cfg)       # a link opens a new tab: it says the language
    links = [f"timeline?{urlencode({flt.spec('people').key: name, **lang})}" for name in table["counterpart"]]
    picked = st.dataframe(
        table.drop(columns=["event_ids"]).assign(timeline=links, first=table["first"].map(i18n.iso_day),
                                                 last=table["last"].map(i18n.iso_day)),
        key="cp_table", on_select="rerun", selection_mode="single-row", hide_index=True, width="stretch",
        column_config={
            "counterpart": _("Counterpart"), "events": st.column_config.NumberColumn(_("Events"),
                                                                                     width="small"),
            "first": _("First"), "last": _("Last"), "days": _("Days"), "places": _("Places"),
            "visits": _("Visits"),
            "timeline": st.column_config.LinkColumn(
                _("Their visits"), display_text=_("On the timeline"),
                help=_("Every event naming this person, on the timeline"))})
    rows = picked.selection.rows if picked and picked.selection else []
    if rows:
        _events(data, table.iloc[rows[0]], leader)


def _events(data: common.Loaded, row: pd.Series, leader: str) -> None:
    """The events where ``leader`` met this counterpart, each linked to its evidence on the timeline."""
    ids = list(row["event_ids"])
    events = plain(data.frame.loc[data.frame["event_id"].isin(ids)])
    st.subheader(_("{leader} and {counterpart}").format(leader=leader, counterpart=row["counterpart"]))
    links = [f"timeline?{urlencode({'event': int(e), **language.param(i18n.current(), common.settings())})}"
             for e in events["event_id"]]
    shown = ["date", "time", "kind", "title", "place", "visit_title", "evidence", "evidence_link"]
    st.dataframe(
        events.assign(evidence_link=links, kind=events["kind"].map(figures.kind_name),
                      date=events["date"].map(i18n.iso_day))[shown],
        key="cp_events", hide_index=True, width="stretch", column_config={
            "date": _("Date"), "time": _("Time"), "kind": _("Kind"), "title": _("Event"),
            "place": _("Place"),
            "visit_title": _("Visit"), "evidence": st.column_config.TextColumn(_("Sentence"), width="large"),
            "evidence_link": st.column_config.LinkColumn(_("Evidence"),
                                                         display_text=_("Open on the timeline"))})


if __name__ == "__main__":      # run on its own (AppTest): what app.py does around a page
    language.start(common.settings())
    render()
    language.picker(common.settings())
