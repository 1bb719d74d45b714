"""The Woo metadata of a record: the full DiWoo 0.9.8 document metadata (`diwoo:DiWoo`).

`WooMetadata` is what `Document.woo` holds for a Woo publication (council records have none).
It follows the DiWoo block element by element (our snake_case names; the DiWoo name in each
field's description): publisher, verantwoordelijke, medeverantwoordelijken, opsteller,
naamOpsteller, the titles, omschrijvingen, the classification (information categories, document
types, themes, trefwoorden), creatiedatum, geldigheid, language, format, identifiers
(kenmerken), documenthandelingen, aggregatiekenmerk, isPartOf / hasParts, documentrelaties,
redenVerwijderingVervanging and DiWoo's extraMetadata.

Coded values are `Coded`: the label as published AND the TOOI URI, checked against the value
list of its kind (`normalize.tooi`, generated from the official lists XSD) whenever a value is
built or read back from the store:

- a URI in its list is `known`, and `list` names the list that holds it (for organisations:
  `gemeenten`, `ministeries`, ...); a missing label is taken from the list;
- without a URI, a label that names one value of the list (`ontvangst`, `pdf`) gives its URI;
- an unknown code (a URI not in its list, an invented one like `.../kern/c_advies`, or a label
  the list lacks) is KEPT as published with `known=False`, and `list` names the list it should
  have been in. `unknown_codes()` lists them with where they are, so the spider can count them;
  they never make a record invalid.

DiWoo's mandatory parts (publisher, officieleTitel, one information category, one
documenthandeling with its time) are optional here, so metadata read from the wild with a part
missing is kept; `missing_mandatory()` names what a valid DiWoo block would still need (the
writer, `normalize.diwoo_writer`, refuses to write without it). The XML reader is
`normalize.diwoo_reader`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from normalize.tooi import (
    ORGANISATIES,
    AnyList,
    member_lists,
    value_by_uri,
    values_by_label,
)
from normalize.woo_categories import CATEGORIES, WooCategory


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Coded(_Frozen):
    """A coded DiWoo value (`<diwoo:x resource="URI">label</diwoo:x>`), checked against its list.

    `known` is derived whenever the value is built (a `known` given in the input is ignored)."""

    label: str = Field(default="", description="The text as published (else the list's label).")
    uri: str | None = Field(default=None, description="The TOOI (or EU authority) URI.")
    list: AnyList = Field(
        description="The TOOI list that holds the value; for an unknown code, the list it "
        "should have been in (`organisaties`: any organisation list)."
    )
    known: bool = Field(default=False, description="False: an unknown code, kept as published.")

    @model_validator(mode="before")
    @classmethod
    def _checked(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "list" not in data:
            return data
        out = dict(data)
        list_name = out["list"]
        try:
            member_lists(list_name)
        except KeyError as exc:
            raise ValueError(str(exc)) from None
        uri = (str(out.get("uri") or "")).strip() or None
        label = (str(out.get("label") or "")).strip()
        found = None
        if uri is not None:
            found = value_by_uri(list_name, uri)
        elif label:
            matches = values_by_label(list_name, label)
            found = matches[0] if matches else None
        out["uri"] = found.uri if found is not None else uri
        out["label"] = label or (found.label if found is not None else "")
        out["list"] = found.list if found is not None else list_name
        out["known"] = found is not None
        return out

    @classmethod
    def of(cls, list_name: AnyList, label: str = "", uri: str | None = None) -> Coded:
        """A value of `list_name` by its label and/or URI."""
        return cls(list=list_name, label=label, uri=uri)


def _list_default(list_name: AnyList) -> BeforeValidator:
    """Fill in the list of a value given without one (`{"label": "pdf"}` as a format)."""

    def default_list(value: Any) -> Any:
        if isinstance(value, dict) and "list" not in value:
            return {**value, "list": list_name}
        return value

    return BeforeValidator(default_list)


def _list_check(list_name: AnyList) -> AfterValidator:
    """Refuse a value of another list in a field of this kind (a language as a publisher)."""
    allowed = {*member_lists(list_name), list_name}

    def in_list(value: Coded) -> Coded:
        if value.list not in allowed:
            raise ValueError(f"a value of TOOI list {value.list!r} where {list_name!r} belongs")
        return value

    return AfterValidator(in_list)


Organisatie = Annotated[Coded, _list_default(ORGANISATIES), _list_check(ORGANISATIES)]
Informatiecategorie = Annotated[
    Coded, _list_default("informatiecategorieen"), _list_check("informatiecategorieen")
]
Documentsoort = Annotated[Coded, _list_default("documentsoorten"), _list_check("documentsoorten")]
Thema = Annotated[Coded, _list_default("themas"), _list_check("themas")]
Taal = Annotated[Coded, _list_default("talen"), _list_check("talen")]
Bestandsformaat = Annotated[
    Coded, _list_default("bestandsformaten"), _list_check("bestandsformaten")
]
SoortHandeling = Annotated[
    Coded, _list_default("documenthandelingen"), _list_check("documenthandelingen")
]
Relatierol = Annotated[Coded, _list_default("documentrelaties"), _list_check("documentrelaties")]
RedenVerwijdering = Annotated[
    Coded,
    _list_default("redenen_verwijdering_vervanging"),
    _list_check("redenen_verwijdering_vervanging"),
]


class DocumentRef(_Frozen):
    """A reference to another document (DiWoo `documentverwijzingType`: isPartOf, hasPart,
    relation): its label and the identifier or URL in `resource`."""

    label: str = ""
    resource: str | None = None


class Geldigheid(_Frozen):
    """When the document is in force (DiWoo `geldigheid`)."""

    begindatum: AwareDatetime | None = None
    einddatum: AwareDatetime | None = None


class Documenthandeling(_Frozen):
    """What was done to the document, when and by whom (DiWoo `documenthandeling`)."""

    soort_handeling: SoortHandeling = Field(description="DiWoo `soortHandeling`.")
    at_time: AwareDatetime | None = Field(default=None, description="DiWoo `atTime`.")
    was_associated_with: Organisatie | None = Field(
        default=None, description="DiWoo `wasAssociatedWith`."
    )


class Documentrelatie(_Frozen):
    """A typed relation to another document (DiWoo `documentrelatie`: role + relation)."""

    role: Relatierol
    relation: DocumentRef


class ExtraField(_Frozen):
    """One key with its values of DiWoo `extraMetadata`."""

    key: str
    values: list[str] = Field(default_factory=list)


class ExtraMetadata(_Frozen):
    """A block of DiWoo `extraMetadata`: the publisher's own fields, in its namespace."""

    namespace: str | None = None
    prefix: str | None = None
    fields: list[ExtraField] = Field(default_factory=list)


class WooMetadata(_Frozen):
    """The DiWoo metadata of one document (see the module docstring)."""

    identifiers: list[str] = Field(
        default_factory=list, description="DiWoo `identifiers`: kenmerken."
    )
    publisher: Organisatie | None = Field(default=None, description="DiWoo `publisher`.")
    verantwoordelijke: Organisatie | None = None
    medeverantwoordelijken: list[Organisatie] = Field(default_factory=list)
    opsteller: Organisatie | None = None
    naam_opsteller: str | None = Field(default=None, description="DiWoo `naamOpsteller`.")
    officiele_titel: str | None = Field(default=None, description="DiWoo `officieleTitel`.")
    verkorte_titels: list[str] = Field(default_factory=list, description="DiWoo `verkorteTitels`.")
    alternatieve_titels: list[str] = Field(
        default_factory=list, description="DiWoo `alternatieveTitels`."
    )
    omschrijvingen: list[str] = Field(default_factory=list)
    informatiecategorieen: list[Informatiecategorie] = Field(default_factory=list)
    documentsoorten: list[Documentsoort] = Field(default_factory=list)
    themas: list[Thema] = Field(default_factory=list)
    trefwoorden: list[str] = Field(default_factory=list)
    creatiedatum: date | None = None
    geldigheid: Geldigheid | None = None
    language: Taal | None = None
    format: Bestandsformaat | None = None
    aggregatiekenmerk: str | None = None
    is_part_of: DocumentRef | None = Field(default=None, description="DiWoo `isPartOf`.")
    has_parts: list[DocumentRef] = Field(default_factory=list, description="DiWoo `hasParts`.")
    documenthandelingen: list[Documenthandeling] = Field(default_factory=list)
    documentrelaties: list[Documentrelatie] = Field(default_factory=list)
    reden_verwijdering_vervanging: RedenVerwijdering | None = Field(
        default=None, description="DiWoo `redenVerwijderingVervanging`."
    )
    extra_metadata: list[ExtraMetadata] = Field(
        default_factory=list, description="DiWoo `extraMetadata`, kept as published."
    )

    def coded_values(self) -> Iterator[tuple[str, Coded]]:
        """Every coded value with where it is (`publisher`, `themas[1]`, ...)."""
        singles = {
            "publisher": self.publisher,
            "verantwoordelijke": self.verantwoordelijke,
            "opsteller": self.opsteller,
            "language": self.language,
            "format": self.format,
            "reden_verwijdering_vervanging": self.reden_verwijdering_vervanging,
        }
        for name, value in singles.items():
            if value is not None:
                yield name, value
        lists = {
            "medeverantwoordelijken": self.medeverantwoordelijken,
            "informatiecategorieen": self.informatiecategorieen,
            "documentsoorten": self.documentsoorten,
            "themas": self.themas,
        }
        for name, values in lists.items():
            for i, value in enumerate(values):
                yield f"{name}[{i}]", value
        for i, handeling in enumerate(self.documenthandelingen):
            yield f"documenthandelingen[{i}].soort_handeling", handeling.soort_handeling
            if handeling.was_associated_with is not None:
                yield f"documenthandelingen[{i}].was_associated_with", handeling.was_associated_with
        for i, relatie in enumerate(self.documentrelaties):
            yield f"documentrelaties[{i}].role", relatie.role

    def woo_categories(self) -> list[WooCategory]:
        """The Woo information categories of the known category codes, in order."""
        return [
            c for c in (_CATEGORY_OF_URI.get(v.uri or "") for v in self.informatiecategorieen) if c
        ]

    def missing_mandatory(self) -> list[str]:
        """What DiWoo 0.9.8 requires that this metadata lacks ([] when complete)."""
        missing = []
        if self.publisher is None:
            missing.append("publisher")
        if not self.officiele_titel:
            missing.append("titelcollectie/officieleTitel")
        if not self.informatiecategorieen:
            missing.append("classificatiecollectie/informatiecategorieen/informatiecategorie")
        if not self.documenthandelingen:
            missing.append("documenthandelingen/documenthandeling")
        for i, handeling in enumerate(self.documenthandelingen):
            if handeling.at_time is None:
                missing.append(f"documenthandelingen/documenthandeling[{i + 1}]/atTime")
        return missing


_CATEGORY_OF_URI = {info.tooi_uri: info.value for info in CATEGORIES.values()}


@dataclass(frozen=True)
class UnknownCode:
    """A coded value whose code is not in its TOOI list, and where it is in the metadata."""

    field: str
    value: Coded


def unknown_codes(metadata: WooMetadata | None) -> list[UnknownCode]:
    """The unknown codes of a record's Woo metadata (`Document.woo`), for counting; [] for none."""
    if metadata is None:
        return []
    return [UnknownCode(f, v) for f, v in metadata.coded_values() if not v.known]


__all__ = [
    "Bestandsformaat",
    "Coded",
    "DocumentRef",
    "Documenthandeling",
    "Documentrelatie",
    "Documentsoort",
    "ExtraField",
    "ExtraMetadata",
    "Geldigheid",
    "Informatiecategorie",
    "Organisatie",
    "RedenVerwijdering",
    "Relatierol",
    "SoortHandeling",
    "Taal",
    "Thema",
    "UnknownCode",
    "WooMetadata",
    "unknown_codes",
]
