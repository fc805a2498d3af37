"""A real PostgreSQL server for the store's tests: Debian's ``postgresql`` package, started once per
session in a temporary folder (initdb, then pg_ctl on a free port of 127.0.0.1), stopped at the end.

``db_target`` gives each test an empty store on each backend: a SQLite file, and a database of its own
on that server. Without PostgreSQL installed the PostgreSQL cases FAIL (CI must not pass without
them), unless ``VISIT_TIMELINE_SKIP_PG=1`` says to skip them on purpose.
"""
from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

OPT_OUT = "VISIT_TIMELINE_SKIP_PG"
BACKENDS = ("sqlite", "postgresql")
_names = itertools.count()


def pg_bin() -> Path | None:
    """The newest installed server's binaries (/usr/lib/postgresql/<version>/bin), if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    """initdb refuses to run as root: as root, run the server's tools as the ``postgres`` account."""
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


@contextmanager
def server(binaries: Path) -> Iterator[str]:
    """A PostgreSQL server in a temporary folder on a free port of 127.0.0.1, stopped and removed at
    the end; yields its URL (no database part). Also used by benchmarks/bench_shared.py."""
    owner = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="vt-pg-"))
    if owner:
        shutil.chown(folder, owner, owner)
    data, port = folder / "data", _free_port()
    ctl = [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log")]
    try:
        subprocess.run(_as_owner([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                  "-E", "UTF8", "--locale=C", "--no-sync"], owner),
                       check=True, capture_output=True)
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        subprocess.run(_as_owner([*ctl, "-o", options, "-w", "start"], owner), check=True, capture_output=True)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_owner([*ctl, "-m", "fast", "-w", "stop"], owner), check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server (no database part), running for the whole session."""
    binaries = pg_bin()
    if binaries is None:
        if os.environ.get(OPT_OUT):
            pytest.skip(f"PostgreSQL is not installed and {OPT_OUT} is set")
        pytest.fail(f"PostgreSQL is not installed: `apt-get install postgresql` (python3 dev.py setup does it), "
                    f"or set {OPT_OUT}=1 to skip the PostgreSQL cases on purpose")
    with server(binaries) as url:
        _template(url)
        yield url


TEMPLATE = "vt_template"


def _template(server: str) -> None:
    """A database migrated once from empty by the store (Alembic 0001..head); each test's database is
    a copy of it, which is much quicker than migrating again."""
    from dashboard.store import Store, db

    _admin(server, f'CREATE DATABASE "{TEMPLATE}"')
    store = Store(f"{server}/{TEMPLATE}")
    db._ENGINES.pop((store.url.render_as_string(hide_password=False), os.getpid())).dispose()


def _admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def fresh_db(request, tmp_path) -> Iterator[Callable[[str], str]]:
    """Make empty stores on the backend of the test's ``backend`` parameter: name -> path or URL."""
    backend = request.getfixturevalue("backend") if "backend" in request.fixturenames else "sqlite"
    made: list[str] = []

    def make(name: str = "timeline") -> str:
        if backend == "sqlite":
            return str(tmp_path / "store" / f"{name}.sqlite3")
        server = request.getfixturevalue("postgres_server")
        database = f"vt_{os.getpid()}_{next(_names)}"
        _admin(server, f'CREATE DATABASE "{database}" TEMPLATE "{TEMPLATE}"')
        made.append(database)
        return f"{server}/{database}"

    yield make
    if made:
        from dashboard.store import db

        for key in [k for k in db._ENGINES if any(k[0].endswith(f"/{d}") for d in made)]:
            db._ENGINES.pop(key).dispose()
        server = request.getfixturevalue("postgres_server")
        for database in made:
            _admin(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Which backend the test runs on: every store test runs on both."""
    return str(request.param)


@pytest.fixture
def db_target(backend, fresh_db) -> str:
    """An empty store on the test's backend: a SQLite path or a PostgreSQL database URL."""
    return fresh_db()


def sqlite_only(store: object, why: str) -> None:
    """Skip a test of a SQLite file's own features (the file, PRAGMAs, triggers) on another backend."""
    if not getattr(store, "is_sqlite", True):
        pytest.skip(f"SQLite only: {why}")
