"""The floor for bench_dashboard.py: a minimal Streamlit app with one filter and three Plotly charts.

Not part of the dashboard. bench_dashboard.py runs it with ``streamlit.testing.v1.AppTest`` in the same
process and run as the real page, and divides the page's times by its first run and by its rerun after a
filter change (``first_load_after_write_ratio``, ``rerun_narrow_ratio``).
"""
import pandas as pd
import plotly.express as px
import streamlit as st

frame = pd.DataFrame({"day": range(200), "kind": ["talks", "arrival", "visit", "departure"] * 50,
                      "value": [(i * 37) % 101 for i in range(200)]})
chosen = st.sidebar.multiselect("Kind", sorted(frame["kind"].unique()), key="kind")
shown = frame[frame["kind"].isin(chosen)] if chosen else frame
st.plotly_chart(px.scatter(shown, x="day", y="value", color="kind"))
st.plotly_chart(px.bar(shown.groupby("kind", as_index=False)["value"].sum(), x="kind", y="value"))
st.plotly_chart(px.line(shown, x="day", y="value"))
