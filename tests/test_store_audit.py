"""The audit: every write keeps who, when and what, and the log filters by person and period."""
from __future__ import annotations

import datetime as dt
import getpass
import json

import pytest

from dashboard import cli
from dashboard.schema import Event, to_frame
from dashboard.store import HISTORY_COLUMNS, ArticleRow, Store


def frame(article: str, kind: str = "talks", date: str = "2024-04-05"):
    return to_frame([Event(article=article, seq=0, kind=kind, date=date, title=f"{kind} in Khiva",
                           place="Khiva", place_id="city:khiva", city="Khiva", lat=41.3783, lon=60.3636,
                           evidence=f"{article} says so.")])


@pytest.fixture
def written(db_target) -> Store:
    """Writes by three people: Aziza ingests and deletes, Bekzod corrects and restores, Dilnoza re-extracts."""
    store = Store(db_target)
    store.add_article(ArticleRow(id="one", text="one", published="2024-04-05"), frame("one"), author="Aziza")
    store.add_article(ArticleRow(id="two", text="two", published="2024-04-06"), frame("two"), author="Aziza")
    talks = int(store.timeline()["event_id"].iloc[0])
    store.edit(talks, "Bekzod", "edit", {"title": "talks in Khiva"}, {"title": "Talks on water"})
    store.delete_article("two", author="Aziza")
    store.restore_article("two", author="Bekzod")
    store.replace_events("one", frame("one", "meeting"), author="Dilnoza")
    return store


def test_every_write_is_in_the_history_with_who_and_what(written):
    history = written.history()
    assert list(history.columns) == list(HISTORY_COLUMNS)
    assert list(zip(history["author"], history["action"], history["article"], strict=True)) == [
        ("Aziza", "ingest", "one"), ("Aziza", "ingest", "two"), ("Bekzod", "edit", "one"),
        ("Aziza", "delete", "two"), ("Bekzod", "restore", "two"), ("Dilnoza", "reextract", "one")]
    details = [json.loads(d) for d in history["detail"]]
    assert details[0] == {"added": 1, "merged": 0} and details[1] == {"added": 0, "merged": 1}
    assert details[2] == {"title": "Talks on water"}
    assert details[3] == {"removed": 0, "kept": 1}
    assert history["edit_id"].notna().tolist() == [False, False, True, False, False, False]
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert all(str(at).startswith(today[:4]) for at in history["at"])


@pytest.mark.parametrize(("author", "actions"), [
    ("Aziza", ["ingest", "ingest", "delete"]), ("Bekzod", ["edit", "restore"]), ("Dilnoza", ["reextract"]),
    ("Nobody", []),
], ids=["ingests-and-delete", "edit-and-restore", "reextract", "nobody"])
def test_the_history_filters_by_person(written, author, actions):
    assert written.history(author)["action"].tolist() == actions


def test_the_logs_filter_by_period(written):
    today = dt.datetime.now(dt.UTC).date()
    yesterday, tomorrow = (today - dt.timedelta(days=1)).isoformat(), (today + dt.timedelta(days=1)).isoformat()
    assert len(written.history(since=today.isoformat(), until=today.isoformat())) == 6
    assert written.history(since=tomorrow).empty and written.history(until=yesterday).empty
    assert written.edit_log(author="Bekzod", since=today.isoformat())["action"].tolist() == ["edit"]
    assert written.edit_log(until=yesterday).empty and written.edit_log(author="Aziza").empty


def test_a_write_without_a_name_is_signed_by_the_account(db_target):
    store = Store(db_target)
    store.add_article(ArticleRow(id="anon", text="anon", published="2024-04-05"), frame("anon"))
    assert store.history()["author"].tolist() == [getpass.getuser()]


def test_the_edits_command_filters_by_person_and_period(written, db_target, capsys):
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert cli.main(["edits", "--all", "--by", "Aziza", "--since", today, "--db", db_target]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["author"], r["action"]) for r in rows] == [("Aziza", "ingest"), ("Aziza", "ingest"),
                                                          ("Aziza", "delete")]
    assert cli.main(["edits", "--by", "Bekzod", "--until", "2000-01-01", "--db", db_target]) == 0
    assert capsys.readouterr().out == ""
    assert cli.main(["edits", "--by", "Bekzod", "--db", db_target]) == 0
    assert [json.loads(line)["action"] for line in capsys.readouterr().out.splitlines()] == ["edit"]
