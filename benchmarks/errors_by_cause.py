"""Where the extractor still misses on a gold corpus: each unmatched gold event by what was wrong.

For every article the predicted timeline is matched to the gold as ``score.py`` does (kind, date and place
along the longest common subsequence). A gold event left unmatched is counted as

* ``place``: an unmatched prediction has its kind and date but lies outside the tolerance;
* ``kind``: one has its date and place but another kind;
* ``date``: one has its kind and place but another date;
* ``missing``: nothing comes close.

Unmatched predictions are counted as ``extra``; ``--extras`` lists each of them (file, kind, date, place
and the sentence it was read from), with the nearest gold event's kinds, date and place when one shares
its kind or date, so that extras can be grouped by cause. Run from the project root:

    PYTHONPATH=. .venv/bin/python benchmarks/errors_by_cause.py ../shared/realnews [--list] [--extras]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"),
                        help="folder of score.py and quick.py")
    parser.add_argument("--list", action="store_true", help="also list every unmatched gold event")
    parser.add_argument("--extras", action="store_true",
                        help="also list every unmatched prediction with its sentence")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.eval.resolve()))
    import score  # type: ignore[import-not-found]  # the shared scorer, beside the project
    from quick import predict  # type: ignore[import-not-found]

    def strict(p: dict, g: dict) -> bool:
        return bool(score.same_kind(p, g) and score.same_date(p, g) and score.near(p, g))

    counts: Counter[str] = Counter()
    for gold_path in sorted(args.corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        preds = predict(gold_path.parent / gold["article"], gold["published"])
        _, pairs = score.lcs(preds, gold["events"], strict)
        left = [p for i, p in enumerate(preds) if i not in {i for i, _ in pairs}]
        counts["extra"] += len(left)
        if args.extras:
            for p in left:
                print(extra_line(gold, p, score))
        for j, g in enumerate(gold["events"]):
            if j in {j for _, j in pairs}:
                continue
            cause = next((c for c, test in (
                ("place", lambda p, g=g: score.same_kind(p, g) and score.same_date(p, g)),
                ("kind", lambda p, g=g: score.same_date(p, g) and score.near(p, g)),
                ("date", lambda p, g=g: score.same_kind(p, g) and score.near(p, g)),
            ) if any(test(p) for p in left)), "missing")
            counts[cause] += 1
            if args.list:
                kinds = "/".join(g["kinds"])
                print(f"{cause:8} {gold['article']}  {kinds} {g.get('date')} {g.get('place', '')}")
    print(", ".join(f"{k} {counts[k]}" for k in ("missing", "place", "kind", "date", "extra")))
    return 0


def extra_line(gold: dict, pred: dict, score: Any) -> str:
    """One unmatched prediction: where, what, and the gold event of its kind and date it may retell."""
    near = [g for g in gold["events"] if score.same_kind(pred, g) or score.same_date(pred, g)]
    twin = next((g for g in near if score.same_kind(pred, g) and score.same_date(pred, g)), None)
    hint = f"  ~gold {'/'.join(twin['kinds'])} {twin.get('date')} {twin.get('place', '')}" if twin else ""
    evidence = " ".join(str(pred.get("evidence") or "").split())[:220]
    return (f"extra    {gold['article']}  {pred.get('kind')} {pred.get('date')} {pred.get('place')}{hint}\n"
            f"         | {evidence}")


if __name__ == "__main__":
    raise SystemExit(main())
