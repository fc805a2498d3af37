"""Correcting the timeline: edit, delete, add, split and merge events, undo, and re-extract articles.

Used by the CLI (``edit``, ``delete-event``, ``reextract``) and the timeline page. Every change goes
into the store's edit log (who, when, the values before and after) and is applied on top of what
extraction gives (:mod:`dashboard.corrections`), so it survives re-extraction. Bad input raises
InputError with a one-line message and changes nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.corrections import EDIT_FIELDS, PLACE_FIELDS, check_changes
from dashboard.errors import ExtractionError, InputError, VisitTimelineError
from dashboard.places import load_gazetteer
from dashboard.schema import event_rows
from dashboard.settings import Settings
from dashboard.store import ReplaceResult, Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]    # (done, total, article title)
_COPIED = (*EDIT_FIELDS, "place_surface", "evidence", "evidence_start", "evidence_end", "confidence")


def _value(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def event_row(store: Store, event_id: int) -> dict[str, object]:
    """The event as the timeline shows it (corrections applied); InputError if there is none."""
    frame = store.timeline()
    found = frame.loc[frame["event_id"] == int(event_id)]
    if found.empty:
        raise InputError(f"no event {event_id} on the timeline (see `timeline` for the ids)")
    return {k: _value(v) for k, v in found.iloc[0].items() if k != "sources"} | {
        "sources": list(found.iloc[0]["sources"])}


def place_fields(settings: Settings, name: str | None = None, lat: float | None = None,
                 lon: float | None = None) -> dict[str, object]:
    """The place fields of a place typed by name (in any script the gazetteer reads) or a lat/lon."""
    if name:
        mention = load_gazetteer(settings.places_dir).locate(name)
        if mention is None:
            raise InputError(f"no place called {name!r} in the gazetteer (give --lat and --lon instead)")
        p = mention.place
        return {"place": p.name, "place_kind": p.kind, "place_precision": p.precision, "place_id": p.id,
                "city": p.city, "region": p.region, "lat": p.lat, "lon": p.lon, "country": p.country}
    if lat is None or lon is None:
        raise InputError("a place needs a name, or both a latitude and a longitude")
    point = check_changes({"lat": lat, "lon": lon})
    return dict.fromkeys(PLACE_FIELDS) | point | {"place": f"{point['lat']:.4f}, {point['lon']:.4f}",
                                                  "place_precision": "exact"}


def edit_event(store: Store, event_id: int, changes: Mapping[str, object], author: str = "") -> int:
    """Change some fields of an event (kind, title, date, time, participants, place fields); the edit id."""
    new = check_changes(changes)
    if not new:
        raise InputError("nothing to change (give --kind, --date, --time, --place, --title, ...)")
    row = event_row(store, event_id)
    if "kind" in new and "title" not in new:
        new |= _retitled(row.get("title"), row.get("kind"), str(new["kind"]))
    old = {k: row.get(k) for k in new}
    new = {k: v for k, v in new.items() if v != old[k]} or new
    return store.edit(int(event_id), author, "edit", old, new)


def _retitled(title: object, old_kind: object, kind: str) -> dict[str, object]:
    """A title the extractor made from the kind ("Talks · Khiva") follows a new kind ("Meeting · Khiva");
    a title written by hand stays."""
    text, old = str(title or ""), str(old_kind or "")
    if not old or not text.lower().startswith(old):
        return {}
    _, sep, rest = text.partition(" · ")
    return {"title": kind.title() + (sep + rest if sep else text[len(old):])}


def delete_event(store: Store, event_id: int, author: str = "") -> int:
    """Hide one event (the others of its article stay); undo brings it back."""
    event_row(store, event_id)
    return store.edit(int(event_id), author, "delete", {"deleted": False}, {"deleted": True})


def add_event(store: Store, article_id: str, fields: Mapping[str, object], author: str = "") -> int:
    """An event made by hand in a stored article; returns its (negative) event id."""
    values = check_changes({k: v for k, v in fields.items() if k in EDIT_FIELDS})
    if "kind" not in values:
        raise InputError("a new event needs a kind")
    values.setdefault("title", str(values["kind"]).title())
    values.setdefault("date_precision", "day" if values.get("date") else "unknown")
    extra = {k: fields[k] for k in ("evidence", "evidence_start", "evidence_end") if k in fields}
    return store.add_event(article_id, author, "add", values | extra | {"confidence": 1.0})


def split_event(store: Store, event_id: int, changes: Mapping[str, object], author: str = "") -> int:
    """Split an event in two: a copy of it (same article and evidence) with ``changes``, placed right
    after it; returns the new event's id. Edit either one afterwards."""
    row = event_row(store, event_id)
    values = {k: row.get(k) for k in _COPIED if row.get(k) is not None} | check_changes(changes)
    values["after"] = store.anchor(int(event_id))
    return store.add_event(str(row["article"]), author, "split", values)


def merge_events(store: Store, keep_id: int, other_id: int, author: str = "") -> int:
    """Merge ``other_id`` into ``keep_id``: one event listing both events' sources; the edit id."""
    if int(keep_id) == int(other_id):
        raise InputError("cannot merge an event with itself")
    event_row(store, keep_id)
    event_row(store, other_id)
    target = store.anchor(int(keep_id))
    return store.edit(int(other_id), author, "merge", {"merged_into": None}, {"merged_into": target})


MERGE_CHOICES = 40     # events the editor offers to merge with one event


def merge_candidates(seq: pd.DataFrame, event_id: int, limit: int = MERGE_CHOICES) -> pd.DataFrame:
    """The events of ``seq`` (in timeline order) the editor offers to merge into ``event_id``: those of
    its day first, then its nearest neighbours on the timeline, at most ``limit``, in timeline order.

    A duplicate is the same event told twice, so it sits on the same day or next to it once the filters
    show the right events; listing every event shown sent 2.7 MB per rerun at 100k events.
    """
    ids = seq["event_id"].to_numpy()
    found = (ids == int(event_id)).nonzero()[0]
    if not len(found):
        return seq.iloc[:0]
    at = int(found[0])
    dates = seq["date"].astype("string").fillna("").to_numpy(dtype=object) if "date" in seq else None
    same_day = (dates == dates[at]) if dates is not None else np.zeros(len(seq), dtype=bool)
    distance = np.abs(np.arange(len(seq)) - at)
    rank = np.lexsort((distance, ~same_day))       # same day first, then nearest
    chosen = np.sort(rank[rank != at][:limit])
    return seq.iloc[chosen]


def undo(store: Store, edit_id: int, author: str = "") -> None:
    if not store.undo(int(edit_id), author):
        raise InputError(f"no edit {edit_id} to undo (already undone?)")


# -- re-extraction ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReextractReport:
    articles: int = 0
    added: int = 0
    changed: int = 0
    dropped: int = 0
    failed: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        text = (f"{self.articles} article{'s' if self.articles != 1 else ''} re-extracted: "
                f"{self.added} events added, {self.changed} changed, {self.dropped} dropped")
        return text + (f"; {len(self.failed)} failed" if self.failed else "")


def _extract(text: str, published: str | None, aid: str, settings: Settings) -> list[dict[str, object]]:
    """The article's events as the store's rows (records: no frame built only to be taken apart)."""
    import dashboard.extract as engine  # here, not with the module (a page's reads never need the engine);
    # called as engine.extract: one name to stand in for in tests

    try:
        return event_rows(engine.extract(text, published=published, article=aid, settings=settings).records)
    except VisitTimelineError:
        raise
    except Exception as exc:   # an engine bug must not stop the other articles
        log.info("extraction failed for article %s", aid[:12], exc_info=True)
        raise ExtractionError(f"could not extract events ({type(exc).__name__}: {exc})") from exc


def reextract_article(store: Store, settings: Settings, article_id: str, published: str | None = None,
                      author: str | None = None) -> ReplaceResult:
    """Run the current extractor over one stored article (with a new publication date if given); the
    audit row signed by ``author`` (None: the account)."""
    articles = store.articles()
    row = articles.loc[articles["id"] == article_id]
    if row.empty:
        raise InputError(f"no article {article_id[:12]} in the store")
    date = published or _value(row.iloc[0]["published"])
    events = _extract(store.article_text(article_id), date, article_id, settings)  # type: ignore[arg-type]
    return store.replace_events(article_id, events, published=published, author=author)


def set_published(store: Store, settings: Settings, article_id: str, published: str,
                  author: str | None = None) -> ReplaceResult:
    """Give an article a new publication date: its relative dates are read again; corrections stay."""
    date = check_changes({"date": published})["date"]
    return reextract_article(store, settings, article_id, str(date), author)


def reextract(store: Store, settings: Settings, progress: Progress | None = None,
              author: str | None = None) -> ReextractReport:
    """The current extractor over every stored article, one transaction per article (an article that
    fails keeps its events); corrections are kept."""
    articles = store.articles()
    added = changed = dropped = 0
    failed: list[str] = []
    for done, row in enumerate(articles.itertuples(), start=1):
        try:
            result = reextract_article(store, settings, str(row.id), author=author)
        except VisitTimelineError as exc:
            failed.append(f"{row.title or row.id[:12]}: {exc}")
            log.warning("reextract %s: %s", row.id[:12], exc)
        else:
            added, changed, dropped = added + result.added, changed + result.changed, dropped + result.dropped
        if progress:
            progress(done, len(articles), str(row.title or row.source or row.id[:12]))
    return ReextractReport(len(articles), added, changed, dropped, tuple(failed))
