"""Event kinds from cues, per language: every cue family of the lexicons, as tables with ids."""
from __future__ import annotations

import pytest

from dashboard.extract.cues import load_cues
from dashboard.extract.kinds import classify, masked
from dashboard.settings import DEFAULT
from dashboard.text import fold, prepare


def kind_of(lang: str, sentence: str) -> str | None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    return classify(fold(sentence), cues).kind


UZ = [
    ("arrival-keldi", "Prezident tashrif bilan Oʻzbekistonga keldi.", "arrival"),
    ("arrival-yetib-bordi", "Davlat rahbari Ostonaga yetib bordi.", "arrival"),
    ("arrival-kutib-oldi", "Aeroportda mehmonni Bosh vazir kutib oldi.", "arrival"),
    ("departure-kuzatib", "Oliy martabali mehmonni prezident kuzatib qoʻydi.", "departure"),
    ("departure-jonab", "Prezident yurtiga joʻnab ketdi.", "departure"),
    ("departure-yakun", "Prezidentning tashrifi yakuniga yetdi.", "departure"),
    ("departure-yakun-etdi", "Prezidentning Oʻzbekistonga tashrifi yakuniga etdi.", "departure"),
    ("tour-tanishdi", "Prezidentlar ishlab chiqarish jarayoni bilan tanishdilar.", "tour"),
    ("tour-kozdan", "Mahsulotlar koʻrgazmasini koʻzdan kechirdilar.", "tour"),
    ("tour-kombinat", "Rahbarlar “Xiva gilamlari” kombinatiga tashrif buyurdilar.", "tour"),
    ("tour-korxona", "Prezident toʻqimachilik korxonasiga bordi.", "tour"),
    ("talks-muzokara", "Muzokaralarda hamkorlik masalalari muhokama qilindi.", "talks"),
    ("talks-norasmiy", "Soʻngra Xivada norasmiy uchrashuv boʻlib oʻtdi.", "talks"),
    ("talks-otkazdi", "Prezidentlar uchrashuv oʻtkazdi.", "talks"),
    ("talks-bilan-uchrashdi", "Erdoʻgʻan Shavkat Mirziyoyev bilan uchrashdi.", "talks"),
    ("meeting-public", "Prezident jamoatchilik vakillari bilan uchrashdi.", "meeting"),
    ("visit-ziyorat", "Mehmon Islom Karimov maqbarasini ziyorat qildi.", "visit"),
    ("visit-obidalar", "Prezidentlar Ichan-qalʼa tarixiy obidalarini aylanib chiqdi.", "visit"),
    ("visit-generic-verb", "Prezident Registon ansambliga tashrif buyurdi.", "visit"),
    ("ceremony-marosim", "Koʻksaroy qarorgohida rasmiy kutib olish marosimi boʻlib oʻtdi.", "ceremony"),
    ("ceremony-gul", "Prezident Mustaqillik monumenti poyiga gul qoʻydi.", "ceremony"),
    ("ceremony-faxriy", "Faxriy qorovul saf tortdi.", "ceremony"),
    ("signing-imzoladi", "Prezidentlar qoʻshma bayonotni imzoladi.", "signing"),
    ("signing-imzolandi", "Muzokaralar yakunida hujjatlar imzolandi.", "signing"),
    ("opening-ochib-berdi", "Prezidentlar yangi zavodni ochib berdi.", "opening"),
    ("summit-sammit", "Prezident ShHT sammitida nutq soʻzladi.", "summit"),
    ("summit-kengash", "ShHT davlat rahbarlari kengashi majlisida ishtirok etdi.", "summit"),
    ("press-anjuman", "Prezidentlar matbuot anjumani oʻtkazdi.", "press"),
    ("statement-is-no-event", "Toqaev hamkorlik hayotiy zarurat ekanini taʼkidladi.", None),
    ("instruction-is-no-event", "Masʼul vazirliklarga koʻrsatma berildi.", None),
    ("purpose-masked", "Prezident sammitda ishtirok etish uchun Samarqandga keldi.", "arrival"),
    ("nested-welcome-ceremony", "Qarorgohda mehmonni kutib olish marosimi boʻldi.", "ceremony"),
    ("to-the-residence-is-no-departure", "Mehmon oʻziga ajratilgan qarorgohga joʻnab ketdi.", None),
    ("said-goodbye", "Aeroportda prezidentlar bir-biri bilan xayrlashdilar.", "departure"),
    ("took-part-in-a-concert", "Prezidentlar xonandalarning qoʻshma konsertida ishtirok etdilar.", "other"),
    ("after-the-welcome-ceremony", "Tantanali kutib olish marosimidan keyin mehmon qarorgohga yoʻl oldi.", None),
]

RU = [
    ("arrival", "Президент Казахстана прибыл в Ташкент.", "arrival"),
    ("arrival-met", "В аэропорту гостя встретил Президент Узбекистана.", "arrival"),
    ("departure", "В аэропорту высокого гостя проводил премьер-министр.", "departure"),
    ("departure-visit-ended", "Визит Президента Казахстана завершился.", "departure"),
    ("talks", "Переговоры прошли в узком составе.", "talks"),
    ("talks-met-not-arrival", "Лидеры встретились в резиденции.", "talks"),
    ("ceremony", "Президент возложил венок к памятнику.", "ceremony"),
    ("tour", "Гости ознакомились с производством на заводе.", "tour"),
    ("visit", "Президенты посетили мавзолей Гур-Эмир.", "visit"),
    ("tour-by-object", "Президент посетил текстильную фабрику.", "tour"),
    ("signing", "По итогам переговоров подписан пакет документов.", "signing"),
    ("opening", "Президенты открыли новый мост.", "opening"),
    ("summit", "Президент принял участие в заседании Совета глав государств.", "summit"),
    ("press", "Лидеры выступили с заявлениями для прессы.", "press"),
    ("meeting", "Президент встретился с представителями деловых кругов.", "meeting"),
    ("statement", "Президент отметил важность сотрудничества.", None),
    ("purpose-masked", "Президент прибыл в Самарканд для участия в саммите ШОС.", "arrival"),
    ("nested-welcome-ceremony", "В резиденции прошла церемония официальной встречи.", "ceremony"),
    ("solemn-welcome-ceremony", "В резиденции состоялась торжественная церемония встречи гостя.", "ceremony"),
    ("to-the-residence-is-no-departure", "Делегация отбыла в отведенную ей резиденцию.", None),
    ("said-goodbye", "В аэропорту лидеры попрощались друг с другом.", "departure"),
    ("since-the-take-off-is-no-departure", "Художница рисовала картину с момента вылета президента.", None),
]

EN = [
    ("arrival", "The President arrived in Tashkent on a state visit.", "arrival"),
    ("arrival-met", "He was met at the airport by the Prime Minister.", "arrival"),
    ("departure", "The president left Samarkand for home.", "departure"),
    ("departure-seen-off", "He was seen off at the airport by the Prime Minister.", "departure"),
    ("talks", "The leaders held talks in a narrow format.", "talks"),
    ("ceremony", "An official welcome ceremony took place at the Kuksaroy residence.", "ceremony"),
    ("ceremony-wreath", "He laid a wreath at the Independence Monument.", "ceremony"),
    ("tour", "The presidents toured a textile factory.", "tour"),
    ("visit", "The leaders visited the Gur-e-Amir mausoleum.", "visit"),
    ("signing", "More than 20 agreements were signed.", "signing"),
    ("opening", "The presidents inaugurated a new hospital.", "opening"),
    ("summit", "He took part in the SCO summit.", "summit"),
    ("press", "The leaders held a joint press conference.", "press"),
    ("meeting", "The president met with representatives of the business community.", "meeting"),
    ("statement", "The president noted the importance of trade.", None),
    ("purpose-masked", "The president arrived in Astana to attend the summit.", "arrival"),
    ("nested-opening-ceremony", "The leaders attended the opening ceremony of the new bridge.", "opening"),
    ("to-the-residence-is-no-departure", "The delegation left for the residence set aside for it.", None),
    ("attended-a-gala-concert", "The presidents attended a gala concert of folk performers.", "other"),
    ("reached-agreements-is-no-arrival", "The sides reviewed the previously reached agreements.", None),
    ("said-goodbye", "At the airport the two leaders said goodbye to each other.", "departure"),
    ("left-for-talks", "The presidents walked to the flag and then left for a narrow-format meeting.", "talks"),
    ("welcomed-the-guest-at-the-airport", "On Monday the president welcomed the Kyrgyz leader at the airport.",
     "arrival"),
    ("since-his-departure-is-no-departure", "A painter has worked on the canvas ever since his departure.", None),
]


CASES = [("uz", *c) for c in UZ] + [("ru", *c) for c in RU] + [("en", *c) for c in EN]


@pytest.mark.parametrize(("lang", "sentence", "want"), [(c[0], *c[2:]) for c in CASES],
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_cues(lang: str, sentence: str, want: str | None) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    key = fold(prepare(sentence, DEFAULT.lexicon_dir).norm.text)
    for mask in cues.masks:
        key = mask.sub(" ", key)
    assert classify(key, cues).kind == want


CYRILLIC_UZ = [
    ("cyrl-tour", "Давлат раҳбарлари комбинатга бориб, гиламлар кўргазмаси билан танишди.", "tour"),
    ("cyrl-departure", "Кечқурун Урганч халқаро аэропортида меҳмонни кузатиб қўйди.", "departure"),
    ("cyrl-talks", "Шундан сўнг Хива шаҳрида норасмий музокаралар ўтказилди.", "talks"),
]


@pytest.mark.parametrize(("sentence", "want"), [c[1:] for c in CYRILLIC_UZ], ids=[c[0] for c in CYRILLIC_UZ])
def test_cyrillic_uzbek_goes_through_the_same_cues(sentence: str, want: str) -> None:
    prepared = prepare(sentence * 2, DEFAULT.lexicon_dir)
    assert prepared.tag == "uz-Cyrl"
    assert kind_of("uz", prepared.norm.text.split(".")[0]) == want


LANGUAGE = [
    ("uz-latn", "Prezident tashrif bilan Oʻzbekistonga keldi. Ikki davlat rahbarlari muzokaralar oʻtkazdi.", "uz-Latn"),
    ("uz-cyrl", "Президент ташриф билан Ўзбекистонга келди. Икки давлат раҳбарлари музокаралар ўтказди.", "uz-Cyrl"),
    ("uz-2026", "Prezident işçi taşrif bilan Özbekistonga keldi. Şundan söng ikki davlat rahbarlari çiqdi.",
     "uz-Latn-2026"),
    ("ru", "Президент Казахстана прибыл в Ташкент с государственным визитом. Переговоры прошли в узком составе.",
     "ru-Cyrl"),
    ("en", "The President of Kazakhstan arrived in Tashkent on a state visit. The talks were held in Kuksaroy.",
     "en-Latn"),
    ("en-with-turkish-name", "President Erdoğan arrived in Samarkand. Erdoğan and the president of the host held talks.",
     "en-Latn"),
]


@pytest.mark.parametrize(("text", "tag"), [c[1:] for c in LANGUAGE], ids=[c[0] for c in LANGUAGE])
def test_language_and_script_detection(text: str, tag: str) -> None:
    assert prepare(text, DEFAULT.lexicon_dir).tag == tag


WHO_DECIDES = [   # talks are between leaders or delegations: the residents, activists or business make a meeting
    ("uz", "uz-latn-residents", "Prezident mahalla aholisi bilan suhbatlashdi.", "meeting"),
    ("uz", "uz-latn-activists", "Davlat rahbari viloyat faollari bilan uchrashuv oʻtkazdi.", "meeting"),
    ("uz", "uz-latn-leaders-stay-talks", "Prezident Turkiya prezidenti bilan uchrashuv oʻtkazdi.", "talks"),
    ("uz", "uz-latn-mahalla-visit", "Prezident shahardagi mahalla fuqarolar yigʻiniga tashrif buyurdi.", "meeting"),
    ("ru", "ru-residents", "Президент встретился с жителями района и побеседовал с ними.", "meeting"),
    ("ru", "ru-business", "Затем состоялась встреча с руководителями компаний.", "meeting"),
    ("ru", "ru-leaders-stay-talks", "Президенты провели встречу в узком составе.", "talks"),
    ("en", "en-residents", "The president held a meeting with residents of the district.", "meeting"),
    ("en", "en-business", "He then met with representatives of the business community.", "meeting"),
    ("en", "en-leaders-stay-talks", "The presidents held talks in a narrow format.", "talks"),
]


@pytest.mark.parametrize(("lang", "sentence", "want"), [(c[0], *c[2:]) for c in WHO_DECIDES],
                         ids=[c[1] for c in WHO_DECIDES])
def test_who_one_meets_decides_meeting_or_talks(lang: str, sentence: str, want: str) -> None:
    assert kind_of(lang, sentence) == want


def test_outranking_kinds_are_known_kinds() -> None:
    cues = load_cues(DEFAULT.lexicon_dir, "en")
    assert cues.outranks
    for winner, losers in cues.outranks:
        assert {winner, *losers} <= set(cues.labels)


AFTER_THE_EVENT = [   # "at the end of the talks ...": the activity told is the next one, not the talks
    ("uz", "uz-latn", "Muzokaralar yakunida prezidentlar matbuot anjumani oʻtkazdi.", "press"),
    ("uz", "uz-latn-ceremony", "Rasmiy kutib olish marosimi yakunida rahbarlar muzokaralar oʻtkazdi.", "talks"),
    ("ru", "ru", "По окончании переговоров президенты сделали заявления для прессы.", "press"),
    ("ru", "ru-ceremony", "По завершении церемонии встречи главы государств перешли к переговорам.", "talks"),
    ("en", "en", "At the end of the talks the presidents gave a joint press conference.", "press"),
    ("en", "en-ceremony", "Upon completion of the welcome ceremony the leaders held talks.", "talks"),
]


@pytest.mark.parametrize(("lang", "sentence", "want"), [(c[0], *c[2:]) for c in AFTER_THE_EVENT],
                         ids=[c[1] for c in AFTER_THE_EVENT])
def test_the_event_a_sentence_starts_after_is_not_its_own(lang: str, sentence: str, want: str) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    assert classify(masked(fold(sentence), cues), cues).kind == want


ONE_COUNTERPART = [   # one person met: talks with a leader in office (data/people/leaders.csv), else a meeting
    ("uz-latn-speaker", "Prezident 5-may kuni Toshkentga keldi. Shundan soʻng u Oliy Majlis Senati raisi "
     "Tanzila Norboyeva bilan uchrashdi.", "meeting"),
    ("uz-latn-leader", "Prezident 5-may kuni Toshkentga keldi. Shundan soʻng u Qozogʻiston Prezidenti "
     "Qosim-Jomart Toqayev bilan uchrashdi.", "talks"),
    ("ru-speaker", "Президент 5 мая прибыл в Ташкент. Затем он встретился с председателем Сената "
     "Танзилой Нарбаевой.", "meeting"),
    ("ru-leader", "Президент 5 мая прибыл в Ташкент. Затем он встретился с Президентом Казахстана "
     "Касым-Жомартом Токаевым.", "talks"),
    ("en-speaker", "The president arrived in Tashkent on May 5. He then met with Senate Chairwoman "
     "Tanzila Narbayeva.", "meeting"),
    ("en-leader", "The president arrived in Tashkent on May 5. He then met with President of Kazakhstan "
     "Kassym-Jomart Tokayev.", "talks"),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in ONE_COUNTERPART], ids=[c[0] for c in ONE_COUNTERPART])
def test_one_person_met_is_a_meeting_unless_a_leader(text: str, want: str) -> None:
    from dashboard.extract import extract

    assert list(extract(text, "2025-05-05").events["kind"]) == ["arrival", want]


PURPOSE_OF_ARRIVAL = [   # "arrived for the summit": the arrival is the event, the summit its purpose
    ("uz", "uz-latn", "Prezident sammitda ishtirok etish uchun Ostonaga keldi.", "arrival"),
    ("ru", "ru", "Президент прибыл в Астану для участия в заседании Совета глав государств.", "arrival"),
    ("ru", "ru-talks", "Глава государства прилетел в Душанбе для переговоров и встреч с руководством страны.",
     "arrival"),
    ("en", "en", "The president landed in Astana for the Heads of State Council meeting.", "arrival"),
    ("en", "en-agreements-reached", "They discussed how to implement the agreements reached earlier.", "talks"),
]


@pytest.mark.parametrize(("lang", "sentence", "want"), [(c[0], *c[2:]) for c in PURPOSE_OF_ARRIVAL],
                         ids=[c[1] for c in PURPOSE_OF_ARRIVAL])
def test_what_one_arrives_for_is_not_the_event(lang: str, sentence: str, want: str) -> None:
    cues = load_cues(DEFAULT.lexicon_dir, lang)
    assert classify(masked(fold(sentence), cues), cues).kind == want
