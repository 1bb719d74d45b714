"""What the registration pages show, in Dutch: supplier names, states, the form's fields with
their hints, and a verification turned into lines a person reads. No routes here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vindplaats.operations.registration import needs_note
from vindplaats.operations.registration_fields import FORM_FIELDS, LABELS, shown_config
from vindplaats.store.sql_registrations import Registration

SUPPLIER_NAMES = {
    "notubiz": "NotuBiz",
    "ibabs": "iBabs",
    "gemeenteoplossingen": "GemeenteOplossingen",
    "parlaeus": "Parlaeus",
    "diwoo": "Woo-publicaties (DiWoo-sitemaps)",
    "ori": "ORI-API (VNG-standaard)",
}
STATUS_NAMES = {
    "draft": "Concept: nog niet gecontroleerd",
    "verifying": "Wordt gecontroleerd",
    "verified": "Gecontroleerd: klaar om in te dienen",
    "submitted": "Ingediend: wacht op goedkeuring",
    "approved": "Goedgekeurd: de bron wordt geoogst",
    "rejected": "Afgewezen",
}
HINTS = {
    "notubiz_organisation_id": "Alleen bij NotuBiz: het organisatienummer, bijv. 9001.",
    "ibabs_sitename": "Alleen bij iBabs: de sitenaam uit het adres van uw iBabs-portaal.",
    "municipality_prefix": "Alleen bij Parlaeus: het deel vóór .parlaeus.nl.",
    "api_token": "Alleen bij Parlaeus: het token (rid) dat Parlaeus u gaf. Het wordt nooit "
    "getoond; laat het leeg om het opgeslagen token te houden.",
    "base_url": "Verplicht bij GemeenteOplossingen, Woo-publicaties en een ORI-API; anders "
    "alleen als uw leverancier een eigen adres gebruikt.",
    "include_pattern": "Optioneel: alleen vergaderingen waarvan de naam hierop past "
    "(reguliere expressie).",
    "exclude_pattern": "Optioneel: vergaderingen waarvan de naam hierop past overslaan.",
}
STOPPED = {
    "request_cap": "De controle stopte bij het maximum aantal verzoeken; wat volgt is een deel.",
    "time_cap": "De controle stopte na de maximale duur; wat volgt is een deel.",
}
RECORD_NAMES = {
    "meeting": "vergaderingen",
    "agenda_item": "agendapunten",
    "document": "documenten",
    "register_entry": "registeritems",
    "motion": "moties",
    "committee": "commissies",
    "person": "personen",
}


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    hint: str
    value: str
    error: str
    secret: bool


def form_fields(values: dict[str, Any], errors: dict[str, str]) -> list[FormField]:
    """Every field but the supplier, with its value (never a token) and its error."""
    return [
        FormField(
            name=name,
            label=LABELS[name],
            hint=HINTS[name],
            value="" if name == "api_token" else str(values.get(name) or ""),
            error=errors.get(name, ""),
            secret=name == "api_token",
        )
        for name in FORM_FIELDS
        if name != "supplier"
    ]


def form_values(found: Registration) -> dict[str, Any]:
    return shown_config(found)


def suppliers() -> list[tuple[str, str]]:
    return list(SUPPLIER_NAMES.items())


def verification_view(found: Registration) -> dict[str, Any] | None:
    """The verification as the page shows it; None before there is one."""
    seen = found.verification
    if not seen:
        return None
    records = seen.get("records") or {}
    return {
        "fatal": bool(seen.get("fatal")),
        "fatal_error": seen.get("fatal_error") or "",
        "stopped": STOPPED.get(str(seen.get("stopped")), ""),
        "window": seen.get("window") or {},
        "requests": seen.get("requests", 0),
        "seconds": seen.get("seconds", 0),
        "counts": [(name, records[k]) for k, name in RECORD_NAMES.items() if records.get(k)],
        "meetings": seen.get("meetings") or [],
        "documents": seen.get("documents") or [],
        "errors": seen.get("errors") or [],
        "note": seen.get("note") or "",
        "needs_note": needs_note(seen),
    }
