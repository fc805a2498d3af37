"""The command line of archives and feeds: ``batch``, ``import-articles``, ``export-articles``, ``watch``.

:func:`add_commands` adds the subcommands to ``visit-timeline``'s parser (:mod:`dashboard.cli`); each
command only wires its flags to :mod:`dashboard.batch`, :mod:`dashboard.feeds` and the service.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dashboard.errors import InputError

if TYPE_CHECKING:
    from dashboard.timeline import Timeline


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add batch, import-articles, export-articles and watch through ``command`` (:mod:`dashboard.cli`'s
    helper, which gives them the shared ``--db`` flag)."""
    ba = command("batch", cmd_batch, "extract and store an archive on a Dask cluster", "db")
    ba.description = ("SOURCE: a folder, a .zip, or a JSON-lines file (one article a line: "
                      "text or html, url, published, optional name and title)")
    ba.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    _cluster_flags(ba)
    im = command("import-articles", cmd_batch,
                 "store the articles of a JSON-lines file (from export-articles), extracted again", "db")
    im.add_argument("sources", nargs="+", type=Path, metavar="FILE.jsonl")
    _cluster_flags(im)
    ex = command("export-articles", cmd_export_articles, "write every stored article as a JSON line", "db")
    ex.add_argument("output", type=Path, metavar="FILE.jsonl", help="'-' for stdout")
    wa = command("watch", cmd_watch, "store the visit reports that RSS/Atom feeds link to, as they publish",
                 "db")
    wa.add_argument("feeds", nargs="+", metavar="FEED_URL")
    wa.add_argument("--every", type=_interval, default=15 * 60.0, help="time between rounds: 30s, 15m, 2h")
    wa.add_argument("--once", action="store_true", help="one round, then stop")
    wa.add_argument("--timeout", type=float, default=20.0, help="seconds per feed or page")
    wa.add_argument("--delay", type=float, default=2.0, help="seconds between two requests to one host")


def _cluster_flags(cmd: argparse.ArgumentParser) -> None:
    where = cmd.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="a running Dask scheduler, tcp://HOST:PORT")
    where.add_argument("--workers", type=int,
                       help="local one-thread worker processes (default: one per core)")
    cmd.add_argument("--report", type=Path, help="write each failure here, one 'name<TAB>reason' line "
                                                 "(default: stderr)")
    cmd.add_argument("--partition", type=int, default=16, help="articles per task and per transaction")
    cmd.add_argument("--no-progress", action="store_true", help="no progress bar")


def _interval(value: str) -> float:
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not found:
        raise argparse.ArgumentTypeError(f"not a time (want e.g. 30s, 15m, 2h): {value!r}")
    return float(found[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[found[2]]


def cmd_batch(args: argparse.Namespace, tl: Timeline) -> int:
    settings = tl.settings
    from dashboard import batch
    from dashboard.sources import count

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers wants 1 or more")
    report = _open_report(args.report)
    bar = None if args.no_progress else _bar(count(args.sources))
    try:
        def failed(name: str, reason: str) -> None:
            line = f"{name}\t{reason}"
            if bar is not None and report is sys.stderr:
                bar.write(line, file=sys.stderr)
            else:
                print(line, file=report, flush=True)

        def progress(tally: batch.Tally) -> None:
            if bar is not None:
                bar.update(tally.total - bar.n)
                bar.set_postfix(tally.counts(), refresh=False)

        with batch.dask_client(args.scheduler, args.workers) as client:
            tally = batch.run(args.sources, settings, client, on_failure=failed,
                              partition=max(1, args.partition), progress=progress, author=tl.author)
    finally:
        if bar is not None:
            bar.close()
        if report is not sys.stderr:
            report.close()
    print(tally.message)
    return 1 if tally.failed or tally.refused else 0


def _open_report(path: Path | None) -> TextIO:
    if path is None:
        return sys.stderr
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report {path}: {exc.strerror or exc}") from exc


def _bar(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)


def cmd_export_articles(args: argparse.Namespace, tl: Timeline) -> int:
    settings = tl.settings
    from dashboard.archive import stored_articles

    try:
        out = sys.stdout if str(args.output) == "-" else args.output.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    n = 0
    try:
        for row in stored_articles(settings):
            row["name"] = row.pop("source")     # what import-articles reads
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{args.output}: {n} articles", file=sys.stderr)
    return 0


def cmd_watch(args: argparse.Namespace, tl: Timeline) -> int:
    settings = tl.settings
    from dashboard import feeds

    watcher = feeds.Watcher(settings, timeout=args.timeout, delay=args.delay, author=tl.author)
    while True:
        result = watcher.round(args.feeds)
        for line in result.lines:
            print(line, file=sys.stderr if line.startswith(feeds.FAILED_MARK) else sys.stdout, flush=True)
        print(result.message, flush=True)
        if args.once:
            return 1 if result.failed else 0
        feeds.sleep(args.every)
