"""The Scrapy project: one spider per supplier on a shared base, the fetch guard, the item stages.

Entry point for callers: `crawlers.run.run_crawl(settings, source_key, ...)`, which runs one
source's crawl in a child process and returns a `crawlers.report.CrawlReport`.
"""

from __future__ import annotations
