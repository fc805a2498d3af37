"""The corrections rules, pure: event keys, how an anchor finds its event again, checks, the log folded."""
from __future__ import annotations

import pytest

from dashboard.corrections import (
    EditRow,
    Link,
    check_changes,
    evidence_hash,
    fold_edits,
    link_diff,
    link_keys,
    rebind,
)
from dashboard.errors import InputError

SENT = "Xivada norasmiy uchrashuv boʻlib oʻtdi."


def test_keys_count_events_of_one_kind_from_one_sentence():
    keys = link_keys(["arrival", "talks", "talks", "arrival"], ["A.", "A.", "A.", "B."])
    assert [k.split(":")[0] for k in keys] == ["arrival", "talks", "talks", "arrival"]
    assert [k.split(":")[2] for k in keys] == ["0", "0", "1", "0"]
    assert len(set(keys)) == 4


def test_the_sentence_hash_ignores_wrapping_case_and_apostrophe_variants():
    assert evidence_hash(SENT) == evidence_hash("Xivada  norasmiy\nuchrashuv bo'lib o‘tdi.")
    assert evidence_hash(SENT) == evidence_hash(SENT.upper())
    assert evidence_hash(SENT) != evidence_hash("Urganchda norasmiy uchrashuv boʻlib oʻtdi.")


def link(kind: str, evidence: str, start: int, end: int, n: int = 0) -> Link:
    return Link(f"{kind}:{evidence_hash(evidence)}:{n}", kind, evidence, start, end)


OLD = link("talks", SENT, 100, 140)


@pytest.mark.parametrize(("links", "expected"), [
    pytest.param([link("arrival", "Keldi.", 0, 6), link("talks", SENT, 100, 140)], 1, id="same-key"),
    pytest.param([link("talks", "Boshqa gap.", 0, 10), link("talks", SENT, 300, 340, n=1)], 1,
                 id="same-sentence-and-kind-other-count"),
    pytest.param([link("arrival", "Keldi.", 0, 6), link("meeting", SENT, 100, 140)], 1,
                 id="same-sentence-new-kind"),
    pytest.param([link("tour", "Sentence before. " + SENT, 83, 140), link("arrival", "Keldi.", 0, 6)], 0,
                 id="sentence-boundary-moved-overlap"),
    pytest.param([link("arrival", "Keldi.", 0, 6), link("visit", "Ziyorat qildi.", 200, 214)], None,
                 id="gone"),
])
def test_rebind_rules(links, expected):
    found = rebind(OLD, links)
    assert found is (None if expected is None else links[expected])


def test_rebind_prefers_the_same_kind_when_a_sentence_holds_two_events():
    links = [link("arrival", SENT, 100, 140), link("talks", SENT, 100, 140)]
    moved = Link("talks:ffff:0", "talks", SENT, 100, 140)
    assert rebind(moved, links) is links[1]


@pytest.mark.parametrize(("changes", "message"), [
    pytest.param({"kind": "party"}, "unknown kind", id="kind"),
    pytest.param({"date": "2024-13-01"}, "not a date", id="date"),
    pytest.param({"time": "25:00"}, "not a time", id="time"),
    pytest.param({"lat": 91.0}, "out of range", id="lat"),
    pytest.param({"colour": "red"}, "cannot edit colour", id="field"),
])
def test_bad_changes_are_refused(changes, message):
    with pytest.raises(InputError, match=message):
        check_changes(changes)


def test_a_date_correction_is_a_day_date():
    assert check_changes({"date": "2024-04-06"}) == {"date": "2024-04-06", "date_precision": "day"}


def test_later_edits_win_per_field_and_keep_the_others():
    rows = [EditRow(1, 7, "t1", "Ann", "edit", {"kind": "meeting", "title": "A"}),
            EditRow(3, 7, "t3", "Bob", "edit", {"kind": "press"}),
            EditRow(2, 8, "t2", "Ann", "delete", {"deleted": True})]
    states = fold_edits(rows)
    assert states[7].values == {"kind": "press", "title": "A"}
    assert (states[7].author, states[7].edited_at, states[7].edit_id) == ("Bob", "t3", 3)
    assert states[8].values == {"deleted": True}


def test_diff_of_two_extractions_pairs_moved_events():
    before = [link("arrival", "Keldi.", 0, 6), link("talks", SENT, 100, 140), link("visit", "Ziyorat.", 200, 208)]
    old = {before[0].key: ("arrival", "2024-04-05"), before[1].key: ("talks", "2024-04-05"),
           before[2].key: ("visit", "2024-04-05")}
    after = [before[0], link("meeting", SENT, 100, 140), link("press", "Bayonot.", 300, 308)]
    new = {after[0].key: ("arrival", "2024-04-06"), after[1].key: ("meeting", "2024-04-05"),
           after[2].key: ("press", "2024-04-05")}
    assert link_diff(before, old, after, new) == (1, 2, 1)   # press added; arrival, talks changed; visit gone
