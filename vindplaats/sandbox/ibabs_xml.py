"""The iBabs SOAP responses of the sandbox, rendered from the sample world with the namespaces
of the real service: the body in `http://tempuri.org/`, `Message`/`Status` in
`iBabsWCFObjects.Base`, meeting types in `.Common` (items in `iBabsWCFObjects`), everything else
in `.Public`, dictionaries in the serialization `Arrays` namespace. Members are written in
alphabetical order and missing values as `i:nil="true"`, as WCF's DataContractSerializer does;
times carry their milliseconds (`2026-06-25T10:06:40.073`, trailing zeros dropped).

Register answers follow the recorded Utrecht answers (see `docs/sandbox.md`): `GetLists` without
Status or Message in `iBabsWCFObjects`; `GetListEntry` without an EntryId, ListId or title of its
own, its `Values` in the Arrays namespace with empty values self-closing; votes with `UserName`
as `Lastname, Firstname tussenvoegsel` and `Vote` a bare true/false.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from lxml import etree

from vindplaats.sandbox.concepts import Document, Meeting, Person, Register, RegisterEntry
from vindplaats.sandbox.ibabs_model import IbSite, guid
from vindplaats.sandbox.ibabs_names import voter

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
TEMPURI = "http://tempuri.org/"
CONTRACT = "http://schemas.datacontract.org/2004/07/"
OBJECTS = CONTRACT + "iBabsWCFObjects"
PUBLIC, BASE, COMMON = OBJECTS + ".Public", OBJECTS + ".Base", OBJECTS + ".Common"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_TYPE = "text/xml; charset=utf-8"

Element = Any
_TRAILING_ZEROS = re.compile(r"(\.\d*?)0+(?=$|[+-])")
Fields = list[tuple[str, object]]
DownloadUrl = Callable[[Document[str]], str]
FileSize = Callable[[Document[str]], int]
Docs = list[Document[str]]


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.microsecond < 1000:
            return value.replace(microsecond=0).isoformat()
        return _TRAILING_ZEROS.sub(r"\1", value.isoformat(timespec="milliseconds"))
    return str(value)


def add(parent: Element, ns: str, name: str, value: object = "") -> Element:
    """A member element; None is written as `i:nil="true"`."""
    node = etree.SubElement(parent, f"{{{ns}}}{name}")
    if value is None:
        node.set(f"{{{XSI}}}nil", "true")
    elif value != "":
        node.text = _text(value)
    return node


def add_object(parent: Element, ns: str, name: str, fields: Fields) -> Element:
    node = etree.SubElement(parent, f"{{{ns}}}{name}")
    for member, value in sorted(fields):
        add(node, ns, member, value)
    return node


class Reply:
    """One response envelope: `<operation>Response/<operation>Result` with the result's
    namespace bound to `a:` (and `b:` for a second one)."""

    def __init__(self, operation: str, ns: str, second: str | None = None) -> None:
        nsmap: Any = {"s": SOAP_ENV}
        self.root = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap=nsmap)
        body = etree.SubElement(self.root, f"{{{SOAP_ENV}}}Body")
        default: Any = {None: TEMPURI}
        response = etree.SubElement(body, f"{{{TEMPURI}}}{operation}Response", nsmap=default)
        names: Any = {"a": ns, "i": XSI, **({"b": second} if second else {})}
        self.result = etree.SubElement(response, f"{{{TEMPURI}}}{operation}Result", nsmap=names)

    def status(self, status: str = "OK", message: str | None = None) -> Reply:
        base: Any = {None: BASE}
        for name, value in (("Message", message), ("Status", status)):
            node = etree.SubElement(self.result, f"{{{BASE}}}{name}", nsmap=base)
            if value is None:
                node.set(f"{{{XSI}}}nil", "true")
            else:
                node.text = value
        return self

    def bytes(self) -> bytes:
        return bytes(etree.tostring(self.root, xml_declaration=False, encoding="utf-8"))


def fault(message: str, code: str = "s:Client") -> bytes:
    nsmap: Any = {"s": SOAP_ENV}
    root = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap=nsmap)
    body = etree.SubElement(root, f"{{{SOAP_ENV}}}Body")
    node = etree.SubElement(body, f"{{{SOAP_ENV}}}Fault")
    etree.SubElement(node, "faultcode").text = code
    etree.SubElement(node, "faultstring", {"{http://www.w3.org/XML/1998/namespace}lang": "en-US"})
    node[-1].text = message
    return bytes(etree.tostring(root, encoding="utf-8"))


def error(operation: str, message: str, container: str | None) -> bytes:
    """Status ERR with `message` and an empty container, as iBabs answers refusals."""
    reply = Reply(operation, PUBLIC).status("ERR", message)
    if container:
        etree.SubElement(reply.result, f"{{{PUBLIC}}}{container}")
    return reply.bytes()


def meetingtypes(site: IbSite) -> bytes:
    reply = Reply("GetMeetingtypes", COMMON, OBJECTS).status()
    holder = etree.SubElement(reply.result, f"{{{COMMON}}}Meetingtypes")
    for kind in site.types:
        add_object(
            holder,
            OBJECTS,
            "iBabsMeetingtype",
            [
                ("Abbreviation", kind.code),
                ("Description", kind.name),
                ("Id", kind.id),
                ("Meetingtype", kind.kind),
            ],
        )
    return reply.bytes()


def _documents(
    parent: Element, docs: list[Document[str]], url: DownloadUrl, size: FileSize
) -> None:
    holder = add(parent, PUBLIC, "Documents")
    for doc in docs:
        add_object(
            holder,
            PUBLIC,
            "iBabsDocument",
            [
                ("Confidential", doc.confidential),
                ("DisplayName", doc.title),
                ("FileName", doc.file_name),
                ("FileSize", size(doc)),
                ("Id", doc.id),
                ("PublicDownloadURL", url(doc)),
            ],
        )


def _users(parent: Element, name: str, users: list[Person[str]]) -> None:
    holder = add(parent, PUBLIC, name)
    for user in users:
        add_object(
            holder,
            PUBLIC,
            "iBabsUserBasic",
            [("Emailaddress", user.email), ("Name", user.name), ("UniqueId", user.id)],
        )


def meetings(site: IbSite, found: list[Meeting[str]], url: DownloadUrl, size: FileSize) -> bytes:
    if not found:
        return Reply("GetMeetingsByDateRange", PUBLIC).status("ERR", "No public meetings").bytes()
    reply = Reply("GetMeetingsByDateRange", PUBLIC).status()
    holder = etree.SubElement(reply.result, f"{{{PUBLIC}}}Meetings")
    users = {u.id: u for u in site.users}
    for meeting in found:
        node = etree.SubElement(holder, f"{{{PUBLIC}}}iBabsMeeting")
        _users(node, "Attendees", [users[u] for u in meeting.attendees])
        add(node, PUBLIC, "Chairman", meeting.chair)
        _documents(node, [site.documents[d] for d in meeting.documents], url, size)
        add(node, PUBLIC, "EndTime", f"{meeting.end:%H:%M}")
        add(node, PUBLIC, "Explanation", meeting.description)
        add(node, PUBLIC, "Id", meeting.id)
        _users(node, "Invitees", [users[u] for u in meeting.invitees])
        add(node, PUBLIC, "Location", meeting.location)
        add(node, PUBLIC, "MeetingDate", meeting.start.replace(hour=0, minute=0))
        items = add(node, PUBLIC, "MeetingItems")
        for item in meeting.items:
            entry = etree.SubElement(items, f"{{{PUBLIC}}}iBabsMeetingItem")
            add(entry, PUBLIC, "Confidential", item.confidential)
            _documents(entry, [site.documents[d] for d in item.documents], url, size)
            add(entry, PUBLIC, "Explanation", item.description)
            add(entry, PUBLIC, "Features", item.number)
            add(entry, PUBLIC, "Id", item.id)
            _list_entries(add(entry, PUBLIC, "ListEntries"), site, item.entries)
            add(entry, PUBLIC, "Title", item.title)
        add(node, PUBLIC, "MeetingtypeId", meeting.committee_id)
        add(node, PUBLIC, "PublishDate", meeting.published)
        add(node, PUBLIC, "StartTime", f"{meeting.start:%H:%M}")
        add_object(node, PUBLIC, "Webcast", [("Code", None)])
    return reply.bytes()


def _list_entries(holder: Element, site: IbSite, entry_ids: list[str]) -> None:
    for ident in entry_ids:
        entry = site.entries[ident]
        register = site.list_of(entry.register_id)
        assert register is not None
        add_object(
            holder,
            PUBLIC,
            "iBabsListEntryBasic",
            [
                ("EntryId", entry.id),
                ("EntryTitle", entry.title),
                ("ListCanVote", register.can_vote),
                ("ListId", register.id),
                ("ListName", register.name),
            ],
        )


def profiles(users: list[Person[str]]) -> bytes:
    reply = Reply("GetUsers", PUBLIC).status()
    holder = etree.SubElement(reply.result, f"{{{PUBLIC}}}Users")
    for user in users:
        add_object(holder, PUBLIC, "PublicProfile", [("Name", user.name), ("UserId", user.id)])
    return reply.bytes()


def profile(user: Person[str]) -> bytes:
    reply = Reply("GetUser", PUBLIC).status()
    add_object(
        reply.result,
        PUBLIC,
        "User",
        [
            ("FunctionName", user.function),
            ("Name", user.name),
            ("PoliticalPartyName", user.party),
            ("UserId", user.id),
        ],
    )
    return reply.bytes()


def lists(found: list[Register[str]]) -> bytes:
    """`GetLists` answers a bare array of key/value pairs (no Status, no Message)."""
    reply = Reply("GetLists", OBJECTS)
    for register in found:
        add_object(
            reply.result, OBJECTS, "iBabsKeyValue", [("Key", register.id), ("Value", register.name)]
        )
    return reply.bytes()


def entries(register: Register[str], found: list[RegisterEntry[str]]) -> bytes:
    reply = Reply("GetListsEntriesByFilterRequest", PUBLIC).status()
    holder = etree.SubElement(reply.result, f"{{{PUBLIC}}}Entries")
    for entry in found:
        add_object(
            holder,
            PUBLIC,
            "iBabsListEntryBase",
            [
                ("EntryId", entry.id),
                ("EntryMasterId", entry.id),
                ("EntryTitle", entry.title),
                ("ListCanVote", register.can_vote),
                ("ListId", register.id),
                ("ListName", register.name),
                ("MutationDate", entry.last_modified),
            ],
        )
    return reply.bytes()


def entry(site: IbSite, found: RegisterEntry[str], url: DownloadUrl, size: FileSize) -> bytes:
    reply = Reply("GetListEntry", PUBLIC, ARRAYS).status()
    _documents(reply.result, [site.documents[d] for d in found.documents], url, size)
    add(reply.result, PUBLIC, "DocumentsLabel", "Bijlage(s)")
    values = etree.SubElement(reply.result, f"{{{PUBLIC}}}Values")
    for key, value in found.values.items():
        pair = etree.SubElement(values, f"{{{ARRAYS}}}KeyValueOfstringstring")
        add(pair, ARRAYS, "Key", key)
        add(pair, ARRAYS, "Value", value)
    return reply.bytes()


def votes(site: IbSite, found: RegisterEntry[str]) -> bytes:
    reply = Reply("GetListEntryVotesByListEntryId", PUBLIC).status()
    holder = etree.SubElement(reply.result, f"{{{PUBLIC}}}ListEntryVotes")
    for vote in found.votes:
        user = site.user(vote.user_id)
        assert user is not None
        add_object(
            holder,
            PUBLIC,
            "iBabsListEntryVote",
            [
                ("EntryId", found.id),
                ("GroupId", guid(site.name, "party", user.party)),
                ("GroupName", user.party),
                ("UserId", user.id),
                ("UserName", voter(user.name)),
                ("Vote", vote.vote),
            ],
        )
    return reply.bytes()
