"""Hostile requests against the real server: each one a 4xx (or a plain answer) with JSON, never
a 5xx, a traceback or a file from outside the store.

Sent over loopback to uvicorn (`live_url`): huge, malformed and out-of-range parameters, path
traversal in ids and file routes (raw request lines, so no client tidies the path first), forged
cursors and bad `Range` headers.
"""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from search_api.params import MAX_VALUE_LENGTH, MAX_VALUES
from tests.search_api.sample import PDF_BYTES, Sample
from vindplaats.engine.base import Filters, SearchQuery
from vindplaats.engine.cursor import fingerprint


@pytest.fixture(scope="module")
def http(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=30) as client:
        yield client


def assert_error(response: httpx.Response, status: int, parameter: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json", response.text
    error = response.json()["error"]
    assert set(error) == {"code", "message", "parameter"}
    assert error["message"] and "Traceback" not in error["message"]
    assert error["parameter"] == parameter


def raw_get(live_url: str, target: str, headers: str = "") -> tuple[int, dict[str, str], bytes]:
    """GET `target` exactly as written (no client normalises the path); status, headers, body."""
    parts = urlsplit(live_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        request = f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n"
        sock.sendall(request.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    found = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in found.items()}, body


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"q": "x" * (MAX_VALUE_LENGTH + 1)}, "q"),
        ({"organization": "o" * (MAX_VALUE_LENGTH + 1)}, "organization"),
        ({"supplier": ["notubiz"] * (MAX_VALUES + 1)}, "supplier"),
        ({"cursor": "A" * 5000}, "cursor"),
        ({"size": "9" * 40}, "size"),
        ({"size": "1000000000000"}, "size"),
    ],
)
def test_huge_parameters_are_refused(
    http: httpx.Client, query: dict[str, str | list[str]], parameter: str
) -> None:
    assert_error(http.get("/api/search", params=query), 400, parameter)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("size=abc", "size"),
        ("size=1e3", "size"),
        ("size=%205", "size"),
        ("size=", "size"),
        ("size=0", "size"),
        ("size=101", "size"),
        ("pages=-1", "pages"),
        ("facets=TRUE", "facets"),
        ("facets=", "facets"),
        ("sort=", "sort"),
        ("sort=random", "sort"),
        ("motion_result=", "motion_result"),
        ("date_to=", "date_to"),
        ("date_from=2024-02-30", "date_from"),
        ("date_from=24-01-01", "date_from"),
        ("date_from=%D9%A2%D9%A0%D9%A2%D9%A4-01-01", "date_from"),  # Arabic-Indic digits
        ("date_from=2024-02-01&date_to=2024-01-01", "date_from"),
        ("q=a%00b", "q"),
        ("q=%1B%5B31m", "q"),
        ("organization=%7F", "organization"),
        ("cursor=not%20base64", "cursor"),
        ("cursor=e30", "cursor"),
        ("q=a&q=b", "q"),
        ("nope=1", "nope"),
    ],
)
def test_malformed_parameters_are_refused(http: httpx.Client, query: str, parameter: str) -> None:
    assert_error(http.get("/api/search?" + query), 400, parameter)


def test_empty_text_is_the_same_as_no_parameter(http: httpx.Client) -> None:
    plain = http.get("/api/search").json()
    blank = http.get("/api/search?q=&organization=&cursor=&source=%20").json()
    assert blank["total"] == plain["total"] > 0
    spaced = http.get("/api/search", params={"q": "woningbouw\tbegroting\r\n"})
    assert spaced.status_code == 200  # tab, CR and LF are read as spaces


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("date_from=9999-12-31", 0),
        ("date_to=0001-01-01", 0),
        ("date_from=2262-04-12", 0),
        ("date_to=1677-09-20", 0),
        ("date_from=0001-01-01", None),
        ("date_to=9999-12-31", None),
        ("date_from=1600-01-01&date_to=3000-01-01", None),
    ],
)
def test_dates_beyond_the_index_range_answer_exactly(
    http: httpx.Client, sample: Sample, query: str, total: int | None
) -> None:
    response = http.get("/api/search?" + query + "&sort=date_desc")
    assert response.status_code == 200, response.text
    dated = len(sample.letter_ids) + 3  # the letters, the begroting, the motie, the raadsbrief
    assert response.json()["total"] == (dated if total is None else total)


def test_forged_cursors_are_refused_or_answer_an_empty_page(http: httpx.Client) -> None:
    def cursor(payload: object) -> str:
        raw = json.dumps(payload).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    mine = fingerprint(SearchQuery(q="", filters=Filters(), sort="relevance"))
    for payload in (
        {"v": 1, "o": 5, "f": "0" * 16},  # another search
        {"v": 1, "o": -1, "f": mine},
        {"v": 1, "o": "5", "f": mine},
        {"v": 2, "o": 5, "f": mine},
        [1, 2, 3],
        {"v": 1, "o": 10**40, "f": mine, "e": "es", "a": [1e308, "x"], "p": "x" * 9000},
    ):
        assert_error(http.get("/api/search", params={"cursor": cursor(payload)}), 400, "cursor")
    deep = http.get("/api/search", params={"cursor": cursor({"v": 1, "o": 10**30, "f": mine})})
    assert deep.status_code == 200, deep.text
    assert deep.json()["hits"] == [] and deep.json()["next_cursor"] is None


@pytest.mark.parametrize(
    "target",
    [
        "/api/documents/../../../../etc/passwd",
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd/file",
        "/api/documents/document:notubiz:testdam:..%2F..%2F..%2F..%2Fetc%2Fpasswd/file",
        "/api/documents/document:notubiz:testdam:1001/../../../etc/passwd/file",
        "/api/documents/document:notubiz:testdam:1001%00/file",
        "/api/documents/document:notubiz:testdam:..\\..\\etc\\passwd/file",
        "/api/documents/%2e%2e/%2e%2e/%2e%2e/etc/passwd/file",
        "/api/meetings/../../etc/passwd",
        "/api/motions/motion:notubiz:testdam:..%2f..%2fetc%2fpasswd",
        "/api/../../etc/passwd",
        "/../../etc/passwd",
        "/api/documents/" + "a" * 8000,
    ],
)
def test_path_traversal_finds_nothing(live_url: str, target: str) -> None:
    status, headers, body = raw_get(live_url, target)
    assert status == 404, body
    assert b"root:" not in body
    if target.startswith("/api/"):
        assert headers["content-type"] == "application/json"
        assert json.loads(body)["error"]["code"] == "not_found"
    else:  # a page of the web interface: its Dutch error page
        assert headers["content-type"].startswith("text/html")
        assert b"niet gevonden" in body.lower() or b"404" in body


def test_request_beyond_the_head_limit_is_a_json_400(live_url: str) -> None:
    status, headers, body = raw_get(live_url, "/api/search?q=" + "x" * 40_000)
    assert status == 400
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "bad_request"


@pytest.mark.parametrize(
    "value",
    [
        "bytes=abc",
        "bytes=",
        "items=0-1",
        "bytes",
        "bytes=-",
        "bytes=x-y,z",
        "bytes=0-1,,2-3",
        "bytes=0-1,abc",
        "bytes=" + ",".join(["0-1"] * 101),
    ],
)
def test_malformed_range_is_a_json_400(http: httpx.Client, sample: Sample, value: str) -> None:
    response = http.get(f"/api/documents/{sample.begroting_id}/file", headers={"Range": value})
    assert_error(response, 400)
    assert "Range" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "value", ["bytes=100-200", f"bytes={len(PDF_BYTES)}-", "bytes=-0", "bytes=5-1", "bytes=9-0"]
)
def test_range_past_the_end_is_a_json_416(http: httpx.Client, sample: Sample, value: str) -> None:
    url = f"/api/documents/{sample.begroting_id}/file"
    response = http.get(url, headers={"Range": value})
    assert_error(response, 416)
    assert response.json()["error"]["code"] == "range_not_satisfiable"
    assert response.headers["content-range"] == f"bytes */{len(PDF_BYTES)}"
    head = http.head(url, headers={"Range": value})
    assert head.status_code == 416 and head.headers["content-range"] == f"bytes */{len(PDF_BYTES)}"


def test_good_ranges_are_served(http: httpx.Client, sample: Sample) -> None:
    url = f"/api/documents/{sample.begroting_id}/file"
    one = http.get(url, headers={"Range": "bytes=0-3"})
    assert one.status_code == 206
    assert one.content == PDF_BYTES[:4]
    assert one.headers["content-range"] == f"bytes 0-3/{len(PDF_BYTES)}"
    suffix = http.get(url, headers={"Range": "bytes=-6"})
    assert suffix.status_code == 206 and suffix.content == PDF_BYTES[-6:]
    several = http.get(url, headers={"Range": "bytes=0-1, 10-12"})
    assert several.status_code == 206
    assert several.headers["content-type"].startswith("multipart/byteranges")
    # a range of another version of the file (If-Range) is ignored: the whole file, even when
    # the range itself is malformed
    stale = http.get(url, headers={"Range": "bytes=abc", "If-Range": '"another-version"'})
    assert stale.status_code == 200 and stale.content == PDF_BYTES


def test_range_on_a_document_without_a_file_is_a_404(http: httpx.Client, sample: Sample) -> None:
    response = http.get(f"/api/documents/{sample.failed_id}/file", headers={"Range": "bytes=0-1"})
    assert_error(response, 404)
