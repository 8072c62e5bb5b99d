"""packaging/constraints.txt pins every dependency pyproject.toml names, inside its range
(issue 15, item 2): a dependency added to pyproject without locking it fails here."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "packaging" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line!r}"
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_is_pinned_inside_its_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["dev"],
              *project["build-system"]["requires"]]
    pins = _pins()
    problems = []
    for raw in wanted:
        req = Requirement(raw)
        pin = pins.get(canonicalize_name(req.name))
        if pin is None or not req.specifier.contains(pin, prereleases=True):
            problems.append(f"{raw} -> {pin}")
    assert problems == [], "run python packaging/lock.py: " + ", ".join(problems)


def test_upper_bound_on_every_runtime_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    unbounded = [raw for raw in project["project"]["dependencies"]
                 if not any(spec.operator in ("<", "<=", "==", "~=") for spec in Requirement(raw).specifier)]
    assert unbounded == []
