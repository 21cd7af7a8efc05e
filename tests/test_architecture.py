"""Imports run one way: core <- people <- news <- alerts <- api, and cstoarchive/ is configuration.

Read from the source with `ast`, so a module that imports the wrong way fails here before
anyone is confused by it. Migrations are left out: they name other apps' migrations.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core", "people", "news", "alerts", "api"]
# What cstoarchive/ may hold besides settings: the root URLs and the servers' entry points.
# limits.py: the time limits the settings and gunicorn.conf.py share, read from the environment.
CONFIGURATION = {"__init__.py", "urls.py", "wsgi.py", "asgi.py", "limits.py"}


def imported_names(path):
    """Return the top-level names a module imports, relative imports resolved to its app."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                names.add(path.relative_to(ROOT).parts[0])
            elif node.module:
                names.add(node.module.split(".")[0])
    return names


def imported_apps(path):
    return imported_names(path) & {*LAYERS, "bench", "tests", "cstoarchive"}


def modules(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app):
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - allowed - {"cstoarchive"})
        for path in modules(app)
    }
    assert {path: names for path, names in wrong.items() if names} == {}


@pytest.mark.parametrize("app", LAYERS)
def test_apps_read_only_the_settings_of_the_project_package(app):
    """`cstoarchive.settings` may be named (in tests' settings); no app imports cstoarchive."""
    importing = [p for p in modules(app) if "cstoarchive" in imported_apps(p)]
    assert [str(p.relative_to(ROOT)) for p in importing] == []


def test_the_project_package_holds_configuration_only():
    package = ROOT / "cstoarchive"
    files = {p.name for p in package.glob("*.py")}
    assert files <= CONFIGURATION
    assert {p.name for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"} == {
        "settings"
    }


def test_the_tests_never_import_the_benchmark():
    """Neither as a package nor as bench/'s own modules put on the path."""
    bench = {"bench", *(p.stem for p in (ROOT / "bench").glob("*.py"))}
    importing = {
        str(path.relative_to(ROOT)): sorted(imported_names(path) & bench)
        for path in (ROOT / "tests").rglob("*.py")
    }
    assert {path: names for path, names in importing.items() if names} == {}
