"""Who met whom: a leader's counterparts over a period, from the events that name them together.

A counterpart is anyone named in the participants of an event that also names the leader (the
events the page shows: corrected, planned ones left out unless shown). For each: how many such
events, their days, places and visits, and the event ids, so the page links each to its evidence.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

COLUMNS = ("counterpart", "events", "first", "last", "days", "places", "visits", "event_ids")


def names(participants: object) -> list[str]:
    """The people of one participants cell ("A; B" -> ["A", "B"])."""
    if not isinstance(participants, str):
        return []
    return list(dict.fromkeys(n.strip() for n in participants.split(";") if n.strip()))


@dataclass(slots=True)
class _Met:
    days: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    visits: list[str] = field(default_factory=list)
    event_ids: list[int] = field(default_factory=list)


def counterparts(frame: pd.DataFrame, leader: str, start: dt.date | None = None,
                 end: dt.date | None = None) -> pd.DataFrame:
    """Each counterpart of ``leader`` in ``frame`` (events in ``[start, end]`` when given; undated
    events count only without a period), the most met first; columns :data:`COLUMNS`."""
    if frame.empty or not leader:
        return pd.DataFrame(columns=list(COLUMNS))
    named = frame["participants"].astype("string").fillna("").str.contains(leader, regex=False)
    rows = frame.loc[named]
    if start is not None or end is not None:
        days = pd.to_datetime(rows["date"], errors="coerce").dt.date
        keep = days.notna()
        if start is not None:
            keep &= days >= start
        if end is not None:
            keep &= days <= end
        rows = rows.loc[keep.fillna(False).astype(bool)]
    met: dict[str, _Met] = {}
    visit = rows["visit_title"] if "visit_title" in rows.columns else pd.Series(pd.NA, index=rows.index)
    for (_, row), title in zip(rows.iterrows(), visit, strict=True):
        people = names(row["participants"])
        if leader not in people:
            continue
        for other in people:
            if other == leader:
                continue
            seen = met.setdefault(other, _Met())
            seen.event_ids.append(int(row["event_id"]))
            city = row.get("city")
            place = city if isinstance(city, str) and city else row["place"]
            for bucket, value in ((seen.days, row["date"]), (seen.places, place), (seen.visits, title)):
                if isinstance(value, str) and value and value not in bucket:
                    bucket.append(value)
    table = [(name, len(m.event_ids), min(m.days, default=None), max(m.days, default=None),
              ", ".join(sorted(m.days)), ", ".join(m.places), "; ".join(m.visits), m.event_ids)
             for name, m in met.items()]
    out = pd.DataFrame(table, columns=list(COLUMNS))
    return out.sort_values(["events", "counterpart"], ascending=[False, True], ignore_index=True)


def leaders_first(people: list[str], known: set[str]) -> list[str]:
    """``people`` with the leaders of the leaders' file first (each group in its given order)."""
    return [p for p in people if p in known] + [p for p in people if p not in known]
