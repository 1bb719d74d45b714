"""A data directory with one CLI harvest of the sandbox's NotuBiz source that carries every edge
case (a scan, a corrupt and an empty file, a missing one), for the operator commands' tests.

The harvest runs with an empty PATH, as on a machine without Tesseract and pdftoppm: the scan is
stored with the warning "ocr unavailable".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from normalize.ids import make_id
from tests.vindplaats.cli.runner import Result, run_cli
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.world import SandboxWorld
from vindplaats.store import SQLiteStore

KEY = "voorbeeldstad"
OTHER = "zandaam"  # a second source of the same sandbox, registered but never harvested
ENV = {
    "VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true",
    "VINDPLAATS_DOWNLOAD_DELAY": "0",
    "VINDPLAATS_AUTOTHROTTLE": "false",
}


@dataclass
class Harvested:
    data_dir: Path
    world: SandboxWorld
    run: Result
    env: dict[str, str] = field(default_factory=lambda: dict(ENV))

    def cli(self, *args: str, env: dict[str, str] | None = None) -> Result:
        return run_cli(*args, data_dir=self.data_dir, env={**self.env, **(env or {})}, timeout=300)

    def store(self) -> SQLiteStore:
        return SQLiteStore(self.data_dir / "vindplaats.sqlite3")

    @staticmethod
    def doc_id(native: int) -> str:
        return make_id("document", "notubiz", KEY, native)


@contextmanager
def harvested(tmp: Path) -> Iterator[Harvested]:
    """The sandbox serving, its NotuBiz sources registered, `KEY` harvested once (CLI)."""
    no_tools = tmp / "no-tools"
    no_tools.mkdir()
    with Sandbox(files_dir=tmp / "files") as sandbox:
        data_dir = tmp / "data"
        data_dir.mkdir()
        store = SQLiteStore(data_dir / "vindplaats.sqlite3")
        for source in sandbox.sources(supplier="notubiz"):
            if source.key in (KEY, OTHER):
                store.upsert_source(source)
        store.close()
        w = sandbox.world
        run = run_cli(
            "harvest", KEY, "--since", str(w.date_from), "--until", str(w.date_until),
            data_dir=data_dir, env={**ENV, "PATH": str(no_tools)}, timeout=300,
        )  # fmt: skip
        yield Harvested(data_dir, w, run)
