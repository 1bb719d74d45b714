"""`vindplaats serve`: prints its URL, answers over HTTP, stops cleanly on Ctrl-C (SIGINT)."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx

from tests.search_api.sample import build_sample
from tests.vindplaats.cli.runner import serving


def test_serve_prints_url_and_serves_until_interrupted(tmp_path: Path) -> None:
    sample = build_sample(tmp_path / "data")
    env = {"VINDPLAATS_DATA_DIR": str(sample.settings.data_dir), "VINDPLAATS_LOG_LEVEL": "WARNING"}
    with serving(env) as served:
        url = served.url
        with httpx.Client(base_url=url, timeout=10) as http:
            for _ in range(200):
                try:
                    health = http.get("/healthz")
                    break
                except httpx.TransportError:
                    continue
            assert health.json()["documents"] > 0
            found = http.get("/api/search", params={"q": "fietspad"}).json()
            assert [hit["id"] for hit in found["hits"]] == [sample.motie_id]
        rest, err = served.stop(signal.SIGINT, timeout=30)
        out = served.first + rest
        process = served.process
    assert process.returncode == 0, err
    assert f"try: {url}/api/search?q=begroting" in out
    assert "Traceback" not in err
