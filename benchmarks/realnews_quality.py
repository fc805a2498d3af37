"""Three qualities of the extraction on a gold corpus that F1 does not show: misplaced events,
participants that are not people, titles that are not headlines.

* ``places``: each predicted event farther than its nearest gold event's tolerance from every gold
  event of the article (``far`` when more than 300 km), with the surface the place was read from.
* ``people``: every participant name predicted for an article; a name none of whose words (folded,
  Cyrillic spelled in Latin) occurs in the gold ``who`` fields of the article is listed as a suspect
  (judge the list: the gold ``who`` names the main people only).
* ``titles``: the title an ingested article is stored under (``preparing.headline``: the file read as the
  dashboard reads it, then extracted); a title of fewer than three words, or with no word of four
  letters, or that reads as a date, is counted as page furniture; the file's name (no headline found)
  is counted apart. Judge the list: a long line of page furniture passes the count.

Run from the project root (the shared scorer beside the project gives the matching):

    .venv/bin/python benchmarks/realnews_quality.py ../shared/realnews [--list]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import common

CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ",
               ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sh", "", "y", "", "e", "yu", "ya", "o", "q", "g",
                "h"], strict=True))
WORD = re.compile(r"[^\W\d_]{3,}")
DATEISH = re.compile(r"\d{1,4}[./\- ]")


def latin(word: str) -> str:
    """A rough Latin spelling of a folded word, for comparing names across scripts."""
    out = "".join(CYR.get(c, c) for c in word.lower())
    return re.sub(r"[^a-z]", "", out.replace("kh", "h").replace("x", "h").replace("j", "zh"))[:5]


def words(text: str) -> set[str]:
    return {latin(w) for w in WORD.findall(text or "")}


def furniture(title: str) -> bool:
    tokens = title.split()
    return len(tokens) < 3 or not any(len(w) >= 4 for w in WORD.findall(title)) or (
        bool(DATEISH.match(title.strip())) and len(tokens) <= 5)


def main(argv: list[str] | None = None) -> int:
    args = common.parser(__doc__)
    args.add_argument("corpus", type=Path)
    args.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    args.add_argument("--list", action="store_true", help="list each finding")
    opts = args.parse_args(argv)
    sys.path.insert(0, str(opts.eval.resolve()))
    import score  # type: ignore[import-not-found]  # the shared scorer, beside the project

    from dashboard.extract import extract
    from dashboard.ingest import read_path
    from dashboard.preparing import headline
    from dashboard.settings import DEFAULT
    off = far = names = suspects = bad_titles = nameless = articles = 0
    for gold_path in sorted(opts.corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
        found = extract(text, published=gold["published"])
        frame = found.events
        frame = frame[frame["status"].fillna("happened") != "planned"]
        golds = gold["events"]
        articles += 1
        title = headline(read_path(gold_path.parent / gold["article"], DEFAULT), found)
        nameless += title == gold["article"]
        if title != gold["article"] and furniture(title):
            bad_titles += 1
        if opts.list:
            print(f"title   {gold['article']}: {title!r}")
        who = set().union(*(words(g.get("who", "")) for g in golds)) if golds else set()
        seen: set[str] = set()
        for row in frame.to_dict(orient="records"):
            for name in filter(None, (row.get("participants") or "").split("; ")):
                if name in seen:
                    continue
                seen.add(name)
                names += 1
                if not words(name) & who:
                    suspects += 1
                    if opts.list:
                        print(f"person  {gold['article']}: {name!r}")
            if row.get("lat") is None or row["lat"] != row["lat"] or not golds:
                continue
            dist = min(score.km(float(row["lat"]), float(row["lon"]), g["lat"], g["lon"]) for g in golds)
            if dist > max(g.get("within_km", 25) for g in golds):
                off += 1
                far += dist > 300
                if opts.list:
                    print(f"place   {gold['article']}: {row['kind']} at {row['place']} "
                          f"({row['place_surface']}) {dist:.0f} km | {str(row['evidence'])[:90]!r}")
    print(f"{articles} articles: {off} events placed off every gold event ({far} > 300 km); "
          f"{names} participant names, {suspects} not in the gold who; {bad_titles} titles that look like "
          f"page furniture, {nameless} file names (no headline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
