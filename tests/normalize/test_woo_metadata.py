"""The Woo metadata model: coded values checked against their TOOI list, unknown codes kept and
counted, `Document.woo` stored and read back, and council records unchanged without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from normalize.records import Document, Supplier, record_from_dict
from normalize.woo_categories import WooCategory
from normalize.woo_metadata import (
    Coded,
    Documenthandeling,
    WooMetadata,
    unknown_codes,
)
from tests.normalize.woo_samples import KERN, UTRECHT, woo_besluit
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store

ORG = "organization:diwoo:vws:vws"


def woo_document(metadata: WooMetadata | None) -> Document:
    return Document.build(
        Supplier.DIWOO,
        "vws",
        "https://example.nl/besluit.pdf",
        title="Besluit op het Woo-verzoek over vaccinatiecampagnes",
        original_url="https://example.nl/besluit.pdf",
        organization_id=ORG,
        woo=metadata,
    )


def test_a_known_code_keeps_label_and_uri_and_names_the_list_that_holds_it() -> None:
    meta = woo_besluit()
    assert meta.publisher is not None and meta.publisher.known
    assert meta.publisher.list == "ministeries"  # found in the union of organisation lists
    assert meta.publisher.label == "ministerie van Volksgezondheid, Welzijn en Sport"
    assert (
        meta.opsteller is not None and meta.opsteller.label == "gemeente Utrecht"
    )  # from the list
    assert meta.opsteller.list == "gemeenten"
    (category,) = meta.informatiecategorieen
    assert category.known and category.list == "informatiecategorieen"
    assert meta.woo_categories() == [WooCategory.WOO_VERZOEKEN]


def test_a_label_alone_that_names_a_value_of_its_list_gets_the_uri() -> None:
    meta = woo_besluit()
    assert meta.format is not None and meta.format.known
    assert meta.format.uri == "http://publications.europa.eu/resource/authority/file-type/PDF"
    assert meta.format.label == "pdf"  # as published
    soort = meta.documenthandelingen[0].soort_handeling
    assert soort.uri == f"{KERN}c_641ecd76" and soort.known


def test_unknown_codes_are_kept_flagged_with_their_list_and_counted() -> None:
    meta = woo_besluit()
    unknown = unknown_codes(meta)
    assert [(u.field, u.value.uri, u.value.list) for u in unknown] == [
        ("language", f"{KERN}c_nl", "talen"),
        ("documentsoorten[0]", f"{KERN}c_advies", "documentsoorten"),
    ]
    assert all(not u.value.known for u in unknown)
    assert meta.language is not None and meta.language.label == "Nederlands"  # kept as published
    other = Coded.of("organisaties", "Gemeente Nergenshuizen", f"{UTRECHT[:-6]}gm9999")
    assert not other.known and other.list == "organisaties"
    assert unknown_codes(None) == []


def test_known_is_derived_never_taken_from_the_input() -> None:
    claimed = Coded.model_validate({"list": "talen", "uri": f"{KERN}c_nl", "known": True})
    assert claimed.known is False
    denied = Coded.model_validate(
        {"list": "talen", "uri": "http://publications.europa.eu/resource/authority/language/NLD"}
        | {"known": False}
    )
    assert denied.known is True and denied.label == "Nederlands"


def test_a_value_of_the_wrong_list_or_no_list_is_refused() -> None:
    with pytest.raises(ValidationError, match="'talen' where 'organisaties' belongs"):
        WooMetadata.model_validate({"publisher": {"list": "talen", "label": "Nederlands"}})
    with pytest.raises(ValidationError, match="no TOOI list named 'kleuren'"):
        Coded.model_validate({"list": "kleuren", "label": "rood"})
    with pytest.raises(ValidationError, match="extra"):
        WooMetadata.model_validate({"publisher": {"label": "x"}, "uitgever": "x"})


def test_missing_mandatory_parts_are_named_not_refused() -> None:
    assert woo_besluit().missing_mandatory() == []
    action = Documenthandeling(soort_handeling=Coded.of("documenthandelingen", "ontvangst"))
    bare = WooMetadata(documenthandelingen=[action])
    assert bare.missing_mandatory() == [
        "publisher",
        "titelcollectie/officieleTitel",
        "classificatiecollectie/informatiecategorieen/informatiecategorie",
        "documenthandelingen/documenthandeling[1]/atTime",
    ]


def test_a_council_document_has_no_woo_key_in_any_output() -> None:
    doc = woo_document(None)
    assert "woo" not in doc.model_dump()
    assert "woo" not in doc.model_dump(mode="json")
    assert "woo" not in json.loads(doc.model_dump_json())


def test_a_document_with_woo_metadata_round_trips_through_the_sqlite_store(
    tmp_path: Path,
) -> None:
    store = open_store(load_settings(data_dir=tmp_path))
    store.upsert_source(build_source(key="vws", name="VWS", supplier="diwoo"))
    doc = woo_document(woo_besluit())
    assert store.upsert_record(doc) is True
    back = store.get_record(doc.id)
    assert back == doc
    assert isinstance(back, Document) and back.woo is not None
    assert [u.field for u in unknown_codes(back.woo)] == ["language", "documentsoorten[0]"]
    assert store.upsert_record(doc) is False  # the same content: unchanged
    assert record_from_dict(json.loads(doc.model_dump_json())) == doc
