"""Streamlit entry point (made real by the dashboard work)."""
import streamlit as st

st.title("Visit Timeline")
