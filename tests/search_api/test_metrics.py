"""`GET /metrics` as a Prometheus server scrapes it: the text format parses, HTTP counters move
with the requests made (by route template, never by raw path), counters of other worker
processes are added in, and the store figures match what the store holds after harvest-like
changes (a failed extraction, a failed run, a supplier block)."""

from __future__ import annotations

import math
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from normalize.records import DownloadStatus, ExtractionStatus
from search_api import create_app
from search_api.metrics_files import SUFFIX, read_all
from tests.search_api.sample import Sample, build_sample
from vindplaats.errors import ConfigError
from vindplaats.store import RunStatus, open_store

SAMPLE_LINE = re.compile(
    r"^(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?P<labels>.*)\})? (?P<value>\S+)$"
)
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)')

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    """Strict parse of the text exposition format 0.0.4: every sample belongs to a family
    declared with HELP and TYPE before it, every line is well-formed, no sample repeats."""
    assert text.endswith("\n")
    samples: Samples = {}
    types: dict[str, str] = {}
    helps: set[str] = set()
    for line in text.splitlines():
        if line.startswith("# HELP "):
            helps.add(line.split(" ")[2])
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ")
            assert kind in {"counter", "gauge", "histogram"}, line
            assert name not in types, f"family declared twice: {name}"
            types[name] = kind
            continue
        match = SAMPLE_LINE.match(line)
        assert match, f"not a sample line: {line!r}"
        name = match["name"]
        family = re.sub(r"_(bucket|sum|count)$", "", name) if name not in types else name
        assert family in types and family in helps, f"{name} has no HELP/TYPE"
        raw = match["labels"] or ""
        labels = LABEL.findall(raw)
        assert ",".join(f'{k}="{v}"' for k, v in labels) == raw, f"bad labels in {line!r}"
        key = (name, frozenset(labels))
        assert key not in samples, f"sample repeated: {line!r}"
        value = float(match["value"])
        assert not math.isnan(value)
        samples[key] = value
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def with_name(samples: Samples, name: str) -> dict[frozenset[tuple[str, str]], float]:
    return {labels: v for (n, labels), v in samples.items() if n == name}


def scrape(client: TestClient) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return parse(response.text)


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[tuple[Sample, TestClient]]:
    """A sample store of its own (the test changes it), store figures read at every scrape."""
    sample = build_sample(tmp_path / "data")
    sample.settings = sample.settings.model_copy(update={"metrics_store_interval": 0.0})
    with TestClient(create_app(sample.settings), raise_server_exceptions=False) as client:
        yield sample, client


def test_requests_are_counted_by_route_template_method_and_status(
    fresh: tuple[Sample, TestClient],
) -> None:
    sample, client = fresh
    before = scrape(client)
    assert client.get("/api/search", params={"q": "begroting"}).status_code == 200
    assert client.get("/api/search", params={"size": "veel"}).status_code == 400
    assert client.get("/api/documents/document:notubiz:testdam:geheim-42").status_code == 404
    assert client.get(f"/api/documents/{sample.begroting_id}").status_code == 200
    assert client.get("/wp-admin/setup-config.php").status_code == 404
    assert client.post("/api/search").status_code == 405
    assert client.request("BREW", "/healthz").status_code == 405
    after = scrape(client)

    def moved(route: str, method: str, status: str) -> float:
        name = "vindplaats_http_requests_total"
        labels = {"route": route, "method": method, "status": status}
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("/api/search", "GET", "200") == 1
    assert moved("/api/search", "GET", "400") == 1
    assert moved("/api/documents/{id}", "GET", "404") == 1
    assert moved("/api/documents/{id}", "GET", "200") == 1
    assert moved("unmatched", "GET", "404") == 1
    assert moved("/api/search", "POST", "405") == 1
    assert moved("/healthz", "OTHER", "405") == 1  # a made-up method never becomes a label
    assert moved("/metrics", "GET", "200") == 1  # the first scrape
    routes = {
        dict(labels)["route"] for labels in with_name(after, "vindplaats_http_requests_total")
    }
    assert not any("geheim" in r or "wp-admin" in r for r in routes)  # bounded label values

    count = "vindplaats_http_request_duration_seconds_count"
    searches = value(after, count, route="/api/search") - value(before, count, route="/api/search")
    assert searches == 3  # 200, 400 and the POST's 405
    buckets = sorted(
        (float(dict(labels)["le"]), v)
        for labels, v in with_name(after, "vindplaats_http_request_duration_seconds_bucket").items()
        if dict(labels)["route"] == "/api/search"
    )
    assert [v for _, v in buckets] == sorted(v for _, v in buckets)  # cumulative
    assert buckets[-1] == (math.inf, value(after, count, route="/api/search"))
    assert value(after, "vindplaats_http_request_duration_seconds_sum", route="/api/search") > 0
    assert value(after, "vindplaats_http_requests_in_progress") == 1  # this scrape
    assert value(after, "vindplaats_http_worker_processes") == 1


def test_errors_of_the_app_itself_are_counted_as_500(
    fresh: tuple[Sample, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fresh
    engine = client.app.state.services.engine  # type: ignore[attr-defined]

    def broken(query: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(engine, "search", broken)
    before = scrape(client)
    assert client.get("/api/search", params={"q": "x"}).status_code == 500
    after = scrape(client)
    name, labels = "vindplaats_http_requests_total", {"route": "/api/search", "method": "GET"}
    assert value(after, name, **labels, status="500") - value(before, name, **labels, status="500")
    assert value(after, "vindplaats_http_requests_in_progress") == 1  # the failed one ended


CHILD = """
import sys, time
from pathlib import Path
from search_api.metrics_http import HttpRecorder
recorder = HttpRecorder(Path(sys.argv[1]))
for _ in range(3):
    recorder.started()
    recorder.finished("/api/search", "GET", 200, 0.2)
recorder.started()  # still in progress when this process ends
"""


def test_counters_of_other_worker_processes_are_added_in(tmp_path: Path) -> None:
    """Two processes write into one metrics directory (as `serve`'s workers do); a scrape of
    either sees both. A process that ended still counts, its requests in progress do not."""
    sample = build_sample(tmp_path / "data")
    shared = tmp_path / "metrics"
    settings = sample.settings.model_copy(update={"metrics_dir": shared})
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", CHILD, str(shared)], check=True, env=env, cwd=root)
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/search", params={"q": "begroting"}).status_code == 200
        samples = scrape(client)
    labels = {"route": "/api/search", "method": "GET", "status": "200"}
    assert value(samples, "vindplaats_http_requests_total", **labels) == 4
    assert (
        value(samples, "vindplaats_http_request_duration_seconds_count", route="/api/search") == 4
    )
    le = {"route": "/api/search", "le": "0.25"}
    assert value(samples, "vindplaats_http_request_duration_seconds_bucket", **le) >= 3
    assert value(samples, "vindplaats_http_requests_in_progress") == 1  # only the live scrape
    assert value(samples, "vindplaats_http_worker_processes") == 1
    processes = read_all(shared)
    assert len(processes) == 2 and sum(p.alive for p in processes) == 1
    assert sorted(p.name for p in shared.iterdir()) == sorted(f"{p.pid}{SUFFIX}" for p in processes)


def _documents_by_state(sample: Sample) -> dict[tuple[str, str], int]:
    store = open_store(sample.settings)
    try:
        found: dict[tuple[str, str], int] = {}
        for state in store.iter_document_states():
            key = (state.download_status.value, state.extraction_status.value)
            found[key] = found.get(key, 0) + 1
        return found
    finally:
        store.close()


def assert_sample_figures(sample: Sample, found: Samples) -> None:
    """The store figures of the untouched sample."""
    documents = with_name(found, "vindplaats_documents")
    # every download x extraction state, zeros included
    assert len(documents) == len(DownloadStatus) * len(ExtractionStatus)
    expected = _documents_by_state(sample)
    for labels, count in documents.items():
        state = dict(labels)
        assert count == expected.get((state["download_status"], state["extraction_status"]), 0)
    assert value(found, "vindplaats_documents_withdrawn") == 1
    assert value(found, "vindplaats_supplier_blocked", supplier="ibabs") == 0
    assert value(found, "vindplaats_supplier_blocks_active") == 0
    assert value(found, "vindplaats_harvest_runs_running") == 0
    sources = {dict(k)["state"]: v for k, v in with_name(found, "vindplaats_sources").items()}
    assert sum(sources.values()) == 2


def failing_harvest(sample: Sample, client: TestClient) -> None:
    """A harvest of anderdam: one document's extraction fails, the run fails, iBabs blocks us
    (while it runs, the figures count it as running)."""
    store = open_store(sample.settings)
    try:
        run = store.start_run("anderdam")
        during = scrape(client)
        assert value(during, "vindplaats_harvest_runs_running") == 1
        store.record_extraction(
            sample.letter_ids[0],
            status=ExtractionStatus.FAILED,
            pages=[],
            agent="extractous 0.3.0",
            error="corrupt PDF",
        )
        store.finish_run(run.id, RunStatus.FAILED, {}, ["iBabs answered: request blocked"])
        store.block_supplier("ibabs", 3600, "The request is blocked")
    finally:
        store.close()


def test_store_figures_follow_a_harvest(fresh: tuple[Sample, TestClient]) -> None:
    sample, client = fresh
    before = scrape(client)
    assert_sample_figures(sample, before)
    failing_harvest(sample, client)
    after = scrape(client)

    assert value(after, "vindplaats_extraction_failures") == (
        value(before, "vindplaats_extraction_failures") + 1
    )
    ok_ok = {"download_status": "ok", "extraction_status": "ok"}
    ok_failed = {"download_status": "ok", "extraction_status": "failed"}
    assert (
        value(after, "vindplaats_documents", **ok_ok)
        == value(before, "vindplaats_documents", **ok_ok) - 1
    )
    assert (
        value(after, "vindplaats_documents", **ok_failed)
        == value(before, "vindplaats_documents", **ok_failed) + 1
    )
    runs = "vindplaats_harvest_runs_total"
    assert value(after, runs, status="failed") == value(before, runs, status="failed") + 1
    assert value(after, "vindplaats_harvest_runs_running") == 0
    assert value(after, "vindplaats_supplier_blocked", supplier="ibabs") == 1
    assert value(after, "vindplaats_supplier_blocked", supplier="notubiz") == 0
    assert value(after, "vindplaats_supplier_blocks_active") == 1
    until = value(after, "vindplaats_supplier_blocked_until_timestamp_seconds", supplier="ibabs")
    assert until > value(
        after, "vindplaats_source_last_success_timestamp_seconds", source="testdam"
    )
    assert value(after, "vindplaats_sources", state="blocked") == 1  # anderdam is iBabs
    assert value(after, "vindplaats_source_failed_runs_in_a_row", source="anderdam") == 1
    assert value(after, "vindplaats_collector_up", collector="store") == 1


def test_index_figures(client: TestClient) -> None:
    samples = scrape(client)
    health = client.get("/healthz").json()
    assert value(samples, "vindplaats_index_documents") == health["documents"]
    assert value(samples, "vindplaats_index_size_bytes") > 0
    assert value(samples, "vindplaats_collector_up", collector="index") == 1
    [build] = with_name(samples, "vindplaats_build_info")
    assert dict(build)["engine"] == "embedded" and dict(build)["store"] == "sqlite"


def test_a_failing_engine_leaves_the_other_figures_served(
    fresh: tuple[Sample, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fresh
    engine = client.app.state.services.engine  # type: ignore[attr-defined]

    def broken() -> int:
        raise OSError("index directory gone")

    monkeypatch.setattr(engine, "count", broken)
    samples = scrape(client)
    assert value(samples, "vindplaats_collector_up", collector="index") == 0
    assert value(samples, "vindplaats_collector_up", collector="store") == 1
    assert with_name(samples, "vindplaats_documents")
    assert not with_name(samples, "vindplaats_index_documents")


def test_store_figures_are_reused_within_the_interval(tmp_path: Path) -> None:
    sample = build_sample(tmp_path / "data")
    settings = sample.settings.model_copy(update={"metrics_store_interval": 3600.0})
    with TestClient(create_app(settings)) as client:
        first = scrape(client)
        store = open_store(settings)
        try:
            store.block_supplier("notubiz", 60, "blocked")
        finally:
            store.close()
        second = scrape(client)
    assert value(second, "vindplaats_supplier_blocked", supplier="notubiz") == 0  # reused
    assert with_name(first, "vindplaats_documents") == with_name(second, "vindplaats_documents")
    name, labels = "vindplaats_http_requests_total", {"route": "/metrics", "method": "GET"}
    assert value(second, name, **labels, status="200") == 1  # HTTP counters are always live


def test_unknown_parameters_are_refused_like_everywhere(client: TestClient) -> None:
    response = client.get("/metrics", params={"format": "json"})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "format"


def test_serve_with_two_workers_counts_every_request_once(tmp_path: Path) -> None:
    """`vindplaats serve` with two worker processes: once both have answered requests, any
    scrape (whichever worker answers it) counts every request exactly once. The workers share
    one temporary metrics directory, removed when the server stops."""
    sample = build_sample(tmp_path / "data")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env.update({"TMPDIR": str(temp), "VINDPLAATS_DATA_DIR": str(sample.settings.data_dir)})
    env.update({"VINDPLAATS_API_WORKERS": "2", "VINDPLAATS_LOG_LEVEL": "WARNING"})
    command = [sys.executable, "-m", "vindplaats.cli.main", "serve", "--port", "0"]
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=root)

    def writers() -> set[str]:
        return {p.name for p in temp.glob("vindplaats-metrics-*/*" + SUFFIX)}

    try:
        assert process.stdout is not None
        match = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        assert match
        close = {"Connection": "close"}  # a new connection each time: either worker accepts
        with httpx.Client(base_url=match.group(0), timeout=10) as http:
            made = 0
            while len(writers()) < 2 and made < 1000:
                try:
                    answer = http.get("/api/sources", headers=close)
                except httpx.TransportError:  # not listening yet
                    continue
                assert answer.status_code == 200
                made += 1
            assert len(writers()) == 2, "one worker answered 1000 requests in a row"
            assert len(list(temp.glob("vindplaats-metrics-*"))) == 1  # one shared directory
            scrapes = [parse(http.get("/metrics", headers=close).text) for _ in range(6)]
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == 0
    assert not list(temp.glob("vindplaats-metrics-*"))  # removed at the end
    labels = {"route": "/api/sources", "method": "GET", "status": "200"}
    scraped = {"route": "/metrics", "method": "GET", "status": "200"}
    for n, samples in enumerate(scrapes):
        assert value(samples, "vindplaats_http_requests_total", **labels) == made
        assert value(samples, "vindplaats_http_requests_total", **scraped) == n
        assert value(samples, "vindplaats_http_worker_processes") == 2


def test_elasticsearch_index_figures(tmp_path: Path) -> None:
    """With the Elasticsearch engine the index figures come from the cluster: its document
    count and the store size of the index behind the read alias."""
    from elasticsearch import Elasticsearch

    from tests.services import ELASTICSEARCH, service_url
    from tests.vindplaats.engine.conftest import make_doc
    from tests.vindplaats.engine.elasticsearch.test_service import delete_prefix
    from vindplaats.engine import open_engine
    from vindplaats.settings import load_settings

    url = service_url(ELASTICSEARCH)
    prefix = f"vptest-metrics-{os.getpid()}"
    settings = load_settings(
        data_dir=tmp_path,
        engine="elasticsearch",
        elasticsearch_url=url,
        elasticsearch_index_prefix=prefix,
        metrics_store_interval=0,
    )
    try:
        engine = open_engine(settings)
        try:
            engine.index([make_doc(1, "De begroting."), make_doc(2, "Een motie.")])
        finally:
            engine.close()
        with TestClient(create_app(settings)) as client:
            samples = scrape(client)
    finally:
        with Elasticsearch(url) as es:
            delete_prefix(es, prefix)
    assert value(samples, "vindplaats_index_documents") == 2
    assert value(samples, "vindplaats_index_size_bytes") > 0
    assert value(samples, "vindplaats_collector_up", collector="index") == 1
    [build] = with_name(samples, "vindplaats_build_info")
    assert dict(build)["engine"] == "elasticsearch"


def test_refusals_before_routing_are_counted_under_their_route(tmp_path: Path) -> None:
    """A 429 is answered before the router runs; it still counts under the route asked for."""
    sample = build_sample(tmp_path / "data")
    settings = sample.settings.model_copy(update={"api_rate_limit": "2/min"})
    with TestClient(create_app(settings)) as client:
        statuses = [client.get("/api/sources").status_code for _ in range(4)]
        samples = scrape(client)
    assert statuses == [200, 200, 429, 429]
    name, labels = "vindplaats_http_requests_total", {"route": "/api/sources", "method": "GET"}
    assert value(samples, name, **labels, status="200") == 2
    assert value(samples, name, **labels, status="429") == 2


def test_a_metrics_directory_that_cannot_be_made_is_a_clear_start_error(tmp_path: Path) -> None:
    sample = build_sample(tmp_path / "data")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings = sample.settings.model_copy(update={"metrics_dir": blocker / "metrics"})
    with pytest.raises(ConfigError, match="VINDPLAATS_METRICS_DIR"):
        create_app(settings)


def test_counting_that_fails_never_fails_a_request(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sample = build_sample(tmp_path / "data")
    shared = tmp_path / "metrics"
    settings = sample.settings.model_copy(update={"metrics_dir": shared})
    with TestClient(create_app(settings)) as client:
        shared.rmdir()
        shared.write_text("the directory is gone, a file took its place")
        answers = [client.get("/healthz").status_code for _ in range(3)]
        scraped = client.get("/metrics")
    assert answers == [200, 200, 200] and scraped.status_code == 200
    parse(scraped.text)
    failures = [r for r in caplog.records if "HTTP metrics are not counted" in r.getMessage()]
    assert len(failures) == 1  # logged once, not per request
