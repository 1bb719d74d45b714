"""`vindplaats sources show | update | remove`, as an operator uses them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.vindplaats.cli.harvested import KEY, OTHER, harvested
from tests.vindplaats.cli.runner import run_cli
from vindplaats.leasing import source_lease
from vindplaats.store import SQLiteStore

HEADER = "key,name,organisation_type,supplier,cbs_code,allmanak_id,notubiz_organisation_id"


def stored_config(data_dir: Path, key: str) -> dict[str, object]:
    store = SQLiteStore(data_dir / "vindplaats.sqlite3")
    try:
        return store.get_source(key).model_dump(mode="json")
    finally:
        store.close()


def imported(tmp_path: Path) -> None:
    csv = tmp_path / "sources.csv"
    csv.write_text(HEADER + "\nalkmaar,Alkmaar,gemeente,notubiz,GM0361,28270,987\n")
    assert run_cli("sources", "import", str(csv), data_dir=tmp_path).code == 0


def test_update_changes_only_what_is_given(tmp_path: Path) -> None:
    imported(tmp_path)
    before = stored_config(tmp_path, "alkmaar")
    updated = run_cli("sources", "update", "alkmaar", "--name", "Alkmaar (NH)", data_dir=tmp_path)
    assert updated.code == 0, updated.err
    assert updated.out.strip() == "updated source alkmaar: name"
    after = stored_config(tmp_path, "alkmaar")
    assert after == {**before, "name": "Alkmaar (NH)"}  # catalogue metadata kept
    again = run_cli("sources", "update", "alkmaar", "--name", "Alkmaar (NH)", data_dir=tmp_path)
    assert again.code == 0 and "unchanged" in again.out
    cleared = run_cli("sources", "update", "alkmaar", "--clear", "allmanak_id", data_dir=tmp_path)
    assert cleared.code == 0, cleared.err
    assert stored_config(tmp_path, "alkmaar")["allmanak_id"] is None
    assert stored_config(tmp_path, "alkmaar")["cbs_code"] == "GM0361"


def test_a_parlaeus_token_is_set_kept_and_cleared(tmp_path: Path) -> None:
    added = run_cli(
        "sources", "add", "--key", "delfzijl", "--name", "Eemsdelta", "--supplier", "parlaeus",
        "--municipality-prefix", "eemsdelta",
        data_dir=tmp_path,
    )  # fmt: skip
    assert added.code == 0, added.err
    secret = "rid-5f3a9c2e"
    env = {"PARLAEUS_RID": secret}
    updated = run_cli(
        "sources", "update", "delfzijl", "--api-token-env", "PARLAEUS_RID",
        data_dir=tmp_path, env=env,
    )  # fmt: skip
    assert updated.code == 0, updated.err
    assert "api_token (token never shown)" in updated.out and secret not in updated.out
    assert stored_config(tmp_path, "delfzijl")["api_token"] == secret
    shown = run_cli("sources", "show", "delfzijl", "--json", data_dir=tmp_path)
    assert secret not in shown.out + shown.err
    assert json.loads(shown.out)["source"]["api_token"] == "**********"
    # another change keeps the token; a new prefix rebuilds the derived base URL
    prefixed = run_cli(
        "sources", "update", "delfzijl", "--municipality-prefix", "eemsdelta2", data_dir=tmp_path
    )
    assert prefixed.code == 0, prefixed.err
    config = stored_config(tmp_path, "delfzijl")
    assert config["api_token"] == secret
    assert config["base_url"] == "https://eemsdelta2.parlaeus.nl/receive/opendata"
    cleared = run_cli("sources", "update", "delfzijl", "--clear", "api_token", data_dir=tmp_path)
    assert cleared.code == 0, cleared.err
    assert stored_config(tmp_path, "delfzijl")["api_token"] is None


def test_update_refusals_exit_2_and_change_nothing(tmp_path: Path) -> None:
    imported(tmp_path)
    before = stored_config(tmp_path, "alkmaar")
    for args, message in (
        ((), "nothing to change"),
        (("--cbs-code", "GM1", "--clear", "cbs_code"), "--clear cbs_code and a new value"),
        (("--clear", "notubiz_organisation_id"), "notubiz_organisation_id is required"),
        (("--base-url", "ftp://example.org"), "only http(s) URLs are accepted"),
        (("--base-url", "http://127.0.0.1:9/api"), "VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true"),
        (("--api-token-env", "NOT_SET_ANYWHERE"), "NOT_SET_ANYWHERE is not set"),
        (("--supplier", "ibabs"), "ibabs_sitename is required"),
    ):
        result = run_cli("sources", "update", "alkmaar", *args, data_dir=tmp_path)
        assert result.code == 2, (args, result.out, result.err)
        assert message in result.err and "Traceback" not in result.err
    assert stored_config(tmp_path, "alkmaar") == before
    unknown = run_cli("sources", "update", "nowhere", "--name", "X", data_dir=tmp_path)
    assert unknown.code == 2 and "unknown source 'nowhere'" in unknown.err


def test_show_remove_and_purge_a_harvested_source(tmp_path: Path) -> None:
    with harvested(tmp_path) as data:
        shown = data.cli("sources", "show", KEY)
        assert shown.code == 0, shown.err
        assert shown.out.startswith(f"Source {KEY}: Voorbeeldstad (notubiz)")
        assert "  last run                 1: partial at " in shown.out
        assert "27 document" in shown.out
        as_json = json.loads(data.cli("sources", "show", KEY, "--json").out)
        assert as_json["last_run"]["id"] == 1 and as_json["records"]["document"] == 27
        assert data.cli("sources", "show", "nowhere").code == 2

        store = data.store()
        originals = {s.sha256 for s in store.iter_document_states(KEY) if s.sha256 is not None}
        store.close()
        blobs = data.data_dir / "originals"
        assert all((blobs / sha[:2] / sha[2:4] / sha).is_file() for sha in originals)

        kept = data.cli("sources", "remove", KEY)
        assert kept.code == 2
        assert "holds 114 records, 27 documents and 1 harvest runs" in kept.err
        assert "--purge" in kept.err
        assert json.loads(data.cli("search", "", "--json").out)["total"] > 0

        store = data.store()
        try:
            assert store.acquire_lease(source_lease(KEY), "worker-elsewhere-1", 600)
            busy = data.cli("sources", "remove", KEY, "--purge")
            assert busy.code == 2 and "being harvested (by worker-elsewhere-1)" in busy.err
            store.release_lease(source_lease(KEY), "worker-elsewhere-1")
        finally:
            store.close()

        purged = data.cli("sources", "remove", KEY, "--purge")
        assert purged.code == 0, purged.err
        assert purged.out.startswith(f"removed source {KEY} with 114 records, 27 documents")
        assert f"{len(originals)} stored originals deleted" in purged.out
        assert json.loads(data.cli("search", "", "--json").out)["total"] == 0
        assert not any((blobs / sha[:2] / sha[2:4] / sha).exists() for sha in originals)
        assert data.cli("runs", "list", "--json").out.strip() == "[]"
        listed = json.loads(data.cli("sources", "list", "--json").out)
        assert [s["key"] for s in listed] == [OTHER]

        # a source nothing was harvested from is removed without --purge
        removed = data.cli("sources", "remove", OTHER)
        assert removed.code == 0, removed.err
        assert "nothing had been harvested" in removed.out
        assert data.cli("sources", "remove", OTHER).code == 2
