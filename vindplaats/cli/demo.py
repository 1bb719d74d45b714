"""`vindplaats demo`: sandbox suppliers → harvest → extract → index → serve, with SAMPLE DATA.

The demo keeps its own data directory (`<VINDPLAATS_DATA_DIR>/demo`), allows loopback fetches
for this run only (the sandbox listens on 127.0.0.1) and harvests every sandbox source through
the real harvest run. The sandbox keeps running while the web interface and the API are served
(the search page `http://127.0.0.1:8000/` is the first address printed), because the documents'
original URLs point at it. Running the demo again reuses its data: harvests are idempotent.

There is no default password: after the harvest the demo invites a sample editor of the
organisation of its first NotuBiz source (`redactie@<org>.example`) and prints a one-time link
on the address it serves, which sets that editor's password and signs it in. A later demo run
prints a fresh link for the same account.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

from normalize.records import Supplier
from vindplaats.accounts import people
from vindplaats.accounts.organisations import ensure_organisation
from vindplaats.cli.harvest import run_harvest, summary
from vindplaats.cli.output import error
from vindplaats.cli.serve import port_number, serve_api
from vindplaats.engine import open_engine
from vindplaats.errors import EngineError, VindplaatsError
from vindplaats.harvest.rebuild import rebuild_index
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import Source
from vindplaats.store import open_store
from vindplaats.store.models import HarvestRun, RunStatus

# modules of the `sandbox` extra (sample PDFs and DOCX files) -> their package
SANDBOX_PACKAGES = {"reportlab": "reportlab", "docx": "python-docx"}

BANNER = "=" * 72
PORT_TRIES = 20
# The web interface first: it is what a person opens; then the JSON API.
EXAMPLES = (
    "/",
    "/?q=begrotingen",
    "/api/search?q=begrotingen",
    "/api/search?q=motie%20%7C%20amendement&sort=date_desc",
    "/api/sources",
)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "demo",
        help="try Vindplaats on sample data (sandbox → harvest → serve)",
        description="Start the sandbox (a local server speaking the supplier APIs with "
        "deterministic SAMPLE DATA), harvest it into <VINDPLAATS_DATA_DIR>/demo, and serve "
        "the web interface and the API on 127.0.0.1 until Ctrl-C. Your real data is not touched.",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=8000,
        help="Port for the web interface and the API (default 8000; the next free one when taken).",
    )
    parser.add_argument("--no-serve", action="store_true", help="Stop after harvesting.")
    parser.set_defaults(func=run)


def cli_command() -> str:
    """How to run this `vindplaats` again from the same shell: `vindplaats` when that is what
    PATH finds, else the path it was started by (`.venv/bin/vindplaats`), else `python -m`."""
    script = Path(sys.argv[0])
    if script.name == "vindplaats" and script.is_file():
        on_path = shutil.which("vindplaats")
        if on_path is not None and Path(on_path).resolve() == script.resolve():
            return "vindplaats"
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m vindplaats.cli.main"


def usable_index(settings: Settings) -> None:
    """The demo reuses its data, so an index built by another version of Vindplaats (another
    layout: it cannot be opened) is rebuilt from the demo's store first. A real index is only
    ever rebuilt on an operator's `vindplaats index rebuild`."""
    try:
        open_engine(settings).close()
    except EngineError as exc:
        if "index rebuild" not in str(exc):
            raise
        print("The demo's search index was built by another version: rebuilding it from its store")
        rebuild_index(settings)


def demo_settings(base: Settings) -> Settings:
    """The demo's own data dir; loopback fetches allowed and no delays, for this run only.

    Store and engine are always the embedded ones in that directory, so sample data never
    reaches a configured PostgreSQL database or Elasticsearch cluster.
    """
    return load_settings(
        data_dir=base.data_dir / "demo",
        allow_private_networks=True,
        download_delay=0,
        engine="embedded",
        database_url=None,
    )


def _harvest_all(
    settings: Settings, keys: list[str], since: date, until: date
) -> dict[str, HarvestRun | str]:
    """Harvest each source over the whole sample period, so every run re-sees every item
    (the sandbox port, and with it every original URL, changes between demo runs)."""
    outcomes: dict[str, HarvestRun | str] = {}
    for key in keys:
        try:
            outcomes[key] = run_harvest(settings, key, since, until, label=f"demo {key}")
        except VindplaatsError as exc:
            outcomes[key] = str(exc)
        except Exception as exc:  # one source failing as a whole must not hide the others
            outcomes[key] = f"{type(exc).__name__}: {exc}"
    return outcomes


def _by_supplier(outcomes: dict[str, HarvestRun | str], suppliers: dict[str, str]) -> list[str]:
    """One line per supplier: its sample sources and how each harvest ended."""
    lines: dict[str, list[str]] = {}
    for key, outcome in outcomes.items():
        status = "FAILED" if isinstance(outcome, str) else outcome.status.value
        lines.setdefault(suppliers[key], []).append(f"{key} {status}")
    return [f"  {supplier:<20} {', '.join(parts)}" for supplier, parts in lines.items()]


def _report(outcomes: dict[str, HarvestRun | str], suppliers: dict[str, str]) -> bool:
    """Print the SAMPLE DATA summary; True when every harvest completed (ok or partial)."""
    print(BANNER)
    print("SAMPLE DATA — harvested from the Vindplaats sandbox, not from a real council")
    print(BANNER)
    complete = True
    for key, outcome in outcomes.items():
        if isinstance(outcome, str):
            complete = False
            print(f"Harvest of {key}: FAILED before it could run: {outcome}")
        else:
            complete = complete and outcome.status != RunStatus.FAILED
            print(summary(outcome))
        print()
    if any(isinstance(o, HarvestRun) and o.status == RunStatus.PARTIAL for o in outcomes.values()):
        print(
            "PARTIAL is expected here: the sample data deliberately contains a corrupt PDF, an "
            "empty file, a missing file (404), a file the municipality locked (403) and a scan "
            "that needs OCR, to show how each failure is recorded on its document instead of "
            "stopping the harvest."
        )
        print()
    print(
        f"Harvested {len(outcomes)} sample sources from {len(set(suppliers.values()))} suppliers:"
    )
    print("\n".join(_by_supplier(outcomes, suppliers)))
    print(BANNER)
    return complete


def invite_sample_editor(settings: Settings, sources: list[Source]) -> tuple[str, str]:
    """A one-time link (its path) for the sample editor of the demo's first NotuBiz
    organisation, and what it signs in as; a fresh link when the account exists."""
    home = next((s for s in sources if s.supplier == Supplier.NOTUBIZ), sources[0])
    store = open_store(settings)
    try:
        organisation = ensure_organisation(store, home.key)
        email = f"redactie@{organisation.key}.example"
        invitation = people.invite(store, email, "editor", organisation.key, "cli")
        if invitation.account.disabled:
            people.set_disabled(store, invitation.account, False, "cli")
    finally:
        store.close()
    return invitation.path(), f"a sample editor of {organisation.name} ({email})"


def sign_in_line(who: str, link: str) -> str:
    return f"One-time link that signs in {who}; choose its password there: {link}"


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        from vindplaats.sandbox import Sandbox
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in SANDBOX_PACKAGES:
            raise
        error(
            f"the demo needs the optional sandbox packages ({SANDBOX_PACKAGES[missing]} is not "
            "installed; the server image leaves them out): pip install 'vindplaats[sandbox]', "
            "or ./scripts/bootstrap in a checkout"
        )
        return 2

    demo = demo_settings(settings)
    demo.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"Demo data directory: {demo.data_dir.resolve()} (separate from your real data)")
    sandbox = Sandbox(host="127.0.0.1", port=0, files_dir=demo.data_dir / "sandbox-files")
    sandbox.start()
    try:
        print(f"Sandbox (SAMPLE DATA) running on {sandbox.base_url}")
        store = open_store(demo)
        sources = sandbox.sources()
        try:
            suppliers: dict[str, str] = {}
            for source in sources:
                store.upsert_source(source)
                suppliers[source.key] = source.supplier.value
        finally:
            store.close()
        usable_index(demo)
        keys = list(suppliers)
        print(f"Harvesting {len(keys)} sample sources: {', '.join(keys)}")
        world = sandbox.world
        outcomes = _harvest_all(demo, keys, world.date_from, world.date_until)
        if not _report(outcomes, suppliers):
            error("a demo harvest failed as a whole; see the summary above")
            return 1
        path, who = invite_sample_editor(demo, sources)
        if args.no_serve:
            print(sign_in_line(who, f"{path} (on the address `serve` prints for the demo data)"))
            data_dir = shlex.quote(str(demo.data_dir.resolve()))
            print(
                f"Search the sample data: VINDPLAATS_DATA_DIR={data_dir} {cli_command()} search "
                "begrotingen"
            )
            return 0
        print(
            "Open the web interface (the search page) in a browser: the first address below. "
            "The /api/ addresses are the JSON API."
        )
        serve_api(
            demo, "127.0.0.1", args.port, tries=PORT_TRIES, examples=EXAMPLES,
            closing=lambda url: sign_in_line(who, url + path),
        )  # fmt: skip
        return 0
    finally:
        sandbox.stop()
