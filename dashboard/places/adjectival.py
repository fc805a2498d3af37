"""Place names told as an adjective before a district or region word: "в Ургутском районе",
"Самаркандской области", "Балканский велаят" (Russian toponymy: the district/region's name plus -ский).

The adjective's stem is the name ("Ургутск-ом" -> "Ургут"); some names change before the suffix
("Бухар-ск-ий" <- "Бухара", "Зангиат-ин-ский" <- "Зангиата", "Ганчи-н-ский" <- "Ганчи"). Both the
endings and the stem's repairs are data (morphology.json, a language's "adjectival" table). The stem is
read only with a district or region word right after it, never alone: "казахстанская делегация" is
whose, not where.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.places.tokens import Tok, joined
from dashboard.text import fold

if TYPE_CHECKING:
    from dashboard.places.gazetteer import Gazetteer

HEADED = ("district", "region")     # the head words' kinds the adjective is read before


@dataclass(frozen=True, slots=True)
class Adjectival:
    """The endings of a place adjective (longest first) and the repairs that give the name from its stem."""

    endings: tuple[str, ...] = ()
    repairs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, tables: list[dict]) -> Adjectival:
        endings = {fold(e) for t in tables for e in t.get("endings", [])}
        repairs = {(fold(a), fold(b)) for t in tables
                   for a, _, b in (r.partition(">") for r in t.get("repairs", []))}
        return cls(tuple(sorted(endings, key=lambda e: (-len(e), e))),
                   tuple(sorted(repairs, key=lambda r: (-len(r[0]), r))))

    def ending(self, key: str) -> str | None:
        """The adjective ending ``key`` (a fold key) carries, if any."""
        return next((e for e in self.endings if key.endswith(e) and len(key) > len(e) + 2), None)

    def names(self, key: str) -> list[str]:
        """The names an adjective may be made from: "ургутском" -> ["ургут", "ургута", ...]."""
        end = self.ending(key)
        if end is None:
            return []
        stem = key[: len(key) - len(end)]
        out = [stem]
        for a, b in self.repairs:
            if stem.endswith(a) and len(stem) - len(a) >= 3:
                name = stem[: len(stem) - len(a)] + b
                out += [name] if name not in out else []
        return out


def headed_adjective(gaz: Gazetteer, text: str, toks: list[Tok], i: int) -> tuple[int, str, str] | None:
    """An adjectival place name at token ``i`` with a district or region word right after it: (tokens
    taken, the head's kind, the name's key as in "X tumani" / "X viloyati"), or None."""
    adjectival = gaz.morph.adjectival
    tok = toks[i]
    if not tok.upper or i + 1 >= len(toks) or adjectival.ending(tok.key) is None \
            or not joined(text, toks, i, i + 2):
        return None
    post = gaz._phrase(toks, i + 1, gaz.morph.post_heads, text)
    if post is None or post[1] not in HEADED:
        return None
    heads = gaz.index.region_heads if post[1] == "region" else gaz.index.district_heads
    name = next((n for n in adjectival.names(tok.key) if n in heads), None)
    return None if name is None else (1 + post[0], post[1], name)
