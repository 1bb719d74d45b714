"""Which Woo documents form one dossier: isPartOf, hasParts and aggregatiekenmerk, references
by URL, identifier or id, an unharvested decision letter, the roles of decision letter and
inventory, and which groups are Woo-besluiten at all."""

from __future__ import annotations

import hashlib

from normalize.dossier_build import dossier_id
from normalize.dossier_groups import group_documents, is_inventory, woo_besluit_groups
from normalize.records import Document
from tests.normalize import dossier_samples as S

ADVIEZEN = {"label": "adviezen"}


def ids(docs: list[Document]) -> list[str]:
    return [d.id for d in docs]


def test_the_sample_besluit_is_one_group_with_its_letter_and_inventory() -> None:
    docs = [S.letter(), S.inventory_document(), *S.judged_documents()]
    [group] = woo_besluit_groups(reversed(docs))  # the order harvested does not matter
    assert sorted(ids(group.documents)) == sorted(ids(docs))
    assert group.decision_letter() == S.letter()
    assert ids(group.inventories()) == [S.inventory_document().id]
    assert group.unresolved == []
    assert dossier_id(group) == S.DOSSIER_ID


def test_the_dossier_id_is_a_digest_of_the_letters_url_harvested_or_not() -> None:
    digest = hashlib.sha256(b"open.example.nl/woo/2025-0412/besluit.pdf").hexdigest()[:24]
    assert f"dossier:diwoo:vws:{digest}" == S.DOSSIER_ID
    [harvested] = woo_besluit_groups([S.letter(), *S.judged_documents()])
    [missing] = woo_besluit_groups(S.judged_documents()[:9])
    assert dossier_id(harvested) == dossier_id(missing) == S.DOSSIER_ID
    http = S.letter().model_copy(update={"original_url": S.LETTER_URL.replace("https", "http")})
    [spelled] = woo_besluit_groups([http, *S.judged_documents()])
    assert dossier_id(spelled) == S.DOSSIER_ID


def test_has_parts_by_identifier_and_is_part_of_by_id_group_too() -> None:
    main = S.document(f"{S.SITE}/convenant.pdf", "Convenant", S.woo(
        informatiecategorieen=[ADVIEZEN], has_parts=[{"label": "Bijlage", "resource": "B-7"}]
    ))  # fmt: skip
    part = S.document(f"{S.SITE}/b7.pdf", "Bijlage", S.woo(
        informatiecategorieen=[ADVIEZEN], identifiers=["B-7"]
    ))  # fmt: skip
    note = S.document(f"{S.SITE}/n.pdf", "Notitie", S.woo(
        informatiecategorieen=[ADVIEZEN], is_part_of={"resource": main.id}
    ))  # fmt: skip
    [group] = group_documents([main, part, note])
    assert sorted(ids(group.documents)) == sorted(ids([main, part, note]))
    assert group.decision_letter() == main  # pointed to, and it lists parts
    assert not group.is_woo_besluit()  # a covenant with attachments is no Woo-besluit
    assert woo_besluit_groups([main, part, note]) == []


def test_documents_of_an_unharvested_letter_are_one_dossier_under_its_id() -> None:
    docs = [S.inventory_document(), *S.judged_documents()[:9]]  # the letter is not harvested
    [group] = woo_besluit_groups(docs)
    assert len(group.documents) == 10
    assert group.missing_letter == S.LETTER_URL
    assert group.decision_letter() is None
    assert dossier_id(group) == S.DOSSIER_ID
    assert {u.resource for u in group.unresolved} == {S.LETTER_URL}


def test_a_lone_woo_document_is_a_dossier_only_when_it_is_a_decision() -> None:
    lone_letter = S.letter(inventory_url=f"{S.SITE}/i.xlsx")
    [group] = woo_besluit_groups([lone_letter])
    assert group.decision_letter() == lone_letter
    assert [u.resource for u in group.unresolved] == [f"{S.SITE}/i.xlsx"]
    attachment = S.document(f"{S.SITE}/x.pdf", "Email over levering", S.woo())
    assert woo_besluit_groups([attachment]) == []
    council = S.document(f"{S.SITE}/y.pdf", "Besluit", S.woo()).model_copy(update={"woo": None})
    assert group_documents([council]) == []  # documents without DiWoo metadata take no part


def test_inventory_lists_are_recognised_by_type_title_or_file_name() -> None:
    assert is_inventory(S.inventory_document())
    by_name = S.document(f"{S.SITE}/lijst.csv", "Bijlage 2", S.woo(), file_name="Inventaris.csv")
    assert is_inventory(by_name)
    by_title = S.document(f"{S.SITE}/p.xlsx", "Productierapport Woo-besluit", S.woo())
    assert is_inventory(by_title)
    titled_letter = S.document(
        f"{S.SITE}/l.pdf",
        "Besluit met inventarislijst",
        S.woo(documentsoorten=[{"label": "beslissing op Wob-/Woo-verzoek"}]),
    )
    assert not is_inventory(titled_letter)  # the decision itself
    assert not is_inventory(S.judged_documents()[0])
