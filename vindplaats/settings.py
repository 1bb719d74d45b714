"""One settings object, read from the environment (prefix `VINDPLAATS_`).

Every field below is documented in README.md (a test checks it). An invalid value fails at start
with a `ConfigError` naming the `VINDPLAATS_` key. Secret settings can also be read from a file
named by `VINDPLAATS_<NAME>_FILE` (`vindplaats.secrets`).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import ByteSize, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from vindplaats.budgets import parse_budgets
from vindplaats.errors import ConfigError
from vindplaats.secrets import SecretFiles

PREFIX = "VINDPLAATS_"
HISTORY_START = date(2010, 1, 1)  # where a first harvest and a full backfill begin


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
    budgets: str = Field(
        "",
        description="Request budgets per supplier and kind, changing the defaults (iBabs "
        "180/min API and 30/min downloads; NotuBiz, GemeenteOplossingen, Parlaeus 120/min API "
        "and 60/min downloads): e.g. 'ibabs.api=120/min,notubiz.download=1/s,parlaeus.api=off'. "
        "Shared by every crawl using the same store; the defaults do not apply to loopback "
        "addresses (the sandbox), budgets set here do.",
    )
    budget_scope: str = Field(
        "default",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        description="Name of the outgoing address the budgets are counted for: processes "
        "sharing a store and a scope share one budget per supplier; give workers that leave "
        "through different IP addresses different scopes.",
    )
    block_cooldown: float = Field(
        86400.0,
        gt=0,
        description="Seconds a supplier that blocked us is left alone (no harvest of its "
        "sources starts) unless lifted with `vindplaats sources unblock`.",
    )
    block_403_limit: int = Field(
        3,
        ge=1,
        le=1000,
        description="HTTP 403 answers to API requests within a minute that mean a supplier "
        "has blocked us.",
    )
    stale_after: float | None = Field(
        None,
        gt=0,
        description="Seconds after its last successful harvest a source counts as stale; "
        "unset: three times its harvest interval.",
    )
    failing_after: int = Field(
        1,
        ge=1,
        le=100,
        description="Failed harvest runs in a row after which a source counts as failing.",
    )
    request_timeout: float = Field(60.0, gt=0, le=600, description="Seconds per HTTP request.")
    max_download_bytes: int = Field(
        200 * 1024 * 1024, gt=0, description="Largest file downloaded (bytes); larger is refused."
    )
    max_api_bytes: int = Field(
        32 * 1024 * 1024,
        gt=0,
        description="Largest answer of a supplier's API (bytes; files have "
        "max_download_bytes); a larger answer is not read and is recorded as an error.",
    )
    max_sitemap_bytes: int = Field(
        64 * 1024 * 1024,
        gt=0,
        description="Largest DiWoo sitemap, sitemap index or robots.txt read (bytes, after "
        "gzip decompression; the Woo-index allows 50 MB); a larger one is not read and is "
        "recorded as an error.",
    )
    max_records_per_answer: int = Field(
        50_000,
        ge=1,
        description="Records taken from one API answer; the rest of a larger answer is left "
        "out, recorded as an error (the run is partial).",
    )
    max_error_chars: int = Field(
        4096,
        ge=64,
        le=1_000_000,
        description="Characters kept of one error message (run errors, download errors); "
        "longer ones end in '… (N more characters)'.",
    )
    max_run_errors: int = Field(
        200,
        ge=1,
        le=100_000,
        description="Error messages kept per harvest run; the last one counts the rest.",
    )
    crawl_memory_mb: int | None = Field(
        None,
        ge=64,
        description="Memory (MiB) a crawl process may use; above it the crawl stops and the "
        "run fails with an error saying so. Unset: a quarter of the machine's RAM, at least "
        "1024.",
    )
    extract_timeout: float = Field(120.0, gt=0, le=3600, description="Seconds per file extraction.")
    extract_max_pages: int = Field(
        20_000,
        ge=1,
        le=1_000_000,
        description="Pages kept per document; a longer one is stored as `truncated`, with its "
        "first pages (searchable) and what was kept.",
    )
    extract_max_chars: int = Field(
        50_000_000,
        ge=1000,
        le=1_000_000_000,
        description="Characters of text kept per document; a longer one is stored as "
        "`truncated`, with the text up to the cap (searchable) and what was kept.",
    )
    extract_memory_limit: ByteSize | None = Field(
        None,
        ge=512 * 1024**2,
        description="Memory (address space) the extraction worker may use, in bytes or with a "
        "unit ('2GiB', '1500MB'); a file that needs more is recorded as failed with an error "
        "naming the limit, and the next file goes on. Unset: a quarter of the machine's memory "
        "(or of the container's limit), at least 1 GiB.",
    )
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
    heartbeat_max_age: float = Field(
        900.0,
        gt=0,
        description="Seconds without a heartbeat after which a worker or scheduler counts as "
        "hung (its health check fails); must exceed the longest quiet step of a harvest "
        "(VINDPLAATS_INDEX_LEASE_WAIT, one extraction) and the scheduler's poll interval.",
    )
    recheck_days_back: int = Field(
        30,
        ge=0,
        le=3650,
        description="Days before today an ordinary harvest re-checks (late additions to past "
        "meetings); widened back to the last successful run when that is older.",
    )
    recheck_days_ahead: int = Field(
        60, ge=0, le=3650, description="Days after today an ordinary harvest covers."
    )
    backfill_from: date = Field(
        HISTORY_START,
        description="First day of a source's history: where a first harvest and "
        "`harvest --full` begin (YYYY-MM-DD).",
    )
    backfill_chunk_months: int = Field(
        3, ge=1, le=120, description="Months per chunk of `harvest --full` (one run each)."
    )
    ibabs_reread_months: int = Field(
        3,
        ge=0,
        le=120,
        description="Months of older iBabs history each ordinary run re-reads, one rolling slice "
        "per run (iBabs meetings have no modification date); 0: none.",
    )
    index_lease_wait: float = Field(
        600.0,
        ge=0,
        description="Seconds a harvest waits for the index writer (the embedded index has one "
        "writer at a time) before the run fails; its documents are indexed by the next run.",
    )
    host: str = Field("127.0.0.1", description="Address `serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `serve` listens on.")
    api_workers: int | None = Field(
        None,
        ge=1,
        le=256,
        description="Worker processes `serve` runs on its socket; unset: one per CPU.",
    )
    api_rate_limit: str = Field(
        "600/min",
        pattern=r"^\s*(?i:off|[1-9]\d*\s*/\s*(s|sec|min|h|hour))\s*$",
        description="Requests per client address, e.g. '600/min' or '20/s' (a client may "
        "send the whole amount at once, then at that pace); 'off' disables the limit. Shared "
        "by all worker processes; /healthz and /metrics are exempt.",
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of reverse proxies whose "
        "X-Forwarded-For names the client for the rate limit; from any other peer the header "
        "is ignored.",
    )
    cors_origins: str = Field(
        "",
        description="Comma-separated origins (https://site.example, or * for any) whose web "
        "pages may read the JSON API, /openapi.json and /feed.atom (CORS, GET and HEAD, never "
        "with credentials); empty: no CORS headers at all.",
    )
    api_max_concurrent: int = Field(
        16,
        ge=1,
        le=100_000,
        description="Requests in progress per worker process beyond which the API answers "
        "503 with Retry-After at once instead of queueing.",
    )
    export_max_rows: int = Field(
        10_000,
        ge=1,
        le=10_000_000,
        description="Rows one /api/export answer holds at most; a larger result set is cut "
        "there (its X-Vindplaats-Total and X-Vindplaats-Exported headers say so).",
    )
    conformance_workers: int = Field(
        1,
        ge=1,
        le=16,
        description="Conformance checks (POST /api/conformance, the /conformance page) one "
        "server process runs at once.",
    )
    conformance_queue: int = Field(
        4,
        ge=0,
        le=1000,
        description="Conformance checks one server process keeps waiting beyond those running; "
        "one more is refused with 503 and Retry-After.",
    )
    conformance_rate_limit: str = Field(
        "4/h",
        pattern=r"^\s*(?i:off|[1-9]\d*\s*/\s*(s|sec|min|h|hour))\s*$",
        description="Conformance checks a client address may start, e.g. '4/h' (as "
        "VINDPLAATS_API_RATE_LIMIT counts; 'off': no limit); more answer 429 with Retry-After.",
    )
    conformance_max_requests: int = Field(
        500,
        ge=1,
        le=100_000,
        description="Requests one conformance check started over the web may send to the "
        "supplier: the default and the most a client may ask for (`max_requests`).",
    )
    verification_months: int = Field(
        3,
        ge=1,
        le=24,
        description="Months back from today the verification dry-run of a registered source "
        "reads (and one month ahead).",
    )
    verification_max_requests: int = Field(
        200, ge=1, le=10_000, description="Requests one verification dry-run may send."
    )
    verification_seconds: float = Field(
        120.0, gt=0, le=3600, description="Seconds one verification dry-run may take."
    )
    verification_workers: int = Field(
        1,
        ge=1,
        le=8,
        description="Verification dry-runs one server process runs at once; more wait.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Log level."
    )
    log_format: Literal["text", "json"] = Field(
        "text",
        description="Log lines as text, or as one JSON object per line (time, level, logger, "
        "message, request_id, exception).",
    )
    metrics_dir: Path | None = Field(
        None,
        description="Directory where each API worker process keeps its HTTP counters (one "
        "small file per process) for /metrics to add up; unset: a fresh temporary directory "
        "per server.",
    )
    metrics_store_interval: float = Field(
        10.0,
        ge=0,
        le=3600,
        description="Seconds the store and index figures of /metrics are reused between "
        "scrapes (they cost a scan of the documents table); 0: read at every scrape.",
    )
    xsd_dir: Path = Field(
        Path(__file__).resolve().parents[2] / "shared" / "standards",
        description="Directory of the official standards, read offline: the XSDs `vindplaats "
        "validate diwoo` reads (sitemaps/0.9/, diwoo/0.9.8/) and the ORI OpenAPI documents "
        "`vindplaats conformance` checks against (ori/); default: shared/standards beside the "
        "project.",
    )
    public_base_url: str | None = Field(
        None,
        description="Public https URL the API is reached at (https://ori.example.nl): the "
        "Woo-index export under /woo/{organisation}/ links every file and sitemap on it; "
        "unset: the /woo/ endpoints answer 404.",
    )

    @field_validator("public_base_url")
    @classmethod
    def _public_base_url(cls, value: str | None) -> str | None:
        from urllib.parse import urlsplit

        if value is None or not value.strip():
            return None
        parts = urlsplit(value.strip())
        if parts.scheme.lower() != "https" or not parts.hostname:
            raise ValueError("must be an absolute https URL (the Woo-index reads only https)")
        if parts.username or parts.password or parts.query or parts.fragment:
            raise ValueError("may not carry credentials, a query or a fragment")
        return value.strip().rstrip("/")

    @field_validator("trusted_proxies")
    @classmethod
    def _trusted_proxies(cls, value: str) -> str:
        import ipaddress

        for item in filter(None, (part.strip() for part in value.split(","))):
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"not an IP address or network: {item!r}") from None
        return value

    @field_validator("cors_origins")
    @classmethod
    def _cors_origins(cls, value: str) -> str:
        import re

        origin = re.compile(
            r"^https?://(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$"
        )
        items = [part.strip() for part in value.split(",") if part.strip()]
        for item in items:
            if item != "*" and not origin.match(item.lower()):
                raise ValueError(
                    f"not an origin: {item!r} (expected scheme://host[:port] without a path, "
                    "e.g. https://site.example, or *)"
                )
        return ",".join(item.lower() for item in items)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # VINDPLAATS_<NAME>_FILE for the secret settings, beside the environment
        files = SecretFiles(settings_cls)
        return init_settings, env_settings, files, dotenv_settings, file_secret_settings

    @field_validator("budgets")
    @classmethod
    def _budgets(cls, value: str) -> str:
        parse_budgets(value)  # ValueError names the item at fault
        return value

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
