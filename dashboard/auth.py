"""Sign-in and roles for a shared instance: who may do what, checked against an auth file.

Off by default (no ``auth_file``: one person on a laptop may do everything). The auth file is TOML or
JSON (by its suffix) with one table per user::

    [users.aziza]
    role = "editor"
    hash = "$2b$12$..."     # bcrypt; written by `visit-timeline user add aziza --role editor`
    email = "aziza@newsroom.example"    # optional: her single sign-on account (dashboard.sso)

    [sso]                   # optional: roles of single sign-on accounts that have no user table
    "desk@newsroom.example" = "admin"
    "newsroom.example" = "viewer"       # a domain: anyone with a verified address there

A :class:`Session` is what a successful sign-in gives: the name that signs corrections, the role and
when it expires. Wrong passwords are counted per name across processes (:mod:`dashboard.auth_guard`).
No streamlit here: the page wiring is :mod:`dashboard.views.signin`.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bcrypt

from dashboard import auth_guard
from dashboard.errors import InputError
from dashboard.settings import Settings

log = logging.getLogger(__name__)

ACTIONS = ("read", "export", "upload", "correct", "delete", "reextract")
ROLES: dict[str, frozenset[str]] = {          # each role may do what the one before it may, and more
    "viewer": frozenset({"read", "export"}),
    "editor": frozenset({"read", "export", "upload", "correct"}),
    "admin": frozenset(ACTIONS),
}


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    hash: str          # "" for a single sign-on account without a password
    email: str = ""


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in person: ``name`` signs their corrections; the session ends at ``expires`` (UTC)."""

    name: str
    role: str
    expires: dt.datetime
    via: str = "password"      # or "sso": signed in through the single sign-on provider

    def expired(self, now: dt.datetime | None = None) -> bool:
        return (now or dt.datetime.now(dt.UTC)) >= self.expires

    def can(self, action: str) -> bool:
        return allowed(self.role, action)


def allowed(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action`` (one of :data:`ACTIONS`)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return action in ROLES.get(role, frozenset())


def hash_password(password: str) -> str:
    if not password:
        raise InputError("a password cannot be empty")
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def _parse(path: Path) -> Mapping[str, object]:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        return json.loads(text)
    return tomllib.loads(text)


def read_file(path: Path) -> Mapping[str, object]:
    """The auth file's tables; a missing or malformed file raises InputError."""
    try:
        return _parse(path)
    except FileNotFoundError:
        raise InputError(f"auth file not found: {path}") from None
    except (OSError, ValueError) as exc:     # JSONDecodeError and TOMLDecodeError are ValueErrors
        raise InputError(f"auth file {path} cannot be read: {exc}") from None


def check_role(path: Path, who: str, role: object) -> str:
    if role not in ROLES:
        raise InputError(f"auth file {path}: {who} has an unknown role {role!r} (one of {', '.join(ROLES)})")
    return str(role)


def load_users(path: Path, data: Mapping[str, object] | None = None) -> dict[str, User]:
    """The users of an auth file; a missing or malformed file, or an unknown role, raises InputError.
    A user needs a role and a password hash, or a role and an e-mail (single sign-on only)."""
    table = (read_file(path) if data is None else data).get("users", {})
    if not isinstance(table, Mapping):
        raise InputError(f"auth file {path}: `users` must be a table of names")
    users: dict[str, User] = {}
    for name, entry in table.items():
        if not isinstance(entry, Mapping) or "role" not in entry or not {"hash", "email"} & entry.keys():
            raise InputError(f"auth file {path}: user {name!r} needs a role and a hash (or an email)")
        role = check_role(path, f"user {name!r}", entry["role"])
        users[name] = User(name, role, str(entry.get("hash", "")), str(entry.get("email", "")).strip())
    return users


def sign_in(path: Path, name: str, password: str, hours: float, now: dt.datetime | None = None,
            limit: auth_guard.Limit | None = None) -> Session | None:
    """A session for ``name`` if the password matches their hash; None otherwise (unknown name alike).

    With a ``limit``, a name that has had too many wrong passwords is refused (``SignInLocked``, which
    says when to retry) before its password is checked, in every process that shares the auth file."""
    users = load_users(path)
    name = name.strip()
    if not password:
        return None
    start = now or dt.datetime.now(dt.UTC)
    if limit is not None:
        limit.reserve(name, start)
    user = users.get(name)
    if user is None or not _password_matches(path, user, password):
        return None
    if limit is not None:
        limit.succeeded(name)
    return Session(user.name, user.role, start + dt.timedelta(hours=hours))


def _password_matches(path: Path, user: User | None, password: str) -> bool:
    """Whether ``password`` is ``user``'s; as slow for an unknown name (or a single sign-on account
    without a password): the answer's time does not tell who exists."""
    if user is None or not user.hash:
        bcrypt.checkpw(password.encode("utf-8"), _stand_in_hash())
        return False
    try:
        return bcrypt.checkpw(password.encode("utf-8"), user.hash.encode("ascii"))
    except ValueError:       # not a bcrypt hash
        log.warning("auth file %s: the hash of %r is not a bcrypt hash", path, user.name)
        return False


@cache
def _stand_in_hash() -> bytes:
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt())


def _entry(user: User) -> dict[str, str]:
    return {"role": user.role} | ({"hash": user.hash} if user.hash else {}) | (
        {"email": user.email} if user.email else {})


def _toml(users: Mapping[str, User], sso: Mapping[str, object]) -> str:
    """The auth file as TOML (strings only, so JSON's quoting is TOML's)."""
    blocks = ["".join([f"[users.{json.dumps(u.name, ensure_ascii=False)}]\n"] + [
        f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in _entry(u).items()])
        for u in users.values()]
    if sso:
        lines = [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(str(v), ensure_ascii=False)}\n"
                 for k, v in sso.items()]
        blocks.append("[sso]\n" + "".join(lines))
    return "\n".join(blocks)


def add_user(path: Path, name: str, role: str, password: str | None, email: str | None = None) -> None:
    """Add ``name`` (or change their role and password) in the auth file, creating it if need be.
    ``password`` None keeps their hash (or, for a new name, gives none: single sign-on only, by
    ``email``); ``email`` None keeps theirs. The file's ``[sso]`` table is kept as it is."""
    name = name.strip()
    if not name:
        raise InputError("a user needs a name")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    data = read_file(path) if path.exists() else {}
    users = load_users(path, data)
    old = users.get(name, User(name, role, ""))
    users[name] = User(name, role, old.hash if password is None else hash_password(password),
                       old.email if email is None else email.strip())
    if not users[name].hash and not users[name].email:
        raise InputError(f"{name}: a user needs a password or an e-mail (single sign-on)")
    sso = data.get("sso", {})
    sso = sso if isinstance(sso, Mapping) else {}
    if path.suffix.lower() == ".json":
        tables = {"users": {u.name: _entry(u) for u in users.values()}} | ({"sso": dict(sso)} if sso else {})
        text = json.dumps(tables, indent=2, ensure_ascii=False) + "\n"
    else:
        text = _toml(users, sso)
    path.write_text(text, encoding="utf-8")


def limit_of(settings: Settings) -> auth_guard.Limit:
    """The wrong-password limit of the configured auth file (``sign_in_attempts``, its cooldown)."""
    return auth_guard.Limit.beside(Path(settings.auth_file), settings.sign_in_attempts,
                                   settings.sign_in_cooldown_minutes)


def password_session(settings: Settings, name: str, password: str) -> Session | None:
    """Sign in with the configured auth file, under its wrong-password limit (the page and the CLI)."""
    return sign_in(Path(settings.auth_file), name, password, settings.session_hours,
                   limit=limit_of(settings))
