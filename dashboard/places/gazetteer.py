"""Find and resolve place mentions in normalised article text."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dashboard import vocab
from dashboard.places.adjectival import headed_adjective
from dashboard.places.capitals import (
    CAPITAL_WINDOW,
    capital_near,
    capital_of_country,
    load_nationalities,
    nationality_capitals,
)
from dashboard.places.hits import Hit as _Hit
from dashboard.places.hits import Scan
from dashboard.places.hits import district as _district
from dashboard.places.hits import fits as _fits
from dashboard.places.hits import ordinary as _ordinary
from dashboard.places.hits import sentence_start as _sentence_start
from dashboard.places.index import PlaceIndex, name_prefixes
from dashboard.places.lexical import common_word
from dashboard.places.model import Mention, Place, PlaceContext
from dashboard.places.morphology import Morphology, Phrases
from dashboard.places.names import after_name, in_quoted_name, inside_name, quoted
from dashboard.places.plausible import far_namesake, governed, outside_region
from dashboard.places.rank import (
    BIG_POP,
    HOME_PRIOR,
    SPECIFICITY,
    load_priors,
    score,
)
from dashboard.places.tokens import WORD as WORD  # re-exported: the word pattern the builder and tests share
from dashboard.places.tokens import Tok, joined, joined_until, tokens

NOT_A_PLACE = "none"   # the kind a head word gives a name that is not a place ("vodiysi", "brendi")
CITY_LEVEL = vocab.CITY_LEVEL      # a city or a place inside one (data/place_kinds.csv)
QUOTES = frozenset("«“„\"'")   # an opening quotation mark, alone between two words
FOUND_MEMO = 4096      # sentences whose mentions are remembered (then forgotten all at once)
SCAN_MEMO = 64         # texts whose hits are remembered (a sentence read again in another context)
LOWER_WORDS = 3        # a curated venue name this long is found in lower case too ("a monument to ...")


class Gazetteer:
    """The offline gazetteer: load once, then ``find``/``locate`` on normalised text."""

    def __init__(self, index: PlaceIndex, morph: Morphology, prior: dict[str, float] | None = None,
                 nationalities: dict[str, str] | None = None) -> None:
        self.index = index
        self.morph = morph
        self.nationalities = nationalities or {}   # folded adjective -> country ("kazakh" -> KZ)
        self.prior = prior or {}     # country -> how likely in visit news (data/places/country_priors.csv)
        # the word that makes a phrase an airport phrase ("aeroport", "аэропорт", "airport")
        self._airport_words = frozenset(k.rsplit(" ", 1)[-1] for k in morph.generic_airport.table)
        self._place_words = frozenset(w for ph in (morph.post_heads, morph.pre_heads, morph.post_titles)
                                      for k in ph.table for w in k.split()) | self._airport_words
        self._pre_title_len = max((k.count(" ") + 1 for k in morph.pre_titles), default=1)
        self._inert: dict[str, tuple[bool, bool | None]] = {}   # see _inert_flags (memo)
        self._prefixes: frozenset[str] | None = None      # see _prefix_end
        self._found: dict[tuple[str, PlaceContext], tuple[Mention, ...]] = {}   # see find (memo)
        self._scans: dict[str, Scan] = {}      # see _scan (memo)

    @classmethod
    def load(cls, places_dir: Path) -> Gazetteer:
        return cls(PlaceIndex.load(places_dir), Morphology.load(places_dir), load_priors(places_dir),
                   load_nationalities(places_dir))

    def get(self, place_id: str) -> Place | None:
        if place_id.startswith("district:"):
            city = self.get("city:" + place_id.split(":", 1)[1])
            return _district(city) if city else None
        idx = self.index.by_id.get(place_id)
        return self.index.place(idx) if idx is not None else None

    # -- public API ---------------------------------------------------------------------------------------
    def find(self, text: str, context: PlaceContext | None = None,
             words: Callable[[], list[Tok]] | None = None) -> list[Mention]:
        """All place mentions in order of position, non-overlapping, longest first, disambiguated (a
        sentence is read several times, for the story's place, its event's and its neighbours': once).
        ``words``: gives ``tokens(text)`` kept elsewhere (a sentence's own, which people read too)."""
        ctx = context or PlaceContext()
        known = self._found.get((text, ctx))
        if known is None:
            if len(self._found) >= FOUND_MEMO:
                self._found.clear()
            known = self._found[text, ctx] = tuple(self._find(text, ctx, words))
        return list(known)

    def _find(self, text: str, ctx: PlaceContext, words: Callable[[], list[Tok]] | None) -> list[Mention]:
        toks, titles, hits = self._scan(text, words)
        near = ctx.city
        out: list[Mention] = []
        for hit in hits:
            place = self._resolve(hit, ctx.country, near, text, toks)
            if place is not None and (_ordinary(hit, toks, place, ctx) or in_quoted_name(
                    toks[hit.start].start, toks[hit.end - 1].end, place.kind, titles)):
                place = None
            if place is not None and place.kind == "country":
                place = capital_of_country(self, toks, hit.start, hit.end, place)
            if place is not None:
                s, e = toks[hit.start].start, toks[hit.end - 1].end
                out.append(Mention(s, e, text[s:e], place))
                if place.kind in CITY_LEVEL:
                    near = place
                inner = self._named_after(text, toks, hit.end, place) if place.kind == "region" else None
                out += [inner] if inner is not None else []
        found = nationality_capitals(self, text, toks, out) if self.nationalities else []
        return sorted(out + found, key=lambda m: m.start) if found else out

    def _scan(self, text: str, words: Callable[[], list[Tok]] | None = None) -> Scan:
        """The names and phrases of ``text`` word by word, before any is resolved (see :class:`.hits.Scan`):
        a word that starts nothing is passed over, a blocker's words skipped, a hit's words taken."""
        known = self._scans.get(text)
        if known is not None:
            return known
        toks = words() if words is not None else tokens(text)
        hits: list[_Hit] = []
        inert = self._inert
        i = 0
        while i < len(toks):
            tok = toks[i]
            flags = inert.get(tok.key)
            if flags is None or flags[tok.upper] is None:
                flags = self._inert_flags(tok.key, tok.upper)
            if flags[tok.upper]:
                i += 1          # starts no phrase and no name: what the calls below would find
                continue
            blocked = self._phrase(toks, i, self.morph.blockers, text)
            if blocked is not None:
                i += blocked[0]
                continue
            hit = self._match(text, toks, i)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.end
        if len(self._scans) >= SCAN_MEMO:
            self._scans.clear()
        scan = self._scans[text] = Scan(toks, quoted(text), hits)
        return scan

    def _named_after(self, text: str, toks: list[Tok], i: int, region: Place) -> Mention | None:
        """"Xorazm viloyatidagi «Yangibozor tekstil» ...": a quoted enterprise named after a district of the
        region just named lies in that district (its name's first word, a district head of the region)."""
        if i >= len(toks) or text[toks[i - 1].end:toks[i].start].strip() not in QUOTES:
            return None
        centre = self.index.district_heads.get(toks[i].key)
        place = _district(self.index.place(centre)) if centre is not None else None
        if place is None or place.region != region.name:
            return None
        return Mention(toks[i].start, toks[i].end, text[toks[i].start:toks[i].end], place)

    def locate(self, text: str, context: PlaceContext | None = None) -> Mention | None:
        """The one place an event described by ``text`` happens at: the most specific mention, first wins."""
        return self.most_specific(self.find(text, context))

    def nationals(self, text: str) -> list[Mention]:
        """The countries ``text`` names as someone's nationality, with a title ("Президент Туркменистана",
        "Turkmaniston Prezidenti", "the President of Turkmenistan"): whose, not where."""
        toks, out, i = tokens(text), [], 0
        while i < len(toks):
            hit = self._match(text, toks, i)
            ids = [x for x in (hit.ids if hit is not None else ()) if self.index.rows[x][2] == "country"]
            if hit is not None and ids and self._titled(hit, text, toks):
                s, e = toks[hit.start].start, toks[hit.end - 1].end
                out.append(Mention(s, e, text[s:e], self.index.place(ids[0])))
            i = hit.end if hit is not None else i + 1
        return out

    @staticmethod
    def most_specific(mentions: list[Mention]) -> Mention | None:
        """The most specific of ``mentions`` (a venue before its city), the first of equals."""
        if not mentions:
            return None
        return min(mentions, key=lambda m: SPECIFICITY.get(m.place.kind, 9))

    # -- matching -----------------------------------------------------------------------------------------
    def _match(self, text: str, toks: list[Tok], i: int) -> _Hit | None:
        pre = self._phrase(toks, i, self.morph.pre_heads, text)
        if pre is not None:
            n, kind = pre
            while kind == NOT_A_PLACE and i + n < len(toks) - 1 and len(toks[i + n].key) == 1:
                n += 1           # "имени А. С. Пушкина": initials before the name
            city = self._phrase(toks, i + n, self.morph.pre_heads, text) if kind == "airport" \
                and i + n < len(toks) else None
            n += city[0] if city is not None and city[1] == "city" else 0   # "аэропорту города X"
            hit = self._name(text, toks, i + n) if i + n < len(toks) else None
            if hit is not None:
                return _Hit(i, hit.end, hit.ids, kind, hit.key)
            if kind == NOT_A_PLACE:
                return None
        generic = self._phrase(toks, i, self.morph.generic_airport, text)
        hit = self._name(text, toks, i)
        if hit is None and (adj := headed_adjective(self, text, toks, i)) is not None:
            ids = self._headed(_Hit(i, i + 1, (), adj[1], adj[2]), adj[1])   # "в Ургутском районе"
            return _Hit(i, i + adj[0], ids, adj[1], adj[2]) if ids else None
        if hit is None:
            if generic is not None:
                return _Hit(i, i + generic[0], (), "airport", "")
            return None
        last = toks[hit.end - 1].key
        if hit.end - hit.start > 1 and self.morph.lookup(last, self.morph.post_heads) == NOT_A_PLACE:
            return _Hit(hit.start, hit.end, (), NOT_A_PLACE, hit.key)   # "Aral Sea": the sea, not the town
        post = self._phrase(toks, hit.end, self.morph.post_heads, text) if hit.end < len(toks) else None
        if post is not None:
            n, kind = post
            ids = self._headed(hit, kind)
            if ids or kind == NOT_A_PLACE:
                return _Hit(hit.start, hit.end + n, ids, kind, hit.key)
        return hit if hit.ids else None

    def _headed(self, hit: _Hit, kind: str) -> tuple[int, ...]:
        """The ids a name means before a head word: "X viloyati" is the region, "X tumani" the district."""
        if kind == "region":
            region = self.index.region_heads.get(hit.key)
            if region in self.index.by_id:
                return (self.index.by_id[region],)
        if kind == "district":
            centre = self.index.district_heads.get(hit.key)
            if centre is not None:
                return (centre,)
            return tuple(i for i in hit.ids if self.prior.get(self.index.rows[i][5], 0.0) > 0)
        return hit.ids

    def _name(self, text: str, toks: list[Tok], i: int) -> _Hit | None:
        """The longest name starting at token ``i`` (the last word may carry endings); a name in lower
        case only when it is a curated venue's name of several words."""
        upper = toks[i].upper
        if not upper and toks[i].key not in self.index.first_words:
            return None
        names = self.index.names
        top = i + 1          # a one-word name, unless the word starts longer names
        if toks[i].key in self.index.first_words:     # as far as the words stand together and a name can go
            top = self._prefix_end(toks, i, min(len(toks), i + self.index.max_words))   # (dict lookups, then
            top = joined_until(text, toks, i, top)                                       # the gaps' regex)
        for j in range(top, i, -1):
            if not upper and j - i < LOWER_WORDS:
                return None
            head = " ".join(t.key for t in toks[i:j - 1])
            for stem in self.morph.stems(toks[j - 1].key, short=bool(head)):
                key = f"{head} {stem}" if head else stem
                ids = names.get(key)
                if ids is None and j - i == 1 and (key in self.index.region_heads
                                                   or key in self.index.district_heads):
                    ids = ()
                if ids is not None and not upper:
                    ids = tuple(x for x in ids if self.index.rows[x][2] == "landmark") or None
                if ids is not None:
                    return _Hit(i, j, ids, None, key)
        return None

    def _inert_flags(self, key: str, capitalised: bool) -> tuple[bool, bool | None]:
        """Whether a word, in lower case and capitalised, starts nothing ``_match`` looks for: no blocker,
        head word or airport phrase, and no name (in lower case: no long name's first word; capitalised:
        no name's first word either, and no stem of it a one-word name). The second is worked out the first
        time the word is met capitalised (None till then): most words never are, and it looks each stem up."""
        morph, idx = self.morph, self.index
        known = self._inert.get(key)
        lower = known[0] if known is not None else key not in idx.first_words and all(
            key not in p.firsts and morph.lookup(key, p) is None
            for p in (morph.blockers, morph.pre_heads, morph.generic_airport))
        upper = (lower and morph.adjectival.ending(key) is None and not any(
            s in idx.names or s in idx.region_heads or s in idx.district_heads for s in morph.stems(key))
                 ) if capitalised else None
        if known is not None or len(self._inert) < 50_000:
            self._inert[key] = (lower, upper)
        return lower, upper

    def _prefix_end(self, toks: list[Tok], i: int, top: int) -> int:
        """``top`` cut to where a name starting at word ``i`` can end: the first words of a name of three
        words or more are the first words of some name of the index (:func:`.index.name_prefixes`)."""
        prefixes = self._prefixes
        if prefixes is None:       # made on the first long name looked up, not at load: ~10 ms
            prefixes = self._prefixes = name_prefixes(self.index.names)
        end = i + 2                # a two-word name: its first word is in first_words
        head = toks[i].key
        while end < top:
            head = f"{head} {toks[end - 1].key}"
            if head not in prefixes:
                break
            end += 1
        return min(top, end)

    def _phrase(self, toks: list[Tok], i: int, phrases: Phrases, text: str) -> tuple[int, str] | None:
        """A phrase of ``phrases`` (heads, titles, blockers) at token ``i``: (words, value)."""
        table = phrases.table
        first = toks[i].key
        if first in phrases.firsts:
            for n in range(phrases.longest, 1, -1):
                if i + n > len(toks) or not joined(text, toks, i, i + n):
                    continue
                head = " ".join(t.key for t in toks[i:i + n - 1])
                for stem in self.morph.stems(toks[i + n - 1].key):
                    key = f"{head} {stem}"
                    if key in table:
                        return n, table[key]
        value = self.morph.lookup(first, phrases)
        return None if value is None else (1, value)

    # -- resolving ----------------------------------------------------------------------------------------
    def _resolve(self, hit: _Hit, country: str | None, near: Place | None, text: str,
                 toks: list[Tok]) -> Place | None:
        idx = self.index
        if hit.kind == NOT_A_PLACE:   # "Fargʻona vodiysi", "Made in Uzbekistan"
            return None
        if not hit.ids:   # a bare "aeroportida": the current city's airport; "the capital's": the capital's
            keys = [t.key for t in toks[max(0, hit.start - CAPITAL_WINDOW):hit.end + CAPITAL_WINDOW]]
            near = capital_near(self, keys, near, country) or near
            return idx.airport_for(near) if near is not None else None
        cands = [i for i in hit.ids if _fits(idx.place(i).kind, hit.kind)]
        head_only = idx.head_only.get(hit.key)
        if head_only and hit.kind != "airport" and not self._airport_near(toks, hit):
            cands = [i for i in cands if i not in head_only]   # "Manas" the hero, not the airport
        if hit.kind == "airport" and not any(idx.place(i).kind == "airport" for i in cands):
            city = self._best([i for i in hit.ids if idx.place(i).kind == "city"], country, near)
            return idx.airport_for(city) if city is not None else None
        if not cands:
            return None
        if hit.kind is None and self._guarded(hit, cands, text, toks):
            return None
        if hit.kind in ("country", "region") and self._titled(hit, text, toks):
            return None   # "Qirgʻiziston Respublikasi Prezidenti": a nationality
        place = self._best(cands, country, near)
        if place is not None and hit.kind == "district" and place.kind == "city":
            return _district(place)
        span = (hit.start, hit.end, hit.key)
        if place is not None and hit.kind is None and (
                far_namesake(idx, self.prior, self.morph, place, span, toks, text, near, country)
                or outside_region(idx, self.prior, place, hit.end - hit.start, country)):
            return None
        return place

    def _airport_near(self, toks: list[Tok], hit: _Hit) -> bool:
        """An airport word within a few words of the name ("Manas aeroporti", "аэропорт имени X")."""
        for k in (*range(max(0, hit.start - 4), hit.start), *range(hit.end, min(len(toks), hit.end + 4))):
            if any(stem in self._airport_words for stem in self.morph.stems(toks[k].key)):
                return True
        return False

    def _best(self, cands: list[int], country: str | None, near: Place | None) -> Place | None:
        if not cands:
            return None
        idx = self.index
        best = max(cands, key=lambda i: score(idx.place(i), idx.pops[i], country, near, self.prior))
        return idx.place(best)

    def _guarded(self, hit: _Hit, cands: list[int], text: str, toks: list[Tok]) -> bool:
        """True when the name is a nationality before a title, a person's name, or a stop word."""
        kinds = {self.index.place(i).kind for i in cands}
        single = hit.end - hit.start == 1
        stop = self.morph.not_places
        if single and (toks[hit.start].key in stop or (hit.key in stop and "country" not in kinds)) \
                and "landmark" not in kinds:
            return True     # "ozarbayjon xalqi" is a nationality; "Ozarbayjonga", with a case, the country
        if single and kinds <= {"city", "district"} and common_word(
                self.morph.dictionaries, text[toks[hit.start].start:toks[hit.start].end]):
            return True     # "Совета": a word the language's dictionary knows, never as a place
        if kinds & {"country", "region"} and self._titled(hit, text, toks):
            return True
        if single and kinds == {"city"} and _sentence_start(text, toks[hit.start].start) and all(
                self.prior.get(self.index.rows[i][5], 0.0) == 0.0 for i in cands):
            return True   # a capitalised first word naming a far-away city is more likely a common word
        if single and kinds <= {"city", "region"} and not any(
                self.prior.get(self.index.rows[i][5], 0.0) >= HOME_PRIOR or self.index.pops[i] >= BIG_POP
                for i in cands) and (inside_name(text, toks, hit.start, self._place_words) or (
                    after_name(text, toks, hit.start, self._place_words)
                    and not governed(self.morph, (hit.start, hit.end, hit.key), toks, text))):
            return True   # "Vo Van Thuong", "received by Khurshid Kasuri": a word of a person's name
        if single and kinds <= {"city", "region", "country"} and hit.end < len(toks):
            nxt = toks[hit.end]
            if nxt.upper and joined(text, toks, hit.end - 1, hit.end + 1) and self.morph.is_person(nxt.key):
                return True
        return False

    def _titled(self, hit: _Hit, text: str, toks: list[Tok]) -> bool:
        if hit.end < len(toks) and joined(text, toks, hit.end - 1, hit.end + 1):
            post = self._phrase(toks, hit.end, self.morph.post_titles, text)
            if post is not None:
                return True
        for n in range(self._pre_title_len, 0, -1):
            s = hit.start - n
            if s >= 0 and " ".join(t.key for t in toks[s:hit.start]) in self.morph.pre_titles \
                    and joined(text, toks, s, hit.start + 1):     # the words, then the gaps between them
                return True
        return False

