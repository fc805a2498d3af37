"""Streamlit entry point: ``visit-timeline dashboard`` (or ``python3 dev.py run``)."""
from __future__ import annotations

from importlib import resources

import streamlit as st

from dashboard import quiet
from dashboard.i18n import _
from dashboard.views import articles, common, counterparts, language, signin, timeline

ICON = resources.files("dashboard") / "static" / "icon.png"   # local: a :material: favicon needs internet

quiet.lean_allocators()      # the process's allocators give dropped reads back (once per process)
language.start(common.settings())      # the page's language (?lang=, the picker): before any word is shown
st.set_page_config(page_title=_("Visit Timeline"), page_icon=str(ICON), layout="wide")
signin.require()     # with an auth file: nothing is drawn before a sign-in
page = st.navigation([
    st.Page(timeline.render, title=_("Timeline"), icon=":material/timeline:", url_path="timeline",
            default=True),
    st.Page(counterparts.render, title=_("Counterparts"), icon=":material/handshake:",
            url_path="counterparts"),
    st.Page(articles.render, title=_("Articles"), icon=":material/upload_file:", url_path="articles"),
])
page.run()
language.picker(common.settings())     # at the foot of the sidebar, below the page's filters
