"""Text layer: raw article text to a normalised, offset-mapped form."""
from dashboard.text.normalize import NormText, clean_units, fold, normalize

__all__ = ["NormText", "clean_units", "fold", "normalize"]
