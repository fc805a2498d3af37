"""Sign-in and roles on the pages (AppTest): with an auth file nothing is shown before a sign-in; a
viewer gets no upload, correct or delete control; an editor corrects and the edit log carries the
signed-in name; an admin also deletes articles and re-extracts. Without an auth file: as before."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.store import Store
from dashboard.views import editor, signin
from tests.test_pages import ARTICLES, TIMELINE, TIMEOUT, db, seeded

__all__ = ["db", "seeded"]

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
PASSWORDS = {"Vera": ("viewer", "look only"), "Erkin": ("editor", "fix things"), "Anna": ("admin", "all of it")}


@pytest.fixture
def users(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "users.toml"
    for name, (role, password) in PASSWORDS.items():
        auth.add_user(path, name, role, password)
    monkeypatch.setenv("VISIT_TIMELINE_AUTH_FILE", str(path))
    return path


def as_(name: str, path: str, hours: float = 8, **query) -> AppTest:
    """A page run by ``name`` signed in (``hours`` left of the session; negative: expired)."""
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.session_state[editor.EDIT_OPEN] = True
    at.session_state[signin.SESSION_KEY] = auth.Session(
        name, PASSWORDS[name][0], dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def keys(at: AppTest) -> set[str]:
    return {str(b.key) for b in at.button}


def first_event(db: Path) -> str:
    return str(Store(db).timeline()["event_id"].iloc[0])


def test_with_an_auth_file_nothing_shows_before_a_sign_in(seeded, users):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert not at.get("plotly_chart") and [t.label for t in at.text_input] == ["User name", "Password"]
    at.text_input(key="sign_in_name").set_value("Erkin")
    at.text_input(key="sign_in_password").set_value("wrong")
    at.button[0].click().run()
    assert any("wrong password" in e.value for e in at.error) and not at.get("plotly_chart")
    at.text_input(key="sign_in_password").set_value("fix things")
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.get("plotly_chart")
    assert any("Signed in as **Erkin** (editor)" in c.value for c in at.sidebar.caption)


def test_without_an_auth_file_no_sign_in_is_asked(seeded, monkeypatch):
    monkeypatch.delenv("VISIT_TIMELINE_AUTH_FILE", raising=False)
    monkeypatch.delenv("VISIT_TIMELINE_AUTH", raising=False)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception and at.get("plotly_chart")
    assert "sign_in_name" not in {t.key for t in at.text_input}


def test_a_viewer_sees_no_correct_control(seeded, users):
    event = first_event(seeded)
    at = as_("Vera", TIMELINE, event=event)
    assert at.get("plotly_chart")
    assert not [k for k in keys(at) if k.startswith(f"ed_{event}")]
    assert "Correct this event" not in [e.label for e in at.expander]
    assert "Add an event by hand" not in [e.label for e in at.expander]
    assert "editor_name" not in {t.key for t in at.sidebar.text_input}


@pytest.mark.parametrize("name, upload, delete, reextract", [
    ("Vera", False, False, False), ("Erkin", True, False, False), ("Anna", True, True, True),
], ids=["viewer", "editor", "admin"])
def test_the_articles_page_draws_the_controls_of_the_role(seeded, users, name, upload, delete, reextract):
    at = as_(name, ARTICLES)
    assert bool(at.get("file_uploader")) is upload
    assert any(k.startswith("delete_") for k in keys(at)) is delete
    assert ("reextract" in keys(at)) is reextract


def test_an_editor_corrects_and_the_edit_log_shows_their_name(seeded, users):
    event = first_event(seeded)
    at = as_("Erkin", TIMELINE, event=event)
    assert "editor_name" not in {t.key for t in at.sidebar.text_input}     # the typed name is hidden
    at.text_input(key=f"ed_{event}_title").set_value("Arrival in Urgench")
    at.button(key=f"ed_{event}_save").click().run(timeout=TIMEOUT)
    assert not at.exception, [e.message for e in at.exception]
    assert Store(seeded).edit_log()["author"].tolist() == ["Erkin"]
    assert any("Corrected by **Erkin**" in c.value for c in at.caption)


def test_an_expired_session_asks_for_the_password_again(seeded, users):
    at = as_("Anna", APP, hours=-1)
    assert not at.get("plotly_chart")
    assert any("expired" in i.value for i in at.info)
    assert "sign_in_name" in {t.key for t in at.text_input}


def test_too_many_wrong_passwords_refuse_the_name_and_say_when(seeded, users, monkeypatch):
    monkeypatch.setenv("VISIT_TIMELINE_SIGN_IN_ATTEMPTS", "2")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input(key="sign_in_name").set_value("Erkin")
    for _ in range(2):
        at.text_input(key="sign_in_password").set_value("wrong")
        at.button[0].click().run()
        assert any("wrong password" in e.value for e in at.error)
    at.text_input(key="sign_in_password").set_value("fix things")
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Too many wrong passwords for Erkin" in e.value and "UTC" in e.value for e in at.error)
    assert not at.get("plotly_chart")


def test_single_sign_on_accounts_only_ask_for_no_password(seeded, tmp_path, monkeypatch):
    path = tmp_path / "sso-users.toml"
    auth.add_user(path, "Ivan", "admin", None, email="ivan@newsroom.example")
    monkeypatch.setenv("VISIT_TIMELINE_AUTH_FILE", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.text_input and not at.get("plotly_chart")


def test_a_missing_auth_file_is_said_not_raised(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("VISIT_TIMELINE_AUTH_FILE", str(tmp_path / "none.toml"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("auth file not found" in e.value for e in at.error) and not at.get("plotly_chart")


@pytest.mark.parametrize(("lang", "labels", "signed_in"), [
    ("en", ["User name", "Password"], "Signed in as **Erkin** (editor)"),
    ("ru", ["Имя пользователя", "Пароль"], "Вы вошли как **Erkin** (editor)"),
    ("uz", ["Foydalanuvchi nomi", "Parol"], "**Erkin** sifatida kirdingiz (editor)"),
], ids=["en", "ru", "uz"])
def test_the_sign_in_form_speaks_the_page_language(seeded, users, lang, labels, signed_in):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.label for t in at.text_input] == labels
    at.text_input(key="sign_in_name").set_value("Erkin")
    at.text_input(key="sign_in_password").set_value("fix things")
    at.button[0].click().run()
    assert any(signed_in in c.value for c in at.sidebar.caption)
