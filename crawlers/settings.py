"""Scrapy settings derived from our `Settings`: polite, bounded and guarded by default.

`ROBOTSTXT_OBEY` is off: the suppliers' endpoints are APIs published for machine access
(NotuBiz, iBabs, GemeenteOplossingen, Parlaeus), not web sites; their robots.txt, where one
exists, addresses web crawlers of the portal pages. Politeness comes from the per-host
concurrency, delay, AutoThrottle and per-supplier budgets instead. Spiders for plain web sites
(DiWoo sitemaps) switch it on in their `custom_settings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawlers.memory import CHECK_INTERVAL, crawl_memory_mb
from crawlers.resolver import ALLOW_SETTING
from vindplaats.settings import Settings

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

# http(s) go out through the supplier gate: request budgets and blocks (crawlers.gate)
GATED = {scheme: "crawlers.gate.BudgetedDownloadHandler" for scheme in ("http", "https")}


def our_settings(crawler: Crawler) -> Settings:
    """The `Settings` a crawl was started with (the Scrapy setting `VINDPLAATS_SETTINGS`)."""
    settings = crawler.settings.get("VINDPLAATS_SETTINGS")
    if not isinstance(settings, Settings):
        raise TypeError("the Scrapy setting VINDPLAATS_SETTINGS must hold our Settings")
    return settings


def scrapy_settings(settings: Settings) -> dict[str, Any]:
    # Scrapy's own log (stderr) stays at WARNING unless DEBUG is asked for.
    log_level = {"DEBUG": "DEBUG", "ERROR": "ERROR"}.get(settings.log_level, "WARNING")
    return {
        "BOT_NAME": "vindplaats",
        "VINDPLAATS_SETTINGS": settings,
        ALLOW_SETTING: settings.allow_private_networks,
        "USER_AGENT": settings.user_agent,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.concurrency_per_host,
        "DOWNLOAD_DELAY": settings.download_delay,
        "AUTOTHROTTLE_ENABLED": settings.autothrottle,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "AUTOTHROTTLE_START_DELAY": max(settings.download_delay, 1.0),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "DOWNLOAD_TIMEOUT": settings.request_timeout,
        "DNS_TIMEOUT": min(settings.request_timeout, 60.0),
        # the API cap; the download stage gives document files theirs (crawlers.sizes)
        "DOWNLOAD_MAXSIZE": settings.max_api_bytes,
        "DOWNLOAD_WARNSIZE": settings.max_api_bytes // 2,
        # RSS above the crawl's limit closes the spider (reason memusage_exceeded)
        "MEMUSAGE_ENABLED": True,
        "MEMUSAGE_LIMIT_MB": crawl_memory_mb(settings),
        "MEMUSAGE_CHECK_INTERVAL_SECONDS": CHECK_INTERVAL,
        "REDIRECT_MAX_TIMES": 5,
        "METAREFRESH_ENABLED": False,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "TELNETCONSOLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        # The guard resolves and checks the target itself; a proxy would connect elsewhere.
        "HTTPPROXY_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
        "TWISTED_DNS_RESOLVER": "crawlers.resolver.GuardedResolver",
        # Only http(s) can ever be fetched, even if a URL slipped past the guard.
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "ftp": None, "s3": None, **GATED},
        "DOWNLOADER_MIDDLEWARES": {
            "crawlers.middlewares.FetchGuardMiddleware": 10,
            # drops the requests to a supplier that blocked us (crawlers.gate)
            "crawlers.gate.SupplierGateMiddleware": 20,
            # Sees 429/503 responses before RetryMiddleware (550) schedules the retry.
            "crawlers.middlewares.RetryAfterMiddleware": 560,
        },
        "SPIDER_MIDDLEWARES": {
            # next to the spider: stops taking records from an answer past the cap
            "crawlers.answer_limits.AnswerLimitMiddleware": 950,
        },
        "ITEM_PIPELINES": {
            "crawlers.item_stages.ValidateStage": 100,
            "crawlers.item_stages.StoreStage": 200,
            "crawlers.item_stages.DownloadStage": 300,
        },
        "LOG_LEVEL": log_level,
        "LOG_STDOUT": False,
        "STATS_DUMP": settings.log_level == "DEBUG",
    }
