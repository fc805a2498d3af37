"""Sentences to events: one activity, one event, in timeline order.

Reading order is the narrative; a sentence with a kind either continues the
current event (same kind, compatible place, no "then"/"next day" cue) or starts
a new one. Sentences without a kind (statements, instructions) belong to the
event they follow. Lead events that the body retells are dropped: the body's
events win, the lead only lends its date.

What did not happen in this story is kept apart: a plan or announcement
("will hold talks") is a ``planned`` draft, and so is anything dated after the
publication day; a sentence dated well before the story (background: another
visit, a museum's opening years ago) is no event and does not move the story's date.
A sentence that tells two activities of different kinds ("laid a wreath and held
talks") is read as two.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dashboard.extract import elaboration as told_in
from dashboard.extract.asides import kept_running, told_aside
from dashboard.extract.clauses import split_coordinated, split_counterparts
from dashboard.extract.closing import told_order
from dashboard.extract.cues import Cues
from dashboard.extract.dates import DateHit, DateReader
from dashboard.extract.drafts import (
    Draft,
    adjoining,
    airport_welcome,
    compatible,
    drop_retold_lead,
    honours_joined,
    order,
    same_sentence,
    specificity,
    welcome_at_airport,
    welcomes_joined,
)
from dashboard.extract.elaboration import Quotation, ceremony_named, framed_in, said, welcomed, whole_visit
from dashboard.extract.journeys import bound_for, journeys_joined
from dashboard.extract.kinds import NOTHING, Reading, blank
from dashboard.extract.nonword import found
from dashboard.extract.placing import Placing
from dashboard.extract.reftime import StoryClock, VisitDays, bounded_by_return, first_lead_date
from dashboard.extract.segments import Sentence
from dashboard.extract.twins import arrivals_joined, honours_before_landing
from dashboard.extract.venues import landings, told_before
from dashboard.places import Gazetteer, Mention, Place, PlaceContext
from dashboard.places.capitals import Home
from dashboard.places.gazetteer import CITY_LEVEL
from dashboard.text.normalize import fold

DATE_AT_START = 30     # a date this close to a sentence's start sets the scene
DATELINE = re.compile(r"^\s*[^\W\d]+(?:\s[^\W\d]+)?,\s*$")   # "tashkent, " before a paragraph's first date
OPENER_WINDOW = 40     # "then", "the next day" this close to the start open a new activity
SUBJECT_WINDOW = 60    # "the participants", "residents" this close to the start are who acts
LEAD_SENTENCES = 3    # the first prose sentences that may date a round-up's story (see reftime)


class Assembler(Placing):
    """Walks an article's sentences once and builds its drafts."""

    def __init__(self, cues: Cues, gazetteer: Gazetteer, published: dt.date,
                 principals: list[str] | None = None, days: VisitDays | None = None):
        self.cues = cues
        self.visitor = (principals or [])[:1]   # the subject of "met with A and B" (not one of the list)
        self.gazetteer = gazetteer
        self.clock = StoryClock(published)     # the story day, the running day, the visit's first day
        self.reader = DateReader(cues, published, self.clock, days)
        self.published = published
        self.context = PlaceContext(ordinary=cues.ordinary)
        self.locus: Mention | None = None
        self.drafts: list[Draft] = []
        self.planned: list[Draft] = []
        self.bound: dict[int, Mention] = {}    # where a departure with no place of its own goes
        self.readings: dict[str, Reading] = {}

    def run(self, sentences: list[Sentence], header: str = "") -> list[Draft]:
        """The drafts of an article's sentences; ``header`` is the text above them (its dateline)."""
        self.locus = self.find_locus(sentences)
        self.clock.open(self.reader.dates(fold(header), None))
        prose = [s for s in sentences if s.role in ("lead", "body")][:LEAD_SENTENCES]
        self.clock.anchor(first_lead_date(prose, lambda key: self.reader.dates(key, None)))
        if self.locus is not None:
            self.context = PlaceContext(city=_city_level(self.locus), country=self.locus.place.country,
                                        ordinary=self.cues.ordinary)
        quotation = Quotation(self.cues.speech)
        for sentence in sentences:
            if sentence.role in ("title", "heading", "furniture"):
                continue
            if quotation.inside(sentence):      # the speaker's words, several sentences long: no event
                if self.drafts:
                    self.drafts[-1].extra.append(sentence)
                continue
            for aside in told_aside(sentence, self.cues, self.reader.dates, self.clock.running):
                with kept_running(self.clock):    # "X, who arrived on Monday, ...": that act (see asides)
                    self.step(aside)
            whole = self.reading(sentence.key)
            parts = split_coordinated(sentence, self.cues, self.venue, self.reading) \
                if whole.kinds > 1 else [sentence]
            if len(parts) > 1 and self.background(sentence):
                continue
            for part in parts:
                reading = whole if len(parts) == 1 else self.reading(part.key)
                pieces = split_counterparts(part, self.cues, self.visitor, self.published) \
                    if reading.kind in self.cues.counterpart_kinds.values() else [(part, None)]
                for k, (piece, kind) in enumerate(pieces):
                    own = replace(reading, kind=kind) if kind else reading
                    self.step(piece, planned=whole.planned, reading=own, fresh=k > 0)
        bounded_by_return(self.drafts)     # the trip's events come before the return home
        drafts = drop_retold_lead(self.drafts, self.cues.continuing, self.cues)
        drafts = told_order(order(drafts, self.cues.new_activity), self.cues)
        drafts = self.home_last(welcomes_joined(self.welcomes(drafts), self.cues))
        drafts = honours_joined(drafts, self.cues.honours, self.cues.new_activity)
        welcome_at_airport(drafts, self.cues.new_activity, OPENER_WINDOW)
        landings(drafts, self.gazetteer, self.context)      # arrived in X; the airport told right after
        told_before(drafts, sentences, self.gazetteer, self.context)   # "at this memorial": the one told
        drafts = honours_before_landing(arrivals_joined(drafts), self.cues)   # one landing, told twice
        drafts = journeys_joined(drafts, self.bound)      # "arrived in Turkey ... went to Ankara": one
        self.inherit_places(drafts)       # in time order: a recap told last lends its place onwards
        self.inherit_places(self.planned)
        return drafts + self.planned

    def welcomes(self, drafts: list[Draft]) -> list[Draft]:
        """Arrivals at a venue become its welcome, one with the guard of honour told in the same sentence."""
        out: list[Draft] = []
        for i, d in enumerate(drafts):
            if self.welcome(d) and welcomed(d, drafts[i + 1:i + 2], self.drafts, self.cues.honours):
                d.kind = self.cues.arrival_at_venue or d.kind
            prev = out[-1] if out else None
            if prev is not None and prev.kind == d.kind and prev.date == d.date and same_sentence(prev, d) \
                    and compatible(prev.mention, d.mention):
                prev.sentences += d.sentences
                continue
            if prev is not None and airport_welcome(prev, d) and not ceremony_named(prev, d, self.cues):
                prev.sentences += d.sentences     # the guard of honour at the airport one just landed at
                prev.mention = d.mention
                continue
            out.append(d)
        return out

    def home_last(self, drafts: list[Draft]) -> list[Draft]:
        """"Returned to Moscow" told before "was seen off at Tashkent airport" that day: home comes last."""
        host = self.locus.place.country if self.locus is not None else None
        out = list(drafts)
        for d in drafts:
            if d.kind != "arrival" or d.mention is None or host in (None, d.mention.place.country):
                continue
            later = out[out.index(d) + 1:]
            leave = next((x for x in later if x.kind == "departure" and x.date == d.date), None)
            if leave is not None:
                out.remove(d)
                out.insert(out.index(leave) + 1, d)
        return out

    def background(self, s: Sentence) -> bool:
        """A sentence cut in parts is background as a whole when its first date lies well before the story."""
        hits = self.reader.dates(s.key, self.clock.running)
        return bool(hits) and self.in_story(hits[0].date, hits[0].precision) == "background"

    def earlier_year(self, key: str) -> bool:
        pattern = self.cues.years
        return bool(pattern and any(int(y) < self.clock.story.year for y in pattern.findall(key)))

    def in_story(self, day: dt.date, precision: str) -> str:
        """happened, planned (after publication) or background (well before the story day)."""
        return self.clock.in_story(day, precision)

    def step(self, s: Sentence, planned: bool = False, reading: Reading | None = None,
             fresh: bool = False) -> None:
        reading = reading or self.reading(s.key)
        others = self.cues.others_acting
        if said(s.key, reading.kind, self.cues) or (others and others.search(s.key, 0, SUBJECT_WINDOW)):
            reading = NOTHING     # "he said that ...", "the participants laid flowers"
        own = blank(s.key, self.cues.subordinate, self.cues.subordinate_pieces)
        hits = self.without_dateline(self.reader.dates(own, self.clock.running), s.key)
        opens = _opens(self.cues.new_activity, s.key) or _opens(self.cues.recap, s.key)   # "then", "earlier"
        status = "planned" if reading.planned or planned else "happened"
        if hits and status == "happened":
            status = self.in_story(hits[0].date, hits[0].precision)
            if hits[0].anchor == "published" and hits[0].date > self.published:
                status = "planned"     # "tomorrow" from the day of publication has not happened
        if self.cues.background and self.cues.background.search(s.key):
            status = "background"
        if not hits and status == "happened" and self.earlier_year(s.key):
            status = "background"      # "the museum opened in 2014": a year before the story, no day
        if status == "happened" and whole_visit(s.key, hits, reading.kind, self.cues):
            status = "background"      # "visited Astana on 12-14 October": the whole visit
        if status == "background":
            return
        if status == "planned":
            if reading.kind is not None:
                self.plan(s, reading, hits[0] if hits else None)
            return
        own_date = hits[0] if hits and not hits[0].sticky else None
        hits = [h for h in hits if h.sticky]
        if hits and (reading.kind or s.role == "lead" or hits[0].start <= DATE_AT_START or not self.drafts):
            self.clock.move(hits[0].date, hits[0].precision)
        current = self.drafts[-1] if self.drafts else None
        opening = told_in.opening(s.key, reading.kind, self.cues)     # "At the meeting, ..."
        told = framed_in(self.drafts, s.key, reading.kind, self.clock.running, self.cues, opening)
        if told is not None:       # more of an event already told
            told.extra.append(s)
            return
        if (frame := told_in.introduced(s.key, reading.kind, self.cues, opening)) is not None:
            reading = replace(reading, kind=frame)     # "During his meeting with X, ...": that meeting
        if reading.kind is None:
            if current is not None:
                current.extra.append(s)
            return
        mention = self.where(s, reading.kind)
        if current and not fresh and self.continues(current, reading, mention, opens, bool(hits), s):
            self.extend(current, s, mention if reading.starts else None)
            return
        if not reading.starts and not opens and not fresh:
            if current is not None:
                current.extra.append(s)
            return
        self.start(s, reading, mention, own_date, dated=bool(hits) or own_date is not None)

    @staticmethod
    def without_dateline(hits: list, key: str) -> list:
        """'TASHKENT, October 21 — ... arrived on Monday': the dateline dates the paper, not the event."""
        if len(hits) > 1 and DATELINE.match(key[:hits[0].start]):
            return hits[1:]
        return hits

    def plan(self, s: Sentence, r: Reading, hit: DateHit | None) -> None:
        date = hit.date if hit is not None else None
        self.planned.append(Draft(kind=r.kind or "other", sentences=[s], role=s.role, date=date,
                                  precision=hit.precision if hit is not None else "unknown", strong=r.strong,
                                  mention=self.where(s, r.kind or "other"), status="planned"))

    def continues(self, cur: Draft, r: Reading, m: Mention | None, opens: bool, dated: bool,
                  s: Sentence) -> bool:
        if cur.role != s.role and "lead" in (cur.role, s.role):
            return False
        if dated and self.clock.running != cur.date:
            return False
        if r.kind == cur.kind:     # "narrow, then expanded format" is still one round of talks
            if opens and not s.clause:
                return False
            return compatible(cur.mention, m) or adjoining(cur.mention, m)   # talks go on in the next hall
        if {r.kind, cur.kind} in self.cues.continuing and not opens:   # visited the museum, saw the finds
            return specificity(m) <= 2 or compatible(cur.mention, m)
        return not r.starts and not opens

    def extend(self, cur: Draft, s: Sentence, m: Mention | None) -> None:
        cur.sentences.append(s)
        cur.time = cur.time or self.reader.clock(s.key)
        if specificity(m) > specificity(cur.mention):
            cur.mention = m
        self.remember(cur.mention)

    def start(self, s: Sentence, r: Reading, m: Mention | None, own_date: DateHit | None,
              dated: bool = False) -> None:
        date, precision = self.clock.day()
        if own_date is not None:
            date, precision = own_date.date, own_date.precision
        clock = self.reader.clock(s.key)
        recap = bool(self.cues.recap and found(self.cues.recap, s.key, 0, OPENER_WINDOW))
        draft = Draft(kind=r.kind or "other", sentences=[s], role=s.role, date=date, precision=precision,
                      strong=r.strong, time=clock, hint=clock or self.reader.part_of_day(s.key), mention=m,
                      recap=recap, dated=dated)
        self.drafts.append(draft)
        if draft.kind == "departure" and m is None and (going := bound_for(
                self.gazetteer.find(s.text, self.context, s.words),
                lambda x: self.is_destination(s.text, x))):
            self.bound[s.index] = going
        self.remember(m)

    def remember(self, m: Mention | None) -> None:
        if m is None or isinstance(m, Home):     # a traveller's home: the story is not there
            return
        city = self.context.city
        if m.place.kind != "country" and m.place.kind != "region":
            city = m.place
        self.context = PlaceContext(city=city, country=self.context.country or m.place.country,
                                    ordinary=self.cues.ordinary)


def _opens(pattern: re.Pattern[str] | None, key: str) -> bool:
    """``pattern`` ("then ...", "earlier ...") near the start of ``key``: another event."""
    return pattern is not None and found(pattern, key, 0, OPENER_WINDOW)


def _city_level(m: Mention) -> Place | None:
    return m.place if m.place.kind in CITY_LEVEL else None
