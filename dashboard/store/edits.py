"""Anchors and the edit log on an open connection (the rules live in :mod:`dashboard.corrections`)."""
from __future__ import annotations

import datetime as dt
import getpass
import json
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.corrections import EditRow, Link, State, fold_edits, rebind
from dashboard.errors import InputError
from dashboard.store.db import Conn
from dashboard.store.migrations import backfill_keys
from dashboard.store.rows import typed

LOG_COLUMNS: tuple[str, ...] = ("edit_id", "edited_at", "author", "action", "article", "anchor", "old",
                                "new", "undone_at", "undone_by")


@dataclass(frozen=True, slots=True)
class Overlay:
    bound: dict[int, int]       # anchor -> event id
    states: dict[int, State]    # anchor -> its active edits folded
    manual: dict[int, str]      # hand-made anchor -> article (only articles still stored)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def who(author: str | None) -> str:
    """The name a write is signed with: the one given, else the account the program runs under."""
    return author or _account()


@lru_cache(maxsize=1)
def _account() -> str:
    """The account the program runs under (looked up once: a user database read per write)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):       # no name for this uid (a bare container)
        return ""


def overlay(conn: Conn) -> Overlay | None:
    """What the edit log says about the stored events; None when nothing was ever edited."""
    if conn.execute("SELECT 1 FROM edits LIMIT 1").fetchone() is None:
        return None
    bound = dict(conn.execute(
        "SELECT a.id, MIN(s.event_id) FROM anchors a JOIN event_sources s"
        " ON s.article_id = a.article_id AND s.key = a.key WHERE a.manual = 0 GROUP BY a.id").fetchall())
    manual = dict(conn.execute("SELECT a.id, a.article_id FROM anchors a"
                               " JOIN articles r ON r.id = a.article_id WHERE a.manual = 1").fetchall())
    rows = [EditRow(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in conn.execute(
        "SELECT id, anchor_id, edited_at, author, action, new_value FROM edits"
        " WHERE undone_at IS NULL ORDER BY id")]
    return Overlay(bound, fold_edits(rows), manual)


def anchor_of(conn: Conn, event_id: int) -> int:
    """The anchor of a timeline event (its first source; made on first use); -id for hand-made ones."""
    if event_id < 0:
        if conn.execute("SELECT 1 FROM anchors WHERE id = ? AND manual = 1", (-event_id,)).fetchone():
            return -event_id
        raise InputError(f"no event {event_id} in the store")
    link = conn.execute(
        "SELECT s.article_id, s.key, e.kind, s.evidence, s.evidence_start, s.evidence_end"
        " FROM event_sources s JOIN events e ON e.id = s.event_id WHERE s.event_id = ? ORDER BY s.id LIMIT 1",
        (event_id,)).fetchone()
    if link is None:
        raise InputError(f"no event {event_id} in the store (ids change when articles are re-extracted; "
                         "see `timeline`)")
    if link[1] is None:           # a link written without its key (by hand, or by a bulk loader)
        backfill_keys(conn)
        key = conn.execute("SELECT key FROM event_sources WHERE event_id = ? ORDER BY id LIMIT 1",
                           (event_id,)).fetchone()
        link = (link[0], key[0] if key else None, *link[2:])
    found = conn.execute("SELECT id FROM anchors WHERE article_id = ? AND key = ? AND manual = 0",
                         link[:2]).fetchone()
    if found:
        return int(found[0])
    return conn.insert("INSERT INTO anchors (article_id, key, kind, evidence, evidence_start, evidence_end)"
                       " VALUES (?, ?, ?, ?, ?, ?)", link)


def new_manual(conn: Conn, article_id: str) -> int:
    """A new hand-made anchor of ``article_id``."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise InputError(f"no article {article_id[:12]} in the store")
    anchor = conn.insert("INSERT INTO anchors (article_id, key, manual) VALUES (?, ?, 1)",
                         (article_id, f"manual:new:{now()}:{id(conn)}"))
    conn.execute("UPDATE anchors SET key = ? WHERE id = ?", (f"manual:{anchor}", anchor))
    return anchor


def record(conn: Conn, anchor: int, author: str, action: str, old: dict, new: dict) -> int:
    """Log one correction (and write it in the audit log); its edit id."""
    edit_id = conn.insert(
        "INSERT INTO edits (anchor_id, edited_at, author, action, old_value, new_value)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (anchor, now(), author, action, json.dumps(old, ensure_ascii=False, default=str),
         json.dumps(new, ensure_ascii=False, default=str)))
    audit(conn, author, action, _article_of(conn, edit_id), new, edit_id)
    return edit_id


def undo(conn: Conn, edit_id: int, author: str) -> bool:
    """Mark an edit undone (it stays in the log); False when there is no such active edit."""
    cur = conn.execute("UPDATE edits SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
                       (now(), author, edit_id))
    if cur.rowcount == 1:
        audit(conn, author, "undo", _article_of(conn, edit_id), {}, edit_id)
    return cur.rowcount == 1


def _article_of(conn: Conn, edit_id: int) -> str:
    row = conn.execute("SELECT a.article_id FROM edits e JOIN anchors a ON a.id = e.anchor_id WHERE e.id = ?",
                       (edit_id,)).fetchone()
    return str(row[0]) if row else ""


def log(conn: Conn, anchor: int | None = None, author: str | None = None, since: str | None = None,
        until: str | None = None) -> pd.DataFrame:
    """The edit log, oldest first (of one anchor, or all; by one person; in a period, see :func:`period`)."""
    where, params = period("e.edited_at", author, "e.author", since, until)
    if anchor is not None:
        where, params = [*where, "e.anchor_id = ?"], [*params, anchor]
    rows = conn.execute(
        "SELECT e.id, e.edited_at, e.author, e.action, a.article_id, e.anchor_id, e.old_value, e.new_value,"
        " e.undone_at, e.undone_by FROM edits e JOIN anchors a ON a.id = e.anchor_id"
        f" WHERE {' AND '.join(where) or '1 = 1'} ORDER BY e.id", params).fetchall()
    return typed(rows, LOG_COLUMNS, ("edit_id", "anchor"))


def period(at: str, author: str | None, by: str, since: str | None,
           until: str | None) -> tuple[list[str], list[object]]:
    """SQL conditions for one person (``by`` = author) and a period: ``since`` and ``until`` are ISO
    dates or times, both included (``until`` 2024-04-05 takes the whole day)."""
    where: list[str] = []
    params: list[object] = []
    if author:
        where, params = [f"{by} = ?"], [author]
    if since:
        where, params = [*where, f"{at} >= ?"], [*params, since]
    if until:
        where, params = [*where, f"substr({at}, 1, {len(until):d}) <= ?"], [*params, until]
    return where, params


def audit(conn: Conn, author: str | None, action: str, article_id: str, detail: dict,
          edit_id: int | None = None) -> None:
    """Log one write (an ingest, a delete, a restore, a re-extraction; a correction or an undo with its
    edit id): who (the name given, else the account), when, what."""
    conn.execute("INSERT INTO audit (at, author, action, article_id, detail, edit_id)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 (now(), who(author), action, article_id, json.dumps(detail, ensure_ascii=False, default=str),
                  edit_id))


HISTORY_COLUMNS: tuple[str, ...] = ("at", "author", "action", "article", "edit_id", "detail", "undone_at",
                                    "undone_by")


def history(conn: Conn, author: str | None = None, since: str | None = None,
            until: str | None = None) -> pd.DataFrame:
    """Every write in the order it was made: ingests, deletes, restores, re-extractions, corrections and
    undos (with the edit's id, and when and by whom it was undone), of one person, in a period."""
    where, params = period("w.at", author, "w.author", since, until)
    rows = conn.execute(
        "SELECT w.at, w.author, w.action, w.article_id, w.edit_id, w.detail, e.undone_at, e.undone_by"
        " FROM audit w LEFT JOIN edits e ON e.id = w.edit_id"
        f" WHERE {' AND '.join(where) or '1 = 1'} ORDER BY w.id", params).fetchall()
    return typed(rows, HISTORY_COLUMNS, ("edit_id",))


def links_of(conn: Conn, article_id: str) -> list[Link]:
    rows = conn.execute(
        "SELECT s.key, e.kind, s.evidence, s.evidence_start, s.evidence_end FROM event_sources s"
        " JOIN events e ON e.id = s.event_id WHERE s.article_id = ? ORDER BY s.seq, s.id", (article_id,))
    return [Link(*row) for row in rows]


def has_anchors(conn: Conn, article_id: str) -> bool:
    """Whether any correction names an event of the article (an article stored again after a delete)."""
    found = conn.execute("SELECT 1 FROM anchors WHERE article_id = ? LIMIT 1", (article_id,)).fetchone()
    return found is not None


def rebind_article(conn: Conn, article_id: str) -> tuple[int, int]:
    """Move the article's anchors onto its current links by the corrections rules: (moved, unbound)."""
    anchors = conn.execute("SELECT id, key, kind, evidence, evidence_start, evidence_end FROM anchors"
                           " WHERE article_id = ? AND manual = 0", (article_id,)).fetchall()
    if not anchors:
        return 0, 0
    links = links_of(conn, article_id)
    keys = {link.key for link in links}
    moved = lost = 0
    for anchor_id, *old in anchors:
        if old[0] in keys:
            continue
        link = rebind(Link(old[0], old[1] or "", old[2] or "", old[3] or 0, old[4] or 0), links)
        if link is None:
            lost += 1
            continue
        moved += 1
        conn.execute("UPDATE anchors SET key = ?, kind = ?, evidence = ?, evidence_start = ?,"
                     " evidence_end = ? WHERE id = ?",
                     (link.key, link.kind, link.evidence, link.start, link.end, anchor_id))
    return moved, lost
