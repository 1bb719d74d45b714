"""The iBabs SOAP service of the sandbox, called the way a client would (plain HTTP + XML)."""

from __future__ import annotations

import io
import re
import socket

import httpx
import pytest
from lxml import etree
from pypdf import PdfReader

from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.ibabs_world import IbabsWorld

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
BASE = "http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base"
PUBLIC = "http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Public"
COMMON = "http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Common"
OBJECTS = "http://schemas.datacontract.org/2004/07/iBabsWCFObjects"
REQUEST = PUBLIC + ".Request"


def envelope(operation: str, inner: str) -> bytes:
    return (
        f'<s:Envelope xmlns:s="{ENV}"><s:Body><{operation} xmlns="http://tempuri.org/">'
        f"{inner}</{operation}></s:Body></s:Envelope>"
    ).encode()


def call(
    client: httpx.Client, sandbox: Sandbox, operation: str, inner: str, action: str | None = None
) -> httpx.Response:
    headers = {
        "Content-Type": "text/xml; charset=utf-8",
        "SOAPAction": f'"http://tempuri.org/IPublic/{action or operation}"',
    }
    return client.post(sandbox.ibabs_url, content=envelope(operation, inner), headers=headers)


def result(response: httpx.Response, operation: str) -> etree._Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    found = root.find(
        f"{{{ENV}}}Body/{{http://tempuri.org/}}{operation}Response/"
        f"{{http://tempuri.org/}}{operation}Result"
    )
    assert found is not None
    return found


def status(element: etree._Element) -> tuple[str | None, str | None]:
    message = element.find(f"{{{BASE}}}Message")
    state = element.find(f"{{{BASE}}}Status")
    return (
        message.text if message is not None else None,
        state.text if state is not None else None,
    )


def feed(
    client: httpx.Client, sandbox: Sandbox, site: str, list_id: str, since: str
) -> list[tuple[str, str]]:
    inner = (
        f'<filterRequest xmlns:b="{BASE}" xmlns:r="{REQUEST}"><b:Sitename>{site}</b:Sitename>'
        f"<r:ListId>{list_id}</r:ListId><r:SinceDate>{since}</r:SinceDate></filterRequest>"
    )
    found = result(
        call(client, sandbox, "GetListsEntriesByFilterRequest", inner),
        "GetListsEntriesByFilterRequest",
    )
    return [
        (e.findtext(f"{{{PUBLIC}}}EntryId") or "", e.findtext(f"{{{PUBLIC}}}MutationDate") or "")
        for e in found.iter(f"{{{PUBLIC}}}iBabsListEntryBase")
    ]


def test_meeting_types_use_the_documented_namespaces(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    found = result(
        call(client, sandbox, "GetMeetingtypes", "<Sitename>duinpolder</Sitename>"),
        "GetMeetingtypes",
    )
    assert status(found) == (None, "OK")
    types = found.findall(f"{{{COMMON}}}Meetingtypes/{{{OBJECTS}}}iBabsMeetingtype")
    descriptions = sorted(t.findtext(f"{{{OBJECTS}}}Description") or "" for t in types)
    assert descriptions == sorted(
        f"{kind} {town}"
        for kind in ("Gemeenteraad", "Commissie Ruimte", "Commissie Samenleving")
        for town in ("Duinwijk", "Polderveen")
    )


@pytest.mark.parametrize("site", ["geheimdorp", "bestaatniet"])
def test_a_site_without_whitelisting_answers_err(
    client: httpx.Client, sandbox: Sandbox, site: str
) -> None:
    found = result(
        call(client, sandbox, "GetMeetingtypes", f"<Sitename>{site}</Sitename>"), "GetMeetingtypes"
    )
    assert status(found) == (f"iBabsWCFService has no access to site {site}!", "ERR")
    download = client.get(
        sandbox.base_url + "/ibabs/publicdownload.aspx", params={"site": site, "id": "x"}
    )
    assert download.status_code == 403


def test_meetings_of_an_empty_window_answer_no_public_meetings(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    inner = (
        "<Sitename>bergenrode</Sitename><StartDate>2030-01-01T00:00:00</StartDate>"
        "<EndDate>2030-03-31T23:59:59</EndDate><MetaDataOnly>false</MetaDataOnly>"
    )
    found = result(call(client, sandbox, "GetMeetingsByDateRange", inner), "GetMeetingsByDateRange")
    assert status(found) == ("No public meetings", "ERR")


def test_meetings_carry_agenda_documents_and_register_links(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    inner = (
        "<Sitename>bergenrode</Sitename><StartDate>2025-10-01T00:00:00</StartDate>"
        "<EndDate>2025-10-31T23:59:59</EndDate><MetaDataOnly>false</MetaDataOnly>"
    )
    found = result(call(client, sandbox, "GetMeetingsByDateRange", inner), "GetMeetingsByDateRange")
    [meeting] = found.iter(f"{{{PUBLIC}}}iBabsMeeting")
    assert meeting.findtext(f"{{{PUBLIC}}}MeetingDate") == "2025-10-09T00:00:00"
    assert meeting.findtext(f"{{{PUBLIC}}}StartTime") == "20:00"
    features = [
        i.findtext(f"{{{PUBLIC}}}Features") for i in meeting.iter(f"{{{PUBLIC}}}iBabsMeetingItem")
    ]
    assert features == ["1", "2", "3", "4", "5A", "6", "7"]
    links = list(meeting.iter(f"{{{PUBLIC}}}iBabsListEntryBasic"))
    assert {link.findtext(f"{{{PUBLIC}}}ListName") for link in links} >= {"Moties"}
    urls = [
        d.findtext(f"{{{PUBLIC}}}PublicDownloadURL") or ""
        for d in meeting.iter(f"{{{PUBLIC}}}iBabsDocument")
    ]
    assert urls and all(
        u.startswith(sandbox.base_url + "/ibabs/publicdownload.aspx?site=bergenrode&id=")
        for u in urls
    )
    pdf = client.get(urls[0])
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Gemeente Bergenrode" in text and "Voorbeeldgegevens" in text


def test_the_entry_feed_is_capped_and_can_be_followed(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    world = sandbox.ibabs_world
    [letters] = [x for x in world.sites["bergenrode"].lists if x.name == "Ingekomen stukken"]
    first = feed(client, sandbox, "bergenrode", letters.id, "2025-09-01T00:00:00")
    assert len(first) == world.feed_cap == 20
    seen, since = {e for e, _ in first}, first[-1][1]
    while True:
        more = [e for e, _ in feed(client, sandbox, "bergenrode", letters.id, since)]
        if not set(more) - seen:
            break
        seen |= set(more)
        since = feed(client, sandbox, "bergenrode", letters.id, since)[-1][1]
    assert len(seen) == 45


def test_list_entries_and_votes(client: httpx.Client, sandbox: Sandbox) -> None:
    site = sandbox.ibabs_world.sites["bergenrode"]
    [motions] = [x for x in site.lists if x.name == "Moties"]
    entry = next(e for e in site.entries.values() if e.register_id == motions.id and e.votes)
    inner = (
        f"<Sitename>bergenrode</Sitename><ListId>{motions.id}</ListId><EntryId>{entry.id}</EntryId>"
    )
    found = result(call(client, sandbox, "GetListEntry", inner), "GetListEntry")
    arrays = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    pairs = {
        pair.findtext(f"{{{arrays}}}Key"): pair.findtext(f"{{{arrays}}}Value")
        for pair in found.iter(f"{{{arrays}}}KeyValueOfstringstring")
    }
    # the recorded shape: no EntryId/ListId/title element, values in the Arrays namespace
    assert found.find(f"{{{PUBLIC}}}EntryId") is None and found.find(f"{{{PUBLIC}}}ListId") is None
    assert list(pairs)[:2] == ["ID", "Onderwerp"] and "Status" in pairs
    assert "Fractie(s)" not in pairs  # the parties are in the submitter strings
    assert re.fullmatch(r"[A-Z][a-z]{2} [ \d]\d \d{4} 12:00AM", pairs["Datum"] or "")
    submitter = pairs["Indiener(s)"] or ""
    assert re.fullmatch(r"[^,;]+, [A-Z]\.(?: [a-z ]+)? \([A-Z][a-z]+\) \([^)]+\)", submitter)
    assert re.fullmatch(r"[^;]+, [^;]+ \([^)]+\) \([^)]+\)", pairs["Mede-indieners"] or "")
    meeting, _, item = (pairs["Agendapunt"] or "").partition("\n")
    assert re.fullmatch(r"Gemeenteraad \d{1,2}-\d{1,2}-\d{4}", meeting) and item.startswith("6 ")
    assert found.findtext(f"{{{PUBLIC}}}DocumentsLabel") == "Bijlage(s)"
    inner = f"<Sitename>bergenrode</Sitename><EntryId>{entry.id}</EntryId>"
    votes = result(
        call(client, sandbox, "GetListEntryVotesByListEntryId", inner),
        "GetListEntryVotesByListEntryId",
    )
    values = [
        v.findtext(f"{{{PUBLIC}}}Vote") for v in votes.iter(f"{{{PUBLIC}}}iBabsListEntryVote")
    ]
    assert len(values) == 9 and set(values) <= {"true", "false", None}
    names = [n.text or "" for n in votes.iter(f"{{{PUBLIC}}}UserName")]
    assert "Boer, Tom de" in names  # Lastname, Firstname tussenvoegsel
    assert all(re.fullmatch(r"[^,]+, [A-Z][a-z]+(?: [a-z ]+)?", n) for n in names)


def test_polderveen_writes_a_literal_backslash_n_in_agendapunt(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    site = sandbox.ibabs_world.sites["duinpolder"]  # shared with Duinwijk
    [motions] = [x for x in site.lists if x.name == "Moties Polderveen"]
    entry = next(e for e in site.entries.values() if e.register_id == motions.id)
    inner = (
        f"<Sitename>duinpolder</Sitename><ListId>{motions.id}</ListId><EntryId>{entry.id}</EntryId>"
    )
    found = result(call(client, sandbox, "GetListEntry", inner), "GetListEntry")
    arrays = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    pairs = {
        pair.findtext(f"{{{arrays}}}Key"): pair.findtext(f"{{{arrays}}}Value")
        for pair in found.iter(f"{{{arrays}}}KeyValueOfstringstring")
    }
    assert "\\n6 " in (pairs["Agendapunt"] or "") and "\n" not in (pairs["Agendapunt"] or "")


def test_bad_calls_answer_soap_faults(client: httpx.Client, sandbox: Sandbox) -> None:
    unknown = call(client, sandbox, "GetEverything", "<Sitename>bergenrode</Sitename>")
    assert unknown.status_code == 500
    assert b"ContractFilter mismatch" in unknown.content
    mismatch = call(client, sandbox, "GetLists", "<Sitename>bergenrode</Sitename>", "GetUsers")
    assert mismatch.status_code == 500
    garbage = client.post(sandbox.ibabs_url, content=b"<nope", headers={"SOAPAction": "x"})
    assert garbage.status_code == 400 and b"Fault" in garbage.content


def test_an_oversized_body_is_refused_without_reading_it(sandbox: Sandbox) -> None:
    host, port = sandbox.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(
            b"POST /ibabs/api/Public.svc HTTP/1.1\r\nHost: sandbox\r\n"
            b"Content-Length: 50000000\r\n\r\n"
        )
        reply = conn.recv(200)
    assert reply.startswith(b"HTTP/1.1 413")


def test_locked_and_unknown_files(client: httpx.Client, sandbox: Sandbox) -> None:
    site = sandbox.ibabs_world.sites["bergenrode"]
    [locked] = [d for d in site.documents.values() if d.locked]
    url = sandbox.base_url + "/ibabs/publicdownload.aspx"
    assert client.get(url, params={"site": "bergenrode", "id": locked.id}).status_code == 403
    assert client.get(url, params={"site": "bergenrode", "id": "nope"}).status_code == 404


def test_the_world_is_deterministic_and_splits_the_shared_site() -> None:
    world, again = IbabsWorld(), IbabsWorld()
    assert world.sites == again.sites
    duinwijk, polderveen = world.expected("duinwijk"), world.expected("polderveen")
    assert duinwijk.meeting_ids == polderveen.other_meeting_ids
    assert not duinwijk.person_ids & polderveen.person_ids
    assert world.expected("bergenrode").largest_list == 45
    assert world.expected("bergenrode").locked_document_ids
