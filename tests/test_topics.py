"""A conversation framing a sentence, told for the first time, is that conversation
(dashboard/extract/elaboration.py ``introduced``; ``kinds.json`` ``frames.topical_kinds``), per language, on
sentences of our own: what was said in it (a forum congratulated on) is its topic, not an event. Each row has
a twin framed by a forum instead, which stays the forum, so every row can fail both ways."""
from __future__ import annotations

import pytest

from dashboard import extract_events
from dashboard.extract.cues import load_cues
from dashboard.extract.elaboration import introduced
from dashboard.settings import DEFAULT
from dashboard.text import fold

DAY = "2024-04-08"


def kinds(text: str) -> list[str]:
    frame = extract_events(text, DAY)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, framed by a meeting, framed by a forum)
TOPICS = [
    ("uz-latn", "Uchrashuv chogʻida Qozogʻiston Prezidenti Turkmaniston Prezidentini xalqaro forum bilan tabrikladi.",
     "Forumda Qozogʻiston Prezidenti Turkmaniston Prezidentini betaraflik yubileyi bilan tabrikladi."),
    ("uz-cyrl", "Учрашув чоғида Қозоғистон Президенти Туркманистон Президентини халқаро форум билан табриклади.",
     "Форумда Қозоғистон Президенти Туркманистон Президентини бетарафлик юбилейи билан табриклади."),
    ("ru", "В ходе встречи с Президентом Туркменистана Президент Казахстана поздравил его с международным форумом.",
     "На международном форуме Президент Казахстана поздравил Президента Туркменистана с годовщиной нейтралитета."),
    ("en", "During his meeting with the President of Turkmenistan, the President of Kazakhstan congratulated him "
           "on the international forum.",
     "At the international forum, the President of Kazakhstan congratulated the President of Turkmenistan on "
     "the anniversary of neutrality."),
]


@pytest.mark.parametrize(("meeting", "forum"), [c[1:] for c in TOPICS], ids=[c[0] for c in TOPICS])
def test_a_meetings_frame_makes_the_sentence_that_meeting(meeting: str, forum: str) -> None:
    assert kinds(meeting) == ["talks"]
    assert kinds(forum) == ["summit"]


@pytest.mark.parametrize(("lang", "key", "own"), [
    ("en", "during the talks, the leaders signed an agreement", "signing"),
    ("ru", "в ходе переговоров подписано соглашение", "signing"),
    ("en", "the leaders signed an agreement during the talks", "signing"),
], ids=["en-signing-inside", "ru-signing-inside", "en-no-frame-at-start"])
def test_an_act_of_its_own_or_no_opening_frame_is_read_as_usual(lang: str, key: str, own: str) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    assert introduced(fold(key), own, cues) is None
    assert introduced(fold(key), "summit", cues) == ("talks" if key.startswith(("during", "в ходе")) else None)
