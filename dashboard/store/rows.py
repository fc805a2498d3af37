"""Reading and writing timeline rows on an open connection: the merged timeline, the days an article
touches, and a merge plan written out (events, links with their keys, positions)."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import numpy as np
import pandas as pd

from dashboard.corrections import link_keys
from dashboard.merge import SOURCE_COLUMNS, UNDATED, MergePlan, Slot
from dashboard.schema import COLUMNS

EVENT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in SOURCE_COLUMNS)
LINK_COLUMNS: tuple[str, ...] = tuple(c for c in SOURCE_COLUMNS if c != "article")


# -- helpers on an open connection ---------------------------------------------------------------------

def _timeline(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every event with its sources aggregated, in timeline order (one pass over the joined rows)."""
    event_cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    link_cols = ", ".join(f"s.{c}" for c in LINK_COLUMNS)
    rows = conn.execute(
        f"SELECT e.id, {event_cols}, s.article_id, {link_cols}, s.key"
        " FROM events e JOIN event_sources s ON s.event_id = e.id"
        " ORDER BY COALESCE(e.date, ?), e.position, e.id, s.id", (UNDATED,))
    names = ["event_id", *EVENT_COLUMNS, "article", *LINK_COLUMNS, "key"]
    firsts: list[tuple] = []               # each event's first link
    more: dict[int, list[tuple]] = {}      # index in firsts -> all links, for events with several
    last = None
    for row in rows:
        if row[0] == last:
            more.setdefault(len(firsts) - 1, [firsts[-1]]).append(row)
        else:
            firsts.append(row)
            last = row[0]
    columns: dict[str, list] = dict(zip(names, map(list, zip(*firsts, strict=True)), strict=True)) \
        if firsts else {name: [] for name in names}
    art, who, conf = names.index("article"), names.index("participants"), names.index("confidence")
    joined: dict[object, str] = {}          # participants text -> normalised, worked out once per text
    columns["participants"] = [joined.get(p) or joined.setdefault(p, _join_names([p]))
                               for p in columns["participants"]]
    columns["sources"] = [[a] for a in columns["article"]]
    for k, group in more.items():
        columns["sources"][k] = list(dict.fromkeys(r[art] for r in group))
        columns["participants"][k] = _join_names(r[who] for r in group)
        columns["confidence"][k] = max(r[conf] for r in group)
    columns["n_sources"] = [len(s) for s in columns["sources"]]
    columns["position"] = list(range(len(firsts)))
    return _typed(columns)


def _join_names(values: Iterable[object]) -> str:
    names = [n.strip() for v in values if v for n in str(v).split(";")]
    return "; ".join(dict.fromkeys(n for n in names if n))


def _typed(columns: dict[str, list]) -> pd.DataFrame:
    dtypes = dict(COLUMNS) | {"event_id": "Int64", "position": "Int64", "n_sources": "Int64", "key": "string"}
    frame = {name: pd.array(columns[name], dtype=dtype) for name, dtype in dtypes.items()}
    sources = np.empty(len(columns["sources"]), dtype=object)
    sources[:] = columns["sources"]
    frame["sources"] = sources
    return pd.DataFrame(frame, columns=[*COLUMNS, "event_id", "position", "sources", "n_sources", "key"])


def _days_of(conn: sqlite3.Connection, events: pd.DataFrame) -> pd.DataFrame:
    """The stored events a new article can touch, in timeline order: every event on its dates and,
    when it has undated events, the last undated one (undated events never merge, new ones go after
    it). Event columns plus event_id and position; sources are not needed to plan a merge."""
    dates = sorted({str(d) for d in events["date"] if not pd.isna(d)}) if len(events) else []
    undated = bool(len(events)) and bool(events["date"].isna().any())
    cols, marks = ", ".join(f"e.{c}" for c in EVENT_COLUMNS), ", ".join("?" * len(dates))
    rows = conn.execute(
        f"SELECT e.id, e.position, {cols} FROM events e WHERE e.date IN ({marks})"
        " OR e.id = (SELECT id FROM events WHERE ? AND date IS NULL ORDER BY position DESC, id DESC LIMIT 1)"
        " ORDER BY COALESCE(e.date, ?), e.position, e.id", (*dates, undated, UNDATED)).fetchall()
    names = ["event_id", "position", *EVENT_COLUMNS]
    return pd.DataFrame(rows, columns=names)


def _plain(value: object) -> object:
    """A frame cell as a value sqlite3 accepts (pandas NA to None, numpy scalars to Python)."""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _apply(conn: sqlite3.Connection, plan: MergePlan, article_id: str, events: pd.DataFrame,
           positions: dict[int, int]) -> None:
    """Write the plan: new events, filled-in fields, links, and the positions that changed.

    ``positions`` holds the stored position of every event in ``plan.order``.
    """
    ranks = _day_ranks(plan, positions)
    rows = events.to_dict("records")    # once: reading cell by cell costs more than the inserts
    event_ids: dict[int, int] = dict(plan.matches)
    cols, marks = ", ".join(EVENT_COLUMNS), ", ".join("?" * len(EVENT_COLUMNS))
    for i in plan.new_rows:
        values = [ranks[Slot(new=i)], *(_plain(rows[i].get(c)) for c in EVENT_COLUMNS)]
        cur = conn.execute(f"INSERT INTO events (position, {cols}) VALUES (?, {marks})", values)
        event_ids[i] = int(cur.lastrowid)
    for i, event_id in plan.matches.items():
        _fill_missing(conn, event_id, rows[i])
    link_cols, link_marks = ", ".join(LINK_COLUMNS), ", ".join("?" * len(LINK_COLUMNS))
    keys = link_keys([r.get("kind") for r in rows], [r.get("evidence") for r in rows])
    conn.executemany(
        f"INSERT INTO event_sources (event_id, article_id, key, {link_cols}) VALUES (?, ?, ?, {link_marks})",
        [(event_ids[i], article_id, keys[i], *_link_values(row, i)) for i, row in enumerate(rows)],
    )
    moved = [(rank, s.event_id) for s, rank in ranks.items()
             if s.event_id is not None and positions[s.event_id] != rank]
    conn.executemany("UPDATE events SET position = ? WHERE id = ?", moved)


def _day_ranks(plan: MergePlan, positions: dict[int, int]) -> dict[Slot, int]:
    """New positions: each day of the plan counts up from its lowest stored position (0 for a new
    day), so a day's events stay above the undated events and stored days the plan did not read."""
    start: dict[str, int] = {}
    for slot, key in zip(plan.order, plan.days, strict=True):
        if slot.event_id is not None:
            start[key] = min(start.get(key, positions[slot.event_id]), positions[slot.event_id])
    ranks: dict[Slot, int] = {}
    day, rank = None, 0
    for slot, key in zip(plan.order, plan.days, strict=True):
        if key != day:
            day, rank = key, start.get(key, 0)
        ranks[slot] = rank
        rank += 1
    return ranks


_LINK_DEFAULTS: dict[str, object] = {"participants": "", "evidence": "", "evidence_start": 0,
                                     "evidence_end": 0, "confidence": 0.0}


def _link_values(row: dict[str, object], i: int) -> list[object]:
    values = []
    for c in LINK_COLUMNS:
        value = _plain(row.get(c))
        values.append(value if value is not None else _LINK_DEFAULTS.get(c, i if c == "seq" else None))
    return values


PLACE_GROUP: tuple[str, ...] = ("place", "place_kind", "place_precision", "place_id", "city", "region",
                                "lat", "lon", "country")


def _fill_missing(conn: sqlite3.Connection, event_id: int, event: dict[str, object]) -> None:
    """A merged event keeps its fields; a new source only fills what it lacked: the time, or a place
    with coordinates when the event had none (the place fields move together, never mixed)."""
    time = _plain(event.get("time"))
    if time is not None:
        conn.execute("UPDATE events SET time = ? WHERE id = ? AND time IS NULL", (time, event_id))
    if _plain(event.get("lat")) is not None and _plain(event.get("lon")) is not None:
        sets = ", ".join(f"{c} = ?" for c in PLACE_GROUP)
        conn.execute(f"UPDATE events SET {sets} WHERE id = ? AND (lat IS NULL OR lon IS NULL)",
                     [*(_plain(event.get(c)) for c in PLACE_GROUP), event_id])
