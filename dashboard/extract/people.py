"""Participants: the principals of an event by one canonical name, other personal names as written.

Heads of state and government come from ``data/people/leaders.csv`` with their spellings per language
and script; what a language does to a name (case endings, titles, the words that make a name a
memorial) from ``data/people/languages.json``. One engine reads both, on the normalised text (Uzbek
Cyrillic already converted to Latin): a data spelling is normalised the same way, so ``Мирзиёев``,
``Mirziyoev`` and ``Mirziyoyevning`` all become "Shavkat Mirziyoyev".

A bare surname shared by several leaders (Berdimuhamedov father and son, Heydar and Ilham Aliyev) is
resolved by a full name nearby, the leader's own cue words ("Arkadag"), the article's principals, the
date, and last the leader in office most recently. A name written as a memorial or a place ("named
after Islam Karimov", "Haydar Aliyev qabri", "аэропорт им. Н. Назарбаева") is no participant.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from dashboard.extract.cues import Cues, load_cues
from dashboard.extract.leaders import Grammar, Leader, Pattern, People, load_people
from dashboard.extract.names import (
    canonical,
    clean,
    credited,
    first_words,
    other_key,
    personal,
    places_in,
    starts,
    uninflected,
)
from dashboard.extract.nametokens import Token, may_name, words_of
from dashboard.extract.segments import Sentence, segment
from dashboard.places import load_gazetteer
from dashboard.places.index import VENUE_KINDS
from dashboard.settings import DEFAULT, Settings
from dashboard.text import prepare

BEFORE_WINDOW = 8      # words a memorial word may stand before a name ("the memory of the First President")
AFTER_WINDOW = 3       # ... and after it ("Heydar Aliyev International Airport")
_JOIN = re.compile(r"[\s\-–]*")
_INITIAL_GAP = re.compile(r"\.\s*")
_WORD_END = re.compile(r"[\wʻʼ]*")
_CLOSING = re.compile(r"[»”\"]\s+")     # a quoted name's closing mark before its head word
_NO_GRAMMAR = Grammar()     # a language without one (made once: it is frozen)



@dataclass(slots=True)
class Mention:
    sentence: int
    first: int                # token indexes
    last: int
    start: int                # offsets into the sentence text
    end: int
    pattern: Pattern
    leader: int | None = None
    status: str = "found"     # found | memorial | other (someone else's surname) | dropped
    host: bool = False        # written as the host: "at the invitation of X", "X kutib oldi"


# --- matching -------------------------------------------------------------------------------------

def _stems(key: str, g: Grammar) -> Iterable[str]:
    yield key
    for suf in g.suffixes:
        if key.endswith(suf) and len(key) > len(suf) + 1:
            base = key[: -len(suf)]
            yield base
            for d in g.stem_drop:
                yield base + d


def _joined(text: str, a: Token, b: Token) -> bool:
    """Nothing but space or a hyphen between two words (or the dot after an initial or 'им.')."""
    gap = text[a.end:b.start]
    return gap == " " or bool(_JOIN.fullmatch(gap) or (len(a.key) <= 3 and _INITIAL_GAP.fullmatch(gap)))


def _match_at(text: str, toks: Sequence[Token], i: int, people: People, forms: dict) -> Pattern | None:
    for stem in forms.get(toks[i].key, ()):
        for p in people.patterns.get(stem, ()):
            n = len(p.stems)
            if i + n > len(toks) or not all(t.upper for t in toks[i:i + n]):
                continue
            if all(_joined(text, toks[i + k - 1], toks[i + k]) and
                   p.stems[k] in forms.get(toks[i + k].key, ())
                   for k in range(1, n)):
                return p      # patterns are longest first, full before bare
    return None


def _mentions(s: int, text: str, toks: Sequence[Token], people: People, g: Grammar) -> list[Mention]:
    out: list[Mention] = []
    forms = people.forms.get(g.language, people.forms[""])
    after = 0          # a name starts after the last one found
    for i in [i for i, t in enumerate(toks) if t.upper and t.key in forms]:   # where a name may start
        p = _match_at(text, toks, i, people, forms) if i >= after else None
        if p is None:
            continue
        j = i + len(p.stems) - 1
        out.append(Mention(s, i, j, toks[i].start, toks[j].end, p, p.leaders[0] if p.full else None))
        after = j + 1
    return out


def _is_title(tok: Token, g: Grammar, cues: Cues | None) -> bool:
    return starts(tok.key, g.titles) or (cues is not None
                                          and starts(tok.key, first_words(cues.name_stop_words)))


def _not_a_name(tok: Token, g: Grammar, cues: Cues | None) -> bool:
    """A capitalised word before a surname that is a title, a country or a place, not a first name."""
    if _is_title(tok, g, cues) or tok.key.endswith(g.not_given_endings):
        return True
    endings = cues.name_stop_endings if cues else ()
    return any(stem.endswith(endings) for stem in _stems(tok.key, g)) if endings else False


def _check_bare(m: Mention, text: str, toks: Sequence[Token], g: Grammar, cues: Cues | None,
                people: People, taken: set[int]) -> None:
    """A bare surname: drop it when written after someone else's first name or without a needed title."""
    joined = m.first > 0 and m.first - 1 not in taken and _joined(text, toks[m.first - 1], toks[m.first])
    prev = toks[m.first - 1] if joined else None
    cued = [i for i in m.pattern.leaders if prev is not None and starts(prev.key, people.leaders[i].cues)]
    if cued:                          # "Arkadag Berdimuhamedov": the cue is the title
        m.pattern = Pattern(tuple(cued), False, m.pattern.stems)
        return
    titled = prev is not None and _is_title(prev, g, cues)
    first_word = prev is toks[0]      # "Later Tokayev", "Затем Мирзиёев": a capital that tells nothing
    if prev is not None and prev.upper and not first_word and not titled and not _not_a_name(prev, g, cues):
        fits = [k for k, given in enumerate(m.pattern.given) if any(x.startswith(prev.key) for x in given)]
        if len(prev.key) > 2 or not fits:
            m.status = "other"        # "Sherzod Asadov", "Aziz Aliyev", "Zarifa Aliyeva": someone else
            return
        # an initial: "Sh. Mirziyoyev"
        m.pattern = Pattern(tuple(m.pattern.leaders[k] for k in fits), False, m.pattern.stems)
        return
    alone = {"yes": True, "title": titled, "no": False}
    if not any(alone.get(people.leaders[i].alone, True) for i in m.pattern.leaders):
        m.status = "dropped"


def _near(first: int, last: int, text: str, toks: Sequence[Token], g: Grammar, taken: set[int],
          before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """One of ``after`` just after the name (past capitalised words; a quoted name's closing mark too:
    "«Frantsisk Skorina» ordeni"), or one of ``before`` a few words before it, with no punctuation, barrier
    word or other name in between."""
    for k in range(last + 1, min(last + 1 + AFTER_WINDOW, len(toks))):
        quoted = k == last + 1 and _CLOSING.fullmatch(text[toks[k - 1].end:toks[k].start])   # «X» ordeni
        if not (quoted or _joined(text, toks[k - 1], toks[k])) or k in taken:
            break
        if starts(toks[k].key, after):
            return True
        if not toks[k].upper:
            break
    for k in range(first - 1, max(first - 1 - BEFORE_WINDOW, -1), -1):
        if not _joined(text, toks[k], toks[k + 1]) or k in taken or toks[k].key in g.barriers:
            break
        if starts(toks[k].key, before):
            return True
    return False


def _memorial(first: int, last: int, text: str, toks: Sequence[Token], g: Grammar, taken: set[int]) -> bool:
    """Words around a name that make it a memorial or a place: "named after X", "X nomidagi", "X Center"."""
    return _near(first, last, text, toks, g, taken, g.memorial_before, g.memorial_after)


def _resolve(m: Mention, key: str, people: People, named: set[int], known: set[str],
             on: dt.date | None) -> int:
    """Which namesake a bare surname means: cue words, a full name nearby, the article, the date, recency."""
    ids = list(m.pattern.leaders)
    for keep in (
        lambda i: any(c in key for c in people.leaders[i].cues),
        lambda i: i in named,
        lambda i: people.leaders[i].name in known,
        lambda i: on is not None and people.leaders[i].in_office(on.year),
    ):
        ids = [i for i in ids if keep(i)] or ids
    return max(ids, key=lambda i: people.leaders[i].recency())


# --- the engine -----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Read:
    sentences: Sequence[Sentence]
    tokens: list[Sequence[Token] | None]   # None: not made (the sentence names no leader); see words
    mentions: list[Mention]

    def words(self, k: int) -> Sequence[Token]:
        toks = self.tokens[k]
        if toks is None:
            toks = self.tokens[k] = words_of(self.sentences[k])
        return toks


class SentenceReads:
    """What the people finder reads in a sentence on its own (its words and the leaders' names in it; the
    other names the surname pattern finds), kept for one article (one language, one ``People``): a sentence
    read for the principals and again for its event is read once."""

    __slots__ = ("names", "others")

    def __init__(self) -> None:
        self.names: dict[str, tuple[Sequence[Token] | None, tuple[Mention, ...]]] = {}
        self.others: dict[str, list[tuple[int, str]]] = {}


def _read(sentences: Sequence[Sentence], cues: Cues | None, people: People, known: Sequence[str],
          on: dt.date | None, memo: SentenceReads | None = None) -> _Read:
    g = people.grammars.get(cues.language, _NO_GRAMMAR) if cues else _NO_GRAMMAR
    read: list[Sequence[Token] | None] = []
    mentions: list[Mention] = []
    forms = people.forms.get(g.language, people.forms[""])
    for k, s in enumerate(sentences):
        got = memo.names.get(s.text) if memo is not None else None
        if got is None:
            got = _read_sentence(s, cues, people, g, forms)
            if memo is not None:
                memo.names[s.text] = got
        read.append(got[0])
        mentions += [Mention(k, m.first, m.last, m.start, m.end, m.pattern, m.leader, m.status, m.host)
                     for m in got[1]]
    named = {m.leader for m in mentions if m.status == "found" and m.leader is not None}
    for m in mentions:
        if m.status != "found":
            continue
        if m.leader is None:
            m.leader = _resolve(m, sentences[m.sentence].key, people, named, set(known), on)
        if not people.leaders[m.leader].alive(on):
            m.status = "memorial"     # a historical figure: no participant unless the date says so
    return _Read(sentences, read, mentions)


def _read_sentence(s: Sentence, cues: Cues | None, people: People, g: Grammar,
                   forms: Container[str]) -> tuple[Sequence[Token] | None, tuple[Mention, ...]]:
    """A sentence's words (None: not made, it names no leader) and the leaders' names in it (each as its
    sentence 0, copied by the caller), as the sentence alone tells them."""
    text = s.text
    if not may_name(text, forms):
        return None, ()       # no word where a name may start: nothing found (see _mentions)
    toks = words_of(s)
    found = _mentions(0, text, toks, people, g)
    taken = {t for m in found for t in range(m.first, m.last + 1)}
    for m in found:
        if not m.pattern.full:
            _check_bare(m, text, toks, g, cues, people, taken)
        others = taken - set(range(m.first, m.last + 1))
        if m.status == "found" and _memorial(m.first, m.last, text, toks, g, others):
            m.status = "memorial"
        m.host = _near(m.first, m.last, text, toks, g, others, g.host_before, g.host_after)
    for m in _in_venue_names(text, found):
        m.status = "memorial"     # "Nursultan Nazarbayev International Airport": the airport, not the man
    return toks, tuple(found)


def _others(sentences: Sequence[Sentence], cues: Cues, read: _Read, g: Grammar,
            memo: SentenceReads | None = None) -> list[tuple[int, int, str]]:
    """Names the lexicon's surname pattern finds, as written, where no leader was read."""
    if cues.surname is None:
        return []
    out = []
    for k, s in enumerate(sentences):
        found = memo.others.get(s.text) if memo is not None else None
        if found is None:
            found = _others_in(k, s.text, cues, read, g)
            if memo is not None:
                memo.others[s.text] = found
        out += [(k, start, name) for start, name in found]
    return out


def _others_in(k: int, text: str, cues: Cues, read: _Read, g: Grammar) -> list[tuple[int, str]]:
    """The other names of sentence ``k`` (its text alone tells them: where they start, as written)."""
    assert cues.surname is not None
    out = []
    spans: list[tuple[int, int]] | None = None     # the leaders read in it: made at its first name
    for match in cues.surname.finditer(text):
        whole = _WORD_END.match(text, match.end(1))      # the last word whole: "Nov|ember"
        words = text[match.start(1):whole.end() if whole else match.end(1)].split()
        tokens = personal(clean(words, cues))
        if len(tokens) < 2:
            continue
        name = " ".join(tokens)
        start = text.find(name, match.start(1))
        rest = _WORD_END.match(text, start + len(name))     # always matches (maybe nothing)
        end = rest.end() if rest else start + len(name)
        name = canonical(uninflected(text[start:end], g), g)
        if spans is None:
            spans = [(m.start, m.end) for m in read.mentions
                     if m.sentence == k and m.status in ("found", "memorial")]
        if any(a < end and start < b for a, b in spans) or credited(text, start, end, g):
            continue          # a leader read there, or the photographer's credit
        toks = read.words(k)
        inside = [i for i, t in enumerate(toks) if start <= t.start and t.end <= end]
        taken = {t for m in read.mentions if m.sentence == k for t in range(m.first, m.last + 1)}
        if inside and (_is_title(toks[inside[-1]], g, cues)      # "Tajikistan's Prime Minister"
                       or _memorial(inside[0], inside[-1], text, toks, g, taken)):
            continue
        out.append((start, name))
    return out


def _in_venue_names(text: str, found: list[Mention]) -> list[Mention]:
    """The names that stand inside a venue's or an airport's name the gazetteer knows (looked up only for a
    name some venue's name holds a word of)."""
    maybe = [m for m in found if m.status == "found" and not _venue_words().isdisjoint(m.pattern.stems)]
    venues = [(a, b) for a, b, kind in places_in(text) if kind in VENUE_KINDS] if maybe else []
    return [m for m in maybe if any(a <= m.start and m.end <= b for a, b in venues)]


def _venue_words() -> frozenset[str]:
    return load_gazetteer(DEFAULT.places_dir).index.venue_words


def participants(sentences: list[Sentence], cues: Cues, principals: Sequence[str] = (),
                 on: dt.date | None = None, memo: SentenceReads | None = None) -> list[str]:
    """Distinct names in the order they appear: leaders by their canonical name, others as written.

    ``principals``: the article's (``principals_of_text``); they settle a bare surname shared by
    namesakes, and the first of them stands for the subject when the sentences name no leader.
    ``on``: the event's date; without it a leader who has died is taken as a historical figure.
    ``memo``: the article's sentences as already read (see :class:`SentenceReads`).
    """
    people = load_people()
    read = _read(sentences, cues, people, principals, on, memo)
    g = people.grammars.get(cues.language, _NO_GRAMMAR)
    read_found = [(m, people.leaders[m.leader]) for m in read.mentions
                  if m.status == "found" and m.leader is not None]
    found = [(m.sentence, m.start, who.name) for m, who in read_found]
    names: list[str] = []
    if principals and not any(who.name in principals and not m.host for m, who in read_found):
        names.append(principals[0])    # "the head of our state", "he", "met by the host": the subject
    leaders = {n for *_, n in found}
    seen: set[tuple[str, ...]] = set()
    for _, _, name in sorted(found + _others(sentences, cues, read, g, memo)):
        if name not in leaders:
            key = other_key(name, g)       # "Sherzod Asadovni" after "Sherzod Asadov": one person
            if key in seen or any(name in n for n in names):
                continue
            seen.add(key)
        if name not in names:
            names.append(name)
    return names


def principals_of_text(text: str, published: str | dt.date | None = None,
                       settings: Settings = DEFAULT) -> list[str]:
    """The leaders an article is about (see :func:`principals_of`), from its raw text."""
    prepared = prepare(text, settings.lexicon_dir)
    cues = load_cues(settings.lexicon_dir, prepared.language)
    on = dt.date.fromisoformat(str(published)[:10]) if published else None
    sentences = segment(prepared.norm, cues.page, cues.clause_split)
    return principals_of(sentences, cues, on, load_people(settings.data_dir))


def principals_of(sentences: Sequence[Sentence], cues: Cues, on: dt.date | None = None,
                  people: People | None = None, memo: SentenceReads | None = None) -> list[str]:
    """The leaders an article is about, by canonical name, as its title and lead name them (else its
    first body sentences, else its body): the visitor first, then those written as hosts ("at the
    invitation of X", "X kutib oldi", "встретил X"), each group in the order written."""
    people = people or load_people()
    head = [s for s in sentences if s.role in ("title", "lead")]
    body = [s for s in sentences if s.role in ("heading", "body")]
    for part in (head, body[:3], body):
        read = _read(part, cues, people, (), on, memo)
        found = [(m, m.leader) for m in read.mentions if m.status == "found" and m.leader is not None]
        hosts = {i for m, i in found if m.host}
        found.sort(key=lambda f: (f[1] in hosts, f[0].sentence, f[0].start))
        if found:
            return list(dict.fromkeys(people.leaders[i].name for _, i in found))
    return []


def leader(name: str, settings: Settings = DEFAULT) -> Leader | None:
    """The leader of a canonical name (for the country a visitor or host stands for)."""
    return load_people(settings.data_dir).by_name(name)
