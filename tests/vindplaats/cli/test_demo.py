"""`vindplaats demo --no-serve` end to end, then `search` and `harvest` on the demo data; the
sample editor's one-time link, and a second demo run that serves a fresh link which signs the
editor in."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.vindplaats.cli.runner import ROOT, Result, run_cli
from vindplaats.accounts import credentials
from vindplaats.cli.demo import EXAMPLES, cli_command
from vindplaats.sandbox import Sandbox
from vindplaats.settings import load_settings
from vindplaats.store import open_store

# The first test waits for the whole demo harvest (five suppliers, OCR of the scans): minutes on two
# loaded cores.
pytestmark = pytest.mark.timeout(900)
DEMO_TIMEOUT = 720
EDITOR = "redactie@voorbeeldstad.example"
SIGN_IN = re.compile(
    r"^One-time link that signs in a sample editor of Voorbeeldstad \(redactie@voorbeeldstad"
    r"\.example\); choose its password there: (?P<link>\S*/uitnodiging/(?P<token>[\w-]{40,}))",
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    data_dir = tmp_path_factory.mktemp("demo-base")
    result = run_cli("demo", "--no-serve", data_dir=data_dir, timeout=DEMO_TIMEOUT)
    return data_dir, result


def test_demo_harvests_sample_data(demo: tuple[Path, Result]) -> None:
    data_dir, result = demo
    assert result.code == 0, result.out + result.err
    demo_dir = data_dir / "demo"
    assert str(demo_dir.resolve()) in result.out
    assert "SAMPLE DATA" in result.out
    assert "downloads" in result.out and "extraction" in result.out
    assert "Traceback" not in result.err
    assert (demo_dir / "vindplaats.sqlite3").is_file()
    sources = json.loads(run_cli("sources", "list", "--json", data_dir=demo_dir).out)
    assert sources and all(s["last_run"]["status"] in {"ok", "partial"} for s in sources)
    suppliers = {"notubiz", "ibabs", "gemeenteoplossingen", "parlaeus", "diwoo"}
    assert {s["supplier"] for s in sources} == suppliers
    assert f"from {len(suppliers)} suppliers:" in result.out
    for supplier in suppliers:
        assert f"  {supplier} " in result.out
    assert run_cli("sources", "list", data_dir=data_dir).out.startswith("no sources registered")


def test_the_closing_hint_runs_as_printed(demo: tuple[Path, Result]) -> None:
    _, result = demo
    prefix = "Search the sample data: "
    hint = next(line for line in result.out.splitlines() if line.startswith(prefix))
    command = hint.removeprefix(prefix)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    done = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, env=env, cwd="/", check=False
    )
    assert done.returncode == 0, (command, done.stderr)
    assert done.stdout.startswith("1. ")


def test_the_demo_offers_the_web_interface_first_and_keeps_the_api_example() -> None:
    assert EXAMPLES[0] == "/"  # printed as http://127.0.0.1:8000/, the address to open
    assert "/api/search?q=begrotingen" in EXAMPLES


def test_the_hint_names_the_executable_that_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "bin" / "vindplaats"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script), "demo"])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert cli_command() == str(script)  # not on PATH: its path, as it was started
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin:/bin")
    assert cli_command() == "vindplaats"
    monkeypatch.setattr(sys, "argv", ["/somewhere/vindplaats/cli/main.py"])
    assert cli_command() == f"{sys.executable} -m vindplaats.cli.main"


def test_search_finds_demo_documents(demo: tuple[Path, Result]) -> None:
    data_dir, _ = demo
    result = run_cli("search", "begrotingen", data_dir=data_dir / "demo")
    assert result.code == 0, result.err
    assert result.out.startswith("1. ")
    assert "*begroting" in result.out.lower()
    assert "0 documents found" not in result.out


def test_harvest_of_loopback_source_without_allow_setting_is_refused(
    demo: tuple[Path, Result],
) -> None:
    data_dir, _ = demo
    sources = json.loads(run_cli("sources", "list", "--json", data_dir=data_dir / "demo").out)
    result = run_cli("harvest", sources[0]["key"], data_dir=data_dir / "demo")
    assert result.code == 2, result.out + result.err
    assert result.err.startswith("vindplaats: error: refused")
    assert "VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_harvest_partial_run_exits_1_saying_what_failed(
    demo: tuple[Path, Result], tmp_path: Path
) -> None:
    data_dir, _ = demo
    allow = {"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true", "VINDPLAATS_DOWNLOAD_DELAY": "0"}
    with Sandbox(host="127.0.0.1", port=0, files_dir=tmp_path / "files") as sandbox:
        source = next(s for s in sandbox.sources() if s.key == "voorbeeldstad")
        moved = run_cli(
            "sources", "add", "--key", source.key, "--name", source.name,
            "--supplier", "notubiz", "--notubiz-organisation-id",
            str(source.notubiz_organisation_id), "--base-url", str(source.base_url),
            data_dir=data_dir / "demo", env=allow,
        )  # fmt: skip
        assert moved.code == 0, moved.err
        world = sandbox.world
        result = run_cli(
            "harvest", "voorbeeldstad", "--since", str(world.date_from),
            "--until", str(world.date_until),
            data_dir=data_dir / "demo", env=allow, timeout=180,
        )  # fmt: skip
    assert result.code == 1, result.out + result.err
    assert result.out.startswith("Harvest of voorbeeldstad: PARTIAL")
    assert "downloads" in result.out and "extraction" in result.out and "errors (" in result.out
    assert "crawling" in result.err  # progress, plain lines when not on a terminal
    last = result.err.strip().splitlines()[-1]
    assert last.startswith("vindplaats: error: harvest of voorbeeldstad was partial: ")
    assert "1 download failed" in last  # the sample's missing file; the rest is unchanged


@pytest.mark.parametrize("module", ["reportlab", "docx"])
def test_demo_without_the_sandbox_extra_says_what_to_install(tmp_path: Path, module: str) -> None:
    """A runtime install (the server image) has no sandbox packages: a clear error, exit 2."""
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"  # as if the package were not installed
        "from vindplaats.cli.main import main\n"
        "sys.exit(main(['demo', '--no-serve']))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env["VINDPLAATS_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    package = {"reportlab": "reportlab", "docx": "python-docx"}[module]
    assert f"needs the optional sandbox packages ({package} is not installed" in done.stderr
    assert "pip install 'vindplaats[sandbox]'" in done.stderr
    assert not (tmp_path / "demo").exists()  # nothing started


def test_the_demo_prints_a_one_time_link_for_a_sample_editor(demo: tuple[Path, Result]) -> None:
    data_dir, result = demo
    [line] = [line for line in result.out.splitlines() if "/uitnodiging/" in line]
    match = SIGN_IN.match(line)
    assert match, line
    assert match["link"].startswith("/uitnodiging/")  # --no-serve: no address to print it on
    assert "(on the address `serve` prints for the demo data)" in line
    assert match["token"] not in result.err
    store = open_store(load_settings(data_dir=data_dir / "demo"))
    try:
        account = store.account_by_email(EDITOR)
        assert account is not None
        assert (account.role, account.organisation_key) == ("editor", "voorbeeldstad")
        assert account.password_hash is None  # no default password: the link sets one
        assert store.link_valid(credentials.token_hash(match["token"])) == account.id
        assert [a.email for a in store.list_accounts()] == [EDITOR]
    finally:
        store.close()


def test_a_second_demo_serves_a_fresh_link_that_signs_the_editor_in(
    demo: tuple[Path, Result], tmp_path: Path
) -> None:
    """Runs last: the demo again on the same data (the account exists), serving on a free port."""
    data_dir, first = demo
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env.update({"VINDPLAATS_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"})
    with (tmp_path / "stderr").open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "vindplaats.cli.main", "demo", "--port", "0"],
            stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=ROOT,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            lines: list[str] = []
            while not (lines and SIGN_IN.match(lines[-1])):
                line = process.stdout.readline()
                assert line, "".join(lines)  # the demo ended before printing the link
                lines.append(line)
            served = re.search(r"Vindplaats API on (http://127\.0\.0\.1:\d+)", "".join(lines))
            assert served, "".join(lines)
            match = SIGN_IN.match(lines[-1])
            assert match and match["link"] == f"{served[1]}/uitnodiging/{match['token']}"
            earlier = SIGN_IN.search(first.out)
            assert earlier and earlier["token"] != match["token"]  # a fresh link
            _sign_in_with(served[1], match["link"])
        finally:
            process.terminate()
            process.wait(timeout=60)
            if process.stdout is not None:
                process.stdout.close()
    store = open_store(load_settings(data_dir=data_dir / "demo"))
    try:
        account = store.account_by_email(EDITOR)
        assert account is not None and account.password_hash is not None
        assert [a.email for a in store.list_accounts()] == [EDITOR]
    finally:
        store.close()


def _sign_in_with(base: str, link: str) -> None:
    """Open the link, choose a password: signed in on the organisation's dashboard."""
    with httpx.Client(base_url=base, follow_redirects=True, timeout=60) as client:
        page = client.get(link)
        assert page.status_code == 200 and "Wachtwoord instellen" in page.text
        password = "een lange zin als wachtwoord"
        done = client.post(
            link, data={"password": password, "password2": password}, headers={"Origin": base}
        )
        assert done.status_code == 200, done.text[:500]
        assert done.url.path == "/beheer/organisaties/voorbeeldstad"
        assert client.get(link).status_code == 410  # used up


def test_a_demo_index_of_another_version_is_rebuilt_from_the_store(tmp_path: Path) -> None:
    import tantivy

    from vindplaats.cli.demo import usable_index
    from vindplaats.engine import open_engine

    settings = load_settings(data_dir=tmp_path, engine="embedded")
    settings.index_dir.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True)
    tantivy.Index(builder.build(), str(settings.index_dir))  # another layout
    open_store(settings).close()
    usable_index(settings)
    with open_engine(settings) as engine:
        assert engine.count() == 0  # opens now: rebuilt (from an empty store)
