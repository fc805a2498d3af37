"""Recall: predicates no phrase list knew, read by lemma or by a structural pattern, per language
(sentences of the project's own writing), and the sentences that must stay without an event."""
from __future__ import annotations

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.kinds import classify, masked
from dashboard.settings import DEFAULT
from dashboard.text import fold, prepare


def reading_of(lang: str, sentence: str) -> tuple[str | None, bool]:
    """The kind a sentence is read as and whether it can start an event (Cyrillic Uzbek in Latin form)."""
    prepared = prepare(sentence, DEFAULT.lexicon_dir)
    cues = load_cues(DEFAULT.lexicon_dir, lang.split("-")[0])
    r = classify(masked(fold(prepared.norm.text), cues), cues)
    return r.kind, r.starts


# (id, language, sentence, kind that starts an event, or None: no event starts here)
PREDICATES = [
    # a visit to a region told as "was there on a visit"
    ("uz-Latn-was-on-a-visit", "uz-Latn", "Prezident 3-may kuni Navoiy viloyatida amaliy tashrif bilan boʻldi.",
     "arrival"),
    ("uz-Latn-were-on-a-trip", "uz-Latn", "Bosh vazir va hokimlar Jizzax viloyatida ish safari bilan boʻlishdi.",
     "arrival"),
    ("uz-Cyrl-was-on-a-visit", "uz-Cyrl", "Ўзбекистон Президенти 3 май куни Навоий вилоятида амалий ташриф билан бўлди.",
     "arrival"),
    ("uz-Latn-had-been-no-event", "uz-Latn", "Bu tumanda Prezident ilgari ham tashrif bilan boʻlgan edi.", None),
    # an assembly of a district's activists
    ("uz-Latn-activists-assembly", "uz-Latn", "Shundan soʻng tuman faollari yigʻilishi boʻlib oʻtdi.", "meeting"),
    ("uz-Cyrl-activists-assembly", "uz-Cyrl", "Кейин Президент раислигида вилоят фаоллари йиғилиши бўлиб ўтди.",
     "meeting"),
    ("ru-activists-assembly", "ru", "Вечером глава государства выступил на собрании актива района.", "meeting"),
    ("ru-activists-assembly-nominative", "ru", "Затем состоялось собрание актива области.", "meeting"),
    # an opening ceremony in another case than the patterns know
    ("ru-opening-ceremony-genitive", "ru", "Гость принял участие в церемонии открытия нового моста.", "opening"),
    ("ru-delegations-met", "ru", "Переговоры продолжились встречей официальных делегаций.", "talks"),
    # English nominal phrasings of talks and of a visit's start
    ("en-held-a-meeting", "en", "The two presidents held a meeting in the capital.", "talks"),
    ("en-narrow-format", "en", "After the ceremony, a narrow-format meeting of the presidents began.", "talks"),
    ("en-expanded-format", "en", "The sides then continued in an expanded format.", "talks"),
    ("en-delegations-met", "en", "The leaders later met the delegation of the guest country.", "talks"),
    ("en-began-his-visit", "en", "The Prime Minister began his visit to Samarkand on Tuesday.", "arrival"),
    ("en-began-a-speech-no-event", "en", "The minister began his speech with thanks.", None),
    # sightseeing, prayers at a shrine, presentations of projects, a landing, a talk with residents
    ("uz-Latn-strolled", "uz-Latn", "Mehmonlar qadimiy shahar koʻchalari boʻylab sayr qilishdi.", "visit"),
    ("uz-Latn-prayer-at-a-shrine", "uz-Latn", "Avliyo maqbarasida Qurʼon tilovat qilinib, duo oʻqildi.", "visit"),
    ("uz-Latn-viewed-the-sights", "uz-Latn", "Mehmonlar shaharning diqqatga sazovor joylarini tomosha qilishdi.", "visit"),
    ("uz-Latn-watched-a-concert", "uz-Latn", "Kechqurun davlat rahbarlari konsert dasturini tomosha qilishdi.", "other"),
    ("uz-Latn-projects-presented", "uz-Latn", "Prezidentga tumanda quriladigan uy-joy loyihalari taqdimoti oʻtkazildi.", "tour"),
    ("uz-Latn-plane-landed", "uz-Latn", "Prezident samolyoti Namangan aeroportiga qoʻndi.", "arrival"),
    ("uz-Latn-held-an-assembly", "uz-Latn", "Davlat rahbari tuman rahbarlari bilan yigʻilish oʻtkazdi.", "meeting"),
    ("uz-Latn-talked-with-residents", "uz-Latn", "Prezident poyezdda mahalla faollari bilan muloqotda boʻldi.", "meeting"),
    ("uz-Latn-dialogue-as-a-topic-no-event", "uz-Latn", "Tomonlar siyosiy muloqotni yanada mustahkamlash muhimligini taʼkidladi.", None),
    ("uz-Cyrl-strolled", "uz-Cyrl", "Меҳмонлар қадимий шаҳар кўчалари бўйлаб сайр қилишди.", "visit"),
    ("uz-Cyrl-plane-landed", "uz-Cyrl", "Ўзбекистон Президенти самолёти Наманган аэропортига қўнди.", "arrival"),
    ("ru-strolled", "ru", "Гости совершили прогулку по старому городу.", "visit"),
    ("ru-projects-presented", "ru", "Президенту представили проекты нового жилого квартала.", "tour"),
    ("ru-construction-site", "ru", "Глава государства побывал на строительной площадке новой больницы.", "tour"),
    ("en-viewed-an-exhibition", "en", "The leaders viewed an exhibition of local crafts.", "tour"),
    ("en-got-familiar", "en", "The guest got familiar with the work of the laboratory.", "tour"),
    ("en-projects-presented", "en", "The president was presented with projects of new housing.", "tour"),
    # what one prepares for is not yet an event: the inspection is
    ("uz-Latn-preparations-for", "uz-Latn", "Prezident xalqaro sammitga tayyorgarlik ishlari bilan tanishdi.", "tour"),
    ("uz-Cyrl-preparations-for", "uz-Cyrl", "Ўзбекистон Президенти халқаро саммитга тайёргарлик ишлари билан танишди.", "tour"),
    ("ru-preparations-for", "ru", "Президент ознакомился с ходом подготовки к форуму, намеченному на осень.", "tour"),
    ("en-preparations-for", "en", "The president inspected the preparations for the regional summit.", "tour"),
]


@pytest.mark.parametrize(("lang", "sentence", "kind"), [c[1:] for c in PREDICATES], ids=[c[0] for c in PREDICATES])
def test_predicates_start_their_event(lang: str, sentence: str, kind: str | None) -> None:
    found, starts = reading_of(lang, sentence)
    assert (found if starts else None) == kind


# -- a relative date inside a relative clause dates that clause, not the sentence's event ----------------

# (id, article published on 2024-04-06, the date of the event its second sentence tells)
CLAUSE_DATES = [
    ("uz-Latn-participle", "Prezident 5-aprel kuni Termizga keldi. Davlat rahbari forum arafasida qurib "
     "bitkazilgan aeroportning yangi terminalini koʻzdan kechirdi.", "2024-04-05"),
    ("uz-Cyrl-participle", "Президент 5 апрель куни Термизга келди. Давлат раҳбари форум арафасида қуриб "
     "битказилган аэропортнинг янги терминалини кўздан кечирди.", "2024-04-05"),
    ("ru-relative-clause", "5 апреля президент прибыл в Термез. Затем он осмотрел новый терминал аэропорта, "
     "который был построен накануне форума.", "2024-04-05"),
    ("en-relative-clause", "The president arrived in Termez on April 5. He then inspected the new airport "
     "terminal, which was completed the day before the forum.", "2024-04-05"),
    ("uz-Latn-eve-of-the-event-itself", "Prezident 5-aprel kuni Termizga keldi. Forum arafasida u yangi "
     "terminalni koʻzdan kechirdi.", "2024-04-04"),
]


@pytest.mark.parametrize(("text", "day"), [c[1:] for c in CLAUSE_DATES], ids=[c[0] for c in CLAUSE_DATES])
def test_a_relative_clause_keeps_its_date(text: str, day: str) -> None:
    from dashboard import extract_events

    frame = extract_events("Prezident Termizda\n\n" + text, published="2024-04-06")
    second = text.split(". ", 1)[1][:20]
    rows = frame[frame["evidence"].str.startswith(second)]
    assert list(rows["date"]) == [day], frame[["kind", "date", "evidence"]].to_string()


# -- relative dates: weekdays without "on", two days before or after, "the day before yesterday" ----------

MONDAY = "2024-05-27"    # the publication day of the sentences below (a Monday)

# (id, language, sentence, the date it names, or None)
RELATIVE = [
    ("en-bare-weekday", "en", "The prime minister arrived in Tashkent Sunday.", "2024-05-26"),
    ("en-late-weekday", "en", "The prime minister arrived late Sunday night.", "2024-05-26"),
    ("en-last-weekday", "en", "Last Friday the leaders met in Astana.", "2024-05-24"),
    ("en-two-days-earlier", "en", "Two days earlier, the guest toured the old city.", "2024-05-25"),
    ("en-two-days-later", "en", "Two days later, the leaders opened the bridge.", "2024-05-29"),
    ("en-weekday-name-of-a-paper-no-date", "en", "The minister gave an interview to a weekly.", None),
    ("ru-day-before-yesterday", "ru", "Позавчера делегация прибыла в Бишкек.", "2024-05-25"),
    ("ru-last-weekday", "ru", "В прошлую пятницу лидеры встретились в Астане.", "2024-05-24"),
    ("ru-two-days-earlier", "ru", "Двумя днями ранее гость осмотрел старый город.", "2024-05-25"),
    ("ru-genitive-ordinal-day", "ru", "26-го мая делегация прибыла в Бишкек.", "2024-05-26"),
    ("uz-Latn-weekday-locative", "uz-Latn", "Mehmonlar yakshanbada Samarqandga kelishdi.", "2024-05-26"),
    ("uz-Latn-weekday-evening", "uz-Latn", "Prezidentlar shanba oqshomi birga tushlik qilishdi.", "2024-05-25"),
    ("uz-Latn-two-days-earlier", "uz-Latn", "Ikki kun oldin mehmon eski shaharni aylanib chiqdi.", "2024-05-25"),
    ("uz-Cyrl-weekday-locative", "uz-Cyrl", "Меҳмонлар якшанбада Самарқандга келишди.", "2024-05-26"),
    ("uz-Latn-friday-mosque-no-date", "uz-Latn", "Mehmonlar Juma masjidini ziyorat qilishdi.", None),
]


@pytest.mark.parametrize(("lang", "sentence", "want"), [c[1:] for c in RELATIVE], ids=[c[0] for c in RELATIVE])
def test_relative_dates(lang: str, sentence: str, want: str | None) -> None:
    import datetime as dt

    from dashboard.extract.dates import DateReader
    from dashboard.extract.reftime import StoryClock, visit_days

    published = dt.date.fromisoformat(MONDAY)
    clock = StoryClock(published)
    clock.move(published, "day")      # the story runs on its publication day
    code = lang.split("-")[0]
    reader = DateReader(load_cues(DEFAULT.lexicon_dir, code), published, clock, visit_days(DEFAULT.lexicon_dir, code))
    hits = reader.dates(fold(prepare(sentence, DEFAULT.lexicon_dir).norm.text), clock.running)
    assert (hits[0].date.isoformat() if hits else None) == want


# Who takes part decides the kind: a talk with a group of people (students, workers, compatriots) is a
# meeting, whatever the verb; "after the arrival" frames the sentence's own activity, which decides.
WHO_TAKES_PART = [
    ("en-farmers", "en", "The President talked with local farmers about the harvest.", "meeting"),
    ("en-workers", "en", "The guest spoke with the workers of the new plant.", "meeting"),
    ("en-leaders-discuss-students", "en", "The leaders discussed student exchanges and held talks.", "talks"),
    ("ru-students", "ru", "Президент побеседовал со студентами университета.", "meeting"),
    ("ru-teachers", "ru", "Глава государства провел беседу с учителями школы.", "meeting"),
    ("ru-working-visit-is-no-worker", "ru", "Президент прибыл с рабочим визитом в Ташкент.", "arrival"),
    ("ru-leaders-discuss-students", "ru", "Президенты провели переговоры и обсудили обмен студентами.", "talks"),
    ("uz-Latn-students", "uz-Latn", "Prezident universitet talabalari bilan suhbatlashdi.", "meeting"),
    ("uz-Latn-compatriots", "uz-Latn", "Davlat rahbari vatandoshlarimiz bilan samimiy suhbatlashdi.", "meeting"),
    ("uz-Latn-leaders-discuss-students", "uz-Latn",
     "Prezidentlar muzokaralar oʻtkazib, talabalar almashinuvini muhokama qildi.", "talks"),
    ("uz-Cyrl-farmers", "uz-Cyrl", "Давлат раҳбари фермерлар ва деҳқонлар билан суҳбатлашди.", "meeting"),
    ("ru-after-the-arrival", "ru", "После прибытия гость пообщался с соотечественниками.", "meeting"),
    ("ru-upon-arrival", "ru", "По прибытии президент побеседовал со студентами университета.", "meeting"),
    ("ru-upon-arrival-somewhere", "ru", "По прибытии в аэропорт гостя встретил премьер-министр.", "arrival"),
    ("en-after-his-arrival", "en", "After his arrival, the guest talked with students of the university.", "meeting"),
    ("uz-Cyrl-after-arriving", "uz-Cyrl",
     "Пойтахтга келганидан сўнг Президент университет талабалари билан суҳбатлашди.", "meeting"),
]


@pytest.mark.parametrize(("lang", "sentence", "kind"), [c[1:] for c in WHO_TAKES_PART],
                         ids=[c[0] for c in WHO_TAKES_PART])
def test_who_takes_part_decides_the_kind(lang: str, sentence: str, kind: str) -> None:
    assert reading_of(lang, sentence) == (kind, True)


# A meeting of the heads of state (no "two"/"both", no forum after it) is their talks, in any tense or voice;
# a meeting of heads of state "in the X format" is a summit.
MEETING_OF_LEADERS = [
    ("en-meeting-of-heads", "en", "Cooperation was discussed at the meeting of the heads of state, which lasted two hours.",
     "talks"),
    ("en-meeting-of-presidents-and", "en",
     "The dialogue began at a closed meeting of the presidents and went on with the delegations.", "talks"),
    ("en-format-is-a-summit", "en", "He took part in the meeting of heads of state in the Central Asia format.",
     "summit"),
    ("ru-meeting-of-heads", "ru",
     "Вопросы сотрудничества обсуждались на встрече глав государств, которая продлилась два часа.", "talks"),
    ("ru-meeting-of-presidents-and", "ru",
     "Диалог начался на закрытой встрече президентов и продолжился с участием делегаций.", "talks"),
    ("uz-Latn-meeting-of-heads", "uz-Latn", "Hamkorlik masalalari davlat rahbarlarining uchrashuvida muhokama qilindi.",
     "talks"),
    ("uz-Cyrl-meeting-of-heads", "uz-Cyrl", "Ҳамкорлик масалалари давлат раҳбарларининг учрашувида муҳокама қилинди.",
     "talks"),
]


@pytest.mark.parametrize(("lang", "sentence", "kind"), [c[1:] for c in MEETING_OF_LEADERS],
                         ids=[c[0] for c in MEETING_OF_LEADERS])
def test_a_meeting_of_the_heads_of_state_is_talks(lang: str, sentence: str, kind: str) -> None:
    assert reading_of(lang, sentence) == (kind, True)


# A courtesy call is talks; a monument or a building "opened" is its opening; what one does "together with"
# someone is decided by the deed, not by the company (en, ru already masked "together with").
CALLS_AND_OPENINGS = [
    ("en-courtesy-call", "en", "The guest paid a courtesy call on the President.", "talks"),
    ("ru-courtesy-call", "ru", "Гость нанес визит вежливости президенту.", "talks"),
    ("uz-Latn-courtesy-call", "uz-Latn", "Mehmon Prezidentga xushmuomalalik tashrifini amalga oshirdi.", "talks"),
    ("uz-Cyrl-courtesy-call", "uz-Cyrl", "Меҳмон ва унинг ҳамроҳлари Президентга хушмуомалалик ташрифини амалга оширди.", "talks"),
    ("ru-monument-opened", "ru", "Президенты открыли памятник поэту.", "opening"),
    ("uz-Latn-monument-opened", "uz-Latn", "Prezidentlar shoirga oʻrnatilgan yodgorlikni ochdi.", "opening"),
    ("uz-Cyrl-school-opened", "uz-Cyrl", "Давлат раҳбари ва меҳмон туманда қурилган янги мактаб биносини очди.", "opening"),
    ("en-saplings-together-with", "en", "Together with residents, the President planted saplings.", "other"),
    ("ru-saplings-together-with", "ru", "Вместе с жителями президент посадил саженцы.", "other"),
    ("uz-Latn-saplings-together-with", "uz-Latn", "Prezident aholi bilan birga koʻchat oʻtqazdi.", "other"),
    ("uz-Latn-visit-together-with", "uz-Latn",
     "Prezident Tojikiston prezidenti bilan birga Texnoparkka tashrif buyurdi.", "tour"),
]


@pytest.mark.parametrize(("lang", "sentence", "kind"), [c[1:] for c in CALLS_AND_OPENINGS],
                         ids=[c[0] for c in CALLS_AND_OPENINGS])
def test_calls_openings_and_company(lang: str, sentence: str, kind: str) -> None:
    assert reading_of(lang, sentence) == (kind, True)


ACQUAINTED = [    # "became / was acquainted with" in any tense is the tour that "got acquainted with" was
    ("en-became-acquainted", "en", "He became acquainted with the progress of construction.", "tour"),
    ("en-was-acquainted", "en", "The guest was acquainted with the work of the new technopark.", "tour"),
    ("ru-acquainted", "ru", "Гость ознакомился с работой нового технопарка.", "tour"),
    ("uz-Latn-acquainted", "uz-Latn", "Mehmon yangi texnopark faoliyati bilan tanishdi.", "tour"),
]


@pytest.mark.parametrize(("lang", "sentence", "kind"), [c[1:] for c in ACQUAINTED], ids=[c[0] for c in ACQUAINTED])
def test_acquainted_with_is_a_tour(lang: str, sentence: str, kind: str) -> None:
    assert reading_of(lang, sentence) == (kind, True)


# Who takes part decides: a session of the cabinet or the government is a meeting, a session of a council of
# heads of state or of a forum is a summit.
SESSIONS = [
    ("en-cabinet-session", "en", "The President held an expanded session of the Cabinet of Ministers.", "meeting"),
    ("en-cabinet-meeting", "en", "The head of state chaired a meeting of the Cabinet of Ministers.", "meeting"),
    ("en-council-of-heads", "en", "The session of the Council of Heads of State was held.", "summit"),
    ("ru-cabinet-session", "ru", "Глава государства провел расширенное выездное заседание Кабинета Министров.",
     "meeting"),
    ("ru-government-session", "ru", "Президент провел заседание правительства.", "meeting"),
    ("ru-council-of-heads", "ru", "На заседании Совета глав государств СНГ обсуждены вопросы.", "summit"),
    ("ru-forum-plenary", "ru", "Президент выступил на пленарном заседании форума.", "summit"),
    ("uz-Latn-cabinet-session", "uz-Latn", "Prezident Vazirlar Mahkamasining kengaytirilgan majlisini oʻtkazdi.",
     "meeting"),
    ("uz-Latn-government-session", "uz-Latn", "Hukumat majlisida muhim masalalar muhokama qilindi.", "meeting"),
    ("uz-Latn-council-of-heads", "uz-Latn", "Prezident ShHT davlat rahbarlari kengashi majlisida ishtirok etdi.",
     "summit"),
    ("uz-Cyrl-cabinet-session", "uz-Cyrl", "Ўзбекистон Президенти Вазирлар Маҳкамасининг кенгайтирилган мажлисини ўтказди.",
     "meeting"),
]


@pytest.mark.parametrize(("lang", "sentence", "kind"), [c[1:] for c in SESSIONS], ids=[c[0] for c in SESSIONS])
def test_a_session_is_a_meeting_or_a_summit_by_who_sits(lang: str, sentence: str, kind: str) -> None:
    assert reading_of(lang, sentence) == (kind, True)
