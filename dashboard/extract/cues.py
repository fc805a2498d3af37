"""A lexicon from ``data/lexicons`` compiled once into the patterns the engine uses."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard.errors import DataFileError
from dashboard.extract.kindindex import KindIndex, index
from dashboard.extract.lemmas import LemmaCues
from dashboard.extract.lemmas import build as build_lemmas
from dashboard.extract.needing import (
    AnyNeeds,
    Guarded,
    Needing,
    Sought,
    any_needs,
    guarded,
    needing,
    pieces_of_any,
)
from dashboard.extract.nonword import found
from dashboard.extract.starts import CueStarts, cue_starts_of, letter_first, starts_pattern
from dashboard.text.language import load_lexicons
from dashboard.text.normalize import fold
from dashboard.vocab import EVENT_KINDS


class Patterns(tuple[re.Pattern[str], ...]):
    """Patterns hashed and compared as one object: a cache keyed by them and a text (``arguments._clauses``)
    does not hash every pattern's compiled code on each call (a pattern's hash reads all of it)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other


@dataclass(frozen=True, slots=True)
class Relative:
    pattern: re.Pattern[str]
    anchor: str          # "published" or "running"
    say: str             # what dateparser is asked, e.g. "ertaga"; may hold {weekday}
    on_or_before: bool = False   # a weekday: the latest such day on or before the anchor
    sticky: bool = True          # False: dates its own event only ("on the eve of"), the story's date stays
    needs: Needing | None = None  # what every match holds: a sentence without it is not searched


@dataclass(frozen=True, slots=True)
class Page:
    """Page furniture: every lexicon's markers (pages mix languages) and the script-neutral patterns."""

    related: re.Pattern[str] | None      # folded short line opening a block of other stories
    lines: re.Pattern[str] | None        # folded line that is furniture wherever it stands
    neutral: tuple[Needing, ...]         # a paragraph's own text: counters, timestamps, credits, images
    dateline: re.Pattern[str] | None     # an outlet's "CITY, date — Outlet." before the first sentence

    def opens_related(self, key: str) -> bool:
        return bool(self.related and found(self.related, key))

    def is_furniture(self, para: str) -> bool:
        if any(n.search(para) for n in self.neutral):
            return True
        return bool(self.lines and found(self.lines, fold(para)))


@dataclass(frozen=True, slots=True)
class Cues:
    language: str
    dateparser: str
    months: dict[str, str]
    date_patterns: tuple[re.Pattern[str], ...]
    month_patterns: tuple[re.Pattern[str], ...]
    relative: tuple[Relative, ...]
    any_date: re.Pattern[str] | None     # every date, month and relative pattern: where the first is
    date_needs: AnyNeeds | None    # what a match of any of them holds: a sentence without it has no date
    time_patterns: tuple[Needing, ...]     # each searched only where what it needs is (":", "soat")
    part_of_day: tuple[tuple[re.Pattern[str], str], ...]
    any_part_of_day: re.Pattern[str] | None     # where one of them matches (none: none of them does)
    new_activity: re.Pattern[str] | None
    strong: dict[str, re.Pattern[str]]
    weak: dict[str, re.Pattern[str]]
    any_kind: CueStarts | None     # where some strong or weak cue matches (see starts.py)
    kind_cues: KindIndex      # the kinds' patterns by how their cues start (see kindindex.py)
    not_events: Guarded | None
    first_person: Guarded | None   # "we arrived", "keldik": the speaker's words, not the story's
    irrealis: re.Pattern[str] | None     # future, plans, expectations: not (yet) an event
    masks: tuple[Needing, ...]
    subordinate: tuple[re.Pattern[str], ...]   # ", which ...": about something else (no kind, no date)
    generic: Guarded | None      # "visited", "went to": the object decides the kind
    generic_kinds: tuple[str, ...]
    generic_default: str
    continuing: tuple[frozenset[str], ...]   # kinds one activity passes between ("visited ... saw the finds")
    same_place: re.Pattern[str] | None     # "shu yerda", "there": the previous event's venue
    honours: re.Pattern[str] | None   # guard of honour, anthems, flags: the parts of one welcome
    clause_split: re.Pattern[str] | None   # ", after which" inside one sentence: two activities
    coordinators: re.Pattern[str] | None   # "and", "then": a cut when both sides tell activities of two kinds
    recap: re.Pattern[str] | None          # "Earlier, ...": an event of the visit told after later ones
    counterparts: re.Pattern[str] | None   # "met with A, B and C": group ``list`` holds whom one met
    list_separators: re.Pattern[str] | None   # ", ", "and": between the people of such a list
    others_acting: Guarded | None  # "participants" as the subject: not the principal's act
    background: Guarded | None     # "for reference", "by phone": told as background, not an event
    years: Sought | None          # "in 2014", "2014-yilda": a bare year (group 1), never a day
    ordinary: frozenset[str]               # every word the lexicon's cues use: ordinary words, never a town
    destination_surface: re.Pattern[str] | None   # a place written as where someone goes ("Toshkentga")
    destination_before: re.Pattern[str] | None    # ... or introduced so ("left for", "вылетел в")
    elsewhere_before: re.Pattern[str] | None      # "victims of the attack in": a place of another happening
    labels: dict[str, str]
    tie_order: tuple[str, ...]
    counterpart_kinds: dict[str, str]      # "leader"/"other" -> the kind of a meeting with such a person
    arrival_at_venue: str | None           # the kind of an "arrival" at a palace or monument (a welcome)
    welcome_verbs: re.Pattern[str] | None  # "met", "welcomed": alone, perhaps a ceremony's welcome
    surname: re.Pattern[str] | None
    name_stop_words: tuple[str, ...]
    name_stop_endings: tuple[str, ...]
    page: Page | None = None
    lemmas: LemmaCues | None = None        # cues by lemma: any inflection and word order of a known word
    outranks: tuple[tuple[str, frozenset[str]], ...] = ()   # a kind that wins over others, both strong
    frames: re.Pattern[str] | None = None  # "At the meeting, ...": tells more of an event told (elaboration)
    own_kinds: frozenset[str] = frozenset()   # acts that are events of their own even inside a frame
    gatherings: dict[str, frozenset[str]] = field(default_factory=dict)   # kinds one gathering noun names
    speech: re.Pattern[str] | None = None  # "I", "you", "Siz": whole words of someone speaking to someone
    statements: Sought | None = None   # "he noted that", "... deb atadi.": a verb of saying rules
    whole_visit_kinds: frozenset[str] = frozenset()   # dated by a span of days: the whole visit
    topical_kinds: frozenset[str] = frozenset()   # a frame of these kinds introduces its event (its topics)
    prior: re.Pattern[str] | None = None     # "before the talks, ...": an act before the one just told
    closing: re.Pattern[str] | None = None   # "completing the visit", "seen off": the departure that ends it
    mask_pieces: tuple[str, ...] = ()   # every text a mask matches holds one of them (none: not known)
    subordinate_pieces: tuple[str, ...] = ()   # ... and every text a subordinate pattern matches


def _words(cues: list[str]) -> re.Pattern[str] | None:
    r"""Cues that match at the start of a word, longest first.

    ``(?<!\w)(?:a…|b…)``, written ``(?:a(?<!\w.)…|b(?<!\w.)…)`` when every cue starts with a plain
    letter: the same matches (the look-behind, one letter later, still asks for no word character
    before the cue's first letter), and a pattern whose branches start with letters lets ``re`` skip
    to those letters instead of trying every branch at every position (several times faster). Cues
    with the same first letter share one branch, ``a(?<!\w.)(?:…|…)``, in their order: where a cue
    starting with ``a`` can match, only they are tried, the first that matches wins as before.
    """
    return _alternation(cues) if cues else None


def _any_cue(cues: list[str]) -> re.Pattern[str] | None:
    """Where one of ``cues`` matches (``_words(cues)``; None: none of them anywhere). A cue with a
    back-reference might match elsewhere in an alternation: then an empty pattern (searched alone)."""
    try:
        return re.compile("") if any(re.search(r"\\\d|\(\?P=", c) for c in cues) else _words(cues)
    except re.error:     # a group name two cues use
        return re.compile("")


def _guarded(cues: list[str]) -> Guarded | None:
    """``_words(cues)``, searched only in a text holding one of the plain words its matches hold."""
    return guarded(_words(cues), cues)


def _all_kind_cues(kinds: dict[str, Any]) -> list[str]:
    return [c for v in kinds.values() for c in (*v.get("strong", []), *v.get("weak", []))]


def _starts(cues: list[str]) -> re.Pattern[str] | None:
    """A pattern that matches exactly where one of ``cues`` does (:func:`starts_pattern`; ``_words``' form
    when that does not compile, e.g. a group name used by two cues)."""
    return starts_pattern(cues) or _words(cues)


def _alternation(cues: list[str]) -> re.Pattern[str]:
    """The pattern of ``_words`` for a non-empty list."""
    alts = sorted(cues, key=len, reverse=True)
    if not all(letter_first(c) for c in alts):
        return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")
    if any(re.compile(c).groups for c in alts):     # a group's number would move: one branch per cue
        return re.compile("(?:" + "|".join(c[0] + r"(?<!\w.)" + c[1:] for c in alts) + ")")
    branches: dict[str, list[str]] = {}
    for c in alts:
        branches.setdefault(c[0], []).append(c[1:])
    return re.compile("(?:" + "|".join(f"{first}(?<!\\w.)(?:{'|'.join(rests)})"
                                        for first, rests in branches.items()) + ")")


def _any(patterns: list[str], flags: int = 0) -> re.Pattern[str] | None:
    patterns = [p for p in patterns if p]
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


def _sought(patterns: list[str]) -> Sought | None:
    """``_any(patterns)``, searched only where what a match of one of them holds is."""
    pattern = _any(patterns)
    return Sought(pattern, any_needs([p for p in patterns if p])) if pattern is not None else None


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _first_of(sources: list[str]) -> re.Pattern[str] | None:
    r"""One pattern matching wherever any of the patterns made from ``sources`` does, and maybe
    elsewhere: no match, none of them matches; its first match is at or before theirs.

    Each real pattern is ``(?<!\w)`` or the stricter ``(?<![\w.])`` before its source; here one
    ``(?<!\w)`` stands before them all (a lookbehind on every branch made the search 4x slower).
    Group names are dropped; None when unsure.
    """
    if not sources or any("(?P=" in s or "(?(" in s for s in sources):
        return None
    try:
        return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{_GROUP_NAME.sub('(?:', s)})" for s in sources) + ")")
    except re.error:
        return None


def _month_alt(months: dict[str, str]) -> str:
    return "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))


def _compile(patterns: list[str], month_alt: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r"(?<![\w.])" + p.replace("{month}", month_alt)) for p in patterns)


def _date_sources(lex: dict[str, Any], month_alt: str) -> list[str]:
    """Every date, month and relative pattern of a lexicon as written (no leading lookbehind)."""
    spans = [*lex.get("date_patterns", []), *lex.get("month_patterns", [])]
    relative = [r["pattern"] for r in lex.get("relative_dates", [])]
    return [p.replace("{month}", month_alt) for p in spans] + relative


@lru_cache(maxsize=16)
def load_cues(lexicon_dir: Path, language: str) -> Cues:
    """The compiled cues of one language (cached: compiled once per process)."""
    lexicons = load_lexicons(Path(lexicon_dir))
    if language not in lexicons:
        raise DataFileError(f"no lexicon for language {language!r} in {lexicon_dir}")
    lex: dict[str, Any] = lexicons[language]
    shared = _kinds_file(Path(lexicon_dir))
    try:
        return _build(lex, shared, _page(lexicons, shared))
    except (KeyError, re.error, TypeError) as exc:
        raise DataFileError(f"lexicon {language!r} is malformed: {exc}") from exc


def _kinds_file(lexicon_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((lexicon_dir / "kinds.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read {lexicon_dir / 'kinds.json'}: {exc}") from exc


_LETTERS = re.compile(r"[^\W\d_]{3,}")
_NOT_CUES = frozenset({"language", "script", "dateparser", "marker_chars", "markers"})


def _ordinary_words(lex: dict[str, Any]) -> frozenset[str]:
    """Every word of three letters or more in the lexicon's cues, patterns and keys (months, weekdays,
    parts of the day, verbs): the words a text of this language uses without naming a place."""
    out: set[str] = set()
    stack: list[Any] = [v for k, v in lex.items() if k not in _NOT_CUES and not k.startswith("_")]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack += [k for k in value if not k.startswith("_")]
            stack += [v for k, v in value.items() if not k.startswith("_")]
        elif isinstance(value, list):
            stack += value
        elif isinstance(value, str):
            out.update(fold(w) for w in _LETTERS.findall(value))
    return frozenset(out)


def _page(lexicons: dict[str, dict[str, Any]], shared: dict[str, Any]) -> Page:
    furniture = [lex.get("furniture", {}) for lex in lexicons.values()]
    neutral = shared.get("page", {})
    return Page(
        related=_starts([c for f in furniture for c in f.get("related", [])]),   # asked only whether
        lines=_starts([c for f in furniture for c in f.get("lines", [])]),       # one of them matches
        neutral=tuple(needing(p) for p in neutral.get("lines", []) if p),   # each searched alone
        dateline=_any(neutral.get("datelines", []), re.MULTILINE),   # matched at a paragraph's start
    )


def _build(lex: dict[str, Any], shared: dict[str, Any], page: Page | None = None) -> Cues:
    months = {k.lower(): v for k, v in lex["months"].items()}
    month_alt = _month_alt(months)
    kinds = lex.get("kinds", {})
    strong = {k: p for k, v in kinds.items() if (p := _words(v.get("strong", [])))}
    weak = {k: p for k, v in kinds.items() if (p := _words(v.get("weak", [])))}
    endings = lex.get("surname_endings", [])
    date_patterns = _compile(lex.get("date_patterns", []), month_alt)
    month_patterns = _compile(lex.get("month_patterns", []), month_alt)
    relative = tuple(Relative(pattern := _alternation([r["pattern"]]), r["anchor"], r["say"],
                              bool(r.get("on_or_before")), bool(r.get("sticky", True)),
                              Needing(pattern, needing(r["pattern"]).needs))
                     for r in lex.get("relative_dates", []))
    surname = None
    caps = re.escape(shared.get("name_capitals", "")).replace("\\-", "-")
    if endings and caps:
        ends = "|".join(sorted(endings, key=len, reverse=True))
        # "(?<![\w-])((?:W\s+){1,2}S)" with W a capitalised word: written with the first W's capital
        # first and the look-behind after it, so re skips to capitals (the same matches, faster)
        word = rf"[\w'ʻʼ]+(?:-[{caps}][\w'ʻʼ]+)?\s+"
        surname = re.compile(
            rf"([{caps}](?<![\w-][\s\S]){word}(?:[{caps}]{word})?"
            rf"[{caps}][\w'ʻʼ]*?(?:" + ends + r"))(?=\w{0,5}(?![\w-]))"
        )
    return Cues(
        language=lex["language"],
        dateparser=lex.get("dateparser", lex["language"]),
        months=months,
        date_patterns=date_patterns,
        month_patterns=month_patterns,
        relative=relative,
        any_date=_first_of(_date_sources(lex, month_alt)),
        date_needs=any_needs(_date_sources(lex, month_alt)),
        time_patterns=tuple(needing(p) for p in lex.get("time_patterns", [])),
        part_of_day=tuple((_alternation([k]), v)
                          for k, v in lex.get("part_of_day", {}).items()),
        any_part_of_day=_any_cue(list(lex.get("part_of_day", {}))),
        new_activity=_words(lex.get("new_activity", [])),
        strong=strong,
        weak=weak,
        any_kind=cue_starts_of(_all_kind_cues(kinds), whole=_starts),
        kind_cues=index(kinds, strong, weak),
        not_events=_guarded(lex.get("not_events", [])),    # searched only where one of its words is
        first_person=_guarded(lex.get("first_person", [])),
        irrealis=_words(lex.get("irrealis", [])),
        masks=tuple(needing(p) for p in lex.get("masks", [])),   # each skipped where it cannot match
        subordinate=Patterns(re.compile(p) for p in lex.get("subordinate", [])),
        generic=_guarded(lex.get("generic_verbs", [])),
        generic_kinds=tuple(lex.get("generic_kinds", [])),
        generic_default=lex.get("generic_default", "visit"),
        continuing=tuple(frozenset(pair) for pair in lex.get("continuing_kinds", [])),
        same_place=_words(lex.get("same_place", [])),
        honours=_words(lex.get("honours", [])),
        clause_split=_any(lex.get("clause_splits", []), re.IGNORECASE),
        coordinators=_any(lex.get("coordinators", []), re.IGNORECASE),
        counterparts=_any(lex.get("counterparts", []), re.IGNORECASE),
        list_separators=_any(lex.get("list_separators", []), re.IGNORECASE),
        recap=_words(lex.get("recap", [])),
        others_acting=_guarded(lex.get("others_acting", [])),
        background=_guarded(lex.get("background", [])),
        years=_sought(lex.get("year_patterns", [])),
        ordinary=_ordinary_words(lex),
        destination_surface=_any([lex.get("destination", {}).get("surface", "")]),
        destination_before=_any([lex.get("destination", {}).get("before", "")]),
        elsewhere_before=_any([lex.get("elsewhere_before", "")]),
        labels={kind.name: kind.label for kind in EVENT_KINDS.values()},
        tie_order=tuple(shared.get("tie_order", [])),
        counterpart_kinds={k: v for k, v in shared.get("counterpart_kinds", {}).items()
                           if not k.startswith("_")},
        arrival_at_venue=shared.get("arrival_at_venue", {}).get("kind"),
        welcome_verbs=_words(lex.get("welcome_verbs", [])),
        surname=surname,
        name_stop_words=tuple(lex.get("name_stop_words", [])),
        name_stop_endings=tuple(lex.get("name_stop_endings", [])),
        page=page,
        lemmas=build_lemmas(lex.get("lemmas")),
        outranks=tuple((k, frozenset(v)) for k, v in shared.get("outranks", {}).items()
                       if not k.startswith("_")),
        frames=_any(lex.get("frames", [])),
        own_kinds=frozenset(shared.get("frames", {}).get("own_kinds", [])),
        gatherings=_gatherings(shared.get("frames", {}).get("gatherings", [])),
        speech=_whole(lex.get("speech", [])),
        statements=_sought(lex.get("statements", [])),
        whole_visit_kinds=frozenset(shared.get("frames", {}).get("whole_visit_kinds", [])),
        topical_kinds=frozenset(shared.get("frames", {}).get("topical_kinds", [])),
        closing=_words(lex.get("closing", [])),
        prior=_words(lex.get("prior", [])),
        mask_pieces=pieces_of_any(lex.get("masks", [])),
        subordinate_pieces=pieces_of_any(lex.get("subordinate", [])),
    )


def _whole(words: list[str]) -> re.Pattern[str] | None:
    """Whole words (or patterns of one): nothing of a word before or after."""
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)") if words else None


def _gatherings(groups: list[list[str]]) -> dict[str, frozenset[str]]:
    """Each kind of a group of kinds one gathering's noun may name ("the meeting": talks or a meeting)."""
    out: dict[str, frozenset[str]] = {}
    for group in groups:
        for kind in group:
            out[kind] = out.get(kind, frozenset({kind})) | frozenset(group)
    return out
