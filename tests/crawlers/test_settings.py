from __future__ import annotations

from pathlib import Path

from crawlers.settings import scrapy_settings
from vindplaats.settings import load_settings


def test_polite_bounded_defaults_come_from_our_settings(tmp_path: Path) -> None:
    ours = load_settings(
        data_dir=tmp_path,
        concurrency_per_host=3,
        download_delay=1.5,
        autothrottle=True,
        request_timeout=45,
        max_download_bytes=10_000_000,
        max_api_bytes=2_000_000,
        crawl_memory_mb=700,
    )
    theirs = scrapy_settings(ours)
    assert theirs["USER_AGENT"] == ours.user_agent
    assert "https://" in theirs["USER_AGENT"]  # a contact URL
    assert theirs["CONCURRENT_REQUESTS_PER_DOMAIN"] == 3
    assert theirs["DOWNLOAD_DELAY"] == 1.5
    assert theirs["AUTOTHROTTLE_ENABLED"] is True
    assert theirs["AUTOTHROTTLE_TARGET_CONCURRENCY"] == 1.0
    assert theirs["DOWNLOAD_TIMEOUT"] == 45
    assert theirs["DOWNLOAD_MAXSIZE"] == 2_000_000  # the API cap; files get theirs per request
    assert theirs["DOWNLOAD_WARNSIZE"] <= theirs["DOWNLOAD_MAXSIZE"]
    assert theirs["REDIRECT_MAX_TIMES"] == 5
    assert theirs["RETRY_TIMES"] == 2
    assert theirs["TELNETCONSOLE_ENABLED"] is False
    assert theirs["COOKIES_ENABLED"] is False
    assert theirs["ROBOTSTXT_OBEY"] is False
    assert theirs["MEMUSAGE_ENABLED"] is True
    assert theirs["MEMUSAGE_LIMIT_MB"] == 700


def test_the_guard_runs_first_and_resolves_names(tmp_path: Path) -> None:
    theirs = scrapy_settings(load_settings(data_dir=tmp_path))
    middlewares = theirs["DOWNLOADER_MIDDLEWARES"]
    assert min(middlewares, key=middlewares.get) == "crawlers.middlewares.FetchGuardMiddleware"
    assert min(middlewares.values()) < 50  # before every built-in downloader middleware
    assert theirs["TWISTED_DNS_RESOLVER"] == "crawlers.resolver.GuardedResolver"
    assert theirs["VINDPLAATS_ALLOW_PRIVATE_NETWORKS"] is False
    assert theirs["HTTPPROXY_ENABLED"] is False
    assert all(theirs["DOWNLOAD_HANDLERS"][s] is None for s in ("file", "data", "ftp", "s3"))


def test_scrapy_logs_warnings_unless_debug_is_asked(tmp_path: Path) -> None:
    assert scrapy_settings(load_settings(data_dir=tmp_path))["LOG_LEVEL"] == "WARNING"
    debug = load_settings(data_dir=tmp_path, log_level="DEBUG")
    assert scrapy_settings(debug)["LOG_LEVEL"] == "DEBUG"
