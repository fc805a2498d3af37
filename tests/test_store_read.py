"""The store's bulk read of the timeline (one row per event, the other links only of events with several,
the order sorted outside the database) against the row-by-row read it replaced, on SQLite and
PostgreSQL; and the collector pause the bulk reads run under."""
from __future__ import annotations

import gc
import random
import threading

import pandas as pd
import pyarrow as pa
import pytest

from dashboard.quiet import collector_paused, quiet
from dashboard.schema import EVENT_COLUMNS, LINK_COLUMNS, UNDATED_DAY, timeline_frame
from dashboard.store import Store, columns
from dashboard.store.rows import _join_names, _timeline

NAMES = ("Shavkat Mirziyoyev", " Kassym-Jomart Tokayev", "", "Sadyr Japarov; Shavkat Mirziyoyev", "Emomali Rahmon ;")


def reference(conn) -> pd.DataFrame:
    """The timeline as it was read before the bulk read: the joined rows sorted by the database, each
    event's links folded one row at a time."""
    rows = conn.execute(
        f"SELECT e.id, {', '.join(f'e.{c}' for c in EVENT_COLUMNS)}, s.article_id,"
        f" {', '.join(f's.{c}' for c in LINK_COLUMNS)}, s.key FROM events e"
        " JOIN event_sources s ON s.event_id = e.id ORDER BY COALESCE(e.date, ?), e.position, e.id, s.id",
        (UNDATED_DAY,)).fetchall()
    names = ["event_id", *EVENT_COLUMNS, "article", *LINK_COLUMNS, "key"]
    groups: list[list[tuple]] = []
    for row in rows:
        if groups and groups[-1][0][0] == row[0]:
            groups[-1].append(row)
        else:
            groups.append([row])
    columns: dict[str, list] = {name: [g[0][k] for g in groups] for k, name in enumerate(names)}
    art, who, conf = names.index("article"), names.index("participants"), names.index("confidence")
    columns["sources"] = [list(dict.fromkeys(r[art] for r in g)) for g in groups]
    columns["participants"] = [_join_names(r[who] for r in g) for g in groups]
    columns["confidence"] = [max(r[conf] for r in g) for g in groups]
    columns["n_sources"] = [len(s) for s in columns["sources"]]
    columns["position"] = list(range(len(groups)))
    return timeline_frame(columns)


def fill(store: Store, seed: int, n_events: int = 300) -> None:
    """Events on a few days (ties of position within a day, some undated, a partial date), each with one
    to three links (two of them sometimes from one article), linked in random order of ids."""
    rng = random.Random(seed)
    articles = [f"{a:064x}" for a in range(12)]
    days = ["2024-04-05", "2024-04-06", "2024-04", "2023-12-31", None]
    events, links = [], []
    for event_id in rng.sample(range(1, 10 * n_events), n_events):
        fields = {c: None for c in EVENT_COLUMNS} | {
            "kind": rng.choice(("arrival", "talks", "tour")), "title": f"Event {event_id}",
            "date": rng.choice(days), "date_precision": "day", "status": "happened",
            "city": rng.choice(("Khiva", None)), "lat": rng.choice((41.38, None)), "lon": 60.36}
        events.append((event_id, rng.randrange(5), *(fields[c] for c in EVENT_COLUMNS)))
        for k, article in enumerate(rng.choices(articles, k=rng.choice((1, 1, 2, 3)))):
            link = {"seq": k, "place_surface": None, "participants": rng.choice(NAMES),
                    "evidence": f"Sentence {k} about event {event_id}.", "evidence_start": 0,
                    "evidence_end": 10, "confidence": rng.choice((0.2, 0.5, 0.9))}
            links.append((event_id, article, f"key-{event_id}-{k}", *(link[c] for c in LINK_COLUMNS)))
    rng.shuffle(links)
    cols = ", ".join(EVENT_COLUMNS)
    with store.connect() as conn:
        conn.executemany("INSERT INTO articles (id, title, source, published, language, text, ingested_at)"
                         " VALUES (?, '', '', '2024-04-05', 'en', 'text', '2025-01-01T00:00:00+00:00')",
                         [(a,) for a in articles])
        conn.executemany(f"INSERT INTO events (id, position, {cols})"
                         f" VALUES (?, ?, {', '.join('?' * len(EVENT_COLUMNS))})", events)
        conn.executemany(f"INSERT INTO event_sources (event_id, article_id, key, {', '.join(LINK_COLUMNS)})"
                         f" VALUES (?, ?, ?, {', '.join('?' * len(LINK_COLUMNS))})", links)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_bulk_read_equals_the_row_by_row_read(db_target, seed):
    store = Store(db_target)
    fill(store, seed)
    with store.connect() as conn:
        expected, found = reference(conn), _timeline(conn)
    assert len(found) == 300 and (found["n_sources"] > 1).any() and found["date"].isna().any()
    pd.testing.assert_frame_equal(found, expected)


def test_the_read_holds_one_list_and_one_string_per_article(tmp_path):
    """Events of one link share their article's list of sources, and every list names an article by the
    same string: 300 events name 12 articles (no list per row, no string per link)."""
    store = Store(tmp_path / "shared.db")
    fill(store, 4)
    with store.connect() as conn:
        found = _timeline(conn)
        several = conn.execute("SELECT COUNT(*) FROM (SELECT event_id FROM event_sources GROUP BY event_id"
                               " HAVING COUNT(*) > 1) AS s").fetchone()[0]
    assert len({id(s) for s in found["sources"]}) <= 12 + several < len(found)
    named = {id(a) for s in found["sources"] for a in s}
    assert len(named) == len({a for s in found["sources"] for a in s}) <= 12


def test_an_empty_store_reads_an_empty_timeline(db_target):
    store = Store(db_target)
    with store.connect() as conn:
        pd.testing.assert_frame_equal(_timeline(conn), reference(conn))
    assert store.timeline().empty


@pytest.mark.parametrize("enabled", [True, False], ids=["collector-on", "collector-off"])
def test_the_collector_is_paused_for_a_read_and_left_as_it_was(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        seen = []
        with collector_paused():
            seen.append(gc.isenabled())
            with collector_paused():           # nested: still off after the inner block
                seen.append(gc.isenabled())
            seen.append(gc.isenabled())
        assert seen == [False, False, False]
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("a failed read")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_concurrent_reads_resume_the_collector_after_the_last_one():
    inside, leave = threading.Event(), threading.Event()

    @quiet
    def slow_read() -> None:
        inside.set()
        leave.wait(5)

    reader = threading.Thread(target=slow_read)
    reader.start()
    inside.wait(5)
    with collector_paused():
        pass
    still_paused = not gc.isenabled()       # the other read is still under way
    leave.set()
    reader.join(5)
    assert still_paused and gc.isenabled()


@pytest.mark.parametrize("chunk", [1, 7, 300, 10_000], ids=["1-row", "7-rows", "whole", "default"])
def test_the_read_in_chunks_equals_the_row_by_row_read(db_target, monkeypatch, chunk):
    store = Store(db_target)
    fill(store, 4, n_events=120)
    monkeypatch.setattr(columns, "CHUNK_ROWS", chunk)
    with store.connect() as conn:
        pd.testing.assert_frame_equal(_timeline(conn), reference(conn))


class _Rows:
    """A cursor over given rows (fetchmany only)."""

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows

    def fetchmany(self, size: int) -> list[tuple]:
        part, self.rows = self.rows[:size], self.rows[size:]
        return part


@pytest.mark.parametrize(("values", "kind"), [
    (["a", None, "b", 5, "c"], pa.large_string()),
    ([1, None, 2, "x", 3], pa.int64()),
    ([0.5, None, 1.5, b"\xff", 2.0], pa.float64()),
], ids=["number-in-text", "text-in-int", "bytes-in-float"])
def test_a_column_arrow_refuses_in_one_chunk_is_handed_back_as_the_values_read(monkeypatch, values, kind):
    monkeypatch.setattr(columns, "CHUNK_ROWS", 2)
    found = columns.read_columns(_Rows([(v, k) for k, v in enumerate(values)]),   # type: ignore[arg-type]
                                 {"odd": kind, "n": pa.int64()})
    assert found["odd"] == values
    assert isinstance(found["n"], pa.ChunkedArray) and found["n"].to_pylist() == list(range(5))
    assert columns.take(found["odd"], pa.array([4, 0])) == [values[4], values[0]]
