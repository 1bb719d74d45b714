"""Secret settings read from files: `VINDPLAATS_<NAME>_FILE=/run/secrets/...`.

Docker and Kubernetes hand secrets to a container as files; a secret in an environment variable
is seen by every process that can read the environment (`docker inspect`, `/proc/*/environ`).
For each secret setting (every `SecretStr` field, and the URLs in `URL_SECRETS`, which may carry
credentials) `VINDPLAATS_<NAME>_FILE` names a file holding the value: read as UTF-8, trailing
line breaks removed. An unreadable, empty, oversized or non-UTF-8 file, or both the variable and
its `_FILE` form set, stops the program with a `ConfigError` naming the variable; the error
never shows the file's content.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from vindplaats.errors import ConfigError

FILE_SUFFIX = "_FILE"
MAX_SECRET_BYTES = 64 * 1024
# settings that are not SecretStr but may hold a password (user:pass@host in a URL)
URL_SECRETS = frozenset({"elasticsearch_url"})


def read_secret_file(name: str, path: str) -> str:
    """The secret in the file at `path`; `name` (the variable or option) is what errors name."""
    if not path.strip():
        raise ConfigError(f"{name} is set but empty: name a file, or unset it")
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_SECRET_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"{name}: cannot read {path}: {reason}") from None
    if len(data) > MAX_SECRET_BYTES:
        raise ConfigError(f"{name}: {path} is larger than {MAX_SECRET_BYTES} bytes: not a secret")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: {path} is not UTF-8 text") from None
    value = text.rstrip("\r\n")
    if not value.strip():
        raise ConfigError(f"{name}: {path} is empty")
    return value


def _is_secret(info: FieldInfo) -> bool:
    annotation = info.annotation
    return annotation is SecretStr or SecretStr in typing.get_args(annotation)


def file_settings(settings_cls: type[BaseSettings]) -> list[str]:
    """The fields that can be read from a file, in declaration order."""
    return [
        name
        for name, info in settings_cls.model_fields.items()
        if _is_secret(info) or name in URL_SECRETS
    ]


class SecretFiles(PydanticBaseSettingsSource):
    """A settings source: `<PREFIX><NAME>_FILE` for every field of `file_settings`."""

    def __init__(
        self, settings_cls: type[BaseSettings], environ: typing.Mapping[str, str] | None = None
    ) -> None:
        super().__init__(settings_cls)
        source = os.environ if environ is None else environ
        # like pydantic-settings' environment source: names are case-insensitive
        self.environ = {key.upper(): value for key, value in source.items()}
        self.prefix = str(settings_cls.model_config.get("env_prefix", "")).upper()

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        key = self.prefix + field_name.upper() + FILE_SUFFIX
        path = self.environ.get(key)
        if path is None:
            return None, key, False
        return read_secret_file(key, path), key, False

    def __call__(self) -> dict[str, Any]:
        allowed = file_settings(self.settings_cls)
        for name in self.settings_cls.model_fields:
            key = self.prefix + name.upper() + FILE_SUFFIX
            plain = name + FILE_SUFFIX.lower() in self.settings_cls.model_fields
            if key in self.environ and name not in allowed and not plain:
                raise ConfigError(
                    f"{key}: only secret settings are read from files "
                    f"({', '.join(self.prefix + n.upper() for n in allowed)}); "
                    f"set {self.prefix + name.upper()} itself"
                )
        values: dict[str, Any] = {}
        for name in allowed:
            key = self.prefix + name.upper()
            if key + FILE_SUFFIX not in self.environ:
                continue
            if key in self.environ:
                raise ConfigError(f"{key} and {key}{FILE_SUFFIX} are both set: set only one")
            value, _, _ = self.get_field_value(self.settings_cls.model_fields[name], name)
            values[name] = value
        return values


__all__ = ["FILE_SUFFIX", "SecretFiles", "file_settings", "read_secret_file"]
