"""Fits ``data/confidence.json`` (dashboard/extract/confidence.py) and prints how calibrated it is.

Every article of the fitting sets is extracted; each event that is not planned is right when the
shared scorer matches it to a gold event (kind, date and place, along the longest common subsequence,
as ``score.py`` counts). Events are grouped by their features at every level of the table, from the
most specific (kind, cue, date, place) to all events; a group's rate is its share of right events,
smoothed towards the rate of its coarser group (``(right + M * parent) / (n + M)``), and kept when it
has at least ``--min`` events. The check set (never used for fitting) is then read with the new table:
per bin of predicted confidence, the mean predicted and the observed share of right events, and the
Brier score against the former hand-set formula. Run from the project root:

    .venv/bin/python benchmarks/fit_confidence.py ../shared/realnews --fit 1,2 --check 3 [--write]
"""
from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable
from pathlib import Path

try:
    from benchmarks import common
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]

LEVELS: tuple[tuple[str, ...], ...] = (("kind", "cue", "date", "place"), ("cue", "date", "place"),
                                       ("cue", "place"), ("cue",), ())
BINS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def observed(corpus: Path, sets: set[int], scorer: object) -> list[tuple[dict[str, str], bool]]:
    """(features, right?) of every happened event extracted from the articles of ``sets``."""
    import dashboard.extract as extraction
    from dashboard.extract.confidence import features

    seen: list[dict[str, str]] = []
    former: Callable = extraction._confidence

    def spy(d, data_dir):  # records each event's features, in the order the events are made
        seen.append(features(d))
        return former(d, data_dir)

    extraction._confidence = spy  # type: ignore[assignment]
    out: list[tuple[dict[str, str], bool]] = []
    try:
        for gold_path in sorted(corpus.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if gold.get("set") not in sets:
                continue
            seen.clear()
            text = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
            frame = extraction.extract(text, gold["published"]).events
            rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
            kept = [(row, f) for row, f in zip(rows, seen, strict=True) if row["status"] != "planned"]
            preds = [row for row, _ in kept]
            _, pairs = scorer.lcs(preds, gold["events"], lambda p, g: bool(  # type: ignore[attr-defined]
                scorer.same_kind(p, g) and scorer.same_date(p, g) and scorer.near(p, g)))  # type: ignore[attr-defined]
            right = {i for i, _ in pairs}
            out += [(f, i in right) for i, (_, f) in enumerate(kept)]
    finally:
        extraction._confidence = former  # type: ignore[assignment]
    return out


def fit(events: list[tuple[dict[str, str], bool]], weight: float, least: int) -> dict[str, float]:
    from dashboard.extract.confidence import key

    rates: dict[str, float] = {}
    for depth in range(len(LEVELS) - 1, -1, -1):         # coarsest first: each level backs off to the next
        level = LEVELS[depth]
        groups: dict[str, list[bool]] = {}
        for f, ok in events:
            groups.setdefault(key(level, f), []).append(ok)
        for k, oks in groups.items():
            if level and len(oks) < least:
                continue
            parent = _parent(rates, depth, k, events, level)
            rates[k] = round((sum(oks) + weight * parent) / (len(oks) + weight), 3)
    return rates


def _parent(rates: dict[str, float], depth: int, k: str, events: list[tuple[dict[str, str], bool]],
            level: tuple[str, ...]) -> float:
    """The smoothed rate of the coarser group this group lies in (0.5 above the top)."""
    from dashboard.extract.confidence import key

    if not level:
        return 0.5
    values = next(f for f, _ in events if key(level, f) == k)
    for coarser in LEVELS[depth + 1:]:
        rate = rates.get(key(coarser, values))
        if rate is not None:
            return rate
    return 0.5


def former_formula(f: dict[str, str]) -> float:
    """The hand-set confidence this table replaces."""
    score = 0.4 + (0.2 if f["cue"] == "strong" else 0.0) + (0.1 if f["date"] == "day" else 0.0)
    score += {"own": 0.3, "inferred": 0.1}.get(f["place"], 0.0)
    return round(min(score, 1.0), 2)


def report(events: list[tuple[dict[str, str], bool]], predict: Callable[[dict[str, str]], float],
           name: str) -> None:
    brier = sum((predict(f) - ok) ** 2 for f, ok in events) / max(len(events), 1)
    print(f"{name}: {len(events)} events, {sum(ok for _, ok in events)} right, Brier {brier:.3f}")
    print("  bin        n  predicted  observed")
    for lo, hi in itertools.pairwise(BINS):
        inside = [(predict(f), ok) for f, ok in events if lo <= predict(f) < hi]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            share = sum(ok for _, ok in inside) / len(inside)
            print(f"  {lo:.1f}-{min(hi, 1.0):.1f}  {len(inside):3}  {mean:9.2f}  {share:8.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"), help="folder of score.py")
    parser.add_argument("--fit", default="1,2", help="sets to fit on")
    parser.add_argument("--check", default="3", help="sets to check on (never fitted on)")
    parser.add_argument("--smooth", type=float, default=5.0, help="M: weight of the coarser group's rate")
    parser.add_argument("--min", type=int, default=4, help="least events of a kept group")
    parser.add_argument("--write", action="store_true", help="write the table to data/confidence.json")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.eval.resolve()))
    import score  # type: ignore[import-not-found]  # the shared scorer, beside the project

    from dashboard.extract.confidence import Calibration

    fitting = observed(args.corpus, {int(s) for s in args.fit.split(",")}, score)
    rates = fit(fitting, args.smooth, args.min)
    table = Calibration(LEVELS, rates)
    report(fitting, table.of, f"fitted on sets {args.fit}")
    if args.check:
        checking = observed(args.corpus, {int(s) for s in args.check.split(",")}, score)
        report(checking, table.of, f"check on sets {args.check}, fitted table")
        report(checking, former_formula, f"check on sets {args.check}, former hand-set formula")
    if args.write:
        path = common.ROOT / "data" / "confidence.json"
        doc = ("How often events like this were right (matched to gold: kind, date, place) on the real-news "
               f"development set (sets {args.fit}, {len(fitting)} events); written by "
               "benchmarks/fit_confidence.py. levels: most specific first; "
               "rates: 'feature=value|...' -> rate.")
        path.write_text(json.dumps({"_doc": doc, "levels": [list(level) for level in LEVELS],
                                    "rates": dict(sorted(rates.items()))}, indent=1) + "\n", encoding="utf-8")
        print(f"written {path} ({len(rates)} rates)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
