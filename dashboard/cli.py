"""Thin command line: parse flags, call the library, turn errors into one-line messages.

    visit-timeline extract FILE... [--published YYYY-MM-DD] [--format jsonl|csv|table] [--include-planned]
    visit-timeline ingest FILE... [--db PATH] [--published YYYY-MM-DD]
    visit-timeline timeline [--db PATH] [--format jsonl|csv]
    visit-timeline visits [--db PATH] [--format jsonl|csv]
    visit-timeline edit EVENT_ID [--kind K] [--date YYYY-MM-DD] [--time HH:MM] [--status S]
                        [--place NAME | --lat X --lon Y] [--title T] [--participants P] [--by NAME]
    visit-timeline delete-event EVENT_ID [--by NAME]
    visit-timeline undo EDIT_ID [--by NAME]
    visit-timeline edits [EVENT_ID] [--by NAME] [--since DAY] [--until DAY] [--all]
    visit-timeline reextract [--article ID [--published YYYY-MM-DD]] [--db PATH]
    visit-timeline export --format csv|json|geojson|timelinejs|ics [--visit ID] [-o FILE]
    visit-timeline dashboard [--db PATH] [STREAMLIT OPTIONS...]

``python -m dashboard`` is the same program.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pandas as pd

from dashboard.errors import InputError, VisitTimelineError
from dashboard.schema import records
from dashboard.settings import Settings, env_var

log = logging.getLogger(__name__)

# What .streamlit/config.toml sets for a checkout, given as flags so the page is the same from any folder
STREAMLIT_OPTIONS: dict[str, str] = {
    "server.enableStaticServing": "true",     # the offline basemap and the icon, from dashboard/static
    "server.fileWatcherType": "none",
    "server.maxUploadSize": "20",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",
}


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (want YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="visit-timeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="print the events of articles")
    ext.add_argument("files", nargs="+", type=Path)
    ext.add_argument("--published", type=_date, help="publication date (default: from the file, else today)")
    ext.add_argument("--format", choices=("jsonl", "csv", "table"), default="table")
    ext.add_argument("--include-planned", action="store_true",
                     help="also print announced or future events (status 'planned')")
    ext.set_defaults(func=cmd_extract)

    ing = sub.add_parser("ingest", help="store articles and merge their events into the timeline")
    ing.add_argument("files", nargs="+", type=Path)
    ing.add_argument("--db", help="SQLite file or database URL (default: $VISIT_TIMELINE_DB_PATH, user dir)")
    ing.add_argument("--published", type=_date,
                     help="for files that state no date of their own (page metadata, a dateline); "
                          "else the file name's YYYY-MM-DD or the text's latest full date; "
                          "a file with no date at all is refused")
    ing.set_defaults(func=cmd_ingest)

    tl = sub.add_parser("timeline", help="print the merged timeline of the store")
    tl.add_argument("--db")
    tl.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    tl.set_defaults(func=cmd_timeline)

    vs = sub.add_parser("visits", help="print the visits of the store, newest first")
    vs.add_argument("--db")
    vs.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    vs.set_defaults(func=cmd_visits)
    _edit_commands(sub)

    dash = sub.add_parser("dashboard", help="open the dashboard (Streamlit) in the browser",
                          epilog="Other options go to `streamlit run`, e.g. --server.port 8502 "
                                 "--server.headless true")
    dash.add_argument("--db")
    dash.set_defaults(func=cmd_dashboard)
    return parser


def _edit_commands(sub) -> None:
    from dashboard.schema import KINDS

    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="SQLite file or database URL (default: $VISIT_TIMELINE_DB_PATH, user dir)")
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--by", default="", help="your name, for the edit log")
    ed = sub.add_parser("edit", parents=[db, who], help="correct an event (kept across re-extraction)")
    ed.add_argument("event_id", type=int, help="the event_id printed by `timeline`")
    ed.add_argument("--kind", choices=KINDS)
    ed.add_argument("--date", type=_date)
    ed.add_argument("--time", help="HH:MM")
    where = ed.add_mutually_exclusive_group()
    where.add_argument("--place", help="a place name from the gazetteer, in any script")
    where.add_argument("--lat", type=float)
    ed.add_argument("--lon", type=float)
    ed.add_argument("--title")
    ed.add_argument("--participants", help='names, "; "-separated')
    ed.add_argument("--status", choices=("happened", "planned"), help="planned: announced, not (yet) held")
    ed.set_defaults(func=cmd_edit)
    de = sub.add_parser("delete-event", parents=[db, who], help="remove one event (undo brings it back)")
    de.add_argument("event_id", type=int)
    de.set_defaults(func=cmd_delete_event)
    un = sub.add_parser("undo", parents=[db, who], help="undo one edit (see `edits`)")
    un.add_argument("edit_id", type=int)
    un.set_defaults(func=cmd_undo)
    lg = sub.add_parser("edits", parents=[db], help="print the edit log (of one event, or all)")
    lg.add_argument("event_id", type=int, nargs="?")
    lg.add_argument("--by", help="only the writes of this person")
    lg.add_argument("--since", type=_date, help="only from this day on (YYYY-MM-DD, included)")
    lg.add_argument("--until", type=_date, help="only up to this day (YYYY-MM-DD, included)")
    lg.add_argument("--all", action="store_true",
                    help="every write: also ingests, deletes, restores, re-extractions")
    lg.set_defaults(func=cmd_edits)
    rx = sub.add_parser("reextract", parents=[db], help="run the current extractor over every stored article")
    rx.add_argument("--article", help="only this article (its id or the id's first characters)")
    rx.add_argument("--published", type=_date, help="with --article: its corrected publication date")
    rx.set_defaults(func=cmd_reextract)
    ex = sub.add_parser("export", parents=[db], help="write the timeline (or one visit) as a file")
    ex.add_argument("--format", required=True, choices=("csv", "json", "geojson", "timelinejs", "ics"))
    ex.add_argument("--visit", help="one visit (its id from `visits`), or an article id (or its start)")
    ex.add_argument("-o", "--output", type=Path,
                    help="file or directory (default: a file named after what it holds, here)")
    ex.set_defaults(func=cmd_export)


def write_frame(frame: pd.DataFrame, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "jsonl":
        for row in records(frame):
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        frame.to_csv(out, index=False)
    else:
        cols = [c for c in ("seq", "date", "time", "kind", "place", "title") if c in frame.columns]
        out.write((frame[cols].to_string(index=False) if len(frame) else "(no events)") + "\n")


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.extract import extract
    from dashboard.ingest.readers import read_path

    failed = 0
    frames = []
    for path in args.files:
        try:
            doc = read_path(path, settings)
            published = args.published or doc.published or dt.date.today().isoformat()
            events = extract(doc.text, published=published, article=path.name).events
            frames.append(events if args.include_planned else events[events["status"] != "planned"])
        except VisitTimelineError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
    for frame in frames:
        write_frame(frame, args.format)
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """One line per file (refusals on stderr); non-zero if any file failed, the good ones still stored."""
    from dashboard.service import ingest_many

    reports = ingest_many(args.files, settings, published=args.published)
    for report in reports:
        print(report.message, file=sys.stderr if report.error else sys.stdout)
    return 1 if any(r.error for r in reports) else 0


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    """The merged timeline in order, one event per line; ``sources`` is a JSON list of article ids."""
    from dashboard import service

    frame = service.timeline(settings)
    if args.format == "csv":
        frame["sources"] = frame["sources"].map(json.dumps)
    write_frame(frame, args.format)
    return 0


def cmd_visits(args: argparse.Namespace, settings: Settings) -> int:
    """One visit per line; in CSV the lists (principals, cities, articles) are JSON lists."""
    from dashboard import service
    from dashboard.visits import to_frame

    frame = to_frame(service.visits(settings))
    if args.format == "csv":
        for column in ("principals", "cities", "articles"):
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
        frame.to_csv(sys.stdout, index=False)
    else:
        for row in frame.to_dict(orient="records"):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def cmd_edit(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard import editing
    from dashboard.service import store_for

    changes = {k: getattr(args, k) for k in ("kind", "date", "time", "title", "participants", "status")
               if getattr(args, k) is not None}
    if args.place or args.lat is not None or args.lon is not None:
        changes |= editing.place_fields(settings, args.place, args.lat, args.lon)
    edit_id = editing.edit_event(store_for(settings), args.event_id, changes, args.by)
    print(f"event {args.event_id}: {', '.join(sorted(changes))} changed (edit {edit_id}; "
          f"`undo {edit_id}` reverts it)")
    return 0


def cmd_delete_event(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard import editing
    from dashboard.service import store_for

    edit_id = editing.delete_event(store_for(settings), args.event_id, args.by)
    print(f"event {args.event_id} deleted (edit {edit_id}; `undo {edit_id}` brings it back)")
    return 0


def cmd_undo(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard import editing
    from dashboard.service import store_for

    editing.undo(store_for(settings), args.edit_id, args.by)
    print(f"edit {args.edit_id} undone")
    return 0


def cmd_edits(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.service import store_for

    store, period = store_for(settings), {"since": args.since, "until": args.until}
    write_frame(store.history(args.by, **period) if args.all else
                store.edit_log(args.event_id, author=args.by, **period), "jsonl")
    return 0


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard import editing
    from dashboard.service import store_for

    def progress(done: int, total: int, title: str) -> None:
        if total > 1:
            print(f"[{done}/{total}] {title[:60]}", file=sys.stderr, flush=True)

    store = store_for(settings)
    if args.article:
        ids = [a for a in store.articles()["id"] if str(a).startswith(args.article)]
        if len(ids) != 1:
            raise InputError(f"{len(ids)} articles have an id starting with {args.article!r} (want one)")
        result = editing.reextract_article(store, settings, str(ids[0]), args.published)
        print(f"1 article re-extracted: {result.added} events added, {result.changed} changed, "
              f"{result.dropped} dropped")
        return 0
    if args.published:
        raise InputError("--published needs --article (one article's publication date)")
    report = editing.reextract(store, settings, progress)
    for line in report.failed:
        print(line, file=sys.stderr)
    print(report.message)
    return 1 if report.failed else 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard import export
    from dashboard.service import store_for, timeline_with_visits

    store = store_for(settings)
    frame = timeline_with_visits(settings, store=store)
    if args.visit:
        frame = export.select_group(frame, args.visit)
        if frame.empty:
            raise InputError(f"no visit or article {args.visit!r} on the timeline")
    data, name = export.export(frame, args.format, store.articles())
    target = args.output or Path(name)
    if target.is_dir():
        target = target / name
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    print(f"{target}: {len(frame)} events")
    return 0


def cmd_dashboard(args: argparse.Namespace, settings: Settings) -> int:
    """``streamlit run`` on the installed app; the page reads its settings from the environment."""
    app = resources.files("dashboard") / "app.py"
    flags = [arg for name, value in STREAMLIT_OPTIONS.items() for arg in (f"--{name}", value)]
    env = {**os.environ, env_var("db_path"): str(settings.db_path)}
    return subprocess.call([sys.executable, "-m", "streamlit", "run", str(app), *flags, *args.streamlit_args],
                           env=env)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "dashboard":
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.streamlit_args = rest
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env(db_path=getattr(args, "db", None))
        return args.func(args, settings)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except VisitTimelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
