"""F1 on a gold corpus per set and per language, counted as the shared scorer counts (``quick.py``'s
predictions, ``score.py``'s matching): the figures the issue notes quote for ``../shared/realnews``
(sets 1-3; uz-Latn, uz-Cyrl, ru, en from each gold file's ``set`` and ``language`` fields).

Run from the project root (the shared scorer beside the project):

    .venv/bin/python benchmarks/by_set_language.py ../shared/realnews
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

Tally = list[int]       # matched, predicted, gold, placed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"),
                        help="folder of score.py and quick.py")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path.cwd()))                  # this checkout's dashboard
    sys.path.insert(0, str(args.eval.resolve()))
    import score  # type: ignore[import-not-found]  # the shared scorer, beside the project
    from quick import predict  # type: ignore[import-not-found]

    def strict(p: dict, g: dict) -> bool:
        return bool(score.same_kind(p, g) and score.same_date(p, g) and score.near(p, g))

    rows: dict[tuple[str, str], Tally] = {}
    for gold_path in sorted(args.corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        preds = predict(gold_path.parent / gold["article"], gold["published"])
        matched, _ = score.lcs(preds, gold["events"], strict)
        placed, _ = score.lcs(preds, gold["events"], score.near)
        group, lang = str(gold.get("set", "-")), str(gold.get("language", "-"))
        for key in ((group, lang), (group, "all"), ("all", lang), ("all", "all")):
            tally = rows.setdefault(key, [0, 0, 0, 0])
            for i, n in enumerate((matched, len(preds), len(gold["events"]), placed)):
                tally[i] += n
    order = sorted(rows, key=lambda key: (key[0] != "all", key))       # the whole corpus first
    for group, lang in order:
        m, n_pred, n_gold, placed = rows[(group, lang)]
        p, r, f = score.prf(m, n_pred, n_gold)
        print(f"set {group:4} {lang:8} F1 {f:.2f} P {p:.2f} R {r:.2f} ({m}/{n_gold}, pred {n_pred}) "
              f"placed {placed / max(n_gold, 1):.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
