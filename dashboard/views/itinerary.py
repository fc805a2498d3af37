"""One visit as a day-by-day itinerary: for each day, its events in order (clock time, else the order
within the day), with place, kind, participants and the evidence sentence; a click selects the event
(its detail and every source's sentence are then beside the map)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.figures import kind_name
from dashboard.i18n import _, n_
from dashboard.views import common

MAX_EVENTS = 300     # a visit longer than this is read on the timeline and in the table


def _within_day(when: str) -> str:
    """"5 Apr 2024 · 2nd of 5" -> "2nd of 5", "6 Apr 2024 · 10:30" -> "10:30"; "" for a day alone."""
    return when.partition(" · ")[2]


def render(seq: pd.DataFrame, title: str) -> None:
    """The itinerary of the visit shown (``seq``: its events in timeline order)."""
    if seq.empty or len(seq) > MAX_EVENTS:
        return
    with st.expander(_("Itinerary: {title}").format(title=title), expanded=True,
                     icon=":material/event_note:"), st.container(key="itinerary"):
        for day, rows in seq.groupby("day", sort=False, dropna=False):     # day labels in the page's language
            label, n = common.md_escape(common.plain(day, _("date unknown"))), len(rows)
            st.markdown(f"**{label}** · " + n_("{n} event", "{n} events", n).format(n=n))
            for row in rows.itertuples():
                _event(row)


def _event(row: pd.Series) -> None:
    text, button = st.columns([12, 2], vertical_alignment="center")
    place = common.plain(row.place, _("place unknown"))
    people = common.plain(row.participants)
    when = _within_day(common.plain(row.when))
    parts = [when, kind_name(common.plain(row.kind)), common.plain(row.title), place, people]
    text.markdown(f"{row.number}\\. " + " · ".join(common.md_escape(p) for p in parts if p))
    evidence = common.plain(row.evidence)
    if evidence:
        text.caption(f"“{common.md_escape(evidence)}”")
    if button.button(_("Evidence"), key=f"it_{row.event_id}", icon=":material/format_quote:",
                     help=_("Select this event: its detail and every source's sentence, beside the map")):
        st.session_state["focus"] = int(row.event_id)
        st.rerun()
