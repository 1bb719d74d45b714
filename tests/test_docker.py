"""docker/: the compose file follows the deployment rules, and the health check script works.

Docker itself does not run here; the compose file is read as YAML and checked for what the
deployment promises (docker/README.md): health checks (the worker's and scheduler's on their
heartbeat), resource limits, restart policies, pinned images, start order on health of only what
each service uses, settings that exist, and the hardening: no capabilities, no-new-privileges,
read-only root filesystems, rotated logs, secrets as files. hadolint lints the Dockerfile and
dclint the compose file (each skipped with a reason when absent, required under CI).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.replay import Answer, ReplayServer, Request
from tests.vindplaats.store.test_leases import age_rows
from vindplaats.heartbeat import Pulse
from vindplaats.secrets import FILE_SUFFIX, file_settings
from vindplaats.settings import PREFIX, Settings
from vindplaats.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
DOCKER = ROOT / "docker"
COMPOSE = DOCKER / "compose.yaml"
HEALTHCHECK = DOCKER / "healthcheck.py"
VARIABLE = re.compile(r"\b(VINDPLAATS_[A-Z0-9_]+)")
APP_SERVICES = ("api", "worker", "scheduler")
IMAGE_CHECK = "/usr/local/lib/vindplaats/healthcheck.py"
USES = {  # what each service talks to, and so waits for
    "api": {"elasticsearch", "postgres"},
    "worker": {"elasticsearch", "postgres", "tika"},
    "scheduler": {"postgres"},
}
# capabilities the PostgreSQL entrypoint needs to prepare its directories and drop to its user
POSTGRES_CAPABILITIES = {"CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"}


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


def test_each_service_waits_only_for_what_it_uses(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        assert set(service.get("depends_on", {})) == USES.get(name, set()), name


def test_app_services_are_configured_for_the_scaled_deployment(
    services: dict[str, dict[str, Any]],
) -> None:
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["VINDPLAATS_ENGINE"] == "elasticsearch"
        assert env["VINDPLAATS_EXTRACTOR"] == "tika-server"
        assert env["VINDPLAATS_TIKA_URL"] == "http://tika:9998"
        assert env["VINDPLAATS_ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
        assert "VINDPLAATS_DATABASE_URL" not in env  # a secret: from a secret file only
        assert env["VINDPLAATS_DATABASE_URL_FILE"] == "/run/secrets/database_url"
        assert "database_url" in services[name]["secrets"]
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
    known |= {PREFIX + name.upper() + FILE_SUFFIX for name in file_settings(Settings)}
    assert used, path
    assert used <= known, f"{path}: not settings: {sorted(used - known)}"


def test_env_example_holds_no_secret() -> None:
    lines = (DOCKER / "vindplaats.env.example").read_text().splitlines()
    keys = {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}
    assert "VINDPLAATS_USER_AGENT_CONTACT" in keys
    secret = {PREFIX + name.upper() for name in file_settings(Settings)}
    assert not keys & {*secret, *(key + FILE_SUFFIX for key in secret)}


def test_app_image_runs_as_a_non_root_user() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^FROM python:3\.11\.\d+-slim", dockerfile, re.M)
    assert "tesseract-ocr-nld" in dockerfile and "HEALTHCHECK" in dockerfile


def _health(request: Request) -> Answer:
    return Answer.of(200 if request.path == "/healthz" else 503, "text/plain", b"")


@pytest.fixture
def health_server() -> Iterator[str]:
    with ReplayServer(_health) as server:
        yield server.url


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


# --- hardening ---------------------------------------------------------------------------------


def test_every_service_drops_every_capability(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        assert service.get("cap_drop") == ["ALL"], name
        added = set(service.get("cap_add", []))
        assert added == (POSTGRES_CAPABILITIES if name == "postgres" else set()), name
    compose_text = COMPOSE.read_text()
    for capability in POSTGRES_CAPABILITIES:  # each one added back is explained
        assert compose_text.count(capability) >= 2, capability


def test_no_service_gains_privileges(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        assert "no-new-privileges:true" in service.get("security_opt", []), name
        assert not service.get("privileged"), name


def test_root_filesystems_are_read_only_with_scratch_space(
    services: dict[str, dict[str, Any]],
) -> None:
    for name, service in services.items():
        if name == "elasticsearch":  # writes its config and logs directories (compose.yaml)
            assert service["read_only"] is False
            continue
        assert service.get("read_only") is True, name
        scratch = [entry.split(":")[0] for entry in service.get("tmpfs", [])]
        assert "/tmp" in scratch, name
    for name in APP_SERVICES:  # fontconfig's cache would land in the read-only home
        assert services[name]["environment"]["XDG_CACHE_HOME"].startswith("/tmp/")


def test_every_service_rotates_its_logs(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        logging = service.get("logging") or {}
        assert logging.get("driver") == "json-file", name
        options = logging.get("options", {})
        assert re.fullmatch(r"\d+[km]", str(options.get("max-size"))), name
        assert int(options.get("max-file", 0)) >= 2, name


def test_secrets_are_files_read_through_file_variables(
    compose: dict[str, Any], services: dict[str, dict[str, Any]]
) -> None:
    declared = compose["secrets"]
    assert set(declared) == {"postgres_password", "database_url"}
    for name, secret in declared.items():
        assert secret == {"file": f"./secrets/{name}"}, name
    for name, service in services.items():
        mounted = set(service.get("secrets", []))
        assert mounted <= set(declared), name
        env = service.get("environment", {})
        for key, value in env.items():
            assert not re.search(r"PASSWORD$|DATABASE_URL$", key), f"{name}: {key} in clear"
            if key.endswith("_FILE"):
                assert value.startswith("/run/secrets/"), f"{name}: {key}"
                assert value.removeprefix("/run/secrets/") in mounted, f"{name}: {key}"
    assert services["postgres"]["secrets"] == ["postgres_password"]
    assert "secrets/" in (DOCKER / ".gitignore").read_text().splitlines()
    assert "docker/secrets" in (DOCKER / "Dockerfile.dockerignore").read_text().splitlines()


def test_make_secrets_writes_both_files_once(tmp_path: Path) -> None:
    script = tmp_path / "make-secrets"
    shutil.copy(DOCKER / "make-secrets", script)
    subprocess.run([str(script)], check=True, capture_output=True, timeout=30)
    password = (tmp_path / "secrets" / "postgres_password").read_text().strip()
    url = (tmp_path / "secrets" / "database_url").read_text().strip()
    assert re.fullmatch(r"[0-9a-f]{48}", password)
    assert url == f"postgresql://vindplaats:{password}@postgres:5432/vindplaats"
    assert (tmp_path / "secrets").stat().st_mode & 0o077 == 0  # private directory
    subprocess.run([str(script)], check=True, capture_output=True, timeout=30)
    assert (tmp_path / "secrets" / "database_url").read_text().strip() == url  # kept


def test_worker_and_scheduler_health_checks_read_their_heartbeat(
    services: dict[str, dict[str, Any]],
) -> None:
    for role in ("worker", "scheduler"):
        test = services[role]["healthcheck"]["test"]
        assert test == ["CMD", "python", IMAGE_CHECK, "heartbeat", role]
    assert services["api"]["healthcheck"]["test"][-2:] == ["http", "http://127.0.0.1:8000/healthz"]


def test_the_image_installs_only_the_locked_runtime_dependencies() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.lock" in dockerfile
    assert "--require-hashes -r requirements-build.lock" in dockerfile
    assert "requirements-dev.lock" not in dockerfile and "[dev" not in dockerfile
    assert "sandbox" not in dockerfile.split("# --- runtime")[0].replace("no sandbox", "")
    assert re.search(
        r"install[^\n]*--no-deps[^\n]*\\\n\s+/tmp/wheels/vindplaats-\*\.whl", dockerfile
    )
    assert "venv --without-pip /opt/venv" in dockerfile  # no pip in the runtime venv
    ignored = (DOCKER / "Dockerfile.dockerignore").read_text().splitlines()
    assert not {"requirements.lock", "requirements-build.lock", "*.lock"} & set(ignored)


def _tool(name: str) -> str | None:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        local = ROOT / ".tools" / "node_modules" / ".bin" / name
        found = str(local) if local.is_file() else None
    if found is None:
        reason = f"{name} is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason + " — required under CI", pytrace=False)
        print(f"skipped: {reason}")
        pytest.skip(reason)
    return found


def test_the_dockerfile_is_hadolint_clean() -> None:
    hadolint = _tool("hadolint")
    done = subprocess.run(
        [str(hadolint), "--no-color", "--failure-threshold", "info", str(DOCKER / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_compose_file_is_dclint_clean() -> None:
    dclint = _tool("dclint")
    done = subprocess.run(
        [
            str(dclint),
            "-c",
            str(DOCKER / ".dclintrc.yaml"),
            "--max-warnings",
            "0",
            "--color",
            "false",
            str(COMPOSE),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- the heartbeat health check ----------------------------------------------------------------


def _app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(PREFIX)}
    return {**env, "VINDPLAATS_DATA_DIR": str(data_dir), **extra}


def test_healthcheck_heartbeat_sees_a_hung_worker(tmp_path: Path) -> None:
    data = tmp_path / "data"
    absent = _check("heartbeat", "worker", env=_app_env(data))
    assert absent.returncode == 1 and "no worker heartbeat" in absent.stderr
    store = SQLiteStore(data / "vindplaats.sqlite3")
    try:
        with Pulse(store, "worker", "w1"):
            assert _check("heartbeat", "worker", env=_app_env(data)).returncode == 0
            assert _check("heartbeat", "scheduler", env=_app_env(data)).returncode == 1
            age_rows(store, "heartbeat:worker:", 1000)  # no beat for 1000 s: hung
            hung = _check("heartbeat", "worker", env=_app_env(data))
            assert hung.returncode == 1 and "w1: last heartbeat" in hung.stderr
            patient = _app_env(data, VINDPLAATS_HEARTBEAT_MAX_AGE="3600")
            assert _check("heartbeat", "worker", env=patient).returncode == 0
    finally:
        store.close()
    assert _check("heartbeat", "nobody", env=_app_env(data)).returncode == 2


def test_healthcheck_reads_secret_files_and_never_shows_them(
    tmp_path: Path, health_server: str
) -> None:
    missing = _app_env(tmp_path, VINDPLAATS_DATABASE_URL_FILE=str(tmp_path / "absent"))
    for args in (("heartbeat", "worker"), ("deps",)):
        failed = _check(*args, env=missing)
        assert failed.returncode == 1 and "Traceback" not in failed.stderr, failed.stderr
        assert "VINDPLAATS_DATABASE_URL_FILE: cannot read" in failed.stderr
    secret = tmp_path / "database_url"
    secret.write_text(f"postgresql://u:geheim@{health_server[7:]}/db\n")
    env = _app_env(tmp_path, VINDPLAATS_DATABASE_URL_FILE=str(secret))
    assert _check("deps", env=env).returncode == 0
    with socket.create_server(("127.0.0.1", 0)) as probe:
        closed = probe.getsockname()[1]
    secret.write_text(f"postgresql://u:geheim@127.0.0.1:{closed}/db\n")
    down = _check("deps", env=env)
    assert down.returncode == 1 and "VINDPLAATS_DATABASE_URL" in down.stderr
    assert "geheim" not in down.stderr
