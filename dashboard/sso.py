"""Single sign-on: who a person signed in by Streamlit's ``st.login`` (OpenID Connect) is here.

The identity provider says who someone is (the ID token's claims: ``email``, ``email_verified``,
``name``, ``iat``); the auth file says what they may do. A verified e-mail gets the role of the user
whose ``email`` it is, else of its entry in the ``[sso]`` table (an address, or a domain for everyone
with an address there: exact address first). An account with none of these is refused by name, and
sees no data. The session is signed with the e-mail (the audit log's name) and ends ``session_hours``
after the provider signed the person in. No streamlit here: the page is :mod:`dashboard.views.signin`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard import auth
from dashboard.errors import InputError


@dataclass(frozen=True, slots=True)
class Refusal:
    """A single sign-on account that may not see the timeline, and why (shown to that person)."""

    account: str
    reason: str


def roles(path: Path) -> dict[str, str]:
    """E-mail address or domain (lower case) -> role, from users' ``email`` and the ``[sso]`` table;
    users' addresses win over the table."""
    data = auth.read_file(path)
    table = data.get("sso", {})
    if not isinstance(table, Mapping):
        raise InputError(f"auth file {path}: `sso` must be a table of e-mail addresses or domains")
    found = {str(k).strip().lower().lstrip("@"): auth.check_role(path, f"sso entry {k!r}", v)
             for k, v in table.items()}
    found |= {u.email.lower(): u.role for u in auth.load_users(path, data).values() if u.email}
    return found


def role_of(path: Path, email: str) -> str | None:
    """The role of a (verified) address: its own entry, else its domain's."""
    table = roles(path)
    email = email.strip().lower()
    domain = email.rpartition("@")[2]
    return table.get(email) or (table.get(domain) if "@" in email and domain else None)


def _verified(claims: Mapping[str, object]) -> bool:
    """Whether the provider vouches for the address: ``email_verified`` not false (absent: trusted)."""
    flag = claims.get("email_verified", True)
    return flag is not False and str(flag).lower() != "false"


def _signed_in_at(claims: Mapping[str, object], now: dt.datetime) -> dt.datetime:
    """When the provider signed the person in (``auth_time``, else the token's ``iat``), never later
    than now."""
    for key in ("auth_time", "iat"):
        value = claims.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return min(now, dt.datetime.fromtimestamp(value, dt.UTC))
    return now


def session(path: Path, claims: Mapping[str, object], hours: float,
            now: dt.datetime | None = None) -> auth.Session | Refusal:
    """A session for the signed-in account ``claims`` (``st.user``), or why it is refused."""
    email = str(claims.get("email") or "").strip()
    account = email or str(claims.get("name") or claims.get("sub") or "this account")
    if not email:
        return Refusal(account, "the sign-on provider gave no e-mail address for this account")
    if not _verified(claims):
        return Refusal(account, "the sign-on provider has not verified this e-mail address")
    role = role_of(path, email)
    if role is None:
        return Refusal(account, "this account has no role here: ask an admin of this timeline for one")
    now = now or dt.datetime.now(dt.UTC)
    start = _signed_in_at(claims, now)
    return auth.Session(email, role, start + dt.timedelta(hours=hours), via="sso")


def providers(section: Mapping[str, object]) -> dict[str | None, str]:
    """The sign-on providers of the secrets' ``[auth]`` section: name (None: the section's own, flat
    keys) -> the label of its button (the provider's name, or the host of its metadata URL)."""
    found: dict[str | None, str] = {}
    if "client_id" in section:
        url = str(section.get("server_metadata_url", ""))
        found[None] = url.split("//", 1)[-1].split("/", 1)[0] or "single sign-on"
    for name, value in section.items():
        if isinstance(value, Mapping) and "client_id" in value:
            found[str(name)] = str(name).replace("-", " ").title()
    return found
