"""The demo site of the browser tests: the sandbox's sample world harvested once, exactly as
`vindplaats demo --no-serve` does (the demo's settings, every sandbox source through the real
harvest run), and the app served by uvicorn on a loopback port over that data.

The sandbox keeps running for the whole session: the documents' original URLs point at it, and
a story that changes the sample world harvests a source again with `DemoSite.reharvest`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from search_api import create_app
from tests.search_api.live import served
from vindplaats.cli.demo import demo_settings
from vindplaats.cli.harvest import run_harvest
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store
from vindplaats.store.models import HarvestRun, RunStatus


@dataclass(frozen=True)
class DemoSite:
    """The served demo: `url` (base URL, no trailing slash), the demo's `settings` (its data dir
    is `settings.data_dir`) and the running `sandbox` it was harvested from."""

    url: str
    settings: Settings
    sandbox: Sandbox

    def reharvest(self, key: str) -> HarvestRun:
        """Harvest source `key` again over the whole sample period (after the sample world
        changed); the served app sees the new records at once."""
        run = _harvest(self.settings, self.sandbox, key)
        assert run.status != RunStatus.FAILED, f"re-harvest of {key} failed: {run.errors}"
        return run

    def link(self, path: str) -> str:
        """The absolute URL of `path` ("/organisaties") on this site."""
        return self.url + path


def _harvest(settings: Settings, sandbox: Sandbox, key: str) -> HarvestRun:
    """One harvest run of `key`, as the demo runs it (the whole sample period)."""
    world = sandbox.world
    return run_harvest(settings, key, world.date_from, world.date_until, label=f"demo {key}")


def harvest_demo(base_dir: Path, sandbox: Sandbox) -> Settings:
    """Register every sandbox source in `<base_dir>/demo` and harvest each, as the demo does;
    the demo's settings. Every run must complete (ok, or partial for the deliberately broken
    sample files)."""
    settings = demo_settings(load_settings(data_dir=base_dir))
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(settings)
    try:
        keys = []
        for source in sandbox.sources():
            store.upsert_source(source)
            keys.append(source.key)
    finally:
        store.close()
    for key in keys:
        run = _harvest(settings, sandbox, key)
        assert run.status != RunStatus.FAILED, f"demo harvest of {key} failed: {run.errors}"
    return settings


@contextmanager
def demo_site(base_dir: Path) -> Iterator[DemoSite]:
    """The demo harvested into `base_dir` and served (rate limit off: a browser test makes many
    requests from one client) until the block ends."""
    sandbox = Sandbox(host="127.0.0.1", port=0, files_dir=base_dir / "sandbox-files")
    with sandbox:
        settings = harvest_demo(base_dir, sandbox)
        served_settings = settings.model_copy(update={"api_rate_limit": "off"})
        with served(create_app(served_settings), wait=30) as (url, _):
            yield DemoSite(url=url.rstrip("/"), settings=settings, sandbox=sandbox)
