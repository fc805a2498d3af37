"""One exception root. The CLI and the pages turn these into one-line messages."""
from __future__ import annotations


class VisitTimelineError(Exception):
    """Root of every error the project raises on purpose."""


class InputError(VisitTimelineError):
    """An input (a file, a paste, a flag) that cannot be used; the message says why."""


class ExtractionError(VisitTimelineError):
    """Text that could be read but not turned into events."""


class StoreError(VisitTimelineError):
    """The SQLite store could not be opened, migrated or written."""


class DataFileError(VisitTimelineError):
    """A bundled data file (lexicon, gazetteer) is missing or malformed."""
