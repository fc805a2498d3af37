"""Exports other tools load: GeoJSON (a GIS), TimelineJS3 JSON and iCalendar (a calendar).

Each takes a timeline frame (``Store.timeline`` columns, filtered or one visit) and the articles
frame, and returns bytes. Events without coordinates have no Point; undated events (or events known
only to the month) have no slide or calendar entry, since neither tool can place them: the file says
so, listing them (the TimelineJS title slide, the calendar's description).
"""
from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from typing import SupportsFloat

import pandas as pd

from dashboard.export.tables import enrich, group_key, group_label, group_labels, items, lines, plain, rows

PRODID = "-//Visit Timeline//visit-timeline//EN"
UID_DOMAIN = "visit-timeline"


def to_geojson(frame: pd.DataFrame, articles: pd.DataFrame | None = None) -> bytes:
    """A FeatureCollection: one Point per placed event, then one LineString per visit (group) with at
    least two places: its route in timeline order (``properties.feature`` says which is which)."""
    data = enrich(frame, articles)
    features = []
    routes: dict[str, list[tuple[list[object], object]]] = {}
    for row in rows(data):
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        props = {"feature": "event"} | {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": props})
        routes.setdefault(str(row["group"]), []).append(([lon, lat], row.get("event_id")))
    labels = group_labels(data)
    for key, stops in routes.items():
        coords = [c for i, (c, _) in enumerate(stops) if i == 0 or c != stops[i - 1][0]]
        if len(coords) < 2:
            continue
        label = labels[key]
        features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": coords},
                         "properties": {"feature": "route", "group": key, "label": label,
                                        "events": [e for _, e in stops]}})
    return ('{"type": "FeatureCollection", "features": ' + lines(features) + "}").encode("utf-8")


def _date_parts(date: object, time: object, precision: object) -> dict[str, int] | None:
    """TimelineJS date object from an ISO date (and HH:MM time); None when it cannot be placed."""
    if date is None or pd.isna(date) or precision not in ("day", "month", "year"):
        return None
    year, month, day = (int(p) for p in str(date).split("-"))
    parts = {"year": year} | ({"month": month} if precision != "year" else {})
    if precision == "day":
        parts["day"] = day
        if time is not None and not pd.isna(time):
            hour, minute = (int(p) for p in str(time).split(":")[:2])
            parts |= {"hour": hour, "minute": minute}
    return parts


def to_timelinejs(frame: pd.DataFrame, articles: pd.DataFrame | None = None,
                  title: str | None = None) -> bytes:
    """TimelineJS3 JSON: ``{"title": slide, "events": [slide, ...]}``; each slide has ``start_date``
    (year, month, day, hour, minute), ``text.headline`` (the event), ``text.text`` (the evidence, as
    escaped HTML with its sources), ``group`` (the visit) and ``unique_id``."""
    data = enrich(frame, articles)
    labels = group_labels(data)
    events = []
    for row in rows(data):
        start = _date_parts(row.get("date"), row.get("time"), row.get("date_precision"))
        if start is None:
            continue
        where = str(row.get("place") or "")
        sources = "; ".join(map(str, items(row.get("source_titles"))))
        body = f"<p>{html.escape(str(row.get('evidence') or ''))}</p>"
        if sources:
            note = ("At " + where + " · " if where else "") + "Sources: " + sources
            body += f"<p><small>{html.escape(note)}</small></p>"
        headline = html.escape(str(row.get("title") or row.get("kind")))
        events.append({"start_date": start, "text": {"headline": headline, "text": body},
                       "group": labels.get(str(row["group"]), str(row["group"])),
                       "unique_id": str(row["uid"]), "autolink": False})
    heading = title or (next(iter(labels.values())) if len(labels) == 1 else "Visit Timeline")
    intro = f"<p>{len(events)} events, from Visit Timeline</p>"
    left = left_out(data, lambda r: _date_parts(r.get("date"), r.get("time"),
                                                r.get("date_precision")) is None)
    if left:
        intro += f"<p><small>{html.escape(left)}</small></p>"
    doc = {"title": {"text": {"headline": html.escape(heading), "text": intro}}, "events": events}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _on_a_day(row: dict[str, object]) -> bool:
    return row.get("date") is not None and row.get("date_precision") == "day"


def left_out(data: pd.DataFrame, dropped: Callable[[dict[str, object]], bool]) -> str:
    """The note a format that cannot hold some events carries: how many, and which ("" for none)."""
    gone = [row for row in rows(data) if dropped(row)]
    if not gone:
        return ""
    names = "; ".join(str(r.get("title") or r.get("kind")) + (f" ({r['date']})" if r.get("date") else "")
                      for r in gone)
    noun = "event has" if len(gone) == 1 else "events have"
    return f"{len(gone)} {noun} no day and are not in this file (they are in the CSV and JSON): {names}"


def to_ics(frame: pd.DataFrame, articles: pd.DataFrame | None = None, name: str | None = None) -> bytes:
    """iCalendar: one VEVENT per dated event (all-day without a clock time), with LOCATION, GEO,
    CATEGORIES (kind) and a UID that stays across re-extraction, so importing again updates events."""
    from icalendar import Calendar, Event

    data = enrich(frame, articles)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    single = group_key(data).nunique() == 1
    cal.add("x-wr-calname", name or (group_label(data) if single else "Visit Timeline"))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    left = left_out(data, lambda r: not _on_a_day(r))
    if left:
        cal.add("x-wr-caldesc", left)
    for row in rows(data):
        if not _on_a_day(row):
            continue
        day = dt.date.fromisoformat(str(row["date"]))
        event = Event()
        event.add("uid", f"{row['uid']}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", str(row.get("title") or row.get("kind")))
        if row.get("time"):
            hour, minute = (int(p) for p in str(row["time"]).split(":")[:2])
            event.add("dtstart", dt.datetime.combine(day, dt.time(hour, minute)))   # floating local time
        else:
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
        where = ", ".join(str(v) for v in dict.fromkeys(plain(row.get(c)) for c in ("place", "city"))
                          if v)
        if where:
            event.add("location", where)
        lat, lon = row.get("lat"), row.get("lon")
        if isinstance(lat, SupportsFloat) and isinstance(lon, SupportsFloat):    # plain floats, or None
            event.add("geo", (float(lat), float(lon)))
        event.add("categories", [str(row.get("kind"))])
        event.add("status", "TENTATIVE" if row.get("status") == "planned" else "CONFIRMED")
        sources = "; ".join(map(str, items(row.get("source_titles"))))
        event.add("description", "\n\n".join(p for p in (str(row.get("evidence") or ""),
                                                          f"Sources: {sources}" if sources else "") if p))
        cal.add_component(event)
    return cal.to_ical()
