"""A Woo decision's metadata as a spider gives it, shared by the Woo metadata and DiWoo tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from normalize.woo_metadata import DocumentRef, WooMetadata

KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
UTRECHT = "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"
VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"


def woo_besluit() -> WooMetadata:
    """A Woo decision as a spider gives it: coded values as {label, uri} (the list implied)."""
    return WooMetadata.model_validate(
        {
            "identifiers": ["WOO-2025-0412"],
            "publisher": {"uri": VWS, "label": "ministerie van Volksgezondheid, Welzijn en Sport"},
            "opsteller": {"uri": UTRECHT},
            "officiele_titel": "Besluit op het Woo-verzoek over vaccinatiecampagnes",
            "verkorte_titels": ["Woo-besluit vaccinatiecampagnes"],
            "informatiecategorieen": [
                {"uri": f"{KERN}c_3baef532", "label": "Woo-verzoeken en -besluiten"}
            ],
            "documentsoorten": [{"uri": f"{KERN}c_advies", "label": "advies"}],  # invented
            "language": {"uri": f"{KERN}c_nl", "label": "Nederlands"},  # invented
            "format": {"label": "pdf"},
            "creatiedatum": date(2025, 11, 3),
            "has_parts": [
                DocumentRef(label="Inventarislijst", resource="https://example.nl/i.xlsx")
            ],
            "documenthandelingen": [
                {
                    "soort_handeling": {"label": "vaststelling"},
                    "at_time": datetime(2025, 11, 3, 15, tzinfo=UTC),
                    "was_associated_with": {"uri": VWS},
                }
            ],
        }
    )
