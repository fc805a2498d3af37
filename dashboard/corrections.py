"""Corrections, pure: which event an edit belongs to across re-extraction, and the edit log applied
on top of what extraction gives.

**What identifies an event.** Extraction rebuilds events (new ids) whenever an article is stored
again, re-extracted with a new extractor or given a new publication date, so an edit is attached to
an *anchor*: the article (its id is the hash of its text) and the event's *key*,
``kind:evidence-hash:n``: the kind the extractor gave, a hash of the folded evidence sentence (case,
apostrophes and spacing do not count) and the count of earlier events of that kind from that
sentence. The key holds no date or place, so a new publication date keeps it. When a new extraction
has no link with the anchor's key, the anchor moves to (first rule that applies):

1. the same sentence and the same kind (only the count moved);
2. the same sentence, when just one event comes from it (the extractor now reads another kind);
3. the event whose evidence overlaps the anchor's offsets most, preferring the same kind
   (the sentence boundaries moved);

else it stays unbound: its edits stay in the log and come back if the event does.

**How edits apply.** Each anchor's edits that are not undone are applied in order; later ones win
per field. An edit on a merged event is attached to its first source. Merging two events hides one
and lists its sources with the other; a hand-made (or split-off) event is its own anchor.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dashboard.errors import InputError
from dashboard.schema import KINDS, STATUSES, Event, to_frame
from dashboard.text import fold

UNDATED = "9999-99-99"
PLACE_FIELDS: tuple[str, ...] = ("place", "place_kind", "place_precision", "place_id", "city", "region",
                                 "lat", "lon", "country")
EDIT_FIELDS: tuple[str, ...] = ("kind", "title", "date", "time", "date_precision", "participants", "status",
                                *PLACE_FIELDS)
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def evidence_hash(text: object) -> str:
    words = " ".join(str(text or "").split())
    return hashlib.sha1(fold(words).encode("utf-8")).hexdigest()[:16]


def link_keys(kinds: Iterable[object], evidences: Iterable[object]) -> list[str]:
    """The key of each event of one article, in the article's order."""
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for kind, evidence in zip(kinds, evidences, strict=True):
        base = (str(kind), evidence_hash(evidence))
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys.append(f"{base[0]}:{base[1]}:{n}")
    return keys


@dataclass(frozen=True, slots=True)
class Link:
    """One event of an article as extracted: its key and what the fallback rules compare."""

    key: str
    kind: str
    evidence: str = ""
    start: int = 0
    end: int = 0


def rebind(anchor: Link, links: Sequence[Link]) -> Link | None:
    """The link of a new extraction that ``anchor`` (an older link) now names, by the module's rules."""
    for link in links:
        if link.key == anchor.key:
            return link
    sentence = evidence_hash(anchor.evidence)
    same = [k for k in links if evidence_hash(k.evidence) == sentence]
    for link in same:
        if link.kind == anchor.kind:
            return link
    if len(same) == 1:
        return same[0]
    best: tuple[tuple[bool, int], Link] | None = None
    for link in links:
        overlap = min(anchor.end, link.end) - max(anchor.start, link.start)
        if overlap > 0 and (best is None or (link.kind == anchor.kind, overlap) > best[0]):
            best = ((link.kind == anchor.kind, overlap), link)
    return best[1] if best else None


# -- checking a change ----------------------------------------------------------------------------------

def check_changes(changes: Mapping[str, object]) -> dict[str, object]:
    """``changes`` with values checked (kind, date, time, coordinates); InputError says what is wrong."""
    out = dict(changes)
    unknown = set(out) - set(EDIT_FIELDS)
    if unknown:
        raise InputError(f"cannot edit {', '.join(sorted(unknown))}")
    if "kind" in out and out["kind"] not in KINDS:
        raise InputError(f"unknown kind {out['kind']!r} (one of {', '.join(KINDS)})")
    if "status" in out and out["status"] not in STATUSES:
        raise InputError(f"unknown status {out['status']!r} (one of {', '.join(STATUSES)})")
    if out.get("date") is not None:
        try:
            out["date"] = dt.date.fromisoformat(str(out["date"])).isoformat()
        except ValueError:
            raise InputError(f"not a date (want YYYY-MM-DD): {out['date']!r}") from None
        out.setdefault("date_precision", "day")
    if out.get("time") is not None and not _TIME.fullmatch(str(out["time"])):
        raise InputError(f"not a time (want HH:MM): {out['time']!r}")
    for name, limit in (("lat", 90), ("lon", 180)):
        if out.get(name) is not None:
            value = float(out[name])   # type: ignore[arg-type]
            if not -limit <= value <= limit:
                raise InputError(f"{name} {value} is out of range")
            out[name] = value
    return out


# -- the log folded into a state per anchor ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EditRow:
    id: int
    anchor_id: int
    edited_at: str
    author: str
    action: str
    new: dict[str, object]


@dataclass(slots=True)
class State:
    """What an anchor's active edits say: field values, and who made the latest edit when."""

    values: dict[str, object] = field(default_factory=dict)
    author: str = ""
    edited_at: str = ""
    edit_id: int = 0


def fold_edits(rows: Iterable[EditRow]) -> dict[int, State]:
    """Active edits (in id order) folded per anchor: a later value of a field wins."""
    states: dict[int, State] = {}
    for row in sorted(rows, key=lambda r: r.id):
        state = states.setdefault(row.anchor_id, State())
        state.values.update(row.new)
        state.author, state.edited_at, state.edit_id = row.author, row.edited_at, row.id
    return states


# -- the overlay ------------------------------------------------------------------------------------------

EXTRA_COLUMNS: dict[str, str] = {"edited_by": "string", "edited_at": "string", "edit_id": "Int64"}


def overlay(frame: pd.DataFrame, bound: Mapping[int, int], states: Mapping[int, State],
            manual: Mapping[int, str]) -> pd.DataFrame:
    """The timeline ``frame`` (``Store.timeline`` order, with event_id) with the edits applied.

    ``bound``: anchor id -> event id of extracted events; ``manual``: hand-made anchor id -> article.
    Hand-made events get the event id ``-anchor``. Returns a new frame with ``edited_by``,
    ``edited_at`` and ``edit_id`` columns, in timeline order with ``position`` renumbered.
    """
    frame = frame.reset_index(drop=True)
    for name, dtype in EXTRA_COLUMNS.items():
        frame[name] = pd.Series(pd.NA, index=frame.index, dtype=dtype)
    if not states:
        return frame
    rank = {int(e): float(i) for i, e in enumerate(frame["event_id"])}
    target = {a: e for a, e in bound.items() if e in rank} | {a: -a for a in manual}
    extra = _manual_rows(frame, states, manual, target, rank)
    if extra:
        frame = pd.concat([frame, *extra], ignore_index=True)
    where = {int(e): i for i, e in enumerate(frame["event_id"])}
    drop: set[int] = set()
    for anchor_id, state in states.items():
        event_id = target.get(anchor_id)
        if event_id is None or event_id not in where:
            continue
        i = where[event_id]
        for name in EDIT_FIELDS:
            if name in state.values:
                value = state.values[name]
                frame.at[i, name] = pd.NA if value is None else value
        _mark(frame, i, state)
        into = _target(target, state.values.get("merged_into"))
        if state.values.get("deleted"):
            drop.add(i)
        elif into is not None and into in where and into != event_id:
            _absorb(frame, where[into], i)
            drop.add(i)
    frame = frame.drop(index=list(drop))
    return _reorder(frame, rank)


def _target(target: Mapping[int, int], anchor: object) -> int | None:
    """The event an anchor id kept in an edit's values (an int, or None) is bound to."""
    return target.get(anchor) if isinstance(anchor, int) else None


def _seq(value: object) -> int:
    """A hand-made event's place in its article (the log keeps JSON values); 0 when not given."""
    if not value:
        return 0
    if not isinstance(value, int | float | str):
        raise InputError(f"not a position in the article: {value!r}")
    return int(value)


def _mark(frame: pd.DataFrame, i: int, state: State) -> None:
    current = frame.at[i, "edit_id"]
    if current is pd.NA or state.edit_id > int(current):
        frame.at[i, "edited_by"], frame.at[i, "edited_at"] = state.author, state.edited_at
        frame.at[i, "edit_id"] = state.edit_id


def _manual_rows(frame: pd.DataFrame, states: Mapping[int, State], manual: Mapping[int, str],
                 target: dict[int, int], rank: dict[int, float]) -> list[pd.DataFrame]:
    rows = []
    for anchor_id, article in manual.items():
        values = states.get(anchor_id, State()).values
        if values.get("deleted") or "kind" not in values:
            continue
        kwargs: dict[str, Any] = {k: v for k, v in values.items()   # checked JSON values, as Event takes them
                                  if k in Event.__slots__ and k not in ("article", "seq")}
        event = Event(article=article, seq=_seq(values.get("seq")), **kwargs)
        row = to_frame([event])
        row["event_id"] = pd.array([-anchor_id], dtype="Int64")
        row["sources"] = pd.Series([[article]], dtype=object)
        row["n_sources"] = pd.array([1], dtype="Int64")
        after = _target(target, values.get("after"))
        rank[-anchor_id] = rank[after] + 0.5 if after in rank else float(len(rank) + anchor_id)
        rows.append(row.reindex(columns=frame.columns).astype(frame.dtypes.to_dict()))
    return rows


def _absorb(frame: pd.DataFrame, into: int, other: int) -> None:
    """Event ``other`` merged by hand into ``into``: its sources and names join."""
    sources = list(dict.fromkeys([*frame.at[into, "sources"], *frame.at[other, "sources"]]))
    frame.at[into, "sources"] = sources
    frame.at[into, "n_sources"] = len(sources)
    both = (frame.at[into, "participants"], frame.at[other, "participants"])
    names = [str(v) for v in both if not pd.isna(v)]
    joined = "; ".join(dict.fromkeys(n.strip() for v in names for n in v.split(";") if n.strip()))
    frame.at[into, "participants"] = joined


def _reorder(frame: pd.DataFrame, rank: Mapping[int, float]) -> pd.DataFrame:
    """Timeline order again: by (corrected) date, undated last, then the order the events had."""
    day = frame["date"].astype(object).where(frame["date"].notna(), UNDATED).to_numpy()
    ranks = np.array([rank[int(e)] for e in frame["event_id"]], dtype=float)
    frame = frame.iloc[np.lexsort((ranks, day))].reset_index(drop=True)
    frame["position"] = pd.array(range(len(frame)), dtype="Int64")
    return frame


def link_diff(before: Sequence[Link], old: Mapping[str, tuple], after: Sequence[Link],
              new: Mapping[str, tuple]) -> tuple[int, int, int]:
    """(added, changed, dropped) events of one article between two extractions.

    Links are paired by key, else by :func:`rebind`; a pair whose fields (``old``/``new`` by key)
    differ counts as changed."""
    unpaired = [link for link in after if link.key not in old]
    changed = dropped = 0
    for link in before:
        if link.key in new:
            changed += old.get(link.key) != new[link.key]
            continue
        other = rebind(link, unpaired)
        if other is None:
            dropped += 1
        else:
            unpaired.remove(other)
            changed += 1
    return len(unpaired), changed, dropped


def place_retitled(title: object, old: Sequence[object], new_place: object) -> dict[str, object]:
    """A title the extractor made from the kind and the place ("Opening · Yovon") follows a corrected
    place ("Opening · Tashkent"): when the part after " · " is the old place (or its city). A title
    written by hand stays."""
    text, place = str(title or ""), str(new_place or "")
    head, sep, rest = text.rpartition(" · ")
    olds = {str(o).strip().casefold() for o in old if o is not None and str(o).strip()}
    if not sep or not place or rest.strip().casefold() not in olds:
        return {}
    return {"title": f"{head}{sep}{place}"}
