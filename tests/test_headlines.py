"""An article's title is its headline, never the page furniture above it (segments' title role and the
title the service stores a plain text under)."""
from __future__ import annotations

import pytest

from dashboard.extract import extract
from dashboard.ingest import read_text
from dashboard.preparing import headline
from dashboard.settings import Settings

SETTINGS = Settings()

# (id, page as saved: furniture lines, then the headline, then the prose; the headline expected)
PAGES = [
    ("uz-Latn-timestamp", "Siyosat | 12:47 / 08.08.2024\n\nPrezident Samarqandga yetib keldi\n\n"
     "Prezident bugun Samarqandga keldi. Mehmonni hokim kutib oldi.", "Prezident Samarqandga yetib keldi"),
    ("uz-Latn-date-and-counter", "Prezident Xivaga yetib bordi\n\nJamiyat\n\n5 mart 1234 2 daqiqa\n\n"
     "Prezident bugun Xivaga bordi. U Ichan qalʼani ziyorat qildi.", "Prezident Xivaga yetib bordi"),
    ("uz-Cyrl-two-sentences", "Президент Хивада. Тарихий обидалар зиёрат қилинди\n\n"
     "Президент бугун Хивага борди. У Ичан қалъани зиёрат қилди.",
     "Президент Хивада. Тарихий обидалар зиёрат қилинди"),
    ("ru-weekday-row", "Пн Вт Ср Чт Пт Сб Вс\n\nПрезидент посетил Хиву\n\n"
     "Президент сегодня прибыл в Хиву. Он осмотрел Ичан-калу.", "Президент посетил Хиву"),
    ("ru-site-name", "Официальный сайт Президента Республики Узбекистан\n\nПрезидент посетил Самарканд\n\n"
     "Президент сегодня прибыл в Самарканд. Он посетил Регистан.", "Президент посетил Самарканд"),
    ("en-headline-told-twice", "» The President arrives in Samarkand for talks mail-icon news@example\n"
     "EN RU UZ\n\nThe President arrives in Samarkand for talks\n\nviews 512\n\n"
     "The President arrived in Samarkand today. He visited the Registan.",
     "The President arrives in Samarkand for talks"),
    ("en-site-name", "View settings\n\nOfficial website of the President\n\nVisit to the Registan ensemble\n\n"
     "The President visited the Registan today. He met the restorers.", "Visit to the Registan ensemble"),
]

# a page with no headline at all: no title rather than furniture or the first sentence
NO_HEADLINE = [
    ("uz-Latn", "27.05.2019 18:20\n\nPrezident bugun Samarqandga keldi. Mehmonni hokim kutib oldi."),
    ("ru", "Новости\n\nПрезидент сегодня прибыл в Самарканд. Он посетил Регистан."),
    ("en", "23 Aug. 11:35 (UTC+3 MSK)\n\nThe President arrived in Samarkand today. He visited the Registan."),
]


@pytest.mark.parametrize(("page", "expected"), [r[1:] for r in PAGES], ids=[r[0] for r in PAGES])
def test_the_title_is_the_headline(page: str, expected: str) -> None:
    assert extract(page, published="2024-08-08").title == expected


@pytest.mark.parametrize(("page", "expected"), [r[1:] for r in PAGES], ids=[r[0] for r in PAGES])
def test_a_plain_text_is_stored_under_its_headline(page: str, expected: str) -> None:
    doc = read_text(page, SETTINGS, name="page.txt")
    assert headline(doc, extract(doc.text, published="2024-08-08")) == expected


@pytest.mark.parametrize("page", [r[1] for r in NO_HEADLINE], ids=[r[0] for r in NO_HEADLINE])
def test_a_page_without_headline_is_stored_under_its_file_name(page: str) -> None:
    doc = read_text(page, SETTINGS, name="page.txt")
    assert headline(doc, extract(doc.text, published="2024-08-08")) == "page.txt"
