"""The controlled document types: every label seen in real supplier answers maps to a sensible
type (the labels of public recordings of NotuBiz, iBabs, GO and Parlaeus answers, and of the
sample data), the
vocabulary's TOOI URIs come from the official list, and filters read what users type."""

from __future__ import annotations

import pytest

from normalize.doctypes import (
    VOCABULARY,
    DocType,
    agenda_role,
    classify,
    classify_entry,
    classify_motion,
    resolve,
    words,
)
from normalize.tooi import tooi_labels

D = DocType

# NotuBiz document `types[].value` (type ids 1, 7, 11, 15, 19, 29, 47, 64, 109, 114, 135, 243,
# 349, 1220).
NOTUBIZ_DOCUMENT_TYPES = [
    ("Advies", D.ADVIES),
    ("Amendement", D.AMENDEMENT),
    ("Commissieadvies", D.ADVIES),
    ("Motie", D.MOTIE),
    ("Notulen", D.VERSLAG),
    ("Raadsinformatiebrief", D.RAADSINFORMATIEBRIEF),
    ("Technische vragen", D.SCHRIFTELIJKE_VRAGEN),
    ("Tknlijst", D.INGEKOMEN_STUK),
    ("Uitslagenlijst", D.STEMMINGSUITSLAG),
    ("Vrije motie", D.MOTIE),
]
# Generic labels name no type: the title decides, else a meeting's document is a vergaderstuk.
GENERIC_LABELS = ["Document", "Flap", "Pdf", "Tekststuk", "Bijlage", "Bijlage(s)", "Overig"]
# NotuBiz register `name` and `custom_name` (Fryslân's in Frisian), GO and Parlaeus labels.
REGISTER_NAMES = [
    ("Ingekomen stukken", D.INGEKOMEN_STUK),
    ("Toezeggingen", D.TOEZEGGING),
    ("Schriftelijke vragen", D.SCHRIFTELIJKE_VRAGEN),
    ("Moties", D.MOTIE),
    ("Bestuursdocumenten", D.OVERIG),
    ("Raadsvoorstellen", D.RAADSVOORSTEL),
    ("Raadsvragen", D.SCHRIFTELIJKE_VRAGEN),
    ("Voorstellen tot 2023", D.RAADSVOORSTEL),
    ("Voorstellen vanaf 2023", D.RAADSVOORSTEL),
    ("Raadsvoorstel", D.RAADSVOORSTEL),  # GO documentTypeLabel
    ("Raadsbrief", D.RAADSINFORMATIEBRIEF),  # Parlaeus type
]
# iBabs list names (Utrecht, 29 registers), with their suffixes, spaces and entities.
IBABS_LISTS = [
    ("Adviezen Referendumcommissie ", D.ADVIES),
    ("Afsprakenlijsten DB raad", D.BESLUITENLIJST),
    ("Amendementen", D.AMENDEMENT),
    ("Besluitenlijsten B&amp;W", D.BESLUITENLIJST),
    ("Brieven", D.BRIEF),
    ("Brieven (tot 1-4-2026)", D.BRIEF),
    ("Coalitievorming 2026", D.OVERIG),
    ("Geheimhoudingsregister", D.OVERIG),
    ("Input organisaties Gemeenteraadsverkiezing 2026", D.OVERIG),
    ("Memo's ", D.RAADSINFORMATIEBRIEF),
    ("Memo's (tot 1-4-2026)", D.RAADSINFORMATIEBRIEF),
    ("Moties", D.MOTIE),
    ("Overdrachtsdossier nieuwe gemeenteraad", D.OVERIG),
    ("Raadstoetsen", D.OVERIG),
    ("Schriftelijke vragen", D.SCHRIFTELIJKE_VRAGEN),
    ("Stemming", D.STEMMINGSUITSLAG),
    ("Toezeggingen", D.TOEZEGGING),
    ("Verslagen commissies (vanaf 14-10-2021)", D.VERSLAG),
    ("Verslagen Raad", D.VERSLAG),
    ("Verslagen Vragenuur", D.VERSLAG),
    ("Vragen verkiezingsprogramma's 2026", D.SCHRIFTELIJKE_VRAGEN),
    ("Coalitievorming 2022 (03-04-2022 t/m 01-06-2022)", D.OVERIG),
    ("Verslagen db Presidium (22-02-2018 t/m 22-12-2022)", D.VERSLAG),
    ("Verslagen M&S (16-09-2008 t/m 30-09-2021)", D.VERSLAG),
    ("Verslagen Presidium (08-12-2014 t/m 12-12-2022)", D.VERSLAG),
    ("Verslagen S&R (02-09-2008 t/m 30-09-2021)", D.VERSLAG),
    ("Vragen Coronavirus (20-03-2020 t/m 03-06-2020)", D.SCHRIFTELIJKE_VRAGEN),
    ("Intentiedocumenten (sept 2019 t/m nov 2024)", D.OVERIG),
    ("Archief (periode 1996 - 2022)", D.OVERIG),
]
# NotuBiz module "Type" values, iBabs status texts and GO's plural label of one document.
KIND_LABELS = [
    ("Moasje", D.MOTIE),
    ("Amendemint", D.AMENDEMENT),
    ("Moasje frjemd", D.MOTIE),
    ("Motie verworpen", D.MOTIE),
    ("Motie aangenomen", D.MOTIE),
    ("Motie ingetrokken", D.MOTIE),
    ("Amendement aangehouden", D.AMENDEMENT),
    ("Moties", D.MOTIE),
]
# The sample data's labels (the demo faceted them as 31 values before).
DEMO_LABELS = [
    ("Ingekomen stukken Duinwijk", D.INGEKOMEN_STUK),
    ("motie", D.MOTIE),
    ("Moties Polderveen", D.MOTIE),
    ("amendement", D.AMENDEMENT),
    ("Amendementen Duinwijk", D.AMENDEMENT),
    ("Raadsbesluit", D.RAADSBESLUIT),
    ("Agenda", D.AGENDA),
    ("Besluitenlijst", D.BESLUITENLIJST),
    ("Begroting", D.BEGROTING),
    ("Beantwoording", D.SCHRIFTELIJKE_VRAGEN),
    ("Collegebrief", D.RAADSINFORMATIEBRIEF),
    ("Ingekomen brief", D.INGEKOMEN_STUK),
    ("Jaarstukken", D.JAARSTUKKEN),
    ("Kadernota", D.BEGROTING),
    ("Memo", D.RAADSINFORMATIEBRIEF),
    ("Kaart", D.KAART),
    ("Onderzoeksrapport", D.RAPPORT),
    ("Presentatie", D.PRESENTATIE),
    ("Verslag", D.VERSLAG),
]
ALL_LABELS = NOTUBIZ_DOCUMENT_TYPES + REGISTER_NAMES + IBABS_LISTS + KIND_LABELS + DEMO_LABELS


@pytest.mark.parametrize(("label", "expected"), ALL_LABELS, ids=[lbl for lbl, _ in ALL_LABELS])
def test_every_label_seen_maps_to_its_type(label: str, expected: DocType) -> None:
    assert classify(label) is expected


@pytest.mark.parametrize("label", GENERIC_LABELS)
def test_a_generic_label_leaves_the_type_to_the_title_then_the_meeting(label: str) -> None:
    assert classify(label, title="Raadsvoorstel Omgevingsvisie 2040") is D.RAADSVOORSTEL
    assert classify(label, title="Notitie", file_name="besluitenlijst-raad.pdf") is D.BESLUITENLIJST
    assert classify(label, title="Notitie parkeren", in_meeting=True) is D.VERGADERSTUK
    assert classify(label, title="Notitie parkeren") is D.OVERIG


def test_a_bijlage_title_is_not_typed_by_what_it_is_attached_to() -> None:
    assert classify("Bijlage", title="Bijlage 1 bij raadsvoorstel", in_meeting=True) is (
        D.VERGADERSTUK
    )


@pytest.mark.parametrize(
    ("label", "title", "expected"),
    [
        ("Moties en Amendementen", "15-A-1 Amendement - Behoud buurthuis", D.AMENDEMENT),
        ("Moties en Amendementen", "A26-12 Begroting", D.AMENDEMENT),
        ("Moties en Amendementen", "M26-40a Zwembad", D.MOTIE),
        ("Moasjes en amendeminten", "Moasje 9 (Wetterskip)", D.MOTIE),
        ("Moasjes en amendeminten", "Amendemint 2 Begrutting", D.AMENDEMENT),
        ("Moties en amendementen", "Motie (26): Fietspad", D.MOTIE),
        ("Moties en amendementen", "Zonder soort in de titel", D.MOTIE),
    ],
)
def test_a_register_of_both_kinds_takes_the_kind_from_the_title(
    label: str, title: str, expected: DocType
) -> None:
    assert classify(label, title=title) is expected


@pytest.mark.parametrize(
    ("kind", "title", "expected"),
    [
        ("motie", None, D.MOTIE),
        ("Amendement", None, D.AMENDEMENT),
        ("motie vreemd aan de orde", None, D.MOTIE),
        (None, "A26-12 Begroting", D.AMENDEMENT),
        (None, "M540 Veranker de P&C-cyclus", D.MOTIE),
        (None, "Getekende motie vreemd aan de agenda", D.MOTIE),
        (None, "Zonder soort", D.MOTIE),
    ],
)
def test_a_motion_is_a_motie_or_an_amendement(
    kind: str | None, title: str | None, expected: DocType
) -> None:
    assert classify_motion(kind, title) is expected


@pytest.mark.parametrize(
    ("register", "entry_type", "title", "expected"),
    [
        ("Moties", None, "Veilig fietspad", D.MOTIE),
        ("Moties", "Amendement", "Begroting", D.AMENDEMENT),  # the entry's own type
        ("Moties", None, "A26-12 Begroting", D.AMENDEMENT),  # the title's code
        ("Amendementen", None, "Behoud buurthuis", D.AMENDEMENT),
        ("Moties en amendementen", "Amendement", "Behoud buurthuis", D.AMENDEMENT),
        ("Moties en amendementen", "Motie", "Behoud buurthuis", D.MOTIE),
        ("Moties en Amendementen", None, "M26-40a Zwembad", D.MOTIE),
        ("Moties en amendementen", None, "Zonder soort", D.MOTIE),
        ("Moasjes en amendeminten", None, "Amendemint 2 Begrutting", D.AMENDEMENT),
        ("Ingekomen stukken", None, "Brief van de fietsersbond", D.INGEKOMEN_STUK),
        ("Ingekomen stukken", "Raadsinformatiebrief", "RIB 12", D.INGEKOMEN_STUK),
        ("Lijst ingekomen stukken 2026", "Brief", None, D.INGEKOMEN_STUK),
        ("Toezeggingen", None, "De wethouder komt terug op het zwembad", D.TOEZEGGING),
        ("Toezeggingenlijst", "Schriftelijk", None, D.TOEZEGGING),  # a type that names nothing
        ("Schriftelijke vragen", None, "Over de Dorpsstraat", D.SCHRIFTELIJKE_VRAGEN),
        ("Art. 40 vragen", None, "Over de Dorpsstraat", D.SCHRIFTELIJKE_VRAGEN),
        ("Raadsvoorstellen", None, "Kadernota 2027", D.RAADSVOORSTEL),
        ("Besluitenlijst B&W", None, "Week 4", D.BESLUITENLIJST),
        ("Registers", "Raadsinformatiebrief", "Stand van zaken", D.RAADSINFORMATIEBRIEF),
        ("Overige", None, "Motie over X", D.MOTIE),  # a register that names nothing: the title
        (None, None, None, D.OVERIG),
        ("Diversen", "Overig", "Zonder type", D.OVERIG),
    ],
)
def test_a_register_entry_takes_its_type_from_register_entry_type_and_title(
    register: str | None, entry_type: str | None, title: str | None, expected: DocType
) -> None:
    assert classify_entry(register, entry_type, title) is expected


@pytest.mark.parametrize(
    ("agenda", "title", "expected"),
    [
        (["Ingekomen stukken"], "Document", D.INGEKOMEN_STUK),
        (["Lijst van ingekomen stukken en mededelingen"], None, D.INGEKOMEN_STUK),
        (["Brief van de fietsersbond", "Ingekomen stukken"], None, D.INGEKOMEN_STUK),  # heading
        (["Moties vreemd aan de orde"], "M12 Zwembad", D.MOTIE),
        (["Moties en amendementen"], "A26-12 Begroting", D.AMENDEMENT),
        (["Moties en amendementen"], "Zonder soort", D.MOTIE),
        (["Amendementen"], None, D.AMENDEMENT),
        (["Toezeggingen"], None, D.TOEZEGGING),
        (["Raadsvoorstel Omgevingsvisie 2040"], "Bijlage 1", None),  # a subject, not a role
        (["Begroting 2025", "Hamerstukken"], None, None),
        (["Vragenuur"], None, None),
        (["Mondelinge vragen"], None, None),
        (["Stemming over moties"], None, None),  # the votes, not the motions
        ([None, "Opening"], None, None),
        ([], None, None),
    ],
)
def test_an_agenda_point_that_names_a_role_types_its_documents(
    agenda: list[str | None], title: str | None, expected: DocType | None
) -> None:
    assert agenda_role(agenda, title) is expected


@pytest.mark.parametrize("outcome", ["ingetrokken, niet aangenomen", "aangenomen", "Oannommen"])
def test_an_outcome_alone_names_no_type(outcome: str) -> None:
    assert classify(outcome) is D.OVERIG


def test_case_plural_numbering_punctuation_and_a_town_name_do_not_count() -> None:
    variants = ["motie", "Motie", "MOTIES", "Moties Duinwijk", "2. Moties (Polderveen)", "moties:"]
    assert {classify(v) for v in variants} == {D.MOTIE}
    assert words("Besluitenlijsten B &amp; W (tot 1-4-2026)") == ["besluitenlijsten", "college"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("motie", D.MOTIE),
        ("MOTIES", D.MOTIE),
        ("ingekomen_stuk", D.INGEKOMEN_STUK),
        ("Ingekomen stuk", D.INGEKOMEN_STUK),
        ("ingekomen stukken", D.INGEKOMEN_STUK),
        ("Verslag / notulen", D.VERSLAG),
        ("notulen", D.VERSLAG),
        ("overig", D.OVERIG),
        ("Schriftelijke vragen", D.SCHRIFTELIJKE_VRAGEN),
        ("geen bekend soort", None),
        ("Document", None),
    ],
)
def test_a_filter_reads_a_value_a_label_or_a_name(typed: str, expected: DocType | None) -> None:
    assert resolve(typed) is expected


def test_the_vocabulary_covers_every_type_with_a_tooi_uri_from_the_official_list() -> None:
    assert set(VOCABULARY) == set(DocType)
    official = tooi_labels("documentsoorten")
    for info in VOCABULARY.values():
        assert official[info.tooi_label] == info.tooi_uri
        assert info.tooi_uri.startswith("https://identifier.overheid.nl/tooi/def/thes/kern/c_")
    exact = {t.value for t in VOCABULARY.values() if t.tooi_exact}
    assert {D.MOTIE, D.AGENDA, D.BESLUITENLIJST, D.INGEKOMEN_STUK, D.VERSLAG} <= exact
    assert D.AMENDEMENT not in exact and D.TOEZEGGING not in exact  # our own additions
    labels = [info.label.lower() for info in VOCABULARY.values()]
    assert len(labels) == len(set(labels))
