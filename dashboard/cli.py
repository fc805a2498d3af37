"""Thin command line: parse flags, call the library's one door (:class:`dashboard.timeline.Timeline`),
turn errors into one-line messages.

    visit-timeline extract FILE... [--published YYYY-MM-DD] [--format jsonl|csv|table] [--include-planned]
    visit-timeline ingest FILE_OR_URL... [--db PATH] [--published YYYY-MM-DD]
    visit-timeline timeline [--db PATH] [--format jsonl|csv]
    visit-timeline visits [--db PATH] [--format jsonl|csv]
    visit-timeline articles [--db PATH] [--format jsonl|csv|table]
    visit-timeline edit EVENT_ID [--kind K] [--date YYYY-MM-DD] [--time HH:MM] [--status S]
                        [--place NAME | --lat X --lon Y] [--title T] [--participants P] [--by NAME]
    visit-timeline delete-event EVENT_ID [--by NAME]
    visit-timeline undo EDIT_ID [--by NAME]
    visit-timeline edits [EVENT_ID] [--by NAME] [--since DAY] [--until DAY] [--all]
    visit-timeline reextract [--article ID [--published YYYY-MM-DD]] [--db PATH]
    visit-timeline export --format csv|json|geojson|timelinejs|ics [--visit ID] [-o FILE]
    visit-timeline info [--db PATH]
    visit-timeline dashboard [--db PATH] [STREAMLIT OPTIONS...]
    visit-timeline user add NAME --role viewer|editor|admin [--password-stdin] [--auth-file FILE]
    visit-timeline batch SOURCE... [--db PATH] [--scheduler tcp://HOST:PORT | --workers N] [--report FILE]
    visit-timeline import-articles FILE.jsonl... [--db PATH] [--scheduler ... | --workers N]
    visit-timeline export-articles FILE.jsonl [--db PATH]
    visit-timeline watch FEED_URL... [--db PATH] [--every 15m] [--once]

``python -m dashboard`` is the same program.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dashboard.batch_cli import add_commands
from dashboard.errors import InputError, VisitTimelineError
from dashboard.reading import extract_input
from dashboard.schema import KINDS, STATUSES, Event, records
from dashboard.settings import Settings, env_var
from dashboard.user_cli import add_sign_in_flags, add_user_command, signed_writer

# Imported by the commands that use them, not here: pandas (0.3-0.5 s, 138 MiB), the Timeline (the store,
# the exporters, the visits) and plotly are most of a cold run, and `extract --format jsonl` needs none
if TYPE_CHECKING:
    import pandas as pd

    from dashboard.timeline import Timeline

log = logging.getLogger(__name__)

# What .streamlit/config.toml sets for a checkout, given as flags so the page is the same from any folder
STREAMLIT_OPTIONS: dict[str, str] = {
    "server.enableStaticServing": "true",     # the offline basemap and the icon, from dashboard/static
    "server.fileWatcherType": "none",
    "server.maxUploadSize": "50",   # MB: the readers' largest raw .docx/.pdf (max_unpacked_bytes)
    "browser.gatherUsageStats": "false",
    "server.headless": "true",                # no e-mail prompt, no browser opened: the URL is printed
    "client.toolbarMode": "minimal",
}
# `export --format`: the exporters' formats (dashboard.export.FORMATS, checked in a test), named here so
# that building the parser does not import the exporters
EXPORT_FORMATS: tuple[str, ...] = ("csv", "json", "geojson", "timelinejs", "ics")
TABLE_COLUMNS = ("seq", "date", "time", "kind", "place", "title")
# ``articles``: what each printed column is, from the store's article columns
ARTICLE_FIELDS = {"id": "id", "file": "source", "title": "title", "url": "url", "language": "language",
                  "published": "published", "published_from": "published_from", "events": "n_events"}
Command = Callable[[argparse.Namespace, "Timeline"], int]


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (want YYYY-MM-DD): {value!r}") from None


def _flags() -> dict[str, argparse.ArgumentParser]:
    """The flags several commands share, each declared once (argparse parents)."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help=f"SQLite file or database URL, e.g. postgresql+psycopg://user@host/db "
                                 f"(default: ${env_var('db_path')} or the user data dir)")
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--by", default="", help="your name, for the edit log")
    return {"db": db, "who": who}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="visit-timeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)
    flags = _flags()

    def command(name: str, func: Command, help: str, *parents: str, formats: Sequence[str] = (),
                epilog: str | None = None) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, parents=[flags[p] for p in parents], help=help, epilog=epilog)
        if formats:
            cmd.add_argument("--format", choices=formats, default=formats[0])
        cmd.set_defaults(func=func)
        return cmd

    ext = command("extract", cmd_extract, "print the events of articles (nothing is stored)",
                  formats=("table", "jsonl", "csv"))
    ext.add_argument("files", nargs="+", type=Path)
    ext.add_argument("--published", type=_date,
                     help="publication date (default: the file's own: page metadata, a dateline, "
                          "a YYYY-MM-DD in its name, or the text's latest full date; none: refused)")
    ext.add_argument("--include-planned", action="store_true",
                     help="also print announced or future events (status 'planned')")
    ing = command("ingest", cmd_ingest, "store articles and merge their events into the timeline", "db")
    ing.add_argument("files", nargs="+", type=_file_or_url, metavar="FILE_OR_URL",
                     help="article files, or web pages (http:// or https://) stored with their URL")
    ing.add_argument("--published", type=_date,
                     help="for files that state no date of their own (page metadata, a dateline); "
                          "else the file name's YYYY-MM-DD or the text's latest full date; "
                          "a file with no date at all is refused")
    command("timeline", cmd_timeline, "print the merged timeline of the store", "db",
            formats=("jsonl", "csv"))
    command("visits", cmd_visits, "print the visits of the store, newest first", "db",
            formats=("jsonl", "csv"))
    command("articles", cmd_articles, "print the stored articles, oldest first", "db",
            formats=("jsonl", "csv", "table"))
    _edit_commands(command)
    add_commands(command)     # batch, import-articles, export-articles, watch (dashboard.batch_cli)
    ex = command("export", cmd_export, "write the timeline (or one visit) as a file", "db")
    ex.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    ex.add_argument("--visit", help="one visit (its id from `visits`), or an article id (or its start)")
    ex.add_argument("-o", "--output", type=Path,
                    help="file or directory (default: a file named after what it holds, here)")
    command("info", cmd_info, "print the version, the store's file and size, and the data folder", "db")
    add_user_command(command)    # user add (dashboard.user_cli)
    dash = command("dashboard", cmd_dashboard, "open the dashboard (Streamlit): prints its URL", "db",
                   epilog="Other options go to `streamlit run`, e.g. --server.port 8502")
    dash.add_argument("--demo", action="store_true",
                      help="open the bundled sample article in a demo store of its own (not --db)")
    add_sign_in_flags(sub.choices)     # --user on the writes (dashboard.user_cli)
    return parser


def _edit_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    ed = command("edit", cmd_edit, "correct an event (kept across re-extraction)", "db", "who")
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
    ed.add_argument("--status", choices=STATUSES, help="planned: announced, not (yet) held")
    de = command("delete-event", cmd_delete_event, "remove one event (undo brings it back)", "db", "who")
    de.add_argument("event_id", type=int)
    un = command("undo", cmd_undo, "undo one edit (see `edits`)", "db", "who")
    un.add_argument("edit_id", type=int)
    lg = command("edits", cmd_edits, "print the edit log (of one event, or all)", "db")
    lg.add_argument("event_id", type=int, nargs="?")
    lg.add_argument("--by", help="only the writes of this person")
    lg.add_argument("--since", type=_date, help="only from this day on (YYYY-MM-DD, included)")
    lg.add_argument("--until", type=_date, help="only up to this day (YYYY-MM-DD, included)")
    lg.add_argument("--all", action="store_true",
                    help="every write: also ingests, deletes, restores, re-extractions")
    rx = command("reextract", cmd_reextract, "run the current extractor over every stored article", "db")
    rx.add_argument("--article", help="only this article (its id or the id's first characters)")
    rx.add_argument("--published", type=_date, help="with --article: its corrected publication date")


def write_frame(frame: pd.DataFrame, fmt: str, out: TextIO | None = None,
                table: Sequence[str] = TABLE_COLUMNS, empty: str = "(no events)") -> None:
    out = out or sys.stdout
    if fmt == "jsonl":
        for row in records(frame):
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        frame.to_csv(out, index=False)
    else:
        cols = [c for c in table if c in frame.columns]
        out.write((frame[cols].to_string(index=False) if len(frame) else empty) + "\n")


def cmd_extract(args: argparse.Namespace, tl: Timeline) -> int:
    return run_extract(args, tl.settings)


def run_extract(args: argparse.Namespace, settings: Settings) -> int:
    """``extract``: nothing stored, so no Timeline; JSON Lines straight from the events' records (pandas is
    imported only for csv and table)."""
    failed = 0
    found: list[list[Event]] = []
    for path in args.files:
        try:
            extraction = extract_input(path, settings, args.published)
            if extraction.status == "no-visit":
                print(f"{path}: no visit reported ({extraction.reason}): no events", file=sys.stderr)
            found.append([e for e in extraction.records if args.include_planned or e.status != "planned"])
        except VisitTimelineError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
    for events in found:
        if args.format == "jsonl":
            for event in events:
                sys.stdout.write(json.dumps(asdict(event), ensure_ascii=False, default=str) + "\n")
        else:
            from dashboard.schema import to_frame
            write_frame(to_frame(events), args.format)
    return 1 if failed else 0


def _file_or_url(value: str) -> Path | str:
    """A web address stays a string (``Path`` would fold its ``//``); anything else is a file."""
    from dashboard.webpage import is_web_address

    return value.strip() if is_web_address(value) else Path(value)


def cmd_ingest(args: argparse.Namespace, tl: Timeline) -> int:
    """One line per file (refusals on stderr); non-zero if any file failed, the good ones still stored."""
    files = [f for f in args.files if isinstance(f, Path)]
    reports = tl.ingest(files, published=args.published) if files else []
    reports += [tl.ingest_url(u, published=args.published) for u in args.files if isinstance(u, str)]
    for report in reports:
        print(report.message, file=sys.stderr if report.error else sys.stdout)
    return 1 if any(r.error for r in reports) else 0


def cmd_timeline(args: argparse.Namespace, tl: Timeline) -> int:
    """The merged timeline in order, one event per line; ``sources`` is a JSON list of article ids."""
    frame = tl.timeline()
    if args.format == "csv":
        frame["sources"] = frame["sources"].map(json.dumps)
    write_frame(frame, args.format)
    return 0


def cmd_visits(args: argparse.Namespace, tl: Timeline) -> int:
    """One visit per line; in CSV the lists (principals, cities, articles) are JSON lists."""
    from dashboard.visits import to_frame as visits_frame
    frame = visits_frame(tl.visits())
    if args.format == "csv":
        for column in ("principals", "cities", "articles"):
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
        frame.to_csv(sys.stdout, index=False)
    else:
        for row in frame.to_dict(orient="records"):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def cmd_articles(args: argparse.Namespace, tl: Timeline) -> int:
    """One stored article per line: id, file name, title, URL, language, publication date and where it
    was found, and how many events of the timeline it is a source of."""
    import pandas as pd
    stored = tl.articles()
    frame = pd.DataFrame({name: stored[column] for name, column in ARTICLE_FIELDS.items()})
    table = ("id", "published", "language", "events", "file", "title")
    if args.format == "table":
        frame = frame.assign(id=frame["id"].str[:12], title=frame["title"].astype("string").str[:60])
    write_frame(frame, args.format, table=table, empty="(no articles)")
    return 0


def cmd_edit(args: argparse.Namespace, tl: Timeline) -> int:
    changes = {k: getattr(args, k) for k in ("kind", "date", "time", "title", "participants", "status")
               if getattr(args, k) is not None}
    if args.place or args.lat is not None or args.lon is not None:
        changes |= tl.place(args.place, args.lat, args.lon)
    edit_id = tl.edit(args.event_id, changes, args.by)
    print(f"event {args.event_id}: {', '.join(sorted(changes))} changed (edit {edit_id}; "
          f"`undo {edit_id}` reverts it)")
    return 0


def cmd_delete_event(args: argparse.Namespace, tl: Timeline) -> int:
    edit_id = tl.delete(args.event_id, args.by)
    print(f"event {args.event_id} deleted (edit {edit_id}; `undo {edit_id}` brings it back)")
    return 0


def cmd_undo(args: argparse.Namespace, tl: Timeline) -> int:
    tl.undo(args.edit_id, args.by)
    print(f"edit {args.edit_id} undone")
    return 0


def cmd_edits(args: argparse.Namespace, tl: Timeline) -> int:
    write_frame(tl.edits(args.event_id, author=args.by, since=args.since, until=args.until,
                         every_write=args.all), "jsonl")
    return 0


def cmd_reextract(args: argparse.Namespace, tl: Timeline) -> int:
    def progress(done: int, total: int, title: str) -> None:
        if total > 1:
            print(f"[{done}/{total}] {title[:60]}", file=sys.stderr, flush=True)

    if args.article:
        result = tl.reextract_article(tl.find_article(args.article), args.published)
        print(f"1 article re-extracted: {result.added} events added, {result.changed} changed, "
              f"{result.dropped} dropped")
        return 0
    if args.published:
        raise InputError("--published needs --article (one article's publication date)")
    report = tl.reextract(progress)
    for line in report.failed:
        print(line, file=sys.stderr)
    print(report.message)
    return 1 if report.failed else 0


def cmd_export(args: argparse.Namespace, tl: Timeline) -> int:
    done = tl.export(args.format, args.visit)
    target = args.output or Path(done.name)
    if target.is_dir():
        target = target / done.name
    try:
        target.write_bytes(done.data)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    print(f"{target}: {done.events} events")
    return 0


def cmd_info(args: argparse.Namespace, tl: Timeline) -> int:
    print("\n".join(tl.info().lines()))
    return 0


def streamlit_command(extra: Sequence[str] = ()) -> list[str]:
    """``python -m streamlit run`` on the installed app with :data:`STREAMLIT_OPTIONS`; ``extra`` wins."""
    app = resources.files("dashboard") / "app.py"
    flags = [arg for name, value in STREAMLIT_OPTIONS.items() for arg in (f"--{name}", value)]
    return [sys.executable, "-m", "streamlit", "run", str(app), *flags, *extra]


def cmd_dashboard(args: argparse.Namespace, tl: Timeline) -> int:
    """Become the Streamlit server (exec, same PID): a signal to this process stops the server, and no
    wrapper stays behind holding memory. The page reads its settings from the environment."""
    command = streamlit_command(args.streamlit_args)
    settings = tl.settings
    if args.demo:
        from dashboard import demo as demo_store  # the service and the store: only for --demo

        settings = demo_store.open_demo(settings)
        print(f"demo store: {settings.db_path}", file=sys.stderr)
    from dashboard.quiet import LEAN_ENV  # the server's allocators keep less of a dropped read

    env = {**LEAN_ENV, **os.environ, env_var("db_path"): str(settings.db_path)}   # set ones win
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(command[0], command, env)
    except OSError as exc:
        raise InputError(f"cannot start streamlit: {exc.strerror or exc}") from exc
    return 0   # not reached: exec replaces this process


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not {"-h", "--help"} & set(argv):
        try:     # a broken setting is the first thing said, whatever else is missing
            Settings.from_env()
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "dashboard":
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.streamlit_args = rest
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env(db_path=getattr(args, "db", None))
        if args.func is cmd_extract:     # nothing stored: the light path, without the Timeline's imports
            return run_extract(args, settings)
        author = signed_writer(args, settings)     # with an auth file: --user and a password, for writes
        from dashboard.timeline import Timeline
        return int(args.func(args, Timeline(settings, author=author)))
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
