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

Inside the index layer, the two engines are folders that never meet (`engine_violations`):

- no module under `vindplaats/engine/embedded/` imports `vindplaats.engine.elasticsearch`, and
  none under `vindplaats/engine/elasticsearch/` imports `vindplaats.engine.embedded`;
- the shared engine modules (the interface, the query language, cursors, filter keys, snippets,
  `vindplaats/engine/*.py`) import neither folder, except `vindplaats/engine/__init__.py`
  (`open_engine`, `engine_kind`: the one place that names both engines);
- no module outside `vindplaats/engine/` imports either folder: callers open an engine with
  `open_engine` and use only the interface. Tests and benchmarks are not scanned (the parity
  suite and the engine benchmarks drive each engine directly).
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


ENGINE = "vindplaats.engine"
ENGINE_FOLDERS = (f"{ENGINE}.embedded", f"{ENGINE}.elasticsearch")


def _folder_of(module: str) -> str | None:
    return next((f for f in ENGINE_FOLDERS if module == f or module.startswith(f + ".")), None)


def engine_violations(root: Path) -> list[str]:
    """Every import of one engine folder from the other, from a shared engine module (other than
    the package's `__init__`) or from outside the engine package, as `path:line: text`."""
    found: list[str] = []
    for module, path in modules(root):
        where = path.relative_to(root)
        own = _folder_of(module)
        for line, target in imported(path):
            theirs = _folder_of(target)
            if theirs is None or theirs == own or not _is_module(root, target):
                continue
            if own is not None:
                found.append(f"{where}:{line}: engine {own} imports the other engine {target}")
            elif module == ENGINE:
                continue
            elif module.startswith(ENGINE + "."):
                found.append(f"{where}:{line}: shared engine module {module} imports {target}")
            else:
                found.append(f"{where}:{line}: {module} imports engine module {target}")
    return found


def _is_module(root: Path, name: str) -> bool:
    base = root.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def test_every_import_goes_down_the_layers() -> None:
    assert violations(ROOT) == []


def test_the_engines_never_import_each_other_and_callers_use_the_interface() -> None:
    assert engine_violations(ROOT) == []


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


@pytest.fixture
def engines(tree: Path) -> Path:
    """`tree` with both engine folders, the shared modules and a caller, all as allowed."""
    write(tree, "vindplaats/engine/__init__.py", "from vindplaats.engine.embedded import E\n")
    write(tree, "vindplaats/engine/base.py", "import vindplaats.settings\n")
    for folder in ("embedded", "elasticsearch"):
        write(tree, f"vindplaats/engine/{folder}/__init__.py", "from .engine import E\n")
        uses_base = "from vindplaats.engine.base import E\n"
        write(tree, f"vindplaats/engine/{folder}/engine.py", uses_base)
    write(tree, "vindplaats/harvest/index.py", "from vindplaats.engine import open_engine\n")
    return tree


def test_engine_folders_apart_and_used_through_the_interface_pass(engines: Path) -> None:
    assert engine_violations(engines) == []
    assert violations(engines) == []


def test_an_engine_importing_the_other_fails(engines: Path) -> None:
    write(
        engines,
        "vindplaats/engine/elasticsearch/engine.py",
        "def f():\n    from vindplaats.engine.embedded.engine import E\n",
    )
    assert engine_violations(engines) == [
        "vindplaats/engine/elasticsearch/engine.py:2: engine vindplaats.engine.elasticsearch "
        "imports the other engine vindplaats.engine.embedded.engine"
    ]


def test_a_shared_engine_module_importing_an_engine_fails(engines: Path) -> None:
    write(engines, "vindplaats/engine/query.py", "from vindplaats.engine import elasticsearch\n")
    assert engine_violations(engines) == [
        "vindplaats/engine/query.py:1: shared engine module vindplaats.engine.query imports "
        "vindplaats.engine.elasticsearch"
    ]


def test_a_caller_importing_an_engine_folder_fails(engines: Path) -> None:
    write(engines, "search_api/app.py", "import vindplaats.engine.embedded.engine\n")
    assert engine_violations(engines) == [
        "search_api/app.py:1: search_api.app imports engine module "
        "vindplaats.engine.embedded.engine"
    ]
