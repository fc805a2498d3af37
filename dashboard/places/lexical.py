"""A language's dictionary, where the project has one (morphology.json's "dictionary": pymorphy3 for
Russian): a capitalised word that the dictionary knows and never tags as a place is a common word
("Совета", of "Совет Безопасности", is no town), however a gazetteer's alternate names spell some town."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from dashboard.errors import DataFileError

WORDS_REMEMBERED = 1 << 14


class Dictionary:
    """One dictionary analyser for the words of one script; loaded on the first word it is asked about."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.script = re.compile(settings["script"])
        self.language = str(settings.get("language", ""))
        self.place_tags = tuple(settings.get("place_tags", ()))
        self._analyser: Any = None
        self.common = lru_cache(maxsize=WORDS_REMEMBERED)(self._common)

    def _common(self, word: str) -> bool:
        """The dictionary knows ``word`` and none of its readings is a place's name."""
        if not self.script.search(word):
            return False
        parses = self.analyser().parse(word)
        return any(p.is_known for p in parses) and not any(
            tag in p.tag for p in parses for tag in self.place_tags)

    def analyser(self) -> Any:
        if self._analyser is None:
            try:
                import pymorphy3
            except ImportError as exc:
                raise DataFileError(f"the place dictionary needs pymorphy3: {exc}") from exc
            self._analyser = pymorphy3.MorphAnalyzer(lang=self.language)
        return self._analyser


def common_word(dictionaries: tuple[Dictionary, ...], word: str) -> bool:
    """Whether some language's dictionary reads ``word`` as a common word, never a place's name."""
    return any(d.common(word) for d in dictionaries)
