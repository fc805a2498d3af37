"""Thin command line: parse flags, call the library, turn errors into one-line messages.

    python -m dashboard extract FILE... [--published YYYY-MM-DD] [--format jsonl|csv|table]
        [--include-planned]
    python -m dashboard ingest FILE... [--db PATH] [--published YYYY-MM-DD]
    python -m dashboard timeline [--db PATH] [--format jsonl|csv]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from dashboard.errors import InputError, VisitTimelineError
from dashboard.schema import records
from dashboard.settings import Settings

log = logging.getLogger(__name__)


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (want YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__,
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
    ing.add_argument("--db", type=Path, help="SQLite file (default: $VISIT_TIMELINE_DB_PATH or user dir)")
    ing.add_argument("--published", type=_date)
    ing.set_defaults(func=cmd_ingest)

    tl = sub.add_parser("timeline", help="print the merged timeline of the store")
    tl.add_argument("--db", type=Path)
    tl.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    tl.set_defaults(func=cmd_timeline)
    return parser


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
    from dashboard.service import ingest_paths

    reports = ingest_paths(args.files, settings, published=args.published)
    for report in reports:
        print(report.message, file=sys.stderr if report.error else sys.stdout)
    return 1 if any(r.error for r in reports) else 0


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    """The merged timeline in order, one event per line; ``sources`` is a JSON list of article ids."""
    from dashboard.service import store_for

    frame = store_for(settings).timeline()
    if args.format == "csv":
        frame["sources"] = frame["sources"].map(json.dumps)
    write_frame(frame, args.format)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
