"""A password sign-in that survives a browser reload: a signed, expiring token for a cookie.

The token names the person and a fingerprint of their password hash, signed (itsdangerous,
HMAC-SHA256) with a random secret kept beside the auth file (``users.toml.secret``, created on first
use, readable by its owner only), and dated: it is refused after ``session_hours``, when the person's
password or the secret changes, or when they are no longer in the auth file. The role is read from the
auth file each time the token is used, so a changed role applies at once. The token holds no password
and cannot be forged without the secret. Signing out (:func:`sign_out`) refuses every token of that
person signed until then, in every browser (kept in ``users.toml.signouts.json``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import secrets
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from dashboard import auth
from dashboard.auth_guard import LockedJson
from dashboard.errors import InputError
from dashboard.settings import Settings

log = logging.getLogger(__name__)

SALT = "visit-timeline-session"


def secret_file(auth_file: Path) -> Path:
    return auth_file.with_name(auth_file.name + ".secret")


def _secret(auth_file: Path) -> str:
    """The signing secret beside the auth file, made (owner-only) on first use."""
    path = secret_file(auth_file)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise InputError(f"cannot create the sign-in secret {path}: {exc.strerror or exc}") from None
    else:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(32))
    try:
        value = path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise InputError(f"cannot read the sign-in secret {path}: {exc.strerror or exc}") from None
    if len(value) < 32:
        raise InputError(f"the sign-in secret {path} is too short: delete it to make a new one")
    return value


def _signouts(settings: Settings, write: bool = False) -> LockedJson:
    auth_file = Path(settings.auth_file)
    return LockedJson(auth_file.with_name(auth_file.name + ".signouts.json"), write=write)


def sign_out(settings: Settings, name: str, now: dt.datetime | None = None) -> None:
    """End every password sign-in of ``name`` made until now, wherever its cookie is."""
    with _signouts(settings, write=True) as table:
        table[name] = {"at": (now or dt.datetime.now(dt.UTC)).isoformat()}


def _signed_out(settings: Settings, name: str, signed: dt.datetime) -> bool:
    with _signouts(settings) as table:
        at = table.get(name, {}).get("at")
    return isinstance(at, str) and signed <= dt.datetime.fromisoformat(at)


def _fingerprint(user: auth.User) -> str:
    return hashlib.sha256(user.hash.encode("utf-8")).hexdigest()[:16]


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(Path(settings.auth_file)), salt=SALT,
                                  signer_kwargs={"digest_method": hashlib.sha256})


def issue(settings: Settings, session: auth.Session) -> str:
    """A token for a password ``session`` (for a cookie)."""
    user = auth.load_users(Path(settings.auth_file))[session.name]
    return str(_serializer(settings).dumps({"n": user.name, "h": _fingerprint(user)}))


def restore(settings: Settings, token: str, now: dt.datetime | None = None) -> auth.Session | None:
    """The session a token stands for, if it is genuine, not expired and its person unchanged."""
    max_age = int(settings.session_hours * 3600)
    try:
        payload, signed = _serializer(settings).loads(token, max_age=max_age, return_timestamp=True)
    except BadSignature:     # forged, altered, expired (SignatureExpired), or another secret
        return None
    now = now or dt.datetime.now(dt.UTC)
    expires = signed + dt.timedelta(hours=settings.session_hours)
    if not isinstance(payload, dict) or now >= expires:
        return None
    user = auth.load_users(Path(settings.auth_file)).get(str(payload.get("n")))
    if user is None or not user.hash or payload.get("h") != _fingerprint(user):
        return None
    if _signed_out(settings, user.name, signed):
        return None
    return auth.Session(user.name, user.role, expires)
