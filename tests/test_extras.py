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


def happened(text: str, published: str) -> list[str]:
    from dashboard import extract_events
    frame = extract_events(text, published)
    return list(frame[frame["status"] == "happened"]["kind"])


# (id, an arrival told after the trip it follows; an event of that earlier trip told as such)
AFTER_A_TRIP = [
    ("ru", "Президент прибыл в Баку после участия в саммите ШОС в Астане.",
     "Президент принял участие в саммите ШОС в Астане."),
    ("ru-stay", "Премьер-министр прилетел в Душанбе после пребывания на форуме в Алматы.",
     "Премьер-министр выступил на форуме в Алматы."),
    ("en", "The president arrived in Baku following a full programme at the SCO summit in Bishkek.",
     "The president took part in the SCO summit in Bishkek."),
    ("en-visit", "The prime minister landed in Dushanbe after his visit to the forum in Almaty.",
     "The prime minister spoke at the forum in Almaty."),
]


@pytest.mark.parametrize(("arrival", "there"), [c[1:] for c in AFTER_A_TRIP], ids=[c[0] for c in AFTER_A_TRIP])
def test_the_trip_an_arrival_follows_is_not_its_event(arrival: str, there: str) -> None:
    """"Arrived in Baku following a full programme at the summit in Bishkek": an arrival (the summit is
    where the traveller comes from, as its place already was: elsewhere_before); Uzbek's '...dan so'ng'
    was masked already."""
    assert happened(arrival, "2024-07-04") == ["arrival"]
    assert happened(there, "2024-07-04") == ["summit"]


# (id, an act after the earlier trip with no comma between: the act is still read)
ACT_AFTER_A_TRIP = [
    ("ru", "После участия в саммите в Астане президент провел переговоры с президентом Таджикистана.", "talks"),
    ("en", "After his visit to the forum in Almaty the president held talks with the prime minister.", "talks"),
]


@pytest.mark.parametrize(("text", "kind"), [c[1:] for c in ACT_AFTER_A_TRIP], ids=[c[0] for c in ACT_AFTER_A_TRIP])
def test_the_act_after_an_earlier_trip_is_read(text: str, kind: str) -> None:
    """The earlier trip's mask ends at its event's noun: the sentence's own act after it stays."""
    assert happened(text, "2024-07-04") == [kind]


# (id, language tag, an arrival, then a sentence dated by a month of an earlier year: background)
EARLIER_MONTH = [
    ("uz-latn", "Prezident 4-iyul kuni Dushanbega keldi. 2023 yil may oyida sammitda yetakchilar yangi reja "
                "boʻyicha kelishib olgan edi."),
    ("uz-cyrl", "Ўзбекистон Президенти 4 июль куни Душанбега ташриф билан келди. 2023 йил май ойида саммитда "
                "етакчилар янги режа бўйича келишиб олган эди."),
    ("ru", "Президент прибыл в Душанбе 4 июля. В мае 2023 года на саммите лидеры договорились о новом "
           "плане."),
    ("en", "The president arrived in Dushanbe on July 4. In May 2023 the leaders agreed on a new plan at a "
           "summit."),
]


@pytest.mark.parametrize("text", [c[1] for c in EARLIER_MONTH], ids=[c[0] for c in EARLIER_MONTH])
def test_a_month_of_an_earlier_year_is_background(text: str) -> None:
    """"In May 2023 the leaders agreed at a summit": background, in every language ('may' is a month before a
    year in English, never the verb; Russian reads the month's locative, 'в мае'; Uzbek read it already)."""
    assert happened(text, "2024-07-04") == ["arrival"]


# (id, an arrival in the country, the journey to its capital told after it, the landing there; and a
#  leaving for another city afterwards: a departure of its own)
JOURNEY_RETOLD = [
    ("uz-latn", "Bosh vazir Turkiyaga rasmiy tashrif bilan keldi. Mehmon mezbonlarning taklifi bilan Anqaraga "
                "joʻnab ketdi. Anqara aeroportida mehmonni vazir kutib oldi.",
     " Keyin u Izmirga joʻnab ketdi."),
    ("uz-cyrl", "Бош вазир Туркияга расмий ташриф билан келди. Меҳмон мезбонларнинг таклифи билан Анқарага "
                "жўнаб кетди. Анқара аэропортида меҳмонни вазир кутиб олди.",
     " Кейин у Измирга жўнаб кетди."),
    ("ru", "Премьер-министр прилетел в Турцию с официальным визитом. Гость отправился в Анкару по приглашению "
           "хозяев. В аэропорту Анкары гостя встретил министр.",
     " Затем он вылетел в Измир."),
    ("en", "The prime minister arrived in Turkey on an official visit. The guest left for Ankara at his hosts' "
           "invitation. At Ankara airport the guest was met by the minister.",
     " Then he left for Izmir."),
]


@pytest.mark.parametrize(("text", "onwards"), [c[1:] for c in JOURNEY_RETOLD], ids=[c[0] for c in JOURNEY_RETOLD])
def test_the_journey_an_arrival_ends_is_no_departure(text: str, onwards: str) -> None:
    """"Arrived in Turkey. The guest left for Ankara": the arrival's journey told again (journeys.py); a
    leaving for another city after it is a departure."""
    assert happened(text, "2024-04-08") == ["arrival"]
    assert happened(text + onwards, "2024-04-08") == ["arrival", "departure"]


# (id, a tour told, then what was done "while touring": part of the tour; the same sentence after an
#  arrival, with no tour told: an event of its own)
WHILE_TOURING = [
    ("uz-latn", "Prezident 4-iyul kuni toʻqimachilik korxonasi faoliyati bilan tanishdi.",
     " Davlat rahbari sexdagi ish jarayoni bilan tanishish chogʻida ular bilan suhbatlashdi."),
    ("uz-cyrl", "Президент 4 июль куни тўқимачилик корхонаси фаолияти билан танишди.",
     " Давлат раҳбари цехдаги иш жараёни билан танишиш чоғида улар билан суҳбатлашди."),
    ("ru", "Президент 4 июля ознакомился с работой текстильного предприятия.",
     " В ходе осмотра цеха глава государства провел с ними беседу."),
    ("ru-participle", "Президент 4 июля ознакомился с работой текстильного предприятия.",
     " Знакомясь с работой цеха, глава государства провел с ними беседу."),
    ("en", "The president toured a textile factory on July 4.",
     " During his tour of the workshop, the president held talks with them."),
    ("en-while", "The president toured a textile factory on July 4.",
     " While touring the workshop, the president held talks with them."),
]
ARRIVED = {"uz-latn": "Prezident 4-iyul kuni Samarqandga keldi.", "uz-cyrl": "Президент 4 июль куни Самарқандга келди.",
           "ru": "Президент 4 июля прибыл в Самарканд.", "en": "The president arrived in Samarkand on July 4."}


@pytest.mark.parametrize(("case", "tour", "during"), WHILE_TOURING, ids=[c[0] for c in WHILE_TOURING])
def test_what_is_done_while_touring_is_part_of_the_tour(case: str, tour: str, during: str) -> None:
    """A frame told by a verb ('tanishish chog'ida', 'в ходе осмотра', 'while touring') points back to the
    tour (elaboration.frame_kind); after an arrival, with no tour told, the sentence is read as usual."""
    assert happened(tour + during, "2024-07-04") == ["tour"]
    assert happened(ARRIVED[case.split("-participle")[0].split("-while")[0]] + during, "2024-07-04") == \
        ["arrival", "talks"]


# (id, flowers laid at a monument, then learning the history of that complex: one visit; a tour of a factory
#  told instead: an event of its own)
HISTORY_OF_THE_SITE = [
    ("uz-latn", "Prezident 4-iyul kuni Mustaqillik monumenti poyiga gul qoʻydi.",
     " Davlat rahbari ushbu majmuaning tarixi bilan tanishdi.",
     " Davlat rahbari gilam fabrikasi faoliyati bilan tanishdi."),
    ("uz-cyrl", "Президент 4 июль куни Мустақиллик монументи пойига гул қўйди.",
     " Давлат раҳбари ушбу мажмуанинг тарихи билан танишди.",
     " Давлат раҳбари гилам фабрикаси фаолияти билан танишди."),
    ("ru", "Президент 4 июля возложил цветы к Монументу независимости.",
     " Глава государства ознакомился с историей этого комплекса.",
     " Глава государства ознакомился с работой ковровой фабрики."),
    ("en", "On July 4 the president laid flowers at the Independence Monument.",
     " He got acquainted with the history of the complex.",
     " He got acquainted with the work of a carpet factory."),
]


@pytest.mark.parametrize(("rite", "history", "factory"), [c[1:] for c in HISTORY_OF_THE_SITE],
                         ids=[c[0] for c in HISTORY_OF_THE_SITE])
def test_learning_a_sites_history_is_part_of_the_visit(rite: str, history: str, factory: str) -> None:
    """"Got acquainted with the history of the complex" is a visit's (kinds' visit cues), which goes on from
    the flowers laid there (continuing kinds); the work of a factory is a tour, an outing of its own."""
    assert happened(rite + history, "2024-07-04") == ["ceremony"]
    assert happened(rite + factory, "2024-07-04") == ["ceremony", "tour"]


# (id, a visit's story that ends recalling an earlier meeting: its events stay, the recall too)
VISIT_WITH_A_RECAP = [
    ("uz-latn", "Prezident 4-iyul kuni Samarqandga keldi. Aeroportda mehmonni Bosh vazir kutib oldi. Avvalroq "
                "Prezident Bosh vazir bilan Toshkentda uchrashgan edi."),
    ("uz-cyrl", "Президент 4 июль куни Самарқандга келди. Аэропортда меҳмонни Бош вазир кутиб олди. Аввалроқ "
                "Президент Бош вазир билан Тошкентда учрашган эди."),
    ("ru", "Президент прибыл в Самарканд 4 июля. В аэропорту гостя встретил премьер-министр. Ранее президент "
           "встретился с премьер-министром в Ташкенте."),
    ("en", "The president arrived in Samarkand on July 4. He was met at the airport by the prime minister. "
           "Earlier, the president met the prime minister in Tashkent."),
]


@pytest.mark.parametrize("text", [c[1] for c in VISIT_WITH_A_RECAP], ids=[c[0] for c in VISIT_WITH_A_RECAP])
def test_a_visit_that_recalls_an_earlier_meeting_passes_the_gate(text: str) -> None:
    """The gate's 'only earlier events recalled' (gate.judge) needs every event to be a recall: a visit's own
    arrival keeps the page a visit (the ministry pages in tests/fixtures/nonvisit/ministry_recap_* are the
    other side)."""
    assert "arrival" in happened(text, "2024-07-04")


# (id, language tag, a decree signed at home: no event; documents signed by two parties: a signing)
DECREE = [
    ("uz-latn", "uz-Latn", "Prezident 4-iyul kuni ta’lim toʻgʻrisidagi farmonni imzoladi.",
     "Prezidentlar 4-iyul kuni hamkorlik toʻgʻrisidagi bitimni imzoladi."),
    ("uz-cyrl", "uz-Cyrl", "Президент 4 июль куни таълим тўғрисидаги қарорни имзолади.",
     "Президентлар 4 июль куни ҳамкорлик тўғрисидаги битимни имзолади."),
    ("ru", "ru-Cyrl", "Президент 4 июля подписал указ о развитии образования.",
     "Президенты 4 июля подписали соглашение о сотрудничестве."),
    ("en", "en-Latn", "On July 4 the president signed a decree on education.",
     "On July 4 the presidents signed an agreement on cooperation."),
]


@pytest.mark.parametrize(("tag", "decree", "agreement"), [c[1:] for c in DECREE], ids=[c[0] for c in DECREE])
def test_a_decree_signed_at_home_is_no_signing_of_a_visit(tag: str, decree: str, agreement: str) -> None:
    """A head of state's decree, resolution or law is signed alone, at home (lexicons' masks); a visit's
    signing is of documents between parties."""
    assert reading(tag, decree).kind is None
    assert reading(tag, agreement).kind == "signing"
