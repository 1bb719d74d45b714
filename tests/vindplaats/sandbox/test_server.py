"""The sandbox server: lifecycle, front page, request log, sources."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from normalize.records import OrganizationType, Supplier
from vindplaats.sandbox import Sandbox
from vindplaats.sources import Source


def test_sources_point_at_the_sandbox(sandbox: Sandbox) -> None:
    sources = sandbox.sources(supplier="notubiz")
    assert [s.key for s in sources] == ["voorbeeldstad", "zandaam", "oosterproef"]
    for source in sources:
        assert isinstance(source, Source)
        assert source.supplier is Supplier.NOTUBIZ
        assert source.organisation_type is OrganizationType.MUNICIPALITY
        assert source.base_url == sandbox.notubiz_url
        source.check_harvestable()
    assert [s.notubiz_organisation_id for s in sources] == ["9001", "9002", "9003"]


def test_every_sample_source_has_its_own_key_and_every_supplier_is_there(
    sandbox: Sandbox,
) -> None:
    keys = [s.key for s in sandbox.sources()]
    assert len(keys) == len(set(keys)), keys
    assert {s.supplier for s in sandbox.sources()} == {
        Supplier.NOTUBIZ,
        Supplier.IBABS,
        Supplier.GEMEENTEOPLOSSINGEN,
        Supplier.PARLAEUS,
        Supplier.DIWOO,
    }


def test_front_page_says_sample_data(sandbox: Sandbox, client: httpx.Client) -> None:
    response = client.get(sandbox.base_url + "/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "sample data, not real council information" in response.text
    for name in ("Voorbeeldstad", "Zandaam", "Oosterproef"):
        assert name in response.text


def test_every_request_is_logged(client: httpx.Client) -> None:
    with Sandbox() as sandbox:
        client.get(f"{sandbox.notubiz_url}/organisations?format=json&version=1.17.0")
        client.get(f"{sandbox.notubiz_url}/organisations")
        log = sandbox.requests
        assert [(e.method, e.path, e.status) for e in log] == [
            ("GET", "/notubiz/organisations", 200),
            ("GET", "/notubiz/organisations", 400),
        ]
        assert log[0].query == "format=json&version=1.17.0"
        assert log[0].bytes > 100 and log[0].time > 0
        sandbox.clear_requests()
        assert sandbox.requests == []


def test_stop_frees_the_port_and_the_temporary_files(client: httpx.Client) -> None:
    sandbox = Sandbox().start()
    url = sandbox.base_url
    files_dir = sandbox.files_dir
    sandbox.prepare_files()
    assert any(files_dir.iterdir())
    sandbox.stop()
    assert not files_dir.exists()
    with pytest.raises(httpx.ConnectError):
        client.get(url + "/")


def test_addresses_need_a_started_sandbox() -> None:
    with pytest.raises(RuntimeError, match="not started"):
        _ = Sandbox().base_url


def test_many_concurrent_requests_are_all_answered(sandbox: Sandbox, client: httpx.Client) -> None:
    urls = [
        f"{sandbox.notubiz_url}/events/meetings/{meeting_id}?format=json&version=1.17.0"
        for key in sandbox.world.source_keys
        for meeting_id in sandbox.world.expected(key).public_meeting_ids
    ]
    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lambda url: client.get(url).status_code, urls * 2))
    assert statuses == [200] * len(urls) * 2
