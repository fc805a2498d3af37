"""Gold-timeline scoring for the tests, the same rules as the project's evaluation script.

A predicted event matches a gold event when its kind is one of the gold ``kinds``, its date equals the
gold date and its point lies within ``within_km`` of the gold point. Matches are counted along the
longest common subsequence of the two timelines, so an event found in the wrong order does not count.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

Row = Mapping[str, object]
Match = Callable[[Row, Row], bool]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def near(pred: Row, gold: Row) -> bool:
    try:
        return km(float(pred["lat"]), float(pred["lon"]), float(gold["lat"]), float(gold["lon"])) <= float(gold["within_km"])
    except (KeyError, TypeError, ValueError):
        return False


def same_date(pred: Row, gold: Row) -> bool:
    return "date" not in gold or str(pred.get("date") or "")[:10] == gold["date"]


def same_kind(pred: Row, gold: Row) -> bool:
    return str(pred.get("kind") or "").lower() in gold["kinds"]


def strict(pred: Row, gold: Row) -> bool:
    return same_kind(pred, gold) and same_date(pred, gold) and near(pred, gold)


def lcs(preds: Sequence[Row], golds: Sequence[Row], match: Match) -> tuple[int, list[tuple[int, int]]]:
    """Length of the longest common subsequence under ``match``, and its (pred, gold) index pairs."""
    n, m = len(preds), len(golds)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if match(preds[i], golds[j]):
                table[i][j] = table[i + 1][j + 1] + 1
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if match(preds[i], golds[j]) and table[i][j] == table[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return len(pairs), pairs


def describe_pred(p: Row) -> str:
    lat, lon = p.get("lat"), p.get("lon")
    point = f"{float(lat):.4f},{float(lon):.4f}" if lat is not None and lon is not None else "no point"
    evidence = " ".join(str(p.get("evidence") or "").split())[:140]
    return (f"{p.get('kind')} {p.get('date')} {p.get('time') or ''} @ {p.get('place')} ({point}) "
            f"<- {evidence!r}")


def describe_gold(g: Row) -> str:
    return f"{'/'.join(g['kinds'])} {g.get('date')} {g.get('time', '')} @ {g.get('place')} ({g['lat']},{g['lon']} ±{g['within_km']} km)"


def nearest_miss(pred: Row, gold: Row) -> str:
    """Why a prediction is not this gold event: the failing criteria."""
    why = []
    if not same_kind(pred, gold):
        why.append(f"kind {pred.get('kind')} not in {gold['kinds']}")
    if not same_date(pred, gold):
        why.append(f"date {pred.get('date')} != {gold['date']}")
    if not near(pred, gold):
        try:
            d = km(float(pred["lat"]), float(pred["lon"]), float(gold["lat"]), float(gold["lon"]))
            why.append(f"{d:.1f} km away (> {gold['within_km']})")
        except (KeyError, TypeError, ValueError):
            why.append("no point")
    return "; ".join(why) or "matches, but out of order"


def diagnose(preds: Sequence[Row], golds: Sequence[Row]) -> str:
    """A readable report of the missed gold events and the extra predictions."""
    _, pairs = lcs(preds, golds, strict)
    hit_p = {i for i, _ in pairs}
    hit_g = {j for _, j in pairs}
    lines = [f"{len(pairs)}/{len(golds)} gold events matched in order, {len(preds)} predicted"]
    for j, g in enumerate(golds):
        if j in hit_g:
            continue
        lines.append(f"  MISSED gold #{j + 1}: {describe_gold(g)}")
        candidates = [p for i, p in enumerate(preds) if i not in hit_p and same_kind(p, g)]
        for p in candidates[:2]:
            lines.append(f"      closest same-kind prediction: {describe_pred(p)} -- {nearest_miss(p, g)}")
    for i, p in enumerate(preds):
        if i not in hit_p:
            lines.append(f"  EXTRA pred #{i + 1}: {describe_pred(p)}")
    lines.append("  predicted timeline:")
    lines.extend(f"    {i + 1}. {describe_pred(p)}" for i, p in enumerate(preds))
    return "\n".join(lines)
