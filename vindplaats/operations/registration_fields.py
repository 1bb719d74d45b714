"""The fields of a source registration: what an editor gives per supplier, checked and turned
into a `Source` (`build_registered_source`), and shown back with the token masked.

An editor gives the supplier and the ids it needs (`SUPPLIER_FIELDS`), optionally a base URL and
include/exclude patterns (regular expressions). The rest (name, organisation type, TOOI URI)
comes from the organisation. The result is validated with the `Source` model and the supplier's
needs; `RegistrationInvalid.fields` names each bad field in Dutch. The source key is derived:
`<organisation>-<supplier>`, with `-2`, `-3`, ... when a registered source or another
registration holds it already. A token (Parlaeus) is kept as the `Source` keeps it; an edit that
leaves it empty keeps the stored one; it is never shown (`shown_config`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from normalize.records import Supplier
from vindplaats.accounts.organisations import ensure_organisation
from vindplaats.errors import SourceError, UnsafeURLError, VindplaatsError
from vindplaats.net.guard import check_url
from vindplaats.sources import MASK, Source
from vindplaats.store.base import Store
from vindplaats.store.sql_registrations import Registration
from vindplaats.suppliers import SUPPLIERS

# the fields an editor fills in per supplier (besides base_url and the patterns)
SUPPLIER_FIELDS: dict[str, tuple[str, ...]] = {
    Supplier.NOTUBIZ.value: ("notubiz_organisation_id",),
    Supplier.IBABS.value: ("ibabs_sitename",),
    Supplier.GEMEENTEOPLOSSINGEN.value: (),
    Supplier.PARLAEUS.value: ("municipality_prefix", "api_token"),
    Supplier.DIWOO.value: (),
    Supplier.ORI.value: (),
}
FORM_FIELDS = (
    "supplier",
    "notubiz_organisation_id",
    "ibabs_sitename",
    "municipality_prefix",
    "api_token",
    "base_url",
    "include_pattern",
    "exclude_pattern",
)
LABELS = {
    "supplier": "Leverancier",
    "notubiz_organisation_id": "NotuBiz-organisatienummer",
    "ibabs_sitename": "iBabs-sitenaam",
    "municipality_prefix": "Parlaeus-voorvoegsel",
    "api_token": "Parlaeus-token",
    "base_url": "Basis-URL",
    "include_pattern": "Alleen overnemen (patroon)",
    "exclude_pattern": "Overslaan (patroon)",
}
MAX_FIELD = 500


class RegistrationInvalid(VindplaatsError):
    """The fields of a registration do not make a usable source: `fields` maps each bad field
    to a Dutch message."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("; ".join(f"{LABELS.get(k, k)}: {v}" for k, v in fields.items()))
        self.fields = fields


def shown_config(found: Registration) -> dict[str, Any]:
    """The registration's source fields for people to see: the token masked."""
    shown = {name: found.config.get(name) for name in FORM_FIELDS}
    shown["api_token"] = MASK if found.config.get("api_token") else None
    return shown


def registered_source(found: Registration) -> Source:
    return Source.model_validate(found.config)


# -- building the source ---------------------------------------------------------------------
def build_registered_source(
    store: Store,
    organisation_key: str,
    fields: Mapping[str, Any],
    *,
    allow_private: bool,
    current: Registration | None = None,
) -> Source:
    """The Source the fields describe; RegistrationInvalid naming every bad field."""
    given = _cleaned(fields)
    problems = _field_problems(given)
    if problems:
        raise RegistrationInvalid(problems)
    if _keeps_token(current, given):
        given["api_token"] = current.config["api_token"]  # type: ignore[union-attr]
    organisation = ensure_organisation(store, organisation_key)
    key = _source_key(store, organisation_key, given["supplier"], current)
    wanted = set(SUPPLIER_FIELDS[given["supplier"]]) | {
        "base_url",
        "include_pattern",
        "exclude_pattern",
    }
    try:
        source = Source(
            key=key,
            name=organisation.name,
            organisation_type=organisation.organisation_type,  # type: ignore[arg-type]
            tooi_uri=organisation.tooi_uri,
            supplier=given["supplier"],
            **{name: value for name, value in given.items() if name in wanted and value},
        )
    except ValidationError as exc:
        raise RegistrationInvalid(_dutch(exc)) from None
    _check_usable(source, allow_private)
    return source


def _keeps_token(current: Registration | None, given: dict[str, Any]) -> bool:
    """An edit that leaves the token empty keeps the stored one (same supplier)."""
    return (
        current is not None
        and not given.get("api_token")
        and bool(current.config.get("api_token"))
        and current.config.get("supplier") == given["supplier"]
    )


def _cleaned(fields: Mapping[str, Any]) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            value = value.strip()
        given[name] = value if value not in ("", None) else None
    return given


def _field_problems(given: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name, value in given.items():
        if value is not None and not isinstance(value, str):
            problems[name] = "geef tekst"
        elif value is not None and len(value) > MAX_FIELD:
            problems[name] = f"te lang (hoogstens {MAX_FIELD} tekens)"
    supplier = given.get("supplier")
    if supplier not in SUPPLIER_FIELDS:
        problems["supplier"] = "kies een leverancier: " + ", ".join(SUPPLIER_FIELDS)
        return problems
    for name in SUPPLIER_FIELDS[supplier]:
        if not given.get(name) and name not in problems and name != "api_token":
            problems[name] = "verplicht voor deze leverancier"
    for name in ("include_pattern", "exclude_pattern"):
        pattern = given.get(name)
        if isinstance(pattern, str) and name not in problems:
            try:
                re.compile(pattern)
            except re.error as exc:
                problems[name] = f"geen geldig patroon ({exc})"
    return problems


def _dutch(exc: ValidationError) -> dict[str, str]:
    problems: dict[str, str] = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "supplier"
        message = str(error["msg"]).removeprefix("Value error, ")
        if name == "base_url":
            message = "geef een http(s)-adres zonder gebruikersnaam of wachtwoord"
        elif name == "municipality_prefix" or "municipality_prefix" in message:
            name, message = "municipality_prefix", "alleen letters, cijfers en '-'"
        problems.setdefault(name, message)
    return problems


def _check_usable(source: Source, allow_private: bool) -> None:
    facts = SUPPLIERS[source.supplier]
    if facts.needs_base_url and not source.base_url:
        raise RegistrationInvalid({"base_url": "verplicht voor deze leverancier"})
    if source.supplier == Supplier.PARLAEUS and source.api_token is None:
        raise RegistrationInvalid({"api_token": "verplicht voor Parlaeus"})
    try:
        source.check_harvestable()
    except SourceError as exc:
        raise RegistrationInvalid({"supplier": source.redact(str(exc))}) from None
    if source.base_url is not None:
        try:
            check_url(source.base_url, allow_private=allow_private)
        except UnsafeURLError:
            raise RegistrationInvalid(
                {"base_url": "dit adres mag Vindplaats niet bezoeken (intern of geblokkeerd)"}
            ) from None


def _source_key(
    store: Store, organisation_key: str, supplier: str, current: Registration | None
) -> str:
    base = f"{organisation_key}-{supplier}"
    if current is not None and current.source_key in (
        base,
        *(f"{base}-{n}" for n in range(2, 100)),
    ):
        return current.source_key
    taken = store.registration_source_keys() | {s.key for s in store.list_sources()}
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key
