"""The store's bulk write path (:func:`dashboard.store.bulk.add_articles`): a partition stored in one
transaction leaves the store that adding its articles one by one leaves, row for row (event and link
ids, positions, article rows, the audit log), on both backends, whatever order the articles arrive in."""
from __future__ import annotations

import random

import pytest

from dashboard.schema import Event, records, to_frame
from dashboard.store import ArticleRow, Store
from dashboard.store.bulk import add_articles

KHIVA = {"place": "Khiva", "place_id": "city:khiva", "city": "Khiva", "lat": 41.3783, "lon": 60.3636}
AIRPORT = {"place": "Urgench airport", "place_id": "airport:UGC", "city": "Urgench", "lat": 41.5843,
           "lon": 60.6417}
CITY_ONLY = {"place": "Khiva", "city": "Khiva"}      # no coordinates: a later source fills them in
PLACES = [KHIVA, AIRPORT, CITY_ONLY, {}]
KINDS = ["arrival", "talks", "ceremony", "press"]
DAYS = ["2024-04-05", "2024-04-06", None]            # None: undated events, ordered by the article's key
TABLES = {   # what must be the same, row for row: every column but the times of writing
    "events": "*",
    "event_sources": "*",
    "articles": "id, title, source, published, language, text, published_from, url, arrival",
    "audit": "author, action, article_id, detail, edit_id",
}


def articles(seed: int, n: int = 12) -> list[tuple[ArticleRow, list[dict[str, object]]]]:
    """``n`` articles of one visit told in random ways, published on random days (so many arrive before
    an article that comes later in the canonical order), each with its events as schema records."""
    rng = random.Random(seed)
    found = []
    for a in range(n):
        aid = f"{seed}-{a:02d}"
        events = [Event(article=aid, seq=k, kind=rng.choice(KINDS), title=f"event {k} of {aid}",
                        date=(day := rng.choice(DAYS)), date_precision="day" if day else "unknown",
                        time=rng.choice([None, None, "10:00"]), evidence=f"{aid}: sentence {k}.",
                        participants=rng.choice(["", "Shavkat Mirziyoyev"]), **rng.choice(PLACES))
                  for k in range(rng.randint(1, 5))]
        row = ArticleRow(id=aid, text=f"text of {aid}", title=f"Title {aid}", source=f"{aid}.txt",
                         published=f"2024-04-{rng.randint(5, 9):02d}", language="en")
        found.append((row, records(to_frame(events))))
    return found


def dump(store: Store) -> dict[str, list[tuple]]:
    with store.connect() as conn:
        return {table: conn.execute(f"SELECT {cols} FROM {table} ORDER BY 1, 2").fetchall()
                for table, cols in TABLES.items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_partition_leaves_the_store_that_one_by_one_adds_leave(backend, fresh_db, seed):
    batch = articles(seed)
    one = Store(fresh_db(f"one{seed}"))
    for row, events in batch:
        one.add_article(row, to_frame([Event(**e) for e in events]))   # type: ignore[arg-type]
    bulk = Store(fresh_db(f"bulk{seed}"))
    for start in range(0, len(batch), 5):
        results = add_articles(bulk, batch[start:start + 5])
        assert all(not isinstance(r, str) for r in results), results
    found, expected = dump(bulk), dump(one)
    assert {t: len(rows) for t, rows in found.items()} == {t: len(rows) for t, rows in expected.items()}
    assert found == expected
    assert records(bulk.timeline()) == records(one.timeline())


def test_the_batch_articles_include_undated_ones_that_arrive_out_of_order():
    """The partitions above have work to do: undated events, and articles that come before one stored
    earlier in the canonical order (the store merges those days again)."""
    batch = articles(1)
    published = [row.published for row, _ in batch]
    assert any(e["date"] is None for _, events in batch for e in events)
    assert any(later < earlier for k, earlier in enumerate(published) for later in published[k + 1:])


def test_an_event_row_is_checked_against_the_schema(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    row = ArticleRow(id="x" * 64, text="a text", published="2024-04-05")
    [result] = add_articles(store, [(row, [{"article": "x", "seq": 0, "kind": "talks", "title": "t",
                                            "colour": "red"}])])
    assert isinstance(result, str) and "colour" in result
    assert store.stats()["articles"] == 0
