"""SOAP plumbing (`crawlers.soap`) and the pure iBabs readers (`crawlers.ibabs_parse`,
`crawlers.ibabs_lists`) on hand-written responses, including hostile XML."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from lxml import etree

from crawlers.ibabs_lists import EntryBase, motion_fields, split_names
from crawlers.ibabs_parse import at_time, date_chunks, html_text, included, parse_dutch_date
from crawlers.soap import (
    NS_BASE,
    NS_REQUEST,
    Outcome,
    SoapResponseError,
    Struct,
    classify,
    key_values,
    parse_xml,
    read_result,
    soap_request,
)
from normalize.cleaners import AMSTERDAM
from normalize.records import MotionResult

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>"""

UTF16_DTD = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'


def answer(operation: str, inner: str, status: str = "OK", message: str | None = None) -> bytes:
    base = "http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base"
    text = f"<Message xmlns='{base}'>{message}</Message>" if message else ""
    return (
        f"<s:Envelope xmlns:s='{ENV}'><s:Body><{operation}Response xmlns='http://tempuri.org/'>"
        f"<{operation}Result xmlns:a='http://schemas.datacontract.org/2004/07/iBabsWCFObjects"
        f".Public'>{text}<Status xmlns='{base}'>{status}</Status>{inner}</{operation}Result>"
        f"</{operation}Response></s:Body></s:Envelope>"
    ).encode()


def test_a_request_is_a_soap_1_1_post_with_its_action() -> None:
    params = {
        "filterRequest": Struct(
            (
                ("Sitename", NS_BASE, "Duivenvoorde"),
                ("ListId", NS_REQUEST, "abc&def"),
                ("SinceDate", NS_REQUEST, date(2025, 1, 1)),
            )
        )
    }
    request = soap_request(
        "https://wcf.ibabs.eu/api/Public.svc", "GetListsEntriesByFilterRequest", params
    )
    assert request.method == "POST"
    assert (
        request.headers[b"SOAPAction"]
        == b'"http://tempuri.org/IPublic/GetListsEntriesByFilterRequest"'
    )
    assert request.headers[b"Content-Type"] == b"text/xml; charset=utf-8"
    assert request.meta["soap_operation"] == "GetListsEntriesByFilterRequest"
    root = etree.fromstring(request.body)
    call = root.find(f"{{{ENV}}}Body/{{http://tempuri.org/}}GetListsEntriesByFilterRequest")
    assert call is not None
    fields = {etree.QName(e).namespace: e.text for e in call[0]}
    assert fields[NS_BASE] == "Duivenvoorde"
    assert set(fields) == {NS_BASE, NS_REQUEST}
    assert b"abc&amp;def" in request.body and b"2025-01-01T00:00:00" in request.body


@pytest.mark.parametrize(
    ("status", "message", "outcome"),
    [
        ("OK", None, Outcome.OK),
        (None, None, Outcome.OK),  # GetLists has no Status at all
        ("ERR", "iBabsWCFService has no access to site X!", Outcome.NO_ACCESS),
        ("ERR", "IPaddress 82.172.191.240 has no access to site amstelveen!", Outcome.NO_ACCESS),
        ("ERR", "No public account!", Outcome.NO_ACCESS),
        ("ERR", "No public meetings", Outcome.EMPTY),
        ("ERR", "No public meetingtypes!", Outcome.EMPTY),
        ("ERR", "Database timeout", Outcome.ERROR),
    ],
)
def test_status_and_message_are_classified(
    status: str | None, message: str | None, outcome: Outcome
) -> None:
    assert classify(status, message) is outcome


def test_a_result_is_read_with_its_status() -> None:
    result = read_result(
        answer("GetMeetingsByDateRange", "<a:Meetings/>", "ERR", "No public meetings"),
        "GetMeetingsByDateRange",
    )
    assert (result.status, result.message, result.outcome) == (
        "ERR",
        "No public meetings",
        Outcome.EMPTY,
    )
    with pytest.raises(SoapResponseError, match="no GetUsersResult"):
        read_result(answer("GetMeetingsByDateRange", ""), "GetUsers")
    fault = (
        f"<s:Envelope xmlns:s='{ENV}'><s:Body><s:Fault><faultcode>s:Client</faultcode>"
        "<faultstring>ContractFilter mismatch</faultstring></s:Fault></s:Body></s:Envelope>"
    )
    with pytest.raises(SoapResponseError, match="SOAP fault: ContractFilter mismatch"):
        read_result(fault.encode(), "GetUsers")
    with pytest.raises(SoapResponseError, match=r"not a SOAP 1\.1 envelope"):
        read_result(b"<html><body>The request is blocked</body></html>", "GetUsers")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (LAUGHS, "declares a DTD"),
        (
            b'<?xml version="1.0"?><!-- x --><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<x>&e;</x>",
            "declares a DTD",
        ),
        (UTF16_DTD.encode("utf-16"), "declares a DTD"),
        (b"<a>" * 10_000 + b"</a>" * 10_000, "Excessive depth"),
        (b"<a><b></a>", "not well-formed"),
        (b"", "empty response"),
    ],
)
def test_hostile_or_broken_xml_fails_fast(body: bytes, reason: str) -> None:
    with pytest.raises(SoapResponseError, match=reason) as caught:
        parse_xml(body)
    assert "root:" not in str(caught.value) and "lollol" not in str(caught.value)


def test_key_values_read_a_serialized_dictionary() -> None:
    arrays = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    inner = (
        f"<a:Values xmlns:b='{arrays}'>"
        "<b:KeyValueOfstringstring><b:Key>Titel</b:Key><b:Value> Motie  A </b:Value>"
        "</b:KeyValueOfstringstring><b:KeyValueOfstringstring><b:Key>Leeg</b:Key><b:Value/>"
        "</b:KeyValueOfstringstring><b:KeyValueOfstringstring><b:Key>Titel</b:Key>"
        "<b:Value>tweede</b:Value></b:KeyValueOfstringstring></a:Values>"
    )
    result = read_result(answer("GetListEntry", inner), "GetListEntry")
    assert key_values(result.element) == {"Titel": "Motie A"}


def test_windows_are_split_into_chunks_without_gaps() -> None:
    assert date_chunks(date(2025, 9, 1), date(2026, 12, 31), 3) == [
        (date(2025, 9, 1), date(2025, 11, 30)),
        (date(2025, 12, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 5, 31)),
        (date(2026, 6, 1), date(2026, 8, 31)),
        (date(2026, 9, 1), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2026, 12, 31)),
    ]
    assert date_chunks(date(2024, 1, 31), date(2024, 2, 10), 3) == [
        (date(2024, 1, 31), date(2024, 2, 10))
    ]
    assert date_chunks(date(2024, 2, 1), date(2024, 1, 1), 3) == []


@pytest.mark.parametrize(
    ("description", "voorschoten", "wassenaar"),
    [
        ("Gemeenteraad Voorschoten", True, False),
        ("Commissie Bestuur Wassenaar", False, True),
        ("Gemeenschappelijke raadscommissie", False, False),
    ],
)
def test_the_catalogue_patterns_pick_a_municipality(
    description: str, voorschoten: bool, wassenaar: bool
) -> None:
    """The patterns of the catalogue's Voorschoten/Wassenaar rows (one site, Duivenvoorde)."""
    assert included(description, ".*[Vv]oorschoten$", ".*[Ww]assenaar$") is voorschoten
    assert included(description, ".*[Ww]assenaar$", ".*[Vv]oorschoten$") is wassenaar
    assert included(description, None, None) is True


def test_dutch_dates_times_and_html() -> None:
    assert parse_dutch_date("15-02-2024") == datetime(2024, 2, 15, tzinfo=AMSTERDAM)
    assert parse_dutch_date("Jan 29 2026 12:00AM") == datetime(2026, 1, 29, tzinfo=AMSTERDAM)
    assert parse_dutch_date("3/2/2026") == datetime(2026, 2, 3, tzinfo=AMSTERDAM)
    assert parse_dutch_date("12 januari 2024") == datetime(2024, 1, 12, tzinfo=AMSTERDAM)
    assert parse_dutch_date("2024-02-15T10:00:00") == datetime(2024, 2, 15, 10, tzinfo=AMSTERDAM)
    assert parse_dutch_date("31-02-2024") is None
    assert parse_dutch_date("binnenkort") is None
    day = datetime(2024, 2, 15, tzinfo=AMSTERDAM)
    assert at_time(day, "19:30") == datetime(2024, 2, 15, 19, 30, tzinfo=AMSTERDAM)
    assert at_time(day, "25:00") == day
    assert html_text("<p>Openbare vergadering van de <b>raad</b>.</p><p>Tweede</p>") == (
        "Openbare vergadering van de raad. Tweede"
    )


def test_motion_fields_from_register_values() -> None:
    base = EntryBase("e1", "l1", "Moties en amendementen", "Motie X", True, None)
    values = {
        "Titel": "Motie Zwemles",
        "Indiener(s)": "P. de Vries; K. Yilmaz",
        "Fractie(s)": "Lokaal, Groen",
        "Afdoening": "Afgedaan",
        "Status": "unaniem aangenomen",
        "Datum raadsvergadering": "15-02-2024",
    }
    fields = motion_fields(values, base, "Moties en amendementen")
    assert fields["title"] == "Motie Zwemles"
    assert fields["motion_type"] == "motie"  # the title says so, not the combined list name
    assert fields["submitters"] == ["P. de Vries", "K. Yilmaz"]
    assert fields["parties"] == ["Lokaal", "Groen"]
    assert (fields["result"], fields["result_raw"]) == (
        MotionResult.AANGENOMEN,
        "unaniem aangenomen",
    )
    assert fields["date"] == datetime(2024, 2, 15, tzinfo=AMSTERDAM)
    pending = motion_fields({"Titel": "Amendement B"}, base, "Amendementen")
    assert (pending["result"], pending["motion_type"]) == (None, "amendement")
    assert split_names("A. Jansen,\nB. de Wit; A. Jansen") == ["A. Jansen", "B. de Wit"]


def test_motion_fields_in_the_recorded_ibabs_forms() -> None:
    """Acceptance: `Jan 29 2026 12:00AM` and `Jansen, P. (Pieter) (D66)` give the date
    2026-01-29, one submitter and the party D66; the MutationDate is never the date."""
    mutation = datetime(2026, 6, 25, 10, 6, 40, 73000, tzinfo=AMSTERDAM)
    base = EntryBase("e1", "l1", "Moties", "M25 Motie", True, mutation)
    values = {
        "ID": "7381",
        "Agendapunt": "Gemeenteraad 29-1-2026 23 Afrondende besluitvorming",
        "Datum": "Jan 29 2026 12:00AM",
        "Onderwerp": "M25 Motie Groen",
        "Status": "Motie verworpen",
        "Indiener(s)": "Jansen, P. (Pieter) (D66)",
    }
    fields = motion_fields(values, base, "Moties")
    assert fields["date"] == datetime(2026, 1, 29, tzinfo=AMSTERDAM)
    assert (fields["submitters"], fields["parties"]) == (["Pieter Jansen"], ["D66"])
    assert (fields["result"], fields["title"]) == (MotionResult.VERWORPEN, "M25 Motie Groen")
    co = {
        **values,
        "Mede-indieners": "Heuven, M. van (Maarten) (Partij voor de Dieren);Dijkstra, G.J. "
        "(Gert) (EenUtrecht)",
    }
    both = motion_fields(co, base, "Moties")
    assert both["submitters"] == ["Pieter Jansen", "Maarten van Heuven", "Gert Dijkstra"]
    assert both["parties"] == ["D66", "Partij voor de Dieren", "EenUtrecht"]
    undated = motion_fields({"Onderwerp": "M1"}, base, "Moties")
    assert undated["date"] is None  # not the feed's MutationDate
    by_agenda = motion_fields({"Onderwerp": "M2", "Agendapunt": values["Agendapunt"]}, base, "M")
    assert by_agenda["date"] == datetime(2026, 1, 29, tzinfo=AMSTERDAM)
