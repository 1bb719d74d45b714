"""An Elasticsearch nobody answers at: one clear line and exit 2, not the client's tracebacks."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.vindplaats.cli.runner import run_cli
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.elasticsearch.errors import ElasticsearchUnreachable, shown_url
from vindplaats.errors import ConfigError, EngineError


def closed_port() -> int:
    """A loopback port the OS just handed out and nothing listens on any more."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    "args", [["search", "begroting"], ["index", "rebuild"]], ids=["search", "rebuild"]
)
def test_an_unreachable_elasticsearch_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str]
) -> None:
    url = f"http://user:secret@127.0.0.1:{closed_port()}"
    env = {"VINDPLAATS_ENGINE": "elasticsearch", "VINDPLAATS_ELASTICSEARCH_URL": url}
    result = run_cli(*args, data_dir=tmp_path, env=env)
    assert result.code == 2, result.err
    assert result.err == (
        f"vindplaats: error: Elasticsearch at {url.replace('user:secret@', '')} is not "
        "reachable: Connection refused (VINDPLAATS_ELASTICSEARCH_URL)\n"
    )


def test_the_client_warnings_come_back_at_debug(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    env = {
        "VINDPLAATS_ENGINE": "elasticsearch",
        "VINDPLAATS_ELASTICSEARCH_URL": url,
        "VINDPLAATS_LOG_LEVEL": "DEBUG",
    }
    result = run_cli("search", "begroting", data_dir=tmp_path, env=env)
    assert result.code == 2
    assert "elastic_transport" in result.err and "Retrying request" in result.err


def test_the_engine_raises_an_error_that_is_both_engine_and_configuration() -> None:
    engine = ElasticsearchEngine(f"http://127.0.0.1:{closed_port()}", timeout=5)
    with engine, pytest.raises(ElasticsearchUnreachable, match="not reachable: Connection refused"):
        engine.count()
    assert issubclass(ElasticsearchUnreachable, EngineError)
    assert issubclass(ElasticsearchUnreachable, ConfigError)


def test_shown_urls_carry_no_credentials() -> None:
    assert shown_url("https://elastic:pw@es.example.org:9200/") == "https://es.example.org:9200"
    assert shown_url("http://127.0.0.1:9200") == "http://127.0.0.1:9200"
