"""Events told aside (extract/asides.py): a relative clause between a sentence's subject and its predicate
that carries its own date tells an earlier act of that subject, an event of its own dated by the clause
("The president, who arrived on Monday evening, laid a wreath on Tuesday"). A clause with no date of its
own, or one about a thing after the predicate, stays aside. Uzbek tells such acts with a participle before
the noun, which this does not read ('-kept' rows: controls)."""
from __future__ import annotations

import pytest

from dashboard import extract_events

PUBLISHED = "2024-05-14"     # a Tuesday


def told(text: str) -> list[tuple[str, str]]:
    frame = extract_events(text, published=PUBLISHED)
    return [(r.kind, str(r.date)[:10]) for r in frame.itertuples()]


ASIDES = [
    ("en", "The president, who arrived in Hanoi on Monday evening, laid a wreath at the mausoleum on Tuesday.",
     [("arrival", "2024-05-13"), ("ceremony", "2024-05-14")]),
    ("ru", "Президент, который прибыл в Ханой в понедельник вечером, во вторник возложил венок к мавзолею.",
     [("arrival", "2024-05-13"), ("ceremony", "2024-05-14")]),
    ("en-no-date-kept", "The president, who is on a state visit to Vietnam, laid a wreath in Hanoi on Tuesday.",
     [("ceremony", "2024-05-14")]),
    ("ru-thing-kept", "Во вторник президент посетил в Ханое выставку, которая накануне открылась в музее.",
     [("tour", "2024-05-14")]),
    ("uz-Latn-kept", "Dushanba kuni kechqurun Hanoyga kelgan Prezident seshanba kuni maqbaraga gulchambar "
                     "qoʻydi.", None),
    ("uz-Cyrl-kept", "Душанба куни кечқурун Ханойга келган Президент сешанба куни мақбарага гулчамбар қўйди.",
     None),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ASIDES, ids=[r[0] for r in ASIDES])
def test_relative_clause_with_its_own_date_is_an_event(lang: str, text: str,
                                                       expected: list[tuple[str, str]] | None) -> None:
    found = told(text)
    if expected is None:      # a participle before the noun: no arrival is read from it
        assert [kind for kind, _ in found] == ["ceremony"]
    else:
        assert found == expected
