"""The corrected timeline read on an open connection: the merged rows (:func:`dashboard.store.rows._timeline`)
with the edit log applied on top (:mod:`dashboard.corrections`), the collector paused for the bulk read."""
from __future__ import annotations

import pandas as pd

from dashboard import corrections
from dashboard.quiet import quiet
from dashboard.store import edits
from dashboard.store.db import Conn
from dashboard.store.rows import _timeline


@quiet
def corrected_timeline(conn: Conn, corrected: bool = True) -> pd.DataFrame:
    """The timeline in order; with ``corrected`` the edit log applied on top."""
    frame = _timeline(conn)
    found = edits.overlay(conn) if corrected else None
    if found is None:
        return corrections.overlay(frame, {}, {}, {})
    return corrections.overlay(frame, found.bound, found.states, found.manual)
