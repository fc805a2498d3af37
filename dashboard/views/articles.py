"""The articles page: upload files or paste text to extend the timeline; list and delete articles."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from dashboard import i18n
from dashboard.i18n import N_, _, n_, number
from dashboard.ingest import SUPPORTED_SUFFIXES
from dashboard.settings import Settings
from dashboard.timeline import Timeline
from dashboard.views import common, editor, language, signin

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
    st.subheader(_("Add articles"))
    round_ = st.session_state.setdefault("upload_round", 0)
    limits = Timeline(cfg).upload_limits()
    server = int(st.get_option("server.maxUploadSize")) * 1_000_000    # the upload endpoint's own cap
    limits = {name: min(size, server) for name, size in limits.items()}
    largest = max(limits["text_file"], limits["office_file"])
    uploads = st.file_uploader(
        _("Upload articles"), type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True,
        key=f"uploader_{round_}", max_upload_size=max(1, largest // 1_000_000),
        help=_("Several files at once: {suffixes}. Text and HTML files up to {text_file}, .docx and .pdf up "
               "to {office_file}; the article's text up to {text}.").format(
            suffixes=", ".join(SUPPORTED_SUFFIXES), text_file=common.size(limits["text_file"]),
            office_file=common.size(limits["office_file"]), text=common.size(limits["text"])))
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
    st.markdown(_("**Publication dates.** Check each file's date: relative dates ('yesterday', "
                  "'26 January') are read from it. Nothing is stored until you press *Store*."))
    chosen: dict[str, dt.date | None] = {}
    for i, dated in enumerate(found):
        cols = st.columns([4, 2.2, 4], vertical_alignment="center")
        cols[0].text(dated.name)
        if dated.error is not None:
            refused = _("{name}: refused: {why}").format(name=dated.name, why=dated.error)
            cols[2].error(common.for_people(refused), icon=":material/block:")
            continue
        chosen[dated.name] = cols[1].date_input(
            _("Publication date of {name}").format(name=dated.name), value=_date(dated.published),
            key=f"pub_{batch}_{i}", format="YYYY-MM-DD", label_visibility="collapsed")
        if dated.published:
            cols[2].caption(_("found in the {where}").format(where=common.found_in(dated.found_in)))
        else:
            cols[2].warning(_("No date found: give this file's publication date."), icon=":material/event:")
    left, right = st.columns(2)
    if not chosen:              # every file was refused: nothing to store
        st.info(_("None of these files can be stored."))
    elif left.button(_("Store"), key="store_pending", type="primary", icon=":material/save:"):
        missing = [name for name, day in chosen.items() if day is None]
        if missing:
            st.error(_("Give the publication date of {names}: nothing is stored until then.").format(
                names=", ".join(missing)))
            return
        bar = st.progress(0.0, text=_("Starting…"))
        reports = _writer(cfg).ingest(files, dates={n: d.isoformat() for n, d in chosen.items() if d},
                                       progress=lambda x, text: bar.progress(x, text=text))
        st.session_state.pop(PENDING_KEY, None)
        _finish(reports)
        st.rerun()
    if right.button(_("Cancel"), key="cancel_pending", icon=":material/close:"):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()


def paste_section(cfg: Settings) -> None:
    with st.expander(_("…or paste an article"), expanded=False):
        text = st.text_area(_("Article text"), key="paste_text", height=200,
                            placeholder=_("Paste the text of a news article here"))
        name = st.text_input(_("Name"), key="paste_name", value=_("pasted article"))
        dated = Timeline(cfg).text_date(text, name) if text.strip() else None
        published = st.date_input(
            _("Publication date"), value=None, key="published", format="YYYY-MM-DD",
            help=_("Relative dates such as 'yesterday' are read from it; empty: the date found in the text."))
        if dated is not None and dated.published:
            mine = _(" (the date above wins)") if published else ""
            st.caption(_("Found in the {where}: {date}").format(where=common.found_in(dated.found_in),
                                                                date=i18n.iso_day(dated.published)) + mine)
        if st.button(_("Add pasted text"), key="paste_add", icon=":material/add:"):
            if not text.strip():
                st.warning(_("Paste an article's text first."))
                return
            day = published.isoformat() if published else (dated.published if dated else None)
            if day is None:
                st.warning(_("No publication date found in the text: give one above. Nothing was stored."))
                return
            _finish([_writer(cfg).ingest_text(text, name=name.strip() or _("pasted article"), published=day)])
            st.rerun()


def url_section(cfg: Settings) -> None:
    """A web page by its address: fetched, read as an HTML article and stored with its URL when it
    reports a visit; a failure (no network, time-out, not HTML, too large, no visit) is one line."""
    with st.expander(_("…or give a web address"), expanded=False):
        url = st.text_input(_("Web address"), key="url_address", placeholder="https://…",
                            help=_("A news article's web page; it is stored with this address."))
        published = st.date_input(_("Publication date (only if the page states none)"), value=None,
                                  key="url_published", format="YYYY-MM-DD")
        if st.button(_("Fetch and add"), key="url_add", icon=":material/language:"):
            if not url.strip():
                st.warning(_("Give a web address first."))
                return
            with st.spinner(_("Fetching the page…")):
                report = _writer(cfg).ingest_url(url, published.isoformat() if published else None)
            _finish([report])
            st.rerun()


COLUMNS = ((N_("Title"), 3.8), (N_("File / URL"), 3.4), (N_("Language"), 1.3), (N_("Published"), 1.7),
           (N_("Date found in"), 2), (N_("Events"), 1.1), ("", 2.1))
CONFIRM_KEY = "confirm_delete"      # the article whose Delete was pressed, waiting for "Yes, delete"
UNDO_KEY = "undo_delete"            # (article id, what the delete did): offered for undo


def articles_section(cfg: Settings) -> None:
    """The stored articles: title, file name and URL, language, publication date and where it was
    found, events; a delete asks first and can be undone."""
    articles = common.load(cfg).articles
    st.subheader(_("Articles ({n})").format(n=number(len(articles))))
    undo_note(cfg)
    if articles.empty:
        st.info(_("No articles yet."))
    else:
        widths = [w for _, w in COLUMNS]
        for col, (label, _width) in zip(st.columns(widths), COLUMNS, strict=True):
            col.markdown(f"**{_(label)}**" if label else "")
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
    cols[3].text(i18n.iso_day(common.plain(row.published, _("unknown"))))
    cols[4].text(common.found_in(common.plain(row.published_from)) or _("not recorded"))
    cols[5].text(common.plain(row.n_events, "0"))
    if signin.can("delete") and cols[6].button(
            _("Delete"), key=f"delete_{row.id}", icon=":material/delete:",
            help=_("Remove this article (you are asked first, and can undo it)")):
        st.session_state[CONFIRM_KEY] = str(row.id)
        st.rerun()
    if st.session_state.get(CONFIRM_KEY) == str(row.id):
        confirm_delete(cfg, str(row.id), title, int(common.plain(row.n_events, "0")))


def confirm_delete(cfg: Settings, article: str, title: str, n_events: int) -> None:
    st.warning(n_("Delete **{title}**? Its {n} event leaves the timeline, unless other articles also report "
                  "it. You can undo this.", "Delete **{title}**? Its {n} events leave the timeline, except "
                  "those other articles also report. You can undo this.", n_events).format(
        title=common.md_escape(title), n=number(n_events)), icon=":material/warning:")
    yes, no, _rest = st.columns([1.4, 1, 4])
    if yes.button(_("Yes, delete"), key=f"confirm_delete_{article}", type="primary",
                  icon=":material/delete:"):
        result = _writer(cfg).delete_article(article)
        st.session_state.pop(CONFIRM_KEY, None)
        st.session_state[REPORTS_KEY] = []
        done = _("{events} removed, {kept} kept by their other sources").format(
            events=_events(result.removed), kept=number(result.kept))
        st.session_state[UNDO_KEY] = (article, _("Deleted {title}: {done}.").format(
            title=common.md_escape(title), done=done))
        common.changed()
        st.rerun()
    if no.button(_("Cancel"), key="cancel_delete", icon=":material/close:"):
        st.session_state.pop(CONFIRM_KEY, None)
        st.rerun()


def _events(n: int) -> str:
    return n_("{n} event", "{n} events", n).format(n=number(n))


def undo_note(cfg: Settings) -> None:
    """What the last delete did, with an Undo button."""
    if not st.session_state.get(UNDO_KEY):
        return
    article, message = st.session_state[UNDO_KEY]
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.info(message, icon=":material/delete:")
    if right.button(_("Undo"), key="undo_delete_button", icon=":material/undo:"):
        restore(cfg, article)


def restore(cfg: Settings, article: str) -> None:
    result = _writer(cfg).restore_article(article)
    st.session_state.pop(UNDO_KEY, None)
    if not result.found:
        st.session_state["toast"] = _("Nothing to restore: that article is no longer kept.")
    elif result.duplicate:
        st.session_state["toast"] = _("That article is in the timeline already.")
    else:
        st.session_state["toast"] = _("Restored: {events} added, {merged} merged.").format(
            events=_events(result.added), merged=number(result.merged))
    common.changed()
    st.rerun()


def deleted_section(cfg: Settings) -> None:
    """Deleted articles, each with Restore."""
    deleted = Timeline(cfg).deleted_articles()
    if deleted.empty:
        return
    with st.expander(_("Deleted articles ({n})").format(n=number(len(deleted))),
                     icon=":material/restore_from_trash:"):
        for row in deleted.itertuples():
            cols = st.columns([5, 3, 1.6], vertical_alignment="center")
            name = common.plain(row.title) or common.plain(row.source) or str(row.id)[:12]
            cols[0].text(f"{name} · {_events(int(common.plain(row.n_events, '0')))}")
            when = common.plain(row.deleted_at).replace("T", " ").replace("+00:00", " UTC")
            cols[1].text(_("deleted {when}").format(when=when))
            if cols[2].button(_("Restore"), key=f"restore_{row.id}", icon=":material/restore:"):
                restore(cfg, str(row.id))


def render() -> None:
    common.other_page()
    cfg = common.settings()
    if st.session_state.get("toast"):
        st.toast(st.session_state.pop("toast"), icon=":material/info:")
    common.reload_button()
    st.title(_("Articles"))
    common.demo_note(cfg)
    st.caption(_("Extend the timeline with more reports of the visit: events already on the timeline are "
                 "merged (they gain a source), new ones are added."))
    if signin.can("upload"):
        upload_section(cfg)
        st.divider()
    articles_section(cfg)
    editor.article_tools(cfg, common.load(cfg).articles)


if __name__ == "__main__":      # run on its own (AppTest): what app.py does around a page
    language.start(common.settings())
    render()
    language.picker(common.settings())
