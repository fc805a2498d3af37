"""Drafts of events and how a story tells them: the lead retelling the body, and timeline order."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise

from dashboard import vocab
from dashboard.extract.cues import Cues
from dashboard.extract.kinds import classify, masked
from dashboard.extract.segments import Sentence
from dashboard.places import Mention
from dashboard.places.model import km

PLACE_DETAIL = vocab.PLACE_DETAIL     # how much a place of each kind says (data/place_kinds.csv)
NEAR_KM = 40.0
OPENER_WINDOW = 40     # "then", "next" this close to a sentence's start tell what came next
APART_KM = 0.5     # two venues this far apart are two visits (a hall inside a palace is not)


@dataclass
class Draft:
    kind: str
    sentences: list[Sentence]
    role: str
    date: dt.date | None
    precision: str
    strong: bool
    time: str | None = None
    hint: str | None = None
    mention: Mention | None = None
    inherited: bool = False
    extra: list[Sentence] = field(default_factory=list)
    status: str = vocab.DEFAULT_STATUS      # happened | planned (data/statuses.csv)
    recap: bool = False           # "Earlier, ...": happened before the events of its day told so far
    dated: bool = False           # its own sentence gives its date (not only the story's running day)


def specificity(m: Mention | None) -> int:
    return PLACE_DETAIL.get(m.place.kind, 0) if m else 0


def compatible(a: Mention | None, b: Mention | None) -> bool:
    """Could two mentions name the place of one activity?"""
    if a is None or b is None or a.place.id == b.place.id:
        return True
    if specificity(a) == 5 and specificity(b) == 5:
        return False
    if min(specificity(a), specificity(b)) == 1:     # a country: often the visitor's, never a contradiction
        return True
    if min(specificity(a), specificity(b)) == 2:
        return a.place.country == b.place.country
    return km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= NEAR_KM


def adjoining(a: Mention | None, b: Mention | None) -> bool:
    """Venues no farther apart than a hall and its palace: an activity may go on from one to the next."""
    return (a is not None and b is not None and specificity(a) == specificity(b) == 5
            and km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= APART_KM)


def same_sentence(a: Draft, b: Draft) -> bool:
    """Two drafts cut from one sentence share its scene."""
    last, first = a.sentences[-1], b.sentences[0]
    joined = last.index == first.index or (first.clause and last.index + 1 == first.index)
    return a.mention is not None and joined


def welcomes_joined(drafts: list[Draft], cues: Cues) -> list[Draft]:
    """"The official welcome at the palace ... The host met the guest": the meeting is that ceremony's,
    told before or after it the same day, when it names no place of its own."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and prev.date == d.date and prev.kind == "ceremony" and _welcome_only(d, cues):
            prev.sentences += d.sentences
            continue
        if prev is not None and prev.date == d.date and d.kind == "ceremony" and _welcome_only(prev, cues):
            d.sentences[:0] = prev.sentences
            out[-1] = d
            continue
        out.append(d)
    return out


def _welcome_only(d: Draft, cues: Cues) -> bool:
    """An arrival with no place of its own told only by "met" or "welcomed" (nobody comes or lands)."""
    if d.kind != "arrival" or d.mention is not None or cues.welcome_verbs is None:
        return False
    key = d.sentences[0].key
    if not cues.welcome_verbs.search(key):
        return False
    return classify(cues.welcome_verbs.sub(" ", masked(key, cues)), cues).kind != "arrival"


def airport_welcome(arrival: Draft, d: Draft) -> bool:
    """A ceremony at an airport right after the arrival in its city, the same day, is that arrival."""
    return (arrival.kind == "arrival" and d.kind == "ceremony" and arrival.date == d.date
            and d.mention is not None and d.mention.place.kind == "airport"
            and specificity(arrival.mention) <= specificity(d.mention)
            and compatible(arrival.mention, d.mention))


def honours_joined(drafts: list[Draft], honours: re.Pattern[str] | None = None,
                   opener: re.Pattern[str] | None = None) -> list[Draft]:
    """The honours of one welcome told in several sentences (the guard lines up, then anthems sound, then the
    leaders walk along the guard) are one ceremony: a ceremony right after another the same day at the same
    place, or at none of its own when it tells of those honours, joins it; so does one at a venue of the
    first one's city telling of the honours, unless told as what came next ("the welcome in Bishkek ... the
    motorcade reached the residence, the guard lined up": the welcome, now at the residence). Ceremonies at
    two places (a monument, then a memorial) stay two. A country named (the guest's, the host's) is no place.
    Joined until nothing more joins (the honours of the venue may be told after one came to it)."""
    joined = _honours_once(drafts, honours, opener)
    while len(joined) < len(drafts):
        drafts, joined = joined, _honours_once(joined, honours, opener)
    return joined


def _honours_once(drafts: list[Draft], honours: re.Pattern[str] | None,
                  opener: re.Pattern[str] | None) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == d.kind == "ceremony" and prev.date == d.date \
                and prev.mention is not None and _same_welcome(prev.mention, d, honours, opener):
            if specificity(d.mention) > specificity(prev.mention):
                prev.mention = d.mention          # the venue the welcome was held at
            prev.sentences += d.sentences
            continue
        out.append(d)
    return out


def _same_welcome(place: Mention, d: Draft, honours: re.Pattern[str] | None,
                  opener: re.Pattern[str] | None = None) -> bool:
    """At the same venue, in the same city (or at no place of its own) telling of the honours, or at a venue
    of that city telling of them as the same scene."""
    here = d.mention if specificity(d.mention) > PLACE_DETAIL["country"] else None
    if here is not None and here.place.id != place.place.id:
        next_act = bool(opener and opener.search(d.sentences[0].key, 0, OPENER_WINDOW))
        told = any(honours and honours.search(s.key) for s in d.sentences)
        return _venue_of(place, here) and told and not next_act
    if here is not None and specificity(here) == PLACE_DETAIL["landmark"]:
        return True
    return bool(honours and honours.search(d.sentences[0].key))


def _venue_of(city: Mention, venue: Mention) -> bool:
    """A venue (a palace, a residence) in the city named before."""
    return specificity(city) == PLACE_DETAIL["city"] and specificity(venue) == PLACE_DETAIL["landmark"] \
        and compatible(city, venue)


def welcome_at_airport(drafts: list[Draft], opener: re.Pattern[str] | None, window: int) -> None:
    """The honours told right after a landing at an airport (flags, guard of honour), naming no venue or only
    the city, are held at that airport: one scene, the guest has not yet left it ("after landing, ...":
    the story has moved on)."""
    for prev, d in pairwise(drafts):
        if prev.kind != "arrival" or d.kind != "ceremony" or prev.date != d.date or prev.mention is None \
                or prev.mention.place.kind != "airport":
            continue
        if opener is not None and opener.search(d.sentences[0].key, 0, window):
            continue
        if d.mention is None or (d.mention.place.kind in ("city", "district")
                                 and compatible(prev.mention, d.mention)):
            d.mention, d.inherited = prev.mention, True


def drop_retold_lead(drafts: list[Draft], continuing: tuple[frozenset[str], ...] = (),
                     cues: Cues | None = None) -> list[Draft]:
    """The lead retells the body: a lead event with a body twin goes. The honours of a welcome told in the
    lead (flags raised, the guard of honour) are no retelling of another rite told in the body (a wreath
    laid at a monument): a ceremony that tells them has its twin only in a ceremony that tells them too, or
    a welcome ("the guest was welcomed at the palace")."""
    body = [d for d in drafts if d.role != "lead"]
    kept = []
    for d in drafts:
        twin = next((b for b in body if _twin(d, b, continuing) and not _other_rite(d, b, cues)), None) \
            if d.role == "lead" else None
        if twin is None:
            kept.append(d)
        elif specificity(d.mention) > specificity(twin.mention) and compatible(d.mention, twin.mention):
            twin.mention = d.mention          # the lead lends what it knows better: here, the venue
    return kept


def _other_rite(lead: Draft, body: Draft, cues: Cues | None) -> bool:
    """A lead ceremony of honours and a body ceremony that tells neither honours nor a welcome."""
    if cues is None or cues.honours is None or lead.kind != "ceremony" or body.kind != "ceremony":
        return False
    told = [p for p in (cues.honours, cues.welcome_verbs) if p is not None]
    return any(cues.honours.search(s.key) for s in lead.sentences) \
        and not any(p.search(s.key) for s in body.sentences + body.extra for p in told)


def _twin(lead: Draft, body: Draft, continuing: tuple[frozenset[str], ...] = ()) -> bool:
    """The same kind on the same day (the lead's place is often the visitor's country or the host's), or
    one activity told from two sides at one place ("visited the alley" / "laid a wreath there")."""
    if lead.date != body.date:
        return False
    if lead.kind == body.kind:
        return True
    return frozenset({lead.kind, body.kind}) in continuing and compatible(lead.mention, body.mention)


def order(drafts: list[Draft], opener: re.Pattern[str] | None = None) -> list[Draft]:
    """Narrative order, corrected by dates and clock times (an untimed event follows its predecessor);
    a recap ("Earlier, ...") goes before the untimed events of its day told so far, and so do the other
    activities its sentence tells ("Earlier he laid flowers at the memorial and visited the veterans") and
    what the next sentence tells as its sequel, the same day ("After that, they held talks")."""
    keyed = []
    latest: dict[dt.date | None, str] = {}     # the latest hint so far on each day
    for prev, d in pairwise(drafts):
        if prev.recap and (_same_sentence(prev, d) or _sequel(prev, d, opener)):
            d.recap = True
    for i, d in enumerate(drafts):
        hint = d.hint or ("00:00" if d.recap else latest.get(d.date, "00:00"))
        latest[d.date] = max(hint, latest.get(d.date, "00:00"))
        keyed.append(((d.date or dt.date.max), hint, 0 if d.recap else 1, i, d))
    keyed.sort(key=lambda k: k[:4])
    return [k[4] for k in keyed]


def _same_sentence(prev: Draft, d: Draft) -> bool:
    return d.sentences[0].clause and prev.sentences[-1].index == d.sentences[0].index


def _sequel(prev: Draft, d: Draft, opener: re.Pattern[str] | None) -> bool:
    """``d`` opens its sentence, the one right after ``prev``'s, with "then", "after that", the same day."""
    first = d.sentences[0]
    next_one = not first.clause and first.index == prev.sentences[-1].index + 1
    return opener is not None and next_one and d.date == prev.date and d.hint is None \
        and opener.search(first.key, 0, OPENER_WINDOW) is not None
