"""docker/: the compose file follows the deployment rules, and the health check script works.

Docker itself does not run here; the compose file is read as YAML and checked for what the
deployment promises (docker/README.md): health checks, resource limits, restart policies, pinned
images, start order on health, and settings that exist.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from vindplaats.settings import PREFIX, Settings

DOCKER = Path(__file__).resolve().parents[1] / "docker"
COMPOSE = DOCKER / "compose.yaml"
HEALTHCHECK = DOCKER / "healthcheck.py"
VARIABLE = re.compile(r"\b(VINDPLAATS_[A-Z0-9_]+)")
APP_SERVICES = ("api", "worker", "scheduler")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


def test_the_deployment_has_every_part(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) == {"elasticsearch", "postgres", "tika", *APP_SERVICES}


def test_every_service_has_a_health_check(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        check = service.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), name
        assert check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert {"interval", "timeout", "retries"} <= set(check), name


def test_every_service_has_limits_and_a_restart_policy(
    services: dict[str, dict[str, Any]],
) -> None:
    for name, service in services.items():
        limits = service.get("deploy", {}).get("resources", {}).get("limits", {})
        assert limits.get("cpus") and limits.get("memory"), name
        assert service.get("restart") in ("unless-stopped", "always", "on-failure"), name


def test_images_are_pinned(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        image = service["image"]
        repository, _, tag = image.rpartition(":")
        assert repository and "/" not in tag, f"{name}: {image} has no tag"
        assert "latest" not in tag and re.search(r"\d+\.\d+", tag), f"{name}: {image}"


def test_tika_server_is_at_least_3_2_2(services: dict[str, dict[str, Any]]) -> None:
    tag = services["tika"]["image"].rpartition(":")[2]
    version = tuple(int(part) for part in re.findall(r"\d+", tag)[:3])
    assert version >= (3, 2, 2)


def test_dependencies_wait_for_health(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict), f"{name}: depends_on must name conditions"
        for target, rule in depends.items():
            assert target in services, f"{name} depends on unknown {target}"
            assert rule == {"condition": "service_healthy"}, f"{name} → {target}"
    for name in APP_SERVICES:
        assert set(services[name]["depends_on"]) == {"elasticsearch", "postgres", "tika"}


def test_app_services_are_configured_for_the_scaled_deployment(
    services: dict[str, dict[str, Any]],
) -> None:
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["VINDPLAATS_ENGINE"] == "elasticsearch"
        assert env["VINDPLAATS_EXTRACTOR"] == "tika-server"
        assert env["VINDPLAATS_TIKA_URL"] == "http://tika:9998"
        assert env["VINDPLAATS_ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
        assert "VINDPLAATS_DATABASE_URL" not in env  # a secret: from the env file only
        assert services[name]["env_file"] == "vindplaats.env"
        assert "originals:/data" in services[name]["volumes"]
        assert env["VINDPLAATS_DATA_DIR"] == "/data"
        Settings(**{key.removeprefix(PREFIX).lower(): value for key, value in env.items()})
    assert services["worker"]["command"] == ["worker"]
    assert services["scheduler"]["command"] == ["scheduler"]
    assert services["api"]["command"] == ["serve", "--host", "0.0.0.0"]
    assert "container_name" not in services["worker"] and "ports" not in services["worker"]


@pytest.mark.parametrize(
    "path", ["compose.yaml", "vindplaats.env.example", "Dockerfile", "README.md"]
)
def test_every_variable_is_a_setting(path: str) -> None:
    used = set(VARIABLE.findall((DOCKER / path).read_text()))
    known = {PREFIX + name.upper() for name in Settings.model_fields}
    assert used, path
    assert used <= known, f"{path}: not settings: {sorted(used - known)}"


def test_env_example_holds_the_database_url() -> None:
    lines = (DOCKER / "vindplaats.env.example").read_text().splitlines()
    keys = {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}
    assert "VINDPLAATS_DATABASE_URL" in keys


def test_app_image_runs_as_a_non_root_user() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^FROM python:3\.11\.\d+-slim", dockerfile, re.M)
    assert "tesseract-ocr-nld" in dockerfile and "HEALTHCHECK" in dockerfile


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = 200 if self.path == "/healthz" else 503
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HEALTHCHECK), *args],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )


def test_healthcheck_http(health_server: str) -> None:
    assert _check("http", health_server + "/healthz").returncode == 0
    failed = _check("http", health_server + "/elders")
    assert failed.returncode == 1 and "HTTP 503" in failed.stderr


def test_healthcheck_dependencies(health_server: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        closed = probe.getsockname()[1]
    env = {
        "VINDPLAATS_DATABASE_URL": f"postgresql://u:geheim@127.0.0.1:{closed}/db",
        "VINDPLAATS_TIKA_URL": health_server,
    }
    failed = _check("deps", env=env)
    assert failed.returncode == 1
    assert "VINDPLAATS_DATABASE_URL" in failed.stderr and "geheim" not in failed.stderr
    env["VINDPLAATS_DATABASE_URL"] = f"postgresql://u:geheim@{health_server[7:]}/db"
    assert _check("deps", env=env).returncode == 0
    assert _check("bogus").returncode == 2
