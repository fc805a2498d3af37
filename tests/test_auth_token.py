"""The signed, expiring token of a password sign-in (dashboard/auth_token.py), kept in a cookie so
that a reload keeps the sign-in: refused when forged, expired, signed with another secret, or when
its person's password changed or they left the auth file; the role is read afresh."""
from __future__ import annotations

import datetime as dt
import stat

import pytest

from dashboard import auth, auth_token
from dashboard.settings import Settings


@pytest.fixture
def cfg(tmp_path) -> Settings:
    path = tmp_path / "users.toml"
    auth.add_user(path, "Dilnoza", "editor", "correct horse")
    auth.add_user(path, "Ivan", "viewer", "battery staple")
    return Settings(auth_file=str(path), session_hours=8)


def token_of(cfg: Settings, name: str, password: str) -> str:
    session = auth.password_session(cfg, name, password)
    assert session is not None
    return auth_token.issue(cfg, session)


def test_a_token_gives_the_session_back(cfg):
    token = token_of(cfg, "Dilnoza", "correct horse")
    session = auth_token.restore(cfg, token)
    assert session is not None and (session.name, session.role, session.via) == ("Dilnoza", "editor", "password")
    assert dt.timedelta(hours=7, minutes=59) < session.expires - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=8)
    assert "correct horse" not in token


def test_the_secret_is_made_once_and_readable_by_its_owner_only(cfg):
    token_of(cfg, "Ivan", "battery staple")
    secret = auth_token.secret_file(auth.Path(cfg.auth_file))
    first = secret.read_text()
    token_of(cfg, "Ivan", "battery staple")
    assert secret.read_text() == first and len(first) >= 32
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_an_altered_or_forged_token_is_refused(cfg):
    token = token_of(cfg, "Ivan", "battery staple")
    payload, _, signature = token.rpartition(".")
    assert auth_token.restore(cfg, payload + "." + signature[::-1]) is None
    forged = token.replace(token.split(".")[0], token_of(cfg, "Dilnoza", "correct horse").split(".")[0])
    assert auth_token.restore(cfg, forged) is None
    assert auth_token.restore(cfg, "not a token") is None


def test_a_token_expires_with_the_session(cfg):
    token = token_of(cfg, "Ivan", "battery staple")
    now = dt.datetime.now(dt.UTC)
    assert auth_token.restore(cfg, token, now=now + dt.timedelta(hours=7, minutes=59)) is not None
    assert auth_token.restore(cfg, token, now=now + dt.timedelta(hours=8, seconds=2)) is None


@pytest.mark.parametrize("change", ["password", "removed", "secret"])
def test_a_token_is_refused_after_a_change(cfg, change):
    token = token_of(cfg, "Ivan", "battery staple")
    path = auth.Path(cfg.auth_file)
    if change == "password":
        auth.add_user(path, "Ivan", "viewer", "new words")
    elif change == "removed":
        path.write_text(path.read_text().split('[users."Ivan"]')[0], encoding="utf-8")
    else:
        auth_token.secret_file(path).unlink()
    assert auth_token.restore(cfg, token) is None


def test_a_changed_role_applies_to_a_kept_sign_in(cfg):
    token = token_of(cfg, "Ivan", "battery staple")
    users = auth.load_users(auth.Path(cfg.auth_file))
    text = auth.Path(cfg.auth_file).read_text().replace(
        f'role = "viewer"\nhash = "{users["Ivan"].hash}"', f'role = "admin"\nhash = "{users["Ivan"].hash}"')
    auth.Path(cfg.auth_file).write_text(text, encoding="utf-8")
    session = auth_token.restore(cfg, token)
    assert session is not None and session.role == "admin"


def test_signing_out_voids_the_tokens_signed_until_then(cfg):
    token = token_of(cfg, "Ivan", "battery staple")
    now = dt.datetime.now(dt.UTC)
    auth_token.sign_out(cfg, "Ivan", now=now - dt.timedelta(seconds=10))     # an earlier sign-out
    assert auth_token.restore(cfg, token) is not None
    auth_token.sign_out(cfg, "Ivan", now=now + dt.timedelta(seconds=1))
    assert auth_token.restore(cfg, token) is None
    assert auth_token.restore(cfg, token_of(cfg, "Dilnoza", "correct horse")) is not None   # others stay
