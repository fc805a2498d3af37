"""Streamlit pages: each module has a ``render()`` and runs on its own (``streamlit run`` or AppTest)."""
