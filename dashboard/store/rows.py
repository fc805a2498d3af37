"""Reading and writing timeline rows on an open connection: the merged timeline, the days an article
touches, and a merge plan written out (events, links with their keys, positions)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.corrections import link_keys
from dashboard.merge import MergePlan, Slot, day_ranks
from dashboard.schema import (
    EVENT_COLUMNS,
    LINK_COLUMNS,
    TIMELINE_COLUMNS,
    UNDATED_DAY,
    records,
    timeline_frame,
)
from dashboard.store.columns import ARROW_TYPES, read_columns, take
from dashboard.store.db import Conn
from dashboard.store.model import ArticleRow

__all__ = ["EVENT_COLUMNS", "LINK_COLUMNS"]   # the store's own columns, from the schema
UNDATED_ORDER = 0       # the change log's id for "the undated events' positions changed" (no event's id)


# -- helpers on an open connection ---------------------------------------------------------------------

def typed(rows: Sequence[Sequence[object]], columns: Sequence[str], ints: Iterable[str] = ()) -> pd.DataFrame:
    """Query rows as a frame of nullable columns, ``ints`` as Int64 and the others as strings; built
    column by column (``DataFrame.astype`` over 14 columns took ~4 ms even for one row)."""
    wanted = set(ints)
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pd.DataFrame({name: _typed(list(column), "Int64" if name in wanted else "string")
                         for name, column in zip(columns, values, strict=True)})


def _typed(values: list[object], dtype: str) -> Any:
    try:
        return pd.array(values, dtype=dtype)
    except (TypeError, ValueError):       # e.g. a number in a text column: converted like astype does
        return pd.Series(values, dtype=object).astype(dtype).array


def _timeline(conn: Conn) -> pd.DataFrame:
    """Every event with its sources aggregated, in timeline order (:func:`timeline_rows`)."""
    return timeline_rows(conn)[0]


def timeline_rows(conn: Conn, ids: Sequence[int] | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """Every event (with ``ids``: those of them still stored, :data:`UNDATED_ORDER` standing for every
    undated one) with its sources aggregated, in timeline order, and each row's stored position.

    One row per event with its first link (an aggregate query by the link index), read a chunk at a
    time into Arrow columns (:mod:`dashboard.store.columns`: the rows never live together); the other
    links only of the events that have several; the order sorted by pyarrow on the three keys."""
    event_cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    link_cols = ", ".join(f"s.{c}" for c in LINK_COLUMNS)
    where, params = _which(ids)
    cursor = conn.execute(
        f"SELECT e.id, e.position, {event_cols}, s.article_id, {link_cols}, s.key, f.n"
        f" FROM (SELECT event_id, MIN(id) AS first, COUNT(*) AS n FROM event_sources{where}"
        " GROUP BY event_id) f"
        " JOIN events e ON e.id = f.event_id JOIN event_sources s ON s.id = f.first", params)
    read = read_columns(cursor, _read_types())
    order = _order(read["date"], read["stored_position"], read["event_id"])
    columns: dict[str, Any] = {}
    for name in list(read):        # one column at a time, its unsorted chunks' memory given back
        columns[name] = take(read.pop(name), order)
        pa.default_memory_pool().release_unused()
    n = len(order)
    several = np.flatnonzero(_numbers(columns.pop("n_links"), 1) > 1)
    texts, codes = _distinct(columns["participants"], "")
    joined = [_join_names([p]) for p in texts]                                    # once per text
    slot = {(p,): k for k, p in enumerate(texts)}
    articles, article_codes = _distinct(columns["article"], None)
    sources = _one_each(articles)[article_codes]   # rows of one article share its list, as a pack's rows do
    shared = {a: a for a in articles}            # the other links' article ids: one string per article
    confidence, unknown = _floats(columns["confidence"])
    several_ids = _numbers(columns["event_id"], 0)[several].tolist()
    for k, group in zip(several.tolist(), _links_of(conn, several_ids, whole=where == ""), strict=True):
        if group:                    # (none when a write removed them between the two reads)
            sources[k] = list(dict.fromkeys(shared.setdefault(a, a) for a, _, _ in group))
            names = tuple(p for _, p, _ in group)
            if names not in slot:
                slot[names] = len(joined)
                joined.append(_join_names(names))
            codes[k] = slot[names]
            confidence[k], unknown[k] = max(c for _, _, c in group), False
    columns["participants"] = pa.array(joined, type=pa.large_string()).take(codes)
    columns["confidence"] = pa.array(confidence, mask=unknown, type=pa.float64())
    columns["sources"] = sources
    columns["n_sources"] = np.fromiter(map(len, sources), dtype=np.int64, count=n)
    stored = _numbers(columns.pop("stored_position"), 0)
    columns["position"] = np.arange(n, dtype=np.int64)
    frame = timeline_frame(columns)
    pa.default_memory_pool().release_unused()     # the chunks' and the unsorted columns' memory
    return frame, stored


def _one_each(articles: list) -> np.ndarray:
    """A list of one article per article (100k rows name ~16k: no list per row made and dropped)."""
    found = np.empty(len(articles), dtype=object)
    for k, article in enumerate(articles):
        found[k] = [article]
    return found


def _which(ids: Sequence[int] | None) -> tuple[str, list[int]]:
    """The links' condition for :func:`timeline_rows`'s ``ids`` (none: every link) and its parameters."""
    if ids is None:
        return "", []
    wanted = sorted({int(i) for i in ids if i > UNDATED_ORDER})
    where = [f"event_id IN ({', '.join('?' * len(wanted))})"] if wanted else []
    if UNDATED_ORDER in ids:
        where.append("event_id IN (SELECT id FROM events WHERE date IS NULL)")
    return f" WHERE {' OR '.join(where) or '1 = 0'}", wanted


@lru_cache(maxsize=1)
def _read_types() -> dict[str, pa.DataType]:
    names = ["event_id", "stored_position", *EVENT_COLUMNS, "article", *LINK_COLUMNS, "key", "n_links"]
    kinds = TIMELINE_COLUMNS | {"stored_position": "Int64", "n_links": "Int64"}
    return {name: ARROW_TYPES[kinds[name]] for name in names}


def _distinct(column: pa.Array | list, missing: object) -> tuple[list, np.ndarray]:
    """The column's distinct values (missing ones as ``missing``) and each row's index among them."""
    if isinstance(column, list):
        codes, uniques = pd.factorize(pd.Series([missing if v is None else v for v in column],
                                                dtype=object), use_na_sentinel=False)
        return list(uniques), codes.astype(np.int64)
    if missing is not None:
        column = column.fill_null(missing)
    encoded = column.dictionary_encode()
    return encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)


def _numbers(column: pa.Array | list, missing: int) -> np.ndarray:
    if isinstance(column, list):
        return np.array([missing if v is None else v for v in column], dtype=np.int64)
    return column.fill_null(missing).to_numpy(zero_copy_only=False).astype(np.int64)


def _floats(column: pa.Array | list) -> tuple[np.ndarray, np.ndarray]:
    """The values (0.0 where missing) and which are missing."""
    found = pa.array(column, type=pa.float64(), from_pandas=True) if isinstance(column, list) else column
    return (found.fill_null(0.0).to_numpy(zero_copy_only=False).copy(),
            found.is_null().to_numpy(zero_copy_only=False).copy())


def _order(day: pa.ChunkedArray | list, position: pa.ChunkedArray | list, ids: pa.ChunkedArray | list
           ) -> pa.Array:
    """The timeline order of event rows: by day (undated last), the position within it, the id; sorted by
    pyarrow (dates compared as bytes, as SQLite compares text)."""
    if isinstance(day, list):
        day = pa.array([None if d is None else str(d) for d in day], type=pa.large_string())
    keys = pa.table({"day": day.fill_null(UNDATED_DAY),
                     "position": pa.array(position) if isinstance(position, list) else position,
                     "id": pa.array(ids) if isinstance(ids, list) else ids})
    return pc.sort_indices(keys, sort_keys=[("day", "ascending"), ("position", "ascending"),
                                            ("id", "ascending")])


def _links_of(conn: Conn, ids: list[int], whole: bool = True) -> list[list[tuple]]:
    """(article, participants, confidence) of every link of each event ``ids`` (of several links), in
    link order; ``whole``: they are every such event (one scan), else they are looked up by key."""
    found: dict[int, list[tuple]] = {}
    where = "SELECT event_id FROM event_sources GROUP BY event_id HAVING COUNT(*) > 1" if whole \
        else ", ".join("?" * len(ids))
    if ids:
        for event_id, *link in conn.execute(
                "SELECT s.event_id, s.article_id, s.participants, s.confidence FROM event_sources s"
                f" WHERE s.event_id IN ({where}) ORDER BY s.event_id, s.id", [] if whole else ids):
            found.setdefault(event_id, []).append(tuple(link))
    return [found.get(i, []) for i in ids]


def _join_names(values: Iterable[object]) -> str:
    names = [n.strip() for v in values if v for n in str(v).split(";")]
    return "; ".join(dict.fromkeys(n for n in names if n))


def _days_of(conn: Conn, events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The stored events a new article can touch, in timeline order: every event on its dates and,
    when it has undated events, the last undated one (undated events never merge, new ones go after
    it). Event columns plus event_id, position and the participants of all its sources (merges compare
    principals); the rest of the sources is not needed to plan a merge. Plain records (no frame)."""
    dates = sorted({str(e["date"]) for e in events if e.get("date") is not None})
    undated = any(e.get("date") is None for e in events)
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    where = [f"e.date IN ({', '.join('?' * len(dates))})"] if dates else []
    if undated:
        where.append("e.id = (SELECT id FROM events WHERE date IS NULL"
                     " ORDER BY position DESC, id DESC LIMIT 1)")
    rows = conn.execute(
        f"SELECT e.id, e.position, {cols},"
        f" (SELECT {conn.concat('s.participants', '; ')} FROM event_sources s WHERE s.event_id = e.id)"
        f" FROM events e WHERE {' OR '.join(where) or '1 = 0'}"
        " ORDER BY COALESCE(e.date, ?), e.position, e.id", (*dates, UNDATED_DAY)).fetchall()
    names = ["event_id", "position", *EVENT_COLUMNS, "participants"]
    return [dict(zip(names, row, strict=True)) for row in rows]


def _apply(conn: Conn, plan: MergePlan, article_id: str, rows: Sequence[Mapping[str, Any]],
           positions: dict[int, int]) -> None:
    """Write the plan: new events, filled-in fields, links, and the positions that changed.

    ``positions`` holds the stored position of every event in ``plan.order``.
    """
    ranks = day_ranks(plan, positions)
    event_ids: dict[int, int] = dict(plan.matches)
    cols, marks = ", ".join(EVENT_COLUMNS), ", ".join("?" * len(EVENT_COLUMNS))
    for i in plan.new_rows:
        values = [ranks[Slot(new=i)], *(rows[i].get(c) for c in EVENT_COLUMNS)]
        event_ids[i] = conn.insert(f"INSERT INTO events (position, {cols}) VALUES (?, {marks})", values)
    for i, event_id in plan.matches.items():
        _fill_missing(conn, event_id, rows[i])
    write_links(conn, article_id, rows, [(i, event_ids[i]) for i in range(len(rows))])
    moved = [(rank, s.event_id) for s, rank in ranks.items()
             if s.event_id is not None and positions[s.event_id] != rank]
    conn.executemany("UPDATE events SET position = ? WHERE id = ?", moved)


def write_links(conn: Conn, article_id: str, rows: Sequence[Mapping[str, Any]],
                links: Sequence[tuple[int, int]]) -> None:
    """Link rows of one article to events, in the order given: (row index, event id). Each link keeps
    its key (given in the row as ``key``, else worked out) and its own event fields (``own``, JSON)."""
    keys: list[Any] = [r.get("key") for r in rows]
    if any(k is None for k in keys):
        keys = link_keys([r.get("kind") for r in rows], [r.get("evidence") for r in rows])
    link_cols, link_marks = ", ".join(LINK_COLUMNS), ", ".join("?" * len(LINK_COLUMNS))
    conn.executemany(
        f"INSERT INTO event_sources (event_id, article_id, key, own, {link_cols})"
        f" VALUES (?, ?, ?, ?, {link_marks})",
        [(event_id, article_id, keys[i], own(rows[i]), *_link_values(rows[i], i)) for i, event_id in links])


def own(row: Mapping[str, Any]) -> str:
    """A link's own event fields as JSON (what its article said, before any merge)."""
    return json.dumps({c: row.get(c) for c in EVENT_COLUMNS}, ensure_ascii=False, default=str)


_LINK_DEFAULTS: dict[str, object] = {"participants": "", "evidence": "", "evidence_start": 0,
                                     "evidence_end": 0, "confidence": 0.0}


def _link_values(row: Mapping[str, Any], i: int) -> list[object]:
    values = []
    for c in LINK_COLUMNS:
        value = row.get(c)
        values.append(value if value is not None else _LINK_DEFAULTS.get(c, i if c == "seq" else None))
    return values


PLACE_GROUP: tuple[str, ...] = ("place", "place_kind", "place_precision", "place_id", "city", "region",
                                "lat", "lon", "country")


def _fill_missing(conn: Conn, event_id: int, event: Mapping[str, Any]) -> None:
    """A merged event keeps its fields; a new source only fills what it lacked: the time, or a place
    with coordinates when the event had none (the place fields move together, never mixed)."""
    time = event.get("time")
    if time is not None:
        conn.execute("UPDATE events SET time = ? WHERE id = ? AND time IS NULL", (time, event_id))
    if event.get("lat") is not None and event.get("lon") is not None:
        sets = ", ".join(f"{c} = ?" for c in PLACE_GROUP)
        conn.execute(f"UPDATE events SET {sets} WHERE id = ? AND (lat IS NULL OR lon IS NULL)",
                     [*(event.get(c) for c in PLACE_GROUP), event_id])


# -- an article's links -----------------------------------------------------------------------------------

def unlink(conn: Conn, article_id: str) -> tuple[int, int]:
    """Remove an article's links and the events left without a source: (removed, kept)."""
    linked = [r[0] for r in conn.execute(
        "SELECT DISTINCT event_id FROM event_sources WHERE article_id = ?", (article_id,))]
    conn.execute("DELETE FROM event_sources WHERE article_id = ?", (article_id,))
    orphans = [e for e in linked if conn.execute(
        "SELECT 1 FROM event_sources WHERE event_id = ? LIMIT 1", (e,)).fetchone() is None]
    conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in orphans])
    # positions only order events within a day, so the gaps left behind need no renumbering
    return len(orphans), len(linked) - len(orphans)


def days_with(conn: Conn, article_id: str) -> set[str]:
    """The days (UNDATED_DAY for none) of an article's stored events."""
    return {(UNDATED_DAY if r[0] is None else str(r[0])) for r in conn.execute(
        "SELECT DISTINCT e.date FROM event_sources s JOIN events e ON e.id = s.event_id"
        " WHERE s.article_id = ?", (article_id,))}


def link_fields(conn: Conn, article_id: str) -> dict[str, tuple]:
    """What a re-extraction compares, per link key: kind, date, time, place and title."""
    return {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT s.key, e.kind, e.date, e.time, e.place_id, e.lat, e.lon, e.title FROM event_sources s"
        " JOIN events e ON e.id = s.event_id WHERE s.article_id = ?", (article_id,))}


def rows_of(events: pd.DataFrame | Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    """An article's events as plain records (None for missing): a frame converted, records kept."""
    return records(events) if isinstance(events, pd.DataFrame) else events


def insert_article(conn: Conn, article: ArticleRow, ingested_at: str) -> bool:
    """Store an article's row, arriving after every stored one; False (nothing written) when an article
    with its id is stored already (the insert itself tells: no look-up before it)."""
    return conn.execute(
        "INSERT INTO articles (id, title, source, published, language, text, ingested_at, published_from,"
        " url, arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " (SELECT COALESCE(MAX(arrival), 0) + 1 FROM articles)) ON CONFLICT (id) DO NOTHING",
        (article.id, article.title, article.source, article.published, article.language,
         article.text, ingested_at, article.published_from, article.url),
    ).rowcount == 1


def has_article(conn: Conn, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def has_event(conn: Conn, event_id: int) -> bool:
    if event_id < 0:
        return conn.execute("SELECT 1 FROM anchors WHERE id = ? AND manual = 1",
                            (-event_id,)).fetchone() is not None
    return conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None
