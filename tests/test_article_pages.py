"""The pages around articles (AppTest): a merged event's evidence from every source, the article list's
fields, and a delete that asks first and can be undone. Two hand-made articles (the texts are ours) that
both tell of the talks in Khiva, so the pages are tested, not the engine."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.schema import Event, to_frame
from dashboard.store import ArticleRow, Store

ROOT = Path(__file__).resolve().parent.parent
TIMELINE = str(ROOT / "dashboard" / "views" / "timeline.py")
ARTICLES = str(ROOT / "dashboard" / "views" / "articles.py")
TIMEOUT = 60

FIRST = ("Leaders meet in Khiva\n\n"
         "The guest landed in Urgench on Friday morning. A band played at the airport.\n\n"
         "The two presidents held informal talks in Khiva. They spoke about trade and water.\n\n"
         "In the evening the guest flew home.")
SECOND = ("Khiva talks\n\n"
          "Presidents talked in Khiva on 5 April. Their talks lasted three hours.\n\n"
          "No documents were signed.")
PLACES = {"Urgench": (41.5843, 60.6417), "Khiva": (41.3783, 60.3636)}
ARTICLE_ROWS = [  # id, text, title, file, url, published, where the date was found, language, events
    ("first", FIRST, "Leaders meet in Khiva", "leaders_khiva.txt", None, "2024-04-05", "dateline", "en",
     [("arrival", "Urgench", "The guest landed in Urgench on Friday morning."),
      ("talks", "Khiva", "The two presidents held informal talks in Khiva.")]),
    ("second", SECOND, "Khiva talks", "khiva_talks.html", "https://news.example/khiva-talks", "2024-04-06",
     "page metadata", "ru", [("talks", "Khiva", "Presidents talked in Khiva on 5 April.")]),
]


def events(aid: str, text: str, told: list[tuple[str, str, str]]) -> list[Event]:
    out = []
    for seq, (kind, city, sentence) in enumerate(told):
        start = text.index(sentence)
        lat, lon = PLACES[city]
        out.append(Event(article=aid, seq=seq, kind=kind, title=f"{kind.title()} in {city}", date="2024-04-05",
                         date_precision="day", place=city, place_kind="city", place_id=f"city:{city.lower()}",
                         city=city, lat=lat, lon=lon, country="UZ", participants="Toqaev",
                         evidence=sentence, evidence_start=start, evidence_end=start + len(sentence)))
    return out


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "articles.sqlite3"
    monkeypatch.setenv("VISIT_TIMELINE_DB_PATH", str(path))
    store = Store(path)
    for aid, text, title, file, url, published, found_in, language, told in ARTICLE_ROWS:
        store.add_article(ArticleRow(id=aid, text=text, title=title, source=file, published=published,
                                     language=language, published_from=found_in, url=url),
                          to_frame(events(aid, text, told)))
    return path


def run(path: str, **query: str) -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def talks_id(db: Path) -> str:
    frame = Store(db).timeline()
    return str(int(frame.loc[frame["kind"] == "talks", "event_id"].iloc[0]))


def evidence_blocks(at: AppTest) -> list[tuple[str, str]]:
    """Each source's heading and the paragraph shown under it (the HTML elements in page order)."""
    shown = [h.value for h in at.html]
    return [(head, shown[i + 1]) for i, head in enumerate(shown) if 'class="vt-source"' in head]


# -- evidence from every source ------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "heading", "sentence", "same_paragraph", "elsewhere"), [
    pytest.param(1, ["1. Leaders meet in Khiva", "leaders_khiva.txt", "published 5 Apr 2024 (dateline)"],
                 "The two presidents held informal talks in Khiva.", "They spoke about trade and water.",
                 "A band played at the airport.", id="first-source-file"),
    pytest.param(2, ["2. Khiva talks", "khiva_talks.html",
                     '<a href="https://news.example/khiva-talks" target="_blank" rel="noopener noreferrer">',
                     "published 6 Apr 2024 (page metadata)"],
                 "Presidents talked in Khiva on 5 April.", "Their talks lasted three hours.",
                 "No documents were signed.", id="second-source-url"),
])
def test_a_merged_event_shows_each_sources_sentence_in_its_own_article(db, n, heading, sentence,
                                                                       same_paragraph, elsewhere):
    at = run(TIMELINE, event=talks_id(db))
    assert at.subheader[0].value.endswith("Talks in Khiva")
    assert "**Evidence from 2 sources:**" in [m.value for m in at.markdown]
    blocks = evidence_blocks(at)
    assert len(blocks) == 2
    head, paragraph = blocks[n - 1]
    assert all(part in head for part in heading), head
    assert f'<mark style="background:#fde68a;padding:0 2px">{sentence}</mark>' in paragraph
    assert same_paragraph in paragraph and elsewhere not in paragraph      # its paragraph, not more
    assert f"Whole article (source {n})" in [e.label for e in at.expander]


def test_an_event_with_one_source_shows_one(db):
    frame = Store(db).timeline()
    arrival = str(int(frame.loc[frame["kind"] == "arrival", "event_id"].iloc[0]))
    at = run(TIMELINE, event=arrival)
    assert "**Evidence from 1 source:**" in [m.value for m in at.markdown]
    assert [head.count("vt-source") for head, _ in evidence_blocks(at)] == [1]


# -- the article list -----------------------------------------------------------------------------------

def row_texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


@pytest.mark.parametrize(("cells", "link"), [
    pytest.param(["Leaders meet in Khiva", "leaders_khiva.txt", "en", "5 Apr 2024", "dateline", "2"], None,
                 id="file-only"),
    pytest.param(["Khiva talks", "khiva_talks.html", "ru", "6 Apr 2024", "page metadata", "1"],
                 "[https\\://news\\.example/khiva\\-talks](<https://news.example/khiva-talks>)", id="with-url"),
])
def test_the_article_list_shows_file_url_language_date_and_where_it_was_found(db, cells, link):
    at = run(ARTICLES)
    texts = row_texts(at)
    start = texts.index(cells[0])
    assert texts[start:start + len(cells)] == cells
    headers = [m.value for m in at.markdown]
    assert {"**File / URL**", "**Language**", "**Published**", "**Date found in**"} <= set(headers)
    if link:
        assert link in headers


# -- deleting asks first and can be undone ----------------------------------------------------------------

def state(db: Path) -> tuple:
    store = Store(db)
    frame = store.timeline()
    return (sorted(store.articles()["id"]), [(r.kind, tuple(r.sources), r.evidence) for r in frame.itertuples()],
            [(v.title, v.start, v.articles) for v in store.visits()[0]])


def test_delete_asks_first_and_cancel_keeps_everything(db):
    before = state(db)
    at = run(ARTICLES)
    at.button(key="delete_first").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert any("Delete **Leaders meet in Khiva**?" in w.value for w in at.warning)
    assert state(db) == before
    at.button(key="cancel_delete").click().run(timeout=TIMEOUT)
    assert not any("Delete **" in w.value for w in at.warning) and state(db) == before


def test_a_confirmed_delete_can_be_undone(db):
    before = state(db)
    at = run(ARTICLES)
    at.button(key="delete_first").click().run(timeout=TIMEOUT)
    at.button(key="confirm_delete_first").click().run(timeout=TIMEOUT)
    assert not at.exception
    after = state(db)
    assert after[0] == ["second"] and [k for k, *_ in after[1]] == ["talks"]
    assert any(re.search(r"Deleted Leaders meet in Khiva: 1 event removed, 1 kept", i.value) for i in at.info)
    at.button(key="undo_delete_button").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert state(db) == before
    assert "undo_delete_button" not in [b.key for b in at.button]


def test_a_deleted_article_can_be_restored_from_a_later_session(db):
    before = state(db)
    Store(db).delete_article("second")
    at = run(ARTICLES)
    assert "Deleted articles (1)" in [e.label for e in at.expander]
    at.button(key="restore_second").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert state(db) == before
    assert "Deleted articles (1)" not in [e.label for e in at.expander]


def test_an_event_added_by_hand_names_its_article_and_says_no_sentence_is_linked(db):
    from dashboard import editing

    made = editing.add_event(Store(db), "first", {"kind": "press", "date": "2024-04-05"}, "Ann")
    at = run(TIMELINE, event=str(made))
    assert at.subheader[0].value.endswith("Press")
    heads = [head for head, _ in evidence_blocks(at)]
    assert len(heads) == 1 and "1. Leaders meet in Khiva" in heads[0] and "leaders_khiva.txt" in heads[0]
    assert "Added by hand: no sentence of this article is linked to the event." in [c.value for c in at.caption]
