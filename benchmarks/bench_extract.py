"""Warm extraction throughput on one core, and our whole pipeline against dateparser.search_dates.

For every synthetic article (benchmarks/corpus.py: made from data/seed and tests/fixtures articles) it
times, interleaved in the same run and the same process,

* ours:  ``dashboard.extract.extract(text, published).records`` (language detection, normalisation,
  segments, dates, places, kinds, people: the events as the command line, ingest, batches and reextract
  take them; ``--frame`` times ``dashboard.extract_events`` instead, which also builds the event frame);
* peer:  ``dateparser.search.search_dates(text, languages=["uz", "ru", "en"],
  settings={"RELATIVE_BASE": published})`` (dates only, languages given);

alternating which of the two goes first. The process is pinned to CPU 0 with
``os.sched_setaffinity(0, {0})`` (``--no-pin`` to skip). After a warm-up pass, ``--rounds`` rounds over
the whole corpus; each round gives a throughput (articles/s), per-article median and p90 and the ratio
ours/peer of total times; the figures printed are medians over rounds. ``--detect N`` also times the
peer without ``languages`` (it then detects the language) on the first N articles, once each.

Run:
    .venv/bin/python benchmarks/bench_extract.py                   # 1000 articles, 5 rounds
    .venv/bin/python benchmarks/bench_extract.py --n 200 --rounds 3
    .venv/bin/python benchmarks/bench_extract.py --smoke           # a few articles, 1 round (for tests)
    .venv/bin/python benchmarks/bench_extract.py --profile         # pyinstrument profile of ours, 1 round
    .venv/bin/python benchmarks/bench_extract.py --frame           # ours with the event frame (see below)

``--frame`` times ``dashboard.extract_events(text, published)``: the same extraction and then the pandas
frame of its events (what the page and the tests read). The default, the records, is what the product
runs on its way to the store (``--records`` is accepted and is the default).
"""
from __future__ import annotations

import gc
import time
import warnings

try:
    from benchmarks import common
    from benchmarks.corpus import generate
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]
    from corpus import generate  # type: ignore[no-redef]


def _ours(frame: bool = False):
    if not frame:
        from dashboard.extract import extract

        return lambda a: extract(a.text, a.published).records
    from dashboard import extract_events

    return lambda a: extract_events(a.text, a.published)


def _peer(languages: list[str] | None):
    from dateparser.search import search_dates

    def run(a):
        kwargs = {"languages": languages} if languages else {}
        return search_dates(a.text, settings={"RELATIVE_BASE": a.published_datetime}, **kwargs)
    return run


def _round(articles, ours, peer) -> tuple[list[float], list[float], int]:
    t_ours, t_peer, events = [], [], 0
    clock = time.perf_counter
    for i, article in enumerate(articles):
        order = ((ours, t_ours), (peer, t_peer)) if i % 2 == 0 else ((peer, t_peer), (ours, t_ours))
        for fn, times in order:
            start = clock()
            out = fn(article)
            times.append(clock() - start)
            if fn is ours:
                events += len(out)
    return t_ours, t_peer, events


def _profile(articles, ours) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit("pyinstrument is missing: .venv/bin/pip install pyinstrument") from None
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for article in articles:
        ours(article)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))


def main() -> int:
    p = common.parser(__doc__)
    p.add_argument("--n", type=int, default=1000, help="articles in the corpus (default 1000)")
    p.add_argument("--rounds", type=int, default=5, help="timed rounds over the corpus (default 5)")
    p.add_argument("--seed", type=int, default=common.SEED)
    p.add_argument("--detect", type=int, default=3,
                   help="also time the peer detecting the language on this many articles (default 3)")
    p.add_argument("--no-pin", action="store_true", help="do not pin to CPU 0")
    p.add_argument("--profile", action="store_true", help="print a pyinstrument profile of ours instead")
    p.add_argument("--smoke", action="store_true", help="tiny run for the smoke test (12 articles, 1 round)")
    p.add_argument("--frame", action="store_true",
                   help="time extract_events (the events' pandas frame) instead of extract(...).records")
    p.add_argument("--records", action="store_true",
                   help="time extract(...).records, what ingest stores (the default; kept for old commands)")
    args = p.parse_args()
    if args.smoke:
        args.n, args.rounds, args.detect = 12, 1, 0
    warnings.filterwarnings("ignore")          # dateparser's deprecation chatter

    pinned = "not pinned (--no-pin)" if args.no_pin else common.pin_one_core()
    common.print_machine()
    print(f"cpu: {pinned}; git {common.git_revision()}")
    articles = generate(args.n, args.seed)
    size = sum(len(a.text.encode("utf-8")) for a in articles) / len(articles)
    print(f"corpus: {len(articles)} articles, mean {size:,.0f} bytes, seed {args.seed}")
    ours, peer = _ours(args.frame), _peer(common.PEER_LANGUAGES)
    for article in articles[: min(len(articles), 30)]:   # warm-up: imports, caches, lexicons, gazetteer
        ours(article)
        peer(article)
    if args.profile:
        _profile(articles, ours)
        return 0

    per_round = []
    for r in range(args.rounds):
        gc.collect()
        t_ours, t_peer, events = _round(articles, ours, peer)
        row = {"throughput": len(articles) / sum(t_ours), "peer_throughput": len(articles) / sum(t_peer),
               "ours_median": common.median(t_ours), "ours_p90": common.percentile(t_ours, 90),
               "peer_median": common.median(t_peer), "peer_p90": common.percentile(t_peer, 90),
               "ratio": sum(t_ours) / sum(t_peer), "events": events}
        per_round.append(row)
        print(f"round {r + 1}: ours {row['throughput']:.1f} articles/s, peer {row['peer_throughput']:.1f} "
              f"articles/s, ratio {row['ratio']:.2f}x, {events} events", flush=True)

    def med(key: str) -> float:
        return common.median([row[key] for row in per_round])

    print(f"\nmedians over {args.rounds} rounds of {len(articles)} articles ({pinned}):")
    common.figure("extract throughput (one core)", med("throughput"), "articles/s",
                  "ours: extract_events (the frame)" if args.frame else "ours: extract(...).records")
    common.figure("extract per article median", med("ours_median") * 1000, "ms")
    common.figure("extract per article p90", med("ours_p90") * 1000, "ms")
    common.figure("peer throughput (one core)", med("peer_throughput"), "articles/s",
                  "dateparser.search_dates, languages uz/ru/en")
    common.figure("peer per article median", med("peer_median") * 1000, "ms")
    common.figure("peer per article p90", med("peer_p90") * 1000, "ms")
    common.figure("ratio ours/peer (total time)", med("ratio"), "x", "target <= 1.0, goal 0.5")
    common.figure("events per article", med("events") / len(articles))
    if args.detect:
        detect = _peer(None)
        times = []
        for article in articles[: args.detect]:
            start = time.perf_counter()
            detect(article)
            times.append(time.perf_counter() - start)
        common.figure("peer without languages per article median", common.median(times) * 1000, "ms",
                      f"language detection, {len(times)} articles, once each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
