"""Exports parsed back: CSV/JSON with article metadata and CAMEO codes, GeoJSON (valid, with a route),
TimelineJS3 (its documented fields), iCalendar (read by icalendar); file names; the CLI on the seed."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import jsonschema
import pandas as pd
import pytest

from dashboard import cli, editing, export
from dashboard.compact import compact
from dashboard.demo import ensure_seed
from dashboard.service import store_for
from dashboard.settings import Settings
from tests.factories_ui import mixed_frame, timeline_frame

SEED_KINDS = ["arrival", "tour", "talks", "visit", "departure"]

# TimelineJS3's JSON format (timeline.knightlab.com/docs/json-format.html): the fields it documents.
_DATE = {"type": "object", "required": ["year"], "additionalProperties": False, "properties": {
    **{k: {"type": "integer"} for k in ("year", "month", "day", "hour", "minute", "second", "millisecond")},
    "display_date": {"type": "string"}, "format": {"type": "string"}}}
_TEXT = {"type": "object", "additionalProperties": False,
         "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
_SLIDE = {"type": "object", "additionalProperties": False, "properties": {
    "start_date": _DATE, "end_date": _DATE, "text": _TEXT, "media": {"type": "object"},
    "group": {"type": "string"}, "display_date": {"type": "string"}, "background": {"type": "object"},
    "autolink": {"type": "boolean"}, "unique_id": {"type": "string"}}}
TIMELINEJS = {"type": "object", "required": ["events"], "additionalProperties": False, "properties": {
    "events": {"type": "array", "items": {**_SLIDE, "required": ["start_date"]}}, "title": _SLIDE,
    "eras": {"type": "array"}, "scale": {"enum": ["human", "cosmological"]}}}

# GeoJSON (RFC 7946), the parts these files use.
_POSITION = {"type": "array", "minItems": 2, "maxItems": 3,
             "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180},
                             {"type": "number", "minimum": -90, "maximum": 90}]}
GEOJSON = {"type": "object", "required": ["type", "features"], "properties": {
    "type": {"const": "FeatureCollection"},
    "features": {"type": "array", "items": {
        "type": "object", "required": ["type", "geometry", "properties"], "properties": {
            "type": {"const": "Feature"}, "properties": {"type": ["object", "null"]},
            "geometry": {"oneOf": [
                {"type": "object", "required": ["type", "coordinates"],
                 "properties": {"type": {"const": "Point"}, "coordinates": _POSITION}},
                {"type": "object", "required": ["type", "coordinates"],
                 "properties": {"type": {"const": "LineString"},
                                "coordinates": {"type": "array", "minItems": 2, "items": _POSITION}}}]}}}}}}


def articles() -> pd.DataFrame:
    return pd.DataFrame({"id": ["seed-khiva", "retelling-cyrl"], "title": ["Khiva visit", "Ретеллинг"],
                         "source": ["khiva.txt", "https://example.org/a"], "published": ["2024-04-05"] * 2,
                         "language": ["uz-Latn", "uz-Cyrl"]}).astype("string")


def test_csv_carries_article_metadata_cameo_codes_and_participants():
    frame = timeline_frame()
    frame.loc[0, "participants"] = "Qasim-Jomart Toqaev; Shavkat Mirziyoev"
    rows = list(csv.DictReader(io.StringIO(export.to_csv(frame, articles()).decode("utf-8-sig"))))
    assert [r["kind"] for r in rows] == SEED_KINDS
    assert [r["cameo"] for r in rows] == ["042", "061", "046", "042", "042"]
    assert rows[2]["cameo_label"] == "Engage in negotiation" and rows[0]["cameo_also"] == "043"
    assert rows[0]["participants"] == "Qasim-Jomart Toqaev; Shavkat Mirziyoev"
    assert {k: rows[0][f"article_{k}"] for k in ("title", "source", "published", "language")} == {
        "title": "Khiva visit", "source": "khiva.txt", "published": "2024-04-05", "language": "uz-Latn"}
    assert rows[0]["source_titles"] == "Khiva visit"


def test_json_lists_source_titles_and_stable_ids():
    data = json.loads(export.to_json(mixed_frame(), articles()))
    merged = data[-1]
    assert merged["sources"] == ["astana", "seed-khiva"] and merged["source_titles"] == ["astana", "Khiva visit"]
    assert len({d["uid"] for d in data}) == len(data)
    assert all(d["cameo"] is not None for d in data if d["kind"] != "other")


def test_every_kind_has_a_row_in_the_cameo_table():
    from dashboard.schema import KINDS

    table = export.cameo_table()
    assert set(table) == set(KINDS)
    assert all(len(v["cameo"]) == 3 and v["cameo"].isdigit() for k, v in table.items() if k != "other")


def test_geojson_is_valid_with_a_point_per_placed_event_and_a_route_per_visit():
    frame = mixed_frame()
    doc = json.loads(export.to_geojson(frame, articles()))
    jsonschema.validate(doc, GEOJSON)
    kinds = [f["geometry"]["type"] for f in doc["features"]]
    assert kinds.count("Point") == frame["lat"].notna().sum()
    routes = [f for f in doc["features"] if f["geometry"]["type"] == "LineString"]
    seed = [r for r in routes if r["properties"]["group"] == "seed-khiva"]
    assert len(seed) == 1 and seed[0]["geometry"]["coordinates"][0] == [60.6417, 41.5843]
    assert len(seed[0]["geometry"]["coordinates"]) == 5


def test_timelinejs_validates_and_escapes_the_evidence():
    frame = mixed_frame()
    frame.loc[0, "evidence"] = "<script>alert(1)</script> kutib oldi."
    doc = json.loads(export.to_timelinejs(frame, articles()))
    jsonschema.validate(doc, TIMELINEJS)
    dated = frame["date"].notna().sum()
    assert len(doc["events"]) == dated
    first = doc["events"][0]
    assert first["start_date"] == {"year": 2024, "month": 4, "day": 5}
    assert "&lt;script&gt;" in first["text"]["text"] and "<script>" not in first["text"]["text"]
    timed = [e for e in doc["events"] if "hour" in e["start_date"]]
    assert timed and timed[0]["start_date"]["hour"] == 10 and timed[0]["start_date"]["minute"] == 30
    assert len({e["group"] for e in doc["events"]}) >= 2


def test_ics_is_read_back_by_icalendar():
    frame = mixed_frame()
    cal = icalendar.Calendar.from_ical(export.to_ics(frame, articles()))
    events = cal.walk("VEVENT")
    assert len(events) == (frame["date_precision"] == "day").sum()
    first = events[0]
    assert first.decoded("dtstart") == dt.date(2024, 4, 5) and first.decoded("dtend") == dt.date(2024, 4, 6)
    assert str(first["location"]).startswith("Urgench International Airport")
    assert (first["geo"].latitude, first["geo"].longitude) == pytest.approx((41.5843, 60.6417))
    timed = [e for e in events if isinstance(e.decoded("dtstart"), dt.datetime)]
    assert timed and timed[0].decoded("dtstart") == dt.datetime(2024, 4, 6, 10, 30)
    assert len({str(e["uid"]) for e in events}) == len(events)


@pytest.mark.parametrize(("rows", "ext", "expected"), [
    pytest.param(slice(0, 5), "ics", "toqaev-in-uzbekistan_2024-04-05.ics", id="one-visit"),
    pytest.param(slice(0, 0), "csv", "visit-timeline_empty.csv", id="empty"),
    pytest.param(slice(None), "geojson", "timeline-3-visits_2024-04-05_2024-05-01.geojson", id="several"),
])
def test_file_names_say_what_the_file_holds(rows, ext, expected):
    frame = mixed_frame()
    frame["participants"] = "Toqaev"
    assert export.file_name(frame.iloc[rows], ext) == expected


# -- the acceptance run on the seed, through the CLI ----------------------------------------------------

@pytest.fixture
def seeded_db(tmp_path, monkeypatch):
    db = tmp_path / "seed.sqlite3"
    ensure_seed(Settings(db_path=db))
    monkeypatch.chdir(tmp_path)
    return db


def test_seed_edit_reextract_and_export(seeded_db, tmp_path, capsys):
    store = store_for(Settings(db_path=seeded_db))
    assert store.timeline()["kind"].tolist() == SEED_KINDS
    talks = int(store.timeline().loc[lambda f: f["kind"] == "talks", "event_id"].iloc[0])
    assert cli.main(["edit", str(talks), "--kind", "meeting", "--by", "Ann", "--db", str(seeded_db)]) == 0
    assert cli.main(["reextract", "--db", str(seeded_db)]) == 0
    out = capsys.readouterr().out
    assert "1 article re-extracted: 0 events added, 0 changed, 0 dropped" in out
    assert store.timeline()["kind"].tolist() == ["arrival", "tour", "meeting", "visit", "departure"]

    assert cli.main(["export", "--format", "ics", "--db", str(seeded_db)]) == 0
    name, said = capsys.readouterr().out.strip().split(": ")
    assert name.endswith("-in-uzbekistan_2024-04-05.ics") and said == "5 events"   # named after the visit
    ics = tmp_path / name
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 5 and [str(e["categories"].cats[0]) for e in events][2] == "meeting"

    assert cli.main(["export", "--format", "timelinejs", "--db", str(seeded_db), "-o", str(tmp_path / "t.json")]) == 0
    doc = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, TIMELINEJS)
    assert len(doc["events"]) == 5

    capsys.readouterr()
    assert cli.main(["export", "--format", "geojson", "--db", str(seeded_db), "-o", str(tmp_path)]) == 0
    geo = json.loads((tmp_path / name.replace(".ics", ".geojson")).read_text("utf-8"))
    jsonschema.validate(geo, GEOJSON)
    kinds = [f["geometry"]["type"] for f in geo["features"]]
    assert kinds.count("Point") == 5 and kinds.count("LineString") == 1


def test_ics_uids_stay_when_the_store_is_reextracted(seeded_db):
    settings = Settings(db_path=seeded_db)
    store = store_for(settings)
    before = [str(e["uid"]) for e in icalendar.Calendar.from_ical(export.to_ics(store.timeline())).walk("VEVENT")]
    editing.reextract(store, settings)
    after = [str(e["uid"]) for e in icalendar.Calendar.from_ical(export.to_ics(store.timeline())).walk("VEVENT")]
    assert before == after and len(set(after)) == 5


def test_export_of_one_article_and_an_unknown_visit(seeded_db, tmp_path, capsys):
    article = store_for(Settings(db_path=seeded_db)).articles()["id"].iloc[0]
    assert cli.main(["export", "--format", "csv", "--visit", article[:12], "--db", str(seeded_db)]) == 0
    assert "5 events" in capsys.readouterr().out
    assert cli.main(["export", "--format", "csv", "--visit", "nothing-here", "--db", str(seeded_db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no visit or article") and err.count("\n") == 1


def test_cli_edit_errors_are_one_line(seeded_db, capsys):
    assert cli.main(["edit", "999", "--kind", "press", "--db", str(seeded_db)]) == 2
    assert cli.main(["edit", "1", "--place", "Qwertyuiopgrad", "--db", str(seeded_db)]) == 2
    assert cli.main(["delete-event", "999", "--db", str(seeded_db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("error: ") for line in err)


# -- exports say what they hold ----------------------------------------------------------------------------

def with_visits(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` grouped as the store groups it: the seed's five events and Tashkent's talks one visit,
    the Astana summit another, the undated signing in no visit (grouped by its article)."""
    out = frame.copy()
    out["visit"] = ["v-kz"] * 6 + ["tashkent", "v-astana"]
    out["visit_title"] = pd.array(["Toqaev in Uzbekistan"] * 6 + [None, "Mirziyoyev in Kazakhstan"],
                                  dtype="string")
    return out


def test_formats_that_cannot_hold_undated_events_list_them():
    frame = with_visits(mixed_frame())
    timeline = json.loads(export.to_timelinejs(frame))
    assert len(timeline["events"]) == 7
    assert "1 event has no day" in timeline["title"]["text"]["text"]
    assert "Agreements signed" in timeline["title"]["text"]["text"]
    calendar = icalendar.Calendar.from_ical(export.to_ics(frame))
    assert len(calendar.walk("VEVENT")) == 7
    assert "Agreements signed" in str(calendar["x-wr-caldesc"])
    dated = mixed_frame().iloc[:5]
    assert "x-wr-caldesc" not in icalendar.Calendar.from_ical(export.to_ics(dated))
    assert "no day" not in json.loads(export.to_timelinejs(dated))["title"]["text"]["text"]


def test_csv_and_json_hold_every_event_with_its_visit_title():
    frame = with_visits(mixed_frame())
    table = list(csv.DictReader(io.StringIO(export.to_csv(frame).decode("utf-8-sig"))))
    assert len(table) == 8 and "Agreements signed" in [r["title"] for r in table]
    assert [r["visit_title"] for r in table].count("Toqaev in Uzbekistan") == 6
    assert next(r for r in table if r["title"] == "Agreements signed")["visit_title"] == ""
    items = json.loads(export.to_json(frame))
    assert len(items) == 8 and items[-1]["visit_title"] == "Mirziyoyev in Kazakhstan"
    routes = [f for f in json.loads(export.to_geojson(frame))["features"] if f["properties"]["feature"] == "route"]
    assert [r["properties"]["label"] for r in routes] == ["Toqaev in Uzbekistan, 2024-04-05"]


@pytest.mark.parametrize(("rows", "expected"), [
    pytest.param(slice(None), "timeline-2-visits-1-other-event_2024-04-05_2024-05-01.csv", id="visits-and-other"),
    pytest.param(slice(0, 6), "toqaev-in-uzbekistan_2024-04-05.csv", id="one-visit"),
    pytest.param([0, 7], "timeline-2-visits_2024-04-05_2024-05-01.csv", id="two-visits"),
])
def test_file_names_count_the_visits_the_page_counts(rows, expected):
    frame = with_visits(mixed_frame())
    assert export.file_name(frame.iloc[rows], "csv") == expected


@pytest.mark.parametrize("rows", [slice(None), slice(0, 6), [0, 7], [7]], ids=["all", "one-visit", "two", "alone"])
@pytest.mark.parametrize("visits", [True, False], ids=["visits", "articles"])
def test_file_names_of_the_page_s_compacted_frame_are_those_of_the_store_s(rows, visits):
    """The page's frame holds its text as categoricals (dashboard.compact): the groups and the date range
    are read per distinct value there, and name the file as the store's text columns do."""
    frame = (with_visits(mixed_frame()) if visits else mixed_frame()).iloc[rows]
    frame = frame.astype({name: "string" for name in ("date", "visit", "visit_title", "article")
                          if name in frame.columns})
    repeated = pd.concat([frame] * 40, ignore_index=True)       # repeated: worth a categorical
    compacted = compact(repeated.copy())
    assert isinstance(compacted["date"].dtype, pd.CategoricalDtype)
    assert export.file_stem(compacted) == export.file_stem(repeated)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("rows", [slice(None), slice(0, 1), slice(0, 0)], ids=["all", "one", "none"])
def test_csv_and_json_made_in_parts_are_the_files_made_whole(fmt, rows, monkeypatch):
    """A whole timeline's file is enriched and written CHUNK rows at a time: the same bytes (one BOM,
    one header, one JSON array) as when the frame is made at once."""
    from dashboard.export import tables

    frame = with_visits(mixed_frame()).iloc[rows]
    whole = export.FORMATS[fmt].build(frame, None)
    monkeypatch.setattr(tables, "CHUNK", 3)         # 8 events: three parts
    assert export.FORMATS[fmt].build(frame, None) == whole
    compacted = compact(pd.concat([frame] * 30, ignore_index=True))     # the page's frame: turned back in parts
    assert any(isinstance(t, pd.CategoricalDtype) for t in compacted.dtypes) or not len(frame)
    assert export.FORMATS[fmt].build in export.IN_PARTS
    assert export.FORMATS[fmt].build(compacted, None) == \
        export.FORMATS[fmt].build(pd.concat([frame] * 30, ignore_index=True), None)
    assert len(list(tables.enriched_parts(frame))) == max(1, -(-len(frame) // 3))
