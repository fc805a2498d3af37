"""The wrong-password limit (dashboard/auth_guard.py): after `sign_in_attempts` wrong passwords for
one name, that name is refused for `sign_in_cooldown_minutes` with a message saying when to retry,
counted across processes beside the auth file; a right password before the limit clears the count."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dashboard import auth, auth_guard
from dashboard.auth_guard import SignInLocked
from dashboard.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NOON = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
RIGHT, WRONG = "correct horse", "wrong"


@pytest.fixture
def users(tmp_path) -> Path:
    path = tmp_path / "users.toml"
    auth.add_user(path, "Dilnoza", "editor", RIGHT)
    auth.add_user(path, "Ivan", "viewer", "battery staple")
    return path


def attempt(users: Path, name: str, password: str, at: dt.datetime, attempts: int = 3) -> auth.Session | None:
    limit = auth_guard.Limit.beside(users, attempts, cooldown_minutes=15)
    return auth.sign_in(users, name, password, hours=8, now=at, limit=limit)


def test_the_limit_refuses_even_the_right_password_and_says_when(users):
    for minute in range(3):
        assert attempt(users, "Dilnoza", WRONG, NOON + dt.timedelta(minutes=minute)) is None
    with pytest.raises(SignInLocked, match=r"until 12:17 UTC \(in 14 minutes\)"):
        attempt(users, "Dilnoza", RIGHT, NOON + dt.timedelta(minutes=3))
    assert attempt(users, "Ivan", "battery staple", NOON + dt.timedelta(minutes=3)) is not None   # others not
    assert attempt(users, "Dilnoza", RIGHT, NOON + dt.timedelta(minutes=17, seconds=1)) is not None


def test_a_right_password_before_the_limit_clears_the_count(users):
    for _ in range(2):
        assert attempt(users, "Dilnoza", WRONG, NOON) is None
    assert attempt(users, "Dilnoza", RIGHT, NOON) is not None
    for _ in range(2):
        assert attempt(users, "Dilnoza", WRONG, NOON) is None
    assert attempt(users, "Dilnoza", RIGHT, NOON) is not None


def test_the_last_allowed_attempt_is_still_checked(users):
    for _ in range(2):
        attempt(users, "Dilnoza", WRONG, NOON)
    assert attempt(users, "Dilnoza", RIGHT, NOON) is not None


def test_old_failures_are_forgotten_after_the_cooldown(users):
    for _ in range(2):
        attempt(users, "Dilnoza", WRONG, NOON)
    assert attempt(users, "Dilnoza", WRONG, NOON + dt.timedelta(minutes=16)) is None
    assert attempt(users, "Dilnoza", RIGHT, NOON + dt.timedelta(minutes=16)) is not None


def test_an_unknown_name_is_limited_alike(users):
    for _ in range(3):
        assert attempt(users, "Nobody", WRONG, NOON) is None
    with pytest.raises(SignInLocked, match="Nobody"):
        attempt(users, "Nobody", WRONG, NOON)


def test_the_settings_set_the_limit(users):
    cfg = Settings(auth_file=str(users), sign_in_attempts=1, sign_in_cooldown_minutes=60)
    assert auth.password_session(cfg, "Ivan", WRONG) is None
    with pytest.raises(SignInLocked, match=r"in 60 minutes"):
        auth.password_session(cfg, "Ivan", "battery staple")


WORKER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from dashboard import auth, auth_guard
    users = Path(sys.argv[1])
    limit = auth_guard.Limit.beside(users, 4, 15)
    for _ in range(2):
        assert auth.sign_in(users, "Dilnoza", "wrong", hours=8, limit=limit) is None
""")


def test_processes_count_together(users):
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(users)], cwd=ROOT) for _ in range(2)]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    with pytest.raises(SignInLocked):
        auth.sign_in(users, "Dilnoza", RIGHT, hours=8, limit=auth_guard.Limit.beside(users, 4, 15))


def test_the_timeline_door_applies_the_limit(users, tmp_path):
    from dashboard.timeline import Timeline

    tl = Timeline(Settings(db_path=tmp_path / "t.sqlite3", auth_file=str(users), sign_in_attempts=1))
    assert tl.sign_in("Ivan", WRONG) is None
    with pytest.raises(SignInLocked):
        tl.sign_in("Ivan", "battery staple")
