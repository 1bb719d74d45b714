"""The import rules of the house: data flows one way, so a module imports only from its own
layer or the layers below it (`docs/architecture.md`, "Layers").

From the bottom up:

- base: settings, errors, secrets, logs, the fetch guard, budgets grammar, supplier facts,
  sources, the catalogue, the store, leases and heartbeats, and the record model (`normalize`,
  `mappings`);
- crawl (`crawlers`) and index (`vindplaats.engine`): side by side, neither imports the other;
- harvest: the run's stages (run, backfill, withdraw, extract, index, rebuild);
- operations: workers, the scheduler, health;
- surfaces: the CLI, the API and the sandbox.

Every import is counted, also one inside a function. A module the table does not place fails
the test, so a new module is placed on purpose.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("normalize", "mappings", "vindplaats", "crawlers", "search_api")

# (layer, rank, module prefixes); the longest matching prefix places a module
LAYERS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (
        "base",
        0,
        (
            "normalize",
            "mappings",
            "vindplaats=",  # the package itself only (`=`: this module, not what is below it)
            "vindplaats.errors",
            "vindplaats.secrets",
            "vindplaats.settings",
            "vindplaats.logs",
            "vindplaats.net",
            "vindplaats.budgets",
            "vindplaats.months",  # calendar months: backfill chunks, re-read slices
            "vindplaats.suppliers",
            "vindplaats.sources",
            "vindplaats.catalogue",
            "vindplaats.store",
            "vindplaats.leasing",
            "vindplaats.heartbeat",
            "vindplaats.agenda_types",
            "vindplaats.woo",  # the Woo-index: its export from the store (which the API serves
            # and the CLI writes) and the validation of Woo-index files
            "vindplaats.ori",  # the VNG ORI API: the official documents, the records in its shape
            "vindplaats.conformance",  # checking a supplier's live feed against a standard
            "vindplaats.accounts",  # organisations, their accounts, sessions, API tokens, audit
            "vindplaats.privacy",  # personal data found in documents (BSN), takedowns' rules
        ),
    ),
    ("crawl", 1, ("crawlers",)),
    ("index", 1, ("vindplaats.engine",)),
    ("harvest", 2, ("vindplaats.harvest",)),
    ("operations", 3, ("vindplaats.operations",)),
    ("surfaces", 4, ("vindplaats.cli", "search_api", "vindplaats.sandbox")),
)


def layer_of(module: str) -> tuple[str, int] | None:
    best: tuple[int, str, int] | None = None
    for name, rank, prefixes in LAYERS:
        for prefix in prefixes:
            exact = prefix.endswith("=")
            prefix = prefix.rstrip("=")
            matches = module == prefix or (not exact and module.startswith(prefix + "."))
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), name, rank)
    return None if best is None else (best[1], best[2])


def modules(root: Path) -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def imported(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # `from vindplaats import pipeline` imports a module
                yield node.lineno, f"{node.module}.{alias.name}"


def violations(root: Path) -> list[str]:
    """Every import that goes up a layer or across from crawl to index (or back), and every
    module no layer places, as `path:line: text`."""
    found: list[str] = []
    for module, path in modules(root):
        where = path.relative_to(root)
        own = layer_of(module)
        if own is None:
            found.append(f"{where}:1: {module} is in no layer (place it in tests/test_layers.py)")
            continue
        for line, target in imported(path):
            if target.split(".")[0] not in PACKAGES or not _is_module(root, target):
                continue
            theirs = layer_of(target)
            if theirs is None or theirs[0] == own[0]:
                continue
            if theirs[1] >= own[1]:
                found.append(f"{where}:{line}: {module} ({own[0]}) imports {target} ({theirs[0]})")
    return found


def _is_module(root: Path, name: str) -> bool:
    base = root.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def test_every_import_goes_down_the_layers() -> None:
    assert violations(ROOT) == []


def write(root: Path, relative: str, text: str = "") -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small tree with one module in each layer, all imports going down."""
    for package in PACKAGES:
        write(tmp_path, f"{package}/__init__.py")
    write(tmp_path, "vindplaats/settings.py", "import normalize\n")
    write(tmp_path, "crawlers/run.py", "from vindplaats.settings import x\n")
    write(tmp_path, "vindplaats/engine/__init__.py")
    write(tmp_path, "vindplaats/engine/query.py", "import vindplaats.settings\n")
    write(tmp_path, "vindplaats/harvest/run.py", "import crawlers.run\nimport vindplaats.engine\n")
    write(tmp_path, "vindplaats/cli/__init__.py", "from vindplaats import pipeline\n")
    write(tmp_path, "search_api/app.py", "from vindplaats.engine.query import q\n")
    return tmp_path


def test_a_tree_importing_only_downwards_passes(tree: Path) -> None:
    assert violations(tree) == []


def test_an_upward_import_fails_naming_file_line_and_layers(tree: Path) -> None:
    write(
        tree, "vindplaats/settings.py", "import normalize\n\n\ndef f():\n    import crawlers.run\n"
    )
    assert violations(tree) == [
        "vindplaats/settings.py:5: vindplaats.settings (base) imports crawlers.run (crawl)"
    ]


def test_the_crawl_and_the_index_do_not_import_each_other(tree: Path) -> None:
    write(tree, "crawlers/run.py", "from vindplaats.engine import query\n")
    assert violations(tree) == [
        "crawlers/run.py:1: crawlers.run (crawl) imports vindplaats.engine (index)",
        "crawlers/run.py:1: crawlers.run (crawl) imports vindplaats.engine.query (index)",
    ]


def test_a_surface_imported_from_below_fails(tree: Path) -> None:
    write(tree, "vindplaats/harvest/run.py", "from search_api.app import create_app\n")
    assert violations(tree) == [
        "vindplaats/harvest/run.py:1: vindplaats.harvest.run (harvest) "
        "imports search_api.app (surfaces)"
    ]


def test_a_module_outside_every_layer_is_reported(tree: Path) -> None:
    write(tree, "vindplaats/newthing.py")
    assert violations(tree) == [
        "vindplaats/newthing.py:1: vindplaats.newthing is in no layer "
        "(place it in tests/test_layers.py)"
    ]
