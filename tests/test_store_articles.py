"""The store's article bookkeeping: every source of an event with its sentence, the page URL, deletes
kept aside and undone (merges, visits and corrections come back), a new publication date redoing the
merges, and the version-6 migration keeping an older store's data."""
from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from dashboard.schema import to_frame
from dashboard.service import ingest_text
from dashboard.settings import Settings
from dashboard.store import DELETED_COLUMNS, EVIDENCE_COLUMNS, MIGRATIONS, SCHEMA_VERSION, ArticleRow, Store
from tests.test_store import KHIVA, OTHER, RETELLING, SEED, add, ev


@pytest.fixture
def store(db_target) -> Store:
    """An empty store, on SQLite and on PostgreSQL."""
    return Store(db_target)


def summary(store: Store) -> list[tuple]:
    """What a reader sees of each event, without ids (which a restore may renumber)."""
    frame = store.timeline()
    return [(r.kind, r.date, r.place, r.title, tuple(r.sources), r.participants, r.evidence)
            for r in frame.itertuples()]


def visits(store: Store) -> list[tuple]:
    return [(v.id, v.title, v.start, v.end, v.articles, len(v.event_ids)) for v in store.visits()[0]]


def event_of(store: Store, kind: str, date: str = "2024-04-05") -> int:
    frame = store.timeline()
    return int(frame.loc[(frame["kind"] == kind) & (frame["date"] == date), "event_id"].iloc[0])


# -- every source of an event --------------------------------------------------------------------------

def test_a_merged_event_lists_each_source_with_its_own_sentence_and_article(store):
    add(store, "seed", SEED)
    store.add_article(ArticleRow(id="retell", text="text of retell", title="Retold", source="retell.html",
                                 published="2024-04-06", language="ru", published_from="page metadata",
                                 url="https://example.org/retold"), RETELLING)
    found = store.sources(event_of(store, "talks"))
    assert list(found.columns) == list(EVIDENCE_COLUMNS)
    assert found["article"].tolist() == ["seed", "retell"]
    assert found["evidence"].tolist() == ["seed sentence 2", "retell sentence 1"]
    assert found["evidence_start"].tolist() == [20, 10]
    second = found.iloc[1]
    assert (second["title"], second["source"], second["url"], second["published"], second["published_from"]) \
        == ("Retold", "retell.html", "https://example.org/retold", "2024-04-06", "page metadata")
    assert store.sources(event_of(store, "arrival"))["article"].tolist() == ["seed"]
    assert store.sources(10_000).empty and store.sources(-1).empty


def test_an_event_merged_by_hand_lends_its_sources_until_undone(store):
    add(store, "seed", SEED)
    add(store, "other", OTHER)
    talks, other = event_of(store, "talks"), event_of(store, "talks", "2024-05-10")
    edit = store.edit(other, "Ann", "merge", {"merged_into": None}, {"merged_into": store.anchor(talks)})
    assert store.sources(talks)["evidence"].tolist() == ["seed sentence 2", "other sentence 1"]
    store.undo(edit)
    assert store.sources(talks)["evidence"].tolist() == ["seed sentence 2"]


def test_an_html_page_keeps_its_url(tmp_path, monkeypatch):
    import dashboard.extract as extract_module
    from dashboard.extract import Extraction

    monkeypatch.setattr(extract_module, "extract", lambda *a, **k: Extraction(events=to_frame([]),
                                                                             language="en", title=""))
    settings = Settings(db_path=tmp_path / "t.sqlite3")
    page = ('<html><head><title>Visit</title><link rel="canonical" href="https://news.example/visit-1">'
            '<meta property="article:published_time" content="2024-04-05T10:00:00+05:00"></head>'
            "<body><article><p>The president arrived in Khiva.</p></article></body></html>")
    assert ingest_text(page, settings, name="visit.html").ok
    assert ingest_text("Plain\n\nNo address here, 5 April 2024.", settings, name="plain.txt").ok
    articles = Store(settings.db_path).articles()
    assert articles["url"].fillna("").tolist() == ["https://news.example/visit-1", ""]
    assert articles["published_from"].tolist()[0] == "page metadata"


# -- delete and undo -----------------------------------------------------------------------------------

@pytest.mark.parametrize("deleted", ["seed", "retell", "other"], ids=["first-source", "merged", "alone"])
def test_delete_then_restore_gives_back_the_same_timeline_and_visits(store, deleted):
    add(store, "seed", SEED)
    add(store, "retell", RETELLING)
    add(store, "other", OTHER)
    before, trips, articles = summary(store), visits(store), store.articles()
    result = store.delete_article(deleted)
    assert result.found and summary(store) != before and not store.has_article(deleted)
    assert store.deleted_articles()["id"].tolist() == [deleted]
    restored = store.restore_article(deleted)
    assert restored.found and not restored.duplicate
    assert restored.added + restored.merged == {"seed": 5, "retell": 4, "other": 2}[deleted]
    assert summary(store) == before
    assert visits(store) == trips
    again = store.articles().set_index("id").loc[articles["id"]]
    assert again.drop(columns="n_events").equals(articles.set_index("id").drop(columns="n_events"))
    assert store.deleted_articles().empty


def test_a_correction_comes_back_with_its_restored_article(store):
    add(store, "seed", SEED)
    store.edit(event_of(store, "talks"), "Ann", "edit", {"title": "talks at Khiva"}, {"title": "Informal talks"})
    store.delete_article("seed")
    assert store.timeline().empty
    store.restore_article("seed")
    assert "Informal talks" in store.timeline()["title"].tolist()


def test_restore_of_what_is_not_deleted(store):
    add(store, "seed", SEED)
    assert not store.restore_article("nope").found
    store.delete_article("seed")
    assert store.restore_article("seed").found
    again = store.restore_article("seed")                    # restored once: it is in the timeline
    assert again.duplicate and (again.added, again.merged) == (0, 0) and len(store.timeline()) == 5
    store.delete_article("seed")
    add(store, "seed", SEED)                                 # stored again by hand: the kept copy goes
    assert store.deleted_articles().empty
    store.delete_article("seed")
    store.delete_article("seed")                             # a second delete finds nothing, keeps the copy
    assert store.deleted_articles()["n_events"].tolist() == [5]


def test_the_deleted_list(store):
    add(store, "seed", SEED)
    add(store, "other", OTHER)
    store.delete_article("other")
    store.delete_article("seed")
    deleted = store.deleted_articles()
    assert list(deleted.columns) == list(DELETED_COLUMNS)
    assert deleted["id"].tolist() == ["seed", "other"]       # the latest deleted first
    assert deleted["n_events"].tolist() == [5, 2]
    assert deleted["source"].tolist() == ["seed.txt", "other.txt"]


# -- a new publication date redoes the merges -------------------------------------------------------------

def test_a_new_date_unmerges_and_a_corrected_one_merges_again_keeping_corrections(store):
    add(store, "seed", SEED)
    add(store, "retell", RETELLING)
    assert store.timeline()["n_sources"].tolist() == [1, 2, 2, 2, 2]
    moved = to_frame([ev("retell", i, e.kind, place, date="2024-04-08")
                      for i, (e, place) in enumerate(zip(RETELLING.itertuples(), PLACES, strict=True))])
    result = store.replace_events("retell", moved, published="2024-04-08")
    assert (result.added, result.changed, result.dropped) == (0, 4, 0)
    frame = store.timeline()
    assert frame["n_sources"].tolist() == [1] * 9
    assert frame["date"].tolist() == ["2024-04-05"] * 5 + ["2024-04-08"] * 4
    talks = event_of(store, "talks", "2024-04-08")
    store.edit(talks, "Ann", "edit", {"title": "talks at Khiva"}, {"title": "Talks, day two"})
    store.replace_events("retell", moved.assign(date="2024-04-09"), published="2024-04-09")
    assert "Talks, day two" in store.timeline().loc[lambda f: f["date"] == "2024-04-09", "title"].tolist()
    store.replace_events("retell", RETELLING, published="2024-04-05")
    frame = store.timeline()
    assert frame["n_sources"].tolist() == [1, 2, 2, 2, 2] and set(frame["date"]) == {"2024-04-05"}
    assert store.articles().set_index("id").loc["retell", "published"] == "2024-04-05"


PLACES = [("Xiva gilamlari carpet factory", "landmark:xiva-gilamlari", "Khiva", 41.3783, 60.3639), KHIVA,
          ("Ichan-Qala", "landmark:ichan-qala", "Khiva", 41.3786, 60.3592),
          ("Urgench International Airport", "airport:UGC", "Urgench", 41.5843, 60.6417)]


# -- the migration --------------------------------------------------------------------------------------

def test_a_version_5_store_migrates_keeping_its_articles(tmp_path):
    path = tmp_path / "v5.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:5]:
        for statement in migration.split(";"):
            if statement.strip():
                conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO articles (id, title, source, published, language, text, ingested_at,"
                 " published_from) VALUES ('old', 'Old', 'old.txt', '2024-01-02', 'uz', 'old text',"
                 " '2024-01-03', 'dateline')")
    conn.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION == 10
    row = store.articles().iloc[0]
    assert (row["id"], row["title"], row["source"], row["published"], row["published_from"]) == \
        ("old", "Old", "old.txt", "2024-01-02", "dateline")
    assert pd.isna(row["url"]) and store.article_text("old") == "old text"
    assert store.delete_article("old").found and store.restore_article("old").found
    assert store.articles()["ingested_at"].tolist() == ["2024-01-03"]
