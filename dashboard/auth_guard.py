"""A limit on wrong passwords: after ``attempts`` sign-ins for one name without the right password,
that name is refused for ``cooldown`` (then counted afresh), in every process that shares the auth file.

The counts live in a small JSON file beside the auth file (``users.toml.attempts.json``), read and
written under a lock file (filelock), so several dashboard processes and the command line count
together. Each attempt is counted *before* its password is checked (a sign-in reserves its place),
so attempts made at once cannot slip past the limit; a right password clears the name's count.
A counts file that cannot be written refuses sign-in (the limit is never silently off).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.errors import InputError

log = logging.getLogger(__name__)

LOCK_WAIT_S = 10.0


class SignInLocked(InputError):
    """Too many wrong passwords for a name: sign-in refused until ``until`` (UTC)."""

    def __init__(self, name: str, until: dt.datetime, now: dt.datetime) -> None:
        minutes = max(1, round((until - now).total_seconds() / 60))
        super().__init__(f"Too many wrong passwords for {name}: sign-in is refused until "
                         f"{until:%H:%M} UTC (in {minutes} minute{'s' if minutes != 1 else ''}).")
        self.until = until


@dataclass(frozen=True, slots=True)
class Limit:
    """The counts of one auth file: ``attempts`` per name, then a ``cooldown`` pause."""

    path: Path
    attempts: int
    cooldown: dt.timedelta

    @classmethod
    def beside(cls, auth_file: Path, attempts: int, cooldown_minutes: float) -> Limit:
        return cls(auth_file.with_name(auth_file.name + ".attempts.json"), attempts,
                   dt.timedelta(minutes=cooldown_minutes))

    def reserve(self, name: str, now: dt.datetime) -> None:
        """Count one attempt for ``name``; raise SignInLocked if it is in its cooling period. The
        attempt that reaches the limit is still checked (a right password clears the count)."""
        with self._counts() as counts:
            entry = counts.get(name, {})
            until = _when(entry.get("until"))
            if until is not None and now < until:
                raise SignInLocked(name, until, now)
            last = _when(entry.get("last"))
            failures = 0 if until is not None or last is None or now - last > self.cooldown \
                else int(entry.get("failures", 0))
            failures += 1
            entry = {"failures": failures, "last": now.isoformat()}
            if failures >= self.attempts:
                entry["until"] = (now + self.cooldown).isoformat()
            counts[name] = entry
            counts.prune(now - self.cooldown)

    def succeeded(self, name: str) -> None:
        with self._counts() as counts:
            counts.pop(name, None)

    def locked_until(self, name: str, now: dt.datetime) -> dt.datetime | None:
        """When ``name``'s cooling period ends, if it is in one."""
        with self._counts() as counts:
            until = _when(counts.get(name, {}).get("until"))
        return until if until is not None and now < until else None

    def _counts(self) -> LockedJson:
        return LockedJson(self.path)


def _when(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else None


class LockedJson(dict[str, dict[str, Any]]):
    """A small JSON table beside the auth file (the counts, the sign-outs), locked while in use: read on
    entry and, unless ``write`` is False, written (atomically) on a clean exit."""

    def __init__(self, path: Path, write: bool = True) -> None:
        from filelock import FileLock  # here, not at the top: the CLI's cold start imports this module

        super().__init__()
        self.path = path
        self.write = write
        self.lock = FileLock(str(path) + ".lock", timeout=LOCK_WAIT_S)

    def __enter__(self) -> LockedJson:
        from filelock import Timeout

        try:
            self.lock.acquire()
            if self.path.exists():
                self.update(json.loads(self.path.read_text(encoding="utf-8")))
        except Timeout:
            raise InputError(f"sign-in file {self.path} is locked: try again") from None
        except (OSError, ValueError) as exc:
            self.lock.release()
            raise InputError(f"sign-in file {self.path} cannot be used: {exc}") from None
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if self.write and (kind is None or kind is SignInLocked):
                temporary = self.path.with_name(self.path.name + ".tmp")
                temporary.write_text(json.dumps(self, indent=1), encoding="utf-8")
                os.replace(temporary, self.path)
        except OSError as exc:
            raise InputError(f"sign-in file {self.path} cannot be written: {exc}") from None
        finally:
            self.lock.release()

    def prune(self, before: dt.datetime) -> None:
        """Forget names whose last attempt and cooling period are both over."""
        def over(entry: dict[str, Any]) -> bool:
            ends = _when(entry.get("until")) or _when(entry.get("last"))
            return ends is not None and ends < before

        for name in [n for n, e in self.items() if over(e)]:
            del self[name]
