"""Frames shaped like ``Store.timeline()`` for the dashboard's tests (figures, filters, pages)."""
from __future__ import annotations

import datetime as dt
import random

import pandas as pd

from dashboard.schema import KINDS, Event, to_frame

SEED_ARTICLE = "seed-khiva"
RETELLING = "retelling-cyrl"

_AIRPORT = dict(place="Urgench International Airport", place_kind="airport", place_id="airport:UGC",
                city="Urgench", region="Khorezm", lat=41.5843, lon=60.6417, country="UZ")
_KHIVA = dict(city="Khiva", region="Khorezm", country="UZ")


def seed_events(article: str = SEED_ARTICLE) -> list[Event]:
    """The seed article's five events, as the extraction engine should produce them."""
    day = dict(article=article, date="2024-04-05", date_precision="day", place_precision="exact")
    return [
        Event(seq=1, kind="arrival", title="Arrival at Urgench International Airport", **day, **_AIRPORT,
              evidence="Urganch xalqaro aeroportida Qasim-Jomart Toqaevni Shavkat Mirziyoev kutib oldi.",
              confidence=0.9),
        Event(seq=2, kind="tour", title="Tour of the Xiva gilamlari carpet factory", **day, **_KHIVA,
              place="Xiva gilamlari carpet factory", place_kind="landmark", lat=41.3783, lon=60.3639,
              evidence="ikki davlat rahbarlari Xiva shahridagi “Xiva gilamlari” kombinatiga"
                       " tashrif buyurdilar.",
              confidence=0.8),
        Event(seq=3, kind="talks", title="Informal talks in Khiva", **day, **_KHIVA,
              place="Khiva", place_kind="city", lat=41.3775, lon=60.3619,
              evidence="Xivada norasmiy uchrashuv boʻlib oʻtdi.", confidence=0.8),
        Event(seq=4, kind="visit", title="Visit to Ichan-Qala and the Nurillaboy palace", **day, **_KHIVA,
              place="Ichan-Qala", place_kind="landmark", lat=41.3786, lon=60.3592,
              evidence="Ichan-qalʻʻa majmuasi tarixiy obidalari va Nurillaboy saroyini ziyorat qildi.",
              confidence=0.8),
        Event(seq=5, kind="departure", title="Departure from Urgench International Airport",
              **day, **_AIRPORT,
              evidence="Oliy martabali mehmonni Urganch xalqaro aeroportida kuzatib qoʻydi.", confidence=0.9),
    ]


def timeline_frame(events: list[Event] | None = None, sources: list[list[str]] | None = None) -> pd.DataFrame:
    """A ``Store.timeline()``-shaped frame: schema columns plus event_id, sources, n_sources."""
    events = seed_events() if events is None else events
    frame = to_frame(events)
    frame["event_id"] = pd.array([f"ev{i + 1}" for i in range(len(frame))], dtype="string")
    srcs = sources if sources is not None else [[e.article] for e in events]
    frame["sources"] = pd.Series(srcs, index=frame.index, dtype=object)
    frame["n_sources"] = pd.array([len(s) for s in srcs], dtype="Int64")
    return frame


def mixed_frame() -> pd.DataFrame:
    """Two days, a clock time, an undated event and a second country: the awkward cases."""
    events = seed_events()
    events.append(Event(article="tashkent", seq=1, kind="talks", title="Talks in Tashkent", date="2024-04-06",
                        time="10:30", date_precision="day", place="Tashkent", place_kind="city",
                        city="Tashkent", region="Tashkent", country="UZ", lat=41.3111, lon=69.2797,
                        evidence="Toshkentda muzokaralar <b>boʻldi</b>."))
    events.append(Event(article="tashkent", seq=2, kind="signing", title="Agreements signed", date=None,
                        date_precision="unknown", evidence="Hujjatlar imzolandi."))
    events.append(Event(article="astana", seq=1, kind="summit", title="Summit in Astana", date="2024-05-01",
                        date_precision="day", place="Astana", place_kind="city", city="Astana",
                        region="Astana", country="KZ", lat=51.1694, lon=71.4491, evidence="Astanada sammit."))
    sources = [[SEED_ARTICLE]] * 5 + [["tashkent"], ["tashkent"], ["astana", SEED_ARTICLE]]
    return timeline_frame(events, sources=sources)


PLACES = [  # name, kind, id, city, lat, lon
    ("Urgench International Airport", "airport", "airport:UGC", "Urgench", 41.5843, 60.6417),
    ("Ichan-Qala", "landmark", "landmark:ichan-qala", "Khiva", 41.3786, 60.3592),
    ("Tashkent", "city", "geonames:1512569", "Tashkent", 41.2646, 69.2163),
    ("Samarkand", "city", "geonames:1216265", "Samarkand", 39.6542, 66.9597),
    ("Astana", "city", "geonames:1526273", "Astana", 51.1801, 71.4460),
]


def big_frame(n: int, days: int, seed: int = 7, undated: int = 0, unplaced: int = 0) -> pd.DataFrame:
    """``n`` events over ``days`` days (random kinds and places), plus undated and unplaced ones."""
    rng = random.Random(seed)
    first = dt.date(2024, 1, 1)
    events = []
    for i in range(n + undated):
        name, pkind, pid, city, lat, lon = rng.choice(PLACES)
        day = (first + dt.timedelta(days=rng.randrange(days))).isoformat() if i < n else None
        place = {} if i < unplaced else dict(place=name, place_kind=pkind, place_id=pid, city=city,
                                              lat=lat, lon=lon, country="UZ")
        events.append(Event(article=f"a{i // 6}", seq=i % 6 + 1, kind=rng.choice(KINDS), title=f"Event {i}",
                            date=day, date_precision="day" if day else "unknown", **place))
    events.sort(key=lambda e: e.date or "9999")
    return timeline_frame(events)
