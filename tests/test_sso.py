"""Single sign-on roles (dashboard/sso.py): an account's verified e-mail gets the role of the user
whose address it is, else of its address or domain in the auth file's [sso] table; anyone else is
refused with a reason. The session is signed with the e-mail and ends session_hours after the
provider signed the person in."""
from __future__ import annotations

import datetime as dt

import pytest

from dashboard import auth, sso
from dashboard.errors import InputError

NOON = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def users(tmp_path):
    path = tmp_path / "users.toml"
    auth.add_user(path, "Dilnoza", "editor", "correct horse", email="Dilnoza@Newsroom.example")
    auth.add_user(path, "Ivan", "admin", None, email="ivan@partner.example")       # single sign-on only
    path.write_text(path.read_text(encoding="utf-8") + '\n[sso]\n"newsroom.example" = "viewer"\n'
                    '"chief@newsroom.example" = "admin"\n"@wire.example" = "viewer"\n', encoding="utf-8")
    return path


CASES = [   # claims, role (None: refused), words of the refusal
    ({"email": "dilnoza@newsroom.example"}, "editor", ""),
    ({"email": "ivan@partner.example", "email_verified": True}, "admin", ""),
    ({"email": "chief@newsroom.example"}, "admin", ""),
    ({"email": "someone@newsroom.example"}, "viewer", ""),
    ({"email": "desk@wire.example"}, "viewer", ""),
    ({"email": "someone@partner.example"}, None, "no role here"),
    ({"email": "x@evil-newsroom.example"}, None, "no role here"),
    ({"email": "someone@newsroom.example", "email_verified": False}, None, "not verified"),
    ({"email": "someone@newsroom.example", "email_verified": "false"}, None, "not verified"),
    ({"name": "No Mail", "sub": "42"}, None, "no e-mail"),
]


@pytest.mark.parametrize("claims, role, refusal", CASES, ids=[
    "user-email-any-case", "user-without-password", "sso-address", "sso-domain", "sso-at-domain",
    "other-domain", "lookalike-domain", "unverified", "unverified-string", "no-email"])
def test_an_account_gets_its_role_or_a_reason(users, claims, role, refusal):
    found = sso.session(users, claims, hours=8, now=NOON)
    if role is None:
        assert isinstance(found, sso.Refusal) and refusal in found.reason
    else:
        assert isinstance(found, auth.Session) and found.role == role and found.via == "sso"
        assert found.name == claims["email"]          # the audit log's name is the account's e-mail


def test_the_session_ends_hours_after_the_provider_signed_in(users):
    signed = NOON - dt.timedelta(hours=7)
    claims = {"email": "someone@newsroom.example", "iat": int(signed.timestamp())}
    found = sso.session(users, claims, hours=8, now=NOON)
    assert isinstance(found, auth.Session) and found.expires == signed + dt.timedelta(hours=8)
    later = sso.session(users, claims, hours=8, now=NOON + dt.timedelta(hours=2))
    assert isinstance(later, auth.Session) and later.expired(NOON + dt.timedelta(hours=2))


def test_a_user_without_a_password_cannot_sign_in_with_one(users):
    assert auth.sign_in(users, "Ivan", "anything", hours=1) is None
    assert auth.sign_in(users, "Dilnoza", "correct horse", hours=1).role == "editor"


def test_user_add_keeps_the_sso_table_and_the_email(users):
    auth.add_user(users, "Dilnoza", "admin", "new words")
    assert sso.role_of(users, "dilnoza@newsroom.example") == "admin"
    assert sso.role_of(users, "someone@newsroom.example") == "viewer"
    assert auth.load_users(users)["Ivan"].hash == ""


def test_a_json_auth_file_keeps_them_alike(tmp_path):
    path = tmp_path / "users.json"
    auth.add_user(path, "Ойбек", "editor", None, email="oybek@newsroom.example")
    auth.add_user(path, "Ойбек", "admin", "parol")
    assert sso.role_of(path, "oybek@newsroom.example") == "admin"


def test_an_unknown_role_in_the_sso_table_is_refused(tmp_path):
    path = tmp_path / "users.toml"
    path.write_text('[sso]\n"newsroom.example" = "owner"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown role"):
        sso.role_of(path, "a@newsroom.example")


def test_a_user_needs_a_password_or_an_email(tmp_path):
    with pytest.raises(InputError, match="password or an e-mail"):
        auth.add_user(tmp_path / "users.toml", "Nobody", "viewer", None)


@pytest.mark.parametrize("section, expected", [
    ({"redirect_uri": "x", "cookie_secret": "y", "client_id": "c",
      "server_metadata_url": "https://login.newsroom.example/.well-known/openid-configuration"},
     {None: "login.newsroom.example"}),
    ({"redirect_uri": "x", "newsroom": {"client_id": "c"}, "wire-desk": {"client_id": "d"}},
     {"newsroom": "Newsroom", "wire-desk": "Wire Desk"}),
    ({"redirect_uri": "x", "cookie_secret": "y"}, {}),
], ids=["flat", "named", "none"])
def test_the_providers_of_the_auth_section(section, expected):
    assert sso.providers(section) == expected


def test_user_add_writes_a_single_sign_on_account(tmp_path, capsys):
    from dashboard import cli

    path = tmp_path / "users.toml"
    assert cli.main(["user", "add", "Ivan", "--role", "admin", "--email", "ivan@partner.example",
                     "--sso-only", "--auth-file", str(path)]) == 0
    assert sso.role_of(path, "ivan@partner.example") == "admin" and auth.load_users(path)["Ivan"].hash == ""
    assert cli.main(["user", "add", "Olga", "--role", "viewer", "--sso-only", "--auth-file", str(path)]) == 2
    assert "--sso-only needs --email" in capsys.readouterr().err
