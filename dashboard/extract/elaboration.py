"""Sentences that tell more of an event already told, not an event of their own.

Two structures, in every language the same:

* **A frame pointing back.** A sentence that opens *at* or *during* an event named by its noun ("At the
  summit, the president spoke ...", "Во время переговоров ...", "Uchrashuvda ...", "Tadbirda ... qatnashdi")
  tells what went on inside an event the story has already told: the latest one of that day whose kind the
  frame's noun names (any kind for a noun that names none: "the event"). A frame told by a verb names its
  kind by its pattern's group ("(?P<tour>while touring ...)", "tanishish chog'ida", "в ходе осмотра"):
  what is said or done while touring a site is part of that tour. The sentence joins it, whatever
  other activity nouns it holds ("congratulated him on coming to the forum"). With no such event told
  yet, the frame introduces the event: a conversation (talks, a meeting: ``kinds.json``
  ``frames.topical_kinds``) with the frame's kind, whatever the sentence says was said or done in it ("During
  his meeting with the president, he congratulated him on the forum": a meeting, not a forum); another frame
  (a forum, a summit) leaves the sentence read as usual. Acts that are events of their own
  even inside another (documents signed during the talks) keep their own event: ``kinds.json``
  ``frames.own_kinds``. The frames are data: ``frames`` in ``data/lexicons/<lang>.json``.
* **What someone says.** A sentence whose main predicate is a verb of saying ("He noted that the forum
  ...", "заявил, что ...", "... deb atadi.") tells what was said inside the event it follows, whatever
  activities its words name: the lexicons' ``statements`` (where the language puts that predicate: first
  in English and Russian, last in Uzbek).
* **The whole visit.** A visit or an arrival dated by a span of days ("visited Astana on 12-14 October",
  "12–14-oktabr kunlari tashrif buyurdi") tells the visit as a whole, not one of its events: no event
  (the events of its days are told on their own). The kinds: ``kinds.json`` ``frames.whole_visit_kinds``.
* **The speaker's words.** A quotation that runs over several sentences (a sentence opens with a quote
  mark that it does not close; a later sentence of the paragraph closes it) and that opens speaking in the
  first or second person ("Dear President, I remember you at the first forum ...": the lexicons' ``speech``)
  is what someone said: its sentences tell no event of the story. A quoted press release, told in the third
  person ("The President left for Moscow ..."), is the story's narration and is read as usual. A quotation
  closed in its own sentence is left to the first-person cues (it may be a name: «Manas» airport).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from dashboard.extract.cues import Cues
from dashboard.extract.dates import DateHit
from dashboard.extract.drafts import Draft
from dashboard.extract.kinds import classify, masked
from dashboard.extract.segments import Sentence

QUOTES = frozenset('"“”«»„')     # double quote marks; single ones are Uzbek letters (o‘, g‘)
OPENING = frozenset('"“«„')


NOT_LOOKED = False     # a frame not looked for yet (see opening)
Frame = re.Match[str] | bool | None     # opening's answer, or NOT_LOOKED


def opening(key: str, kind: str | None, cues: Cues) -> re.Match[str] | None:
    """The frame a sentence with a kind opens with ("At the meeting, ..."), if any: looked for once per
    sentence and handed to :func:`framed_in` and :func:`introduced`."""
    return cues.frames.match(key) if kind is not None and cues.frames is not None else None


def framed_in(drafts: Sequence[Draft], key: str, kind: str | None, day: dt.date | None,
              cues: Cues, frame: Frame = NOT_LOOKED) -> Draft | None:
    """The event a sentence opening with a frame ("At the meeting, ...") tells more of, if any: the latest
    draft of ``day`` of a kind the frame's noun names. ``kind`` is the sentence's own reading (None: the
    sentence tells no activity and joins the event before it anyway); ``frame``: :func:`opening`'s."""
    if kind is None or cues.frames is None or not drafts:
        return None
    found = opening(key, kind, cues) if isinstance(frame, bool) else frame
    if found is None:
        return None
    named = frame_kind(found, cues)
    if kind is not None and kind in cues.own_kinds and kind != named:
        return None
    kin = cues.gatherings.get(named, frozenset({named})) if named else None
    for d in reversed(drafts):
        if d.date != day:
            return None
        if kin is None or d.kind in kin:
            return d
    return None


def introduced(key: str, kind: str | None, cues: Cues, frame: Frame = NOT_LOOKED) -> str | None:
    """The kind of the conversation a frame introduces when none was told ("During his meeting with X,
    ..."): the frame noun's, when it names a topical kind and the sentence's own kind is neither it nor an
    act of its own (a signing); else None (the sentence is read as usual)."""
    if kind is None or kind in cues.own_kinds or cues.frames is None or not cues.topical_kinds:
        return None
    found = opening(key, kind, cues) if isinstance(frame, bool) else frame
    named = frame_kind(found, cues) if found is not None else None
    return named if named in cues.topical_kinds and named != kind else None


def frame_kind(found: re.Match[str], cues: Cues) -> str | None:
    """The kind a frame names: the one its pattern's named group says ("(?P<tour>while touring ...)": the
    frame of an act told by a verb, not a noun of its kind), else its words' reading."""
    for kind, text in found.groupdict().items():
        if text is not None:
            return kind
    return classify(found.group(), cues).kind


SPAN = re.compile(r"(?<![\d.,:])([0-3]?\d) ([0-3]?\d)(?![\d,:]|\.\d)")   # "12-14" as folded: "12 14"
SPAN_REACH = 8       # how far from its date's span a day span may stand ("october 12-14", "12-14 oktabr")


def whole_visit(key: str, hits: Sequence[DateHit], kind: str | None, cues: Cues) -> bool:
    """Whether a folded sentence of ``kind``, dated first by ``hits[0]``, tells a visit over days."""
    if kind not in cues.whole_visit_kinds or not hits or hits[0].precision != "day":
        return False
    near = key[max(0, hits[0].start - SPAN_REACH):hits[0].end + SPAN_REACH]
    return any(0 < int(a) < int(b) <= 31 for a, b in SPAN.findall(near))


def said(key: str, kind: str | None, cues: Cues) -> bool:
    """Whether a folded sentence that reads as an activity (``kind``) has a verb of saying as its main
    predicate (a sentence with no kind tells no event anyway)."""
    return kind is not None and cues.statements is not None and cues.statements.search(key) is not None


class Quotation:
    """Reads sentences in order and says which are inside a quotation of several sentences."""

    def __init__(self, speech: re.Pattern[str] | None) -> None:
        self.speech = speech                  # first or second person: someone speaking
        self.paragraph: int | None = None     # the paragraph of an open quotation, None when none is open

    def inside(self, s: Sentence) -> bool:
        if self.paragraph is not None and s.paragraph != self.paragraph:
            self.paragraph = None              # a quotation does not run on past its paragraph unclosed
        if self.paragraph is not None:
            if _marks(s.text) % 2:
                self.paragraph = None          # this sentence closes it (and is still the speaker's)
            return True
        if s.text.lstrip(" -–—")[:1] not in OPENING:
            return False                       # most sentences: no quotation opens here
        if _marks(s.text) % 2 and self.speech is not None and self.speech.search(s.key):
            self.paragraph = s.paragraph
            return True
        return False


def welcomed(arrival: Draft, after: Sequence[Draft], told: Sequence[Draft],
             honours: re.Pattern[str] | None) -> bool:
    """An arrival at a venue is its official welcome when the welcome is told: the honours (guard, anthems,
    flags) in a sentence of that day at that venue (``told``: every draft, the lead's too), or a ceremony
    told next the same day (``after``). "Arrived at the residence; the welcome ceremony will be held here"
    is the arrival."""
    if any(d.kind == "ceremony" and d.date == arrival.date for d in after):
        return True
    venue = arrival.mention.place.id if arrival.mention is not None else None
    scene = [s for d in [arrival, *told] if d.date == arrival.date and (d is arrival or (
        d.mention is not None and d.mention.place.id == venue)) for s in d.sentences + d.extra]
    return honours is not None and any(honours.search(s.key) for s in scene)


def ceremony_named(arrival: Draft, d: Draft, cues: Cues) -> bool:
    """A welcome ceremony at the airport told in a sentence of its own that names it ("an official welcome
    ceremony was held at the airport") is an event beside the arrival; the honours alone (flags raised, the
    guard lined up, the airport decorated) describe the arrival's scene."""
    told = {s.index for s in arrival.sentences}
    return any(_names_ceremony(s.key, cues) for s in d.sentences if s.index not in told)


def _names_ceremony(key: str, cues: Cues) -> bool:
    """A sentence with a strong cue of a ceremony once the honours' words are blanked."""
    if cues.honours is not None:
        key = cues.honours.sub(lambda m: " " * len(m.group()), key)
    reading = classify(masked(key, cues), cues)
    return reading.kind == "ceremony" and reading.strong


def _marks(text: str) -> int:
    return sum(text.count(q) for q in QUOTES)
