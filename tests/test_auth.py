"""Sign-in core (dashboard/auth.py): hashes, the roles' permissions, expiry, the auth file and `user add`."""
from __future__ import annotations

import datetime as dt
import io
import itertools
import json

import pytest

from dashboard import auth, cli
from dashboard.errors import InputError
from dashboard.settings import Settings

NOON = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)

PERMISSIONS = [   # role, action, allowed
    ("viewer", "read", True), ("viewer", "export", True), ("viewer", "upload", False),
    ("viewer", "correct", False), ("viewer", "delete", False), ("viewer", "reextract", False),
    ("editor", "upload", True), ("editor", "correct", True), ("editor", "delete", False),
    ("editor", "reextract", False), ("admin", "delete", True), ("admin", "reextract", True),
    ("admin", "export", True), ("nobody", "read", False),
]


@pytest.mark.parametrize("role, action, expected", PERMISSIONS,
                         ids=[f"{r}-{a}" for r, a, _ in PERMISSIONS])
def test_each_role_may_do_what_the_table_says(role, action, expected):
    assert auth.allowed(role, action) is expected


def test_every_role_may_do_what_the_role_below_it_may():
    roles = list(auth.ROLES.values())
    assert all(lower < higher for lower, higher in itertools.pairwise(roles))
    assert roles[-1] == frozenset(auth.ACTIONS)


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown action"):
        auth.allowed("admin", "launch")


@pytest.fixture
def users(tmp_path):
    path = tmp_path / "users.toml"
    auth.add_user(path, "Dilnoza", "editor", "correct horse")
    auth.add_user(path, "Ivan", "viewer", "battery staple")
    return path


def test_the_file_keeps_hashes_not_passwords(users):
    text = users.read_text(encoding="utf-8")
    assert "correct horse" not in text and "battery staple" not in text
    assert text.count("$2b$") == 2


@pytest.mark.parametrize("name, password, role", [
    ("Dilnoza", "correct horse", "editor"), ("Ivan", "battery staple", "viewer"),
    ("Dilnoza", "battery staple", None), ("Ivan", "", None), ("Nobody", "correct horse", None),
], ids=["editor", "viewer", "wrong-password", "empty-password", "unknown-name"])
def test_sign_in_checks_the_hash(users, name, password, role):
    session = auth.sign_in(users, name, password, hours=8, now=NOON)
    assert (session.role if session else None) == role


def test_a_session_expires_after_its_hours(users):
    session = auth.sign_in(users, "Dilnoza", "correct horse", hours=8, now=NOON)
    assert session is not None and session.name == "Dilnoza"
    assert not session.expired(NOON + dt.timedelta(hours=7, minutes=59))
    assert session.expired(NOON + dt.timedelta(hours=8))
    assert session.can("correct") and not session.can("delete")


def test_adding_a_user_again_changes_their_role_and_password(users):
    auth.add_user(users, "Ivan", "admin", "new words")
    assert auth.sign_in(users, "Ivan", "battery staple", hours=1) is None
    assert auth.sign_in(users, "Ivan", "new words", hours=1).role == "admin"
    assert set(auth.load_users(users)) == {"Dilnoza", "Ivan"}


def test_a_json_auth_file_works_alike(tmp_path):
    path = tmp_path / "users.json"
    auth.add_user(path, "Ойбек", "admin", "parol")
    assert json.loads(path.read_text(encoding="utf-8"))["users"]["Ойбек"]["role"] == "admin"
    assert auth.sign_in(path, "Ойбек", "parol", hours=1).can("reextract")


@pytest.mark.parametrize("text, message", [
    ('[users.a]\nrole = "chief"\nhash = "x"\n', "unknown role"),
    ('[users.a]\nrole = "viewer"\n', "needs a role and a hash"),
    ("[users\n", "cannot be read"),
], ids=["role", "no-hash", "broken"])
def test_a_bad_auth_file_is_refused_with_a_reason(tmp_path, text, message):
    path = tmp_path / "users.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        auth.load_users(path)


def test_a_missing_auth_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="not found"):
        auth.sign_in(tmp_path / "none.toml", "a", "b", hours=1)


def test_a_hash_that_is_not_bcrypt_signs_nobody_in(tmp_path):
    path = tmp_path / "users.toml"
    path.write_text('[users.a]\nrole = "admin"\nhash = "plain"\n', encoding="utf-8")
    assert auth.sign_in(path, "a", "plain", hours=1) is None


def test_user_add_writes_a_hash_read_from_stdin(tmp_path, monkeypatch, capsys):
    path = tmp_path / "users.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret words\n"))
    assert cli.main(["user", "add", "Madina", "--role", "editor", "--password-stdin",
                     "--auth-file", str(path)]) == 0
    assert "Madina: editor" in capsys.readouterr().out
    assert auth.sign_in(path, "Madina", "s3cret words", hours=1).role == "editor"


def test_user_add_without_an_auth_file_says_which_setting(monkeypatch, capsys):
    monkeypatch.delenv("VISIT_TIMELINE_AUTH_FILE", raising=False)
    monkeypatch.delenv("VISIT_TIMELINE_AUTH", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    assert cli.main(["user", "add", "a", "--role", "viewer", "--password-stdin"]) == 2
    assert "VISIT_TIMELINE_AUTH_FILE" in capsys.readouterr().err


def test_the_auth_file_setting_answers_to_its_short_variable(tmp_path):
    assert Settings.from_env({"VISIT_TIMELINE_AUTH": "/srv/users.toml"}).auth_file == "/srv/users.toml"
    assert Settings.from_env({}).auth_file == ""
