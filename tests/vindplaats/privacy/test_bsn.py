"""The BSN detector: the elfproef, the spellings that count, the contexts that do not."""

from __future__ import annotations

import pytest

from vindplaats.privacy.bsn import count_in_text, elfproef, redact, scan_pages

VALID = ["111222333", "123456782", "999999990", "012345672"]
INVALID = ["123456789", "111222334", "000000000", "999999999", "12345678", "1234567820"]


@pytest.mark.parametrize("digits", VALID)
def test_elfproef_accepts_valid_numbers(digits: str) -> None:
    assert elfproef(digits)


@pytest.mark.parametrize("digits", [*INVALID, "12345678a", "１２３４５６７８２"])
def test_elfproef_refuses_everything_else(digits: str) -> None:
    assert not elfproef(digits)


@pytest.mark.parametrize(
    "text",
    [
        "De aanvrager (BSN 123456782) woont in de gemeente.",
        "burgerservicenummer: 1234.56.782",
        "Sofinummer 123 456 782 is bekend.",
        "sofi-nummer 123.456.782",
        "bsn-nummer 123-456-782",
        "Nummer 123456782 (BSN) staat op de lijst.",
        "Bijlage: 111222333",
        "De persoon met 1234.56.782 is gehoord.",
        "ingeschreven onder 123 456 782.",
        "Burger Service Nummer\u00a0123\u00a0456\u00a0782",
    ],
)
def test_a_bsn_in_context_is_counted(text: str) -> None:
    assert count_in_text(text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "BSN 123456789",  # fails the elfproef
        "BSN 111222334",
        "burgerservicenummer 000000000",
        "Besluit van 12-03-2026, 2026-03-12 en 12 maart 2026.",  # dates
        "Bel 020 123 4567 of 06-12345678 of +31 612 345 678 of 0031 123456782.",  # phones
        "tel. 123456782",
        "Rekening NL91ABNA0417164300 of NL91 ABNA 0417 1643 00.",  # IBANs
        "IBAN: 123456782",
        "Postcode 1234 AB Voorbeeldstad, 1234AB.",  # postcodes
        "Een bedrag van € 123.456.782 en EUR 111222333 en 123456782,00 en 123 456 782 euro.",
        "Het krediet is 123.456.782 groot.",  # thousands separators without a label
        "Zie https://example.nl/documenten/123456782/bestand.pdf en www.example.nl/?id=111222333",
        "Mail 123456782@example.nl",
        "Zaaknummer 123456782, ons kenmerk 111222333, factuurnummer 999999990",
        "KvK 123456782",
        "Nummer 1234567820 en 91234567823 zijn langer.",
        "Code AB123456782 en 123456782XY en id-123456782.",
        "Regel 1 123 456 782 999",  # a longer row of digit groups
    ],
)
def test_everything_else_is_not_counted(text: str) -> None:
    assert count_in_text(text) == 0


def test_a_page_scan_returns_pages_and_counts_never_the_numbers() -> None:
    pages = ["Geen nummers hier.", "BSN 123456782 en BSN 111222333", "", "1234.56.782"]
    found = scan_pages(pages)
    assert found.per_page == {2: 2, 4: 1}
    assert found.pages == [2, 4]
    assert found.count == 3
    shown = repr(found) + repr(found.detail())
    for digits in ("123456782", "111222333", "1234.56.782"):
        assert digits not in shown


def test_no_findings_is_an_empty_result() -> None:
    found = scan_pages(["BSN 123456789", "kenmerk 123456782"])
    assert found.count == 0 and found.pages == []


def test_redact_replaces_the_bsns_and_nothing_else() -> None:
    text = "BSN 123456782 op p. 2, kenmerk 111222333, bsn 1234.56.782."
    assert redact(text) == "BSN [BSN] op p. 2, kenmerk 111222333, bsn [BSN]."
    assert redact("geen nummers") == "geen nummers"
