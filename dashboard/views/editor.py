"""Correcting events on the timeline page: the detail panel's editor, undo, and adding by hand.

Widgets only: every change goes through :mod:`dashboard.editing`, which keeps it in the edit log.
A name typed once per session (sidebar) signs the edits.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import corrections, editing, i18n, search
from dashboard.compact import plain
from dashboard.errors import InputError, VisitTimelineError
from dashboard.figures import kind_name
from dashboard.i18n import _
from dashboard.schema import KINDS, STATUSES
from dashboard.settings import Settings
from dashboard.timeline import Timeline
from dashboard.views import common, signin

NAME_KEY = "editor_name"
EDIT_OPEN = "edit_open"    # the "Correct this event" expander's state (kept from one event to the next)
ADD_OPEN = "add_open"      # the "Add an event by hand" expander's state: its form is built only when open
DELETED_KEY = "deleted_event"   # (edit id, event id, title) of this session's latest delete: offered for undo


def editor_name() -> str:
    """The name the edits of this session are signed with: the signed-in name, else typed once and kept
    in the session."""
    signed = signin.signed_name()
    if signed is not None:
        return signed
    return st.sidebar.text_input(_("Your name (for the edit log)"), key=NAME_KEY, placeholder=_("anonymous"),
                                 help=_("Saved with every correction you make in this session.")).strip()


def _text(value: object) -> str:
    return common.plain(value)


def _done(message: str) -> None:
    st.session_state["edit_message"] = message
    common.changed()
    st.rerun()


def _attempt(action: Callable[[], object], message: str) -> None:
    """Run one change; a refusal becomes one line on the page, success reloads the timeline."""
    try:
        action()
    except VisitTimelineError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    _done(message)


def deleted_note(cfg: Settings, author: str) -> None:
    """After a delete in this session: what was deleted, with an Undo that brings it back selected."""
    deleted = st.session_state.get(DELETED_KEY)
    if not deleted or not signin.can("correct"):
        return
    edit_id, event_id, title = deleted
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(":material/delete: " + _("Deleted “{title}”.").format(title=common.md_escape(title)))
    if right.button(_("Undo"), key="undo_delete_event", icon=":material/undo:"):
        def restore() -> None:
            Timeline(cfg).undo(edit_id, author)
            st.session_state.pop(DELETED_KEY, None)
            st.session_state["focus"] = event_id
        _attempt(restore, _("Event restored."))


def corrected_note(row: pd.Series, cfg: Settings, author: str) -> None:
    """"Corrected by X at T" with an undo, for an event that has corrections."""
    message = st.session_state.pop("edit_message", None)
    if message:
        st.success(message, icon=":material/check_circle:")
    if pd.isna(row.get("edit_id", pd.NA)):
        return
    who = _text(row["edited_by"]) or _("anonymous")
    when = _text(row["edited_at"]).replace("T", " ").replace("+00:00", " UTC")
    left, right = st.columns([2, 1], vertical_alignment="center")
    left.caption(":material/edit_note: " + _("Corrected by **{who}** at {when}").format(who=who, when=when))
    edit_id = int(row["edit_id"])
    if signin.can("correct") and right.button(_("Undo"), key=f"undo_{edit_id}", icon=":material/undo:"):
        _attempt(lambda: Timeline(cfg).undo(edit_id, author), _("Edit {n} undone.").format(n=edit_id))


def _changes(row: pd.Series, kind: str, date: dt.date | None, time: str, title: str, people: str,
             place: str, cfg: Settings) -> dict[str, object]:
    changes: dict[str, object] = {}
    if kind != _text(row["kind"]):
        changes["kind"] = kind
    if date is not None and date.isoformat() != _text(row["date"]):
        changes["date"] = date.isoformat()
    if time.strip() != _text(row["time"]):
        changes["time"] = time.strip() or None
    for name, value in (("title", title), ("participants", people)):
        if value.strip() != _text(row[name]):
            changes[name] = value.strip()
    if place.strip() and place.strip() != _text(row["place"]):
        changes |= _place(place.strip(), cfg)
        if "title" not in changes:       # an automatic title follows the new place (and the new kind)
            retitled = corrections.place_retitled(row["title"], [row["place"], row["city"]], changes["place"])
            if retitled and "kind" in changes:
                retitled = editing._retitled(retitled["title"], row["kind"], str(changes["kind"])) or retitled
            changes |= retitled
    return changes


def _place(text: str, cfg: Settings) -> dict[str, object]:
    """A place typed as a name (any script the gazetteer or the script tables know) or as "lat, lon";
    a name not found is refused in the page's terms."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 2:
        try:
            return Timeline(cfg).place(lat=float(parts[0]), lon=float(parts[1]))
        except ValueError:
            pass
    for name in dict.fromkeys((text, search.to_latin(text, cfg.lexicon_dir))):
        try:
            return Timeline(cfg).place(name=name)
        except InputError:
            continue
    raise InputError(_("No place called “{text}” is known. Type another spelling (Xiva, Хива or Khiva), "
                       "or the point as latitude, longitude (e.g. 41.31, 69.28).").format(text=text))


def edit_panel(row: pd.Series, seq: pd.DataFrame, cfg: Settings, author: str) -> None:
    """The editor of one event: fields, then delete, split and merge (with an event of the same day or
    near it on the timeline: ``seq`` is the events shown, in timeline order)."""
    if not signin.can("correct"):
        return
    event_id = int(row["event_id"])
    timeline = Timeline(cfg)
    with st.expander(_("Correct this event"), icon=":material/edit:", key=EDIT_OPEN,
                     on_change="rerun") as box:
        if not box.open:      # built only while open: seven fields and the merge list per rerun
            return
        k = f"ed_{event_id}_"
        kind = st.selectbox(_("Kind"), KINDS, index=KINDS.index(row["kind"]) if row["kind"] in KINDS else 0,
                            key=k + "kind", format_func=i18n.bound(kind_name))
        day = dt.date.fromisoformat(row["date"]) if isinstance(row["date"], str) else None
        left, right = st.columns(2)
        date = left.date_input(_("Date"), value=day, key=k + "date", format="YYYY-MM-DD")
        time = right.text_input(_("Time (HH:MM)"), value=_text(row["time"]), key=k + "time")
        title = st.text_input(_("Title"), value=_text(row["title"]), key=k + "title")
        place = st.text_input(_("Place"), value=_text(row["place"]), key=k + "place",
                              help=_("A gazetteer name in any script (Xiva, Хива, Khiva), or 'lat, lon'."))
        people = st.text_input(_("Participants"), value=_text(row["participants"]), key=k + "people")
        status = st.radio(_("Status"), STATUSES,
                          index=STATUSES.index(_text(row.get("status")) or STATUSES[0]), key=k + "status",
                          horizontal=True, format_func=i18n.bound(kind_name),
                          help=_("planned: announced, not (yet) held"))
        if st.button(_("Save correction"), key=k + "save", icon=":material/save:", type="primary"):
            def save() -> None:
                changes = _changes(row, kind, date, time, title, people, place, cfg)
                if status != (_text(row.get("status")) or STATUSES[0]):
                    changes["status"] = status
                if not changes:
                    raise InputError(_("nothing changed"))
                timeline.edit(event_id, changes, author)
            _attempt(save, _("Correction saved."))
        st.divider()
        one, two = st.columns(2)
        if one.button(_("Delete event"), key=k + "delete", icon=":material/delete:"):
            def delete() -> None:
                st.session_state[DELETED_KEY] = (timeline.delete(event_id, author), event_id,
                                                 _text(row["title"]))
            _attempt(delete, _("Event deleted."))
        if two.button(_("Split in two"), key=k + "split", icon=":material/call_split:",
                      help=_("A copy of this event right after it; correct either one.")):
            _attempt(lambda: timeline.split(event_id, author=author), _("Event split in two."))
        near = plain(editing.merge_candidates(seq, event_id))
        labels = {int(e): f"{n}. {t}" for e, n, t in zip(near["event_id"].tolist(), near["number"].tolist(),
                                                          near["title"].tolist(), strict=True)}
        if labels:
            hint = _("Events of the same day first, then the nearest on the timeline (up to {n}). Filter the "
                     "page to bring another one near.").format(n=editing.MERGE_CHOICES)
            other = st.selectbox(_("Merge with"), list(labels), index=None, key=k + "merge_with",
                                 format_func=lambda e: labels.get(e, str(e)), placeholder=_("another event"),
                                 help=hint)
            if other is not None and st.button(_("Merge into this event"), key=k + "merge",
                                               icon=":material/merge:"):
                _attempt(lambda: timeline.merge(event_id, other, author), _("Events merged."))


def add_panel(titles: dict[str, str], cfg: Settings, author: str) -> None:
    """An event added by hand to an article. Built only while its expander is open: its article list
    holds every article (0.37 MB per rerun at 100k events)."""
    if not titles or not signin.can("correct"):
        return
    with st.expander(_("Add an event by hand"), icon=":material/add:", key=ADD_OPEN,
                     on_change="rerun") as box:
        if not box.open:
            return
        article = st.selectbox(_("Article"), list(titles), format_func=lambda a: titles.get(a, a),
                               key="add_article")
        left, right = st.columns(2)
        kind = left.selectbox(_("Kind"), KINDS, key="add_kind", format_func=i18n.bound(kind_name))
        date = right.date_input(_("Date"), value=None, key="add_date", format="YYYY-MM-DD")
        title = st.text_input(_("Title"), key="add_title")
        place = st.text_input(_("Place"), key="add_place",
                              help=_("A gazetteer name in any script, or 'lat, lon'."))
        people = st.text_input(_("Participants"), key="add_people",
                               placeholder="Shavkat Mirziyoyev; Sadyr Japarov",
                               help=_("Separated by ';'. Naming the visitor and the host keeps the event in "
                                      "their visit."))
        if st.button(_("Add event"), key="add_save", icon=":material/add_circle:"):
            def add() -> None:
                fields: dict[str, object] = {"kind": kind}
                if date:
                    fields["date"] = date.isoformat()
                if place.strip():
                    fields |= _place(place.strip(), cfg)
                fields["title"] = title.strip() or " · ".join(
                    str(p) for p in (kind.title(), fields.get("place")) if p)
                if people.strip():
                    fields["participants"] = "; ".join(p.strip() for p in people.split(";") if p.strip())
                st.session_state["focus"] = Timeline(cfg).add_event(article, fields, author)
            _attempt(add, _("Event added."))


def article_tools(cfg: Settings, articles: pd.DataFrame) -> None:
    """Re-read one article with a corrected publication date, or every article with the current
    extractor; corrections are kept either way."""
    if articles.empty or not signin.can("correct"):
        return
    titles = {str(r.id): common.plain(r.title) or common.plain(r.source) or str(r.id)[:12]
              for r in articles.itertuples()}
    with st.expander(_("Publication date and re-extraction"), icon=":material/refresh:"):
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        article = left.selectbox(_("Article"), list(titles), format_func=titles.__getitem__,
                                 key="republish_article")
        published = right.date_input(_("Publication date"), value=None, key="republish_date",
                                     format="YYYY-MM-DD")
        again = st.button(_("Read again with this date"), key="republish", icon=":material/event:",
                          disabled=published is None, help=_("Relative dates ('yesterday', 'on Friday') are "
                                                             "read from it; corrections stay."))
        if again and article is not None and published is not None:   # the button is off without a date
            def republish() -> None:
                result = Timeline(cfg).set_published(article, published.isoformat())
                st.session_state["toast"] = _("Read again: {added} added, {changed} changed, {dropped} "
                                              "dropped").format(added=result.added, changed=result.changed,
                                                                dropped=result.dropped)
            _attempt(republish, _("Publication date changed."))
        if signin.can("reextract") and st.button(
                _("Re-extract every article"), key="reextract", icon=":material/autorenew:",
                help=_("Run the current extractor over every stored article, e.g. after an upgrade.")):
            bar = st.progress(0.0, text=_("Re-extracting…"))

            def progress(done: int, total: int, title: str) -> None:
                bar.progress(done / total, text=_("{done} of {total}: {title}").format(
                    done=done, total=total, title=title[:60]))
            report = Timeline(cfg).reextract(progress=progress)
            st.session_state["toast"] = report.message
            common.changed()
            st.rerun()
