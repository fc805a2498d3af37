"""The timeline a process holds, patched after each write with what the change log says changed
(:mod:`dashboard.store.held`), equals a whole read, on SQLite and on PostgreSQL.

The property: the random writes of tests/test_regroup.py (ingests, deletes, restores, re-extractions,
corrections, hand-made, merged, split and hidden events, undos); after each one the snapshot patched from
the former one gives the corrected timeline of a whole read (``assert_frame_equal``), its raw rows equal
the raw whole read, and its visits are the stored ones.
"""
from __future__ import annotations

import random
import weakref

import numpy as np
import pandas as pd
import pytest

from dashboard import visits as trips
from dashboard.compact import plain
from dashboard.store import Store, dirty, held
from dashboard.store.rows import timeline_rows
from tests.test_regroup import articles, write  # noqa: F401  (the module's fixture)


def writes_keep_the_patch_equal(target, articles, seed: int, writes: int = 30,  # noqa: F811
                                coded: bool = False) -> None:
    """Random writes, each followed by a read patched from the former one (``coded``: its repetitive
    text as categoricals, turned back to text to compare; its visits those of a whole grouping)."""
    store, rng, edits = Store(target), random.Random(seed), []
    done: list[str] = []
    frame, since = store.snapshot(None, coded=coded)
    coded_once = False
    for _ in range(writes):
        done.append(write(store, rng, articles, edits))
        frame, since = store.snapshot(since, coded=coded)
        assert since.held is not None
        whole = store.timeline()
        if coded:
            repeated = whole["article"].nunique() * 2 <= len(whole)       # its ids are then worth coding
            by_hand = bool((whole["event_id"] < 0).any())     # a hand-made row: the overlay writes text
            assert by_hand or not repeated or isinstance(frame["article"].dtype, pd.CategoricalDtype), \
                f"not coded, after {done}"
            coded_once = coded_once or isinstance(frame["article"].dtype, pd.CategoricalDtype)
            assert since.visits == trips.group(whole)[0], f"coded visits, after {done}"
            frame = plain(frame)
        pd.testing.assert_frame_equal(frame, whole, obj=f"corrected, after {done}")
        with store.connect() as conn:
            whole, stored = timeline_rows(conn)
        pd.testing.assert_frame_equal(since.held.frame, whole, obj=f"raw, after {done}")
        assert np.array_equal(since.held.stored, stored), f"stored positions, after {done}"
        assert not len(whole) or isinstance(since.held.packed.columns["position"], held.packing.Counting), \
            f"positions held as an array, after {done}"        # 0..n-1 after a patch too: their count
        assert (since.visits, since.of) == store.visits(), f"visits, after {done}"
    assert coded_once or not coded, "no read was coded"


@pytest.mark.parametrize("seed", [1, 2, 3, 11, 13], ids=["seed-1", "seed-2", "seed-3", "seed-11", "seed-13"])
def test_the_patched_timeline_equals_a_whole_read(db_target, articles, seed, monkeypatch):  # noqa: F811
    whole = []
    read = held.timeline_rows
    monkeypatch.setattr(held, "timeline_rows", lambda conn, ids=None: whole.append(ids is None) or read(conn, ids))
    writes_keep_the_patch_equal(db_target, articles, seed)
    assert whole.count(False) >= 10, "the reads after writes were patches, not whole reads"


@pytest.mark.parametrize("seed", [1, 2, 3], ids=["seed-1", "seed-2", "seed-3"])
def test_the_coded_patched_timeline_equals_a_whole_read(db_target, articles, seed):  # noqa: F811
    """The page's upkeep reads coded (``service.settle``): the same values, the edit log laid on the
    categoricals, and the visits grouped from them those of the text."""
    writes_keep_the_patch_equal(db_target, articles, seed, coded=True)


def _one_missed(conn, seen):
    """The change log read without its latest event id."""
    last, found = since(conn, seen)
    if found:
        found.discard(max(found))
    return last, found


since = dirty.since


def test_the_property_fails_when_the_patch_skips_a_changed_event(tmp_path, articles, monkeypatch):  # noqa: F811
    """The property can fail: a patch that misses one changed id holds a row other than the store's."""
    monkeypatch.setattr(held.dirty, "since", _one_missed)
    with pytest.raises(AssertionError):
        for seed in (1, 2, 3):
            writes_keep_the_patch_equal(tmp_path / f"{seed}.db", articles, seed)


def test_a_store_made_again_at_the_same_place_is_read_whole(tmp_path, articles):  # noqa: F811
    """A held read of another store at the same path (its token differs) is not patched."""
    path = tmp_path / "again.db"
    store = Store(path)
    store.add_article(*articles[0])
    _, since = store.snapshot(None)
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"again.db{suffix}").unlink(missing_ok=True)
    store = Store(path)
    store.add_article(*articles[1])
    frame, _ = store.snapshot(since)
    pd.testing.assert_frame_equal(frame, store.timeline())


def test_the_log_is_pruned_and_an_older_reader_reads_whole(tmp_path, articles, monkeypatch):  # noqa: F811
    """Rows past KEEP behind the visits' mark go; a reader older than the floor reads everything."""
    monkeypatch.setattr(dirty, "KEEP", 1)
    store = Store(tmp_path / "pruned.db")
    store.add_article(*articles[0])
    _, old = store.snapshot(None)
    for row, events in articles[1:4]:
        store.add_article(row, events)
        store.visits()              # the refresh moves the visits' mark and prunes
    with store.connect() as conn:
        floor = conn.execute("SELECT floor FROM visit_cache").fetchone()[0]
        assert old.held is not None and floor > old.held.seen
        assert conn.execute("SELECT COUNT(*) FROM visit_dirty WHERE id <= ?", (floor,)).fetchone() == (0,)
        assert dirty.since(conn, old.held.seen)[1] is None
    frame, _ = store.snapshot(old)
    pd.testing.assert_frame_equal(frame, store.timeline())


def test_the_old_pack_is_let_go_before_the_new_frame_is_unpacked(tmp_path, articles, monkeypatch):  # noqa: F811
    """After a write the held timeline is patched first and the former one dropped (nothing else holds
    it) before the frame is unpacked, the edit log laid on it and the visits regrouped: the two packs are
    not held through all that (the page's peak after a write)."""
    store = Store(tmp_path / "t.db")
    for row, events in articles[:-1]:
        store.add_article(row, events)
    held_now = [store.snapshot(None)[1]]
    former = weakref.ref(held_now[0].held.stored)     # the former read's own array (a patch makes another)
    store.add_article(*articles[-1])
    alive: list[bool] = []
    unpack = held.packing.unpack
    monkeypatch.setattr(held.packing, "unpack", lambda packed, *coded: alive.append(former() is not None)
                        or unpack(packed, *coded))
    frame, _ = store.snapshot(held_now.pop())
    assert alive and not any(alive), "the former pack was still held when the new one was unpacked"
    pd.testing.assert_frame_equal(frame, store.timeline())
