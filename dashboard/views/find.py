"""The sidebar's search in every script: one box that narrows the Visit, Location and Person lists to
what matches (dashboard.search), exact matches first, and the Article list to the titles holding the
text. The lists' own typing matches by substring. The long lists (visits, articles) send only their
newest options (``filters.LISTED``): the search box is how the others are reached."""
from __future__ import annotations

import streamlit as st

from dashboard import filters as flt
from dashboard import search
from dashboard.errors import VisitTimelineError
from dashboard.i18n import _, n_
from dashboard.settings import Settings
from dashboard.timeline import Timeline
from dashboard.views import common

KEY = "f_find"
LISTS = ("visits", "locations", "people", "titles")     # the lists the search narrows (the page's options)


@st.cache_resource(show_spinner="Preparing the search…", max_entries=2)
def _finder(cfg: Settings, version: tuple[int, ...], _data: common.Loaded) -> search.Finder:
    visits = Timeline(cfg).visits()
    return search.page_finder(cfg.data_dir, _data.locations, _data.people, visits, _data.visits,
                              flt.location_label)


common.FORGET.append(_finder.clear)       # a new store version: the old search goes before the new is made


def query() -> str:
    """The search box (in the sidebar); what it holds."""
    return st.sidebar.text_input(
        _("Search"), key=KEY, placeholder=_("Xiva, Хива, Mirziyoyev… in any script"),
        help=_("Finds visits, places and people by any of their names, in Latin or Cyrillic: the lists "
               "below then hold only what matches, exact matches first.")).strip()


def narrowed(cfg: Settings, data: common.Loaded, text: str) -> tuple[list[str], ...]:
    """The visits, locations, people and articles to offer for ``text`` (all of them for no text);
    articles by their titles as shown."""
    every = (list(data.visits), data.locations, data.people, list(data.titles))
    if not text:
        return every
    wanted = text.casefold()
    titles = [a for a, title in data.titles.items() if wanted in title.casefold()]
    try:
        found = _finder(cfg, data.version, data)
    except VisitTimelineError as exc:
        st.sidebar.warning(_("The search cannot read its name lists: {error}").format(error=exc))
        return (*every[:3], titles)
    visits, locations, people = (found.rank(text, options)
                                 for options in (data.visits, data.locations, data.people))
    counts = [common.visits_text(len(visits)),
              n_("{n} place", "{n} places", len(locations)).format(n=len(locations)),
              n_("{n} person", "{n} people", len(people)).format(n=len(people)),
              *([n_("{n} article", "{n} articles", len(titles)).format(n=len(titles))] if titles else [])]
    st.sidebar.caption(_("Found {what}").format(what=" · ".join(counts)) if visits or locations or people
                       or titles else _("Nothing found for “{text}”.").format(text=text))
    return visits, locations, people, titles


def keep(options: list[str], chosen: object) -> list[str]:
    """``options`` with what is chosen already (a search never drops a choice)."""
    picked = chosen if isinstance(chosen, list) else [chosen]
    extra = [str(c) for c in picked if c is not None and c not in options]
    return [*extra, *options]
