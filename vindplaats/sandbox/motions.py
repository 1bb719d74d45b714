"""The one motion register of the sample world: "Moties en amendementen" of Oosterproef.

Three items (aangenomen, verworpen, ingetrokken), each with an Indiener, a Fractie, a Status and
one attached PDF, linked from the June 2026 council meeting. Oosterproef is built last, so these
ids shift no other sample ids; Voorbeeldstad and Zandaam have no motion register.
"""

from __future__ import annotations

from datetime import datetime

from vindplaats.sandbox.builder import Context, document, register_item
from vindplaats.sandbox.model import MOTION_ITEM_TYPE, RegisterItem
from vindplaats.sandbox.texts import FLAVOURS

MOTION_TOWN = "oosterproef"
MOTION_REGISTER = ("Moties en amendementen", MOTION_ITEM_TYPE)
# title, Indiener, Fractie, Status (placeholders filled from the municipality's flavour)
MOTIONS = (
    ("Motie M1 Ruimere openingstijden bibliotheek {wijk}", "{raadslid1}", "{partij1}",
     "Aangenomen"),
    ("Amendement A1 Geen parkeerbelasting in {wijk2}", "{raadslid2}", "{partij2}", "Verworpen"),
    ("Motie M2 Bankjes langs de {straat}", "{raadslid2}; {raadslid1}", "{partij3}; {partij1}",
     "Ingetrokken"),
)  # fmt: skip


def motion_items(ctx: Context, at: datetime) -> list[RegisterItem]:
    """The motion register's items submitted at `at` (none outside `MOTION_TOWN`)."""
    if ctx.key != MOTION_TOWN:
        return []
    flavour = FLAVOURS[ctx.key]
    items = []
    for title, indiener, fractie, status in MOTIONS:
        name = title.format(**flavour)
        attachment = document(ctx, "motie_register", at, motie=name)
        extra = {
            "Indiener": indiener.format(**flavour),
            "Fractie": fractie.format(**flavour),
            "Status": status,
        }
        attachments = [attachment] if attachment is not None else []
        item = register_item(ctx, MOTION_ITEM_TYPE, name, at, None, attachments, extra)
        if item is not None:
            items.append(item)
    return items
