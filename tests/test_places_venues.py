"""Venues as data, placed at their city: the airport where a capital's state guests land (``state_airport``
in airports_extra.csv), when the text says only "the airport". Sentences of the project's own writing;
the real gazetteer and the real extractor."""
from __future__ import annotations

import csv

import pytest

from dashboard import extract_events
from dashboard.places import Gazetteer, PlaceContext, load_gazetteer
from dashboard.places.model import km
from dashboard.settings import Settings
from dashboard.text import fold, prepare

SETTINGS = Settings()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(SETTINGS.places_dir)


def _state_airports() -> list[dict[str, str]]:
    with (SETTINGS.places_dir / "airports_extra.csv").open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["state_airport"]]


def test_state_airports_are_marked_yes_with_a_city_and_a_reason() -> None:
    rows = _state_airports()
    assert len(rows) >= 5
    for r in rows:
        assert r["state_airport"] == "yes" and r["city"], r["iata"]
        assert "state_airport:" in r["source"], r["iata"]


@pytest.mark.parametrize("row", _state_airports(), ids=lambda r: r["iata"])
def test_a_state_airport_is_the_airport_of_its_city(gaz: Gazetteer, row: dict[str, str]) -> None:
    idx = gaz.index
    cities = [i for i in idx.names.get(fold(row["city"]), ()) if idx.rows[i][2] == "city"
              and idx.rows[i][5] == row["country"]]
    assert cities, row["city"]
    airport = idx.airport_for(idx.place(max(cities, key=lambda i: idx.pops[i])))
    assert airport is not None and airport.id == f"airport:{row['iata']}"


def _first(text: str, kind: str, published: str = "2025-04-10") -> str:
    frame = extract_events(text, published=published)
    rows = frame[frame["kind"] == kind]
    assert not rows.empty, list(frame["kind"])
    return str(rows.iloc[0]["place"])


# "the airport" of a capital with no name: where heads of state land there, not its biggest airline hub
UNNAMED = [
    ("uz-Latn", "Prezident bugun davlat tashrifi bilan Koreya Respublikasiga yetib keldi. Seul shahridagi "
                "aeroportda oliy martabali mehmonni tantanali kutib olish marosimi boʻlib oʻtdi.", "Seoul Air Base"),
    ("uz-Cyrl", "Президент бугун давлат ташрифи билан Корея Республикасига етиб келди. Сеул шаҳридаги "
                "аэропортда олий мартабали меҳмонни тантанали кутиб олиш маросими бўлиб ўтди.", "Seoul Air Base"),
    ("ru", "Президент сегодня прибыл с государственным визитом в Москву. В аэропорту его встретил "
           "заместитель председателя правительства.", "Vnukovo International Airport"),
    ("en", "The President arrived in Paris on Thursday for a state visit. At the airport he was met by the "
           "French minister of education.", "Paris Orly Airport"),
]


@pytest.mark.parametrize(("lang", "text", "airport"), UNNAMED, ids=[r[0] for r in UNNAMED])
def test_an_unnamed_airport_of_a_capital_is_its_state_airport(lang: str, text: str, airport: str) -> None:
    assert _first(text, "arrival") == airport


# a named airport stays the one named
NAMED = [
    ("ru", "Президент сегодня прибыл с визитом в Москву. В аэропорту Шереметьево его встретил "
           "заместитель председателя правительства.", "Sheremetyevo International Airport"),
    ("en", "The President arrived in Paris on Thursday. At Charles de Gaulle airport he was met by the "
           "French minister of education.", "Charles de Gaulle International Airport"),
]


@pytest.mark.parametrize(("lang", "text", "airport"), NAMED, ids=[r[0] for r in NAMED])
def test_a_named_airport_stays_the_one_named(lang: str, text: str, airport: str) -> None:
    assert _first(text, "arrival") == airport


def test_the_airport_of_a_city_is_found_in_uzbek_latin(gaz: Gazetteer) -> None:
    text = prepare("Mehmon Moskva aeroportida kutib olindi.", SETTINGS.lexicon_dir).norm.text
    assert [m.place.id for m in gaz.find(text)] == ["airport:VKO"]


def _places(text: str, published: str = "2025-04-10") -> list[tuple[str, str]]:
    frame = extract_events(text, published=published)
    return list(zip(frame["kind"], frame["place"], strict=True))


# "here" / "there": the place of the scene just told, not the region or country the sentence names around it
HERE = [
    ("uz-Latn", "Bugun Prezident Xorazm viloyatidagi Yangibozor tumanida yangi toʻqimachilik fabrikasini koʻzdan "
                "kechirdi. Shu yerda Xorazm viloyatidagi oʻnta yangi korxonani ishga tushirish marosimi boʻlib oʻtdi.",
     "Yangibozor District"),
    ("uz-Cyrl", "Бугун Президент Хоразм вилоятидаги Янгибозор туманида янги тўқимачилик фабрикасини кўздан "
                "кечирди. Шу ерда Хоразм вилоятидаги ўнта янги корхонани ишга тушириш маросими бўлиб ўтди.",
     "Yangibozor District"),
    ("ru", "Сегодня президенты провели переговоры в резиденции Куксарой. Там же состоялась церемония подписания "
           "соглашений о торговле между регионами Узбекистана.", "Kuksaroy Residence"),
    ("en", "Today the presidents held talks at the Kuksaroy residence. A signing ceremony for agreements on trade "
           "between the regions of Uzbekistan took place there.", "Kuksaroy Residence"),
]


@pytest.mark.parametrize(("lang", "text", "venue"), HERE, ids=[r[0] for r in HERE])
def test_here_is_the_place_of_the_scene_just_told(lang: str, text: str, venue: str) -> None:
    places = _places(text)
    assert len(places) == 2 and places[1][1] == venue, places


# a place of its own that does not merely surround the scene stays the event's
OWN = [
    ("en", "Today the presidents held talks at the Kuksaroy residence. In the evening a concert was held there, "
           "in Samarkand.", "Samarkand"),
    ("uz-Latn", "Bugun prezidentlar Koʻksaroy qarorgohida muzokara oʻtkazdi. Kechqurun shu yerda emas, "
                "Samarqandda konsert boʻlib oʻtdi.", "Samarkand"),
]


@pytest.mark.parametrize(("lang", "text", "city"), OWN, ids=[r[0] for r in OWN])
def test_here_gives_way_to_a_place_of_the_sentences_own(lang: str, text: str, city: str) -> None:
    assert _places(text)[-1][1] == city


# "following/after a ... summit in X": X is where an earlier event was, never this sentence's place (a caption
# names the story's city; the dateline's sentence says only "here")
AFTER = [
    ("en", "The guest from Turkmenistan is greeted by Sadyr Japarov in Bishkek, Kyrgyzstan, May 6, 2025.\n"
           "BISHKEK, May 6 — Turkmenistan's leader landed here late on Tuesday to begin a two-day state visit, "
           "flying in after his talks at the Turkic states' summit in Astana, Kazakhstan."),
    ("ru", "Гостя из Туркменистана встречает Садыр Жапаров в Бишкеке, 6 мая 2025 года.\n"
           "БИШКЕК, 6 мая. Лидер Туркменистана поздно вечером во вторник прилетел сюда с двухдневным "
           "государственным визитом после переговоров на саммите тюркских государств в Астане."),
]


@pytest.mark.parametrize(("lang", "text"), AFTER, ids=[r[0] for r in AFTER])
def test_the_place_of_an_earlier_summit_is_not_this_events(lang: str, text: str) -> None:
    places = _places(text, published="2025-05-06")
    assert places and all(place == "Bishkek" for _, place in places), places


# "at this memorial" / "mazkur qabristonda" / "этого кладбища": the venue named in the sentences just before,
# though the sentence that names it tells no event of its own
BACK = [
    ("uz-Latn", "Prezident bugun Vashingtonga yetib keldi. Arlington milliy qabristoni AQShning eng qadimgi harbiy "
                "qabristonlaridan biri. Prezident mazkur qabristondagi yodgorlik poyiga gulchambar qoʻydi."),
    ("uz-Cyrl", "Президент бугун Вашингтонга етиб келди. Арлингтон миллий қабристони АҚШнинг энг қадимги ҳарбий "
                "қабристонларидан бири. Президент мазкур қабристондаги ёдгорлик пойига гулчамбар қўйди."),
    ("ru", "Президент сегодня прибыл в Вашингтон. Арлингтонское национальное кладбище — одно из старейших военных "
           "кладбищ США. Президент возложил венок к памятнику на территории этого кладбища."),
    ("en", "The President arrived in Washington today. Arlington National Cemetery is one of the oldest military "
           "cemeteries of the United States. The President laid a wreath at the monument of this cemetery."),
]


@pytest.mark.parametrize(("lang", "text"), BACK, ids=[r[0] for r in BACK])
def test_this_memorial_is_the_venue_told_just_before(lang: str, text: str) -> None:
    assert _places(text) == [("arrival", "Washington"), ("ceremony", "Arlington National Cemetery")]


# a back-reference with no venue told before stays where the story is
def test_a_back_reference_with_no_venue_before_keeps_the_city() -> None:
    text = ("The President arrived in Washington today. The President laid a wreath at the monument of this "
            "cemetery.")
    assert _places(text)[-1] == ("ceremony", "Washington")


# a capital is where state visits go, whatever the country: one bare word naming it is the city
CAPITALS = [
    ("uz-Latn", "Prezident bugun Vashingtonga yetib keldi.", "Washington"),
    ("uz-Cyrl", "Давлатимиз раҳбари бугун расмий ташриф билан Лиссабонга етиб борди ва ўша ерда қизғин кутиб "
                "олинди.", "Lisbon"),
    ("ru", "Президент сегодня прибыл в Вашингтон.", "Washington"),
    ("en", "The Emir welcomed the President in Doha on Monday.", "Doha"),
]


@pytest.mark.parametrize(("lang", "text", "city"), CAPITALS, ids=[r[0] for r in CAPITALS])
def test_a_capital_far_from_the_region_is_found(gaz: Gazetteer, lang: str, text: str, city: str) -> None:
    found = gaz.find(prepare(text, SETTINGS.lexicon_dir).norm.text)
    assert [(m.place.name, m.place.kind) for m in found] == [(city, "city")]


# "Seulga tashrifini yakunladi": the visit's place, written in the dative, is where the departure leaves from;
# the airport told next is that city's
ENDED = [
    ("uz-Latn", "Prezident Seulga davlat tashrifini yakunladi. Aeroportda oliy martabali mehmonni Koreya Bosh "
                "vaziri kuzatib qoʻydi.", "Seoul Air Base"),
    ("uz-Cyrl", "Давлатимиз раҳбари Сеулга ташрифини якунлади. Аэропортда олий мартабали меҳмонни Корея бош "
                "вазири кузатиб қўйди.", "Seoul Air Base"),
    ("ru", "Президент завершил государственный визит в Москву. В аэропорту высокого гостя проводил "
           "председатель правительства.", "Vnukovo International Airport"),
    ("en", "The President completed his state visit to Seoul on Friday. At the airport he was seen off by the "
           "Prime Minister of Korea.", "Seoul Air Base"),
]

# setting out on a visit: the dative is where he goes (no place he leaves from is named)
SETS_OUT = [
    ("uz-Latn", "Prezident bugun Seulga davlat tashrifi bilan joʻnab ketdi."),
    ("uz-Cyrl", "Давлатимиз раҳбари бугун Сеулга давлат ташрифи билан жўнаб кетди."),
]


@pytest.mark.parametrize(("lang", "text", "airport"), ENDED, ids=[r[0] for r in ENDED])
def test_a_departure_leaves_from_the_visit_it_ends(lang: str, text: str, airport: str) -> None:
    assert _places(text) == [("departure", airport)]


@pytest.mark.parametrize(("lang", "text"), SETS_OUT, ids=[r[0] for r in SETS_OUT])
def test_a_departure_on_a_visit_does_not_leave_from_where_it_goes(lang: str, text: str) -> None:
    assert all("Seoul" not in str(place) for _, place in _places(text))


# a district of a city that no settlement stands for (city_districts.csv): "X tumani" is the district's point
DISTRICTS = [
    ("uz-Latn", "Prezident poytaxtning Yangihayot tumanida yangi metallurgiya zavodini ishga tushirdi.",
     "Yangihayot District"),
    ("uz-Cyrl", "Давлатимиз раҳбари пойтахтнинг Янгиҳаёт туманида янги металлургия заводини ишга туширди.",
     "Yangihayot District"),
    ("ru", "Президент открыл новую школу в Мирзо-Улугбекском районе, в районе Олмазор и в районе Яккасарай.",
     "Olmazor District"),
    ("en", "The President opened a new metallurgical plant in Tashkent's Yangihayot district.", "Yangihayot District"),
]


@pytest.mark.parametrize(("lang", "text", "district"), DISTRICTS, ids=[r[0] for r in DISTRICTS])
def test_a_district_of_the_capital_is_its_own_point(gaz: Gazetteer, lang: str, text: str, district: str) -> None:
    found = [m.place for m in gaz.find(prepare(text, SETTINGS.lexicon_dir).norm.text)]
    assert any(p.name.split()[0] == district.split()[0] and p.id.startswith(("district:1512569-", "city:1512569-"))
               for p in found), found     # Tashkent's geonames id, with the district's own name


def test_city_districts_lie_in_their_city() -> None:
    with (SETTINGS.places_dir / "city_districts.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    gaz = load_gazetteer(SETTINGS.places_dir)
    for r in rows:
        assert r["source"] and r["names"], r["district"]
        place = gaz.locate(prepare(f"{r['district']} tumanida", SETTINGS.lexicon_dir).norm.text)
        assert place is not None and place.place.kind == "district", r["district"]
        centre = gaz.locate(r["city"], PlaceContext(country=r["country"]))
        assert centre is not None
        assert km(place.place.lat, place.place.lon, centre.place.lat, centre.place.lon) < 20, r["district"]


# where state guests are welcomed or lay wreaths in a capital: venues as data, placed at their own point
STATE_VENUES = [
    ("uz-Latn", "Prezident bugun Parijga yetib keldi. Invalidlar saroyida rasmiy kutib olish marosimi boʻlib oʻtdi.",
     "Les Invalides"),
    ("uz-Cyrl", "Давлатимиз раҳбари бугун Парижга етиб келди. Инвалидлар саройида расмий кутиб олиш маросими бўлиб "
                "ўтди.", "Les Invalides"),
    ("ru", "Президент сегодня прибыл в Париж. Президент возложил венок к могиле Неизвестного солдата под "
           "Триумфальной аркой.", "Arc de Triomphe"),
    ("en", "The President arrived in Paris today. A welcome ceremony was held at Les Invalides.", "Les Invalides"),
]


@pytest.mark.parametrize(("lang", "text", "venue"), STATE_VENUES, ids=[r[0] for r in STATE_VENUES])
def test_a_capitals_state_venue_is_found(lang: str, text: str, venue: str) -> None:
    assert _places(text) == [("arrival", "Paris"), ("ceremony", venue)]


# a story that names only the country: "the airport" of an arrival or a departure is its capital's
COUNTRY_ONLY = [
    ("uz-Latn", "Qozogʻiston Prezidenti davlat tashrifi bilan Oʻzbekistonga keldi. Aeroportda oliy martabali "
                "mehmonni Bosh vazir kutib oldi.", "arrival", "Tashkent International Airport"),
    ("uz-Cyrl", "Қозоғистон Президенти давлат ташрифи билан Ўзбекистонга келди. Аэропортда олий мартабали "
                "меҳмонни Бош вазир кутиб олди.", "arrival", "Tashkent International Airport"),
    ("ru", "Президент завершил государственный визит в Россию. В аэропорту высокого гостя проводил "
           "председатель правительства.", "departure", "Vnukovo International Airport"),
    ("en", "The President of Kazakhstan arrived in Uzbekistan on a state visit. At the airport he was met by the "
           "Prime Minister.", "arrival", "Tashkent International Airport"),
]


@pytest.mark.parametrize(("lang", "text", "kind", "airport"), COUNTRY_ONLY, ids=[r[0] for r in COUNTRY_ONLY])
def test_the_airport_of_a_country_only_story_is_its_capitals(lang: str, text: str, kind: str,
                                                             airport: str) -> None:
    assert _places(text) == [(kind, airport)]
