"""Personal names written as found: what a run of capitalised words is, one spelling per person, and the
names that only sign a photo (read by ``people``).

* **Nobody.** A run with a word no name holds (a state, a body, a month) or that names a state, a region or
  a venue is no person (``personal``).
* **One spelling.** A name written with a case ending is the same person without it ("Sherzod Asadovni");
  a woman's given name with the Uzbek honorific ``-xon`` ("Ziroatxon Mirziyoyeva", "Зироатхон") is the same
  person as without it: the honorific is dropped before a feminine surname (``canonical``; the endings are
  ``data/people/languages.json``'s ``honorific_endings`` and ``feminine_endings``).
* **A credit.** A name that signs a photo ("Photo: Ann Lee / Daily News", "Фото: Анна Ли / «Газета»",
  "Foto: Anna Li", "[Agency/Ann Lee]", "(Photo by Ann Lee)") is the photographer's, not a participant's: a
  credit word (``credit_words``) with a colon or "by" before it in its line, when the credit is signed so
  (by "by", or a slash between the name and an agency), or a bracket that holds a slash around it. A
  caption that names who is in the picture ("Photo: the two presidents at the airport") has neither.
"""
from __future__ import annotations

import re
from functools import lru_cache

from dashboard.extract.cues import Cues
from dashboard.extract.leaders import Grammar, load_people
from dashboard.extract.nametokens import FOLD_WORD, TOKEN
from dashboard.places import load_gazetteer
from dashboard.settings import DEFAULT
from dashboard.text.normalize import fold

MAX_TOKENS = 3
CASE_ENDING = 3        # a case ending this long is cut off a name written as found ("-ning", "-dagi")
MIN_GIVEN = 3          # letters a given name keeps once its honorific is dropped
CREDIT_REACH = 80      # how far before a name its credit word may stand (one caption line)
_BRACKETS = {"[": "]", "(": ")"}


def starts(key: str, words: tuple[str, ...]) -> bool:
    """``key`` begins with one of ``words`` (or is it, for a word written with a final ``$``)."""
    split = _SPLITS.get(id(words))
    if split is None or split[0] is not words:
        split = _split(words)
    return key.startswith(split[1]) or key in split[2]


# The word lists split into prefixes and exact words, by the list's identity: the lists are the data's own
# tuples, met thousands of times, and an lru_cache would hash each tuple's words at every call. An entry
# holds its tuple, so no other tuple can take its id while it is kept.
_SPLITS: dict[int, tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]] = {}
SPLITS_KEPT = 256


def _split(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    if len(_SPLITS) >= SPLITS_KEPT:
        _SPLITS.clear()
    split = _SPLITS[id(words)] = (words, tuple(w for w in words if not w.endswith("$")),
                                  frozenset(w[:-1] for w in words if w.endswith("$")))
    return split


_FIRST_WORDS: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}   # as _SPLITS: by identity


def first_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The first word of each phrase (made once per tuple of the data, not at every check)."""
    known = _FIRST_WORDS.get(id(phrases))
    if known is None or known[0] is not phrases:
        if len(_FIRST_WORDS) >= SPLITS_KEPT:
            _FIRST_WORDS.clear()
        known = _FIRST_WORDS[id(phrases)] = (phrases, tuple(w.split()[0] for w in phrases))
    return known[1]


def uninflected(name: str, g: Grammar) -> str:
    """A name without a case ending of three letters or more ("Dmitriy Peskovning" -> "Dmitriy Peskov");
    shorter endings stay (they are also how names end: "Aliyeva")."""
    cut = max((len(x) for x in g.suffixes if len(x) >= CASE_ENDING and name.lower().endswith(x)
               and len(name.rsplit(" ", 1)[-1]) - len(x) >= CASE_ENDING + 1), default=0)
    return name[:len(name) - cut] if cut else name


def canonical(name: str, g: Grammar) -> str:
    """``name`` with a woman's given name written without its honorific ("Ziroatxon Mirziyoyeva" ->
    "Ziroat Mirziyoyeva"); any other name as it is."""
    words = name.split()
    if len(words) < 2 or not fold(words[-1]).endswith(g.feminine_endings):
        return name
    given = words[0].lower()
    cut = next((len(e) for e in g.honorific_endings
                if given.endswith(e) and len(given) - len(e) >= MIN_GIVEN), 0)
    return " ".join([words[0][:-cut], *words[1:]]) if cut else name


def credited(text: str, start: int, end: int, g: Grammar) -> bool:
    """Whether the name at ``text[start:end]`` signs a photo (see the module's docstring)."""
    if _in_bracket_with_slash(text, start, end):
        return True
    pattern = _credit_pattern(g.credit_words)
    if pattern is None:
        return False
    line_start = max(text.rfind("\n", 0, start) + 1, start - CREDIT_REACH)
    before = list(pattern.finditer(text, line_start, start))
    if not before:
        return False
    signed = before[-1].group(1) is not None            # "Photo by Ann Lee"
    line_end = text.find("\n", end)
    rest = text[before[-1].end():line_end if line_end >= 0 else len(text)]
    return signed or "/" in rest


def _in_bracket_with_slash(text: str, start: int, end: int) -> bool:
    """"[Agency/Ann Lee]": the name inside a bracket that holds a slash."""
    for opening, closing in _BRACKETS.items():
        left = text.rfind(opening, 0, start)
        if left < 0 or text.rfind(closing, left, start) >= 0:
            continue
        right = text.find(closing, end)
        if right >= 0 and "\n" not in text[left:right] and "/" in text[left:right]:
            return True
    return False


@lru_cache(maxsize=8)
def _credit_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*\s*(?:(by)\s|:\s*)", re.IGNORECASE)


def personal(tokens: list[str]) -> list[str]:
    """The words of a personal name, or none. A run of capitalised words with a word no name holds (a state,
    a body, a month: "Oliy Majlis", "On November") or that names a state, a region or a venue ("New
    Uzbekistan", "Kyrgyz Republic") is nobody; a city written before the name ("Toshkentda Ziroat
    Mirziyoyeva") says where, not who. Every language's words count: pages mix them ("the Oliy Majlis")."""
    words = load_people().not_in_names
    while tokens and starts(fold(tokens[0]), words):
        tokens = tokens[1:]       # "Governor Rustam Karimov": a post before the name
    if len(tokens) < 2 or any(starts(fold(t), words) for t in tokens):
        return []
    found = places_in(" ".join(tokens))
    if any(kind not in ("city", "district") for *_, kind in found):
        return []
    if len(tokens) > 2 and found and found[0][:2] == (0, len(tokens[0])):
        return tokens[1:]
    return tokens


@lru_cache(maxsize=2048)
def places_in(name: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start, m.end, m.place.kind) for m in load_gazetteer(DEFAULT.places_dir).find(name))


def clean(tokens: list[str], cues: Cues) -> list[str]:
    while tokens:
        head = fold(tokens[0])
        if head.startswith(cues.name_stop_words) or head.endswith(cues.name_stop_endings):
            tokens = tokens[1:]
        else:
            break
    return tokens[-MAX_TOKENS:]


def other_key(name: str, g: Grammar) -> tuple[str, ...]:
    """What two spellings of one person share: the words folded, the last without a case ending."""
    words = [w.lower().translate(FOLD_WORD) for w in TOKEN.findall(canonical(name, g))]
    if words:
        last = words[-1]
        cut = max((len(x) for x in g.suffixes if last.endswith(x) and len(last) > len(x) + 2), default=0)
        words[-1] = last[:len(last) - cut]
    return tuple(words)
