"""Plotly figures for the timeline and the map. Pure: frames in, figures out (no streamlit).

``base`` holds what both share (the event sequence, labels, hovers), ``timeline`` and ``geo`` draw each
event, ``overview`` draws counts per period and per place when too many events are shown to draw one
by one (the filters and the counts stay exact: they work on the frame, not on the figure), ``context``
finds the place names the offline map shows around the events.
"""
from __future__ import annotations

from dashboard.figures.base import (
    DAY_GAP,
    KIND_COLOURS,
    MAP_SIZE,
    day_label,
    day_labels,
    day_stamps,
    empty_figure,
    event_ids,
    kind_name,
    kinds_in,
    ordinal,
    sequence,
)
from dashboard.figures.context import Reference, map_context
from dashboard.figures.geo import MapView, map_figure, map_labels, map_view
from dashboard.figures.order import in_timeline_order, into_timeline_order
from dashboard.figures.overview import DETAIL_DAYS, DETAIL_EVENTS, overview_note
from dashboard.figures.timeline import timeline_figure

__all__ = [
    "DAY_GAP",
    "DETAIL_DAYS",
    "DETAIL_EVENTS",
    "KIND_COLOURS",
    "MAP_SIZE",
    "MapView",
    "Reference",
    "day_label",
    "day_labels",
    "day_stamps",
    "empty_figure",
    "event_ids",
    "in_timeline_order",
    "into_timeline_order",
    "kind_name",
    "kinds_in",
    "map_context",
    "map_figure",
    "map_labels",
    "map_view",
    "ordinal",
    "overview_note",
    "sequence",
    "timeline_figure",
]
