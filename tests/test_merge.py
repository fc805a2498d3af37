"""The pure cross-article merge: matching rules, timeline order and article ids."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import merge
from dashboard.merge import Slot, article_id, place_distance
from dashboard.places.model import km as haversine_km
from dashboard.schema import Event, records, to_frame

AIRPORT = ("Urgench International Airport", "airport:UGC", "Urgench", 41.5843, 60.6417)
CARPETS = ("Xiva gilamlari carpet factory", "landmark:xiva-gilamlari", "Khiva", 41.3783, 60.3639)
KHIVA = ("Khiva", "city:khiva", "Khiva", 41.3783, 60.3636)
ICHAN = ("Ichan-Qala", "landmark:ichan-qala", "Khiva", 41.3786, 60.3592)
SAMARKAND = ("Samarkand", "city:samarkand", "Samarkand", 39.6542, 66.9597)
DAY = "2024-04-05"


def plan_merge(timeline: pd.DataFrame, events: pd.DataFrame, merge_km: float) -> merge.MergePlan:
    """The plan for an article's events handed over as the store does: the records of its frame."""
    return merge.plan_merge(timeline, records(events), merge_km)


def ev(seq: int, kind: str, place: tuple | None, date: str | None = DAY, article: str = "a") -> Event:
    name, pid, city, lat, lon = place or (None, None, None, None, None)
    return Event(article=article, seq=seq, kind=kind, title=f"{kind} {name}", date=date,
                 date_precision="day" if date else "unknown",
                 place=name, place_id=pid, city=city, lat=lat, lon=lon)


def seed_events() -> list[Event]:
    return [ev(0, "arrival", AIRPORT), ev(1, "tour", CARPETS), ev(2, "talks", KHIVA),
            ev(3, "visit", ICHAN), ev(4, "departure", AIRPORT)]


def timeline_of(events: list[Event], first_id: int = 1) -> pd.DataFrame:
    frame = to_frame(events)
    frame["event_id"] = range(first_id, first_id + len(frame))
    return frame


def order_ids(plan, new_base: int = 100) -> list[int]:
    return [s.event_id if s.new is None else new_base + s.new for s in plan.order]


def test_retelling_merges_four_and_adds_none():
    retelling = to_frame([ev(0, "tour", CARPETS, article="r"), ev(1, "talks", KHIVA, article="r"),
                          ev(2, "visit", ICHAN, article="r"), ev(3, "departure", AIRPORT, article="r")])
    plan = plan_merge(timeline_of(seed_events()), retelling, merge_km=15.0)
    assert (plan.added, plan.merged) == (0, 4)
    assert plan.matches == {0: 2, 1: 3, 2: 4, 3: 5}
    assert order_ids(plan) == [1, 2, 3, 4, 5]


def test_empty_timeline_takes_the_article_order():
    plan = plan_merge(timeline_of([]), to_frame(seed_events()), merge_km=15.0)
    assert (plan.added, plan.merged) == (5, 0)
    assert plan.order == tuple(Slot(new=i) for i in range(5))


@pytest.mark.parametrize(("new", "merges"), [
    (ev(0, "tour", CARPETS), True),
    (ev(0, "tour", ("Khiva carpets", None, "Khiva", 41.40, 60.37)), True),     # ~2.5 km away
    (ev(0, "tour", ("Somewhere in Khiva", None, "Khiva", None, None)), True),   # same city, no point
    (ev(0, "tour", ("khiva", None, "KHIVA", None, None)), True),               # city compared folded
    (ev(0, "meeting", CARPETS), False),                                        # other kind
    (ev(0, "tour", CARPETS, date="2024-04-06"), False),                        # other day
    (ev(0, "tour", CARPETS, date=None), False),                                # undated never merges
    (ev(0, "tour", SAMARKAND), False),                                         # far away
    (ev(0, "tour", None), False),                                              # place vs no place
], ids=["same-place", "nearby", "same-city", "city-folded", "other-kind", "other-day", "undated",
        "far", "no-place"])
def test_matching_rules(new, merges):
    timeline = timeline_of([ev(0, "tour", CARPETS)])
    plan = plan_merge(timeline, to_frame([new]), merge_km=15.0)
    assert plan.merged == (1 if merges else 0)
    assert plan.added == (0 if merges else 1)


def test_two_events_without_place_merge():
    plan = plan_merge(timeline_of([ev(0, "talks", None)]), to_frame([ev(0, "talks", None)]), merge_km=15.0)
    assert plan.matches == {0: 1}


def test_merge_km_is_respected():
    far_ish = ("Pitnak", None, "Pitnak", 41.20, 60.90)   # ~50 km from Khiva, another city
    timeline = timeline_of([ev(0, "tour", CARPETS)])
    assert plan_merge(timeline, to_frame([ev(0, "tour", far_ish)]), merge_km=15.0).merged == 0
    assert plan_merge(timeline, to_frame([ev(0, "tour", far_ish)]), merge_km=80.0).merged == 1


def test_one_timeline_event_takes_one_article_event():
    timeline = timeline_of([ev(0, "talks", KHIVA)])
    article = to_frame([ev(0, "talks", KHIVA), ev(1, "talks", KHIVA)])
    plan = plan_merge(timeline, article, merge_km=15.0)
    assert plan.matches == {0: 1}
    assert plan.new_rows == (1,)
    assert order_ids(plan) == [1, 101]


def test_nearest_candidate_wins():
    timeline = timeline_of([ev(0, "visit", KHIVA), ev(1, "visit", ICHAN)])
    plan = plan_merge(timeline, to_frame([ev(0, "visit", ICHAN)]), merge_km=15.0)
    assert plan.matches == {0: 2}


def test_new_event_goes_after_its_predecessor():
    # the retelling has a press event between the carpet tour and the talks
    article = to_frame([ev(0, "tour", CARPETS), ev(1, "press", KHIVA), ev(2, "talks", KHIVA)])
    plan = plan_merge(timeline_of(seed_events()), article, merge_km=15.0)
    assert plan.new_rows == (1,)
    assert order_ids(plan) == [1, 2, 101, 3, 4, 5]


def test_first_new_event_of_a_day_goes_before_its_merged_successor():
    article = to_frame([ev(0, "ceremony", KHIVA), ev(1, "talks", KHIVA)])
    plan = plan_merge(timeline_of(seed_events()), article, merge_km=15.0)
    assert order_ids(plan) == [1, 2, 100, 3, 4, 5]


@pytest.mark.parametrize(("date", "expected"), [
    ("2024-04-04", [100, 1, 2, 3, 4, 5]),
    ("2024-04-06", [1, 2, 3, 4, 5, 100]),
    (DAY, [1, 2, 3, 4, 5, 100]),
    (None, [1, 2, 3, 4, 5, 100]),
], ids=["day-before", "day-after", "same-day-unrelated", "undated-last"])
def test_a_lone_new_event_goes_by_date(date, expected):
    plan = plan_merge(timeline_of(seed_events()), to_frame([ev(0, "signing", SAMARKAND, date=date)]),
                      merge_km=15.0)
    assert order_ids(plan) == expected


def test_a_different_visit_keeps_its_own_order_on_its_days():
    other = to_frame([ev(0, "arrival", SAMARKAND, date="2024-05-10"),
                      ev(1, "talks", SAMARKAND, date="2024-05-10"),
                      ev(2, "departure", SAMARKAND, date="2024-05-11")])
    plan = plan_merge(timeline_of(seed_events()), other, merge_km=15.0)
    assert (plan.added, plan.merged) == (3, 0)
    assert order_ids(plan) == [1, 2, 3, 4, 5, 100, 101, 102]


def test_an_earlier_visit_goes_first():
    other = to_frame([ev(0, "arrival", SAMARKAND, date="2023-01-02"),
                      ev(1, "departure", SAMARKAND, date="2023-01-03")])
    plan = plan_merge(timeline_of(seed_events()), other, merge_km=15.0)
    assert order_ids(plan) == [100, 101, 1, 2, 3, 4, 5]


def test_haversine_urgench_to_khiva():
    km = haversine_km(*AIRPORT[3:], *ICHAN[3:])
    assert 32.5 < km < 33.1   # 22.9 km north-south, 23.5 km east-west


def test_place_distance_same_id_is_zero():
    a = to_frame([ev(0, "tour", CARPETS)]).iloc[0]
    assert place_distance(a, a, 15.0) == 0.0


@pytest.mark.parametrize("variant", [
    "Qozogʻiston prezidenti\nToqaev keldi. Xiva  shahrida.",
    "Qozog'iston prezidenti Toqaev keldi.   Xiva shahrida.\n",
    "Qozog‘iston prezidenti Toqaev\r\nkeldi. Xiva shahrida.",
], ids=["wrapped", "ascii-apostrophe", "crlf-curly"])
def test_article_id_ignores_wraps_apostrophes_and_spaces(variant):
    assert article_id(variant) == article_id("Qozogʻiston prezidenti Toqaev keldi. Xiva shahrida.")


def test_article_id_tells_texts_apart():
    assert article_id("Toqaev Xivaga keldi.") != article_id("Toqaev Samarqandga keldi.")
    assert len(article_id("x")) == 64


# -- the indexed match and the per-day plan against the former brute force --------------------------

def reference_plan(timeline: pd.DataFrame, events: pd.DataFrame, merge_km: float):
    """The former implementation: every timeline row against every new row, one global order list."""
    from dashboard.merge import _date_key, _same_event

    timeline, events = timeline.reset_index(drop=True), events.reset_index(drop=True)
    matches: dict[int, int] = {}
    taken: set[int] = set()
    rows = list(timeline.iterrows())
    for idx, new in events.iterrows():
        best = None
        for pos, (_, old) in enumerate(rows):
            event_id = int(old["event_id"])
            km = None if event_id in taken else _same_event(new, old, merge_km)
            if km is not None and (best is None or (km, pos) < best[:2]):
                best = (km, pos, event_id)
        if best is not None:
            matches[idx] = best[2]
            taken.add(best[2])
    order = [Slot(event_id=int(e)) for e in timeline["event_id"]]
    dates = {s: _date_key(d) for s, d in zip(order, timeline["date"], strict=True)}
    slot_of = {i: Slot(event_id=e) for i, e in matches.items()}
    day_of = [_date_key(d) for d in events["date"]]
    new_rows = [i for i in range(len(events)) if i not in matches]
    for i in new_rows:
        slot, day = Slot(new=i), day_of[i]
        later = [j for j in range(i + 1, len(events)) if day_of[j] == day and j in slot_of]
        if i > 0 and day_of[i - 1] == day:
            at = order.index(slot_of[i - 1]) + 1
        elif later:
            at = order.index(slot_of[later[0]])
        else:
            at = max((k + 1 for k, s in enumerate(order) if dates[s] <= day), default=0)
        order.insert(at, slot)
        dates[slot] = day
        slot_of[i] = slot
    order.sort(key=lambda s: dates[s])
    return matches, tuple(new_rows), tuple(order)


RANDOM_DATES = ["2024-04-04", "2024-04-05", "2024-04-06", None]
RANDOM_KINDS = ["tour", "talks", "visit"]
RANDOM_PLACES = [AIRPORT, CARPETS, KHIVA, ICHAN, SAMARKAND, None,
                 ("Khiva old town", None, "Khiva", None, None),        # city only
                 ("A square", None, None, 41.3790, 60.3600)]           # point only


def random_events(rng, n: int, article: str) -> list[Event]:
    return [ev(k, rng.choice(RANDOM_KINDS), rng.choice(RANDOM_PLACES), date=rng.choice(RANDOM_DATES),
               article=article) for k in range(n)]


@pytest.mark.parametrize("seed", range(30), ids=[f"seed{s}" for s in range(30)])
def test_plan_equals_the_brute_force_reference(seed):
    import random

    rng = random.Random(seed)
    stored = random_events(rng, rng.randint(0, 40), "old")
    stored.sort(key=lambda e: e.date or "9999-99-99")          # a stored timeline is in date order
    timeline = timeline_of(stored, first_id=rng.randint(1, 50))
    article = to_frame(random_events(rng, rng.randint(1, 12), "new"))
    plan = plan_merge(timeline, article, merge_km=15.0)
    matches, new_rows, order = reference_plan(timeline, article, merge_km=15.0)
    assert plan.matches == matches
    assert plan.new_rows == new_rows
    assert plan.order == order
    assert len(plan.days) == len(plan.order) and list(plan.days) == sorted(plan.days)


def test_the_random_tables_do_merge_and_insert():
    """The randomised comparison above is only worth something if its tables merge and insert."""
    import random

    merged = added = 0
    for seed in range(30):
        rng = random.Random(seed)
        stored = sorted(random_events(rng, rng.randint(0, 40), "old"), key=lambda e: e.date or "9999-99-99")
        plan = plan_merge(timeline_of(stored), to_frame(random_events(rng, rng.randint(1, 12), "new")), 15.0)
        merged, added = merged + plan.merged, added + plan.added
    assert merged >= 10 and added >= 10


def test_plan_on_a_subset_of_days_orders_within_those_days():
    other_day = [ev(0, "arrival", SAMARKAND, date="2024-05-10")]
    timeline = timeline_of(seed_events() + other_day)
    article = to_frame([ev(0, "tour", CARPETS), ev(1, "press", KHIVA)])
    full = plan_merge(timeline, article, merge_km=15.0)
    day_only = plan_merge(timeline.iloc[:5], article, merge_km=15.0)
    assert order_ids(day_only) == order_ids(full)[:-1] == [1, 2, 101, 3, 4, 5]
    assert day_only.days == (DAY,) * 6


# -- merges respect visits: the principals must be compatible ------------------------------------------

TOKAYEV, ERDOGAN, MIRZIYOYEV = "Kassym-Jomart Tokayev", "Recep Tayyip Erdoğan", "Shavkat Mirziyoyev"
TASHKENT = ("Tashkent", "city:tashkent", "Tashkent", 41.3111, 69.2797)


def met(seq: int, kind: str, who: str, date: str = DAY, article: str = "a", place: tuple = TASHKENT,
        country: str | None = "UZ") -> Event:
    event = ev(seq, kind, place, date=date, article=article)
    event.participants, event.country = who, country
    return event


def merges(old: Event, new: Event) -> bool:
    return plan_merge(timeline_of([old]), to_frame([new]), merge_km=15.0).merged == 1


@pytest.mark.parametrize(("old", "new"), [
    (met(0, "arrival", TOKAYEV, date="2022-12-21"), met(0, "arrival", TOKAYEV, date="2024-12-21")),
    (met(0, "arrival", TOKAYEV, date="2022-12-21"), met(0, "arrival", ERDOGAN, date="2024-12-21")),
    (met(0, "talks", f"{TOKAYEV}; {MIRZIYOYEV}", date="2022-12-22"),
     met(0, "talks", f"{TOKAYEV}; {MIRZIYOYEV}", date="2024-12-22")),
], ids=["same-visitor", "other-visitor", "same-pair"])
def test_two_visits_to_one_city_two_years_apart_never_merge(old, new):
    assert not merges(old, new)


@pytest.mark.parametrize("kind", ["arrival", "talks", "meeting", "departure"])
def test_two_visitors_to_tashkent_on_one_day_do_not_merge(kind):
    assert not merges(met(0, kind, f"{TOKAYEV}; {MIRZIYOYEV}"), met(0, kind, f"{ERDOGAN}; {MIRZIYOYEV}"))
    assert not merges(met(0, kind, TOKAYEV), met(0, kind, ERDOGAN))


@pytest.mark.parametrize(("old", "new"), [
    (f"{TOKAYEV}; {MIRZIYOYEV}", f"{TOKAYEV}; {MIRZIYOYEV}"),
    (f"{TOKAYEV}; {MIRZIYOYEV}", TOKAYEV),                          # the host not named
    (TOKAYEV, f"{MIRZIYOYEV}; {TOKAYEV}; Abdulaziz Komilov"),       # another order, a minister too
    (f"{TOKAYEV}; {MIRZIYOYEV}", MIRZIYOYEV),                       # the same host, the visitor unnamed
    (TOKAYEV, MIRZIYOYEV),                                          # one names the guest, one the host
    (TOKAYEV, ""),                                                  # no names: nothing tells them apart
    ("Abdulaziz Komilov", "Sardor Umurzakov"),                      # no leader on either side
], ids=["same-pair", "visitor-only", "reordered", "host-only", "guest-vs-host", "no-names", "no-leaders"])
def test_a_retelling_of_the_same_visit_still_merges(old, new):
    assert merges(met(0, "talks", old), met(0, "talks", new, article="r"))


def test_a_domestic_trip_retold_merges_and_two_leaders_at_home_do_not():
    samarkand = ("Samarkand", "city:samarkand", "Samarkand", 39.6542, 66.9597)
    home = met(0, "tour", MIRZIYOYEV, place=samarkand)
    assert merges(home, met(0, "tour", MIRZIYOYEV, place=samarkand, article="r"))
    assert not merges(home, met(0, "tour", "Abdulla Aripov", place=samarkand, article="r"))


def test_a_summit_merges_on_any_shared_leader():
    assert merges(met(0, "summit", f"{TOKAYEV}; {MIRZIYOYEV}"), met(0, "summit", f"{ERDOGAN}; {MIRZIYOYEV}"))
    assert not merges(met(0, "summit", TOKAYEV), met(0, "summit", ERDOGAN))


def test_without_a_known_country_visitors_still_tell_events_apart():
    assert not merges(met(0, "talks", TOKAYEV, country=None), met(0, "talks", ERDOGAN, country=None))
    assert merges(met(0, "talks", TOKAYEV, country=None), met(0, "talks", TOKAYEV, country="UZ"))
