"""The query filters of ORI API 2.0.0-beta.4, per collection, as the official document names
and types them.

Every parameter the document lists for a collection's GET is checked against its schema (the
document's own, with jsonschema-rs; an integer or boolean parameter must be written as one); a
value that does not fit is a `BadParam` (the API answers 400 with `invalidParams`). A valid
value filters the collection on the field it names (`FILTERS`):

- `exact`: the field equals the value (a `gemeentecode` may be given as `GM0363` or `0363`);
- `text`: the field contains the value, ignoring case;
- `prefix`: a reference's id begins with the value (the document caps the
  `...Identificatie` parameters at ten characters, shorter than an id);
- `ref`: a reference's id or URL is the value;
- `since`: the resource changed at or after the moment (`gewijzigdSinds`).

A parameter naming something our records never hold (`auteur`, `taal`, `rolnaam`, ...) is
checked all the same and matches nothing. Parameters the document does not list are ignored,
except `page` (the paging, `v2_routes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from vindplaats.ori.json_schema import validator
from vindplaats.ori.ori2_corpus import Entry

Match = Callable[[Entry, Any], bool]


class BadParam(ValueError):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def _values(body: Any, path: str) -> list[Any]:
    """The values at `path` (`a.b`, `a[].b`: every item of the list `a`)."""
    found = [body]
    for part in path.split("."):
        many = part.endswith("[]")
        name = part.removesuffix("[]")
        step: list[Any] = []
        for node in found:
            value = node.get(name) if isinstance(node, dict) else None
            if many and isinstance(value, list):
                step += value
            elif value is not None and not many:
                step.append(value)
        found = step
    return found


def _code(text: str) -> str:
    return re.sub(r"^(GM|WS)", "", text.strip(), flags=re.IGNORECASE)


def exact(path: str) -> Match:
    return lambda entry, value: any(str(v) == str(value) for v in _values(entry.body, path))


def code(path: str) -> Match:
    return lambda entry, value: any(
        _code(str(v)) == _code(value) for v in _values(entry.body, path)
    )


def text(path: str) -> Match:
    return lambda entry, value: any(
        str(value).casefold() in str(v).casefold() for v in _values(entry.body, path)
    )


def prefix(path: str) -> Match:
    return lambda entry, value: any(str(v).startswith(value) for v in _values(entry.body, path))


def ref(path: str) -> Match:
    return lambda entry, value: any(
        value in (r.get("id"), r.get("url")) if isinstance(r, dict) else value == r
        for r in _values(entry.body, path)
    )


def since(entry: Entry, value: Any) -> bool:
    return isinstance(value, datetime) and entry.changed >= value


_RFC3339 = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|([+-])(\d\d):(\d\d))",
    re.IGNORECASE,
)


def moment(name: str, raw: str) -> datetime:
    """An RFC 3339 date-time (checked by the schema already) as a datetime; year 0 counts as
    year 1 and a leap second as the second before it (Python knows neither)."""
    found = _RFC3339.fullmatch(raw.strip())
    if found is None:
        raise BadParam(name, "geen datum-tijd volgens RFC 3339")
    year, month, day, hour, minute, second = (int(found.group(i)) for i in range(1, 7))
    fraction = int((found.group(7) or "0")[:6].ljust(6, "0"))
    offset = timedelta(0)
    if found.group(9):
        sign = -1 if found.group(9) == "-" else 1
        offset = sign * timedelta(hours=int(found.group(10)), minutes=int(found.group(11)))
    try:
        local = datetime(max(year, 1), month, day, hour, minute, min(second, 59), fraction, UTC)
    except ValueError:
        raise BadParam(name, "geen bestaande datum-tijd") from None
    try:
        return local - offset
    except OverflowError:  # within a day of year 1 or year 9999
        return datetime.min.replace(tzinfo=UTC) if year < 5000 else datetime.max.replace(tzinfo=UTC)


_PLACE = {"gemeentecode": code("gemeente.gemeentecode"), "provincie": exact("provincie")}
_PLACE["waterschapcode"] = code("waterschap.waterschapcode")
FILTERS: dict[str, dict[str, Match]] = {
    "aanwezigedeelnemers": {
        "rolnaam": exact("rolnaam"),
        "vertegenwoordigdOrganisatie": text("organisatie"),
    },
    "agendapunten": {
        **_PLACE,
        "agendapuntOmschrijving": text("agendapuntOmschrijving"),
        "bovenliggendAgendapuntIdentificatie": prefix("hoofdagendapunt.id"),
        "gewijzigdSinds": since,
        "vergaderingsIdentificatie": prefix("vergadering.id"),
    },
    "besluiten": {"besluittoelichting": text("besluittoelichting")},
    "dagelijksbestuurlidmaatschappen": {
        "dagelijksBestuur": ref("dagelijksBestuur"),
        "natuurlijkPersoon": ref("natuurlijkPersoon"),
        "datumBeginDagelijksBestuurLidmaatschap": exact("datumBeginDagelijksBestuurLidmaatschap"),
        "datumEindeDagelijksBestuurLidmaatschap": exact("datumeindeDagelijksBestuurLidmaatschap"),
    },
    "dagelijksebesturen": {
        **_PLACE,
        "dagelijksBestuurnaam": text("dagelijksBestuursnaam"),
        "dagelijksBestuurtype": exact("dagelijksBestuurstype"),
    },
    "fractielidmaatschappen": {
        "fractie": ref("fractie"),
        "fractielid": ref("natuurlijkPersoon"),
    },
    "fracties": {
        "fractienaam": text("fractienaam"),
        "gemeente": code("gemeente.gemeentecode"),
        "provincie": exact("provincie"),
        "waterschapcode": code("waterschap.waterschapcode"),
    },
    "indieners": {
        "naam": text("naam"),
        "informatieobject": ref("informatieobject"),
        "natuurlijkPersoon": ref("natuurlijkPersoon"),
        "organisatorischeEenheid": ref("organisatorischeEenheid"),
    },
    "informatieobjecten": {
        **_PLACE,
        "agendapuntIdentificatie": prefix("agendapunten[].id"),
        "auteur": text("auteur"),
        "bronOrganisatie": exact("bronorganisatie"),
        "creatiedatum": exact("creatiedatum"),
        "datumIngediend": exact("datumIngediend"),
        "omschrijving": text("omschrijving"),
        "taal": exact("taal"),
        "titel": text("titel"),
        "vergaderingsIdentificatie": prefix("vergaderingen[].id"),
        "versie": exact("versie"),
    },
    "mediabronnen": {
        "locatieWebvttbestand": exact("locatieWebvttbestand"),
        "mimetype": exact("mimetype"),
        "type": exact("mediabrontype"),
        "url": exact("link"),
    },
    "natuurlijkpersonen": {
        "functie": exact("functie"),
        "geslachtsaanduiding": exact("geslachtsaanduiding"),
        "achternaam": text("naamNatuurlijkPersoon.achternaam"),
        "nevenfunctie_omschrijving": text(
            "nevenfunctieNatuurlijkePersoon[].omschrijvingNevenfuctie"
        ),
        "nevenfunctie_indicatorBezoldigd": exact(
            "nevenfunctieNatuurlijkePersoon[].indicatorBezoldigd"
        ),
        "nevenfunctie_naamOrganisatie": text(
            "nevenfunctieNatuurlijkePersoon[].naamOrganisatieNevenfunctie"
        ),
    },
    "organisatorische_eenheden": {"naam": text("naam")},
    "spreekfragmenten": {
        name: exact(name)
        for name in (
            "aanvangSpreekfragment",
            "audioTijdsaanduidingAanvang",
            "positieNotulen",
            "taal",
            "tekstSpreekfragment",
            "titelSpreekfragment",
            "videoTijdsaanduidingAanvang",
        )
    },
    "stemmen": {"aanwezigeDeelnemer": ref("aanwezigeDeelnemer"), "stemming": ref("stemming")},
    "stemmingen": {"stemmingstype": exact("stemmingstype")},
    "stemresultatenperfractie": {"fractie": ref("fractie"), "Stemming": ref("stemming")},
    "vergaderingen": {
        **_PLACE,
        "gewijzigdSinds": since,
        "naam": text("naam"),
        "status": exact("status"),
        "vergaderdatum": exact("vergaderdatum"),
        "vergaderingstype": exact("vergaderingstype"),
    },
}


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # the schema's type: string, integer, boolean
    format: str | None  # date-time, date, uri, ...
    check: Any  # a jsonschema-rs validator


def params_of(document: dict[str, Any], collection: str) -> list[Param]:
    """The query parameters the document lists for GET `/<collection>`."""
    operation = document["paths"][f"/{collection}"]["get"]
    found = []
    for param in operation.get("parameters", []):
        if param.get("in") != "query":
            continue
        schema = param.get("schema", {})
        kind = schema.get("type", "string")
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            kind = document["components"]["schemas"][name].get("type", "string")
        check = validator(document, schema)
        found.append(Param(param["name"], kind, schema.get("format"), check))
    return found


def parsed(param: Param, raw: str) -> Any:
    """The value of a parameter as its schema types it; BadParam when it is not one."""
    if param.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise BadParam(param.name, "geen geheel getal")
        value: Any = int(raw)
    elif param.kind == "boolean":
        if raw not in ("true", "false"):
            raise BadParam(param.name, "geen boolean (true of false)")
        value = raw == "true"
    else:
        value = raw
    errors = [error.message for error in param.check.iter_errors(value)]
    if errors:
        raise BadParam(param.name, errors[0])
    return moment(param.name, raw) if param.format == "date-time" else value


def select(
    entries: list[Entry], params: list[Param], collection: str, query: list[tuple[str, str]]
) -> list[Entry]:
    """The entries that every given filter admits; BadParam for the first invalid value."""
    table = FILTERS.get(collection, {})
    chosen: list[tuple[Match, Any]] = []
    for param in params:
        for name, raw in query:
            if name == param.name:
                chosen.append((table.get(param.name, exact(param.name)), parsed(param, raw)))
    return [e for e in entries if all(match(e, value) for match, value in chosen)]
