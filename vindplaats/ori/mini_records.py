"""Vindplaats' records in the shape of mini-ORI 1.0.0 (`vergaderingen`, `agendapunten`,
`informatieobjecten`), as plain JSON dicts; no I/O (the caller looks up what a record refers to).

Every record is known by its ORI UUID (`vindplaats.ori.ids.ori_uuid`) and its own absolute URL
under the API's base (`<base>/<collection>/<uuid>`); `pid` (which the standard requires of an
informatieobject without defining it, and the event-polling draft of every record: "Persistent
Identifier, URL-referentie naar dit object") is that same URL. A reference to another record is
`{"id": <uuid>, "url": <its URL>}` (`VerwijzingNaarResource`), a list of child records a list of
URLs, as the document says per field. Both documents describe the same three collections, with a
few different field names: a record carries both (an agendapunt has mini-ORI's `vergaderingen`
and the draft's `vergadering`; a vergadering the draft's `agendapunten`), which each allows as an
extra property. An informatieobject also has ORI 2.0's `link` (the file, when we hold it).

Fields from our model:

- vergadering: `naam`, the planned start and end (`geplandeaanvang`, `geplandeeinde`; our
  suppliers publish the schedule, not when a meeting really began), `geplandedatum` and
  `vergaderdatum` (the Dutch day of the start), `locatie`, `vergaderstatus` (Dutch words),
  `vergadertoelichting`, `georganiseerddoorgremium` (the committee);
- agendapunt: `agendapuntnaam`, `omschrijving`, `volgnummer` (as the supplier shows it: "3a"),
  `hoofdagendapunt`, `subagendapunten`, `tussenkop` (a heading's own name);
- informatieobject: `titel`, `webpaginalink` (the original at the supplier), the Woo category as
  its TOOI code (`c_db4862c3`), `datumingediend` (the document's own day, else its meeting's, its
  publication or modification day, else the day we first stored it), `formaat`,
  `informatieobjecttype` (the supplier's document type, else ours), `omschrijving`,
  `vergaderingen` and `agendapunten` it belongs to.

`organisatie` is the TOOI code of the organisation with its name: `{"gemeente": "gm0363",
"naam": ...}`, `provincie` (`pv27`) or `waterschap` (`ws0654`); `organisatie_of(uri, name)` reads
it from a TOOI URI and is None for a URI the TOOI lists do not hold and for any other kind of
organisation (mini-ORI knows only these).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from normalize.dates import dutch_day
from normalize.record_enums import MeetingStatus
from normalize.records import AgendaItem, Committee, Document, Meeting
from normalize.tooi import value_by_uri
from normalize.woo_categories import CATEGORIES
from vindplaats.ori.ids import ori_uuid

Collection = Literal["vergaderingen", "agendapunten", "informatieobjecten"]
COLLECTIONS: dict[str, Collection] = {
    "meeting": "vergaderingen",
    "agenda_item": "agendapunten",
    "document": "informatieobjecten",
}
RECORD_TYPES: dict[Collection, str] = {value: key for key, value in COLLECTIONS.items()}
ORGANISATION_KINDS = ("gemeente", "provincie", "waterschap")
TOOI_ID = "https://identifier.overheid.nl/tooi/id/"
STATUS_WORDS = {
    MeetingStatus.CONFIRMED: "bevestigd",
    MeetingStatus.TENTATIVE: "onder voorbehoud",
    MeetingStatus.CANCELLED: "geannuleerd",
}
# characters a URI may hold as they are; anything else (spaces, accents) is percent-encoded
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


@dataclass(frozen=True)
class Links:
    """The absolute base of the API (`https://host/ori/mini/v1`), without a final slash."""

    base: str

    def url(self, record_id: str) -> str:
        collection = COLLECTIONS[record_id.split(":", 1)[0]]
        return f"{self.base}/{collection}/{ori_uuid(record_id)}"

    def ref(self, record_id: str) -> dict[str, str]:
        return {"id": ori_uuid(record_id), "url": self.url(record_id)}


@dataclass(frozen=True)
class FileInfo:
    """The file of a document as we serve it: its absolute URL and media type."""

    url: str
    media_type: str | None


def organisatie_of(tooi_uri: str | None, name: str) -> dict[str, str] | None:
    """`{"gemeente": "gm0363", "naam": name}` (or provincie, waterschap) from a TOOI URI that
    the TOOI lists hold (`normalize.tooi`); None for any other URI."""
    if not tooi_uri or not tooi_uri.startswith(TOOI_ID):
        return None
    kind, _, code = tooi_uri.removeprefix(TOOI_ID).partition("/")
    if kind not in ORGANISATION_KINDS or not code or "/" in code:
        return None
    if value_by_uri("organisaties", tooi_uri) is None:
        return None
    return {kind: code.lower(), "naam": name}


def organisation_code(organisatie: dict[str, str]) -> str:
    """The TOOI code of an `organisatie` value (`gm0363`)."""
    return next(organisatie[kind] for kind in ORGANISATION_KINDS if kind in organisatie)


def woo_code(document: Document) -> str:
    """The TOOI code of the document's Woo information category (`c_db4862c3`)."""
    return CATEGORIES[document.woo_category].tooi_uri.rsplit("/", 1)[-1]


def as_uri(url: str) -> str | None:
    """An absolute http(s) URL written as a valid URI (unsafe characters percent-encoded)."""
    text = quote(url.strip(), safe=_URI_SAFE)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return text


def _instant(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _day(value: datetime | None) -> str | None:
    return dutch_day(value).isoformat() if value is not None else None


def _compact(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value (the documents have no nullable text fields)."""
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def _own(links: Links, record_id: str, organisatie: dict[str, str]) -> dict[str, Any]:
    url = links.url(record_id)
    return {"id": ori_uuid(record_id), "url": url, "pid": url, "organisatie": organisatie}


def vergadering(
    meeting: Meeting,
    links: Links,
    organisatie: dict[str, str],
    *,
    committee: Committee | None = None,
    agenda_ids: Sequence[str] = (),
) -> dict[str, Any]:
    """A meeting as a mini-ORI `Vergadering`; `agenda_ids`: its served agenda items, in order."""
    gremium = (
        {"gremiumidentificatie": ori_uuid(committee.id), "gremiumnaam": committee.name}
        if committee is not None
        else None
    )
    return _own(links, meeting.id, organisatie) | _compact(
        {
            "dossiertype": "vergadering",
            "naam": meeting.name,
            "geplandeaanvang": _instant(meeting.start),
            "geplandeeinde": _instant(meeting.end),
            "geplandedatum": _day(meeting.start),
            "vergaderdatum": _day(meeting.start),
            "locatie": meeting.location,
            "vergaderstatus": STATUS_WORDS.get(meeting.status),
            "vergadertoelichting": meeting.description,
            "georganiseerddoorgremium": gremium,
            "agendapunten": [links.url(item_id) for item_id in agenda_ids],
        }
    )


def agendapunt(
    item: AgendaItem,
    links: Links,
    organisatie: dict[str, str],
    *,
    parent_id: str | None = None,
    child_ids: Sequence[str] = (),
) -> dict[str, Any]:
    """An agenda item as a mini-ORI `Agendapunt`; `parent_id` and `child_ids`: served ones."""
    meeting = links.ref(item.meeting_id)
    return _own(links, item.id, organisatie) | _compact(
        {
            "dossiertype": "agendapunt",
            "agendapuntnaam": item.name,
            "vergaderingen": [meeting],
            "vergadering": meeting,
            "omschrijving": item.description,
            "volgnummer": item.raw_position,
            "tussenkop": item.name if item.is_heading else None,
            "hoofdagendapunt": links.ref(parent_id) if parent_id else None,
            "subagendapunten": [links.url(child) for child in child_ids],
        }
    )


def submitted_day(document: Document, first_stored: datetime | date | None) -> str:
    """`datumingediend`: the document's own day, else the day it was first stored."""
    day = document.sort_date
    if day is None and isinstance(first_stored, datetime):
        day = dutch_day(first_stored)
    elif day is None and isinstance(first_stored, date):
        day = first_stored
    return (day or date(1970, 1, 1)).isoformat()


def informatieobject(
    document: Document,
    links: Links,
    organisatie: dict[str, str],
    *,
    submitted: str,
    meeting_ids: Sequence[str] = (),
    agenda_ids: Sequence[str] = (),
    file: FileInfo | None = None,
) -> dict[str, Any]:
    """A document as a mini-ORI `InformatieObject`; `meeting_ids` and `agenda_ids`: the served
    records it belongs to; `file`: the file we serve (ORI 2.0's `link`), None when we hold none."""
    media_type = (file.media_type if file else None) or document.content_type
    return _own(links, document.id, organisatie) | _compact(
        {
            "webpaginalink": as_uri(document.original_url) or links.url(document.id),
            "titel": document.title,
            "wooinformatiecategorie": woo_code(document),
            "datumingediend": submitted,
            "formaat": media_type,
            "informatieobjecttype": document.document_type_label or document.document_type.value,
            "omschrijving": document.description,
            "vergaderingen": [links.ref(meeting_id) for meeting_id in meeting_ids],
            "agendapunten": [links.ref(item_id) for item_id in agenda_ids],
            "link": file.url if file else None,
        }
    )


__all__ = [
    "COLLECTIONS",
    "RECORD_TYPES",
    "Collection",
    "FileInfo",
    "Links",
    "agendapunt",
    "as_uri",
    "informatieobject",
    "organisatie_of",
    "organisation_code",
    "submitted_day",
    "vergadering",
    "woo_code",
]
