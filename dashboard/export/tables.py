"""Exports as tables: CSV and JSON of a (filtered) timeline, with article metadata, CAMEO codes and
participants; the grouping of events into visits and the names of the files.

**Grouping.** Every export groups events by ``group_key``: the ``visit`` column when the frame has one
(visits are grouped by a later stage), else the event's first article. GeoJSON draws one route per
group, TimelineJS sets ``group`` to its label, and a file of one group is named after it.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.compact import plain as plain_frame
from dashboard.schema import COLUMNS
from dashboard.vocab import EVENT_KINDS

_LEAD = ("event_id", "uid", "group", "visit_title")
_TAIL = ("sources", "n_sources", "source_titles", "edited_by", "edited_at")
ARTICLE_FIELDS = ("title", "source", "published", "language")
CAMEO_FIELDS = ("cameo", "cameo_also", "cameo_label")


def cameo_table() -> dict[str, dict[str, str]]:
    """Event kind -> its CAMEO code, another fitting code and the code's label (data/event_kinds.csv)."""
    return {k.name: {"cameo": k.cameo, "cameo_also": k.cameo_also, "cameo_label": k.cameo_label}
            for k in EVENT_KINDS.values()}


def group_key(frame: pd.DataFrame) -> pd.Series:
    """Each event's group: its visit when the frame has visits, else its first article."""
    column = "visit" if "visit" in frame.columns else "article"
    return frame[column].astype("string").fillna("")


def stable_uid(article: object, key: object, event_id: object) -> str:
    """An id that stays when the event is re-extracted or corrected (article + the event's key)."""
    if key is None or key is pd.NA or not str(key):
        return f"event-{event_id}"
    if str(key).startswith("manual:"):
        return f"manual-{str(key)[7:]}-{str(article)[:12]}"
    return hashlib.sha1(f"{article}|{key}".encode()).hexdigest()[:24]


def enrich(frame: pd.DataFrame, articles: pd.DataFrame | None = None,
           cameo: Mapping[str, Mapping[str, str]] | None = None) -> pd.DataFrame:
    """``frame`` with uid, group, CAMEO codes, the first article's metadata and the source titles."""
    return _enriched(frame, _article_meta(articles), cameo_table() if cameo is None else cameo)


CHUNK = 10_000      # rows of a file enriched and written at once


def enriched_parts(frame: pd.DataFrame, articles: pd.DataFrame | None = None) -> Iterator[pd.DataFrame]:
    """:func:`enrich` of ``frame`` :data:`CHUNK` rows at a time (one part for an empty frame), the
    articles' metadata worked out once: a whole timeline's file is made in parts, never enriched whole
    (at 100k events the CSV's making peaked ~300 MiB over the page's read, the JSON's ~650). The page's
    compacted frame is turned back to the store's dtypes a part at a time (``compact.plain``)."""
    meta, cameo = _article_meta(articles), cameo_table()
    for start in range(0, max(len(frame), 1), CHUNK):
        yield _enriched(plain_frame(frame.iloc[start:start + CHUNK]), meta, cameo)


def _enriched(frame: pd.DataFrame, meta: Mapping[str, Mapping[str, object]],
              cameo: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    out = frame.copy()
    article = out["article"].astype(object).tolist()    # plain lists: iterating arrow arrays is slow
    keys = out["key"].astype(object).tolist() if "key" in out.columns else [None] * len(out)
    ids = out["event_id"].astype(object).tolist() if "event_id" in out.columns else list(out.index)
    out["uid"] = pd.array([stable_uid(a, k, e) for a, k, e in zip(article, keys, ids, strict=True)],
                          dtype="string")
    out["group"] = group_key(out)
    for name in CAMEO_FIELDS:
        table = {kind: row.get(name) or None for kind, row in cameo.items()}
        out[name] = out["kind"].astype(object).map(table).astype("string")
    for name in ARTICLE_FIELDS:
        values = {aid: row.get(name) for aid, row in meta.items()}
        out[f"article_{name}"] = out["article"].astype(object).map(values).astype("string")
    if "sources" in out.columns:
        out["source_titles"] = [[meta.get(a, {}).get("title") or a for a in (s or [])]
                                for s in out["sources"]]
    return out


def _article_meta(articles: pd.DataFrame | None) -> dict[str, Mapping[str, object]]:
    if articles is None or articles.empty:
        return {}
    plain = articles.astype(object).where(articles.notna(), None)
    return {str(r["id"]): r for r in plain.to_dict("records")}


def columns(frame: pd.DataFrame) -> list[str]:
    meta = [f"article_{n}" for n in ARTICLE_FIELDS]
    wanted = [*_LEAD, "kind", *CAMEO_FIELDS, *(c for c in COLUMNS if c != "kind"), *meta, *_TAIL]
    return [c for c in wanted if c in frame.columns]


def plain(value: object) -> object:
    """A JSON-ready value: NA -> None, numpy scalars -> Python, tuples/arrays -> lists."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, str):
        return plain(value.tolist())
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def items(value: object) -> list[object]:
    """A list cell (sources, source titles) as a list of plain values; [] for a missing cell."""
    value = plain(value)
    return list(value) if isinstance(value, Iterable) else []


def _column(frame: pd.DataFrame, name: str) -> list[object]:
    """A column as plain Python values, worked out per column (per cell, 100k events took seconds)."""
    column = frame[name]
    if column.dtype == object:          # lists of sources, mixed values
        return [plain(v) for v in column]
    return column.astype(object).where(column.notna(), None).tolist()


def rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Frame rows as plain dicts in export column order."""
    cols = columns(frame)
    return [dict(zip(cols, values, strict=True))
            for values in zip(*(_column(frame, c) for c in cols), strict=True)]


def to_csv(frame: pd.DataFrame, articles: pd.DataFrame | None = None) -> bytes:
    """UTF-8 CSV with a BOM (spreadsheets then read Uzbek letters right); lists are "; "-joined. Made
    :data:`CHUNK` rows at a time (:func:`enriched_parts`), the header with the first part."""
    parts: list[bytes] = []
    for data in enriched_parts(frame, articles):
        out = data[columns(data)].copy()
        for name in ("sources", "source_titles"):
            if name in out.columns:
                out[name] = out[name].apply(lambda s: "; ".join(map(str, items(s))))
        parts.append(out.to_csv(index=False, header=not parts).encode("utf-8-sig" if not parts else "utf-8"))
    return b"".join(parts)


def to_json(frame: pd.DataFrame, articles: pd.DataFrame | None = None) -> bytes:
    """A JSON array of events (:func:`lines`), made :data:`CHUNK` rows at a time."""
    pieces = [b"[\n"]
    for data in enriched_parts(frame, articles):
        if part := _items(rows(data)).encode("utf-8"):
            pieces += [part, b",\n"]
    pieces[-1] = b"\n]"        # the last comma's place (the file joined once: one copy of it)
    return b"".join(pieces) if len(pieces) > 1 else b"[]"


def lines(values: Sequence[object]) -> str:
    """A JSON array with one item per line: json's C encoder runs only without ``indent`` (5 s at 100k)."""
    return f"[\n{_items(values)}\n]" if values else "[]"


def _items(values: Iterable[object]) -> str:
    return ",\n".join(json.dumps(i, ensure_ascii=False) for i in values)


# -- names ---------------------------------------------------------------------------------------------

def slug(text: object) -> str:
    """ASCII words joined by hyphens ("Qasim-Jomart Toqaev" -> "qasim-jomart-toqaev"); "" if none."""
    ascii_text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _first(values: pd.Series) -> str | None:
    values = values.dropna()
    return str(values.iloc[0]) if len(values) else None


def _common(values: pd.Series) -> str | None:
    """The most frequent value (the first seen on a tie)."""
    seen = [str(v) for v in values.dropna()]
    return max(dict.fromkeys(seen), key=seen.count) if seen else None


def principal(frame: pd.DataFrame) -> str | None:
    """The name a visit is known by: the participant named in most of its events (the first named on
    a tie). A guess until visits (with their principal) are grouped by their own stage."""
    counts: dict[str, int] = {}
    for names in frame["participants"].dropna():
        for name in dict.fromkeys(n.strip() for n in str(names).split(";") if n.strip()):
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else None


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The English name of a country code, worked out once per code (babel is slow to ask)."""
    from dashboard.filters import country_name as name

    return name(code)


def group_label(frame: pd.DataFrame) -> str:
    """"Qasim-Jomart Toqaev in Uzbekistan, 2024-04-05" from what the events say (parts may be missing)."""
    return _label(principal(frame), _common(frame["country"]), _first(frame["date"]))


def group_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Each group's label (:func:`group_label`), from one pass over the frame."""
    parts: dict[str, list[int]] = {}
    for i, key in enumerate(frame["group"]):
        parts.setdefault(str(key), []).append(i)
    dates, countries, people = (frame[c].astype(object).tolist() for c in ("date", "country", "participants"))
    titles = visit_titles(frame)
    labels = {}
    for key, rows_ in parts.items():
        counts: dict[str, int] = {}
        for i in rows_:
            for name in dict.fromkeys(n.strip() for n in str(people[i] or "").split(";") if n.strip()):
                counts[name] = counts.get(name, 0) + 1
        who = max(counts, key=lambda n: counts[n]) if counts else None
        codes = [countries[i] for i in rows_ if isinstance(countries[i], str)]
        country = max(dict.fromkeys(codes), key=codes.count) if codes else None
        day = next((dates[i] for i in rows_ if isinstance(dates[i], str)), None)
        labels[key] = _label(titles.get(key) or who, None if key in titles else country, day)
    return labels


def visit_titles(frame: pd.DataFrame) -> dict[str, str]:
    """Each real visit's title by its group key (events in no visit have none)."""
    if "visit_title" not in frame.columns or "visit" not in frame.columns:
        return {}
    rows = _first_titled(frame)     # a visit has one title (14k visits of 100k rows at 100k)
    return dict(zip(map(str, frame["visit"].take(rows).tolist()),
                    map(str, frame["visit_title"].take(rows).tolist()), strict=True))


def _first_titled(frame: pd.DataFrame) -> np.ndarray:
    """The first row of each visit among the rows with a title, in frame order (as ``drop_duplicates``
    on them), found on the visits' codes: the rows are not copied (at 100k events the two text
    columns' copy was ~13 MiB at the page's peak, made on every run for the files' names)."""
    titled = np.flatnonzero(frame["visit_title"].notna().to_numpy(dtype=bool))
    codes = pd.factorize(frame["visit"])[0][titled]        # a missing visit: -1, one group as before
    return titled[np.sort(np.unique(codes, return_index=True)[1])]


def _distinct_texts(column: pd.Series, missing: str | None = None) -> set[str]:
    """The column's distinct values as text (a categorical's from its codes), a missing value as
    ``missing`` (None: left out): what ``astype("string").fillna(missing)`` holds, without a text per row."""
    codes, distinct = pd.factorize(column)       # missing: -1
    texts = {str(v) for v in distinct.tolist()}
    return texts | {missing} if missing is not None and bool((codes < 0).any()) else texts


def _label(who: str | None, country: str | None, day: str | None) -> str:
    head = " in ".join(p for p in (who or "Visit", country_name(country) if country else None) if p)
    return f"{head}, {day}" if day else head


def file_name(frame: pd.DataFrame, ext: str) -> str:
    """A file name that says what the file holds: ``qasim-jomart-toqaev-in-uzbekistan_2024-04-05.ics``
    for one visit, ``timeline-3-visits_2024-04-05_2024-05-10.csv`` for several."""
    return f"{file_stem(frame)}.{ext}"


def file_stem(frame: pd.DataFrame) -> str:
    """:func:`file_name` without its extension (one per page, shared by every format)."""
    if frame.empty:
        return "visit-timeline_empty"
    groups = len(_distinct_texts(frame["visit" if "visit" in frame.columns else "article"], ""))
    dates = _distinct_texts(frame["date"])      # the texts of the distinct dates: no str per row
    first, last = (min(dates), max(dates)) if dates else ("undated", "undated")
    titles = visit_titles(frame)
    if groups == 1:
        if titles:
            return f"{slug(next(iter(titles.values())))}_{first}"
        country = _common(frame["country"])
        who = slug(principal(frame)) or "visit"
        where = slug(country_name(country)) if country else ""
        return f"{who}-in-{where}_{first}" if where else f"{who}_{first}"
    span = first if first == last else f"{first}_{last}"
    if "visit_title" not in frame.columns:       # no visits grouped: every group counts as one
        return f"timeline-{groups}-visits_{span}"
    visits = len(titles)        # the visits the page shows; events in no visit are counted as events
    alone = int(frame["visit_title"].isna().sum())
    parts = ([f"{visits}-visit{'s' if visits != 1 else ''}"] if visits else []) + \
        ([f"{alone}-other-event{'s' if alone != 1 else ''}"] if alone else [])
    return f"timeline-{'-'.join(parts) or 'events'}_{span}"
