"""The command line's writes with an auth file (the real CLI in a subprocess): ingest, edit, undo,
delete-event, reextract and the batch commands need --user and that person's password (getpass, or
VISIT_TIMELINE_PASSWORD), under the wrong-password limit, and a role that may write; they are then
signed with that name. Without an auth file, --by (or the account) signs, as before."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import auth

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "fixtures" / "visits" / "tokayev_khiva_en_2026-05-21.txt"
USERS = {"Erkin": ("editor", "fix things"), "Vera": ("viewer", "look only"), "Anna": ("admin", "all of it")}


def run(db: Path, *args: str, auth_file: Path | None = None, password: str | None = None,
        stdin: str = "", **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VISIT_TIMELINE_")}
    env["VISIT_TIMELINE_DB_PATH"] = str(db)
    env |= {f"VISIT_TIMELINE_{name.upper()}": value for name, value in settings.items()}
    if auth_file is not None:
        env["VISIT_TIMELINE_AUTH_FILE"] = str(auth_file)
    if password is not None:
        env["VISIT_TIMELINE_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=180, start_new_session=True)


def authors(db: Path) -> list[tuple[str, str]]:
    done = run(db, "edits", "--all")
    assert done.returncode == 0, done.stderr
    return [(row["action"], row["author"]) for row in map(json.loads, done.stdout.splitlines())]


def first_event(db: Path) -> str:
    done = run(db, "timeline", "--format", "jsonl")
    return str(json.loads(done.stdout.splitlines()[0])["event_id"])


@pytest.fixture
def users(tmp_path) -> Path:
    path = tmp_path / "users.toml"
    for name, (role, password) in USERS.items():
        auth.add_user(path, name, role, password)
    return path


def test_without_an_auth_file_the_typed_name_signs(tmp_path):
    db = tmp_path / "t.sqlite3"
    assert run(db, "ingest", str(ARTICLE)).returncode == 0
    done = run(db, "edit", first_event(db), "--title", "Flowers at the memorial", "--by", "Typed Name")
    assert done.returncode == 0, done.stderr
    assert authors(db)[-1] == ("edit", "Typed Name")


def test_a_write_without_user_is_refused_and_stores_nothing(tmp_path, users):
    db = tmp_path / "t.sqlite3"
    done = run(db, "ingest", str(ARTICLE), auth_file=users, password="fix things")
    assert done.returncode == 2 and "--user NAME" in done.stderr and "Traceback" not in done.stderr
    assert run(db, "articles", auth_file=users).stdout.strip() == ""     # reading needs no sign-in


@pytest.mark.parametrize("args, user, password, message", [
    (("ingest", str(ARTICLE)), "Erkin", "wrong", "wrong password for Erkin"),
    (("ingest", str(ARTICLE)), "Nobody", "fix things", "wrong password for Nobody"),
    (("ingest", str(ARTICLE)), "Vera", "look only", "Vera is a viewer: `ingest` needs the role editor or admin"),
    (("reextract",), "Erkin", "fix things", "Erkin is a editor: `reextract` needs the role admin"),
    (("undo", "1"), "Vera", "look only", "`undo` needs the role editor or admin"),
    (("delete-event", "1", "--by", "Someone"), "Erkin", "fix things", "not --by"),
], ids=["wrong-password", "unknown-name", "viewer-ingest", "editor-reextract", "viewer-undo", "typed-by"])
def test_a_write_is_refused_in_one_line(tmp_path, users, args, user, password, message):
    done = run(tmp_path / "t.sqlite3", *args, "--user", user, auth_file=users, password=password)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_writes_are_signed_by_the_person_who_gave_the_password(tmp_path, users):
    db = tmp_path / "t.sqlite3"
    done = run(db, "ingest", str(ARTICLE), "--user", "Erkin", auth_file=users, password="fix things")
    assert done.returncode == 0, done.stderr
    event = first_event(db)
    done = run(db, "edit", event, "--title", "Flowers at the memorial", "--user", "Anna",
               auth_file=users, stdin="all of it\n")                   # the password asked, not in the env
    assert done.returncode == 0, done.stderr
    assert "all of it" not in done.stdout + done.stderr
    assert authors(db) == [("ingest", "Erkin"), ("edit", "Anna")]


def test_the_wrong_password_limit_holds_on_the_command_line(tmp_path, users):
    db = tmp_path / "t.sqlite3"
    first = run(db, "undo", "1", "--user", "Erkin", auth_file=users, password="wrong", sign_in_attempts="1")
    second = run(db, "undo", "1", "--user", "Erkin", auth_file=users, password="fix things",
                 sign_in_attempts="1")
    assert "wrong password" in first.stderr
    assert second.returncode == 2 and "Too many wrong passwords for Erkin" in second.stderr


def test_a_batch_is_signed_by_the_person_who_gave_the_password(tmp_path, users):
    db = tmp_path / "t.sqlite3"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    done = run(db, "batch", str(folder), "--workers", "1", "--no-progress", "--user", "Erkin",
               auth_file=users, password="fix things")
    assert done.returncode == 0, done.stderr
    assert authors(db) == [("ingest", "Erkin")]


def test_a_reextract_is_signed_by_the_admin_who_gave_the_password(tmp_path, users):
    db = tmp_path / "t.sqlite3"
    done = run(db, "ingest", str(ARTICLE), "--user", "Erkin", auth_file=users, password="fix things")
    assert done.returncode == 0, done.stderr
    done = run(db, "reextract", "--user", "Anna", auth_file=users, password="all of it")
    assert done.returncode == 0, done.stderr
    signed = authors(db)
    assert signed[0] == ("ingest", "Erkin") and len(signed) >= 2
    assert {author for _, author in signed[1:]} == {"Anna"}
