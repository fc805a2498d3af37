"""The SQLite store with hand-made event frames: add, merge, order, delete, read back."""
from __future__ import annotations

import pytest

from dashboard.errors import StoreError
from dashboard.schema import COLUMNS, Event, to_frame
from dashboard.store import MIGRATIONS, ArticleRow, Store

AIRPORT = ("Urgench International Airport", "airport:UGC", "Urgench", 41.5843, 60.6417)
CARPETS = ("Xiva gilamlari carpet factory", "landmark:xiva-gilamlari", "Khiva", 41.3783, 60.3639)
KHIVA = ("Khiva", "city:khiva", "Khiva", 41.3783, 60.3636)
ICHAN = ("Ichan-Qala", "landmark:ichan-qala", "Khiva", 41.3786, 60.3592)
SAMARKAND = ("Samarkand", "city:samarkand", "Samarkand", 39.6542, 66.9597)


def ev(article: str, seq: int, kind: str, place: tuple | None, date: str = "2024-04-05", **extra) -> Event:
    name, pid, city, lat, lon = place or (None, None, None, None, None)
    fields = {"title": f"{kind} at {name}", "date_precision": "day", "place": name, "place_id": pid,
              "city": city, "lat": lat, "lon": lon, "evidence": f"{article} sentence {seq}",
              "evidence_start": seq * 10, "evidence_end": seq * 10 + 9, "confidence": 0.5} | extra
    return Event(article=article, seq=seq, kind=kind, date=date, **fields)


SEED = to_frame([ev("seed", 0, "arrival", AIRPORT, participants="Toqaev; Mirziyoev"),
                 ev("seed", 1, "tour", CARPETS), ev("seed", 2, "talks", KHIVA),
                 ev("seed", 3, "visit", ICHAN), ev("seed", 4, "departure", AIRPORT)])
RETELLING = to_frame([ev("retell", 0, "tour", CARPETS, time="10:30",
                         participants="Toqaev; Shavkat Mirziyoev"),
                      ev("retell", 1, "talks", KHIVA, confidence=0.9),
                      ev("retell", 2, "visit", ICHAN), ev("retell", 3, "departure", AIRPORT)])
OTHER = to_frame([ev("other", 0, "arrival", SAMARKAND, date="2024-05-10"),
                  ev("other", 1, "talks", SAMARKAND, date="2024-05-10")])


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "sub" / "timeline.sqlite3")


def add(store: Store, aid: str, frame, text: str | None = None):
    row = ArticleRow(id=aid, text=text or f"text of {aid}", title=f"Title {aid}", source=f"{aid}.txt",
                     published="2024-04-05", language="uz-Latn")
    return store.add_article(row, frame)


@pytest.fixture
def seeded(store) -> Store:
    add(store, "seed", SEED)
    return store


def test_new_store_is_empty_and_migrated(store):
    assert store.path.exists()
    assert store.timeline().empty
    assert list(store.timeline().columns) == [*COLUMNS, "event_id", "position", "sources", "n_sources"]
    assert store.articles().empty
    assert store.stats() == {"articles": 0, "events": 0, "links": 0, "merged_events": 0,
                             "schema_version": len(MIGRATIONS)}
    assert store.integrity_check() == "ok"


def test_seed_gives_five_events_in_order(seeded):
    timeline = seeded.timeline()
    assert timeline["kind"].tolist() == ["arrival", "tour", "talks", "visit", "departure"]
    assert timeline["position"].tolist() == [0, 1, 2, 3, 4]
    assert timeline["sources"].tolist() == [["seed"]] * 5
    assert timeline["article"].tolist() == ["seed"] * 5
    assert timeline.loc[0, "lat"] == pytest.approx(41.5843)
    assert timeline.loc[0, "participants"] == "Toqaev; Mirziyoev"


def test_retelling_merges_four(seeded):
    result = add(seeded, "retell", RETELLING)
    assert (result.added, result.merged, result.duplicate) == (0, 4, False)
    timeline = seeded.timeline()
    assert len(timeline) == 5
    assert timeline["n_sources"].tolist() == [1, 2, 2, 2, 2]
    assert timeline.loc[1, "sources"] == ["seed", "retell"]
    assert timeline.loc[1, "evidence"] == "seed sentence 1"          # the first source speaks
    assert timeline.loc[1, "time"] == "10:30"                        # filled from the retelling
    assert timeline.loc[1, "participants"] == "Toqaev; Shavkat Mirziyoev"
    assert timeline.loc[2, "confidence"] == pytest.approx(0.9)       # the best source's confidence
    assert seeded.stats()["merged_events"] == 4


def test_same_article_twice_is_a_no_op(seeded):
    before = seeded.timeline()
    result = add(seeded, "seed", SEED)
    assert result.duplicate and (result.added, result.merged) == (0, 0)
    assert seeded.timeline().equals(before)
    assert len(seeded.articles()) == 1


def test_different_visit_adds_after(seeded):
    result = add(seeded, "other", OTHER)
    assert (result.added, result.merged) == (2, 0)
    timeline = seeded.timeline()
    assert timeline["date"].tolist() == ["2024-04-05"] * 5 + ["2024-05-10"] * 2
    assert timeline["sources"].tolist()[-2:] == [["other"], ["other"]]


def test_delete_retelling_leaves_seed_with_one_source(seeded):
    add(seeded, "retell", RETELLING)
    result = seeded.delete_article("retell")
    assert (result.found, result.removed, result.kept) == (True, 0, 4)
    timeline = seeded.timeline()
    assert len(timeline) == 5
    assert timeline["sources"].tolist() == [["seed"]] * 5
    assert not seeded.has_article("retell")


def test_delete_first_source_falls_back_to_the_other(seeded):
    add(seeded, "retell", RETELLING)
    add(seeded, "other", OTHER)
    result = seeded.delete_article("seed")
    assert (result.removed, result.kept) == (1, 4)       # the arrival had no other source
    timeline = seeded.timeline()
    assert timeline["kind"].tolist() == ["tour", "talks", "visit", "departure", "arrival", "talks"]
    assert timeline["position"].tolist() == list(range(6))
    assert timeline.loc[0, "evidence"] == "retell sentence 0"
    assert timeline.loc[0, "article"] == "retell" and timeline.loc[0, "seq"] == 0
    assert timeline.loc[0, "participants"] == "Toqaev; Shavkat Mirziyoev"


def test_delete_unknown_article(seeded):
    result = seeded.delete_article("nope")
    assert not result.found
    assert len(seeded.timeline()) == 5


def test_articles_listing(seeded):
    add(seeded, "retell", RETELLING)
    arts = seeded.articles()
    assert list(arts.columns) == ["id", "title", "source", "published", "language", "ingested_at", "n_events"]
    assert arts["id"].tolist() == ["seed", "retell"]
    assert arts["n_events"].tolist() == [5, 4]
    assert arts.loc[0, "source"] == "seed.txt" and arts.loc[0, "language"] == "uz-Latn"


def test_article_without_events_is_stored(store):
    result = add(store, "empty", to_frame([]))
    assert (result.added, result.merged, result.duplicate) == (0, 0, False)
    assert store.has_article("empty")
    assert store.articles()["n_events"].tolist() == [0]


def test_article_text_round_trips_verbatim(store):
    text = "Sarlavha\r\n<script>alert(1)</script> ' \" ; DROP TABLE articles; --\n\u02bb\u02bc"
    add(store, "odd", to_frame([]), text=text)
    assert store.article_text("odd") == text
    assert store.stats()["articles"] == 1


def test_article_text_unknown_id(store):
    with pytest.raises(StoreError, match="no article"):
        store.article_text("abc")


def test_unreadable_file_is_a_store_error(tmp_path):
    bad = tmp_path / "not-a-db.sqlite3"
    bad.write_bytes(b"this is not a database file at all, just text" * 100)
    with pytest.raises(StoreError, match="not-a-db"):
        Store(bad)


def test_newer_schema_is_refused(store):
    with store.connect() as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match=r"update the program"):
        Store(store.path)


def test_wal_and_foreign_keys_are_on(store):
    with store.connect() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_failed_add_leaves_nothing(seeded, monkeypatch):
    before = (seeded.timeline(), seeded.articles())

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("dashboard.store._apply", boom)
    with pytest.raises(RuntimeError):
        add(seeded, "retell", RETELLING)
    assert seeded.timeline().equals(before[0])
    assert seeded.articles().equals(before[1])
