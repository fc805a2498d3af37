"""Sign-in on the page (only when an auth file is set) and the role checks the pages draw controls by.

Without an auth file nothing is asked and every control is drawn, as for one person on a laptop.
With one, :func:`require` shows a small form (name, password) until a sign-in succeeds, then who is
signed in, with a Sign out button; an expired session asks again. :func:`can` says whether the
signed-in person's role allows an action (see :data:`dashboard.auth.ROLES`).
"""
from __future__ import annotations

import streamlit as st

from dashboard.auth import Session
from dashboard.errors import VisitTimelineError
from dashboard.timeline import Timeline
from dashboard.views import common

SESSION_KEY = "auth_session"


def current() -> Session | None:
    """This browser session's sign-in, if there is one and it has not expired."""
    session = st.session_state.get(SESSION_KEY)
    if isinstance(session, Session) and not session.expired():
        return session
    return None


def can(action: str) -> bool:
    """Whether this page may offer ``action``: always without sign-in, else by the signed-in role."""
    if not Timeline(common.settings()).sign_in_required:
        return True
    session = current()
    return session is not None and session.can(action)


def signed_name() -> str | None:
    """The signed-in name (it signs corrections), or None without sign-in."""
    session = current()
    return session.name if session is not None and Timeline(common.settings()).sign_in_required else None


def require() -> None:
    """Ask for a sign-in before anything else is drawn (when an auth file is set)."""
    timeline = Timeline(common.settings())
    if not timeline.sign_in_required:
        return
    session = current()
    if session is not None:
        who = common.md_escape(session.name)
        st.sidebar.caption(f":material/person: Signed in as **{who}** ({session.role})")
        if st.sidebar.button("Sign out", key="sign_out", icon=":material/logout:"):
            st.session_state.pop(SESSION_KEY, None)
            st.rerun()
        return
    if st.session_state.pop(SESSION_KEY, None) is not None:
        st.info("Your session has expired: sign in again.", icon=":material/schedule:")
    form(timeline)
    st.stop()


def form(timeline: Timeline) -> None:
    st.title("Visit Timeline")
    with st.form("sign_in"):
        name = st.text_input("Name", key="sign_in_name")
        password = st.text_input("Password", type="password", key="sign_in_password")
        pressed = st.form_submit_button("Sign in", icon=":material/login:")
    if not pressed:
        return
    try:
        session = timeline.sign_in(name, password)
    except VisitTimelineError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    if session is None:
        st.error("Unknown name or wrong password.", icon=":material/lock:")
        return
    st.session_state[SESSION_KEY] = session
    st.rerun()
