"""An event's evidence from every source: each article's own sentence, marked in its paragraph, under
the article's title, file name or URL, and publication date (with where that date was found)."""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import i18n, schema
from dashboard.errors import VisitTimelineError
from dashboard.i18n import _, n_
from dashboard.settings import Settings
from dashboard.views import common


@dataclass(frozen=True, slots=True)
class Source:
    """One article's telling of the event, with what the page says about the article."""

    article: str
    title: str
    file: str
    url: str
    published: str
    found_in: str
    evidence: str
    start: int | None
    end: int | None


def _int(value: object) -> int | None:
    return None if schema.missing(value) else int(value)   # type: ignore[call-overload]


def _sources(row: pd.Series, cfg: Settings) -> list[Source]:
    """The event's sources from the store; a hand-made event's one source is the row itself."""
    found = common.event_sources(cfg, int(row["event_id"]))
    if not found.empty:
        return [Source(str(r.article), common.plain(r.title), common.plain(r.source), common.plain(r.url),
                       common.plain(r.published), common.plain(r.published_from), common.plain(r.evidence),
                       _int(r.evidence_start), _int(r.evidence_end)) for r in found.itertuples()]
    articles = common.load(cfg).articles
    meta = articles.loc[articles["id"] == row["article"]]
    if schema.missing(row["article"]) or meta.empty:
        return []
    m = meta.iloc[0]
    return [Source(str(row["article"]), common.plain(m["title"]), common.plain(m["source"]),
                   common.plain(m["url"]), common.plain(m["published"]), common.plain(m["published_from"]),
                   common.plain(row["evidence"]), _int(row["evidence_start"]), _int(row["evidence_end"]))]


def header(n: int, source: Source) -> str:
    """The source's heading as escaped HTML: number, title, file, URL (a link), publication date."""
    esc = html.escape
    title = esc(source.title or source.file or source.article[:12])
    parts = [esc(source.file)] if source.file and source.file != source.title else []
    if source.url and common.web_link(source.url):
        parts.append(f'<a href="{esc(source.url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                     f"{esc(source.url)}</a>")
    elif source.url:
        parts.append(esc(source.url))
    date = esc(i18n.iso_day(source.published) if source.published else _("unknown"))
    how = f" ({esc(common.found_in(source.found_in))})" if source.found_in else ""
    parts.append(_("published {date}").format(date=date) + how)
    return (f'<div class="vt-source" style="margin:0.5rem 0 0.25rem"><strong>{n}. {title}</strong><br>'
            f'<span style="color:#4b5563;font-size:0.88rem">{" · ".join(parts)}</span></div>')


def sources_section(row: pd.Series, cfg: Settings) -> None:
    """Every source of the event, each with its sentence highlighted in its own article."""
    sources = _sources(row, cfg)
    if not sources:
        return
    st.markdown("**" + n_("Evidence from {n} source:", "Evidence from {n} sources:", len(sources)).format(
        n=len(sources)) + "**")
    for n, source in enumerate(sources, start=1):
        st.html(header(n, source))
        try:
            text = common.article_text(cfg, source.article)
        except VisitTimelineError as exc:
            st.warning(str(exc))
            continue
        span = common.locate(text, source.evidence, source.start, source.end)
        if not source.evidence.strip() and span is None:
            st.caption(_("Added by hand: no sentence of this article is linked to the event."))
        elif span:
            st.html(common.escaped_block(*common.paragraph(text, *span), height=240))
        else:
            st.caption(_("The sentence could not be found in the article's text; it reads:"))
            st.html(common.escaped_block(source.evidence, height=200))
        with st.expander(_("Whole article (source {n})").format(n=n)):
            first, last = span or (None, None)
            st.html(common.escaped_block(text, first, last, height=480))
