"""Woo information categories: the mapping for council records, and TOOI labels and URIs taken
from the official list."""

from __future__ import annotations

import pytest

from normalize.doctypes import DocType
from normalize.records import Document, Motion, Supplier
from normalize.tooi import tooi_labels
from normalize.woo_categories import CATEGORIES, WooCategory, category_for
from normalize.woo_metadata import Coded
from tests.normalize.woo_samples import woo_besluit

W = WooCategory
ORG = "organization:notubiz:oosterproef:1"


@pytest.mark.parametrize(
    ("doctype", "texts", "expected"),
    [
        (DocType.INGEKOMEN_STUK, ("Ingekomen stukken",), W.INGEKOMEN_STUKKEN),
        (DocType.BESLUITENLIJST, ("Besluitenlijsten B&W",), W.AGENDAS_BESLUITENLIJSTEN_COLLEGES),
        (
            DocType.AGENDA,
            ("Agenda", "Agenda collegevergadering 3 maart"),
            W.AGENDAS_BESLUITENLIJSTEN_COLLEGES,
        ),
        (
            DocType.BESLUITENLIJST,
            ("Besluitenlijst gedeputeerde staten",),
            W.AGENDAS_BESLUITENLIJSTEN_COLLEGES,
        ),
        (
            DocType.BESLUITENLIJST,
            ("Besluitenlijst", "Besluitenlijst raad 5 maart"),
            W.VERGADERSTUKKEN_DECENTRAAL,
        ),
        (DocType.BESLUITENLIJST, ("Afsprakenlijsten DB raad",), W.VERGADERSTUKKEN_DECENTRAAL),
        (DocType.MOTIE, ("Moties",), W.VERGADERSTUKKEN_DECENTRAAL),
        (DocType.RAADSVOORSTEL, ("Raadsvoorstel",), W.VERGADERSTUKKEN_DECENTRAAL),
        (DocType.VERSLAG, ("Notulen",), W.VERGADERSTUKKEN_DECENTRAAL),
        (DocType.OVERIG, (None,), W.VERGADERSTUKKEN_DECENTRAAL),
    ],
)
def test_council_records_are_vergaderstukken_except_ingekomen_stukken_and_college_lists(
    doctype: DocType, texts: tuple[str | None, ...], expected: WooCategory
) -> None:
    assert category_for(doctype, *texts) is expected


def test_every_category_has_its_tooi_label_and_uri_from_the_official_list() -> None:
    official = tooi_labels("informatiecategorieen")
    assert set(CATEGORIES) == set(WooCategory)
    assert {info.label for info in CATEGORIES.values()} == set(official)  # all 18, none invented
    for info in CATEGORIES.values():
        assert official[info.label] == info.tooi_uri
    assert CATEGORIES[W.VERGADERSTUKKEN_DECENTRAAL].tooi_uri.endswith("/kern/c_db4862c3")
    assert CATEGORIES[W.INGEKOMEN_STUKKEN].tooi_uri.endswith("/kern/c_8c840238")


def test_a_built_document_carries_type_label_and_category_also_from_its_stored_form() -> None:
    doc = Document.build(
        Supplier.IBABS,
        "oosterproef",
        "d1",
        title="Brief van bewoners over de Dorpsstraat",
        original_url="https://example.org/d1.pdf",
        organization_id=ORG.replace("notubiz", "ibabs"),
        document_type="Ingekomen stukken Oosterproef",
    )
    assert doc.document_type is DocType.INGEKOMEN_STUK
    assert doc.document_type_label == "Ingekomen stukken Oosterproef"
    assert doc.woo_category is W.INGEKOMEN_STUKKEN
    stored = doc.model_dump(mode="json")
    assert stored["document_type"] == "ingekomen_stuk" and stored["woo_category"] == "3.3.2a"
    assert Document.model_validate(stored) == doc


def test_a_woo_publication_takes_its_first_known_information_category() -> None:
    metadata = woo_besluit()
    unknown = {"uri": "https://identifier.overheid.nl/tooi/def/thes/kern/c_5ba23c01"}
    first_unknown = metadata.model_copy(
        update={"informatiecategorieen": [Coded.of("informatiecategorieen", **unknown),
                                          *metadata.informatiecategorieen]}
    )  # fmt: skip
    for woo in (metadata, first_unknown):
        doc = Document.build(
            Supplier.DIWOO,
            "utrecht",
            "d1",
            title="Besluitenlijst van de raad",  # a council besluitenlijst by its words
            original_url="https://example.org/d1.pdf",
            organization_id="organization:diwoo:utrecht:utrecht",
            woo=woo,
        )
        assert doc.woo_category is W.WOO_VERZOEKEN
        assert Document.model_validate(doc.model_dump(mode="json")) == doc  # the stored form
    without = metadata.model_copy(update={"informatiecategorieen": []})
    doc = doc.model_copy(update={"woo": without})
    assert Document.model_validate(doc.model_dump(mode="json")).woo_category is (
        W.VERGADERSTUKKEN_DECENTRAAL
    )


def test_a_motion_carries_its_type_and_category() -> None:
    motion = Motion.build(
        Supplier.NOTUBIZ, "oosterproef", "m1", title="A26-12 Behoud buurthuis", organization_id=ORG
    )
    assert motion.document_type is DocType.AMENDEMENT
    assert motion.woo_category is W.VERGADERSTUKKEN_DECENTRAAL
