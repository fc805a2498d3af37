"""The command line of the dashboard's sign-in: ``visit-timeline user add NAME --role R``.

:func:`add_user_command` adds it to ``visit-timeline``'s parser (:mod:`dashboard.cli`); it writes a
bcrypt hash of the password (asked twice with getpass, or one line of ``--password-stdin``) into the
auth file (:mod:`dashboard.auth`). It never opens the store.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard import auth
from dashboard.errors import InputError
from dashboard.settings import env_var

if TYPE_CHECKING:
    from dashboard.timeline import Timeline


def add_user_command(command: Callable[..., argparse.ArgumentParser]) -> None:
    user = command("user", cmd_user,
                   "add a dashboard user (or change their role and password) in the auth file")
    user.add_argument("action", choices=("add",))
    user.add_argument("name")
    user.add_argument("--role", required=True, choices=tuple(auth.ROLES),
                      help="viewer reads and exports; editor also uploads and corrects; admin also "
                           "deletes articles and re-extracts")
    user.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    user.add_argument("--auth-file", type=Path,
                      help=f"the auth file (default: {env_var('auth_file')}); created if missing")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise InputError("the two passwords differ: nothing written")
    return first


def cmd_user(args: argparse.Namespace, tl: Timeline) -> int:
    path = args.auth_file or (Path(tl.settings.auth_file) if tl.settings.auth_file else None)
    if path is None:
        raise InputError(f"which auth file? give --auth-file or set {env_var('auth_file')}")
    auth.add_user(path, args.name, args.role, _password(args.password_stdin))
    print(f"{args.name.strip()}: {args.role} in {path}")
    return 0
