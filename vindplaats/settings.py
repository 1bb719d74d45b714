"""One settings object, read from the environment (prefix `VINDPLAATS_`).

Every field below is documented in README.md (a test checks it). An invalid value fails at start
with a `ConfigError` naming the `VINDPLAATS_` key.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from vindplaats.errors import ConfigError

PREFIX = "VINDPLAATS_"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True)

    data_dir: Path = Field(Path("./data"), description="Where the store, originals and index live.")
    engine: Literal["embedded", "elasticsearch"] = Field(
        "embedded", description="Search engine: embedded (tantivy) or elasticsearch."
    )
    elasticsearch_url: str = Field(
        "http://127.0.0.1:9200", description="Elasticsearch URL (engine=elasticsearch)."
    )
    elasticsearch_index_prefix: str = Field(
        "vindplaats",
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Prefix of index and alias names.",
    )
    elasticsearch_timeout: float = Field(30.0, gt=0, le=600, description="Seconds per ES request.")
    database_url: SecretStr | None = Field(
        None,
        description="PostgreSQL URL (postgresql://user:pass@host/db); unset: SQLite in the "
        "data dir.",
    )
    extractor: Literal["embedded", "tika-server"] = Field(
        "embedded", description="Text extractor: embedded Tika (extractous) or a Tika server."
    )
    tika_url: str | None = Field(
        None, description="Tika server URL (>= 3.2.2); also used for XFA PDFs when set."
    )
    allow_private_networks: bool = Field(
        False,
        description="Allow fetching from private, loopback and link-local addresses "
        "(sandbox, tests, intranet deployments only).",
    )
    user_agent_contact: str = Field(
        "https://github.com/vindplaats/vindplaats",
        description="Contact URL sent in the User-Agent of every request.",
    )
    concurrency_per_host: int = Field(2, ge=1, le=32, description="Parallel requests per host.")
    download_delay: float = Field(
        0.25, ge=0, le=60, description="Seconds between requests to a host."
    )
    autothrottle: bool = Field(True, description="Adapt the crawl rate to server latency.")
    request_timeout: float = Field(60.0, gt=0, le=600, description="Seconds per HTTP request.")
    max_download_bytes: int = Field(
        200 * 1024 * 1024, gt=0, description="Largest file downloaded (bytes); larger is refused."
    )
    extract_timeout: float = Field(120.0, gt=0, le=3600, description="Seconds per file extraction.")
    ocr: bool = Field(True, description="OCR pages without a text layer (needs tesseract).")
    ocr_language: str = Field("nld", description="Tesseract language(s) for OCR, e.g. 'nld+eng'.")
    harvest_interval: float = Field(
        86400.0,
        gt=0,
        description="Seconds between two harvests of a source (workers, scheduler), unless the "
        "source has its own interval.",
    )
    lease_ttl: float = Field(
        60.0,
        gt=0,
        le=3600,
        description="Seconds a worker's lease (on a source, on the index writer) lasts unless "
        "renewed; renewed every third of it, taken over by another worker after a crash.",
    )
    index_lease_wait: float = Field(
        600.0,
        ge=0,
        description="Seconds a harvest waits for the index writer (the embedded index has one "
        "writer at a time) before the run fails; its documents are indexed by the next run.",
    )
    host: str = Field("127.0.0.1", description="Address `serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `serve` listens on.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Log level."
    )

    @property
    def store_path(self) -> Path:
        return self.data_dir / "vindplaats.sqlite3"

    @property
    def originals_dir(self) -> Path:
        return self.data_dir / "originals"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def user_agent(self) -> str:
        from vindplaats import __version__

        return f"Vindplaats/{__version__} (+{self.user_agent_contact})"


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment; raise ConfigError naming the bad key."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = PREFIX + ".".join(str(p) for p in err["loc"]).upper()
            problems.append(f"{name}: {err['msg']}")
        raise ConfigError("invalid settings: " + "; ".join(problems)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
