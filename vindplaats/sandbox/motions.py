"""The one motion register of the NotuBiz sample world: "Moties en amendementen" of Oosterproef.

NotuBiz's name of the module is "Moties" (id 6); "Moties en amendementen" is Oosterproef's
rename. Three items (Aangenomen, verworpen, Ingetrokken: the case varies as in real
registers), written in the form of a recorded Altena answer: no Type attribute, the submitters
as person references (Indiener(s), Medeondertekenaars), the parties as party references
(Fractie(s)), the outcome in "Uitslag", the motion's PDF as a document attribute; linked from
the June 2026 council meeting. Oosterproef is built last, so these
ids shift no other sample ids; Voorbeeldstad and Zandaam have no motion register.
"""

from __future__ import annotations

from datetime import datetime

from vindplaats.sandbox.builder import Context, document, register_item
from vindplaats.sandbox.concepts import Register, RegisterEntry
from vindplaats.sandbox.model import MOTION_ITEM_TYPE
from vindplaats.sandbox.places import FLAVOURS

MOTION_TOWN = "oosterproef"
MOTION_REGISTER = Register(6, "Moties", MOTION_ITEM_TYPE, "Moties en amendementen")
# title, Indiener(s), Fractie(s), Uitslag (placeholders filled from the municipality's flavour)
MOTIONS = (
    ("Motie M1 Ruimere openingstijden bibliotheek {wijk}", "{raadslid1}", "{partij1}",
     "Aangenomen"),
    ("Amendement A1 Geen parkeerbelasting in {wijk2}", "{raadslid2}", "{partij2}", "verworpen"),
    ("Motie M2 Bankjes langs de {straat}", "{raadslid2}; {raadslid1}", "{partij3}; {partij1}",
     "Ingetrokken"),
)  # fmt: skip


def motion_items(ctx: Context, at: datetime) -> list[RegisterEntry[int]]:
    """The motion register's items submitted at `at` (none outside `MOTION_TOWN`)."""
    if ctx.key != MOTION_TOWN:
        return []
    flavour = FLAVOURS[ctx.key]
    items = []
    for title, indiener, fractie, status in MOTIONS:
        name = title.format(**flavour)
        main = document(ctx, "motie_register", at, motie=name)
        extra = {
            "Indiener(s)": indiener.format(**flavour),
            "Fractie(s)": fractie.format(**flavour),
            "Uitslag": status,
        }
        item = register_item(ctx, MOTION_ITEM_TYPE, name, at, main, [], extra)
        if item is not None:
            items.append(item)
    return items
