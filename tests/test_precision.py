"""Sentences that name an activity but report no event of the story, per language: each beside its
narrated twin, which must still be an event (so every row can fail both ways)."""
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


# (id, language tag, quoted first person: no event, the same act narrated: an event of that kind)
FIRST_PERSON = [
    ("uz-keldik", "uz-Latn", "Viloyatga yangi loyihalar bilan keldik, dedi Prezident.",
     "Prezident viloyatga yangi loyihalar bilan keldi.", "arrival"),
    ("uz-uchrashdim", "uz-Latn", "Bugun hamkasbim bilan uchrashdim, dedi mehmon.",
     "Mehmon bugun hamkasbi bilan uchrashdi.", "talks"),
    ("uz-cyrl-uchrashdik", "uz-Cyrl", "Пойтахтда қадрдон дугонам билан учрашдик, деб ёзди у ўз саҳифасида.",
     "Пойтахтда президентлар учрашув ўтказди ва масалаларни муҳокама қилди.", "talks"),
    ("ru-my-pribyli", "ru-Cyrl", "Мы прибыли сюда с добрыми намерениями, сказал президент.",
     "Президент прибыл в столицу с добрыми намерениями.", "arrival"),
    ("ru-ya-posetil", "ru-Cyrl", "Я с радостью посетил эту выставку, признался гость.",
     "Гость с радостью посетил выставку ковров.", "tour"),
    ("en-we-arrived", "en-Latn", "We arrived here with many plans, the president told reporters.",
     "The president arrived in the city with many plans.", "arrival"),
    ("en-i-visited", "en-Latn", "I visited this museum as a student, the guest recalled.",
     "The guest visited the history museum in the old town.", "visit"),
]


@pytest.mark.parametrize(("tag", "quoted", "narrated", "kind"), [c[1:] for c in FIRST_PERSON],
                         ids=[c[0] for c in FIRST_PERSON])
def test_a_quote_in_the_first_person_is_not_an_event(tag: str, quoted: str, narrated: str, kind: str) -> None:
    assert reading(tag, quoted).kind is None
    assert reading(tag, narrated).kind == kind


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_our_own_earlier_report_keeps_the_event(lang: str) -> None:
    """"As we reported, the president arrived": the first person reports, the event is the story's."""
    sentence = {"en": "As we reported, the president arrived in the capital.",
                "ru": "Как мы сообщали, президент прибыл в столицу."}[lang]
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    assert classify(fold(sentence), cues).kind == "arrival"


# (id, language tag, told as a plan or the future: planned, told as done: happened)
PLANNED = [
    ("uz-rejalashtirgan", "uz-Latn", "Mehmon ertaga maqbarani ziyorat qilishni rejalashtirgan.",
     "Mehmon bugun maqbarani ziyorat qildi."),
    ("uz-korib-chiqadilar", "uz-Latn", "Muzokaralarda rahbarlar hamkorlik masalalarini ko‘rib chiqadilar.",
     "Muzokaralarda rahbarlar hamkorlik masalalarini ko‘rib chiqdilar."),
    ("uz-cyrl-muhokama-qiladilar", "uz-Cyrl", "Учрашувда раҳбарлар ҳамкорлик масалаларини муҳокама қиладилар.",
     "Учрашувда раҳбарлар ҳамкорлик масалаларини муҳокама қилдилар."),
    ("ru-predusmotreny", "ru-Cyrl", "Программой визита предусмотрены переговоры в узком формате.",
     "Состоялись переговоры в узком формате."),
    ("ru-predusmatrivaetsya", "ru-Cyrl", "В ходе поездки предусматривается посещение завода.",
     "В ходе поездки президент посетил завод."),
    ("en-upcoming", "en-Latn", "The ministers prepared the upcoming summit of the organisation.",
     "The summit of the organisation opened in the capital."),
    ("en-is-to-take-place", "en-Latn", "The forum is to take place next week in the capital.",
     "The forum took place in the capital."),
    ("en-plans-include", "en-Latn", "Plans include signing a package of documents.",
     "The leaders signed a package of documents."),
]


@pytest.mark.parametrize(("tag", "plan", "done"), [c[1:] for c in PLANNED], ids=[c[0] for c in PLANNED])
def test_a_plan_or_the_future_is_not_yet_an_event(tag: str, plan: str, done: str) -> None:
    told = reading(tag, plan)
    assert told.kind is not None and told.planned
    happened = reading(tag, done)
    assert happened.kind is not None and not happened.planned


def test_every_lexicon_has_first_person_cues() -> None:
    for lang in ("en", "ru", "uz"):
        assert load_cues(DEFAULT.lexicon_dir, lang).first_person is not None, lang


def happened(text: str, published: str) -> list[tuple[str, str]]:
    from dashboard import extract_events
    frame = extract_events(text, published)
    frame = frame[frame["status"] == "happened"]
    return list(zip(frame["kind"], frame["place_kind"].fillna(""), strict=True))


# (id, a landing at an airport, then the honours with no venue named: the honours stay at the airport)
AIRPORT_HONOURS = [
    ("uz-latn", "Prezident tashrif bilan Samarqandga keldi.\n\nSamarqand xalqaro aeroportida mehmonni "
                "Bosh vazir kutib oldi. Mehmon sharafiga ikki davlat bayroqlari koʻtarildi va faxriy qorovul "
                "saf tortdi.", "2024-04-05"),
    ("uz-cyrl", "Президент давлат ташрифи билан Самарқандга келди.\n\nСамарқанд халқаро аэропортида меҳмонни "
                "Бош вазир кутиб олди. Олий мартабали меҳмон шарафига икки мамлакат байроқлари кўтарилди ва "
                "фахрий қоровул саф тортди.", "2024-04-05"),
    ("ru", "Президент прибыл в Самарканд с государственным визитом.\n\nВ международном аэропорту Самарканда "
           "гостя встретил премьер-министр. В честь высокого гостя были подняты флаги двух стран и выстроен "
           "почетный караул.", "2024-04-05"),
    ("en", "The president arrived in Samarkand on a state visit.\n\nThe guest was met by the prime minister at "
           "the Samarkand International Airport. In honour of the guest, the flags of the two countries were "
           "raised and a guard of honour was lined up.", "2024-04-05"),
]


@pytest.mark.parametrize(("text", "published"), [c[1:] for c in AIRPORT_HONOURS],
                         ids=[c[0] for c in AIRPORT_HONOURS])
def test_the_honours_after_a_landing_are_at_the_airport(text: str, published: str) -> None:
    assert happened(text, published) == [("arrival", "airport"), ("ceremony", "airport")]


# (id, a landing, then "after the landing" an act elsewhere: not placed at the airport)
MOVED_ON = [
    ("ru", "Президент прибыл в Бишкек с государственным визитом.\n\nВ международном аэропорту «Манас» гостя "
           "встретил президент. После прилета лидеры возложили венки к Вечному огню.", "2024-04-05"),
    ("en", "The president arrived in Bishkek on a state visit.\n\nThe guest was met by the president at the "
           "Manas International Airport. After the arrival the leaders laid wreaths at the Eternal Flame.",
     "2024-04-05"),
]


@pytest.mark.parametrize(("text", "published"), [c[1:] for c in MOVED_ON], ids=[c[0] for c in MOVED_ON])
def test_an_act_told_after_the_landing_has_left_the_airport(text: str, published: str) -> None:
    events = happened(text, published)
    assert ("arrival", "airport") in events
    assert [p for k, p in events if k == "ceremony"] == ["city"]


# (id, the welcome at a residence, the same welcome's honours told next, another rite told next)
HONOURS = [
    ("uz-latn", "Prezident 5 aprel kuni Toshkentga keldi.\n\nKoʻksaroy qarorgohida mehmonni rasmiy kutib olish "
                "marosimi boʻlib oʻtdi.",
     " Soʻngra davlat madhiyalari yangradi, rahbarlar faxriy qorovul safi oldidan oʻtdi.",
     " Soʻngra prezidentlar xotira maydonida gulchambar qoʻydi."),
    ("uz-cyrl", "Президент 5 апрель куни Тошкентга келди.\n\nКўксарой қароргоҳида меҳмонни расмий кутиб олиш "
                "маросими бўлиб ўтди.",
     " Сўнгра давлат мадҳиялари янгради, раҳбарлар фахрий қоровул сафи олдидан ўтди.",
     " Сўнгра президентлар хотира майдонида гулчамбар қўйди."),
    ("ru", "Президент 5 апреля прибыл в Ташкент.\n\nВ резиденции Куксарой состоялась церемония официальной "
           "встречи гостя.",
     " Затем прозвучали гимны, и лидеры прошли вдоль строя почетного караула.",
     " Затем президенты возложили венок к мемориалу."),
    ("en", "The president arrived in Tashkent on April 5.\n\nAn official welcome ceremony for the guest was held "
           "at the Kuksaroy residence.",
     " Then the anthems were played and the leaders walked along the guard of honour.",
     " Then the presidents laid a wreath at the memorial."),
]


@pytest.mark.parametrize(("text", "honours", "rite"), [c[1:] for c in HONOURS], ids=[c[0] for c in HONOURS])
def test_the_honours_of_one_welcome_are_one_ceremony(text: str, honours: str, rite: str) -> None:
    assert [k for k, _ in happened(text + honours, "2024-04-05")] == ["arrival", "ceremony"]
    assert [k for k, _ in happened(text + rite, "2024-04-05")] == ["arrival", "ceremony", "ceremony"]


def test_a_welcome_told_at_length_outweighs_the_plans_announced() -> None:
    """The gate weighs what happened against what is announced by sentences told, not by events: the honours
    of one welcome in three sentences joined into one ceremony still outweigh two announced talks."""
    text = ("Presidents will hold talks in Bishkek\n\n"
            "An official welcome ceremony for the guest was held at the Yntymak Ordo residence on August 22. "
            "Then the anthems were played. The leaders walked along the guard of honour. "
            "The presidents will hold talks in a narrow format. The sides will also sign documents.")
    assert [k for k, _ in happened(text, "2024-08-22")] == ["ceremony"]


# (id, the day's event, a reminder that an earlier report told of another arrival, the same arrival told
#  in a main clause "as reported": an event)
EARLIER_REPORT = [
    ("uz-latn", "Prezident 3 iyun kuni Xorazm viloyatiga keldi.",
     " Eslatib oʻtamiz, avvalroq mehmon Toshkentga kelgani xabar qilingan edi.",
     " Avval xabar berilganidek, mehmon 2 iyun kuni Toshkentga keldi."),
    ("uz-cyrl", "Ўзбекистон Президенти 3 июнь куни Хоразм вилоятига ташриф билан келди.",
     " Эслатиб ўтамиз, аввалроқ меҳмон Тошкентга келгани хабар қилинган эди.",
     " Аввал хабар берилганидек, меҳмон 2 июнь куни Тошкентга келди."),
    ("ru", "Президент 3 июня прибыл в Хорезмскую область.",
     " Ранее агентство сообщало, что гость прибыл в Ташкент.",
     " Как мы сообщали, 2 июня гость прибыл в Ташкент."),
    ("en", "The president arrived in the Khorezm region on June 3.",
     " Earlier, the news agency reported that the guest had arrived in Tashkent.",
     " As we reported, the guest arrived in Tashkent on June 2."),
]


@pytest.mark.parametrize(("text", "reminder", "retold"), [c[1:] for c in EARLIER_REPORT],
                         ids=[c[0] for c in EARLIER_REPORT])
def test_a_reminder_of_an_earlier_report_is_no_event(text: str, reminder: str, retold: str) -> None:
    assert [k for k, _ in happened(text + reminder, "2022-06-03")] == ["arrival"]
    assert [k for k, _ in happened(text + retold, "2022-06-03")] == ["arrival", "arrival"]


# (id, language tag, a speech act or a habit naming an activity: no event; the act itself: that kind)
SPEECH_AND_HABIT = [
    ("uz-kop-marta", "uz-Latn", "Samarqand koʻp marta xalqaro sammit va forumlar maydoni boʻlgan.",
     "Samarqandda xalqaro sammit boʻlib oʻtdi.", "summit"),
    ("uz-cyrl-bir-necha-bor", "uz-Cyrl", "Хива бир неча бор халқаро саммит ва форумлар майдони бўлган.",
     "Давлат раҳбари Хоразм вилоятидаги тўқимачилик корхонаси фаолияти билан танишди.", "tour"),
    ("ru-neodnokratno", "ru-Cyrl", "Наша страна неоднократно становилась площадкой для региональных саммитов.",
     "В столице прошел региональный саммит.", "summit"),
    ("en-called-for", "en-Latn", "He also called for closer cooperation in industrial production and energy.",
     "He toured the industrial production facilities of the plant.", "tour"),
    ("en-repeatedly", "en-Latn", "Our country has repeatedly become the venue for regional summit meetings.",
     "The regional summit was held in the capital.", "summit"),
]


@pytest.mark.parametrize(("tag", "said", "done", "kind"), [c[1:] for c in SPEECH_AND_HABIT],
                         ids=[c[0] for c in SPEECH_AND_HABIT])
def test_a_speech_act_or_a_habit_is_no_event(tag: str, said: str, done: str, kind: str) -> None:
    assert happened(said, "2024-04-05") == []
    assert [k for k, _ in happened(done, "2024-04-05")] == [kind]


def test_leaving_on_a_visit_to_take_part_is_a_departure() -> None:
    text = ("The president left on a working visit to Tajikistan to participate in the summit of Central Asia, "
            "as well as in the meeting of the council of the fund.")
    assert [k for k, _ in happened(text, "2024-04-05")] == ["departure"]


# (id, language tag, "before doing X", "after a short talk": the clause's own act is the event, not X)
BEFORE_CLAUSE = [
    ("ru-prezhde-chem", "ru-Cyrl", "Прежде чем начать переговоры, гость посетил мавзолей основателя города.",
     "visit"),
    ("ru-posle-besedy", "ru-Cyrl", "После краткой беседы гость посетил выставку ковров.", "tour"),
    ("en-before-starting", "en-Latn", "Before starting the talks, the guest visited the mausoleum of the founder.",
     "visit"),
]


@pytest.mark.parametrize(("tag", "sentence", "kind"), [c[1:] for c in BEFORE_CLAUSE],
                         ids=[c[0] for c in BEFORE_CLAUSE])
def test_what_one_does_before_is_not_the_event(tag: str, sentence: str, kind: str) -> None:
    assert reading(tag, sentence).kind == kind


@pytest.mark.parametrize(("text", "published"), [
    pytest.param("Президент прибыл в Доху 17 февраля. В 2019 году он уже посещал Катар. Тогда он провел встречи "
                 "с председателем парламента.", "2024-02-17", id="ru-togda"),
])
def test_back_then_points_to_an_earlier_time(text: str, published: str) -> None:
    assert [k for k, _ in happened(text, published)] == ["arrival"]
