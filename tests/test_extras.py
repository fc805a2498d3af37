"""Events read where the story tells none (issue 20's extras), per language: each structure beside the
act it must not hide, so every row can fail both ways."""
from __future__ import annotations

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.kinds import Reading, classify, masked
from dashboard.settings import DEFAULT
from dashboard.text import fold, prepare


def reading(tag: str, sentence: str) -> Reading:
    """The reading of ``sentence`` by the lexicon of its language (Cyrillic Uzbek goes through the Latin one)."""
    prepared = prepare(sentence, DEFAULT.lexicon_dir)
    assert prepared.tag == tag
    cues = load_cues(DEFAULT.lexicon_dir, tag.split("-")[0])
    return classify(masked(fold(prepared.norm.text), cues), cues)


# (id, language tag, the trip with what its traveller is invited to, its kind; the act itself, its kind)
INVITED_TO = [
    ("uz-latn", "uz-Latn",
     "Davlat rahbari Bokuga jo‘nab ketdi, u yerda u ko‘rgazmaning ochilish marosimiga faxriy mehmon sifatida "
     "taklif etilgan.", "departure",
     "Davlat rahbari ko‘rgazmaning ochilish marosimida ishtirok etdi.", "opening"),
    ("uz-cyrl", "uz-Cyrl",
     "Давлат раҳбари Бокуга жўнаб кетди, у ерда у кўргазманинг очилиш маросимига фахрий меҳмон сифатида "
     "таклиф этилган.", "departure",
     "Давлат раҳбари кўргазманинг очилиш маросимида иштирок этди.", "opening"),
    ("ru", "ru-Cyrl",
     "Президент отбыл с рабочим визитом в Казахстан, куда приглашен на церемонию открытия выставки ковров.",
     "departure",
     "Президент принял участие в церемонии открытия выставки ковров.", "opening"),
    ("en", "en-Latn",
     "The prime minister left for Baku, where he was invited to the opening ceremony of the new stadium.",
     "departure",
     "The prime minister attended the opening ceremony of the new stadium.", "opening"),
]


@pytest.mark.parametrize(("tag", "trip", "trip_kind", "act", "act_kind"), [c[1:] for c in INVITED_TO],
                         ids=[c[0] for c in INVITED_TO])
def test_what_one_is_invited_to_is_the_trips_purpose(tag: str, trip: str, trip_kind: str, act: str,
                                                     act_kind: str) -> None:
    """"Left for Baku, where he is invited to the opening ceremony": the opening is ahead, the leaving is
    the event (the lexicons' masks, as "to take part in" already was)."""
    assert reading(tag, trip).kind == trip_kind
    assert reading(tag, act).kind == act_kind
