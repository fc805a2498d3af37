"""What the store takes and gives back: an article as stored, and the outcome of each write."""
from __future__ import annotations

from dataclasses import dataclass

ARTICLE_COLUMNS: tuple[str, ...] = ("id", "title", "source", "published", "language", "ingested_at",
                                    "published_from", "url", "n_events")


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article as stored. ``id`` comes from :func:`dashboard.merge.article_id`."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    published: str | None = None
    language: str = "und"
    published_from: str | None = None     # where the date was found (dashboard.ingest.dates.FROM_*)
    url: str | None = None                # the page's own address (canonical link, og:url)


@dataclass(frozen=True, slots=True)
class AddResult:
    article_id: str
    added: int = 0
    merged: int = 0
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class DeleteResult:
    article_id: str
    found: bool
    removed: int = 0     # events that had no other source
    kept: int = 0        # events that keep their other sources


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A deleted article put back (``found``: it was in the trash; ``duplicate``: stored already)."""

    article_id: str
    found: bool
    added: int = 0
    merged: int = 0
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class ReplaceResult:
    """A re-extraction of one article, counted per event of the article."""

    article_id: str
    added: int = 0
    changed: int = 0
    dropped: int = 0
