"""Visit Timeline: news articles about state visits to ordered events on a timeline and a map."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dashboard.errors import VisitTimelineError
from dashboard.schema import COLUMNS, Event, empty_frame

if TYPE_CHECKING:   # pandas is imported when a frame is first built (the light cold path)
    import pandas as pd

__all__ = ["COLUMNS", "Event", "VisitTimelineError", "empty_frame", "extract_events"]


def extract_events(text: str, published: str | None = None, *, article: str = "") -> pd.DataFrame:
    """Events of one article as a frame (see :data:`dashboard.schema.COLUMNS`), in timeline order."""
    from dashboard.extract import extract

    return extract(text, published=published, article=article).events
