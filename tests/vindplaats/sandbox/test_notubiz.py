"""The NotuBiz API of the sandbox: shapes, paging, module items, errors."""

from __future__ import annotations

import httpx
import pytest

from tests.vindplaats.sandbox.conftest import PARAMS, get_json, harvest
from vindplaats.sandbox import Sandbox

# The fields of a document in the recorded answers (ontola/openbesluitvorming
# tests/fixtures/notubiz_alkmaar_motions.json, 35663e5ce3e0), `connections` left out.
DOC_FIELDS = {
    "id", "title", "url", "self", "version", "versions", "types", "publication_date",
    "last_modified", "date", "description", "category", "case_code", "policy_field",
    "confidential",
}  # fmt: skip
ITEM_FIELDS = {
    "id", "creation_date", "last_modified", "confidential", "body", "permission_group",
    "organisation_id", "module_id", "attributes",
}  # fmt: skip


def test_organisations_map_attribute_ids_to_labels(sandbox: Sandbox, client: httpx.Client) -> None:
    data = get_json(client, f"{sandbox.notubiz_url}/organisations")
    organisations = {o["@attributes"]["id"]: o for o in data["organisations"]["organisation"]}
    assert set(organisations) == {9001, 9002, 9003}
    fields = organisations[9002]["settings"]["folder"]["fields"]["field"]
    labels = {f["@attributes"]["id"]: f["label"] for f in fields}
    assert set(labels.values()) == {"Titel", "Locatie", "Omschrijving", "Voorzitter"}
    assert labels != {
        f["@attributes"]["id"]: f["label"]
        for f in organisations[9001]["settings"]["folder"]["fields"]["field"]
    }


def test_entity_type_settings_give_the_same_labels(sandbox: Sandbox, client: httpx.Client) -> None:
    data = get_json(client, f"{sandbox.notubiz_url}/organisations/9003/entity_type_settings")
    settings = data["entity_type_settings"]["events_settings"]["gremium_field_settings"]
    labels = {f["field_id"]: f["label"] for f in settings[0]["fields_settings"]}
    assert labels == {3301: "Titel", 3303: "Omschrijving", 3350: "Locatie", 3376: "Voorzitter"}


def test_gremia_include_the_council(sandbox: Sandbox, client: httpx.Client) -> None:
    gremia = get_json(client, f"{sandbox.notubiz_url}/organisations/9001/gremia")["gremia"]
    titles = {g["title"] for g in gremia}
    assert titles == {
        "Gemeenteraad",
        "Commissie Ruimte",
        "Commissie Bestuur en Middelen",
        "Commissie Sociaal Domein",
    }


def test_events_are_paged_by_five(sandbox: Sandbox, client: httpx.Client) -> None:
    expected = sandbox.world.expected("voorbeeldstad")
    found = harvest(client, sandbox.notubiz_url, 9001)
    total = len(expected.public_meeting_ids | expected.non_public_meeting_ids)
    assert found.pages == -(-total // 5) > 1
    page2 = get_json(client, f"{sandbox.notubiz_url}/events", organisation_id=9001, page=2)
    assert len(page2["events"]) == 5
    assert page2["pagination"]["has_more_pages"] is True
    assert page2["pagination"]["total"] == total
    beyond = get_json(client, f"{sandbox.notubiz_url}/events", organisation_id=9001, page=99)
    assert beyond["events"] == [] and beyond["pagination"]["has_more_pages"] is False


def test_events_respect_the_date_window(sandbox: Sandbox, client: httpx.Client) -> None:
    data = get_json(
        client,
        f"{sandbox.notubiz_url}/events",
        organisation_id=9002,
        date_from="2026-12-01 00:00:00",
        date_to="2026-12-31 23:59:59",
    )
    starts = [e["plannings"][0]["start_date"] for e in data["events"]]
    assert starts and all(s.startswith("2026-12") for s in starts)


@pytest.mark.parametrize("key", ["voorbeeldstad", "zandaam", "oosterproef"])
def test_a_complete_walk_finds_what_the_world_expects(
    sandbox: Sandbox, client: httpx.Client, key: str
) -> None:
    expected = sandbox.world.expected(key)
    found = harvest(client, sandbox.notubiz_url, expected.organisation_id)
    assert found.public_meetings == expected.public_meeting_ids
    assert found.refused_meetings == expected.non_public_meeting_ids
    assert found.agenda_items == expected.agenda_item_ids
    assert found.headings == expected.heading_ids
    assert found.register_items == expected.register_item_ids
    assert found.meeting_documents == expected.meeting_document_ids
    assert found.agenda_item_documents == expected.agenda_item_document_ids
    assert found.register_documents == expected.register_document_ids
    assert set(found.document_urls) == expected.document_ids
    # since 2025 most documents live in registers
    assert len(expected.register_document_ids) > len(expected.document_ids) / 2


def test_meeting_detail_shape(sandbox: Sandbox, client: httpx.Client) -> None:
    meeting_id = min(sandbox.world.expected("voorbeeldstad").public_meeting_ids)
    meeting = get_json(client, f"{sandbox.notubiz_url}/events/meetings/{meeting_id}")["meeting"]
    assert meeting["organisation"] == {"id": 9001}
    assert meeting["permission_group"] == "public"
    planning = meeting["plannings"][0]
    assert len(planning["start_date"]) == len("2025-09-10 19:30:00")
    assert {a["id"] for a in meeting["attributes"]} == {1, 3, 50, 76}
    for key in (
        "self",
        "gremium",
        "confidential",
        "announcement",
        "creation_date",
        "last_modified",
    ):
        assert key in meeting
    top = meeting["agenda_items"]
    assert [i["order"] for i in top] == list(range(1, len(top) + 1))
    heading = next(i for i in top if i["type"] == "label")
    child = heading["agenda_items"][0]
    assert child["parent"]["id"] == heading["id"]  # an object {id, self}, as in real answers
    assert child["parent"]["self"].endswith(f"/agenda_items/{heading['id']}")
    assert heading["type_data"]["heading"] is True and child["type_data"]["heading"] is False
    assert child["agenda_items"], "agenda trees go three levels deep"
    assert child["type_data"]["title_prefix"] == "3.1"
    doc = meeting["documents"][0]
    assert set(doc) == DOC_FIELDS
    assert doc["url"] == f"{sandbox.notubiz_url}/document/{doc['id']}/{doc['version']}"
    assert doc["versions"][0]["id"] == doc["version"]  # newest first
    assert doc["date"] == ""  # empty in every recorded answer
    assert doc["publication_date"] == sandbox.world.now.strftime("%Y-%m-%d")  # the answer's day


def test_module_items_resolve_to_registers_with_documents(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    world = sandbox.world
    item_id = min(world.expected("voorbeeldstad").register_item_ids)
    register_item = world.register_item(item_id)
    assert register_item is not None
    url = f"{sandbox.notubiz_url}/modules/0/items/{item_id}"  # the form meetings link with
    item = get_json(client, url)["item"]
    assert set(item) == ITEM_FIELDS | {"attachments"}
    assert (item["id"], item["module_id"], item["creation_date"]) == (
        item_id, register_item.register_id, None
    )  # fmt: skip
    by_id = {a["id"]: a for a in item["attributes"]}
    assert by_id[1]["label"] == "Titel"
    assert by_id[1]["values"] == [{"meta_data": None, "content": register_item.title}]
    assert register_item.date is not None
    assert by_id[15]["values"][0]["content"] == register_item.date.strftime("%Y-%m-%d %H:%M:%S")
    main = by_id[2]
    assert (main["label"], main["datatype"]) == ("Hoofddocument", "document")
    assert "content" not in main["values"][0] and main["values"][0]["meta_data"] is None
    assert set(main["values"][0]["document"]) == DOC_FIELDS
    assert item["attachments"]["document"], "the zoning plan proposal has attachments"
    own = get_json(
        client, f"{sandbox.notubiz_url}/modules/{register_item.register_id}/items/{item_id}"
    )
    assert own["item"] == item
    wrong_module = get_json(client, f"{sandbox.notubiz_url}/modules/999/items/{item_id}")
    assert wrong_module == {"message": "Item not found", "error_code": 404}


def test_meetings_link_register_items_through_module_0(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    meeting_id = min(sandbox.world.expected("voorbeeldstad").public_meeting_ids)
    meeting = get_json(client, f"{sandbox.notubiz_url}/events/meetings/{meeting_id}")["meeting"]
    links = [
        link
        for item in meeting["agenda_items"]
        for child in item["agenda_items"]
        for link in child["module_items"]
    ]
    assert links, "the zoning plan is linked from agenda item 3.1"
    for link in links:
        assert set(link) == {"id", "self", "field_id"} and link["field_id"] == 54
        assert link["self"].endswith(f"/modules/0/items/{link['id']}")


def test_the_register_list_has_name_and_custom_name(sandbox: Sandbox, client: httpx.Client) -> None:
    body = get_json(client, f"{sandbox.notubiz_url}/organisations/9003/modules")
    assert {"custom_name": "Moties en amendementen", "name": "Moties", "id": 6} in body["modules"]
    assert {"custom_name": "", "name": "Ingekomen stukken", "id": 1} in body["modules"]
    assert all(set(m) == {"custom_name", "name", "id"} for m in body["modules"])
    other = get_json(client, f"{sandbox.notubiz_url}/organisations/9001/modules")
    assert 6 not in {m["id"] for m in other["modules"]}  # only Oosterproef has motions


def test_register_listings_are_paged_and_filtered_by_date(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    world = sandbox.world
    town = world.municipality("voorbeeldstad")
    wanted = sorted(i.id for i in town.register_items.values() if i.register_id == 4)
    assert len(wanted) > 0
    url = f"{sandbox.notubiz_url}/organisations/9001/modules/4/items"
    window = {"date_from": "2025-01-01 00:00:00", "date_to": "2027-01-01 00:00:00"}
    found, page = [], 1
    while True:
        body = get_json(client, url, page=page, **window)
        pagination = body["pagination"]
        assert set(pagination) == {"list_start", "list_end", "total_results"}
        assert pagination["total_results"] == len(wanted)
        found += [i["id"] for i in body["items"]]
        if pagination["list_end"] >= pagination["total_results"]:
            break
        page += 1
    assert sorted(found) == wanted
    assert all(set(i) >= ITEM_FIELDS for i in body["items"])
    empty = get_json(client, url, date_from="2030-01-01 00:00:00", date_to="2030-12-31 23:59:59")
    assert empty == {
        "pagination": {"list_start": 0, "list_end": 0, "total_results": 0},
        "items": [],
    }
    unknown = get_json(client, f"{sandbox.notubiz_url}/organisations/9001/modules/77/items")
    assert unknown == {"message": "Module not found", "error_code": 404}


def test_motion_items_carry_references_with_readable_names(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    motion_id = min(sandbox.world.expected("oosterproef").motion_item_ids)
    item = get_json(client, f"{sandbox.notubiz_url}/modules/0/items/{motion_id}")["item"]
    by_id = {a["id"]: a for a in item["attributes"]}
    assert 45 not in by_id  # no Type attribute, as in the recorded Altena register
    party = by_id[37]
    assert (party["label"], party["datatype"]) == ("Fractie(s)", "integer")
    value = party["values"][0]
    assert value["meta_data"]["reference_model"] == "party"
    assert isinstance(value["content"], int) and value["meta_data"]["label"]
    assert by_id[36]["values"][0]["meta_data"]["reference_model"] == "person"
    assert by_id[62]["label"] == "Uitslag"


def test_non_public_meeting_answers_200_with_an_error(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    closed = next(iter(sandbox.world.expected("zandaam").non_public_meeting_ids))
    listing = get_json(
        client,
        f"{sandbox.notubiz_url}/events",
        organisation_id=9002,
        date_from="2026-04-01 00:00:00",
        date_to="2026-04-30 23:59:59",
    )
    assert [(e["id"], e["permission_group"]) for e in listing["events"]] == [(closed, "besloten")]
    body = get_json(client, f"{sandbox.notubiz_url}/events/meetings/{closed}")
    assert body == {"message": "No rights to see this meeting", "error_code": 403}


def test_unknown_organisation_answers_200_with_an_error(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    body = get_json(client, f"{sandbox.notubiz_url}/events", organisation_id=1234)
    assert body == {"message": "Organisation not found", "error_code": 404}
    body = get_json(client, f"{sandbox.notubiz_url}/events/meetings/1")
    assert body["error_code"] == 404


@pytest.mark.parametrize(
    "params",
    [{}, {"format": "json"}, {"version": "1.17.0"}, {"format": "xml", "version": "1.17.0"}],
)
def test_missing_format_parameters_answer_400(
    sandbox: Sandbox, client: httpx.Client, params: dict[str, str]
) -> None:
    response = client.get(f"{sandbox.notubiz_url}/organisations", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == 400


def test_unknown_paths_answer_404_json(sandbox: Sandbox, client: httpx.Client) -> None:
    for url in (f"{sandbox.notubiz_url}/nothing", f"{sandbox.base_url}/elsewhere"):
        response = client.get(url, params=PARAMS)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/json")
        assert response.json()["error"]["code"] == 404


def test_writes_are_not_allowed(sandbox: Sandbox, client: httpx.Client) -> None:
    response = client.post(f"{sandbox.notubiz_url}/organisations", params=PARAMS, content=b"{}")
    assert response.status_code == 405
