"""Reading the VNG ORI API: pure, tolerant functions from its answers to record fields.

Shapes from the official documents only (ORI API 2.0.0-beta.4, mini-ORI 1.0.0 and the
event-polling draft 0.0.1 in `../shared/standards/ori/`; no supplier serves the standard
publicly, so no real answer could be mirrored):

- a collection page is `{next, previous, results: [...]}` (`next` an absolute URL, absent or
  null on the last page); a record has `url` (itself in the API) and `id` (at most 40
  characters; a UUID in mini-ORI);
- references are `{url, id}` objects (`VerwijzingNaarResource`) or lists of URLs;
- 2.0 and mini-ORI name the same things differently (`aanvangVergadering` / `aanvang`,
  `agendapuntTitel` / `agendapuntnaam`, `georganiseerdDoorGremium` /
  `georganiseerddoorgremium`, `status` / `vergaderstatus`): each reader takes both;
- an event page is `{results: [StoredEvent], total, limit, offset}`; an event
  `{eventId, eventType: CREATE|UPDATE|DELETE, resourceType, timestamp, resourceUrl, data}`.

Nothing here makes requests or builds ids: `crawlers.ori` does that.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from normalize.cleaners import clean_text, clean_url, numeric_position
from normalize.dates import parse_datetime
from normalize.records import MeetingStatus, VoteChoice

Json = dict[str, Any]
STATUS = {
    "gepland": MeetingStatus.CONFIRMED,
    "gehouden": MeetingStatus.CONFIRMED,
    "geannuleerd": MeetingStatus.CANCELLED,
}
CHOICES = {c.value: c for c in VoteChoice}
MOTION_TYPES = frozenset({"motie", "amendement"})


def first(record: Mapping[str, Any], *keys: str) -> Any:
    """The first of `keys` the record has a value for (2.0 and mini-ORI names), else None."""
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def results(data: Any) -> list[Json] | None:
    """The records of a page (only objects); None when the answer is no page."""
    if not isinstance(data, Mapping) or not isinstance(data.get("results"), list):
        return None
    return [r for r in data["results"] if isinstance(r, dict)]


def next_link(data: Any) -> str | None:
    value = data.get("next") if isinstance(data, Mapping) else None
    return clean_text(value) if isinstance(value, str) else None


def same_api(url: str, base: str) -> bool:
    """Whether `url` is an absolute http(s) URL on the host (and port) of the API base."""
    link, home = urlsplit(url), urlsplit(base)
    return link.scheme in ("http", "https") and link.netloc == home.netloc


def ident(record: Any) -> str | None:
    """A record's own id (or the id of a `{url, id}` reference, or the last part of a URL)."""
    if isinstance(record, Mapping):
        value = clean_text(record.get("id"))
        if value:
            return value
        record = record.get("url")
    if isinstance(record, str) and record.strip():
        return urlsplit(record.strip()).path.rstrip("/").rsplit("/", 1)[-1] or None
    return None


def ref_ids(values: Any) -> list[str]:
    """The ids of a list of references (objects or URLs), each once, in order."""
    if not isinstance(values, list):
        return []
    return list(dict.fromkeys(i for i in (ident(v) for v in values) if i))


def moment(value: Any) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) else None


def gremium(record: Mapping[str, Any]) -> tuple[str, str] | None:
    """(identificatie, naam) of the body that organised a vergadering."""
    body = first(record, "georganiseerdDoorGremium", "georganiseerddoorgremium")
    if not isinstance(body, Mapping):
        return None
    native = clean_text(body.get("gremiumidentificatie"))
    name = clean_text(body.get("gremiumnaam"))
    return (native, name or native) if native else None


def is_council(record: Mapping[str, Any], body_name: str) -> bool:
    kind = clean_text(record.get("vergaderingstype")) or ""
    return kind in ("raadsvergadering", "statenvergadering") or body_name.lower() in (
        "gemeenteraad",
        "raad",
        "de raad",
    )


def meeting_fields(v: Mapping[str, Any]) -> Json:
    start = moment(first(v, "aanvangVergadering", "aanvang", "geplandeAanvangVergadering"))
    start = start or moment(first(v, "geplandeaanvang", "vergaderdatum", "geplandeVergaderdatum"))
    end = moment(first(v, "eindeVergadering", "einde", "geplandeEindeVergadering", "geplandeeinde"))
    status = clean_text(first(v, "status", "vergaderstatus")) or ""
    body = gremium(v)
    return {
        "name": clean_text(v.get("naam")) or (body[1] if body else None) or "Vergadering",
        "start": start,
        "end": end if end is None or start is None or end >= start else None,
        "location": clean_text(v.get("locatie")),
        "status": STATUS.get(status, MeetingStatus.UNKNOWN),
        "description": clean_text(v.get("vergadertoelichting")),
        "last_modified": moment(v.get("wijzigingsdatum")),
    }


def meeting_of(a: Mapping[str, Any]) -> str | None:
    """The vergadering an agendapunt belongs to (2.0 `vergadering`, mini-ORI `vergaderingen`)."""
    found = ident(a.get("vergadering")) if a.get("vergadering") else None
    return found or next(iter(ref_ids(a.get("vergaderingen"))), None)


def item_fields(a: Mapping[str, Any]) -> Json:
    raw = clean_text(first(a, "agendapuntvolgnummer", "volgnummer", "geplandAgendapuntvolgnummer"))
    title = clean_text(first(a, "agendapuntTitel", "agendapuntnaam"))
    description = clean_text(first(a, "agendapuntOmschrijving", "omschrijving"))
    name = title or (description or "")[:200] or f"Agendapunt {raw or ''}".strip()
    return {
        "name": name,
        "description": description if description and description != name else None,
        "raw_position": raw,
        "position": numeric_position(raw) if raw else None,
        "is_heading": bool(a.get("tussenkop")) and not title,
    }


def children(a: Mapping[str, Any]) -> list[str]:
    return ref_ids(a.get("subagendapunten"))


def document_location(io: Mapping[str, Any]) -> tuple[str | None, str]:
    """Where a document's content is: (`link`, "file"); else the record itself when the text is
    inline (`inhoud`), (url, "inline"); else its web page, (`webpaginalink`, "page")."""
    link = clean_url(clean_text(io.get("link")) or "")
    if link:
        return link, "file"
    if clean_text(io.get("inhoud")):
        return clean_url(clean_text(io.get("url")) or ""), "inline"
    return clean_url(clean_text(io.get("webpaginalink")) or ""), "page"


def document_fields(io: Mapping[str, Any]) -> Json:
    title = clean_text(first(io, "titel", "omschrijving")) or "Document"
    inline = clean_text(io.get("inhoud"))
    description = clean_text(io.get("omschrijving"))
    return {
        "title": title[:500],
        "document_type": clean_text(io.get("informatieobjecttype")),
        "content_type": clean_text(first(io, "formaat", "mimetype")),
        "description": inline[:10_000] if inline else description,
        "date": moment(first(io, "creatiedatum", "datumIngediend", "datumingediend")),
        "version": clean_text(first(io, "versie")),
    }


def document_meetings(io: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The vergaderingen and agendapunten an informatieobject names (ids)."""
    return ref_ids(io.get("vergaderingen")), ref_ids(io.get("agendapunten"))


def person_name(p: Mapping[str, Any]) -> str | None:
    name = p.get("naamNatuurlijkPersoon")
    if not isinstance(name, Mapping):
        return clean_text(p.get("naam"))
    full = clean_text(name.get("volledigeNaam"))
    if full:
        return full
    parts = (name.get(k) for k in ("voorletters", "voornamen", "tussenvoegsel", "achternaam"))
    return clean_text(" ".join(clean_text(x) or "" for x in parts)) or None


def choice(value: Any) -> VoteChoice | None:
    return CHOICES.get(clean_text(value) or "")
