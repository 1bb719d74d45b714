"""Secret settings from files (`VINDPLAATS_<NAME>_FILE`): read, newline stripped, and every
mistake a clear error naming the variable, never showing the secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vindplaats.cli.runner import run_cli
from vindplaats.errors import ConfigError
from vindplaats.secrets import file_settings, read_secret_file
from vindplaats.settings import Settings, load_settings
from vindplaats.store import SQLiteStore

SECRET = "postgresql://vindplaats:geheim-wachtwoord@postgres:5432/vindplaats"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL"):
        monkeypatch.delenv(f"VINDPLAATS_{name}", raising=False)
        monkeypatch.delenv(f"VINDPLAATS_{name}_FILE", raising=False)


def secret_file(tmp_path: Path, content: bytes, name: str = "database_url") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    path.chmod(0o600)
    return path


def refused(monkeypatch: pytest.MonkeyPatch, **environ: str) -> str:
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "geheim" not in message
    return message


def test_the_secret_settings() -> None:
    assert file_settings(Settings) == ["elasticsearch_url", "database_url"]


@pytest.mark.parametrize("ending", [b"", b"\n", b"\r\n", b"\n\n"])
def test_a_secret_is_read_from_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: bytes
) -> None:
    path = secret_file(tmp_path, SECRET.encode() + ending)
    monkeypatch.setenv("VINDPLAATS_DATABASE_URL_FILE", str(path))
    settings = load_settings()
    assert settings.database_url is not None
    assert settings.database_url.get_secret_value() == SECRET
    assert "geheim" not in repr(settings)


def test_a_url_with_credentials_is_read_from_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://elastic:geheim@es.example:9200"
    path = secret_file(tmp_path, url.encode() + b"\n", "es_url")
    monkeypatch.setenv("vindplaats_elasticsearch_url_file", str(path))  # any case, like env
    assert load_settings().elasticsearch_url == url


def test_unreadable_files_are_refused_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "VINDPLAATS_DATABASE_URL_FILE"
    missing = refused(monkeypatch, **{key: str(tmp_path / "absent")})
    assert missing.startswith(f"{key}: cannot read {tmp_path / 'absent'}: No such file")
    assert "Is a directory" in refused(monkeypatch, **{key: str(tmp_path)})
    assert refused(monkeypatch, **{key: ""}).startswith(f"{key} is set but empty")
    empty = secret_file(tmp_path, b"\n")
    assert refused(monkeypatch, **{key: str(empty)}) == f"{key}: {empty} is empty"
    binary = secret_file(tmp_path, b"geheim\xff\xfe")
    assert refused(monkeypatch, **{key: str(binary)}) == f"{key}: {binary} is not UTF-8 text"
    huge = secret_file(tmp_path, b"geheim" * 20000)
    assert "is larger than 65536 bytes" in refused(monkeypatch, **{key: str(huge)})


def test_the_variable_and_its_file_together_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = secret_file(tmp_path, SECRET.encode())
    message = refused(
        monkeypatch,
        VINDPLAATS_DATABASE_URL=SECRET,
        VINDPLAATS_DATABASE_URL_FILE=str(path),
    )
    assert message == (
        "VINDPLAATS_DATABASE_URL and VINDPLAATS_DATABASE_URL_FILE are both set: set only one"
    )


def test_a_file_for_an_ordinary_setting_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = secret_file(tmp_path, b"9000\n", "port")
    message = refused(monkeypatch, VINDPLAATS_PORT_FILE=str(path))
    assert message.startswith("VINDPLAATS_PORT_FILE: only secret settings are read from files")
    assert "VINDPLAATS_DATABASE_URL" in message and "set VINDPLAATS_PORT itself" in message


def test_read_secret_file_names_the_option(tmp_path: Path) -> None:
    path = secret_file(tmp_path, b"token-123\n", "token")
    assert read_secret_file("--api-token-file", str(path)) == "token-123"
    with pytest.raises(ConfigError, match=r"^--api-token-file: cannot read"):
        read_secret_file("--api-token-file", str(tmp_path / "absent"))


def test_the_cli_stops_with_the_error_and_no_traceback(tmp_path: Path) -> None:
    result = run_cli(
        "sources",
        "list",
        data_dir=tmp_path / "data",
        env={"VINDPLAATS_DATABASE_URL_FILE": str(tmp_path / "absent")},
    )
    assert result.code == 2 and "Traceback" not in result.err
    assert "VINDPLAATS_DATABASE_URL_FILE: cannot read" in result.err


def test_a_source_token_is_read_from_a_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    token = secret_file(tmp_path, b"geheim-token\n", "rid")
    add = (
        "sources", "add", "--key", "heuvelrade", "--name", "Heuvelrade", "--supplier",
        "parlaeus", "--base-url", "https://heuvelrade.parlaeus.nl/receive/opendata",
    )  # fmt: skip
    added = run_cli(*add, "--api-token-file", str(token), data_dir=data)
    assert added.code == 0, added.err
    assert "api token stored (never shown)" in added.out and "geheim" not in added.out
    store = SQLiteStore(data / "vindplaats.sqlite3")
    try:
        stored = store.get_source("heuvelrade").api_token
        assert stored is not None and stored.get_secret_value() == "geheim-token"
    finally:
        store.close()
    missing = run_cli(*add, "--api-token-file", str(tmp_path / "absent"), data_dir=data)
    assert missing.code == 2 and "Traceback" not in missing.err
    assert "--api-token-file: cannot read" in missing.err
    both = run_cli(*add, "--api-token-file", str(token), "--api-token", "x", data_dir=data)
    assert both.code == 2 and "not allowed with argument" in both.err
