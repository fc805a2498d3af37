"""Text layer: raw article text to a normalised, offset-mapped form."""
from dashboard.text.language import Prepared, load_lexicons, prepare
from dashboard.text.normalize import NormText, fold, normalize

__all__ = ["NormText", "Prepared", "fold", "load_lexicons", "normalize", "prepare"]
