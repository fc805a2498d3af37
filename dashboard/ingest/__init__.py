"""Readers: files, bytes and pastes -> ``Document`` (text, title, publication date) or ``InputError``."""
from __future__ import annotations

from dashboard.ingest.readers import SUPPORTED_SUFFIXES, Document, read_bytes, read_path, read_text

__all__ = ["SUPPORTED_SUFFIXES", "Document", "read_bytes", "read_path", "read_text"]
