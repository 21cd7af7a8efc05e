"""The two lock files pin everything the environment needs, and the environment is the lock.

requirements.in and requirements-dev.in name what the project asks for; requirements.txt and
requirements-dev.txt are their locks. These tests walk the installed packages' metadata from
the names in the .in files and check that the locks are complete and agree with each other
and with what is installed. No network: only the files and importlib.metadata.
"""

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_IN = ROOT / "requirements.in"
DEV_IN = ROOT / "requirements-dev.in"
RUNTIME_LOCK = ROOT / "requirements.txt"
DEV_LOCK = ROOT / "requirements-dev.txt"

# The installers themselves: present in every venv, pinned by neither lock unless asked for.
INSTALLERS = {"pip", "setuptools", "wheel"}


def lock_entries(path):
    """Each entry of a lock file, its continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text())
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def pins(path):
    """{canonical name: version} of a lock file; fails on an entry that is not `name==x`."""
    found = {}
    for entry in lock_entries(path):
        requirement = Requirement(entry.split(" --hash", 1)[0])
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{path.name}: {entry.split()[0]} is not pinned exactly"
        found[canonicalize_name(requirement.name)] = spec.version
    return found


def top_level(path):
    """The requirements an .in file names (its -c/-r options are not requirements)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def installed(name):
    """The installed distribution of that name, or None."""
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def closure(requirements):
    """{canonical name: extras asked for} of everything the requirements reach once installed.

    Follows Requires-Dist of the installed distributions, keeping an edge only when its
    environment marker holds here, for no extra or for one of the extras asked for.
    """
    reached = {}
    todo = list(requirements)
    while todo:
        requirement = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        extras = reached.get(name)
        if extras is not None and requirement.extras <= extras:
            continue  # seen already, with at least these extras
        extras = reached[name] = (extras or set()) | requirement.extras
        distribution = installed(name)
        # Not installed: reached all the same; the other tests say what is missing.
        for line in (distribution and distribution.requires) or []:
            dependency = Requirement(line)
            if dependency.marker is None or any(
                dependency.marker.evaluate({"extra": extra}) for extra in {"", *extras}
            ):
                dependency.marker = None  # already judged, with the parent's extras
                todo.append(dependency)
    return reached


def test_every_entry_of_the_locks_has_hashes():
    """pip checks hashes only when every package of a command has them."""
    for path in (RUNTIME_LOCK, DEV_LOCK):
        for entry in lock_entries(path):
            assert "--hash=sha256:" in entry, f"{path.name}: {entry.split()[0]} has no hash"


def test_no_package_is_pinned_differently_in_the_two_locks():
    runtime, dev = pins(RUNTIME_LOCK), pins(DEV_LOCK)
    differ = {name: (runtime[name], dev[name]) for name in runtime.keys() & dev.keys()}
    assert {name: pair for name, pair in differ.items() if pair[0] != pair[1]} == {}


@pytest.mark.parametrize(
    ("ins", "locks"),
    [((RUNTIME_IN,), (RUNTIME_LOCK,)), ((RUNTIME_IN, DEV_IN), (RUNTIME_LOCK, DEV_LOCK))],
    ids=["runtime", "runtime+dev"],
)
def test_the_locks_pin_exactly_what_the_in_files_reach(ins, locks):
    """Nothing reached is left unpinned (pip would pick a version), nothing pinned is stale."""
    reached = closure(req for path in ins for req in top_level(path))
    pinned = {name: version for path in locks for name, version in pins(path).items()}
    assert sorted(reached.keys() - pinned.keys() - INSTALLERS) == [], "reached, not pinned"
    assert sorted(pinned.keys() - reached.keys()) == [], "pinned, reached by nothing"


def test_the_in_files_accept_the_locked_versions():
    """An .in file edited without regenerating its lock fails here."""
    pinned = pins(RUNTIME_LOCK) | pins(DEV_LOCK)
    for path in (RUNTIME_IN, DEV_IN):
        for requirement in top_level(path):
            version = pinned[canonicalize_name(requirement.name)]
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{path.name}: {requirement} but the lock has {version}"
            )


def test_the_environment_has_every_locked_version():
    """The tests run against the lock: a venv left behind by an older lock fails here."""
    pinned = pins(RUNTIME_LOCK) | pins(DEV_LOCK)
    here = {name: getattr(installed(name), "version", None) for name in pinned}
    assert {
        name: (version, here[name])
        for name, version in pinned.items()
        if here[name] is None or Version(here[name]) != Version(version)
    } == {}, "{name: (locked, installed)}"
