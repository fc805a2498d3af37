"""Visits that happened: a trip home, the host's own movements and asides never make a visit."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.places.index import PlaceIndex
from dashboard.settings import DEFAULT
from tests.test_visits import ASTANA, MIRZIYOYEV, SAMARKAND, TASHKENT, TOKAYEV, ev, grouped

BUKHARA = ("Bukhara", "city:bukhara", "Bukhara", "Bukhara Region", 39.7747, 64.4286, "UZ")
ALMATY = ("Almaty", "city:almaty", "Almaty", "Almaty", 43.25, 76.9167, "KZ")


def titles(*events) -> list[str]:
    return [v["title"] for v in grouped(*events)]


def test_the_trip_home_is_not_a_visit():
    """The visit abroad ends with the flight home: the arrival in his own capital is no domestic trip."""
    found = titles(ev("a", 0, "arrival", "2024-05-01", f"{MIRZIYOYEV}; {TOKAYEV}", place=ASTANA),
                   ev("a", 1, "talks", "2024-05-01", MIRZIYOYEV, place=ASTANA),
                   ev("a", 2, "arrival", "2024-05-02", MIRZIYOYEV, place=TASHKENT))
    assert found == ["Shavkat Mirziyoyev in Kazakhstan"]


def test_the_host_meeting_a_guest_at_the_airport_is_not_his_own_trip():
    found = titles(ev("a", 0, "arrival", "2024-05-01", MIRZIYOYEV, place=SAMARKAND),
                   ev("a", 1, "talks", "2024-05-01", f"{TOKAYEV}; {MIRZIYOYEV}", place=SAMARKAND))
    assert found == ["Kassym-Jomart Tokayev in Uzbekistan"]


def test_the_hosts_own_events_on_his_guests_days_belong_to_the_guests_visit():
    found = grouped(ev("a", 0, "arrival", "2024-05-01", f"{TOKAYEV}; {MIRZIYOYEV}"),
                    ev("a", 1, "tour", "2024-05-01", MIRZIYOYEV, place=BUKHARA),
                    ev("a", 2, "talks", "2024-05-02", f"{TOKAYEV}; {MIRZIYOYEV}"))
    assert [v["title"] for v in found] == ["Kassym-Jomart Tokayev in Uzbekistan"]
    assert found[0]["events"] == 3 and "Bukhara" in found[0]["cities"]


def test_a_single_aside_beside_a_larger_visit_is_not_a_visit():
    """"He recalled the summit in Almaty": one event abroad told inside the story of another visit."""
    found = titles(ev("a", 0, "arrival", "2024-05-01", f"{MIRZIYOYEV}; {TOKAYEV}", place=ASTANA),
                   ev("a", 1, "talks", "2024-05-01", MIRZIYOYEV, place=ASTANA),
                   ev("a", 2, "summit", "2024-05-01", TOKAYEV, place=TASHKENT))
    assert found == ["Shavkat Mirziyoyev in Kazakhstan"]


@pytest.mark.parametrize(("events", "want"), [
    ([("arrival", ALMATY, TOKAYEV)], []),
    ([("tour", BUKHARA, MIRZIYOYEV)], ["Shavkat Mirziyoyev in Bukhara Region"]),
    ([("arrival", BUKHARA, MIRZIYOYEV), ("tour", BUKHARA, MIRZIYOYEV)], ["Shavkat Mirziyoyev in Bukhara Region"]),
    ([("summit", ASTANA, MIRZIYOYEV)], ["Shavkat Mirziyoyev in Kazakhstan"]),
], ids=["arrival-home-alone-is-none", "domestic-tour", "domestic-arrival-and-tour", "one-event-article"])
def test_what_still_makes_a_visit(events, want):
    """A domestic trip with something done there, or an article telling one event abroad, stays a visit;
    a lone movement in one's own country (the flight home told alone) does not."""
    found = titles(*(ev(f"art{k}", 0, kind, "2024-05-01", who, place=place)
                     for k, (kind, place, who) in enumerate(events)))
    assert found == want


# -- benchmarks/visit_list.py: the visit list against the gold's real visits --------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_real_visits_join_articles_by_same_visit_as() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.visit_list import real_visits

    point = {"lat": 41.3111, "lon": 69.2797}
    golds = {"a.txt": {"events": [{"date": "2024-05-01", **point}], "same_visit_as": ["b.txt"]},
             "b.txt": {"events": [{"date": "2024-05-02", **point}]},
             "c.txt": {"events": [{"date": "2024-06-01", **point}]},
             "d.txt": {"events": []}}
    found = sorted(real_visits(golds, PlaceIndex.load(DEFAULT.places_dir)), key=lambda r: sorted(r.files))
    assert [sorted(r.files) for r in found] == [["a.txt", "b.txt"], ["c.txt"]]
    assert (str(found[0].first), str(found[0].last), found[0].host) == ("2024-05-01", "2024-05-02", "UZ")


def test_visit_list_script_runs_on_a_corpus() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "visit_list.py"), "tests/fixtures/corpus"],
                         cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    assert re.search(r"\d+ real visits, \d+ found \(\d+%\); \d+ rows, \d+ invented \(\d+%\), \d+ split", out.stdout)
