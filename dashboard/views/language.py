"""The page's language: chosen in the sidebar and kept in the URL (``?lang=ru``); without one in the URL,
the ``language`` setting, and with the setting ``auto``, the browser's language (``st.context.locale``).

Drawn once per run: by ``app.py`` before the page, or by a page run on its own (AppTest). Sets the
language of the run (:func:`dashboard.i18n.use`); the filters and the visit stay where they are (they
live in the session and in the URL's other parameters).
"""
from __future__ import annotations

import logging

import streamlit as st

from dashboard import i18n
from dashboard.i18n import _
from dashboard.settings import Settings

log = logging.getLogger(__name__)

Q_LANG = "lang"
KEY = "ui_lang"
AUTO = "auto"


def default(cfg: Settings) -> str:
    """The language without one in the URL: the setting, or the browser's when the setting is ``auto``."""
    if cfg.language.strip().lower() == AUTO:
        try:
            browser = st.context.locale
        except (AttributeError, RuntimeError):     # no browser (a bare run)
            browser = None
        return i18n.supported(browser) or i18n.SOURCE
    chosen = i18n.supported(cfg.language)
    if chosen is None:
        log.warning("language setting %r is not one of %s: using %s", cfg.language, i18n.languages(),
                    i18n.SOURCE)
    return chosen or i18n.SOURCE


def param(lang: str, cfg: Settings) -> dict[str, list[str]]:
    """The URL parameter of ``lang`` (none for the default language: the plain view keeps a plain URL)."""
    return {} if lang == default(cfg) else {Q_LANG: [lang]}


def choose(cfg: Settings) -> str:
    """The language picker in the sidebar; the URL's ``lang`` wins when it changed (a link, Back)."""
    offered = i18n.languages()
    wanted = i18n.supported(st.query_params.get(Q_LANG))
    if wanted is not None and wanted != st.session_state.get("_lang_url"):
        st.session_state[KEY] = wanted
    elif st.session_state.get(KEY) not in offered:
        st.session_state[KEY] = wanted or default(cfg)
    i18n.use(st.session_state[KEY])       # the picker's own label is in the language it holds
    lang = st.sidebar.selectbox(_("Language of the page"), offered, key=KEY, format_func=i18n.language_name)
    lang = lang if lang in offered else i18n.SOURCE
    i18n.use(lang)
    shown = param(lang, cfg).get(Q_LANG)
    if shown and st.query_params.get(Q_LANG) != shown[0]:
        st.query_params[Q_LANG] = shown[0]
    elif not shown and Q_LANG in st.query_params:
        del st.query_params[Q_LANG]
    st.session_state["_lang_url"] = shown[0] if shown else None
    return lang
