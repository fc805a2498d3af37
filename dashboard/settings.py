"""Settings are data: one frozen object, built from env or flags only at the edges.

Each setting is declared once, as a field of :class:`Settings` with its type, default and help text;
its environment variable is ``VISIT_TIMELINE_`` + its name in capitals. :data:`SETTINGS` is that
table: :meth:`Settings.from_env`, the refusal messages that name a variable (:func:`env_var`) and
the README's settings table (:func:`markdown_table`, checked by tests/test_docs.py) all read it.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, get_type_hints

from platformdirs import user_data_dir

from dashboard.errors import InputError

ENV_PREFIX = "VISIT_TIMELINE_"


def packaged_dir(name: str) -> Path:
    """A folder of files shipped with the program.

    An installed wheel holds the repository's top-level ``data/`` as ``dashboard/data`` (see
    pyproject.toml), found through importlib.resources; a checkout (and an editable install) has it
    beside the package. A wheel is installed unzipped, so the folder is a real path.
    """
    shipped = resources.files("dashboard") / name
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / name


@lru_cache(maxsize=64)
def _child(folder: Path, name: str) -> Path:
    """``folder / name``, one object per folder: the extractor asks for its data folders several times an
    article, and the loaders' caches are keyed by them (a new ``Path`` is made and hashed anew each time)."""
    return folder / name


def _default_db() -> str:
    return str(Path(user_data_dir("visit-timeline", appauthor=False)) / "timeline.sqlite3")


def _data_dir() -> Path:
    return packaged_dir("data")


def _doc(help: str, shown: str | None = None, folder: bool = False) -> dict[str, Any]:
    """A setting's help text (and, for a computed default, how that default is shown; whether it names a
    folder that must exist), as field metadata."""
    return {"help": help, "shown": shown, "folder": folder}


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: str = field(default_factory=_default_db, metadata=_doc(
        "the timeline's store: a SQLite file, or a database URL such as `postgresql+psycopg://user@host/db`"
        " (`--db` on the command line; `VISIT_TIMELINE_DB` also works)",
        shown="`timeline.sqlite3` in the user data directory"))
    max_text_bytes: int = field(default=2_000_000, metadata=_doc(
        "largest article text (UTF-8 bytes after decoding or extraction); raw text and HTML may be 4× this"))
    max_unpacked_bytes: int = field(default=50_000_000, metadata=_doc(
        "largest unpacked `.docx`, and largest raw `.docx` or `.pdf` file"))
    merge_km: float = field(default=15.0, metadata=_doc(
        "how close (km) two events' places must be for reports of the same kind and day to merge"))
    data_dir: Path = field(default_factory=_data_dir, metadata=_doc(
        "folder with `lexicons/`, `places/` and `seed/`", shown="the data shipped with the program",
        folder=True))
    auth_file: str = field(default="", metadata=_doc(
        "a TOML or JSON file of users, roles (viewer, editor, admin) and password hashes: people sign in"
        " on the dashboard (`visit-timeline user add` writes it; `VISIT_TIMELINE_AUTH` also works)",
        shown="none: no sign-in"))
    session_hours: float = field(default=8.0, metadata=_doc(
        "how long a dashboard sign-in lasts (hours) before the password is asked again"))
    sign_in_attempts: int = field(default=5, metadata=_doc(
        "wrong passwords in a row for one name before its sign-in (page and command line) is refused for"
        " `sign_in_cooldown_minutes`; counted beside the auth file, across processes"))
    sign_in_cooldown_minutes: float = field(default=15.0, metadata=_doc(
        "how long (minutes) a name stays refused after `sign_in_attempts` wrong passwords"))
    language: str = field(default="en", metadata=_doc(
        "the dashboard's language when its URL names none (`?lang=`): `en`, `ru` or `uz` (Uzbek, Latin"
        " script); `auto` follows the browser's language"))

    def __post_init__(self) -> None:
        object.__setattr__(self, "db_path", str(self.db_path))   # a Path given by a caller: one type

    @property
    def db_file(self) -> Path | None:
        """The SQLite file of the store (a plain path or a ``sqlite:///`` URL); None for a database server."""
        target = str(self.db_path)
        if "://" not in target:
            return Path(target)
        scheme, rest = target.split("://", 1)
        is_file = scheme.split("+")[0] == "sqlite" and rest.startswith("/") and rest[1:]
        return Path(rest[1:]) if is_file else None

    @property
    def lexicon_dir(self) -> Path:
        return _child(self.data_dir, "lexicons")

    @property
    def places_dir(self) -> Path:
        return _child(self.data_dir, "places")

    @property
    def seed_dir(self) -> Path:
        return _child(self.data_dir, "seed")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read the ``VISIT_TIMELINE_*`` variables of :data:`SETTINGS`; explicit ``overrides`` (flags) win.

        A value that is not of the setting's type raises ``InputError`` naming the variable.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = env.get(setting.env) or env.get(ALIASES.get(setting.name, ""))
            if raw:
                values[setting.name] = setting.parse(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


@dataclass(frozen=True, slots=True)
class Setting:
    """One row of the settings table."""

    name: str
    type: type
    default: str        # as shown to people
    help: str
    folder: bool = False   # names a folder that must exist

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    def parse(self, raw: str) -> Any:
        try:
            value = self.type(raw)
        except ValueError:
            raise InputError(f"{self.env}={raw!r} is not a valid {self.type.__name__}") from None
        if self.folder and not Path(value).is_dir():
            raise InputError(f"{self.env}: no such folder: {raw}")
        return value


def _row(f: Field[Any], hints: dict[str, Any]) -> Setting:
    shown = f.metadata["shown"]
    if shown is None:
        shown = f"{f.default:_}".replace("_", " ") if isinstance(f.default, int) else str(f.default)
    return Setting(f.name, hints[f.name], shown, f.metadata["help"], f.metadata["folder"])


# a second variable some settings answer to
ALIASES: dict[str, str] = {"db_path": "VISIT_TIMELINE_DB", "auth_file": "VISIT_TIMELINE_AUTH"}
SETTINGS: tuple[Setting, ...] = tuple(_row(f, get_type_hints(Settings)) for f in fields(Settings))
_BY_NAME = {s.name: s for s in SETTINGS}


def env_var(name: str) -> str:
    """The environment variable of setting ``name`` (for messages that tell people what to change)."""
    return _BY_NAME[name].env


def markdown_table() -> str:
    """The README's settings table."""
    lines = ["| setting | environment variable | type | default | what it is |", "|---|---|---|---|---|"]
    lines += [f"| `{s.name}` | `{s.env}` | {s.type.__name__} | {s.default} | {s.help} |" for s in SETTINGS]
    return "\n".join(lines)


DEFAULT = Settings()
