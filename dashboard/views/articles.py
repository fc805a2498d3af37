"""The articles page: upload files or paste text to extend the timeline; list and delete articles."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from dashboard import service
from dashboard.ingest import SUPPORTED_SUFFIXES
from dashboard.settings import Settings
from dashboard.views import common, editor

REPORTS_KEY = "ingest_reports"


def show_reports(reports: Sequence[service.IngestReport]) -> None:
    """One line per file: added/merged, already there, or why it was refused."""
    for report in reports:
        if report.error is not None:
            st.error(report.message, icon=":material/block:")
        elif report.duplicate:
            st.info(report.message, icon=":material/content_copy:")
        elif report.n_events == 0:
            st.warning(report.message, icon=":material/search_off:")
        else:
            st.success(report.message, icon=":material/check_circle:")


def _finish(reports: list[service.IngestReport]) -> None:
    st.session_state[REPORTS_KEY] = list(reports)
    if any(r.ok and not r.duplicate for r in reports):
        common.changed()


def upload_section(cfg: Settings) -> None:
    st.subheader("Add articles")
    published = st.date_input(
        "Publication date", value=dt.date.today(), key="published", format="YYYY-MM-DD",
        help="Used for articles that do not state their own date (HTML metadata or a dateline win). "
             "Relative dates such as 'yesterday' are read from it.")
    if published:
        st.caption(f"Articles that state no date of their own count as published on "
                   f"{published.day} {published:%B %Y}.")
    round_ = st.session_state.setdefault("upload_round", 0)
    uploads = st.file_uploader(
        "Upload articles", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True,
        key=f"uploader_{round_}", help="Several files at once: " + ", ".join(SUPPORTED_SUFFIXES))
    if uploads:
        bar = st.progress(0.0, text="Starting…")
        files = [(f.name, f.getvalue()) for f in uploads]
        reports = service.ingest_many(files, cfg, published.isoformat() if published else None,
                                      progress=lambda x, text: bar.progress(x, text=text))
        _finish(reports)
        st.session_state["upload_round"] = round_ + 1   # a fresh uploader: the same files are not re-read
        st.rerun()
    with st.expander("…or paste an article", expanded=False):
        text = st.text_area("Article text", key="paste_text", height=200,
                            placeholder="Paste the text of a news article here")
        name = st.text_input("Name", key="paste_name", value="pasted article")
        if st.button("Add pasted text", key="paste_add", icon=":material/add:"):
            if not text.strip():
                st.warning("Paste an article's text first.")
                return
            report = service.ingest_text(text, cfg, name=name.strip() or "pasted article",
                                         published=published.isoformat() if published else None)
            _finish([report])
            st.rerun()
    show_reports(st.session_state.get(REPORTS_KEY, []))


def articles_section(cfg: Settings) -> None:
    articles = common.load(cfg).articles
    st.subheader(f"Articles ({len(articles)})")
    if articles.empty:
        st.info("No articles yet.")
        return
    head = st.columns([6, 2, 1.4, 1.2, 1.4])
    for col, label in zip(head, ("Title", "Published", "Language", "Events", ""), strict=True):
        col.markdown(f"**{label}**" if label else "")
    for row in articles.itertuples():
        cols = st.columns([6, 2, 1.4, 1.2, 1.4], vertical_alignment="center")
        cols[0].text(common.plain(row.title) or common.plain(row.source) or str(row.id)[:12])
        cols[1].text(common.plain(row.published, "unknown"))
        cols[2].text(common.plain(row.language, "und"))
        cols[3].text(common.plain(row.n_events, "0"))
        if cols[4].button("Delete", key=f"delete_{row.id}", icon=":material/delete:",
                          help="Remove this article; events also reported by other articles stay"):
            result = service.delete_article(cfg, str(row.id))
            common.changed()
            st.session_state[REPORTS_KEY] = []
            st.session_state["toast"] = (f"Deleted: {result.removed} events removed, "
                                         f"{result.kept} kept by their other sources")
            st.rerun()


def render() -> None:
    cfg = common.settings()
    common.ensure_seed(cfg)
    if st.session_state.get("toast"):
        st.toast(st.session_state.pop("toast"), icon=":material/info:")
    st.title("Articles")
    st.caption("Extend the timeline with more reports of the visit: events already on the timeline are "
               "merged (they gain a source), new ones are added.")
    upload_section(cfg)
    st.divider()
    articles_section(cfg)
    editor.article_tools(cfg, common.load(cfg).articles)


if __name__ == "__main__":
    render()
