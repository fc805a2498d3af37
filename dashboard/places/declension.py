"""Oblique cases of multi-word names, built from a language's "declension" table in morphology.json."""
from __future__ import annotations


class Declension:
    """Oblique cases of multi-word names, from a language's "declension" table in morphology.json.

    "Большой Кремлёвский дворец" -> "Большом Кремлёвском дворце", ...; "Могила Неизвестного Солдата" ->
    "Могиле Неизвестного Солдата" (a genitive complement stays); the matcher stems only a name's last word.
    """

    def __init__(self, table: dict) -> None:
        self.t = table
        self.adj = sorted(table["adjectives"], key=len, reverse=True)
        self.nouns = sorted(table["nouns"], key=len, reverse=True)
        self.letters = frozenset(table["letters"])

    @staticmethod
    def _end(word: str, ends: list[str]) -> str | None:
        return next((e for e in ends if word.endswith(e) and len(word) > len(e) + 1), None)

    def noun(self, word: str) -> tuple[list[str], str] | None:
        low, t = word.lower(), self.t
        if low.endswith(tuple(t["feminine_soft_nouns"])):
            return [word[:-1] + e for e in t["feminine_soft_forms"]], "f"
        end = self._end(low, self.nouns)
        if end is not None:
            gender = next((g for e, g in t["noun_gender"].items() if end.endswith(e)), "m")
            return [word[: len(word) - len(end)] + e for e in t["nouns"][end]], gender
        if low[-1] in t["indeclinable_final"] or len(low) < 3:     # Внуково, Тоо
            return None
        return [word + e for e in t["consonant_forms"]], "m"

    def adjective(self, word: str, end: str, gender: str, case: int) -> str:
        if gender == "m":
            return word[: len(word) - len(end)] + self.t["adjectives"][end][case]
        agree = self.t["agreement"][gender + ("_soft" if end in self.t["soft"] else "")]
        return word[:-2] + self.t["adjectives"][agree][case]

    def forms(self, name: str) -> list[str]:
        words = name.split(" ")
        if len(words) < 2 or not all(set(w.lower()) <= self.letters for w in words):
            return []
        ends = [self._end(w.lower(), self.adj) for w in words]
        head = next((i for i, e in enumerate(ends) if e is None), None)
        if head is None:
            return []
        noun = self.noun(words[head])
        if noun is None and head == 0:
            return []
        gender = noun[1] if noun else "m"
        cases = [(c, c) for c in range(5)]
        if noun is not None and gender == "m" and self.t.get("locative_u") and noun[0][1].endswith("у"):
            cases.append((2, 1))      # locative in -у: "в Александровском саду"
        out = []
        for case, noun_case in cases:
            cur = []
            for i, (w, end) in enumerate(zip(words, ends, strict=True)):
                if end is not None and (i < head or i == head + 1):
                    cur.append(self.adjective(w, end, gender, case))
                elif i == head and noun is not None:
                    cur.append(noun[0][noun_case])
                else:
                    cur.append(w)
            out.append(" ".join(cur))
        return [f for f in dict.fromkeys(out) if f != name]
