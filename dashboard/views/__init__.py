"""Streamlit pages: each module has a ``render()`` and runs on its own (``streamlit run`` or AppTest).

The folder is not called ``pages``: Streamlit treats a ``pages/`` folder next to the main script as
a v1 multipage app and, on a process's first request to a page URL, runs its files directly.
"""
