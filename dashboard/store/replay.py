"""Order independence on an open connection: whether an article can be merged incrementally, and
whole days merged again from their articles in the canonical order (:func:`dashboard.merge.merge_days`).

A day is written back with the ids of its former events where an event keeps its first source (so an
event that a new article only joins keeps its id), positions 0.. in the merged order, and each
event's links in the canonical order of their articles (so the canonical first source speaks first).
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dashboard.merge import canonical_key, merge_days
from dashboard.schema import EVENT_COLUMNS, LINK_COLUMNS, UNDATED_DAY, missing
from dashboard.store.db import Conn
from dashboard.store.rows import UNDATED_ORDER, write_links

Record = Mapping[str, Any]


@dataclass(slots=True)
class Partition:
    """What one transaction that stores several articles (a batch's partition) carries from one article
    to the next: whether the undated events still need their canonical order (worked out once, at the
    end: :func:`finish`, not after every article; the final order is the same), and the canonical keys of
    the stored articles read so far (an article's key does not change while its transaction holds the
    write lock), and their records likewise."""

    undated: bool = False
    keys: dict[str, tuple] = field(default_factory=dict)
    events: dict[str, Sequence[Record]] = field(default_factory=dict)     # stored articles' records


def finish(conn: Conn, part: Partition) -> None:
    """The end of a partition: the undated events in their canonical order, when an article left it."""
    if part.undated:
        _undated(conn, None, part=part)
        part.undated = False


def day_of(date: object) -> str:
    return UNDATED_DAY if date is None else str(date)


def _on_days(days: set[str]) -> tuple[str, list[str]]:
    """SQL condition on ``e.date`` for ``days`` and its parameters."""
    dates = sorted(d for d in days if d != UNDATED_DAY)
    where = [f"e.date IN ({', '.join('?' * len(dates))})"] if dates else []
    if UNDATED_DAY in days:
        where.append("e.date IS NULL")
    return " OR ".join(where) or "1 = 0", dates


def _articles_on(conn: Conn, days: set[str], published: object = None) -> dict[str, tuple[bool, bool, str]]:
    """The articles with events on ``days``, each with whether it has dated ones there and undated ones,
    and its publication date ("" for none); with ``published``, only those published on that date or
    later (the others come before it)."""
    where, params = _on_days(days)
    if not missing(published):
        where, params = f"({where}) AND COALESCE(a.published, '') >= ?", [*params, str(published)]
    found = conn.execute(
        "SELECT s.article_id, MIN(CASE WHEN e.date IS NULL THEN 1 ELSE 0 END),"
        " MAX(CASE WHEN e.date IS NULL THEN 1 ELSE 0 END), MAX(COALESCE(a.published, '')) FROM events e"
        " JOIN event_sources s ON s.event_id = e.id JOIN articles a ON a.id = s.article_id"
        f" WHERE {where} GROUP BY s.article_id", params)
    return {r[0]: (r[1] == 0, r[2] == 1, str(r[3])) for r in found}


def _keys(conn: Conn, articles: set[str], new: tuple[str, Sequence[Record]] | None = None,
          part: Partition | None = None) -> dict[str, tuple]:
    """Each article's canonical key; ``new``: an article not linked yet and its events; ``part``: the keys
    its transaction has read already (and keeps the ones read now)."""
    known = part.keys if part is not None else {}
    found = _key_rows(conn, sorted(a for a in articles if a not in known or (new and a == new[0])))
    keys = {r[0]: canonical_key(r[1], r[0], r[2], r[3]) for r in found}
    if part is not None:
        part.keys.update((a, k) for a, k in keys.items() if not (new and a == new[0]))
        keys.update((a, known[a]) for a in articles if a in known and a not in keys)
    if new and new[0] in keys:
        dates = [str(r["date"]) for r in new[1] if r.get("date") is not None]
        keys[new[0]] = canonical_key(keys[new[0]][0] or None, new[0], len(new[1]), min(dates, default=None))
    return keys


def _key_rows(conn: Conn, articles: list[str]) -> list[tuple]:
    """What an article's canonical key is made of: id, publication date, links, first day."""
    return conn.execute(
        "SELECT a.id, a.published, COUNT(s.id), MIN(e.date) FROM articles a"
        " LEFT JOIN event_sources s ON s.article_id = a.id LEFT JOIN events e ON e.id = s.event_id"
        f" WHERE a.id IN ({', '.join('?' * len(articles))}) GROUP BY a.id, a.published",
        articles).fetchall() if articles else []


def comes_last(conn: Conn, article_id: str, days: set[str], rows: Sequence[Record],
               part: Partition | None = None, published: object = None) -> tuple[bool, list[str]]:
    """Whether ``article_id`` (stored with the events ``rows``, not yet linked; ``published``: its
    publication date, which narrows the articles read) comes after every article of its dated ``days``
    in the canonical order (then merging it in incrementally there gives the canonical timeline), and
    the articles with undated events that come after it (its undated events go before theirs)."""
    on = _articles_on(conn, days, published)
    on.pop(article_id, None)
    # published later: after it (the key starts with the date); on its date, the rest of the key tells
    mine = None if missing(published) else str(published)
    later = {a for a, (_, _, date) in on.items() if mine is not None and date > mine}
    tied = set(on) - later
    if tied:
        keys = _keys(conn, {*tied, article_id}, (article_id, rows), part)
        later |= {a for a in tied if a in keys and keys[a] > keys[article_id]}
    return not any(on[a][0] for a in later), sorted(a for a in later if on[a][1])


def stored_events(conn: Conn, articles: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Every stored article's events as its article gave them (the link's own fields, else its
    event's), with the link's own columns and key, in article order."""
    if not articles:
        return {}
    cols = ", ".join([*(f"s.{c}" for c in LINK_COLUMNS), *(f"e.{c}" for c in EVENT_COLUMNS)])
    names = [*LINK_COLUMNS, *EVENT_COLUMNS]
    found: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(
            f"SELECT s.article_id, s.key, s.own, {cols}"
            " FROM event_sources s JOIN events e ON e.id = s.event_id"
            f" WHERE s.article_id IN ({', '.join('?' * len(articles))}) ORDER BY s.article_id, s.seq, s.id",
            sorted(articles)):
        record = dict(zip(names, row[3:], strict=True))
        record.update(json.loads(row[2]) if row[2] else {})
        record["key"] = row[1]
        found.setdefault(row[0], []).append(record)
    return found


def _stored(conn: Conn, articles: set[str], part: Partition | None) -> dict[str, Sequence[Record]]:
    """:func:`stored_events`, with the ones its partition has read already taken from ``part``: a stored
    article's records do not change while its transaction holds the write lock (a merge writes its
    links back as they were, only under other events)."""
    if part is None:
        return dict(stored_events(conn, articles))
    found = stored_events(conn, {a for a in articles if a not in part.events})
    part.events.update(found)
    return {a: part.events[a] for a in articles if a in part.events}


def merge_again(conn: Conn, days: set[str], merge_km: float,
                extra: tuple[str, Sequence[Record]] | None = None,
                part: Partition | None = None) -> tuple[int, int]:
    """Merge ``days`` again from every article with events on them (and ``extra``: an article with
    its records, not linked yet), canonically; returns how many of ``extra``'s events are events of
    their own and how many share an event with another article: (added, merged).

    Undated events never merge: their "day" is only put in the canonical order again (no rows are
    rewritten but the positions that change); in a partition (``part``), once at its end."""
    dated = days - {UNDATED_DAY}
    added, shared = _merge_dated(conn, dated, merge_km, extra, part) if dated else (0, 0)
    if UNDATED_DAY in days:
        added += _undated(conn, extra, sort=part is None)
        if part is not None:
            part.undated = True
    return added, shared


def undated_before(conn: Conn, article_id: str, later: list[str], part: Partition | None = None) -> None:
    """Move the article's undated events, just stored after every undated event, before those of the
    articles ``later`` (which come after it in the canonical order), and those after it down: the undated
    events keep their canonical order (by article, then place in the article) without sorting them all.
    In a partition (whose undated events are not in order yet), :func:`finish` sorts them instead."""
    if part is not None:
        part.undated = True
        return
    marks = ", ".join("?" * len(later))
    row = conn.execute("SELECT MIN(e.position) FROM events e JOIN event_sources s ON s.event_id = e.id"
                       f" WHERE e.date IS NULL AND s.article_id IN ({marks})", later).fetchone()
    mine = [r[0] for r in conn.execute("SELECT e.id FROM events e JOIN event_sources s ON s.event_id = e.id"
                                       " WHERE e.date IS NULL AND s.article_id = ? ORDER BY s.seq, s.id",
                                       (article_id,))]
    if row is None or row[0] is None or not mine:
        return
    start = int(row[0])
    marks = ", ".join("?" * len(mine))
    conn.execute(f"UPDATE events SET position = position + ? WHERE date IS NULL AND position >= ?"
                 f" AND id NOT IN ({marks})", (len(mine), start, *mine))
    conn.executemany("UPDATE events SET position = ? WHERE id = ?",
                     [(start + k, event_id) for k, event_id in enumerate(mine)])
    conn.execute("INSERT INTO visit_dirty (event_id) VALUES (?)", (UNDATED_ORDER,))    # see _undated


def _undated(conn: Conn, extra: tuple[str, Sequence[Record]] | None, sort: bool = True,
             part: Partition | None = None) -> int:
    """Store ``extra``'s undated events, then (``sort``) order every undated event by its article's
    canonical key and its place in the article; how many events were stored."""
    stored: list[tuple[int, int]] = []
    if extra:
        article, rows = extra
        stored = [(i, _write_event(conn, None, 0, r)) for i, r in enumerate(rows) if r.get("date") is None]
        write_links(conn, article, rows, stored)
    if not sort:
        return len(stored)
    found = conn.execute("SELECT e.id, e.position, s.article_id, s.seq, s.id FROM events e"
                         " JOIN event_sources s ON s.event_id = e.id WHERE e.date IS NULL").fetchall()
    keys = _keys(conn, {r[2] for r in found}, None, part)
    order = sorted(found, key=lambda r: (keys.get(r[2], canonical_key(None, r[2])), r[3], r[4]))
    ranks: dict[int, int] = {}
    for row in order:
        ranks.setdefault(row[0], len(ranks))
    now = {r[0]: r[1] for r in found}
    moved = [(rank, event_id) for event_id, rank in ranks.items() if now[event_id] != rank]
    conn.executemany("UPDATE events SET position = ? WHERE id = ?", moved)
    if moved:       # in the change log (dashboard.store.dirty): a page's patch reads them all again
        conn.execute("INSERT INTO visit_dirty (event_id) VALUES (?)", (UNDATED_ORDER,))
    return len(stored)


def _merge_dated(conn: Conn, days: set[str], merge_km: float, extra: tuple[str, Sequence[Record]] | None,
                 part: Partition | None = None) -> tuple[int, int]:
    where, params = _on_days(days)
    old = conn.execute(f"SELECT s.event_id, s.article_id, s.key FROM events e JOIN event_sources s"
                       f" ON s.event_id = e.id WHERE {where} ORDER BY s.id", params).fetchall()
    first: dict[tuple[str, str], int] = {}      # each former event by its first source's link
    seen: set[int] = set()
    for event_id, article, key in old:
        if event_id not in seen:
            seen.add(event_id)
            first[(article, str(key))] = event_id
    articles = {r[1] for r in old} | ({extra[0]} if extra else set())
    events: dict[str, Sequence[Record]] = _stored(conn, articles - ({extra[0]} if extra else set()), part)
    if extra:
        events[extra[0]] = extra[1]
    keys = _keys(conn, articles, extra, part)
    ordered = sorted(articles, key=lambda a: keys.get(a, canonical_key(None, a)))
    merged = merge_days([(a, events[a]) for a in ordered], days, EVENT_COLUMNS, merge_km)
    old_ids = sorted({r[0] for r in old})
    conn.executemany("DELETE FROM event_sources WHERE event_id = ?", [(e,) for e in old_ids])
    conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in old_ids])
    links: dict[str, list[tuple[int, int]]] = {}
    positions: dict[str, int] = {}
    added = shared = 0
    for event in merged:
        day = day_of(event.fields.get("date"))
        article, i = event.sources[0]
        event_id = _write_event(conn, first.pop((article, str(events[article][i].get("key"))), None),
                                positions.get(day, 0), event.fields)
        positions[day] = positions.get(day, 0) + 1
        for source, k in event.sources:
            links.setdefault(source, []).append((k, event_id))
        mine = sum(1 for source, _ in event.sources if extra and source == extra[0])
        added, shared = (added + mine, shared) if len(event.sources) == mine else (added, shared + mine)
    for article in ordered:
        write_links(conn, article, events[article], links.get(article, []))
    return added, shared


def _write_event(conn: Conn, event_id: int | None, position: int, fields: Mapping[str, Any]) -> int:
    cols, marks = ", ".join(EVENT_COLUMNS), ", ".join("?" * len(EVENT_COLUMNS))
    values = [position, *(fields.get(c) for c in EVENT_COLUMNS)]
    if event_id is not None:
        conn.execute(f"INSERT INTO events (id, position, {cols}) VALUES (?, ?, {marks})", [event_id, *values])
        return event_id
    return conn.insert(f"INSERT INTO events (position, {cols}) VALUES (?, {marks})", values)
