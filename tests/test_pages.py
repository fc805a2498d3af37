"""The pages, driven by Streamlit's AppTest: filters, URL state, selection -> evidence, upload, delete.

Each test gets its own SQLite file (VISIT_TIMELINE_DB_PATH). The timeline-page tests fill it with the
seed's five events made by hand (tests/factories_ui.py), so they test the page, not the engine; the
upload tests use a stand-in engine for the plumbing and the real engine for the Cyrillic retelling.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import dashboard.extract as extract_module
from dashboard import editing, figures
from dashboard.demo import ensure_seed
from dashboard.extract import Extraction
from dashboard.merge import article_id
from dashboard.schema import Event, to_frame
from dashboard.settings import Settings
from dashboard.store import ArticleRow, Store
from dashboard.views import editor
from tests.factories_ui import big_frame, seed_events

ROOT = Path(__file__).resolve().parent.parent
TIMELINE = str(ROOT / "dashboard" / "views" / "timeline.py")
ARTICLES = str(ROOT / "dashboard" / "views" / "articles.py")
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SEED_TEXT = (ROOT / "data" / "seed" / "khiva_visit_2024-04-05.txt").read_text(encoding="utf-8")
TIMEOUT = 60
CITIES = {"Khiva": (41.3783, 60.3636), "Urgench": (41.5843, 60.6417)}


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "timeline.sqlite3"
    monkeypatch.setenv("VISIT_TIMELINE_DB_PATH", str(path))
    return path


def add_article(db: Path, text: str, events: list[Event], title: str) -> str:
    aid = article_id(text)
    for event in events:
        event.article = aid
        found = text.find(event.evidence)
        event.evidence_start, event.evidence_end = (found, found + len(event.evidence)) if found >= 0 else (0, 0)
    Store(db).add_article(ArticleRow(id=aid, text=text, title=title, published="2024-04-05", language="uz"),
                          to_frame(events))
    return aid


@pytest.fixture
def seeded(db) -> Path:
    """The store holding the seed article and its five events (as the engine should make them)."""
    events = seed_events()
    # evidence as it stands in the article, so the page can find and highlight it
    events[2].evidence = "Xivada norasmiy uchrashuv boʻlib\noʻtdi."
    add_article(db, SEED_TEXT, events, "Qozogʻiston prezidentining Oʻzbekistonga tashrifi")
    return db


def run(path: str) -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def charts(at: AppTest) -> dict[str, dict]:
    return {key: json.loads(el.proto.spec) for key, el in zip(("timeline", "map"), at.get("plotly_chart"),
                                                                strict=True)}


def chart_ids(spec: dict) -> list[str]:
    return sorted(cd[0] for trace in spec["data"] if trace.get("customdata") for cd in trace["customdata"])


def table(at: AppTest):
    return at.dataframe[0].value


def detail_html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def test_first_view_shows_five_events_on_timeline_map_and_table(seeded):
    at = run(TIMELINE)
    specs = charts(at)
    assert len(chart_ids(specs["timeline"])) == 5 and len(chart_ids(specs["map"])) == 5
    assert table(at)["title"].iloc[0] == "Arrival at Urgench International Airport"
    assert list(table(at)["when"]) == [f"5 Apr 2024 · {n} of 5" for n in ("1st", "2nd", "3rd", "4th", "5th")]
    assert [b.label for b in at.download_button] == ["Download CSV", "Download JSON", "Download GeoJSON",
                                                      "Download TimelineJS", "Download Calendar (.ics)"]
    assert "5 of 5 events" in at.caption[0].value


def test_location_filter_changes_what_is_shown_and_goes_into_the_url(seeded):
    at = run(TIMELINE)
    at.sidebar.multiselect(key="f_loc").set_value(["city:Urgench"]).run(timeout=TIMEOUT)
    assert not at.exception
    specs = charts(at)
    assert len(chart_ids(specs["timeline"])) == 2 and len(chart_ids(specs["map"])) == 2
    assert list(table(at)["kind"]) == ["arrival", "departure"]
    assert at.query_params["loc"] == "city:Urgench"
    at.sidebar.multiselect(key="f_loc").set_value(["city:Khiva"]).run(timeout=TIMEOUT)
    assert list(table(at)["place"]) == ["Xiva gilamlari carpet factory", "Khiva", "Ichan-Qala"]


def test_a_shared_link_opens_the_filtered_view(seeded):
    at = AppTest.from_file(TIMELINE, default_timeout=TIMEOUT)
    at.query_params["loc"] = "landmark:Ichan-Qala"
    at.query_params["kind"] = ["visit", "tour"]
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_loc").value == ["landmark:Ichan-Qala"]
    assert list(table(at)["title"]) == ["Visit to Ichan-Qala and the Nurillaboy palace"]


def test_kind_and_date_filters(seeded):
    at = run(TIMELINE)
    at.sidebar.multiselect(key="f_kind").set_value(["talks", "tour"]).run(timeout=TIMEOUT)
    assert list(table(at)["kind"]) == ["tour", "talks"]
    assert sorted(at.query_params["kind"]) == ["talks", "tour"]


@pytest.mark.parametrize("key", ["timeline_chart", "map_chart"], ids=["timeline", "map"])
def test_selecting_a_point_shows_its_evidence_in_the_article(seeded, key):
    at = run(TIMELINE)
    talks = next(cd[0] for t in charts(at)["timeline"]["data"] if t["name"] == "talks" for cd in t["customdata"])
    at.session_state[key] = {"selection": {"points": [{"customdata": [talks, 3], "point_index": 0}],
                                           "point_indices": [0], "box": [], "lasso": []}}
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert at.subheader[0].value == "3. Informal talks in Khiva"
    assert '<mark style="background:#fde68a;padding:0 2px">Xivada norasmiy uchrashuv boʻlib\noʻtdi.</mark>' \
        in detail_html(at)
    assert at.query_params["event"] == talks


def test_a_shared_link_opens_its_event_and_a_stale_one_the_first(seeded):
    at = run(TIMELINE)
    talks = next(cd[0] for t in charts(at)["timeline"]["data"] if t["name"] == "talks" for cd in t["customdata"])
    for event, shown in ((talks, "3. Informal talks in Khiva"), ("99999", None), ("not-an-id", None)):
        linked = AppTest.from_file(TIMELINE, default_timeout=TIMEOUT)
        linked.query_params["event"] = event
        linked.run()
        assert not linked.exception
        assert linked.subheader[0].value == (shown or at.subheader[0].value), event


def test_selecting_a_table_row_shows_that_event(seeded):
    at = run(TIMELINE)
    at.session_state["events_table"] = {"selection": {"rows": [3], "columns": []}}
    at.run(timeout=TIMEOUT)
    assert at.subheader[0].value == "4. Visit to Ichan-Qala and the Nurillaboy palace"
    assert "precision *exact*" in " ".join(m.value for m in at.markdown)
    assert "<mark" in detail_html(at) and "Nurillaboy saroyini" in detail_html(at)


def test_article_text_is_shown_as_text_never_as_html(db):
    text = (FIXTURES / "script_injection.txt").read_text(encoding="utf-8")
    event = Event(article="", seq=1, kind="visit", title="Visit to Khiva", date="2024-04-05",
                  date_precision="day", place="Khiva", place_kind="city", city="Khiva", lat=41.38, lon=60.36,
                  evidence="Matnda <img src=x onerror=alert(1)> bor")
    add_article(db, text, [event], "<script>alert(1)</script> title")
    at = run(TIMELINE)
    shown = detail_html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<mark style=\"background:#fde68a;padding:0 2px\">Matnda &lt;img src=x onerror=alert(1)&gt; bor</mark>" \
        in shown
    assert "<script>" not in shown and "<img" not in shown


def one_article_per_day(db, frame) -> None:
    """Store ``frame``'s events as one article per day (so nothing merges)."""
    for number, (day, events) in enumerate(frame.groupby("date", sort=True)):
        text = f"Article {number} about {day}."
        Store(db).add_article(ArticleRow(id=article_id(text), text=text, title=f"Article {number}"),
                              events.drop(columns=["event_id", "sources", "n_sources"]))


def test_a_large_timeline_is_counted_per_period_and_place_with_exact_counts(db):
    frame = big_frame(600, days=200, seed=3)
    one_article_per_day(db, frame)
    at = run(TIMELINE)
    note = " ".join(c.value for c in at.caption)
    assert "600 of 600 events" in note and "per week and kind" in note
    specs = charts(at)
    assert {t["type"] for t in specs["timeline"]["data"]} == {"scattergl"}
    assert sum(cd[2] for t in specs["timeline"]["data"] for cd in t["customdata"]) == 600
    assert sum(cd[2] for cd in specs["map"]["data"][0]["customdata"]) == 600
    assert len(table(at)) == 500 and table(at)["#"].iloc[0] == 1   # the table lists them 500 at a time
    at.number_input(key="table_page").set_value(2).run(timeout=TIMEOUT)
    assert list(table(at)["#"]) == list(range(501, 601))
    at.session_state["events_table"] = {"selection": {"rows": [3], "columns": []}}
    at.run(timeout=TIMEOUT)
    assert at.subheader[0].value.startswith("504. ")              # a row of page 2 is event 504
    busiest = max(specs["map"]["data"][0]["customdata"], key=lambda cd: cd[2])
    at.session_state["map_chart"] = {"selection": {"points": [{"customdata": busiest, "point_index": 0}],
                                                   "point_indices": [0], "box": [], "lasso": []}}
    at.run(timeout=TIMEOUT)
    assert at.subheader[0].value.startswith(f"{busiest[1]}. ")
    at.sidebar.multiselect(key="f_kind").set_value(["talks"]).run(timeout=TIMEOUT)
    talks = int((frame["kind"] == "talks").sum())
    assert len(table(at)) == talks and f"{talks} of 600 events" in at.caption[0].value
    specs = charts(at)                                             # few enough to draw each event again
    assert len(chart_ids(specs["map"])) == talks and len(chart_ids(specs["timeline"])) == talks


# -- the articles page -------------------------------------------------------------------------------------

def stand_in_extract(text: str, published: str | None = None, article: str = "", settings=None) -> Extraction:
    """``@kind City`` lines become events dated ``published`` (the upload plumbing, not the engine)."""
    events = []
    for line in text.splitlines():
        if line.startswith("@"):
            kind, city = line[1:].split()
            lat, lon = CITIES[city]
            events.append(Event(article=article, seq=len(events), kind=kind, title=f"{kind} in {city}",
                                date=published, date_precision="day", place=city, place_kind="city",
                                city=city, lat=lat, lon=lon, evidence=line))
    return Extraction(events=to_frame(events), language="uz-Latn", title="")


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(extract_module, "extract", stand_in_extract)


VISIT = b"Visit\n@arrival Urgench\n@tour Khiva\n@talks Khiva\n@departure Urgench\n"
RETOLD = b"Retold\n@tour Khiva\n@talks Khiva\n@press Khiva\n"


def messages(at: AppTest) -> dict[str, list[str]]:
    return {kind: [m.value for m in getattr(at, kind)] for kind in ("success", "info", "warning", "error")}


def upload(at: AppTest, files: list[tuple[str, bytes, str]], date: str = "2024-04-05") -> AppTest:
    """Upload ``files``, confirm each one's publication date as ``date``, and store them."""
    at.file_uploader[0].set_value(files)
    at.run(timeout=TIMEOUT)
    for widget in at.date_input:
        if widget.key and widget.key.startswith("pub_"):
            widget.set_value(date)
    return at.button(key="store_pending").click().run(timeout=TIMEOUT)


def test_upload_adds_then_merges_events(db, stand_in):
    Store(db).add_article(ArticleRow(id="x", text="x", title="other"), to_frame([]))   # no seed for this test
    at = upload(run(ARTICLES), [("visit.txt", VISIT, "text/plain"), ("retold.txt", RETOLD, "text/plain")])
    assert not at.exception
    assert messages(at)["success"] == ["visit.txt: 4 events added", "retold.txt: 1 added, 2 merged"]
    frame = Store(db).timeline()
    assert len(frame) == 5 and list(frame["n_sources"]).count(2) == 2
    assert not at.file_uploader[0].value          # a fresh uploader: the files are not read twice
    titles = [t.value for t in at.text]
    assert "retold.txt" in " ".join(titles) or "Retold" in " ".join(titles)


def test_bad_upload_shows_an_error_and_changes_nothing(seeded, stand_in):
    before = Store(seeded).stats()
    at = run(ARTICLES)
    png = (FIXTURES / "photo.png").read_bytes()      # an image renamed .txt passes the uploader's filter
    at.file_uploader[0].set_value([("photo.txt", png, "text/plain"), ("empty.txt", b"", "text/plain")])
    at.run(timeout=TIMEOUT)
    assert not at.exception
    errors = messages(at)["error"]
    assert len(errors) == 2 and errors[0].startswith("photo.txt: refused:") and "PNG" in errors[0]
    assert errors[1].startswith("empty.txt: refused:")
    assert Store(seeded).stats() == before


def test_paste_box_adds_events_with_the_given_date(db, stand_in):
    Store(db).add_article(ArticleRow(id="x", text="x", title="other"), to_frame([]))
    at = run(ARTICLES)
    at.text_area(key="paste_text").input(VISIT.decode())
    at.text_input(key="paste_name").input("my notes")
    at.date_input(key="published").set_value("2024-04-05")
    at.button(key="paste_add").click().run(timeout=TIMEOUT)
    assert messages(at)["success"] == ["my notes: 4 events added"]
    assert set(Store(db).timeline()["date"]) == {"2024-04-05"}


def test_delete_keeps_merged_events_with_their_other_source(db, stand_in):
    Store(db).add_article(ArticleRow(id="x", text="x", title="other"), to_frame([]))
    at = upload(run(ARTICLES), [("visit.txt", VISIT, "text/plain"), ("retold.txt", RETOLD, "text/plain")])
    retold = article_id(RETOLD.decode())
    at.button(key=f"delete_{retold}").click().run(timeout=TIMEOUT)
    at.button(key=f"confirm_delete_{retold}").click().run(timeout=TIMEOUT)
    assert not at.exception
    frame = Store(db).timeline()
    assert len(frame) == 4 and set(frame["n_sources"]) == {1}
    assert retold not in set(Store(db).articles()["id"])


def test_cyrillic_retelling_merges_into_the_seed(db):
    """The real engine: the seed (as the demo loads it), then the Uzbek Cyrillic retelling joins four of
    its events."""
    ensure_seed(Settings.from_env())
    at = run(ARTICLES)
    assert Store(db).stats()["events"] == 5
    data = (FIXTURES / "khiva_retelling_cyrl.txt").read_bytes()
    upload(at, [("khiva_retelling_cyrl.txt", data, "text/plain")])
    assert messages(at)["success"] == ["khiva_retelling_cyrl.txt: 0 added, 4 merged"]
    frame = Store(db).timeline()
    assert len(frame) == 5 and list(frame["n_sources"]) == [1, 2, 2, 2, 2]
    page = run(TIMELINE)
    assert list(table(page)["sources"]) == [1, 2, 2, 2, 2]


# -- corrections -------------------------------------------------------------------------------------------

def kinds_on_timeline(at: AppTest) -> dict[str, list[str]]:
    spec = charts(at)["timeline"]
    return {t["name"]: sorted(cd[0] for cd in t["customdata"]) for t in spec["data"] if t.get("customdata")}


def test_editing_a_kind_changes_the_timeline_and_the_table_and_can_be_undone(seeded):
    talks = str(Store(seeded).timeline().loc[lambda f: f["kind"] == "talks", "event_id"].iloc[0])
    at = AppTest.from_file(TIMELINE, default_timeout=TIMEOUT)
    at.query_params["event"] = talks
    at.session_state[editor.EDIT_OPEN] = True               # the editor's expander opened
    at.run()
    assert not at.exception
    at.sidebar.text_input(key="editor_name").set_value("Ann")
    at.selectbox(key=f"ed_{talks}_kind").set_value("meeting")
    at.button(key=f"ed_{talks}_save").click().run(timeout=TIMEOUT)
    assert not at.exception, [e.message for e in at.exception]
    assert list(table(at)["kind"]) == ["arrival", "tour", "meeting", "visit", "departure"]
    assert kinds_on_timeline(at)["meeting"] == [talks] and "talks" not in kinds_on_timeline(at)
    assert any("Corrected by **Ann**" in c.value for c in at.caption)
    log = Store(seeded).edit_log()
    assert log["author"].tolist() == ["Ann"] and log["new"].tolist() == ['{"kind": "meeting"}']
    undo = [b for b in at.button if b.label == "Undo"]
    assert len(undo) == 1
    undo[0].click().run(timeout=TIMEOUT)
    assert not at.exception
    assert list(table(at)["kind"]) == ["arrival", "tour", "talks", "visit", "departure"]
    assert Store(seeded).edit_log()["undone_by"].tolist() == ["Ann"]


def test_a_refused_correction_is_one_line_and_changes_nothing(seeded):
    talks = str(Store(seeded).timeline().loc[lambda f: f["kind"] == "talks", "event_id"].iloc[0])
    at = AppTest.from_file(TIMELINE, default_timeout=TIMEOUT)
    at.query_params["event"] = talks
    at.session_state[editor.EDIT_OPEN] = True               # the editor's expander opened
    at.run()
    at.text_input(key=f"ed_{talks}_time").set_value("25:99")
    at.button(key=f"ed_{talks}_save").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert [e.value for e in at.error] == ["not a time (want HH:MM): '25:99'"]
    assert Store(seeded).edit_log().empty


def test_delete_and_add_by_hand_in_the_page(seeded):
    at = run(TIMELINE)
    first = str(Store(seeded).timeline()["event_id"].iloc[0])
    assert not [b for b in at.button if b.key == f"ed_{first}_delete"]   # the editor is closed: not built
    at.session_state[editor.EDIT_OPEN] = True
    at.run(timeout=TIMEOUT)
    at.button(key=f"ed_{first}_delete").click().run(timeout=TIMEOUT)
    assert list(table(at)["kind"]) == ["tour", "talks", "visit", "departure"]
    assert not [s for s in at.selectbox if s.key == "add_article"]     # closed: its article list is not sent
    at.session_state[editor.ADD_OPEN] = True                          # the user opens the expander
    at.run(timeout=TIMEOUT)
    at.selectbox(key="add_kind").set_value("press")
    at.date_input(key="add_date").set_value(dt.date(2024, 4, 5))
    at.text_input(key="add_title").set_value("Joint statement")
    at.text_input(key="add_place").set_value("Xiva")
    at.button(key="add_save").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert list(table(at)["title"])[-1] == "Joint statement" and list(table(at)["place"])[-1] == "Khiva"


def test_the_no_filter_view_is_sequenced_once_per_store_change_and_filters_keep_timeline_order(db):
    from dashboard import filters as flt
    from dashboard.views import common

    frame = big_frame(300, days=12, seed=9, undated=4)
    timed = frame.index % 3 == 0                 # a clock time on every third event, later ones earlier
    frame.loc[timed, "time"] = [f"{23 - i % 20:02d}:{i % 60:02d}" for i in range(int(timed.sum()))]
    for number, (day, events) in enumerate(frame.groupby(frame["date"].fillna("-"), sort=False)):
        text = f"Article {number} about {day}."               # stored newest day first: not timeline order
        Store(db).add_article(ArticleRow(id=article_id(text), text=text, title=f"Article {number}"),
                              events.drop(columns=["event_id", "sources", "n_sources"]))
    data = common.loaded.__wrapped__(Settings.from_env())
    _, seq = common.shown_events(data, flt.Filters())
    assert seq is data.unfiltered                                     # reused, not made again per rerun
    expected = figures.sequence(Store(db).timeline())
    assert seq["event_id"].tolist() == expected["event_id"].tolist()
    assert seq["when"].tolist() == expected["when"].tolist()
    chosen = flt.Filters(kinds=("talks",))
    shown, talks = common.shown_events(data, chosen)
    assert talks is not data.unfiltered and set(talks["kind"]) == {"talks"}
    assert talks["event_id"].tolist() == [e for e, k in zip(seq["event_id"], seq["kind"], strict=True)
                                          if k == "talks"]              # the timeline's order, kept
    assert talks["number"].tolist() == list(range(1, len(shown) + 1))
    pd.testing.assert_frame_equal(talks, figures.sequence(shown))       # as if sequenced from scratch
    in_city = common.shown_events(data, flt.Filters(locations=("city:Khiva",)))
    pd.testing.assert_frame_equal(in_city[1], figures.sequence(in_city[0]))


def test_merge_with_lists_the_events_near_the_one_shown_and_merges_one(db):
    frame = big_frame(600, days=20, seed=4)
    one_article_per_day(db, frame)
    at = AppTest.from_file(TIMELINE, default_timeout=TIMEOUT)
    at.session_state[editor.EDIT_OPEN] = True
    at.run()
    seq = figures.sequence(Store(db).timeline())
    first = int(seq["event_id"].iloc[0])
    box = at.selectbox(key=f"ed_{first}_merge_with")
    near = editing.merge_candidates(seq, first)
    assert box.options == [f"{n}. {t}" for n, t in zip(near["number"], near["title"], strict=True)]
    assert len(box.options) == editing.MERGE_CHOICES < len(seq) - 1   # never every event shown
    offered = near["event_id"].astype(int).tolist()
    first_day = seq.loc[seq["date"] == seq["date"].iloc[0], "event_id"].astype(int).tolist()[1:]
    assert offered[:len(first_day)] == first_day                       # its own day first
    box.set_value(offered[0]).run(timeout=TIMEOUT)
    at.button(key=f"ed_{first}_merge").click().run(timeout=TIMEOUT)
    assert not at.exception, [e.message for e in at.exception]
    after = Store(db).timeline()["event_id"].astype(int).tolist()
    assert first in after and offered[0] not in after and len(after) == len(seq) - 1
    assert Store(db).edit_log()["action"].tolist() == ["merge"]


def test_calendar_download_is_offered_only_below_its_size_limit(seeded, monkeypatch):
    from dataclasses import replace

    from dashboard import export

    monkeypatch.setitem(export.FORMATS, "ics", replace(export.FORMATS["ics"], max_events=3))
    at = run(TIMELINE)
    buttons = {b.label: b for b in at.download_button}
    assert buttons["Download Calendar (.ics)"].disabled and not buttons["Download TimelineJS"].disabled
    at.sidebar.multiselect(key="f_loc").set_value(["city:Urgench"]).run(timeout=TIMEOUT)
    assert not {b.label: b for b in at.download_button}["Download Calendar (.ics)"].disabled


def test_a_new_publication_date_moves_the_events_and_keeps_corrections(db, monkeypatch):
    monkeypatch.setattr(extract_module, "extract", stand_in_extract)
    from dashboard import editing
    from dashboard.service import ingest_text

    settings = Settings(db_path=db)
    report = ingest_text("Visit\n@arrival Urgench\n@talks Khiva\n", settings, name="v.txt", published="2024-04-05")
    store = Store(db)
    talks = int(store.timeline()["event_id"].iloc[1])
    editing.edit_event(store, talks, {"title": "Informal talks"}, "Ann")
    at = run(ARTICLES)
    at.selectbox(key="republish_article").set_value(report.article_id)
    at.date_input(key="republish_date").set_value(dt.date(2024, 4, 9)).run(timeout=TIMEOUT)
    at.button(key="republish").click().run(timeout=TIMEOUT)
    assert not at.exception
    frame = Store(db).timeline()
    assert frame["date"].tolist() == ["2024-04-09"] * 2 and frame["title"].tolist()[1] == "Informal talks"
    at.button(key="reextract").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert Store(db).timeline()["title"].tolist()[1] == "Informal talks"


def test_planned_events_are_hidden_until_shown_and_then_marked(db):
    events = seed_events()
    events[2].evidence = "Xivada norasmiy uchrashuv boʻlib\noʻtdi."
    events.append(Event(article="", seq=6, kind="signing", title="Signing in Tashkent", date="2024-04-06",
                        date_precision="day", place="Tashkent", place_kind="city", lat=41.31, lon=69.28,
                        city="Tashkent", country="UZ", evidence="Ertaga hujjatlar imzolanadi.", status="planned"))
    add_article(db, SEED_TEXT + "\nErtaga hujjatlar imzolanadi.\n", events, "Tashrif")
    at = run(TIMELINE)
    assert len(table(at)) == 5 and "signing" not in set(table(at)["kind"])
    at.sidebar.toggle(key="f_planned").set_value(True).run(timeout=TIMEOUT)
    assert not at.exception
    assert len(table(at)) == 6 and "signing" in set(table(at)["kind"])
    hovers = [h for trace in charts(at)["timeline"]["data"] for h in (trace.get("hovertext") or [])]
    assert any("planned" in h for h in hovers)
    assert at.query_params.get("planned") in ("1", ["1"])


def test_a_write_drops_the_cached_read_before_the_store_is_read_again(db, monkeypatch):
    """At 100k events a read holds ~150 MiB: the page process must never hold the old and the new one."""
    import gc
    import weakref

    from dashboard.views import common

    one_article_per_day(db, big_frame(40, days=4, seed=3))
    common.forget_reads()
    old = weakref.ref(common.load(Settings.from_env()).frame)
    still_held: list[bool] = []
    read = common._read

    def spied(cfg, version):
        gc.collect()
        still_held.append(old() is not None)
        return read(cfg, version)

    monkeypatch.setattr(common, "_read", spied)
    text = "A new article about one more day."
    Store(db).add_article(ArticleRow(id=article_id(text), text=text, title="New"),
                          big_frame(3, days=1, seed=5).drop(columns=["event_id", "sources", "n_sources"]))
    data = common.load(Settings.from_env())
    assert still_held == [False]          # read once, after the old read was let go
    assert len(data.frame) == len(Store(db).timeline()) > 40     # the new read
    common.forget_reads()


@pytest.mark.parametrize(("title", "source", "shown"), [
    ("Talks in Khiva", "khiva.txt", "Talks in Khiva"), (None, "khiva.txt", "khiva.txt"),
    ("", "khiva.txt", "khiva.txt"), (None, None, "0123456789"), ("", "", "0123456789"),
], ids=["title", "no-title", "empty-title", "untitled-no-file", "both-empty"])
def test_an_article_is_named_by_its_title_else_its_file_else_its_id(title, source, shown):
    from dashboard.views import common

    other = "f" * 64
    articles = pd.DataFrame({"id": ["0123456789abcdef" * 4, other], "title": [title, "Other"],
                             "source": [source, None]}, dtype="string")
    assert common.article_titles(articles) == {"0123456789abcdef" * 4: shown, other: "Other"}


def test_a_download_is_made_on_the_click_from_the_cached_read_and_holds_no_frame(seeded):
    """A closed tab's buttons live ~2 minutes: they must not keep a read of the store alive."""
    from dashboard import export
    from dashboard import filters as flt
    from dashboard.views import common, sections

    cfg = Settings.from_env()
    common.forget_reads()
    chosen = flt.Filters(kinds=("talks",))
    make = sections.download(cfg, chosen, export.FORMATS["csv"].build)
    held = [cell.cell_contents for cell in make.__closure__ or ()]
    assert not any(isinstance(v, pd.DataFrame | common.Loaded) for v in held)
    data = common.load(cfg)
    shown = flt.apply(data.frame, chosen)
    assert 0 < len(shown) < len(data.frame)
    assert make() == export.FORMATS["csv"].build(shown, data.articles)
    common.forget_reads()


def test_a_read_gives_its_own_freed_memory_back_after_the_order_and_before_the_page_draws(db, monkeypatch):
    """The read's transients (the rows put in timeline order one column at a time, the labels, the options)
    are freed chunks of the heap the page's draw would grow from: the read gives them back (quiet.give_back)
    once the frame is in order and once everything is made."""
    from dashboard import figures, quiet
    from dashboard import filters as flt
    from dashboard.views import common

    one_article_per_day(db, big_frame(40, days=4, seed=3))
    steps: list[str] = []
    ordered, options = figures.into_timeline_order, flt.location_options
    monkeypatch.setattr(quiet, "give_back", lambda: steps.append("give_back"))
    monkeypatch.setattr(figures, "into_timeline_order", lambda f: steps.append("order") or ordered(f))
    monkeypatch.setattr(flt, "location_options", lambda f: steps.append("options") or options(f))
    data = common._read(Settings.from_env(), ())
    assert len(data.frame) == 40 and data.locations == options(data.frame)
    assert steps == ["order", "give_back", "options", "give_back"]
