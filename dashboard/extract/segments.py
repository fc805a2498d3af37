"""Segments: paragraphs and sentences of a normalised text, each with a role.

Real pages carry furniture around the article: menus, counters, captions, share
prompts, and a "related news" block of other stories. Roles:

* ``furniture``: a line the lexicons' page patterns name (a counter, a credit, a
  timestamp), a short line with no sentence, and everything from a "related news"
  marker on (other stories, never this article's events);
* ``title``: the first short paragraph that is not furniture and ends no sentence;
* ``heading``: a later paragraph with no sentence end (a subtitle, a caption): it
  tells where the story is, but holds no event;
* ``lead``: the first real paragraph after the title (when a body follows); ``body``.

An outlet's dateline before the first sentence ("TASHKENT, 12 Oct — Outlet.") is
cut off the paragraph: it names the outlet's city and day, not the events'.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from dashboard.extract.cues import Page
from dashboard.places.tokens import Tok, tokens
from dashboard.text.normalize import NormText, fold

# A sentence's end mark and what follows it: the sentence ends after the mark (the match's start + 1).
# Written with the mark first, not as a look-behind, so ``re`` skips to the marks instead of trying each
# position (same boundaries, about 4x faster).
_SENTENCE_END = re.compile(r"[.!?…](?:[\"”»)]*\s+(?=[\"“„«(]?[^\W\d_a-zа-я]|\d)"
                           # "xizmati.Shavkat": a space lost after a full stop
                           r"|(?<=[a-zа-яёўқғҳ]{4}\.)(?=[A-ZА-ЯЁЎҚҒҲ][a-zа-яёўқғҳ]))")
_WORDS = re.compile(r"\w+")
_LAST_WORD = re.compile(r"(\w+)\.$")
_DIGRAPH_INITIALS = frozenset({"Sh", "Ch", "Zh", "Kh", "Ts"})   # one letter of the name, written with two
ABBREVIATION_MAX = 4      # "on Dec. 11", "Art. 5": a capitalised word this short, a full stop, a number
_FULL_STOP = re.compile(r"[.!?…:;][\"”»)]*(?:\s|$)")
_LETTERS = re.compile(r"[^\W\d_]{3,}")
_NUMBERS = re.compile(r"\d+")
HEADLINE_WORDS = 2         # a headline has at least this many words of three letters or more
TITLE_MAX = 220
FURNITURE_MAX_WORDS = 4
SHORT_TITLE_WORDS = 3      # a title above the prose, as short as furniture, has at least this many words
RELATED_MAX_WORDS = 8     # a "related news" marker stands on a short line of its own
LINE_MAX_WORDS = 25       # furniture is a short line: a paragraph of prose that names Telegram stays prose
HEADING_MAX_WORDS = 25    # a longer paragraph without a full stop is still prose
DATELINE_PARAGRAPHS = 4   # a dateline opens one of the first real paragraphs


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int          # offsets into NormText.text
    end: int
    text: str
    key: str            # fold(text): what cues match on
    paragraph: int
    role: str           # title | heading | lead | body | furniture
    clause: bool = False  # a later clause of a sentence cut by the lexicon's clause_splits
    _words: list[Tok] | None = field(default=None, init=False, repr=False, compare=False)

    def words(self) -> list[Tok]:
        """The sentence's words (:func:`.places.tokens.tokens`), made at the first ask and kept: the
        gazetteer and the people finder read the same list (``dataclasses.replace`` starts a new one)."""
        words = self._words
        if words is None:
            words = tokens(self.text)
            object.__setattr__(self, "_words", words)
        return words


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, cur = [], start
    for m in _SENTENCE_END.finditer(text, max(start - 1, 0), end):   # a mark right before ``start`` too
        stop = m.start() + 1
        if _abbreviated(text, stop, m.end()):
            continue
        out.append((cur, stop))
        cur = m.end()
    out.append((cur, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _abbreviated(text: str, stop: int, after: int) -> bool:
    """A full stop that ends no sentence: an initial before a name ("E. Rahmonov", "Sh. Mirziyoyev") or
    a short capitalised abbreviation before a number ("on Dec. 11", "Art. 5")."""
    if after >= len(text):
        return False
    m = _LAST_WORD.search(text, max(0, stop - ABBREVIATION_MAX - 2), stop)
    if m is None or (m.start() > 0 and text[m.start() - 1].isalnum()):
        return False
    word, nxt = m.group(1), text[after]
    if nxt.isupper() and (len(word) == 1 or word in _DIGRAPH_INITIALS) and word[0].isupper():
        return True
    return nxt.isdigit() and 3 <= len(word) <= ABBREVIATION_MAX and word.istitle() and word.isalpha()


def _is_title(para: str, n_paragraphs: int) -> bool:
    return n_paragraphs > 1 and len(para) <= TITLE_MAX and para.rstrip()[-1] not in ".…" and _worded(para)


def _worded(para: str) -> bool:
    """Written in words, as a headline is: two words of three letters or more, and more words than numbers
    (not a timestamp with a view counter, "12 mart 6972 1 daqiqa", nor a row of weekday initials)."""
    words = _LETTERS.findall(para)
    return len(words) >= HEADLINE_WORDS and len(words) > len(_NUMBERS.findall(para))


def _is_furniture(para: str, words: int) -> bool:
    """A short line (``words``: how many ``_WORDS`` it has) that ends no sentence, or a line of numbers
    more than words (a date with a view counter)."""
    return (words <= FURNITURE_MAX_WORDS and not para.rstrip().endswith((".", "!", "?"))) or (
        words <= LINE_MAX_WORDS and not _worded(para))


def _clauses(text: str, start: int, end: int, split: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """A sentence cut where the lexicon says a second activity begins (", after which")."""
    if split is None:
        return [(start, end)]
    out, cur = [], start
    for m in split.finditer(text, start, end):
        out.append((cur, m.start()))
        cur = m.start() + (1 if text[m.start()] == "," else 0)
    out.append((cur, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def segment(norm: NormText, page: Page | None = None,
            clause_split: re.Pattern[str] | None = None) -> list[Sentence]:
    """Sentences (or clauses) of ``norm.text`` in reading order, with their paragraph and role."""
    text = norm.text
    paras = _paragraphs(text)
    roles = _roles([text[a:b] for a, b in paras], page)
    paras = _without_datelines(text, paras, roles, page)
    out: list[Sentence] = []
    for p, ((a, b), role) in enumerate(zip(paras, roles, strict=True)):
        for s0, e0 in _sentences(text, a, b) if role != "title" else [(a, b)]:   # a headline is one unit
            cut = clause_split if role in ("lead", "body") else None
            for k, (s, e) in enumerate(_clauses(text, s0, e0, cut)):
                while s < e and text[s].isspace():
                    s += 1
                out.append(Sentence(len(out), s, e, text[s:e], fold(text[s:e]), p, role, k > 0))
    return out


def _roles(paras: list[str], page: Page | None) -> list[str]:
    roles = ["body"] * len(paras)
    prose = False      # a "related" marker in the menu above the article cuts nothing
    for i, para in enumerate(paras):
        words = len(_WORDS.findall(para))
        if prose and page is not None and words <= RELATED_MAX_WORDS and page.opens_related(fold(para)):
            roles[i:] = ["furniture"] * (len(paras) - i)
            break
        if _is_furniture(para, words) or (page is not None and words <= LINE_MAX_WORDS
                                          and page.is_furniture(para)):
            roles[i] = "furniture"
        prose = prose or (roles[i] == "body" and _FULL_STOP.search(para) is not None)
    real = [i for i, r in enumerate(roles) if r == "body"]
    twice = _repeated(paras, roles)
    if twice is not None:          # the headline told twice (a breadcrumb or the tab's title, then the h1)
        first = _words_of(paras[twice])
        for i in range(twice):
            if roles[i] == "body" and first in _words_of(paras[i]):
                roles[i] = "furniture"     # the other copy: no second reading of the headline
        roles[twice] = "title"
        real = [i for i in real if i > twice]
    elif real and _is_title(paras[real[0]], len(paras)):
        roles[real[0]] = "title"
        real = real[1:]
    elif real:
        short = [i for i in range(real[0]) if _short_title(paras[i], page)]
        if short:                 # "Putin arrives in Astana" above the prose: too short for prose, not a menu
            roles[short[-1]] = "title"
    for i in real:
        if _is_heading(paras[i]):
            roles[i] = "heading"
    body = [i for i in real if roles[i] == "body"]
    if len(body) >= 2:
        roles[body[0]] = "lead"
    return roles


def _repeated(paras: list[str], roles: list[str]) -> int | None:
    """A paragraph without a sentence, above the first prose, that repeats the words of one before it
    (the tab's title or a breadcrumb, then the page's own heading): the headline."""
    seen: list[str] = []
    for i, (para, role) in enumerate(zip(paras, roles, strict=True)):
        if role == "body" and _FULL_STOP.search(para):
            return None
        key = _words_of(para)     # "Ï Title mail-icon" holds "Title": one headline
        if _worded(para) and len(para) <= TITLE_MAX and any(key in k for k in seen):
            return i
        seen.append(key)
    return None


def _words_of(para: str) -> str:
    return " ".join(_LETTERS.findall(fold(para)))


def _short_title(para: str, page: Page | None) -> bool:
    """A line of a few words with no digit above the first paragraph of prose: the title, if any."""
    words = len(_WORDS.findall(para))
    return (SHORT_TITLE_WORDS <= words <= FURNITURE_MAX_WORDS and "\n" not in para.strip()
            and not any(c.isdigit() for c in para) and not (page is not None and page.is_furniture(para)))


def _is_heading(para: str) -> bool:
    """One line with no sentence in it (a page cut mid-sentence still has sentences before the cut)."""
    return not _FULL_STOP.search(para) and len(_WORDS.findall(para)) <= HEADING_MAX_WORDS


def _without_datelines(text: str, paras: list[tuple[int, int]], roles: list[str],
                       page: Page | None) -> list[tuple[int, int]]:
    """Paragraph spans with an outlet's dateline cut off the first real paragraphs."""
    if page is None or page.dateline is None:
        return paras
    out, seen = list(paras), 0
    for i, (a, b) in enumerate(paras):
        if roles[i] not in ("lead", "body"):
            continue
        m = page.dateline.match(text, a, b)
        if m and m.end() < b:
            out[i] = (m.end(), b)
        seen += 1
        if seen >= DATELINE_PARAGRAPHS:
            break
    return out
