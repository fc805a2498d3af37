"""The dashboard as the timeline grows: server-side time of a rerun after a filter change, figure sizes.

For each size (default 1k, 10k and 100k events) a fresh SQLite store is filled with synthetic events:
the schema comes from ``dashboard.store.Store`` (its migrations), the rows go in through
``Store.connect()`` with one ``executemany`` per table, in the store's own columns (``EVENT_COLUMNS``,
``LINK_COLUMNS``). ``Store.add_article`` is not used for the fill: at ~9 ms per article (see
bench_ingest.py) 100k events would take minutes, and the page's speed does not depend on how they
came. Events: ~6 per article, random kinds, 10 % with a second source. With ``--people visits`` (the
default since 6 Dec 2026) each article tells one visit: a leader of data/people/leaders.csv in another
of five Central Asian countries for 1-3 days from a day drawn over ~3 years, places of that country
from the gazetteer index (data/places, cities and airports), the visitor named in 70 % of the events
(the others take him from their article). With ``--people one`` (the store of the measurements before
6 Dec 2026) every event names Shavkat Mirziyoyev on its article's one day at a place in any of the five
countries: that makes about twenty visits three years long, which no real timeline has.

Two measurements per size (``--mode``):

* ``apptest``: ``streamlit.testing.v1.AppTest`` on dashboard/views/timeline.py with
  ``VISIT_TIMELINE_DB_PATH`` set. After a first (cold) run, each rerun changes a filter widget
  (Kind: one kind, then another; Location: one city; then every filter cleared; one visit chosen in the
  Visit list) and ``.run()`` is timed. The one-city reruns are also given on their own.
  This is the real page: the cached page data (st.cache_resource), widgets, filters, figures, the
  table and the protobuf of every element, minus the browser.
* ``functions`` (run first): the exact functions the page calls on a rerun, timed one by one, for the "narrow"
  case (one kind), the "all" case (no filter) and one visit chosen: the filters and ``figures.sequence``
  (through the page's ``shown_events``, which reuses the sequence of the no-filter view made once per
  store change), ``overview_note``, ``timeline_figure``, ``map_figure``, the page's table (its first
  window of ``TABLE_ROWS`` rows, as the page sends) and the figures' JSON; then the first event's
  sources as the detail panel reads them when the focus changes. Also,
  once: the page data load that runs when the store changes (``views.common.loaded``: the timeline,
  the article list, the filter options), the three exports (built only on a download click), the size
  of the figure JSON sent to the browser, ``len(fig.to_json())``, and what the figures do at this size
  (trace types, number of shapes/annotations).

``--json FILE`` (with the ``apptest`` mode) also runs benchmarks/minimal_app.py, a minimal 3-chart Streamlit
app, through AppTest in the same process, interleaved with the page: a rerun of it after a filter change
next to each narrowing rerun of the page; and after the page's filter reruns, ``--rounds`` times: one small
article of our own ingested (``Timeline.ingest_text``), one page run, one first run of a new session of
the minimal app (see benchmarks/floor.py); then as many rounds of the same with a page that held nothing
before the write (the process's held reads and Streamlit's caches dropped, a new AppTest session: a
server started after the write). FILE gets, per size: ``first_load_after_write_ratio`` (the page's first
run after an ingest over the minimal app's first run; the page is the session that ran before the write,
in the same process: a running server, which patches what it holds with what the write changed),
``first_load_after_write_fresh_ratio`` (the same for the page that held nothing), ``rerun_narrow_ratio``
(the page's narrowing filter change over the minimal app's rerun after a filter change), the absolute
figures (medians, ms) and the load average; and ``first_load_after_write_cpu_ratio`` (and
``first_load_after_write_fresh_cpu_ratio``), the same ratio of the process's CPU time over those runs
(AppTest runs each script in a thread of this process), which the other engineers' load inflates much
less than wall time.

Run:
    .venv/bin/python benchmarks/bench_dashboard.py                       # 1k, 10k, 100k, both modes
    .venv/bin/python benchmarks/bench_dashboard.py --sizes 10000 --mode apptest --json /tmp/ratios.json
    .venv/bin/python benchmarks/bench_dashboard.py --sizes 1000,10000 --mode functions
    .venv/bin/python benchmarks/bench_dashboard.py --sizes 100000 --mode functions --rounds 1
    .venv/bin/python benchmarks/bench_dashboard.py --smoke               # 200 events, 1 round

A page function running past ``--step-timeout`` is interrupted (SIGALRM) and reported as timed out; the
AppTest rerun of that size is then skipped. (The ``--with-fix`` option that measured batched day bands
is gone: that fix shipped in dashboard/figures.py.)

The process takes the allocator settings the page's server runs with (``quiet.lean_allocators``, which
dashboard/app.py calls at its first run: pyarrow on malloc, glibc's mmap threshold fixed): page and
minimal app alike, as they share the process. ``--default-allocators`` keeps the defaults.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import importlib
import json
import os
import random
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

try:
    from benchmarks import common, floor
except ImportError:   # run as a script
    import common  # type: ignore[no-redef]
    import floor  # type: ignore[no-redef]

VIEWS = "views" if (common.ROOT / "dashboard" / "views" / "timeline.py").exists() else "pages"
PAGE = common.ROOT / "dashboard" / VIEWS / "timeline.py"
COUNTRIES = ("UZ", "KZ", "KG", "TJ", "TM")
EVENTS_PER_ARTICLE = 6
FIRST_DAY = dt.date(2023, 1, 1)
DAYS = 3 * 365


# -- the synthetic store --------------------------------------------------------------------------------

def _places(rng: random.Random) -> list[dict[str, object]]:
    data = json.loads(gzip.decompress((common.ROOT / "data" / "places" / "index.json.gz").read_bytes()))
    fields = data["fields"]
    rows = [dict(zip(fields, r, strict=False)) for r in data["places"]]
    rows = [r for r in rows if r["country"] in COUNTRIES and r["kind"] in ("city", "airport", "landmark")]
    rows.sort(key=lambda r: -(r.get("pop") or 0))
    picked = rows[:400]
    rng.shuffle(picked)
    return picked


def _leaders() -> list[tuple[str, str]]:
    with (common.ROOT / "data" / "people" / "leaders.csv").open(encoding="utf-8") as f:
        return [(r["name"], r["country"]) for r in csv.DictReader(f)]


def fill_store(db: Path, n_events: int, seed: int = common.SEED, people: str = "visits") -> dict[str, int]:
    """A store with ``n_events`` events, through the Store's schema and connection; returns its stats."""
    from dashboard.schema import KINDS
    from dashboard.store import EVENT_COLUMNS, LINK_COLUMNS, Store

    rng = random.Random(seed)
    places = _places(rng)
    in_country: dict[str, list[dict[str, object]]] = {}
    for place in places:
        in_country.setdefault(str(place["country"]), []).append(place)
    leaders = _leaders()
    store = Store(db)
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    articles, events, links = [], [], []
    days = sorted(rng.randrange(DAYS) for _ in range(n_articles))
    event_id = 0
    for a in range(n_articles):
        aid = f"{a:064x}"
        first = FIRST_DAY + dt.timedelta(days=days[a])
        day = first.isoformat()
        visitor, home = rng.choice(leaders)
        host = rng.choice([c for c in COUNTRIES if c != home])
        length = rng.choice((1, 1, 2, 3))
        count = EVENTS_PER_ARTICLE if a < n_articles - 1 else n_events - EVENTS_PER_ARTICLE * (n_articles - 1)
        articles.append((aid, f"Synthetic visit {a}", f"synthetic_{a}.txt", day, "uz-Latn",
                         f"Synthetic article {a}. " * 20, "2025-01-01T00:00:00+00:00"))
        for seq in range(1, count + 1):
            event_id += 1
            kind = rng.choice(KINDS)
            pool = places if people == "one" else in_country[host]
            place = rng.choice(pool) if rng.random() < 0.9 else None
            on = day if people == "one" else (first + dt.timedelta(days=rng.randrange(length))).isoformat()
            named = "Shavkat Mirziyoyev" if people == "one" else (visitor if rng.random() < 0.7 else "")
            values = {
                "kind": kind, "title": f"{kind.title()} · {place['name'] if place else 'somewhere'}",
                "date": on, "time": f"{9 + seq:02d}:00" if rng.random() < 0.3 else None,
                "date_precision": "day", "place": place["name"] if place else None,
                "place_kind": place["kind"] if place else None, "place_precision": "exact" if place else None,
                "place_id": place["id"] if place else None, "city": place["city"] if place else None,
                "region": place["region"] if place else None, "lat": place["lat"] if place else None,
                "lon": place["lon"] if place else None, "country": place["country"] if place else None,
                "status": "happened",
            }
            events.append((event_id, event_id, *(values[c] for c in EVENT_COLUMNS)))
            link = {"seq": seq, "place_surface": values["place"], "participants": named,
                    "evidence": f"Evidence sentence {seq} of synthetic article {a}.", "evidence_start": 0,
                    "evidence_end": 40, "confidence": 0.8}
            links.append((event_id, aid, *(link[c] for c in LINK_COLUMNS)))
            if a > 0 and rng.random() < 0.1:    # a second source: a retelling in the previous article
                links.append((event_id, f"{a - 1:064x}", *(link[c] for c in LINK_COLUMNS)))
    cols = ", ".join(EVENT_COLUMNS)
    with store.connect() as conn:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO articles (id, title, source, published, language, text, ingested_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", articles)
        conn.executemany(f"INSERT INTO events (id, position, {cols})"
                         f" VALUES (?, ?, {', '.join('?' * len(EVENT_COLUMNS))})", events)
        conn.executemany(f"INSERT INTO event_sources (event_id, article_id, {', '.join(LINK_COLUMNS)})"
                         f" VALUES (?, ?, {', '.join('?' * len(LINK_COLUMNS))})", links)
        conn.execute("COMMIT")
    return store.stats()


# -- timing helpers -------------------------------------------------------------------------------------

def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


class StepTimeout(Exception):
    pass


STEP_TIMEOUT = [0.0]     # seconds; set from --step-timeout


def _alarm(signum, frame):
    raise StepTimeout


def _step(record: dict[str, list[float]], name: str, fn: Callable[[], object]) -> object:
    """Time ``fn``; one that runs past --step-timeout is interrupted (SIGALRM) and reported as such."""
    if STEP_TIMEOUT[0]:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, STEP_TIMEOUT[0])
    try:
        elapsed, out = _timed(fn)
    except StepTimeout:
        raise StepTimeout(f"{name} ran longer than --step-timeout {STEP_TIMEOUT[0]:.0f} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    record.setdefault(name, []).append(elapsed)
    return out


def _describe(fig) -> str:
    types = sorted({type(t).__name__ for t in fig.data})
    return (f"{len(fig.data)} traces ({', '.join(types)}), {len(fig.layout.shapes or ())} shapes, "
            f"{len(fig.layout.annotations or ())} annotations")


# -- the functions the page calls on a rerun ------------------------------------------------------------

def functions_rerun(db: Path, rounds: int, size: int, warmup: bool) -> bool:
    """Time the page's rerun functions; False when a step ran past --step-timeout."""
    from dashboard import export, figures
    from dashboard import filters as flt
    page_common = importlib.import_module(f"dashboard.{VIEWS}.common")
    page = importlib.import_module(f"dashboard.{VIEWS}.timeline")
    if not hasattr(page, "_table"):       # the table's section moved to views/sections.py (the i18n work)
        page = importlib.import_module(f"dashboard.{VIEWS}.sections")
    from dashboard.settings import Settings
    from dashboard.timeline import Timeline

    cfg = Settings(db_path=db)
    tl = Timeline(cfg)
    tl.stats()     # opens the store (its migrations check) first: the figure below is the load alone
    load_s, frame = _timed(tl.timeline)
    common.figure(f"[{size}] store timeline load (uncached)", load_s * 1000, "ms")
    bundle_s, data = _timed(lambda: page_common.loaded.__wrapped__(cfg))
    common.figure(f"[{size}] page data load (once per store change: timeline, articles, filter options)",
                  bundle_s * 1000, "ms")
    frame = data.frame
    common.figure(f"[{size}] timeline frame in memory", frame.memory_usage(deep=True).sum() / 1e6, "MB",
                  "shared by st.cache_resource, not copied per rerun")
    places_s, context = _timed(lambda: figures.map_context(cfg.places_dir))
    common.figure(f"[{size}] map place names load (once per process)", places_s * 1000, "ms")
    kind = figures.kinds_in(frame)[0]
    cases = {"narrow (one kind)": flt.Filters(kinds=(kind,)), "all (no filter)": flt.Filters()}
    if data.visits:
        cases["one visit"] = flt.Filters(visit=next(iter(data.visits)))
    window = getattr(page, "TABLE_ROWS", None)       # the page sends one window of the table
    for label, chosen in cases.items():
        steps: dict[str, list[float]] = {}
        figs = {}
        first = 0 if warmup else 1        # round 0 warms up (plotly's validators, imports)
        try:
            for r in range(first, rounds + 1):
                record = steps if r > 0 else {}
                if hasattr(page_common, "shown_events"):     # the page's path (no filter: sequenced once)
                    shown, seq = _step(record, "filters + sequence (shown_events)",
                                       lambda f=chosen: page_common.shown_events(data, f))
                else:
                    shown = _step(record, "filters.apply", lambda c=frame, f=chosen: flt.apply(c, f))
                    seq = _step(record, "figures.sequence", lambda s=shown: figures.sequence(s))
                _step(record, "overview note", lambda s=seq: figures.overview_note(s))
                figs["timeline"] = _step(record, "timeline_figure",
                                         lambda s=seq: figures.timeline_figure(s, visits=data.visits))
                figs["map"] = _step(record, "map_figure",
                                    lambda s=seq: figures.map_figure(s, context=context))
                _step(record, "table", lambda s=seq.iloc[:window], t=data.titles: page._table(s, t))
                _step(record, "figure to_json (timeline+map)",
                      lambda t=figs["timeline"], m=figs["map"]: (t.to_json(), m.to_json()))
            exports_s, _ = _timed(lambda s=shown: (export.to_csv(s), export.to_json(s), export.to_geojson(s)))
        except StepTimeout as exc:
            common.figure(f"[{size}] rerun functions, {label}", f"timed out: {exc}")
            for name, vals in steps.items():
                print(f"    {name}: {common.median(vals) * 1000:,.1f} ms")
            return False
        totals = [sum(vals[i] for vals in steps.values()) for i in range(rounds)]
        common.figure(f"[{size}] rerun functions, {label}", common.median(totals) * 1000, "ms",
                      f"{len(shown)} events shown; median of {rounds}")
        for name, vals in steps.items():
            print(f"    {name}: {common.median(vals) * 1000:,.1f} ms")
        if len(seq):    # the detail panel reads the focused event's sources when the focus changes
            read = [_timed(lambda e=int(seq["event_id"].iloc[0]): tl.sources(e))[0] for _ in range(rounds)]
            common.figure(f"[{size}] the first event's sources (detail panel), {label}",
                          common.median(read) * 1000, "ms", "read from the store when the focus changes")
        common.figure(f"[{size}] exports (csv+json+geojson), {label}", exports_s * 1000, "ms",
                      "built only when a download button is clicked, not on a rerun")
        for name, fig in figs.items():
            common.figure(f"[{size}] {name} figure JSON, {label}", len(fig.to_json()) / 1e6, "MB",
                          _describe(fig))
    return True


# -- the page, through AppTest --------------------------------------------------------------------------

def page_payload(at) -> dict[str, int]:
    """Bytes of each element's protobuf in the page AppTest just ran: what a rerun sends to the browser."""
    sizes: dict[str, int] = {}

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            name = f"{type(node).__name__} {getattr(node, 'key', None) or getattr(node, 'label', '')}"
            sizes[name.strip()] = sizes.get(name.strip(), 0) + proto.ByteSize()
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else ():
            walk(child)

    walk(at._tree)     # AppTest's element tree (private, but stable since 1.28)
    return sizes


def apptest_rerun(db: Path, rounds: int, size: int, timeout: float,
                  minimal: floor.MinimalApp | None = None) -> dict[str, float]:
    """The page's figures (ms): its first run, a narrowing rerun, the first run after a write."""
    from streamlit.testing.v1 import AppTest

    from dashboard import figures
    from dashboard.settings import Settings
    from dashboard.timeline import Timeline

    os.environ["VISIT_TIMELINE_DB_PATH"] = str(db)
    frame = Timeline(Settings(db_path=db)).timeline()
    kinds = figures.kinds_in(frame)
    city = next(c for c in frame["city"].dropna())
    at = AppTest.from_file(str(PAGE), default_timeout=timeout)
    first, _ = _timed(at.run)
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].message}")
    common.figure(f"[{size}] apptest first run (cold cache)", first * 1000, "ms")
    sizes = page_payload(at)
    top = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:3])
    common.figure(f"[{size}] page payload (element protobufs), no filter", sum(sizes.values()) / 1e6, "MB",
                  f"largest: {top}")
    narrow, wide, visit, in_city = [], [], [], []
    visits = list(at.sidebar.selectbox(key="f_visit").options)
    for r in range(rounds):
        changes = [("narrow", "f_kind", [kinds[r % len(kinds)]]),
                   ("narrow", "f_kind", [kinds[(r + 1) % len(kinds)]]),
                   ("narrow", "f_loc", [f"city:{city}"]),
                   ("all", "f_loc", [])]
        for what, key, value in changes:
            if key == "f_loc" and value:
                at.sidebar.multiselect(key="f_kind").set_value([])
            elapsed, _ = _timed(lambda key=key, value=value: at.sidebar.multiselect(key=key).set_value(value)
                                .run(timeout=timeout))
            if at.exception:
                raise SystemExit(f"the page failed: {at.exception[0].message}")
            (narrow if what == "narrow" else wide).append(elapsed)
            if what == "narrow" and minimal is not None:
                minimal.rerun()
            if key == "f_loc" and value:
                in_city.append(elapsed)
        if visits:      # one visit chosen in the list, then all visits again
            box = at.sidebar.selectbox(key="f_visit")
            elapsed, _ = _timed(lambda box=box, r=r: box.set_value(box.options[r % len(box.options)])
                                .run(timeout=timeout))
            visit.append(elapsed)
            at.sidebar.selectbox(key="f_visit").set_value(None).run(timeout=timeout)
            if at.exception:
                raise SystemExit(f"the page failed: {at.exception[0].message}")
    common.figure(f"[{size}] apptest rerun after filter change, narrow", common.median(narrow) * 1000, "ms",
                  f"median of {len(narrow)} reruns (one kind / one city)")
    common.figure(f"[{size}] apptest rerun after filter change, one city",
                  common.median(in_city) * 1000, "ms", f"median of {len(in_city)} city reruns")
    common.figure(f"[{size}] apptest rerun after filter change, all", common.median(wide) * 1000, "ms",
                  f"median of {len(wide)} reruns (filters cleared: every event drawn)")
    if visit:
        common.figure(f"[{size}] apptest rerun after choosing one visit", common.median(visit) * 1000, "ms",
                      f"median of {len(visit)} reruns ({len(visits)} visits in the list)")
    after, after_cpu = floor.after_write(at, db, rounds, size, timeout, minimal)
    fresh, fresh_cpu = floor.after_write_fresh(PAGE, db, rounds, size, timeout, minimal)
    return {"first_run_ms": first * 1000, "rerun_narrow_ms": common.median(narrow) * 1000,
            "first_load_after_write_ms": after, "first_load_after_write_cpu_ms": after_cpu,
            "first_load_after_write_fresh_ms": fresh, "first_load_after_write_fresh_cpu_ms": fresh_cpu}


def main() -> int:
    p = common.parser(__doc__)
    p.add_argument("--sizes", default="1000,10000,100000", help="event counts, comma-separated")
    p.add_argument("--rounds", type=int, default=3, help="timed rounds per case (default 3)")
    p.add_argument("--mode", choices=("both", "apptest", "functions"), default="both")
    p.add_argument("--timeout", type=float, default=900, help="AppTest timeout per run, seconds")
    p.add_argument("--step-timeout", type=float, default=300,
                   help="interrupt a page function running longer than this, seconds (default 300; 0: never)")
    p.add_argument("--pin", action="store_true", help="pin to CPU 0 (os.sched_setaffinity(0, {0}))")
    p.add_argument("--smoke", action="store_true", help="200 events, 1 round (for the smoke test)")
    p.add_argument("--json", type=Path, help="write the page/minimal-app ratios to this file (apptest mode)")
    p.add_argument("--people", choices=("visits", "one"), default="visits",
                   help="the synthetic store: short visits of many leaders (default), or one leader")
    p.add_argument("--default-allocators", action="store_true",
                   help="keep this process's default allocators instead of the ones the page's server sets")
    args = p.parse_args()
    if args.smoke:
        args.sizes, args.rounds = "200", 1
    import logging
    import warnings

    logging.disable(logging.WARNING)      # streamlit's "no runtime" chatter outside `streamlit run`
    warnings.filterwarnings("ignore")
    pinned = common.pin_one_core() if args.pin else "not pinned"
    common.print_machine()
    print(f"cpu: {pinned}; git {common.git_revision()}")
    STEP_TIMEOUT[0] = args.step_timeout
    allocators = "defaults (--default-allocators)"
    if not args.default_allocators:     # as dashboard/app.py does at the server's first run
        from dashboard import quiet

        quiet.lean_allocators()
        allocators = "the page server's (quiet.lean_allocators)"
    print(f"allocators: {allocators}")
    folder = Path(tempfile.mkdtemp(prefix="vt-bench-dash-"))
    entries: list[dict[str, object]] = []
    try:
        for n, size in enumerate(int(s) for s in args.sizes.split(",")):
            db = folder / f"timeline_{size}.sqlite3"
            elapsed, stats = _timed(lambda db=db, size=size: fill_store(db, size, people=args.people))
            print(f"\n== {size:,} events: store filled in {elapsed:.1f} s ({stats['articles']} articles, "
                  f"{stats['events']} events, {stats['links']} sources)", flush=True)
            finished = True
            if args.mode in ("both", "functions"):
                finished = functions_rerun(db, args.rounds, size, warmup=n == 0)
            if args.mode in ("both", "apptest") and not finished:
                common.figure(f"[{size}] apptest rerun after filter change", "not run",
                              note="a page function already ran past --step-timeout")
            elif args.mode in ("both", "apptest"):
                minimal = floor.MinimalApp(args.timeout) if args.json else None
                page = apptest_rerun(db, args.rounds, size, args.timeout, minimal)
                if minimal is not None:
                    entries.append(floor.ratios(size, page, minimal.figures(size)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        floor.write_json(args.json, entries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
