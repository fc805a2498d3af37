"""Location hierarchy, filter application, query-parameter round trip, and the exports."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from dashboard import export
from dashboard import filters as flt
from tests.factories_ui import SEED_ARTICLE, mixed_frame, timeline_frame


def titles(frame) -> list[str]:
    return list(frame["title"])


def test_location_options_are_a_tree_with_levels_kept_apart():
    options = flt.location_options(mixed_frame())
    assert options.index("country:UZ") < options.index("region:Khorezm") < options.index("city:Khiva") \
        < options.index("landmark:Ichan-Qala")
    assert options.index("city:Urgench") < options.index("airport:Urgench International Airport")
    assert "region:Tashkent" in options and "city:Tashkent" in options   # same name, two levels
    assert len(options) == len(set(options))


@pytest.mark.parametrize(("locations", "expected"), [
    (("city:Urgench",), ["Arrival at Urgench International Airport",
                         "Departure from Urgench International Airport"]),
    (("city:Khiva",), ["Tour of the Xiva gilamlari carpet factory", "Informal talks in Khiva",
                       "Visit to Ichan-Qala and the Nurillaboy palace"]),
    (("landmark:Ichan-Qala",), ["Visit to Ichan-Qala and the Nurillaboy palace"]),
    (("region:Khorezm",), ["Arrival at Urgench International Airport",
                           "Tour of the Xiva gilamlari carpet factory", "Informal talks in Khiva",
                           "Visit to Ichan-Qala and the Nurillaboy palace",
                           "Departure from Urgench International Airport"]),
    (("country:KZ",), ["Summit in Astana"]),
    (("country:KZ", "landmark:Ichan-Qala"),
     ["Visit to Ichan-Qala and the Nurillaboy palace", "Summit in Astana"]),
], ids=["city-keeps-airport", "city-keeps-landmarks", "landmark", "region", "country", "union"])
def test_location_filter_is_hierarchical(locations, expected):
    assert titles(flt.apply(mixed_frame(), flt.Filters(locations=locations))) == expected


@pytest.mark.parametrize(("filters", "expected"), [
    (flt.Filters(start=dt.date(2024, 4, 6)), ["Talks in Tashkent", "Summit in Astana"]),
    (flt.Filters(end=dt.date(2024, 4, 5)), [e for e in titles(timeline_frame())]),
    (flt.Filters(kinds=("talks",)), ["Informal talks in Khiva", "Talks in Tashkent"]),
    (flt.Filters(articles=("astana",)), ["Summit in Astana"]),
    (flt.Filters(articles=(SEED_ARTICLE,)), [*titles(timeline_frame()), "Summit in Astana"]),
    (flt.Filters(kinds=("talks",), locations=("city:Khiva",)), ["Informal talks in Khiva"]),
], ids=["from", "to", "kind", "article", "article-in-any-source", "combined"])
def test_other_filters(filters, expected):
    assert titles(flt.apply(mixed_frame(), filters)) == expected


def test_no_filter_keeps_everything_including_undated():
    frame = mixed_frame()
    assert len(flt.apply(frame, flt.Filters())) == len(frame)
    assert flt.date_bounds(frame) == (dt.date(2024, 4, 5), dt.date(2024, 5, 1))


def test_query_round_trip_and_plain_url_when_nothing_is_chosen():
    chosen = flt.Filters(locations=("city:Khiva", "country:UZ"), start=dt.date(2024, 4, 5), kinds=("tour",),
                         articles=("abc",))
    params = flt.to_query(chosen)
    assert params == {"loc": ["city:Khiva", "country:UZ"], "kind": ["tour"], "article": ["abc"],
                      "from": ["2024-04-05"]}
    assert flt.from_query(params) == chosen
    assert flt.to_query(flt.Filters()) == {}


@pytest.mark.parametrize(("params", "expected"), [
    ({"loc": "city:Khiva"}, flt.Filters(locations=("city:Khiva",))),
    ({"from": "not-a-date", "kind": ["tour", "tour"]}, flt.Filters(kinds=("tour",))),
    ({"to": ["2024-04-05"]}, flt.Filters(end=dt.date(2024, 4, 5))),
], ids=["single-string", "malformed-date-and-duplicates", "list-date"])
def test_from_query_tolerates_what_a_url_may_hold(params, expected):
    assert flt.from_query(params) == expected


def test_restrict_drops_values_a_stale_link_names():
    stale = flt.Filters(locations=("city:Khiva", "city:Paris"), kinds=("tour", "nope"))
    offered = {"locations": ["city:Khiva"], "kinds": ["tour"], "articles": []}
    assert flt.restrict(stale, offered) == flt.Filters(locations=("city:Khiva",), kinds=("tour",))


def test_labels_name_countries():
    assert flt.location_label("country:UZ") == "Uzbekistan (country)"
    airport = "Urgench International Airport"
    assert flt.location_label(f"airport:{airport}") == f"{airport} (airport)"


def test_exports_csv_json_geojson():
    frame = mixed_frame()
    rows = list(csv.DictReader(io.StringIO(export.to_csv(frame).decode("utf-8-sig"))))
    assert [r["title"] for r in rows] == titles(frame)
    assert rows[-1]["sources"] == f"astana; {SEED_ARTICLE}"
    data = json.loads(export.to_json(frame))
    assert data[0]["lat"] == pytest.approx(41.5843) and data[0]["sources"] == [SEED_ARTICLE]
    assert data[6]["date"] is None and data[6]["lat"] is None        # the undated, unplaced event
    assert data[0]["seq"] == 1 and type(data[0]["n_sources"]) is int and type(data[0]["confidence"]) is float
    assert export.to_json(frame.head(0)) == b"[]" and json.loads(export.to_geojson(frame.head(0)))["features"] == []
    geo = json.loads(export.to_geojson(frame))
    assert geo["type"] == "FeatureCollection"
    points = [f for f in geo["features"] if f["geometry"]["type"] == "Point"]
    assert len(points) == len(frame) - 1                              # no point for the unplaced event
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [60.6417, 41.5843]}
    assert geo["features"][0]["properties"]["title"] == "Arrival at Urgench International Airport"


def test_planned_events_are_hidden_unless_asked_for() -> None:
    import pandas as pd

    frame = pd.DataFrame({"kind": ["arrival", "talks"], "status": ["happened", "planned"],
                          "date": ["2024-04-05", "2024-04-06"]})
    assert list(flt.apply(frame, flt.Filters())["kind"]) == ["arrival"]
    assert list(flt.apply(frame, flt.Filters(planned=True))["kind"]) == ["arrival", "talks"]
    assert flt.to_query(flt.Filters(planned=True)) == {"planned": ["1"]}
    assert flt.from_query({"planned": "1"}).planned
    assert not flt.from_query({}).planned


def test_visit_person_and_language_round_trip_the_url_and_filter():
    import pandas as pd

    from dashboard import filters as f

    chosen = f.Filters(visit="v123", people=("Kassym-Jomart Tokayev",), languages=("ru",))
    params = f.to_query(chosen)
    assert params == {"visit": ["v123"], "person": ["Kassym-Jomart Tokayev"], "language": ["ru"]}   # ?lang= is the page's own language
    assert f.from_query(params) == chosen and chosen.active
    frame = pd.DataFrame({"visit": ["v123", "v123", "v9"], "language": ["ru", "uz", "ru"],
                          "participants": ["Kassym-Jomart Tokayev; Shavkat Mirziyoyev", "Kassym-Jomart Tokayev",
                                           "Kassym-Jomart Tokayev"], "status": ["happened"] * 3})
    assert f.apply(frame, chosen).index.tolist() == [0]
    assert f.apply(frame, f.Filters(people=("Shavkat Mirziyoyev",))).index.tolist() == [0]
    assert f.people_options(frame) == ["Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"]
    stale = f.restrict(chosen, {"visit": ["v9"], "people": [], "languages": ["ru"]})
    assert (stale.visit, stale.people, stale.languages) == (None, (), ("ru",))


def _titled(frame, chosen):
    """A made-up filter: events whose title holds one of the chosen words."""
    return frame["title"].map(lambda t: any(w in str(t) for w in chosen)).astype(bool)


def test_a_new_filter_is_one_spec_row_and_one_function(monkeypatch):
    row = flt.Spec("words", "has", "multi", _titled, "Title has", "f_words")
    monkeypatch.setattr(flt, "SPECS", [*flt.SPECS, row])
    chosen = flt.Filters(words=("Khiva",), kinds=("talks",))
    params = flt.to_query(chosen)
    assert params == {"kind": ["talks"], "has": ["Khiva"]}
    assert flt.from_query(params) == chosen and flt.in_query(["has"]) and chosen.active
    assert titles(flt.apply(mixed_frame(), chosen)) == ["Informal talks in Khiva"]
    assert titles(flt.apply(mixed_frame(), flt.Filters(words=("Astana",)))) == ["Summit in Astana"]
    assert flt.restrict(chosen, {"words": ["Tashkent"]}).words == ()


def test_a_filter_not_in_the_table_is_refused():
    with pytest.raises(TypeError, match="words"):
        flt.Filters(words=("Khiva",))


def test_filters_survive_pickle_and_copy_and_stay_frozen():
    import copy
    import pickle

    chosen = flt.Filters(kinds=("talks",), start=dt.date(2024, 4, 5), planned=True)
    assert pickle.loads(pickle.dumps(chosen)) == chosen and copy.deepcopy(chosen) == chosen
    assert hash(copy.copy(chosen)) == hash(chosen) and chosen != flt.Filters(kinds=("talks",))
    with pytest.raises(AttributeError):
        chosen.kinds = ()


@pytest.mark.parametrize("seed", [1, 2], ids=["seed-1", "seed-2"])
def test_the_distinct_places_are_the_first_row_of_each_combination_as_drop_duplicates_gives(seed):
    """location_options works on each place column's codes; the rows it takes are drop_duplicates'."""
    import random

    import pandas as pd

    rng = random.Random(seed)
    cols = ["place", "city", "country"]
    frame = pd.DataFrame({c: pd.array([rng.choice(["Khiva", "Urgench", "", None]) for _ in range(300)],
                                      dtype="string") for c in cols})
    expected = frame.reset_index(drop=True).drop_duplicates(subset=cols).index.to_numpy()
    assert flt._first_rows(frame, cols).tolist() == expected.tolist()
