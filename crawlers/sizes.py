"""Size caps on what a supplier sends, per kind of request, and saying why an answer was cut.

An API answer (`api` requests: everything a spider asks) may be at most
`VINDPLAATS_MAX_API_BYTES`; a document file (`download` requests of the download stage) at most
`VINDPLAATS_MAX_DOWNLOAD_BYTES`. Scrapy enforces the cap of each request (`download_maxsize` in
its meta; `DOWNLOAD_MAXSIZE` is the API cap, so a request without a kind gets the small one):
an answer announcing more (Content-Length) is never read, a streamed one is cut when it passes
the cap, a compressed one when its decoded size does.

Scrapy says so with a bare `DownloadCancelledError` (or an `IgnoreRequest` naming its own
setting); `BudgetedDownloadHandler` (crawlers.gate) turns that into `AnswerTooLarge`, whose
message names the kind, the bytes received, the cap and our setting, e.g. `API answer too large:
stopped after 33619968 bytes: over the cap of 33554432 bytes (VINDPLAATS_MAX_API_BYTES):
https://...`. `AnswerTooLarge` is not retried (an answer that large is as large the next time).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from vindplaats.budgets import DOWNLOAD, KIND_META
from vindplaats.settings import PREFIX, Settings

if TYPE_CHECKING:
    from scrapy import Request

WARN_SIZE = 32 * 1024 * 1024  # a file larger than this is logged (it may still be fine)
RECEIVED_META = "vindplaats_received"  # bytes of the answer received so far
API_SETTING = PREFIX + "MAX_API_BYTES"
FILE_SETTING = PREFIX + "MAX_DOWNLOAD_BYTES"
_ANNOUNCED = re.compile(r"Expected to receive (\d+) bytes")
_DECODED = re.compile(r"\((\d+) B decompressed so far\)|body size after decompression \((\d+) B\)")


def is_file(meta: dict[str, Any]) -> bool:
    return meta.get(KIND_META) == DOWNLOAD


def _default(name: str) -> int:
    return int(Settings.model_fields[name].default)


def cap_of(meta: dict[str, Any], settings: Settings | None) -> tuple[int, str]:
    """The cap (bytes) of a request with this meta and the setting it comes from."""
    if is_file(meta):
        fallback = settings.max_download_bytes if settings else _default("max_download_bytes")
        return int(meta.get("download_maxsize", fallback)), FILE_SETTING
    fallback = settings.max_api_bytes if settings else _default("max_api_bytes")
    return int(meta.get("download_maxsize", fallback)), API_SETTING


def file_size_meta(settings: Settings) -> dict[str, int]:
    """Request meta giving a document download the file cap (not the API cap)."""
    cap = settings.max_download_bytes
    return {"download_maxsize": cap, "download_warnsize": min(WARN_SIZE, cap)}


class AnswerTooLarge(Exception):
    """An answer not read (or cut off) because it passed its request's size cap."""

    def __init__(
        self, url: str, *, file: bool, cap: int, setting: str, received: int, how: str
    ) -> None:
        self.url = url
        self.file = file
        self.cap = cap
        self.setting = setting
        self.received = received
        what = "file" if file else "API answer"
        super().__init__(
            f"{what} too large: {how} {received} bytes: over the cap of {cap} bytes "
            f"({setting}): {url}"
        )


def too_large(
    exc: BaseException, request: Request, settings: Settings | None
) -> AnswerTooLarge | None:
    """`exc` as AnswerTooLarge when it is Scrapy's way of saying the answer passed the cap of
    `request` (cancelled on the way, announced too large, decoded too large); else None."""
    if isinstance(exc, AnswerTooLarge):
        return exc
    cap, setting = cap_of(request.meta, settings)
    text = str(exc)
    name = type(exc).__name__
    file = is_file(request.meta)
    announced = _ANNOUNCED.search(text)
    if announced is not None:
        received, how = int(announced.group(1)), "the answer announced"
    elif name in ("DownloadCancelledError", "CancelledError"):
        received = int(request.meta.get(RECEIVED_META, 0))
        if received <= cap:
            return None  # cancelled for another reason (the crawl is closing)
        how = "stopped after"
    elif "DOWNLOAD_MAXSIZE" in text:
        decoded = _DECODED.search(text)
        size = next((g for g in decoded.groups() if g), "0") if decoded else "0"
        received, how = int(size), "decompressed to more than"
    else:
        return None
    return AnswerTooLarge(
        request.url, file=file, cap=cap, setting=setting, received=received, how=how
    )


def count_received(data: bytes, request: Request, spider: Any = None) -> None:
    """`bytes_received` signal handler: bytes of the answer so far (for the message)."""
    request.meta[RECEIVED_META] = int(request.meta.get(RECEIVED_META, 0)) + len(data)


__all__ = [
    "API_SETTING",
    "FILE_SETTING",
    "AnswerTooLarge",
    "cap_of",
    "count_received",
    "file_size_meta",
    "too_large",
]
