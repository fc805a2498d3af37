"""Cue patterns compiled from the lexicons: what a list of word cues matches."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.extract.cues import _all_kind_cues, _any_cue, _starts, _words, load_cues
from dashboard.extract.kinds import blank, cue_starts, masked
from dashboard.extract.needing import any_needs, guarded, needing, pieces_of_any
from dashboard.extract.segments import segment
from dashboard.extract.starts import CueStarts, cue_starts_of, positions
from dashboard.settings import DEFAULT
from dashboard.text import prepare
from dashboard.text.language import load_lexicons
from dashboard.text.normalize import fold

# A cue list, a text, the matches it finds (a cue matches only at the start of a word)
WORD_CUES = [
    ("at-start", ["keldi"], "keldi va ketdi", ["keldi"]),
    ("inside-a-word", ["keldi"], "yetib keldi, qaytib kelmadi, bekeldi", ["keldi"]),
    ("after-punctuation", ["met"], "(met) -met «met» 'met", ["met", "met", "met", "met"]),
    ("longest-first", ["visit", "visited"], "visited, visit", ["visited", "visit"]),
    ("group-inside", ["upon (?:his|her) arrival"], "Upon his arrival, upon her arrival", ["upon her arrival"]),
    ("top-level-bar", ["foo|bar"], "xbar bar xfoo foo", ["bar", "foo"]),
    ("group-first", ["(?:etadi|boradi)(?:lar)?(?!\\w)"], "boradilar, yetadi etadi", ["boradilar", "etadi"]),
    ("class-with-bar", ["a[|b]c"], "a|c xabc abc", ["a|c", "abc"]),
    ("one-letter", ["x", "yz"], "x yz axyz", ["x", "yz"]),
    ("quantified-first", ["a?bc"], "bc abc xbc", ["bc", "abc"]),
    ("shared-first-letter", ["visit", "view", "visited", "tour"], "visited, views tour xview visit",
     ["visited", "view", "tour", "visit"]),
    ("shared-first-letter-order", ["met(?:\\w+)?", "meta"], "metadata meta met", ["metadata", "meta", "met"]),
    ("capture-group", ["ke(l)di", "ketdi"], "keldi ketdi", ["l", ""]),
]


@pytest.mark.parametrize(("cues", "text", "want"), [c[1:] for c in WORD_CUES], ids=[c[0] for c in WORD_CUES])
def test_word_cues_match_only_at_a_word_start(cues: list[str], text: str, want: list[str]) -> None:
    pattern = _words(cues)
    reference = re.compile(r"(?<!\w)(?:" + "|".join(sorted(cues, key=len, reverse=True)) + ")")
    assert pattern.findall(text) == want
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)]


# A cue list and a text: the positions where some cue matches (a mix of letter-first cues and others)
START_CUES = [
    ("letters-only", ["keldi", "ketdi", "uchrashdi"], "keldi va ketdi, so'ng uchrashdi"),
    ("mixed", ["(?:shahri|viloyati)ga tashrif", "tashrif buyurdi", "keldi"], "shahriga tashrif buyurdi va keldi"),
    ("overlapping", ["\\w+ga qaytdi", "qaytdi"], "vatanga qaytdi, uyga qaytdi"),
    ("none", ["(?:a|b)c", "dx"], "no cue here"),
]


@pytest.mark.parametrize(("cues", "text"), [c[1:] for c in START_CUES], ids=[c[0] for c in START_CUES])
def test_starts_match_where_the_cues_do(cues: list[str], text: str) -> None:
    pattern, words = _starts(cues), _words(cues)
    def positions(p: re.Pattern[str]) -> list[int]:
        return [i for i in range(len(text) + 1) if p.match(text, i)]
    assert positions(pattern) == positions(words)
    assert cue_starts(text, pattern) == positions(words)



@pytest.mark.parametrize(("cues", "text"), [c[1:] for c in START_CUES], ids=[c[0] for c in START_CUES])
def test_split_starts_find_what_one_alternation_does(cues: list[str], text: str) -> None:
    """The letter-first cues in one scan and each other cue alone (when its needs are in the text) give
    the positions one alternation of all the cues gives."""
    split = cue_starts_of(cues, whole=_starts)
    assert isinstance(split, CueStarts)
    whole = _starts(cues)
    assert whole is not None
    assert cue_starts(text, split) == positions(whole, text) == [
        i for i in range(len(text) + 1) if whole.match(text, i)]


def _kind_cue_texts(language: str) -> list[str]:
    cues = load_cues(DEFAULT.lexicon_dir, language)
    folder = Path(__file__).parent / "fixtures"
    texts = []
    for path in sorted((folder / "corpus").glob("*.txt")) + sorted((folder / "heldout").glob("*.txt")):
        prepared = prepare(path.read_text(encoding="utf-8"), DEFAULT.lexicon_dir)
        if prepared.language == language:
            texts += [masked(s.key, cues) for s in segment(prepared.norm, cues.page, cues.clause_split)]
    return texts


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_kind_cue_starts_are_those_of_all_the_kinds_cues(language: str) -> None:
    """The lexicon's kinds: the split starts (letters' scan, the other cues guarded) are the positions of
    one alternation of every strong and weak cue, on every sentence of the fixtures in that language."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    texts = _kind_cue_texts(language)
    assert texts and cues.any_kind is not None
    whole = _starts(_all_kind_cues(load_lexicons(DEFAULT.lexicon_dir)[language]["kinds"]))
    assert whole is not None
    found = [cue_starts(t, cues.any_kind) for t in texts]
    assert found == [positions(whole, t) for t in texts]
    assert any(found)


# A pattern, what every match of it holds (per group: one of its strings), texts to search
NEEDING = [
    ("pipe-table", r"\S\s+\|\s+\S.*\S\s+\|\s+\S", (("|",), ("|",)), ["a | b | c", "a b c", "a | b"]),
    ("degrees", r"[+−-]?\d{1,2}\s*°.{0,40}[+−-]?\d{1,2}\s*°", (("°",), ("°",)), ["+12° ... -3°", "12 and 3", "5°"]),
    ("literal", "data:image", (("data:image",),), ["src=data:image/png", "data image"]),
    ("alternation", r"(?:USD|EUR)\d", (("USD", "EUR"),), ["USD5", "EUR", "5", "eur5"]),
    ("runs-and-alternations", r"(?<!\w)(?:\w+ ){0,2}\w+dan\s+(?:keyin|song)(?!\w)", (("dan",), ("keyin", "song")),
     ["uchrashuvdan keyin", "uchrashuvdan songra", "shundan keyinroq", "keyin dan", "dan song"]),
    ("alternative-without-a-plain-start", r"x(?:ab|\d)", (("x",),), ["xab", "x1", "xy"]),
    ("ignoring-case", r"(?i)photo:", (), ["PHOTO: x", "photo x"]),
    ("alternatives-without-plain-starts", r"(?:left\w*|went) to the airport|(?:airport|port) (?:left|went)",
     (("port",),), ["left to the airport", "airport went", "went to the port", "port left", "left to the"]),
    ("optional-group", r"(?:(?:ab)?x|y)z", (("x", "y"), ("z",)), ["xz", "abxz", "yz", "abz", "z"]),
    ("an-alternative-holding-nothing", r"(?:left|went) to|\d+", (), ["left to", "2026", "went"]),
    ("nested-group-and-repeat", r"(?:(?:ab|cd)(x)|(?:ef)+(?:gh|ij))z", (("ab", "cd", "ef"), ("z",)),
     ["abxz", "cdxz", "efefghz", "efz", "ghz", "ab z"]),
]


@pytest.mark.parametrize(("source", "needs", "texts"), [c[1:] for c in NEEDING], ids=[c[0] for c in NEEDING])
def test_needing_searches_as_its_pattern_does(source: str, needs: tuple, texts: list[str]) -> None:
    found = needing(source)
    assert found.needs == needs
    assert [found.search(t) for t in texts] == [re.search(source, t) is not None for t in texts]
    assert [found.sub(" ", t) for t in texts] == [re.sub(source, " ", t) for t in texts]


# Cue lists, the strings one of which every match holds, texts to search (the guarded search finds what the
# pattern does)
GUARDS = [
    ("suffixes", [r"\w+(?:dik|dim|ganmiz)(?!\w)", "kelmoqdamiz"], ("dik", "dim", "ganmiz", "kelmoqdamiz"),
     ["biz keldik", "men bordim", "kelmoqdamiz", "keldi", "dikkat", "borganmiz"]),
    ("shared-start", [r"\w+(?:dik|dim)(?!\w)"], ("di",), ["keldik", "keldi", "kelmadi", "ketgan"]),
    ("longest-group", ["ma.lum qilindi"], ("lum qilindi",), ["malum qilindi", "ma'lum qilindi", "malum"]),
    ("shorter-holds-longer", ["visit", "visited", "paid a visit"], ("visit",), ["visited", "a visitor", "vis"]),
    ("after-a-class", ["keldi", r"\w+moq"], ("moq", "keldi"), ["kelmoq", "keldi", "ketdi"]),
    ("digits-before", ["keldi", r"\d+ marta"], ("keldi", " marta"), ["3 marta", "keldi", "marta"]),
    ("none", ["keldi", r"[a-z]+"], (), ["keldi", "x"]),
]


@pytest.mark.parametrize(("cues", "pieces", "texts"), [c[1:] for c in GUARDS], ids=[c[0] for c in GUARDS])
def test_guarded_cues_search_as_their_pattern_does(cues: list[str], pieces: tuple, texts: list[str]) -> None:
    assert pieces_of_any(cues) == pieces
    pattern = _words(cues)
    guard = guarded(pattern, cues)
    assert guard is not None and guard.pieces == pieces
    assert [guard.search(t) for t in texts] == [pattern.search(t) is not None for t in texts]


# A guarded cue searched in a window (pos, endpos): the pieces are looked for in the window only
WINDOWS = [
    ("inside", "aholi keldi va ketdi", 0, 10, True),
    ("after-the-window", "mehmonlar va keyin aholi keldi", 0, 12, False),
    ("before-the-window", "aholi keldi va ketdi", 3, 20, False),
    ("cut-by-the-end", "bu aholi keldi", 0, 5, False),
    ("whole", "ular va aholi", 0, 10**6, True),
]


@pytest.mark.parametrize(("text", "pos", "endpos", "want"), [c[1:] for c in WINDOWS], ids=[c[0] for c in WINDOWS])
def test_guarded_search_in_a_window_is_the_patterns(text: str, pos: int, endpos: int, want: bool) -> None:
    cues = ["aholi", "ishtirokchilar"]
    pattern = _words(cues)
    guard = guarded(pattern, cues)
    assert guard is not None and guard.pieces
    assert guard.search(text, pos, endpos) == (pattern.search(text, pos, endpos) is not None) == want


@pytest.mark.parametrize("language", sorted(load_lexicons(DEFAULT.lexicon_dir)))
def test_any_part_of_day_matches_where_one_of_them_does(language: str) -> None:
    """The parts of the day are searched one by one only in a sentence where one of them matches."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    words = list(load_lexicons(DEFAULT.lexicon_dir)[language]["part_of_day"])
    assert cues.any_part_of_day is not None and words
    texts = [f"x {w} y" for w in words] + [f"x{w}" for w in words] + ["nothing here", ""]
    for text in texts:
        one = any(pattern.search(text) for pattern, _ in cues.part_of_day)
        assert (cues.any_part_of_day.search(text) is not None) == one, text
    assert _any_cue([r"(a)\1"]).pattern == "" and _any_cue([]) is None




# Patterns, what a match of any of them holds (a digit or one of the strings; None: not known), texts
ANY_NEEDS = [
    ("digits", [r"(?P<day>\d{1,2})\.(?P<mon>\d{1,2})", r"(?:\d{4})\s*yil"], (), True, ["5.12", "2024 yil", "yil", "x"]),
    ("digit-or-word", [r"\d+ marta", "bugun", r"kecha(?!\w)"], ("bugun", "kecha"), True,
     ["3 marta", "bugun", "kechasi", "ertaga", "marta"]),
    ("group-heads", [r"(?P<weekday>dushanba|juma)(?:da|\s+kechasi)"], ("juma", "dushanba"), False,
     ["jumada", "dushanba kechasi", "shanba", "juma"]),
    ("optional-digit", [r"kun\d?"], ("kun",), False, ["kun", "kun2", "2"]),
    ("ignoring-case", [r"(?i)today"], None, False, ["Today", "x"]),
    ("no-plain-text", [r"\w+ga qaytdi", r"[a-z]+"], None, False, ["uyga qaytdi"]),
]


@pytest.mark.parametrize(("sources", "pieces", "digit", "texts"), [c[1:] for c in ANY_NEEDS],
                         ids=[c[0] for c in ANY_NEEDS])
def test_any_needs_hold_every_match(sources: list[str], pieces: tuple | None, digit: bool,
                                    texts: list[str]) -> None:
    found = any_needs(sources)
    if pieces is None:
        assert found is None
        return
    assert found is not None and (found.pieces, found.digit) == (pieces, digit)
    for text in texts:     # a text some pattern matches is one the needs let through
        if any(re.search(p, text) for p in sources):
            assert found.may_match(text), text
    assert not all(found.may_match(t) for t in texts)


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_date_needs_let_through_every_dated_sentence(language: str) -> None:
    """A sentence the lexicon's combined date search finds a date in holds what the date needs say."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    texts = _kind_cue_texts(language)
    assert cues.date_needs is not None and cues.any_date is not None
    dated = [t for t in texts if cues.any_date.search(t)]
    assert dated and all(cues.date_needs.may_match(t) for t in dated)
    assert not all(cues.date_needs.may_match(t) for t in texts)     # and it lets some sentences go


# A language, a sentence of the speaker's own (first person) and of the story (third): the lexicons' guarded
# first-person cues read them as the unguarded pattern does
FIRST_PERSON = [
    ("uz", "Biz Samarqandga kecha kelib, muzokaralar olib bordik.", "Prezident Samarqandga keldi."),
    ("ru", "Мы прилетели в Самарканд вчера вечером.", "Президент прилетел в Самарканд."),
    ("en", "We arrived in Samarkand last night.", "The President arrived in Samarkand."),
]


@pytest.mark.parametrize(("lang", "speaker", "story"), FIRST_PERSON, ids=[c[0] for c in FIRST_PERSON])
def test_lexicon_guards_keep_what_the_cues_find(lang: str, speaker: str, story: str) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    guard = cues.first_person
    assert guard is not None and guard.pieces     # every lexicon's first-person cues name their endings
    assert guard.search(fold(speaker))
    assert not guard.search(fold(story))
    for field in ("not_events", "first_person", "generic", "others_acting", "background"):
        g = getattr(cues, field)
        if g is not None:
            assert [g.search(fold(t)) for t in (speaker, story)] == \
                [g.pattern.search(fold(t)) is not None for t in (speaker, story)], field


# A language, a sentence a mask changes, a sentence a subordinate pattern changes (our own wording): the
# masks and subordinate patterns, tried only in a text holding one of their pieces, change them as before
MASKED = [
    ("uz", "Muzokaralardan song Prezident muzeyni ziyorat qildi.",
     "Rasmiy tashrif bilan mamlakatimizga kelgan mehmon muzeyni ziyorat qildi."),
    ("ru", "После переговоров президент посетил музей.",
     "Президент, который прибыл в понедельник, посетил музей."),
    ("en", "After the talks, the president visited the museum.",
     "The president, who arrived on Monday, visited the museum."),
]


@pytest.mark.parametrize(("lang", "masked_text", "clause_text"), MASKED, ids=[c[0] for c in MASKED])
def test_guarded_masks_blank_as_every_mask_does(lang: str, masked_text: str, clause_text: str) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    key = fold(masked_text)
    every = key
    for mask in cues.masks:
        every = mask.sub(" ", every)
    assert every != key                       # a mask matched: the guard let it through
    assert masked(key, cues) == blank(every, cues.subordinate)
    clause = fold(clause_text)
    assert blank(clause, cues.subordinate) != clause
    assert blank(clause, cues.subordinate, cues.subordinate_pieces) == blank(clause, cues.subordinate)
    assert masked(fold("Prezident keldi. The president arrived. Президент прибыл."), cues) == \
        fold("Prezident keldi. The president arrived. Президент прибыл.")    # nothing to blank


# A language and sentences of our own with a bare year and a verb of saying (the fixtures add theirs)
SOUGHT = [
    ("uz", ["Muzey 2014 yilda ochilgan edi.", "Bu uchrashuv muhim boʻldi, dedi u."]),
    ("ru", ["Музей открыли в 2014 году.", "Министр заявил, что встреча прошла успешно."]),
    ("en", ["The museum opened in 2014.", "Officials of the ministry said that the talks went well."]),
]


@pytest.mark.parametrize(("language", "own"), SOUGHT, ids=[c[0] for c in SOUGHT])
def test_sought_patterns_find_what_their_pattern_does(language: str, own: list[str]) -> None:
    """The statements and bare years, searched only where what their matches hold is, find on every
    fixture sentence what the pattern itself finds."""
    cues = load_cues(DEFAULT.lexicon_dir, language)
    texts = _kind_cue_texts(language) + [fold(t) for t in own]
    assert cues.statements is not None and cues.years is not None
    assert cues.statements.needs is not None and cues.years.needs is not None
    statements = [cues.statements.search(t) for t in texts]
    assert [m and m.span() for m in statements] == [
        (m := cues.statements.pattern.search(t)) and m.span() for t in texts]
    assert [cues.years.findall(t) for t in texts] == [cues.years.pattern.findall(t) for t in texts]
    assert any(cues.years.findall(t) for t in texts) and any(statements)
    assert not all(cues.years.needs.may_match(t) and cues.statements.needs.may_match(t) for t in texts)
