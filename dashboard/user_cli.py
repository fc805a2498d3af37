"""The command line of the dashboard's sign-in: ``visit-timeline user add NAME --role R``, and the
sign-in of the command line's writes.

:func:`add_user_command` adds ``user add`` to ``visit-timeline``'s parser (:mod:`dashboard.cli`); it
writes a bcrypt hash of the password (asked twice with getpass, or one line of ``--password-stdin``)
into the auth file (:mod:`dashboard.auth`), and never opens the store.

With an auth file, the commands that write (:data:`WRITES`) need ``--user NAME`` and that person's
password (asked with getpass, or ``VISIT_TIMELINE_PASSWORD`` for scripts), under the same
wrong-password limit as the page, and a role that may do the write; they are signed with that name
(:func:`signed_writer`). Without an auth file, ``--by`` (or the account's name) signs, as before.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard import auth
from dashboard.errors import InputError
from dashboard.settings import ENV_PREFIX, Settings, env_var

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
    user.add_argument("--email", help="their single sign-on e-mail address (see README: Sign-in and roles)")
    user.add_argument("--sso-only", action="store_true",
                      help="no password: they sign in only through single sign-on, by --email")
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
    if args.sso_only and not args.email:
        raise InputError("--sso-only needs --email (the address they sign on with)")
    password = None if args.sso_only else _password(args.password_stdin)
    auth.add_user(path, args.name, args.role, password, email=args.email)
    print(f"{args.name.strip()}: {args.role} in {path}")
    return 0


# the commands that write, and what each needs the role to allow (dashboard.auth.ROLES)
WRITES = {"ingest": "upload", "batch": "upload", "import-articles": "upload", "watch": "upload",
          "edit": "correct", "delete-event": "correct", "undo": "correct", "reextract": "reextract"}
PASSWORD_ENV = ENV_PREFIX + "PASSWORD"


def add_sign_in_flags(commands: Mapping[str, argparse.ArgumentParser]) -> None:
    """``--user`` on every command that writes."""
    for name in WRITES:
        commands[name].add_argument(
            "--user", help=f"with an auth file: who writes (their password is asked, or ${PASSWORD_ENV})")


def signed_writer(args: argparse.Namespace, settings: Settings) -> str | None:
    """The name a write is signed with when an auth file is set (None: no sign-in, as on a laptop):
    ``--user`` with their password and a role that may do this write; refused otherwise."""
    action = WRITES.get(args.command)
    if action is None or not settings.auth_file:
        return None
    name = (args.user or "").strip()
    if not name:
        raise InputError(f"`{args.command}` writes: with an auth file ({env_var('auth_file')}) give "
                         f"--user NAME (and the password when asked, or ${PASSWORD_ENV})")
    if getattr(args, "by", "") and args.by.strip() != name:
        raise InputError("with an auth file, writes are signed by --user (after a password), not --by")
    password = os.environ.get(PASSWORD_ENV) or getpass.getpass(f"Password for {name}: ")
    session = auth.password_session(settings, name, password)
    if session is None:
        raise InputError(f"unknown name or wrong password for {name}")
    if not session.can(action):
        may = [role for role, actions in auth.ROLES.items() if action in actions]
        raise InputError(f"{name} is a {session.role}: `{args.command}` needs the role {' or '.join(may)}")
    args.by = session.name
    return session.name
