"""Search in every script (dashboard.search): names and queries in Latin, Cyrillic and the 2026 Latin
alphabet meet on one skeleton; aliases come from the gazetteer and the leaders' file; exact first,
no fuzzy noise. The page's search box is tested in test_visit_pages-style AppTests below."""
from __future__ import annotations

import pytest
from streamlit.proto.SelectWidgetFilterMode_pb2 import FILTER_MODE_CONTAINS

from dashboard import search
from dashboard.settings import Settings
from dashboard.visits import Visit
from tests.test_visit_pages import ERDOGAN, MIRZIYOYEV, TOKAYEV, page, two_visits

__all__ = ["two_visits"]     # the fixture shared with test_visit_pages

DATA = Settings().data_dir
LETTERS = search._letters(DATA / "lexicons")


@pytest.mark.parametrize("a, b", [
    ("Xiva", "Хива"), ("Khiva", "Хива"), ("Kazakhstan", "Казахстан"), ("Mirziyoev", "Mirziyoyev"),
    ("Toshkent", "Тошкент"), ("Samarqand", "Самарканд"), ("Shahrisabz", "Şahrisabz"),
], ids=["uz-latn/cyrl", "en/ru", "en/ru-country", "spellings", "uz-latn/uz-cyrl", "q/k", "uz-2026"])
def test_one_name_in_two_scripts_has_one_skeleton(a, b):
    assert search.skeleton(a, LETTERS) == search.skeleton(b, LETTERS)


@pytest.mark.parametrize("a, b", [("Khiva", "Ashgabat"), ("Tashkent", "Taraz"), ("Xiva", "Xorazm")])
def test_different_names_stay_different(a, b):
    assert search.skeleton(a, LETTERS) != search.skeleton(b, LETTERS)


LOCATIONS = ["country:UZ", "country:KZ", "country:TM", "region:Khorezm", "city:Khiva", "city:Ashgabat",
             "city:Astana", "city:Tashkent"]
VISITS = [Visit(id="v-kz", title=f"{TOKAYEV} in Uzbekistan", principals=(TOKAYEV, MIRZIYOYEV), host="UZ",
                region=None, start="2022-12-21", end="2022-12-22", cities=("Tashkent", "Khiva"), articles=("a",)),
          Visit(id="v-uz", title=f"{MIRZIYOYEV} in Kazakhstan", principals=(MIRZIYOYEV,), host="KZ",
                region=None, start="2024-05-02", end="2024-05-02", cities=("Astana",), articles=("b",))]


@pytest.fixture(scope="module")
def finder() -> search.Finder:
    labels = {v.id: v.title for v in VISITS}
    return search.page_finder(DATA, LOCATIONS, [TOKAYEV, MIRZIYOYEV, ERDOGAN], VISITS, labels,
                              lambda key: key.partition(":")[2])


@pytest.mark.parametrize("query, first, also", [
    ("Xiva", "city:Khiva", ["v-kz"]),
    ("Хива", "city:Khiva", ["v-kz"]),
    ("Khiva", "city:Khiva", ["v-kz"]),
    ("Xorazm", "region:Khorezm", ["v-kz"]),            # a visit to a city of the region
    ("Хорезм", "region:Khorezm", ["v-kz"]),
    ("Казах", "country:KZ", ["v-uz"]),
    ("Qozogʻiston", "country:KZ", ["v-uz"]),
    ("Астана", "city:Astana", ["v-uz"]),
    ("Мирзи", MIRZIYOYEV, ["v-kz", "v-uz"]),
    ("Мирзиёев", MIRZIYOYEV, ["v-kz", "v-uz"]),
    ("Токаев", TOKAYEV, ["v-kz"]),
], ids=["uz-latn-city", "ru-city", "en-city", "uz-latn-region", "ru-region", "ru-prefix-country",
        "uz-latn-country", "ru-capital", "ru-prefix-person", "ru-person", "ru-person-2"])
def test_a_query_in_any_script_finds_the_place_person_and_visits(finder, query, first, also):
    found = finder.rank(query, [*LOCATIONS, TOKAYEV, MIRZIYOYEV, ERDOGAN, *(v.id for v in VISITS)])
    assert found[0] == first
    assert [f for f in found if f.startswith("v-")] == also


@pytest.mark.parametrize("query", ["Khiva", "Хива", "Tashkent"])
def test_no_fuzzy_noise(finder, query):
    assert "city:Ashgabat" not in finder.rank(query, LOCATIONS)


def test_exact_matches_rank_before_words_and_parts(finder):
    places = ["city:Astana", "country:KZ"]
    ranked = search.finder({"a": "Kazakhstan", "b": "Kazakhstanskaya", "c": "Trans Kazakhstan Line"}, {},
                           DATA / "lexicons").rank("Kazakhstan", ["c", "b", "a"])
    assert ranked == ["a", "c", "b"]          # exact, then a word, then the start of a word (given order)
    assert finder.rank("", places) == places                       # no query: everything, as given
    assert finder.rank("zz", places) == []


# -- the page's search box -----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Хива", "Xiva", "Эрдоган"], ids=["ru", "uz-latn", "ru-person"])
def test_the_search_box_narrows_the_visit_list_in_any_script(two_visits, query):
    at = page()
    at.sidebar.text_input(key="f_find").set_value(query).run()
    assert not at.exception
    options = at.sidebar.selectbox(key="f_visit").options
    assert len(options) == 1 and ERDOGAN in options[0]
    assert any("Found 1 visit" in c.value for c in at.sidebar.caption)


def test_a_search_keeps_what_is_chosen_and_says_when_nothing_matches(two_visits):
    at = page()
    at.sidebar.multiselect(key="f_loc").set_value(["city:Samarkand"]).run()
    at.sidebar.text_input(key="f_find").set_value("Хива").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_loc").value == ["city:Samarkand"]
    at.sidebar.text_input(key="f_find").set_value("Пекин").run()
    assert any("Nothing found" in c.value for c in at.sidebar.caption)


def test_the_lists_own_typing_matches_by_substring_not_fuzzily(two_visits):
    at = page()
    contains = FILTER_MODE_CONTAINS
    assert at.sidebar.selectbox(key="f_visit").proto.filter_mode == contains
    assert at.sidebar.multiselect(key="f_loc").proto.filter_mode == contains
    assert at.sidebar.multiselect(key="f_person").proto.filter_mode == contains



def test_options_with_the_same_names_share_their_search_keys(finder):
    """14k visits of a few leaders repeat the same aliases: one string each, not one per visit."""
    first, second = (finder.keys[v.id] for v in VISITS[:2])
    common_keys = set(first) & set(second)
    assert common_keys                                      # both name Mirziyoyev or Uzbekistan
    by_value = {k: k for k in first}
    assert all(by_value[k] is k for k in second if k in common_keys)


def test_a_new_store_version_drops_the_search_made_from_the_old_read(two_visits):
    from dashboard.views import common, find

    cfg = Settings.from_env()
    common.forget_reads()
    data = common.load(cfg)
    made = find._finder(cfg, data.version, data)
    assert find._finder(cfg, data.version, data) is made      # kept while the store is unchanged
    common.forget_reads()
    assert find._finder(cfg, data.version, data) is not made
    common.forget_reads()


def test_the_page_s_index_is_the_one_made_from_every_alias_list_at_once(finder):
    """The visits' aliases are worked out when the index asks (not held for every visit at once), and
    repeated visits share one keys tuple: the keys are those of the lists made beforehand."""
    aliases = search.load_aliases(DATA)
    twins = [*VISITS, Visit(id="v-kz2", title=VISITS[0].title, principals=VISITS[0].principals, host="UZ",
                            region=None, start="2023-01-01", end="2023-01-01", cities=VISITS[0].cities,
                            articles=("c",))]
    labels = {v.id: v.title for v in twins}
    made = search.page_finder(DATA, LOCATIONS, [TOKAYEV], twins, labels, lambda key: key.partition(":")[2])
    lists = {key: [*aliases.of_location(key), key.partition(":")[2]] for key in LOCATIONS}
    lists[TOKAYEV] = list(aliases.of_person(TOKAYEV))
    lists.update({v.id: search.visit_aliases(v.principals, v.host, v.cities, aliases) for v in twins})
    every = {**{key: key.partition(":")[2] for key in LOCATIONS}, TOKAYEV: TOKAYEV, **labels}
    assert made.keys == search.finder(every, lists, DATA / "lexicons").keys
    assert made.keys["v-kz"] is made.keys["v-kz2"] and len(made.keys["v-kz"]) > 3


def test_the_page_s_index_asks_each_visit_label_once_and_only_of_the_listed_visits():
    """The visit labels are asked of the page's mapping as the index reaches each visit (the page makes
    each label when asked), once each, and only for the visits the page lists."""
    asked: list[str] = []

    class Labels(dict):
        def __getitem__(self, key):
            asked.append(key)
            return super().__getitem__(key)

    listed = VISITS[:-1]
    labels = Labels({v.id: v.title for v in listed})
    made = search.page_finder(DATA, LOCATIONS, [TOKAYEV], VISITS, labels, lambda key: key.partition(":")[2])
    assert sorted(asked) == sorted(v.id for v in listed)
    assert set(made.keys) == {*LOCATIONS, TOKAYEV, *(v.id for v in listed)}
    every = search._Labels({"city:Khiva": "Khiva"}, {v.id: v for v in listed}, labels)
    assert list(every) == ["city:Khiva", *(v.id for v in listed)] and len(every) == len(listed) + 1
    assert every[listed[0].id] == listed[0].title and every["city:Khiva"] == "Khiva"
    with pytest.raises(KeyError):
        every[VISITS[-1].id]
