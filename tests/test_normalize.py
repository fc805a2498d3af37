"""Text normalisation: every rule, as a table, plus the offset map back to the original."""
from __future__ import annotations

import json
import random
from collections.abc import Sequence

import pytest

from dashboard.settings import DEFAULT
from dashboard.text import fold, normalize
from dashboard.text.offsets import Splicer

SCRIPTS = json.loads((DEFAULT.lexicon_dir / "scripts.json").read_text(encoding="utf-8"))
CYRL = SCRIPTS["uz"]["Cyrl"]
NEW_LATIN = SCRIPTS["uz"]["Latn2026"]

CLEAN = [
    ("nfc", "Toqae\u0301v", "Toqaév"),
    ("variation-selector", "dedi Toqaev.\ufe0f Shu", "dedi Toqaev. Shu"),
    ("zero-width-and-soft-hyphen", "Xi\u200bva\u00ad", "Xiva"),
    ("nbsp", "5\u00a0aprel", "5 aprel"),
    ("okina-u02bb", "Oʻzbekiston", "Oʻzbekiston"),
    ("ascii-apostrophe", "O'zbekiston", "Oʻzbekiston"),
    ("left-quote", "O‘zbekiston", "Oʻzbekiston"),
    ("right-quote", "O’zbekiston", "Oʻzbekiston"),
    ("backtick", "O`zbekiston", "Oʻzbekiston"),
    ("acute", "O´zbekiston", "Oʻzbekiston"),
    ("g-okina", "Erdo'g'an", "Erdoʻgʻan"),
    ("tutuq", "ma'lum", "maʼlum"),
    ("doubled-okina-is-tutuq", "maʻʻlum", "maʼlum"),
    ("doubled-ascii-is-tutuq", "ta''minlash", "taʼminlash"),
    ("doubled-after-l", "qalʻʻa", "qalʼa"),
    ("opening-quote-kept", "‘Xiva’ kombinati", "‘Xivaʼ kombinati"),
    ("crlf", "bir.\r\nikki.", "bir.\nikki."),
]


@pytest.mark.parametrize(("raw", "want"), [c[1:] for c in CLEAN], ids=[c[0] for c in CLEAN])
def test_clean(raw: str, want: str) -> None:
    assert normalize(raw).text == want


REFLOW = [
    ("wrap-inside-sentence", "Oʻzbekiston\nprezidenti keldi.", "Oʻzbekiston prezidenti keldi."),
    ("wrap-before-lowercase", "Bu matn.\nSoʻngra Xivada\nboʻldi.", "Bu matn.\nSoʻngra Xivada boʻldi."),
    ("page-line-before-capital-stays", "Bu matn.\nObuna boʻlish\nXivada boʻldi.", "Bu matn.\nObuna boʻlish\nXivada boʻldi."),
    ("wrapped-text-joins-before-capital",
     "Sarlavha\nPrezident Shavkat Mirziyoyev bugun ertalab Xorazm viloyatiga\nXiva shahriga keldi va u yerda "
     "mehmonlarni\nkutib oldi hamda shahar markazidagi yangi\nQadimiy Xiva muzeyini ham ziyorat qildi.",
     "Sarlavha\nPrezident Shavkat Mirziyoyev bugun ertalab Xorazm viloyatiga Xiva shahriga keldi va u yerda mehmonlarni "
     "kutib oldi hamda shahar markazidagi yangi Qadimiy Xiva muzeyini ham ziyorat qildi."),
    ("sentence-end-stays", "U keldi.\nKeyin ketdi.", "U keldi.\nKeyin ketdi."),
    ("blank-line-stays", "Sarlavha\n\nMatn bu.", "Sarlavha\n\nMatn bu."),
    ("question-title-stays", "Nimalar maʼlum?\nQozogʻiston prezidenti", "Nimalar maʼlum?\nQozogʻiston prezidenti"),
    ("heading-first-line", "Turkiya Prezidenti keldi\nSamarqand, 15 sentyabr.", "Turkiya Prezidenti keldi\nSamarqand, 15 sentyabr."),
    ("closing-quote-ends", "«Biz birgamiz»\nU dedi.", "«Biz birgamiz»\nU dedi."),
    ("list-item-stays", "Hujjatlar:\n- bitim", "Hujjatlar:\n- bitim"),
]


@pytest.mark.parametrize(("raw", "want"), [c[1:] for c in REFLOW], ids=[c[0] for c in REFLOW])
def test_reflow(raw: str, want: str) -> None:
    assert normalize(raw).text == want


SCRIPT = [
    ("cyrl-basic", CYRL, "Хива шаҳрида", "Xiva shahrida"),
    ("cyrl-o-okina", CYRL, "Ўзбекистон", "Oʻzbekiston"),
    ("cyrl-g-okina-and-q", CYRL, "Қозоғистон", "Qozogʻiston"),
    ("cyrl-ye-initial", CYRL, "етиб келди", "yetib keldi"),
    ("cyrl-ye-after-vowel", CYRL, "Мирзиёев", "Mirziyoyev"),
    ("cyrl-soft-sign-dropped", CYRL, "5 апрель", "5 aprel"),
    ("cyrl-hard-sign-tutuq", CYRL, "Ичан-қалъа", "Ichan-qalʼa"),
    ("cyrl-ch-sh", CYRL, "кузатиб қўйди, шундан", "kuzatib qoʻydi, shundan"),
    ("new-latin-sh", NEW_LATIN, "Şavkat", "Shavkat"),
    ("new-latin-ch", NEW_LATIN, "töqimaçilik", "toʻqimachilik"),
    ("new-latin-o", NEW_LATIN, "Özbekiston", "Oʻzbekiston"),
    ("new-latin-g", NEW_LATIN, "oğir", "ogʻir"),
    ("cyrl-capital-two-letters", CYRL, "Шаҳар Ёшлар Чорсу", "Shahar Yoshlar Chorsu"),
    ("cyrl-capital-ye-initial", CYRL, "Ер, «Елкан»", "Yer, «Yelkan»"),
    ("cyrl-e-after-consonant", CYRL, "келди", "keldi"),
    ("cyrl-one-letter-each", CYRL, "Хива", "Xiva"),
    ("cyrl-latin-kept", CYRL, "Xiva va Хива", "Xiva va Xiva"),
]


@pytest.mark.parametrize(("table", "raw", "want"), [c[1:] for c in SCRIPT], ids=[c[0] for c in SCRIPT])
def test_script_conversion(table: dict, raw: str, want: str) -> None:
    assert normalize(raw, table).text == want


def test_offsets_point_back_into_the_original() -> None:
    original = "Toqaev 5 aprelʻ kuni keldi. Urganch\nxalqaro aeroportida maʻʻlum kutib oldi."
    norm = normalize(original)
    start = norm.text.index("Urganch")
    end = norm.text.index("kutib") + len("kutib")
    assert norm.original_span(start, end) == "Urganch\nxalqaro aeroportida maʻʻlum kutib"


def test_offsets_survive_script_conversion() -> None:
    original = "Кечқурун Урганч халқаро аэропортида кузатиб қўйди."
    norm = normalize(original, CYRL)
    start = norm.text.index("Urganch")
    assert norm.original_span(start, start + len("Urganch")) == "Урганч"
    assert norm.to_original(0, len(norm.text)) == (0, len(original))


def test_offsets_of_letters_that_become_several() -> None:
    original = "Шоҳ Ёш еди"
    norm = normalize(original, CYRL)
    assert norm.text == "Shoh Yosh yedi"
    assert [original[a:b] for a, b in zip(norm.starts, norm.ends, strict=True)] == list("ШШоҳ ЁЁшш ееди")


FOLD = [
    ("apostrophes", "Ichan-qalʼa", "ichan qala"),
    ("ascii", "ichan qal'a", "ichan qala"),
    ("quotes", "«Manas» aeroporti", "manas aeroporti"),
    ("yo", "Королёв", "королев"),
    ("spaces", "  Xiva \n shahri ", "xiva shahri"),
]


@pytest.mark.parametrize(("raw", "want"), [c[1:] for c in FOLD], ids=[c[0] for c in FOLD])
def test_fold(raw: str, want: str) -> None:
    assert fold(raw) == want


OFFSETS = [
    # (id, raw, normalised text, original starts, original ends)
    ("letter-apostrophe-after-a-quote-stays", "«ʻʻa", "«ʻʼa", (0, 1, 2, 3), (1, 2, 3, 4)),
    ("run-after-a-space-folds-after-its-first", " ʻ''x", " ʻʼx", (0, 1, 2, 4), (1, 2, 4, 5)),
    ("dropped-mark-and-nbsp", "x\u00a0\u200by", "x y", (0, 1, 3), (1, 2, 4)),
    ("thin-space-and-quote", "\u2009O‘zbek", " Oʻzbek", tuple(range(7)), tuple(range(1, 8))),
    ("doubled-tutuq-spans-both", "ma''lum", "maʼlum", (0, 1, 2, 4, 5, 6), (1, 2, 4, 5, 6, 7)),
    ("crlf-and-combining", "e\u0301\r\nb", "é b", (0, 3, 4), (2, 4, 5)),
]


@pytest.mark.parametrize(("raw", "want", "starts", "ends"), [c[1:] for c in OFFSETS], ids=[c[0] for c in OFFSETS])
def test_offsets_of_every_cleaning_rule(raw: str, want: str, starts: tuple, ends: tuple) -> None:
    norm = normalize(raw)
    assert (norm.text, tuple(norm.starts), tuple(norm.ends)) == (want, starts, ends)


FOLD_MORE = [
    ("capital-yo", "Ёлка «ё» ma''lum", "елка е malum"),
    ("zero-width-is-not-space", "x\u00a0\u200by", "x \u200by"),
    ("dashes-and-newlines", "Ichan–qalʼa —\n Xiva", "ichan qala xiva"),
]


@pytest.mark.parametrize(("raw", "want"), [c[1:] for c in FOLD_MORE], ids=[c[0] for c in FOLD_MORE])
def test_fold_more(raw: str, want: str) -> None:
    assert fold(raw) == want



def _eager(starts: list[int], ends: list[int], pieces: list[tuple[int, int, int]]) -> tuple[list[int], list[int]]:
    """What the stages built before :mod:`.offsets`: lists, one entry per output character (a piece: input
    ``a..b-1`` copied when ``n`` is None, else ``n`` characters made from input ``a`` to ``b``)."""
    new_starts: list[int] = []
    new_ends: list[int] = []
    for a, b, n in pieces:
        if n is None:
            new_starts += starts[a:b]
            new_ends += ends[a:b]
        else:
            new_starts += [starts[a]] * n
            new_ends += [ends[b]] * n
    return new_starts, new_ends


@pytest.mark.parametrize("seed", range(40))
def test_spliced_offsets_are_the_per_character_arrays(seed: int) -> None:
    """Random stages (copied runs, runs of 1-3 characters made into 0-3), each over the one before: the
    spliced offsets read the same as the lists built character by character."""
    rng = random.Random(seed)
    size = rng.randint(0, 40)
    starts: Sequence[int] = range(size)
    ends: Sequence[int] = range(1, size + 1)
    want = (list(starts), list(ends))
    for _ in range(3):
        splice, pieces, pos = Splicer(), [], 0
        while pos < len(starts):
            a = rng.randint(pos, len(starts) - 1)
            b = rng.randint(a, min(len(starts) - 1, a + 2))
            n = rng.randint(0, 3)
            pieces += [(pos, a, None), (a, b, n)]
            splice.copy(pos, a)
            splice.one(a, b, n)
            pos = b + 1
        starts, ends = splice.spliced(starts, ends)
        want = _eager(*want, pieces)
        assert (list(starts), list(ends)) == want
        assert len(starts) == len(want[0]) and starts[1:4] == want[0][1:4]
        assert not want[0] or (starts[-1], ends[-1]) == (want[0][-1], want[1][-1])
        with pytest.raises(IndexError):
            starts[len(want[0])]
