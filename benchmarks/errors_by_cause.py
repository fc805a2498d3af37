"""Where the extractor still misses on a gold corpus: each unmatched gold event by what was wrong.

For every article the predicted timeline is matched to the gold as ``score.py`` does (kind, date and place
along the longest common subsequence). A gold event left unmatched is counted as

* ``place``: an unmatched prediction has its kind and date but lies outside the tolerance;
* ``kind``: one has its date and place but another kind;
* ``date``: one has its kind and place but another date;
* ``missing``: nothing comes close.

Unmatched predictions are counted as ``extra``. Run from the project root:

    .venv/bin/python benchmarks/errors_by_cause.py ../shared/realnews [--list]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"),
                        help="folder of score.py and quick.py")
    parser.add_argument("--list", action="store_true", help="also list every unmatched gold event")
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


if __name__ == "__main__":
    raise SystemExit(main())
