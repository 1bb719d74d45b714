"""`vindplaats serve`: prints its URL, answers over HTTP, stops cleanly on Ctrl-C (SIGINT)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.search_api.sample import build_sample
from tests.vindplaats.cli.runner import ROOT


def test_serve_prints_url_and_serves_until_interrupted(tmp_path: Path) -> None:
    sample = build_sample(tmp_path / "data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env.update(
        {"VINDPLAATS_DATA_DIR": str(sample.settings.data_dir), "VINDPLAATS_LOG_LEVEL": "WARNING"}
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "vindplaats.cli.main", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", first)
        assert match, first
        url = match.group(0)
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
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        # read through the same text wrappers as readline() above: communicate() would read the
        # raw pipes and miss lines already buffered by readline()
        assert process.stderr is not None
        out, err = first + process.stdout.read(), process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert process.returncode == 0, err
    assert f"try: {url}/api/search?q=begroting" in out
    assert "Traceback" not in err
