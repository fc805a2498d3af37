"""The page's language: chosen in the sidebar and kept in the URL (``?lang=ru``); without one in the URL,
the ``language`` setting, and with the setting ``auto``, the browser's language (``st.context.locale``).

Once per run, by ``app.py`` (or by a page run on its own, as AppTest runs it): :func:`start` before
the page sets the run's language (:func:`dashboard.i18n.use`) from the picker's state, the URL or the
defaults; :func:`picker` after the page draws the picker at the foot of the sidebar (below the
filters) and keeps ``lang`` in the URL. A change of language is a rerun: the filters and the visit stay
where they are (they live in the session and in the URL's other parameters).
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
URL_KEY = "_lang_url"     # the language this session last wrote into the URL
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


def start(cfg: Settings) -> str:
    """The language of this run: the picker's, unless the URL's ``lang`` changed (a link, Back)."""
    wanted = i18n.supported(st.query_params.get(Q_LANG))
    if wanted is not None and wanted != st.session_state.get(URL_KEY):
        st.session_state[KEY] = wanted
    elif st.session_state.get(KEY) not in i18n.languages():
        st.session_state[KEY] = wanted or default(cfg)
    i18n.use(st.session_state[KEY])
    return i18n.current()


def picker(cfg: Settings) -> None:
    """The picker, at the foot of the sidebar, and the language in the URL."""
    lang = st.sidebar.selectbox(_("Language of the page"), i18n.languages(), key=KEY,
                                format_func=i18n.language_name)
    shown = param(lang if lang in i18n.languages() else i18n.SOURCE, cfg).get(Q_LANG)
    if shown and st.query_params.get(Q_LANG) != shown[0]:
        st.query_params[Q_LANG] = shown[0]
    elif not shown and Q_LANG in st.query_params:
        del st.query_params[Q_LANG]
    st.session_state[URL_KEY] = shown[0] if shown else None
