"""The concurrency limit: a request beyond it is answered 503 + Retry-After at once, not queued."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

import anyio.to_thread
import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.sample import Sample


def test_requests_beyond_the_limit_answer_503_at_once(sample: Sample) -> None:
    settings = sample.settings.model_copy(update={"api_max_concurrent": 2, "api_rate_limit": "off"})
    app = create_app(settings)
    release, entered = threading.Event(), threading.Semaphore(0)

    def held(request: Request) -> JSONResponse:  # a request that stays in progress until told
        entered.release()
        release.wait(timeout=30)
        return JSONResponse({"held": True})

    app.router.routes.append(Route("/test/held", held))
    with served(app) as (url, _), ThreadPoolExecutor(2) as pool:
        holders = [pool.submit(httpx.get, f"{url}/test/held", timeout=30) for _ in range(2)]
        try:
            for _ in range(2):
                assert entered.acquire(timeout=10), "the held requests did not start"
            with httpx.Client(base_url=url, timeout=10) as http:
                busy = http.get("/api/search", params={"q": "woningbouw"})
                health = http.get("/healthz")  # exempt: health checks see an overloaded server
        finally:
            release.set()
        assert [h.result().status_code for h in holders] == [200, 200]
        with httpx.Client(base_url=url, timeout=10) as http:
            after = http.get("/api/search", params={"q": "woningbouw"})

    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "1"
    assert busy.headers["content-type"] == "application/json"
    error = busy.json()["error"]
    assert error["code"] == "service_unavailable"
    assert "2 requests in progress" in error["message"]
    assert health.status_code == 200
    assert after.status_code == 200  # the slots are given back


def test_an_answer_being_sent_holds_no_slot(sample: Sample) -> None:
    """A slow download (answer started, body still going out) leaves room for searches."""
    settings = sample.settings.model_copy(update={"api_max_concurrent": 1, "api_rate_limit": "off"})
    app = create_app(settings)
    release, started = threading.Event(), threading.Event()

    async def chunks() -> AsyncIterator[bytes]:
        yield b"first part\n"
        started.set()
        await anyio.to_thread.run_sync(release.wait, 30)
        yield b"last part\n"

    def download(request: Request) -> StreamingResponse:
        return StreamingResponse(chunks(), media_type="text/plain")

    app.router.routes.append(Route("/test/download", download))
    with (
        served(app) as (url, _),
        httpx.Client(base_url=url, timeout=10) as http,
        http.stream("GET", "/test/download") as slow,
    ):
        assert started.wait(timeout=10)
        with httpx.Client(base_url=url, timeout=10) as other:
            search = other.get("/api/search", params={"q": "woningbouw"})
        release.set()
        body = slow.read()
    assert search.status_code == 200
    assert body == b"first part\nlast part\n"
