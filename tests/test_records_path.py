"""Ingest keeps an article's events as records (issue 25): bounding, counting late events and the store's
rows give, without a frame, what the former frame round trip gave (its bounding and late count are kept
here as the reference, with ``records(to_frame(...))``), on the fixture articles and on events made to hit
the edges."""
from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.bounded import _REPEAT_KEYS, MAX_EVENTS_PER_ARTICLE, bounded_records
from dashboard.extract import extract
from dashboard.ingest import Document
from dashboard.preparing import late_records, ready_article
from dashboard.schema import Event, event_rows, records, to_frame
from dashboard.settings import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))


def _same(a: object, b: object) -> bool:
    """Equal and of one type (41 is not 41.0 for the store), NaN equal to NaN."""
    return type(a) is type(b) and (a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)))


def _assert_same_rows(old: list[dict[str, object]], new: list[dict[str, object]]) -> None:
    assert [list(r) for r in new] == [list(r) for r in old]
    for o, n in zip(old, new, strict=True):
        bad = {k: (o[k], n[k]) for k in o if not _same(o[k], n[k])}
        assert not bad


def bounded_events(events: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The frame path ingest took before the records path (the reference the records must equal)."""
    if events.empty:
        return events, 0
    keys = [c for c in _REPEAT_KEYS if c in events.columns]
    kept = events.loc[~events[keys].astype("string").fillna("").duplicated()] if keys else events
    kept = kept.iloc[:MAX_EVENTS_PER_ARTICLE]
    return kept, len(events) - len(kept)


def late_events(events: pd.DataFrame, published: str) -> int:
    """The frame path's count of late events (the reference)."""
    if events.empty:
        return 0
    happened = events["status"].astype("string").fillna("happened") != "planned"
    return int(((events["date"].astype("string") > published[:10]).fillna(False) & happened).sum())


def _day(path: Path) -> str:
    found = re.search(r"\d{4}-\d{2}-\d{2}", path.name)
    assert found, path.name
    return found.group(0)


def _made(n: int, distinct: int, **fields: object) -> list[Event]:
    """``n`` events of ``distinct`` different ones (the rest repeats), with ``fields`` set on each."""
    return [Event(article="a", seq=i, kind="talks", title="t", date=f"2024-04-0{1 + i % distinct % 9}",
                  place=f"Place {i % distinct}", evidence=f"Sentence {i % distinct}.", **fields)  # type: ignore[arg-type]
            for i in range(n)]


EDGES = {
    "repeats": _made(200, 4, lat=41.0, confidence=0.5),
    "over-the-cap": _made(MAX_EVENTS_PER_ARTICLE + 30, MAX_EVENTS_PER_ARTICLE + 30),
    "int-coordinates": _made(3, 3, lat=41, lon=60),          # a Float64 column holds floats
    "nan-coordinate": _made(2, 2, lat=float("nan")),       # missing in the frame, None in the rows
    "none-and-empty-time": [Event(article="a", seq=1, kind="talks", title="t", time=None),
                            Event(article="a", seq=2, kind="talks", title="t", time="")],   # one event
    "planned-and-late": [Event(article="a", seq=1, kind="talks", title="t", date="2024-04-09"),
                         Event(article="a", seq=2, kind="talks", title="t", date="2024-04-09",
                               status="planned", evidence="x"),
                         Event(article="a", seq=3, kind="talks", title="t", date=None, evidence="y")],
    "none": [],
}


@pytest.mark.parametrize("events", list(EDGES.values()), ids=list(EDGES))
def test_records_path_gives_the_frame_paths_rows(events):
    old, left_old = bounded_events(to_frame(list(events)))
    kept, left = bounded_records(events)
    assert left == left_old
    _assert_same_rows(records(old), event_rows(kept))
    assert late_records(kept, "2024-04-05") == late_events(old, "2024-04-05")


def test_the_edges_do_what_they_say():
    assert bounded_records(EDGES["repeats"])[1] == 196
    assert len(bounded_records(EDGES["over-the-cap"])[0]) == MAX_EVENTS_PER_ARTICLE
    assert event_rows(EDGES["int-coordinates"])[0]["lat"] == 41.0
    assert event_rows(EDGES["nan-coordinate"])[0]["lat"] is None
    assert late_records(EDGES["planned-and-late"], "2024-04-05") == 1


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_fixture_articles_store_the_same_rows(path):
    events = extract(path.read_text(encoding="utf-8"), published=_day(path)).records
    old, _ = bounded_events(to_frame(list(events)))
    _assert_same_rows(records(old), event_rows(bounded_records(events)[0]))


def test_a_ready_article_holds_records_and_gives_its_frame_on_request():
    path = ARTICLES[0]
    doc = Document(name=path.name, text=path.read_text(encoding="utf-8"), title=None, published=_day(path),
                   media_type="text/plain")
    ready = ready_article(doc, DEFAULT, _day(path))
    assert ready.records and all(isinstance(e, Event) for e in ready.records)
    _assert_same_rows(records(ready.events), ready.rows)


@pytest.mark.parametrize("text", ["  a\u00a0 b\n\tc  ", "\u2003x\u2028y\u3000", "one", "", " \n ", "a\x1cb\x85c"],
                         ids=["ascii-and-nbsp", "unicode-spaces", "plain", "empty", "blank", "separators"])
def test_evidence_spacing_is_the_regex_one(text):
    """An event's evidence and the title have each run of white space made one space, as ``\\s+`` did."""
    from dashboard.extract import _spaced

    assert _spaced(text) == re.sub(r"\s+", " ", text).strip()
