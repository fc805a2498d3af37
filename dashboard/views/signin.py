"""Sign-in on the page (only when an auth file is set) and the role checks the pages draw controls by.

Without an auth file nothing is asked and every control is drawn, as for one person on a laptop.
With one, :func:`require` shows a small form (name, password) until a sign-in succeeds, then who is
signed in, with a Sign out button; an expired session asks again. :func:`can` says whether the
signed-in person's role allows an action (see :data:`dashboard.auth.ROLES`).

Single sign-on: when the secrets' ``[auth]`` section configures Streamlit's ``st.login`` (OpenID
Connect), the form also offers "Sign in with <provider>"; the account's role comes from the auth file
by its e-mail (:mod:`dashboard.sso`), and Streamlit's identity cookie keeps it across reloads.
A password sign-in survives a reload through a signed, expiring token (:mod:`dashboard.auth_token`)
in a cookie that the page sets once after the sign-in and reads back with ``st.context.cookies``.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from dashboard import auth, auth_token, sso
from dashboard.auth import Session
from dashboard.errors import VisitTimelineError
from dashboard.i18n import _
from dashboard.settings import Settings
from dashboard.views import common

SESSION_KEY = "auth_session"
COOKIE = "visit_timeline_session"
_TOKEN_TO_SET = "auth_cookie_to_set"     # the token of a fresh password sign-in, for the next run
_SIGNED_OUT = "auth_signed_out"          # this tab signed out: its old cookie no longer counts


def current() -> Session | None:
    """This browser session's sign-in, if there is one and it has not expired."""
    session = st.session_state.get(SESSION_KEY)
    if isinstance(session, Session) and not session.expired():
        return session
    return None


def can(action: str) -> bool:
    """Whether this page may offer ``action``: always without sign-in, else by the signed-in role."""
    if not common.settings().auth_file:
        return True
    session = current()
    return session is not None and session.can(action)


def signed_name() -> str | None:
    """The signed-in name (it signs corrections), or None without sign-in."""
    session = current()
    return session.name if session is not None and common.settings().auth_file else None


def require() -> None:
    """Ask for a sign-in before anything else is drawn (when an auth file is set)."""
    cfg = common.settings()
    if not cfg.auth_file:
        return
    try:
        found = current() or _restored(cfg)
    except VisitTimelineError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()
    if isinstance(found, sso.Refusal):
        _refuse(found)
        st.stop()
    if found is not None:
        st.session_state[SESSION_KEY] = found
        _signed_in(found)
        return
    if st.session_state.pop(SESSION_KEY, None) is not None:
        st.info(_("Your session has expired: sign in again."), icon=":material/schedule:")
    form(cfg)
    st.stop()


def _restored(cfg: Settings) -> Session | sso.Refusal | None:
    """A sign-in this tab did not make: the single sign-on account, or a password sign-in's cookie."""
    if st.user.get("is_logged_in"):
        found = sso.session(Path(cfg.auth_file), dict(st.user), cfg.session_hours)
        if isinstance(found, Session) and found.expired():
            st.info(_("Your single sign-on session has expired: sign in again."), icon=":material/schedule:")
            return None
        return found
    token = st.context.cookies.get(COOKIE)
    if token and not st.session_state.get(_SIGNED_OUT):
        return auth_token.restore(cfg, token)
    return None


def _signed_in(session: Session) -> None:
    who = common.md_escape(session.name)
    signed = _("Signed in as **{name}** ({role})").format(name=who, role=session.role)
    st.sidebar.caption(f":material/person: {signed}")
    token = st.session_state.pop(_TOKEN_TO_SET, None)
    if token:
        _write_cookie(token, int((session.expires - dt.datetime.now(dt.UTC)).total_seconds()))
    if st.sidebar.button(_("Sign out"), key="sign_out", icon=":material/logout:"):
        st.session_state.pop(SESSION_KEY, None)
        if session.via == "sso":
            st.logout()           # the browser goes to Streamlit's logout, which clears its identity cookie
            st.stop()
        st.session_state[_SIGNED_OUT] = True
        try:
            auth_token.sign_out(common.settings(), session.name)   # its cookie, here and anywhere, is void
        except VisitTimelineError as exc:
            st.error(str(exc), icon=":material/error:")
            st.stop()
        st.rerun()


def _write_cookie(value: str, max_age: int) -> None:
    """Set (or, with ``max_age`` 0, delete) the sign-in cookie in this browser, for this site only."""
    cookie = f"{COOKIE}={value}; Path=/; Max-Age={max(0, max_age)}; SameSite=Strict"
    st.html(f"<script>document.cookie = {json.dumps(cookie)} + "
            f"(location.protocol === 'https:' ? '; Secure' : '');</script>", unsafe_allow_javascript=True)


def _refuse(refusal: sso.Refusal) -> None:
    st.title("Visit Timeline")
    st.error(f"**{common.md_escape(refusal.account)}**: {refusal.reason}.", icon=":material/block:")
    if st.button(_("Sign out"), key="sso_sign_out", icon=":material/logout:"):
        st.logout()


def _providers() -> dict[str | None, str]:
    """The single sign-on providers configured for ``st.login`` (none without an ``[auth]`` section)."""
    if not st.secrets.load_if_toml_exists():
        return {}
    section = st.secrets.get("auth")
    return sso.providers(section) if isinstance(section, Mapping) else {}


def form(cfg: Settings) -> None:
    st.title("Visit Timeline")
    if st.session_state.get(_SIGNED_OUT) or st.context.cookies.get(COOKIE):
        _write_cookie("", 0)        # signed out, or a cookie that no longer signs anyone in: away with it
    for provider, label in _providers().items():
        text = _("Sign in with {provider}").format(provider=label)
        if st.button(text, key=f"sso_{provider or 'default'}", icon=":material/key:"):
            st.login(provider)
    try:
        passwords = any(user.hash for user in auth.load_users(Path(cfg.auth_file)).values())
    except VisitTimelineError as exc:       # a missing or broken auth file: said, never a traceback
        st.error(str(exc), icon=":material/error:")
        return
    if not passwords:                       # single sign-on accounts only: no password to ask for
        return
    with st.form("sign_in"):
        name = st.text_input(_("User name"), key="sign_in_name")
        password = st.text_input(_("Password"), type="password", key="sign_in_password")
        pressed = st.form_submit_button(_("Sign in"), icon=":material/login:")
    if not pressed:
        return
    try:
        session = auth.password_session(cfg, name, password)
    except VisitTimelineError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    if session is None:
        st.error(_("Unknown name or wrong password."), icon=":material/lock:")
        return
    st.session_state[SESSION_KEY] = session
    st.session_state[_TOKEN_TO_SET] = auth_token.issue(cfg, session)
    st.session_state.pop(_SIGNED_OUT, None)
    st.rerun()
