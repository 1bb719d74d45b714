"""The sandbox's Parlaeus API: the token, the `fn=` calls, nesting by level, the doubled host."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pypdf
import pytest

from normalize.cleaners import clean_url
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.parlaeus_town import TOKEN, build_parlaeus_towns

KEY = "heuvelrade"


def opendata(sandbox: Sandbox, client: httpx.Client, **params: str) -> Any:
    response = client.get(f"{sandbox.parlaeus_url}/{KEY}/receive/opendata", params=params)
    assert response.status_code == 200, response.text  # Parlaeus answers 200, even for errors
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    return response.json()


def test_the_town_is_built_the_same_way_every_time() -> None:
    assert build_parlaeus_towns() == build_parlaeus_towns()


@pytest.mark.parametrize("rid", [None, "", "raden-maar", TOKEN.upper()])
def test_a_missing_or_wrong_token_is_refused_in_a_200(
    sandbox: Sandbox, client: httpx.Client, rid: str | None
) -> None:
    params = {"fn": "cie_list"} | ({"rid": rid} if rid is not None else {})
    answer = opendata(sandbox, client, **params)
    assert answer["status"] == 403
    assert "rid" in answer["message"] and "list" not in answer


def test_committees_and_persons(sandbox: Sandbox, client: httpx.Client) -> None:
    committees = opendata(sandbox, client, fn="cie_list", rid=TOKEN)
    assert committees["status"] == 200
    assert committees["list"][0] == {
        "cmid": 31,
        "committeename": "Gemeenteraad",
        "committeecode": "RAAD",
    }
    persons = opendata(sandbox, client, fn="person_list", rid=TOKEN)["list"]
    assert {p["raid"] for p in persons} == sandbox.parlaeus_world.expected(KEY).person_ids
    assert set(persons[0]) == {"raid", "name", "function", "party"}


def test_agenda_list_covers_the_window(sandbox: Sandbox, client: httpx.Client) -> None:
    listed = opendata(
        sandbox, client, fn="agenda_list", since="20250901", until="20261231", rid=TOKEN
    )["list"]
    assert {a["agid"] for a in listed} == sandbox.parlaeus_world.expected(KEY).meeting_ids
    assert listed[0] == {
        "agid": 7301,
        "date": "20250917",
        "time": "19:30",
        "last_change": "2025-09-07 16:45:00",
    }
    autumn = opendata(
        sandbox, client, fn="agenda_list", since="20251001", until="20251031", rid=TOKEN
    )["list"]
    assert [a["agid"] for a in autumn] == [7302, 7303]


def test_agenda_detail_nests_points_by_level(sandbox: Sandbox, client: httpx.Client) -> None:
    agenda = opendata(sandbox, client, fn="agenda_detail", agid="7301", rid=TOKEN)["agenda"]
    assert agenda["date"] == "20250917" and agenda["endtime"] == "22:00"
    assert agenda["cancelled"] == 0 and agenda["committeecode"] == "CRW"
    assert [(p["number"], p["level"]) for p in agenda["points"]] == [
        ("1", 1),
        ("2", 1),
        ("2a", 2),
        ("2b", 2),
        ("3", 1),
    ]
    document = agenda["points"][2]["documents"][0]
    assert set(document) == {"dcid", "link", "title", "number", "type"}
    cancelled = opendata(sandbox, client, fn="agenda_detail", agid="7303", rid=TOKEN)["agenda"]
    assert cancelled["cancelled"] == 1


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"fn": "agenda_detail", "agid": "1"}, 404),
        ({"fn": "agenda_detail"}, 404),
        ({"fn": "motie_list"}, 400),
        ({"fn": "agenda_list", "since": "1 sept"}, 400),
    ],
)
def test_errors_travel_as_status(
    sandbox: Sandbox, client: httpx.Client, params: dict[str, str], status: int
) -> None:
    answer = opendata(sandbox, client, **params, rid=TOKEN)
    assert answer["status"] == status and answer["message"]


def test_the_doubled_host_link_repairs_to_the_pdf(sandbox: Sandbox, client: httpx.Client) -> None:
    agenda = opendata(sandbox, client, fn="agenda_detail", agid="7301", rid=TOKEN)["agenda"]
    link = agenda["points"][3]["documents"][0]["link"]
    assert link.startswith(sandbox.base_url + sandbox.base_url)
    repaired = clean_url(link)
    assert repaired == f"{sandbox.parlaeus_url}/{KEY}/user/showdoc/action=view/id=640003"
    response = client.get(repaired)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Gemeente Heuvelrade" in text and "Mijnzicht" in text
    assert (
        client.get(f"{sandbox.parlaeus_url}/{KEY}/user/showdoc/action=view/id=1").status_code == 404
    )
