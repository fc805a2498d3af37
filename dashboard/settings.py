"""Settings are data: one frozen object, built from env or flags only at the edges."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from platformdirs import user_data_dir

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent
ENV_PREFIX = "VISIT_TIMELINE_"


def _default_db() -> Path:
    return Path(user_data_dir("visit-timeline", appauthor=False)) / "timeline.sqlite3"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = ROOT_DIR / "data"
    db_path: Path = field(default_factory=_default_db)
    max_text_bytes: int = 2_000_000
    max_unpacked_bytes: int = 50_000_000
    languages: tuple[str, ...] = ("uz", "ru", "en")
    merge_km: float = 15.0

    @property
    def lexicon_dir(self) -> Path:
        return self.data_dir / "lexicons"

    @property
    def places_dir(self) -> Path:
        return self.data_dir / "places"

    @property
    def seed_dir(self) -> Path:
        return self.data_dir / "seed"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read ``VISIT_TIMELINE_*`` variables; explicit ``overrides`` (flags) win."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, kind in (("data_dir", Path), ("db_path", Path), ("max_text_bytes", int),
                           ("max_unpacked_bytes", int), ("merge_km", float)):
            raw = env.get(ENV_PREFIX + name.upper())
            if raw:
                values[name] = kind(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


DEFAULT = Settings()
