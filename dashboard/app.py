"""Streamlit entry point: ``visit-timeline dashboard`` (or ``python3 dev.py run``)."""
from __future__ import annotations

from importlib import resources

import streamlit as st

from dashboard.views import articles, counterparts, signin, timeline

ICON = resources.files("dashboard") / "static" / "icon.png"   # local: a :material: favicon needs internet

st.set_page_config(page_title="Visit Timeline", page_icon=str(ICON), layout="wide")
signin.require()     # with an auth file: nothing is drawn before a sign-in
page = st.navigation([
    st.Page(timeline.render, title="Timeline", icon=":material/timeline:", url_path="timeline", default=True),
    st.Page(counterparts.render, title="Counterparts", icon=":material/handshake:", url_path="counterparts"),
    st.Page(articles.render, title="Articles", icon=":material/upload_file:", url_path="articles"),
])
page.run()
