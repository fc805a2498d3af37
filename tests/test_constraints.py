"""constraints.txt (what dev.py installs with) pins every dependency pyproject.toml declares, at a
version the declaration accepts, so that two checkouts install the same versions."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DECLARED = [Requirement(r) for r in (*PROJECT["dependencies"],
                                     *(r for extra in PROJECT["optional-dependencies"].values() for r in extra))]


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"not pinned with ==: {line!r}"
            pins[canonicalize_name(name)] = Version(version)
    return pins


PINS = _pins()


@pytest.mark.parametrize("requirement", DECLARED, ids=lambda r: r.name)
def test_every_declared_dependency_is_pinned_at_a_version_it_accepts(requirement):
    pinned = PINS.get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{requirement.name} is not in constraints.txt"
    assert requirement.specifier.contains(pinned, prereleases=True), f"{requirement} rejects {pinned}"
