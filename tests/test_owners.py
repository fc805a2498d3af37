"""Each event's visit held as arrays (:mod:`dashboard.owners`): the same mapping as the dict it replaced,
and the same ``visit``/``visit_title`` columns as the per-event ``map`` that made them."""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from benchmarks.bench_dashboard import fill_store
from dashboard import visits as trips
from dashboard.owners import EventIds, EventVisits, attach
from dashboard.store import Store
from dashboard.visits import Visit


def visit(vid: str, *event_ids: int) -> Visit:
    return Visit(id=vid, title=f"title of {vid}", principals=("A",), host="UZ", region=None,
                 start="2024-05-01", end="2024-05-02", cities=(), articles=(), event_ids=event_ids)


def as_dict(visits: list[Visit]) -> dict[int, str]:
    """The representation the arrays replace."""
    return {e: v.id for v in visits for e in v.event_ids}


def old_attach(frame: pd.DataFrame, of: dict[int, str], titles: dict[str, str]) -> pd.DataFrame:
    """The columns as they were made before: a Python object per event, mapped through dicts."""
    out = frame.copy()
    articles = out["article"].astype(object).map(str)
    found = out["event_id"].astype(object).map(of) if of else None
    chosen = articles if found is None else found.where(found.notna(), articles)
    out["visit"] = pd.array(chosen, dtype="string")
    out["visit_title"] = out["visit"].astype(object).map(titles).astype("string")
    return out


CASES = {
    "none": [],
    "one": [visit("v1", 3, 1, 2)],
    "several": [visit("v1", 5, 9), visit("v2", 1), visit("v3", 7, 2, 40)],
    "an event named twice: the later visit": [visit("v1", 4, 6), visit("v2", 6, 8)],
    "an empty visit": [visit("v1"), visit("v2", 2)],
}


@pytest.mark.parametrize("visits", list(CASES.values()), ids=list(CASES))
def test_the_arrays_are_the_mapping_the_dict_was(visits):
    owners, expected = EventVisits.of(visits), as_dict(visits)
    assert owners == expected and expected == owners
    assert dict(owners.items()) == expected
    assert len(owners) == len(expected) and set(owners) == set(expected)
    for e in range(0, 45):
        assert (e in owners) == (e in expected)
        assert owners.get(e) == expected.get(e)
    slots = owners.slots(np.arange(45))
    assert [owners.ids[k] if k >= 0 else None for k in slots.tolist()] == [expected.get(e) for e in range(45)]
    assert EventVisits.from_mapping(expected) == owners


def test_arrays_that_differ_are_not_equal():
    assert EventVisits.of([visit("v1", 1, 2)]) != EventVisits.of([visit("v1", 1), visit("v2", 2)])
    assert EventVisits.of([visit("v1", 1, 2)]) != {1: "v1"}
    assert "x" not in EventVisits.of([visit("v1", 1)])


def frame_of(n: int, seed: int) -> pd.DataFrame:
    """Events 1..n, a few without an id or an article, articles repeating; Arrow-backed text as the
    store's reads are."""
    rng = random.Random(seed)
    ids = [None if rng.random() < 0.05 else k for k in range(1, n + 1)]
    articles = [None if rng.random() < 0.05 else f"{rng.randrange(n // 3 + 1):064x}" for _ in range(n)]
    return pd.DataFrame({"event_id": pd.array(ids, dtype="Int64"),
                         "article": pd.array(articles, dtype="string"),
                         "title": pd.array([f"event {k}" for k in range(n)], dtype="string")})


@pytest.mark.parametrize("seed", [1, 2, 3], ids=["seed-1", "seed-2", "seed-3"])
def test_the_visit_columns_equal_the_per_event_map(seed):
    rng = random.Random(seed)
    frame = frame_of(300, seed)
    pool = list(range(1, 320))
    rng.shuffle(pool)
    visits = [visit(f"v{k}", *pool[k * 9:(k + 1) * 9 - rng.randrange(3)]) for k in range(30)]
    titles = {v.id: v.title for v in visits} | {frame["article"].dropna().iloc[0]: "an article's id as a visit's"}
    expected = old_attach(frame, as_dict(visits), titles)
    made = attach(frame, EventVisits.of(visits), titles=titles)
    assert_same_text(made, expected)
    assert made["visit_title"].notna().sum() > 100 and made["visit_title"].isna().sum() > 10
    assert_same_text(attach(frame, {}, titles=titles), old_attach(frame, {}, titles))


def assert_same_text(made: pd.DataFrame, expected: pd.DataFrame) -> None:
    """The visit columns are categorical (a code per event): as text they are the columns made before,
    and they sort as that text does."""
    for column in ("visit", "visit_title"):
        assert isinstance(made[column].dtype, pd.CategoricalDtype), column
        assert made[column].cat.categories.tolist() == sorted(made[column].dropna().unique().tolist())
    pd.testing.assert_frame_equal(made.astype({"visit": "string", "visit_title": "string"}), expected)


def test_a_generated_store_s_visits_give_the_same_mapping_and_columns(tmp_path: Path):
    """2,000 synthetic events: the grouping's arrays against the dict of its visits, and the columns."""
    fill_store(tmp_path / "t.db", 2000)
    store = Store(tmp_path / "t.db")
    frame = store.timeline()
    visits, owners = trips.group(frame)
    assert len(visits) > 50
    assert owners == as_dict(visits)
    assert store.visits() == (visits, owners)
    titles = {v.id: v.title for v in visits}
    assert_same_text(attach(frame, owners, titles=titles), old_attach(frame, as_dict(visits), titles))


def test_the_visit_columns_hold_no_hash_table_of_their_categories():
    """The categories are distinct by construction: no uniqueness check builds their hash table (a
    Python string per visit id, held with the column); a lookup by value still works and builds it."""
    frame = frame_of(300, 4)
    visits = [visit(f"v{k}", *range(1 + 9 * k, 10 + 9 * k)) for k in range(30)]
    made = attach(frame, EventVisits.of(visits), titles={v.id: v.title for v in visits})
    for column in ("visit", "visit_title"):
        categories = made[column].cat.categories
        assert len(categories) > 25 and "_engine" not in categories._cache, column
    assert (made["visit"] == "v3").sum() == 9
    assert "_engine" in made["visit"].cat.categories._cache


IDS = {"none": (), "one": (7,), "several": (5, 3, 900_000_000_001, -2)}


@pytest.mark.parametrize("ids", list(IDS.values()), ids=list(IDS))
def test_a_visit_s_event_ids_are_the_sequence_of_ints_the_tuple_was(ids):
    import pickle

    held = EventIds(ids)
    assert held == ids and ids == held and held == list(ids) and hash(held) == hash(ids)
    assert len(held) == len(ids) and tuple(held) == ids and list(reversed(held)) == list(reversed(ids))
    assert all(type(e) is int for e in held) and all(e in held for e in ids) and 4 not in held
    assert held[1:] == ids[1:] and (not ids or held[-1] == ids[-1])
    assert pickle.loads(pickle.dumps(held)) == held and EventIds(held.array) == held
    assert held != (*ids, 1) and held != "x"
    made = visit("v1", *ids)        # a visit given a tuple equals the one holding its EventIds
    assert made == dataclasses.replace(made, event_ids=held) and EventVisits.of([made]) == EventVisits.of(
        [dataclasses.replace(made, event_ids=held)])


def test_grouped_and_stored_visits_hold_their_event_ids_as_bytes(tmp_path: Path):
    """No Python int per event is held: the visits a grouping makes and the ones read back from the store
    keep each visit's ids in one bytes object, equal to each other."""
    fill_store(tmp_path / "ids.db", 600)
    grouped, _ = Store(tmp_path / "ids.db").visits()          # grouped now, and stored
    read, owners = Store(tmp_path / "ids.db").visits()        # read back from the store
    assert len(read) > 20 and read == grouped and owners == as_dict(read)
    for visits in (grouped, read):
        assert all(isinstance(v.event_ids, EventIds) and len(v.event_ids) == v.events for v in visits)
    assert sum(v.events for v in read) == len(owners)
