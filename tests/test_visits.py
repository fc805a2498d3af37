"""Visits: the grouping of a timeline into trips, kept in the store, and the ``visits`` command."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard import cli, export
from dashboard import visits as trips
from dashboard.schema import Event, to_frame
from dashboard.service import ingest_many, store_for, timeline_with_visits
from dashboard.settings import Settings
from dashboard.store import ArticleRow, Store

TOKAYEV, ERDOGAN, MIRZIYOYEV = "Kassym-Jomart Tokayev", "Recep Tayyip Erdoğan", "Shavkat Mirziyoyev"
TASHKENT = ("Tashkent", "city:tashkent", "Tashkent", "Tashkent", 41.3111, 69.2797, "UZ")
SAMARKAND = ("Samarkand", "city:samarkand", "Samarkand", "Samarkand Region", 39.6542, 66.9597, "UZ")
ASTANA = ("Astana", "city:astana", "Astana", "Astana", 51.1694, 71.4491, "KZ")
SEED = Path(__file__).parent.parent / "data" / "seed" / "khiva_visit_2024-04-05.txt"


def ev(article: str, seq: int, kind: str, date: str | None, who: str, place: tuple = TASHKENT,
       **extra) -> Event:
    name, pid, city, region, lat, lon, country = place
    fields = {"title": f"{kind} in {name}", "date_precision": "day" if date else "unknown", "place": name,
              "place_id": pid, "city": city, "region": region, "lat": lat, "lon": lon, "country": country,
              "participants": who, "evidence": f"{article} {seq}"} | extra
    return Event(article=article, seq=seq, kind=kind, date=date, **fields)


def timeline(*events: Event) -> pd.DataFrame:
    """A stand-in for ``Store.timeline``: one source per event, ids in order."""
    frame = to_frame(list(events))
    frame["event_id"] = range(1, len(frame) + 1)
    frame["sources"] = [[a] for a in frame["article"]]
    return frame


def grouped(*events: Event) -> list[dict]:
    return [v.to_dict() for v in trips.group(timeline(*events))[0]]


# -- the pure grouping ---------------------------------------------------------------------------------

def test_a_trip_over_consecutive_days_is_one_visit_with_its_fields():
    found = grouped(ev("a", 0, "arrival", "2022-12-21", f"{TOKAYEV}; {MIRZIYOYEV}"),
                    ev("a", 1, "talks", "2022-12-22", TOKAYEV, place=SAMARKAND),
                    ev("b", 0, "departure", "2022-12-22", TOKAYEV, place=SAMARKAND))
    assert len(found) == 1
    visit = found[0]
    assert visit["title"] == "Kassym-Jomart Tokayev in Uzbekistan"
    assert visit["principals"] == [TOKAYEV, MIRZIYOYEV]
    assert (visit["host"], visit["start"], visit["end"]) == ("UZ", "2022-12-21", "2022-12-22")
    assert visit["cities"] == ["Tashkent", "Samarkand"]
    assert (visit["events"], visit["articles"]) == (3, ["a", "b"])
    assert visit["id"] == trips.visit_id(TOKAYEV, "UZ", None, "2022-12-21")


@pytest.mark.parametrize(("second", "n"), [("2022-12-22", 1), ("2022-12-23", 1), ("2022-12-24", 2),
                                           ("2024-12-21", 2)],
                         ids=["next-day", "one-day-gap", "two-day-gap", "two-years"])
def test_a_gap_of_more_than_one_day_starts_another_visit(second, n):
    assert len(grouped(ev("a", 0, "arrival", "2022-12-21", TOKAYEV),
                       ev("b", 0, "talks", second, TOKAYEV))) == n


def test_two_visitors_to_tashkent_on_one_day_are_two_visits_newest_first():
    found = grouped(ev("a", 0, "talks", "2024-05-01", f"{TOKAYEV}; {MIRZIYOYEV}"),
                    ev("b", 0, "talks", "2024-05-01", f"{ERDOGAN}; {MIRZIYOYEV}"),
                    ev("c", 0, "talks", "2025-01-10", ERDOGAN, place=ASTANA))
    assert [v["title"] for v in found] == ["Recep Tayyip Erdoğan in Kazakhstan",
                                           "Recep Tayyip Erdoğan in Uzbekistan",
                                           "Kassym-Jomart Tokayev in Uzbekistan"]
    assert [v["host"] for v in found] == ["KZ", "UZ", "UZ"]


def test_a_domestic_trip_is_scoped_by_region():
    found = grouped(ev("a", 0, "tour", "2024-05-01", MIRZIYOYEV, place=SAMARKAND),
                    ev("a", 1, "tour", "2024-05-01", MIRZIYOYEV))
    assert sorted(v["title"] for v in found) == ["Shavkat Mirziyoyev in Samarkand Region",
                                                 "Shavkat Mirziyoyev in Tashkent"]


def test_unnamed_undated_and_planned_events_join_their_articles_visit_or_none():
    frame = timeline(ev("a", 0, "arrival", "2024-05-01", TOKAYEV),
                     ev("a", 1, "talks", "2024-05-01", ""),                    # no one named: the article's
                     ev("a", 2, "signing", None, TOKAYEV),                     # undated: the article's visit
                     ev("a", 3, "visit", "2025-06-01", TOKAYEV, status="planned"),   # announced: no new visit
                     ev("z", 0, "press", None, ""))                            # nothing known: no visit
    visits, of = trips.group(frame)
    assert len(visits) == 1 and visits[0].events == 3
    assert of == {1: visits[0].id, 2: visits[0].id, 3: visits[0].id}
    attached = trips.attach(frame, of)
    assert attached["visit"].tolist() == [visits[0].id] * 3 + ["a", "z"]


def test_merged_events_bring_every_source_into_the_visit():
    frame = timeline(ev("a", 0, "arrival", "2024-05-01", TOKAYEV))
    frame["sources"] = [["a", "b"]]
    assert trips.group(frame)[0][0].articles == ("a", "b")


# -- kept in the store ---------------------------------------------------------------------------------

def add(store: Store, aid: str, *events: Event, published: str = "2024-05-02"):
    row = ArticleRow(id=aid, text=f"text {aid}", title=aid, source=f"{aid}.txt", published=published)
    return store.add_article(row, to_frame(list(events)))


def ids_and_events(store: Store) -> list[tuple[str, int]]:
    return [(v.title, v.events) for v in store.visits()[0]]


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "visits.sqlite3")


def test_visits_follow_ingest_delete_and_date_change(store):
    assert store.visits() == ([], {})
    add(store, "kz", ev("kz", 0, "arrival", "2024-05-01", TOKAYEV), ev("kz", 1, "talks", "2024-05-02", TOKAYEV))
    assert ids_and_events(store) == [("Kassym-Jomart Tokayev in Uzbekistan", 2)]
    first = store.visits()[0][0].id
    add(store, "tr", ev("tr", 0, "arrival", "2024-05-01", ERDOGAN))
    assert ids_and_events(store) == [("Kassym-Jomart Tokayev in Uzbekistan", 2),   # same start, ends later
                                     ("Recep Tayyip Erdoğan in Uzbekistan", 1)]
    # a new publication date moves the article's events: its visit moves with them
    store.replace_events("tr", to_frame([ev("tr", 0, "arrival", "2023-03-01", ERDOGAN)]), published="2023-03-02")
    visits = store.visits()[0]
    assert [(v.title, v.start) for v in visits] == [("Kassym-Jomart Tokayev in Uzbekistan", "2024-05-01"),
                                                    ("Recep Tayyip Erdoğan in Uzbekistan", "2023-03-01")]
    store.delete_article("tr")
    assert ids_and_events(store) == [("Kassym-Jomart Tokayev in Uzbekistan", 2)]
    store.delete_article("kz")
    assert store.visits() == ([], {})
    add(store, "kz", ev("kz", 0, "arrival", "2024-05-01", TOKAYEV), ev("kz", 1, "talks", "2024-05-02", TOKAYEV))
    assert store.visits()[0][0].id == first          # stable across re-ingest


def test_a_corrected_date_moves_the_event_out_of_its_visit(store):
    add(store, "kz", ev("kz", 0, "arrival", "2024-05-01", TOKAYEV), ev("kz", 1, "talks", "2024-05-02", TOKAYEV))
    talks = int(store.timeline()["event_id"].iloc[1])
    edit = store.edit(talks, "ed", "edit", {"date": "2024-05-02"}, {"date": "2024-09-02"})
    assert sorted(v.start for v in store.visits()[0]) == ["2024-05-01", "2024-09-02"]
    store.undo(edit)
    assert [(v.start, v.end) for v in store.visits()[0]] == [("2024-05-01", "2024-05-02")]


def test_the_visits_table_is_what_a_fresh_grouping_gives(store):
    add(store, "kz", ev("kz", 0, "arrival", "2024-05-01", TOKAYEV), ev("kz", 1, "talks", "2024-05-01", TOKAYEV))
    add(store, "tr", ev("tr", 0, "arrival", "2024-05-01", ERDOGAN))
    kept = store.visits()
    fresh = trips.group(store.timeline())
    assert kept == (fresh[0], fresh[1]) and len(kept[0]) == 2
    assert Store(store.path).visits() == kept        # read back from the table by a new handle


# -- the command and the exports -----------------------------------------------------------------------

@pytest.fixture
def seeded(tmp_path) -> Settings:
    settings = Settings(db_path=tmp_path / "seeded.sqlite3")
    assert ingest_many([SEED], settings, published="2024-04-05")[0].ok
    return settings


def test_visits_command_prints_one_visit_a_line(seeded, capsys):
    assert cli.main(["visits", "--db", str(seeded.db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    visit = json.loads(lines[0])
    assert list(visit) == ["id", "title", "principals", "host", "start", "end", "cities", "events", "articles"]
    assert visit["title"] == "Kassym-Jomart Tokayev in Uzbekistan"
    assert visit["principals"][0] == TOKAYEV and visit["host"] == "UZ"
    assert visit["start"] == visit["end"] == "2024-04-05"
    assert "Khiva" in visit["cities"] and visit["events"] == 5
    assert visit["articles"] == store_for(seeded).articles()["id"].tolist()

    assert cli.main(["visits", "--db", str(seeded.db_path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1 and rows[0]["id"] == visit["id"] and json.loads(rows[0]["cities"]) == visit["cities"]


def test_exports_group_by_real_visits(seeded, tmp_path, capsys):
    store = store_for(seeded)
    frame = timeline_with_visits(seeded)
    (visit,) = store.visits()[0]
    assert set(frame["visit"]) == {visit.id}
    assert len(export.select_group(frame, visit.id)) == 5
    assert cli.main(["export", "--format", "csv", "--visit", visit.id, "--db", str(seeded.db_path),
                     "-o", str(tmp_path)]) == 0
    assert "5 events" in capsys.readouterr().out


def test_an_article_sways_its_events_only_within_the_window(store):
    """An article's events influence each other only within ARTICLE_WINDOW_DAYS: an unnamed event days
    after the named ones takes their principal; one months away takes nothing from them, so a
    correction in May leaves September alone."""
    near = (dt.date(2024, 5, 1) + dt.timedelta(days=trips.ARTICLE_WINDOW_DAYS)).isoformat()
    add(store, "kz", ev("kz", 0, "arrival", "2024-05-01", TOKAYEV), ev("kz", 1, "talks", near, ""),
        ev("kz", 2, "talks", "2024-09-10", ""), ev("kz", 3, "talks", "2024-09-10", TOKAYEV, place=SAMARKAND))
    assert [(v.start, v.events) for v in store.visits()[0]] == [("2024-09-10", 2), (near, 1), ("2024-05-01", 1)]
    arrival = int(store.timeline()["event_id"].iloc[0])
    store.edit(arrival, "ed", "edit", {"participants": TOKAYEV}, {"participants": ERDOGAN})   # a May day only
    assert [(v.title, v.start) for v in store.visits()[0]] == [
        ("Kassym-Jomart Tokayev in Uzbekistan", "2024-09-10"), ("Recep Tayyip Erdoğan in Uzbekistan", near),
        ("Recep Tayyip Erdoğan in Uzbekistan", "2024-05-01")]


@pytest.mark.parametrize(("day", "aside"), [("2024-05-04", True), ("2024-09-10", False)],
                         ids=["within-window", "months-away"])
def test_a_lone_event_is_an_aside_only_beside_a_larger_visit_within_the_window(day, aside):
    may = (ev("kz", 0, "arrival", "2024-05-01", TOKAYEV), ev("kz", 2, "talks", "2024-05-02", TOKAYEV))
    lone = ev("kz", 1, "talks", day, TOKAYEV)
    expected = ["2024-05-01"] if aside else [day, "2024-05-01"]
    assert [v["start"] for v in grouped(*may, lone)] == expected


def test_the_rows_grouped_share_one_string_per_distinct_value():
    """A timeline repeats its articles and places: the rows (and the visits made of them) hold one string
    per distinct value, not one per event; missing values stay None."""
    frame = pd.DataFrame({"event_id": [1, 2, 3], "article": pd.array(["a" * 64] * 3, dtype="string"),
                          "city": pd.array(["Khiva", None, "Khiva"], dtype="string"),
                          "date": pd.array(["2025-03-01", "2025-03-01", ""], dtype="string")})
    rows = trips.rows_of(frame)
    assert rows[0].article is rows[2].article and rows[0].city is rows[2].city == "Khiva"
    assert rows[1].city is None and rows[2].date is None


def test_grouping_reads_the_leaders_countries_without_the_extractor_s_people(monkeypatch):
    """The grouping needs each leader's country only: the extractor's ``People`` (every name's forms in
    every language) is not built for it, and the countries are the ones ``People`` gives."""
    from dashboard import merge
    from dashboard.extract import leaders, people

    expected: dict[str, str] = {}
    for one in leaders.load_people().leaders:
        expected.setdefault(one.name, one.country)
    assert merge.leader_countries() == expected and expected[TOKAYEV] == "KZ"

    def not_needed(*args, **kwargs):
        raise AssertionError("the extractor's People built to group visits")

    monkeypatch.setattr(people, "load_people", not_needed)
    monkeypatch.setattr(leaders, "load_people", not_needed)
    for cached in (merge.leaders_in, trips._owner, getattr(merge._country_of, "cache_clear", None) and
                   merge._country_of):
        if cached:
            cached.cache_clear()
    found = grouped(ev("a", 0, "arrival", "2022-12-21", f"{TOKAYEV}; {MIRZIYOYEV}"),
                    ev("a", 1, "talks", "2022-12-22", TOKAYEV, place=SAMARKAND))
    assert [(v["principals"], v["host"]) for v in found] == [([TOKAYEV, MIRZIYOYEV], "UZ")]
