"""Sign-in and roles for a shared instance: who may do what, checked against an auth file.

Off by default (no ``auth_file``: one person on a laptop may do everything). The auth file is TOML or
JSON (by its suffix) with one table per user::

    [users.aziza]
    role = "editor"
    hash = "$2b$12$..."     # bcrypt; written by `visit-timeline user add aziza --role editor`

A :class:`Session` is what a successful sign-in gives: the name that signs corrections, the role and
when it expires. No streamlit here: the page wiring is :mod:`dashboard.views.signin`.
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

from dashboard.errors import InputError

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
    hash: str


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in person: ``name`` signs their corrections; the session ends at ``expires`` (UTC)."""

    name: str
    role: str
    expires: dt.datetime

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


def load_users(path: Path) -> dict[str, User]:
    """The users of an auth file; a missing or malformed file, or an unknown role, raises InputError."""
    try:
        data = _parse(path)
    except FileNotFoundError:
        raise InputError(f"auth file not found: {path}") from None
    except (OSError, ValueError) as exc:     # JSONDecodeError and TOMLDecodeError are ValueErrors
        raise InputError(f"auth file {path} cannot be read: {exc}") from None
    table = data.get("users", {})
    if not isinstance(table, Mapping):
        raise InputError(f"auth file {path}: `users` must be a table of names")
    users: dict[str, User] = {}
    for name, entry in table.items():
        if not isinstance(entry, Mapping) or not {"role", "hash"} <= entry.keys():
            raise InputError(f"auth file {path}: user {name!r} needs a role and a hash")
        if entry["role"] not in ROLES:
            raise InputError(f"auth file {path}: user {name!r} has an unknown role {entry['role']!r}"
                             f" (one of {', '.join(ROLES)})")
        users[name] = User(name, str(entry["role"]), str(entry["hash"]))
    return users


def sign_in(path: Path, name: str, password: str, hours: float,
            now: dt.datetime | None = None) -> Session | None:
    """A session for ``name`` if the password matches their hash; None otherwise (unknown name alike)."""
    user = load_users(path).get(name.strip())
    if not password:
        return None
    if user is None:        # as slow as a wrong password: the answer's time does not tell who exists
        bcrypt.checkpw(password.encode("utf-8"), _stand_in_hash())
        return None
    try:
        ok = bcrypt.checkpw(password.encode("utf-8"), user.hash.encode("ascii"))
    except ValueError:       # not a bcrypt hash
        log.warning("auth file %s: the hash of %r is not a bcrypt hash", path, user.name)
        return None
    if not ok:
        return None
    start = now or dt.datetime.now(dt.UTC)
    return Session(user.name, user.role, start + dt.timedelta(hours=hours))


@cache
def _stand_in_hash() -> bytes:
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt())


def _toml(users: Mapping[str, User]) -> str:
    blocks = [f"[users.{json.dumps(u.name)}]\nrole = {json.dumps(u.role)}\nhash = {json.dumps(u.hash)}\n"
              for u in users.values()]
    return "\n".join(blocks)


def add_user(path: Path, name: str, role: str, password: str) -> None:
    """Add ``name`` (or change their role and password) in the auth file, creating it if need be."""
    name = name.strip()
    if not name:
        raise InputError("a user needs a name")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    users = load_users(path) if path.exists() else {}
    users[name] = User(name, role, hash_password(password))
    if path.suffix.lower() == ".json":
        text = json.dumps({"users": {u.name: {"role": u.role, "hash": u.hash} for u in users.values()}},
                          indent=2, ensure_ascii=False) + "\n"
    else:
        text = _toml(users)
    path.write_text(text, encoding="utf-8")
