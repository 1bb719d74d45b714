"""The iBabs SOAP 1.1 service of the sandbox, served under `<base_url>/ibabs`.

- `POST /api/Public.svc` with `SOAPAction: "http://tempuri.org/IPublic/<Operation>"` and the
  operation's element (namespace `http://tempuri.org/`) in the body: `GetMeetingtypes`,
  `GetMeetingsByDateRange`, `GetUsers`, `GetUser`, `GetLists`, `GetListsEntriesByFilterRequest`,
  `GetListEntry`, `GetListEntryVotesByListEntryId`. Answers are rendered by `ibabs_xml`.
- `GET /publicdownload.aspx?site=<Sitename>&id=<document GUID>`: the file (a PDF); 403 for a
  file the municipality locked, 404 for an unknown one.

As in the real service, a site that has not whitelisted the caller (`geheimdorp`, or any unknown
site) answers `Status` ERR "iBabsWCFService has no access to site X!"; an empty window of
meetings answers ERR "No public meetings". An unknown operation or a body that is not a SOAP
envelope answers a SOAP fault (HTTP 500 / 400). `GetListsEntriesByFilterRequest` answers at
most `feed_cap` entries, oldest `MutationDate` first: a client asks again from the last
`MutationDate` it saw to get the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from urllib.parse import quote

from lxml import etree

from vindplaats.sandbox import ibabs_xml as xml
from vindplaats.sandbox.concepts import Document, Meeting
from vindplaats.sandbox.ibabs_files import IbabsFiles
from vindplaats.sandbox.ibabs_model import IbSite
from vindplaats.sandbox.plugins import Mount, Plugin, route
from vindplaats.sandbox.routing import Request, Response, html_response
from vindplaats.sandbox.world import World
from vindplaats.sources import Source

SERVICE = "/api/Public.svc"
ACTION_PREFIX = "http://tempuri.org/IPublic/"
Params = dict[str, str]
Operation = Callable[[IbSite, Params], bytes]
CONTAINERS = {  # the empty container an ERR answer of each operation carries
    "GetMeetingtypes": "Meetingtypes",
    "GetMeetingsByDateRange": "Meetings",
    "GetUsers": "Users",
    "GetUser": None,
    "GetLists": None,
    "GetListsEntriesByFilterRequest": "Entries",
    "GetListEntry": "Values",
    "GetListEntryVotesByListEntryId": "ListEntryVotes",
}


def _soap(body: bytes, status: int = 200) -> Response:
    return Response(status, body, xml.XML_TYPE)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def read_call(body: bytes) -> tuple[str, Params]:
    """The operation element of a request envelope and its parameters (by local name; the
    children of a complex parameter such as `filterRequest` are flattened). ValueError when
    the body is not a SOAP envelope."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"the body is not well-formed XML: {exc}") from None
    if (
        root.getroottree().docinfo.internalDTD is not None
        or root.tag != f"{{{xml.SOAP_ENV}}}Envelope"
    ):
        raise ValueError("the body is not a SOAP 1.1 envelope")
    soap_body = root.find(f"{{{xml.SOAP_ENV}}}Body")
    elements = [c for c in soap_body if isinstance(c.tag, str)] if soap_body is not None else []
    call = elements[0] if elements else None
    if call is None or etree.QName(call.tag).namespace != xml.TEMPURI:
        raise ValueError("the envelope has no operation element in http://tempuri.org/")
    params: Params = {}
    for node in call.iter():
        if node is not call and len(node) == 0 and _local(node.tag):
            params.setdefault(_local(node.tag), (node.text or "").strip())
    return _local(call.tag), params


class IbabsApi(Plugin):
    """The iBabs plug-in: renders `World.ibabs`, one SOAP service for every site."""

    supplier = "ibabs"
    endpoint = SERVICE

    def __init__(self, world: World, mount: Mount) -> None:
        super().__init__(world, mount)
        self.world = world.ibabs
        self.files = IbabsFiles()
        self.download_base = mount.base_url + self.prefix + "/publicdownload.aspx"
        self.operations: dict[str, Operation] = {
            "GetMeetingtypes": lambda site, p: xml.meetingtypes(site),
            "GetMeetingsByDateRange": self.meetings,
            "GetUsers": lambda site, p: xml.profiles(site.users),
            "GetUser": self.user,
            "GetLists": lambda site, p: xml.lists(site.lists),
            "GetListsEntriesByFilterRequest": self.entries,
            "GetListEntry": self.entry,
            "GetListEntryVotesByListEntryId": self.votes,
        }

    def sources(self) -> list[Source]:
        return [
            self.source(
                s.key,
                s.name,
                self.url,
                ibabs_sitename=s.site,
                include_pattern=s.include_pattern,
                exclude_pattern=s.exclude_pattern,
            )
            for s in self.world.sources
        ]

    def prepare_files(self) -> None:
        with self.world.lock:
            sample = [d for s in self.world.sites.values() for d in s.documents.values()]
        for document in sample:
            self.files.get(document)

    def file_url(self, doc: Document[str]) -> str:
        site = next(s.name for s in self.world.sites.values() if doc.id in s.documents)
        return f"{self.download_base}?site={quote(site)}&id={doc.id}"

    def size(self, doc: Document[str]) -> int:
        return len(self.files.get(doc))

    # -- SOAP ---------------------------------------------------------------------------------
    @route("POST", re.escape(SERVICE))
    def soap(self, request: Request, match: re.Match[str]) -> Response:
        action = (request.headers.get("soapaction") or "").strip().strip('"')
        try:
            operation, params = read_call(request.body)
        except ValueError as exc:
            return _soap(xml.fault(f"Bad Request: {exc}"), 400)
        handler = self.operations.get(operation)
        if handler is None or action != ACTION_PREFIX + operation:
            message = (
                f"The message with Action '{action}' cannot be processed at the receiver, due "
                "to a ContractFilter mismatch at the EndpointDispatcher."
            )
            return _soap(xml.fault(message, "a:ActionNotSupported"), 500)
        name = params.get("Sitename", "")
        with self.world.lock:
            site = self.world.site(name)
            if site is None or not site.whitelisted:
                refusal = f"iBabsWCFService has no access to site {name}!"
                return _soap(xml.error(operation, refusal, CONTAINERS[operation]))
            try:
                return _soap(handler(site, params))
            except ValueError as exc:
                return _soap(xml.fault(f"The formatter threw an exception: {exc}"), 500)

    def meetings(self, site: IbSite, params: Params) -> bytes:
        start = datetime.fromisoformat(params.get("StartDate", ""))
        end = datetime.fromisoformat(params.get("EndDate", ""))
        found = sorted((m for m in site.meetings if start <= m.start <= end), key=lambda m: m.start)
        if params.get("MetaDataOnly", "false").lower() == "true":
            return xml.meetings(site, [_bare(m) for m in found], self.file_url, self.size)
        return xml.meetings(site, found, self.file_url, self.size)

    def user(self, site: IbSite, params: Params) -> bytes:
        user = site.user(params.get("UserId", ""))
        if user is None:
            return xml.error("GetUser", "No public profile for this user", None)
        return xml.profile(user)

    def entries(self, site: IbSite, params: Params) -> bytes:
        register = site.list_of(params.get("ListId", ""))
        if register is None:
            return xml.error("GetListsEntriesByFilterRequest", "List not found", "Entries")
        since = datetime.fromisoformat(params.get("SinceDate") or "0001-01-01T00:00:00")
        found = sorted(
            (
                e
                for e in site.entries.values()
                if e.register_id == register.id and e.changed_at >= since
            ),
            key=lambda e: (e.changed_at, e.id),
        )
        return xml.entries(register, found[: self.world.feed_cap])

    def entry(self, site: IbSite, params: Params) -> bytes:
        found = site.entry(params.get("EntryId", ""))
        if found is None or found.register_id.lower() != params.get("ListId", "").lower():
            return xml.error("GetListEntry", "List entry not found", "Values")
        return xml.entry(site, found, self.file_url, self.size)

    def votes(self, site: IbSite, params: Params) -> bytes:
        found = site.entry(params.get("EntryId", ""))
        if found is None:
            return xml.error("GetListEntryVotesByListEntryId", "List entry not found", None)
        return xml.votes(site, found)

    @route("GET", re.escape(SERVICE))
    def help_page(self, request: Request, match: re.Match[str]) -> Response:
        return html_response(
            "<!doctype html><title>Public Service (Vindplaats sandbox)</title><h1>Public "
            "Service</h1><p>iBabs SOAP 1.1 service with sample data. POST a SOAP envelope "
            f"with a SOAPAction header ({ACTION_PREFIX}&lt;Operation&gt;).</p>"
        )

    # -- files --------------------------------------------------------------------------------
    @route("GET", r"/publicdownload\.aspx")
    def download(self, request: Request, match: re.Match[str]) -> Response:
        name, ident = request.arg("site") or "", request.arg("id") or ""
        with self.world.lock:
            site = self.world.site(name)
            doc = self.world.document(name, ident) if site is not None else None
        if site is None or not site.whitelisted:
            return html_response("<h1>403 Forbidden</h1>", 403)
        if doc is None:
            return html_response("<h1>404 Not Found</h1><p>Document not found.</p>", 404)
        if doc.locked or doc.confidential:
            return html_response("<h1>403 Forbidden</h1><p>Dit document is niet openbaar.</p>", 403)
        disposition = f'attachment; filename="{quote(doc.file_name)}"'
        return Response(
            200, self.files.get(doc), "application/pdf", {"Content-Disposition": disposition}
        )


def _bare(meeting: Meeting[str]) -> Meeting[str]:
    """A meeting without agenda and documents (`MetaDataOnly=true`)."""
    return replace(meeting, items=[], documents=[])


PLUGIN = IbabsApi
