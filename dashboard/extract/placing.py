"""Where an article's events happen: the story's locus, each sentence's place, and the places
events inherit from the story (a mixin of the assembler in ``events``: it reads the assembler's
cues, gazetteer, running place context and drafts).

An event's place is the venue or city its predicate governs; a venue abroad from where the story
is, a place after "in memory of the victims in", a traveller's origin and a departure's
destination are not it. An event that names no place happens where the story is.
"""
from __future__ import annotations

from dashboard.extract.arguments import aside, headed_first, story_start
from dashboard.extract.cues import Cues
from dashboard.extract.drafts import PLACE_DETAIL, Draft, same_sentence, specificity
from dashboard.extract.kinds import Reading, classify, masked
from dashboard.extract.segments import Sentence
from dashboard.extract.venues import abroad, airport_ceremony, here, origin
from dashboard.places import Gazetteer, Mention, Place, PlaceContext
from dashboard.places.capitals import home_of
from dashboard.places.gazetteer import CITY_LEVEL
from dashboard.places.model import km
from dashboard.places.tokens import fold_word

LOCUS_HEADINGS = 3     # the title and the first headings tell where the story is
ELSEWHERE_KM = 300.0   # a place this far from the story's city, in another country, is not where it happens


class Placing:
    """The assembler's place finding (see the module's docstring)."""

    cues: Cues
    gazetteer: Gazetteer
    context: PlaceContext
    locus: Mention | None
    drafts: list[Draft]
    readings: dict[str, Reading]      # see reading

    def masked(self, key: str) -> str:
        return masked(key, self.cues)

    def reading(self, key: str) -> Reading:
        """The kind a folded text tells, once per text of the article: the lead is read for the story's
        place and for its event, a clause for the cut and again for its event."""
        found = self.readings.get(key)
        if found is None:
            found = self.readings[key] = classify(masked(key, self.cues), self.cues)
        return found

    def welcome(self, d: Draft) -> bool:
        """"Arrived at the Prime Minister's House" (a venue, no city named): the official welcome there;
        "flew to Samarkand, where they visited the Registan" stays the arrival in the city."""
        if d.kind != "arrival" or d.mention is None or d.mention.place.kind != "landmark":
            return False
        found = self.gazetteer.find(d.sentences[0].text, self.context, d.sentences[0].words)
        cities = any(m.place.kind in ("city", "district") for m in found)
        return bool(self.cues.arrival_at_venue) and not cities

    def venue(self, text: str) -> Place | None:
        """The venue (a landmark or an airport) a piece of text names, if any."""
        found = self.gazetteer.most_specific(self.gazetteer.find(text, self.context))
        exact = found is not None and specificity(found) == PLACE_DETAIL["landmark"]
        return found.place if found is not None and exact else None

    def find_locus(self, sentences: list[Sentence]) -> Mention | None:
        """Where the story is, from the title, headings and lead (else the first paragraph of prose):
        a city, else a region, else a country."""
        prose = next((s.paragraph for s in sentences if s.role in ("lead", "body")), None)
        start = story_start(sentences)       # a heading below the story's first prose is another's teaser
        heads = [s for s in sentences if s.role in ("title", "heading") and s.index < start][:LOCUS_HEADINGS]
        first = [s for s in sentences if s.role == "lead" or (s.role == "body" and s.paragraph == prose)]
        found: list[Mention] = []
        host: str | None = None       # the country the headings name, if they name one and no city
        for s in heads + first:       # in reading order: the lead is read only when the headings name no city
            ctx = PlaceContext(ordinary=self.cues.ordinary)
            mentions = [m for m in self.gazetteer.find(s.text, ctx, s.words)
                        if not aside(self.cues, self.gazetteer, s.text, s.key, m)]   # see arguments
            if mentions and self.reading(s.key).kind == "departure":
                mentions = [m for m in mentions if not self.is_destination(s.text, m)]   # "left for Moscow"
            if host is not None and s.role not in ("title", "heading"):   # "visit to Uzbekistan ends":
                mentions = [m for m in mentions if m.place.country == host]   # "returned to Moscow" is not it
            found += mentions
            if host is None and s.role in ("title", "heading"):
                host = next((m.place.country for m in mentions if m.place.kind == "country"), None)
            best = next((m for m in mentions if m.place.kind in CITY_LEVEL), None)
            if best is not None:
                return self.city_of(best)
        for level in ({"region"}, {"country"}):
            best = next((m for m in found if m.place.kind in level), None)
            if best is not None:
                return self.city_of(best)
        return None

    def where(self, s: Sentence, kind: str) -> Mention | None:
        """The sentence's place, unless it is a venue abroad from where the story is (a namesake palace,
        another country's parliament); arrivals and departures may name other countries."""
        found = self.place_of(s, kind)
        if found is None or found.place.kind != "landmark" or kind in ("arrival", "departure"):
            return found
        home = self.locus.place if self.locus is not None else None
        if home is None or found.place.country == home.country:
            return found
        return found if km(found.place.lat, found.place.lon, home.lat, home.lon) <= ELSEWHERE_KM else None

    def place_of(self, s: Sentence, kind: str) -> Mention | None:
        """The sentence's place; one leaves from where one is, not from where one goes."""
        if kind != "departure":
            mentions = [m for m in self.gazetteer.find(s.text, self.context, s.words)
                        if not self.elsewhere(s.text, m) and not origin(self.gazetteer, s.text, m)
                        and not aside(self.cues, self.gazetteer, s.text, s.key, m)]   # see arguments
            mentions = headed_first(mentions, s.text, self.gazetteer)     # "the city of Hanoi" over a name
            airport = next((m for m in mentions if m.place.kind == "airport"), None)
            if kind == "arrival" and airport is not None:
                return airport       # one lands at the airport, whoever from parliament meets one there
            city = next((m for m in mentions if m.place.kind in ("city", "district")), None)
            if kind == "arrival" and city is not None:
                return city          # "flew to Samarkand, where they visited the Registan": the city
            found = self.gazetteer.most_specific(mentions)
            if self.cues.same_place and self.cues.same_place.search(s.key):
                return here(self.drafts, found) or found      # "here": the place of the scene just told
            return found
        named = self.gazetteer.find(s.text, self.context, s.words)
        going = [m for m in named if self.is_destination(s.text, m)]
        origins = [m for m in named if m not in going and not abroad(self.gazetteer, s.text, m, going)]
        if not origins:
            return None if self.drafts else home_of(self.gazetteer, s.text, going)   # sets out from home
        return max(origins, key=specificity)

    def elsewhere(self, text: str, m: Mention) -> bool:
        """"In memory of the victims of the attack in X": X is where something else happened."""
        pattern = self.cues.elsewhere_before
        return bool(pattern and pattern.search(text[max(0, m.start - 100):m.start].lower()))

    def is_destination(self, text: str, m: Mention) -> bool:
        surface, before = self.cues.destination_surface, self.cues.destination_before
        morph = self.gazetteer.morph
        if surface and surface.search(fold_word(m.surface)) and not morph.ends_visit(text, m.end):
            return True     # "Moskvaga", unless "Moskvaga tashrifini yakunlab": leaving from there
        return bool(before and before.search(text[max(0, m.start - 40):m.start].lower()))

    def inherit_places(self, drafts: list[Draft]) -> None:
        """An event with no place of its own, or only a country, happens where the story is (its city)."""
        host = self.locus.place.country if self.locus is not None else None
        first = next((d.mention for d in drafts if d.mention is not None and specificity(d.mention) >= 3
                      and host in (None, d.mention.place.country)), None) or next(
            (d.mention for d in drafts if d.mention is not None), None)
        last = self.locus if self.locus is not None else first
        if last is not None and first is not None and specificity(last) == 1 and specificity(first) >= 3 \
                and first.place.country == last.place.country:
            last = self.city_of(first)      # the story names only the host country up top, its city below
        previous: Draft | None = None
        for d in drafts:
            if d.mention is None and previous is not None and (
                    same_sentence(previous, d) or airport_ceremony(previous, d, self.gazetteer)):
                d.mention, d.inherited, previous = previous.mention, True, d   # "..., and presented an order"
                continue
            previous = d
            country_only = d.mention is not None and specificity(d.mention) == 1 and last is not None and (
                specificity(last) >= 2 or d.mention.place.country != last.place.country)
            if last is not None and (d.mention is None or country_only):
                if d.mention is None and specificity(last) == 1:
                    d.mention = last          # only the host country is known: its capital, marked inferred
                    d.inherited = True
                    continue
                d.mention, d.inherited = self.city_of(last), True
            elif d.mention is not None and specificity(d.mention) >= 2:
                last = d.mention

    def city_of(self, m: Mention) -> Mention:
        if m.place.kind in ("landmark", "airport") and m.place.city:
            found = self.gazetteer.locate(m.place.city, PlaceContext(city=None, country=m.place.country))
            if found and found.place.kind == "city":
                return found
        return m
