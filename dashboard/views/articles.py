"""The articles page: upload files or paste text to extend the timeline; list and delete articles."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.ingest import SUPPORTED_SUFFIXES
from dashboard.settings import Settings
from dashboard.timeline import Timeline
from dashboard.views import common, editor, signin

if TYPE_CHECKING:      # the reports' types only: the page reaches the store through the Timeline
    import pandas as pd

    from dashboard import service

REPORTS_KEY = "ingest_reports"
PENDING_KEY = "pending_uploads"     # (files, their found dates, the upload round): waiting to be confirmed


def show_reports(reports: Sequence[service.IngestReport]) -> None:
    """One line per file: added/merged, already there, or why it was refused."""
    for report in reports:
        if report.error is not None:
            st.error(common.for_people(report.message), icon=":material/block:")
        elif report.bounded:
            st.warning(report.message, icon=":material/content_cut:")
        elif report.duplicate:
            st.info(report.message, icon=":material/content_copy:")
        elif report.n_events == 0:
            st.warning(report.message, icon=":material/search_off:")
        elif report.late:
            st.warning(report.message, icon=":material/event_busy:")
        else:
            st.success(report.message, icon=":material/check_circle:")


def _finish(reports: list[service.IngestReport]) -> None:
    st.session_state[REPORTS_KEY] = list(reports)
    if any(r.ok and not r.duplicate for r in reports):
        common.changed()


def upload_section(cfg: Settings) -> None:
    """Upload: each file's publication date is found and shown, with where it was found, to confirm or
    change; nothing is stored before the reader says so, and a file without a date waits for one."""
    st.subheader("Add articles")
    round_ = st.session_state.setdefault("upload_round", 0)
    limits = Timeline(cfg).upload_limits()
    server = int(st.get_option("server.maxUploadSize")) * 1_000_000    # the upload endpoint's own cap
    limits = {name: min(size, server) for name, size in limits.items()}
    largest = max(limits["text_file"], limits["office_file"])
    uploads = st.file_uploader(
        "Upload articles", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True,
        key=f"uploader_{round_}", max_upload_size=max(1, largest // 1_000_000),
        help=f"Several files at once: {', '.join(SUPPORTED_SUFFIXES)}. Text and HTML files up to "
             f"{common.size(limits['text_file'])}, .docx and .pdf up to "
             f"{common.size(limits['office_file'])}; the article's text up to {common.size(limits['text'])}.")
    if uploads:
        files = [(f.name, f.getvalue()) for f in uploads]
        st.session_state[PENDING_KEY] = (files, Timeline(cfg).dates(files), round_)
        st.session_state["upload_round"] = round_ + 1   # a fresh uploader: the same files are not re-read
        st.rerun()
    if st.session_state.get(PENDING_KEY):
        confirm_section(cfg, *st.session_state[PENDING_KEY])
    paste_section(cfg)
    url_section(cfg)
    show_reports(st.session_state.get(REPORTS_KEY, []))


def _writer(cfg: Settings) -> Timeline:
    """The timeline as the signed-in person writes to it (the audit log names them)."""
    return Timeline(cfg, author=signin.signed_name())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def confirm_section(cfg: Settings, files: list[tuple[str, bytes]], found: list[service.Dated],
                    batch: int) -> None:
    """Each uploaded file with its publication date, to confirm or change, then store them all."""
    st.markdown("**Publication dates.** Check each file's date: relative dates ('yesterday', "
                "'26 January') are read from it. Nothing is stored until you press *Store*.")
    chosen: dict[str, dt.date | None] = {}
    for i, dated in enumerate(found):
        cols = st.columns([4, 2.2, 4], vertical_alignment="center")
        cols[0].text(dated.name)
        if dated.error is not None:
            cols[2].error(common.for_people(f"{dated.name}: refused: {dated.error}"), icon=":material/block:")
            continue
        chosen[dated.name] = cols[1].date_input(
            f"Publication date of {dated.name}", value=_date(dated.published), key=f"pub_{batch}_{i}",
            format="YYYY-MM-DD", label_visibility="collapsed")
        if dated.published:
            cols[2].caption(f"found in the {dated.found_in}")
        else:
            cols[2].warning("No date found: give this file's publication date.", icon=":material/event:")
    left, right = st.columns(2)
    if not chosen:              # every file was refused: nothing to store
        st.info("None of these files can be stored.")
    elif left.button("Store", key="store_pending", type="primary", icon=":material/save:"):
        missing = [name for name, day in chosen.items() if day is None]
        if missing:
            st.error(f"Give the publication date of {', '.join(missing)}: nothing is stored until then.")
            return
        bar = st.progress(0.0, text="Starting…")
        reports = _writer(cfg).ingest(files, dates={n: d.isoformat() for n, d in chosen.items() if d},
                                       progress=lambda x, text: bar.progress(x, text=text))
        st.session_state.pop(PENDING_KEY, None)
        _finish(reports)
        st.rerun()
    if right.button("Cancel", key="cancel_pending", icon=":material/close:"):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()


def paste_section(cfg: Settings) -> None:
    with st.expander("…or paste an article", expanded=False):
        text = st.text_area("Article text", key="paste_text", height=200,
                            placeholder="Paste the text of a news article here")
        name = st.text_input("Name", key="paste_name", value="pasted article")
        dated = Timeline(cfg).text_date(text, name) if text.strip() else None
        published = st.date_input(
            "Publication date", value=None, key="published", format="YYYY-MM-DD",
            help="Relative dates such as 'yesterday' are read from it; empty: the date found in the text.")
        if dated is not None and dated.published:
            mine = " (the date above wins)" if published else ""
            st.caption(f"Found in the {dated.found_in}: {dated.published}{mine}")
        if st.button("Add pasted text", key="paste_add", icon=":material/add:"):
            if not text.strip():
                st.warning("Paste an article's text first.")
                return
            day = published.isoformat() if published else (dated.published if dated else None)
            if day is None:
                st.warning("No publication date found in the text: give one above. Nothing was stored.")
                return
            _finish([_writer(cfg).ingest_text(text, name=name.strip() or "pasted article", published=day)])
            st.rerun()


def url_section(cfg: Settings) -> None:
    """A web page by its address: fetched, read as an HTML article and stored with its URL when it
    reports a visit; a failure (no network, time-out, not HTML, too large, no visit) is one line."""
    with st.expander("…or give a web address", expanded=False):
        url = st.text_input("Web address", key="url_address", placeholder="https://…",
                            help="A news article's web page; it is stored with this address.")
        published = st.date_input("Publication date (only if the page states none)", value=None,
                                  key="url_published", format="YYYY-MM-DD")
        if st.button("Fetch and add", key="url_add", icon=":material/language:"):
            if not url.strip():
                st.warning("Give a web address first.")
                return
            with st.spinner("Fetching the page…"):
                report = _writer(cfg).ingest_url(url, published.isoformat() if published else None)
            _finish([report])
            st.rerun()


COLUMNS = (("Title", 3.8), ("File / URL", 3.4), ("Language", 1.3), ("Published", 1.7), ("Date found in", 2),
           ("Events", 1.1), ("", 2.1))
CONFIRM_KEY = "confirm_delete"      # the article whose Delete was pressed, waiting for "Yes, delete"
UNDO_KEY = "undo_delete"            # (article id, what the delete did): offered for undo


def articles_section(cfg: Settings) -> None:
    """The stored articles: title, file name and URL, language, publication date and where it was
    found, events; a delete asks first and can be undone."""
    articles = common.load(cfg).articles
    st.subheader(f"Articles ({len(articles)})")
    undo_note(cfg)
    if articles.empty:
        st.info("No articles yet.")
    else:
        widths = [w for _, w in COLUMNS]
        for col, (label, _) in zip(st.columns(widths), COLUMNS, strict=True):
            col.markdown(f"**{label}**" if label else "")
        for row in articles.itertuples():
            article_row(cfg, row, widths)
    if signin.can("delete"):
        deleted_section(cfg)


def article_row(cfg: Settings, row: pd.Series, widths: list[float]) -> None:
    cols = st.columns(widths, vertical_alignment="center")
    title = common.plain(row.title) or str(row.id)[:12]
    cols[0].text(title)
    cols[1].text(common.plain(row.source, "—"))
    link = common.web_link(row.url)
    if link:
        cols[1].markdown(link)
    elif common.plain(row.url):
        cols[1].text(common.plain(row.url))
    cols[2].text(common.plain(row.language, "und"))
    cols[3].text(common.plain(row.published, "unknown"))
    cols[4].text(common.plain(row.published_from, "not recorded"))
    cols[5].text(common.plain(row.n_events, "0"))
    if signin.can("delete") and cols[6].button(
            "Delete", key=f"delete_{row.id}", icon=":material/delete:",
            help="Remove this article (you are asked first, and can undo it)"):
        st.session_state[CONFIRM_KEY] = str(row.id)
        st.rerun()
    if st.session_state.get(CONFIRM_KEY) == str(row.id):
        confirm_delete(cfg, str(row.id), title, int(common.plain(row.n_events, "0")))


def confirm_delete(cfg: Settings, article: str, title: str, n_events: int) -> None:
    st.warning(f"Delete **{common.md_escape(title)}**? Its {n_events} events leave the timeline, except "
               "those other articles also report. You can undo this.", icon=":material/warning:")
    yes, no, _ = st.columns([1.4, 1, 4])
    if yes.button("Yes, delete", key=f"confirm_delete_{article}", type="primary", icon=":material/delete:"):
        result = _writer(cfg).delete_article(article)
        st.session_state.pop(CONFIRM_KEY, None)
        st.session_state[REPORTS_KEY] = []
        done = f"{_events(result.removed)} removed, {result.kept} kept by their other sources"
        st.session_state[UNDO_KEY] = (article, f"Deleted {common.md_escape(title)}: {done}.")
        common.changed()
        st.rerun()
    if no.button("Cancel", key="cancel_delete", icon=":material/close:"):
        st.session_state.pop(CONFIRM_KEY, None)
        st.rerun()


def _events(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


def undo_note(cfg: Settings) -> None:
    """What the last delete did, with an Undo button."""
    if not st.session_state.get(UNDO_KEY):
        return
    article, message = st.session_state[UNDO_KEY]
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.info(message, icon=":material/delete:")
    if right.button("Undo", key="undo_delete_button", icon=":material/undo:"):
        restore(cfg, article)


def restore(cfg: Settings, article: str) -> None:
    result = _writer(cfg).restore_article(article)
    st.session_state.pop(UNDO_KEY, None)
    if not result.found:
        st.session_state["toast"] = "Nothing to restore: that article is no longer kept."
    elif result.duplicate:
        st.session_state["toast"] = "That article is in the timeline already."
    else:
        st.session_state["toast"] = f"Restored: {_events(result.added)} added, {result.merged} merged."
    common.changed()
    st.rerun()


def deleted_section(cfg: Settings) -> None:
    """Deleted articles, each with Restore."""
    deleted = Timeline(cfg).deleted_articles()
    if deleted.empty:
        return
    with st.expander(f"Deleted articles ({len(deleted)})", icon=":material/restore_from_trash:"):
        for row in deleted.itertuples():
            cols = st.columns([5, 3, 1.6], vertical_alignment="center")
            name = common.plain(row.title) or common.plain(row.source) or str(row.id)[:12]
            cols[0].text(f"{name} · {common.plain(row.n_events, '0')} events")
            when = common.plain(row.deleted_at).replace("T", " ").replace("+00:00", " UTC")
            cols[1].text(f"deleted {when}")
            if cols[2].button("Restore", key=f"restore_{row.id}", icon=":material/restore:"):
                restore(cfg, str(row.id))


def render() -> None:
    common.other_page()
    cfg = common.settings()
    if st.session_state.get("toast"):
        st.toast(st.session_state.pop("toast"), icon=":material/info:")
    common.reload_button()
    st.title("Articles")
    common.demo_note(cfg)
    st.caption("Extend the timeline with more reports of the visit: events already on the timeline are "
               "merged (they gain a source), new ones are added.")
    if signin.can("upload"):
        upload_section(cfg)
        st.divider()
    articles_section(cfg)
    editor.article_tools(cfg, common.load(cfg).articles)


if __name__ == "__main__":
    render()
