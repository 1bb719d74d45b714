"""The controlled document types, and a classifier from the supplier's free label to them.

Suppliers label documents freely: `Motie`, `motie`, `Moties`, `Moties Duinwijk`, `Moasje`,
`Vrije motie`, a register's name (`Moties en Amendementen`, `Voorstellen vanaf 2023`), a generic
`Document`, `Pdf` or `Bijlage(s)`, or nothing. Every record gets one `DocType` (search facets and
filters use it) and keeps the supplier's label beside it.

The vocabulary (`VOCABULARY`) is aligned with the TOOI documentsoorten (the DiWoo lists XSD, via
`normalize.tooi`): each type names its TOOI concept by label, and its URI comes from the
generated list. Where TOOI has the type itself (`motie`, `agenda`, `besluitenlijst`, `ingekomen
stuk`, ...) `tooi_exact` is true; our own additions (`amendement`, `raadsvoorstel`,
`raadsinformatiebrief`, `toezegging`, ...) are narrower than the TOOI concept they point to.

Classification (`classify`): the label first, then the title, then the file name. A text is
reduced to words (case, accents, apostrophes, punctuation, numbering and parenthesised date
ranges do not count; `B&W`/`B en W` reads as `college`) and the first word that names a type
decides, so a municipality's name or a suffix (`Moties Duinwijk`, `Brieven (tot 1-4-2026)`)
changes nothing; Dutch compounds and plurals are words of their type (`Commissieadvies`,
`Besluitenlijsten`, `Raadsvragen`). A generic word (`document`, `pdf`, `bijlage`, `tekststuk`,
`flap`, `overig`, ...) or an unknown label passes on to the next text. A motion register that
holds both kinds (`Moties en amendementen`) takes the kind from the title, including codes such
as `A26-12` (amendement) or `M26-40a` (motie). When no text names a type: `vergaderstuk` for a
document of a meeting, else `overig`.

Register entries (`classify_entry`): a register of ingekomen stukken makes every entry an
`ingekomen_stuk` (what kind of letter was received stays in the label); a register of motions
or amendments takes the kind from the entry's own type field (`Type`, `Soort`), else its title,
else the register's; otherwise the entry's type field, then the register's name (`Toezeggingen`,
`Schriftelijke vragen`, `Raadsvoorstellen`), then the title decide, else `overig`.

Agenda points (`agenda_role`): a document whose label, title and file name name no type (it would
be `vergaderstuk`) takes the type its agenda point gives its documents when that point, or a
heading above it, names a role rather than a subject: `Ingekomen stukken` (ingekomen_stuk),
`Moties vreemd aan de orde` (motie), `Amendementen`, `Toezeggingen`. A subject (`Raadsvoorstel
Omgevingsvisie`, `Begroting 2025`) gives its attachments no type, nor do `Vragenuur` or
`Mondelinge vragen` (questions asked in the meeting, not written ones).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from normalize.tooi import tooi_uri


class DocType(StrEnum):
    AGENDA = "agenda"
    AMENDEMENT = "amendement"
    MOTIE = "motie"
    RAADSVOORSTEL = "raadsvoorstel"
    RAADSBESLUIT = "raadsbesluit"
    BESLUITENLIJST = "besluitenlijst"
    VERSLAG = "verslag"
    INGEKOMEN_STUK = "ingekomen_stuk"
    RAADSINFORMATIEBRIEF = "raadsinformatiebrief"
    BRIEF = "brief"
    SCHRIFTELIJKE_VRAGEN = "schriftelijke_vragen"
    TOEZEGGING = "toezegging"
    ADVIES = "advies"
    STEMMINGSUITSLAG = "stemmingsuitslag"
    BEGROTING = "begroting"
    JAARSTUKKEN = "jaarstukken"
    RAPPORT = "rapport"
    PRESENTATIE = "presentatie"
    KAART = "kaart"
    VERGADERSTUK = "vergaderstuk"
    OVERIG = "overig"


@dataclass(frozen=True)
class TypeInfo:
    value: DocType
    label: str  # Dutch, for people
    tooi_label: str  # the TOOI documentsoort: the type itself, or the concept it narrows
    tooi_exact: bool  # True: the TOOI concept is this type; False: our own, narrower addition
    description: str

    @property
    def tooi_uri(self) -> str:
        return tooi_uri("documentsoorten", self.tooi_label)


_T = TypeInfo
D = DocType
# fmt: off
VOCABULARY: dict[DocType, TypeInfo] = {t.value: t for t in (
    _T(D.AGENDA, "Agenda", "agenda", True, "Agenda of a meeting (also a termijnagenda)."),
    _T(D.AMENDEMENT, "Amendement", "vergaderstuk", False,
       "Amendment to a proposal (amendement, Frisian amendemint)."),
    _T(D.MOTIE, "Motie", "motie", True, "Motion, also vreemd aan de orde (Frisian moasje)."),
    _T(D.RAADSVOORSTEL, "Raadsvoorstel", "vergaderstuk", False,
       "Proposal to the council (raads-, initiatief- or collegevoorstel)."),
    _T(D.RAADSBESLUIT, "Raadsbesluit", "besluit", False, "Decision of the council."),
    _T(D.BESLUITENLIJST, "Besluitenlijst", "besluitenlijst", True,
       "Decisions or agreements of a meeting (besluiten-, afspraken-, actielijst)."),
    _T(D.VERSLAG, "Verslag / notulen", "vergaderverslag", True,
       "Minutes or report of a meeting (notulen, verslag, handelingen)."),
    _T(D.INGEKOMEN_STUK, "Ingekomen stuk", "ingekomen stuk", True,
       "Document received by the council (ingekomen stukken, ter kennisname)."),
    _T(D.RAADSINFORMATIEBRIEF, "Raadsinformatiebrief", "brief", False,
       "Letter or memo of the college informing the council (raads-, collegebrief, memo)."),
    _T(D.BRIEF, "Brief", "brief", True, "Any other letter."),
    _T(D.SCHRIFTELIJKE_VRAGEN, "Schriftelijke vragen", "brief", False,
       "Written or technical questions of members and their answers (beantwoording)."),
    _T(D.TOEZEGGING, "Toezegging", "vergaderstuk", False, "Commitment made to the council."),
    _T(D.ADVIES, "Advies", "advies", True, "Advice (commissieadvies, adviezen)."),
    _T(D.STEMMINGSUITSLAG, "Stemmingsuitslag", "vergaderstuk", False,
       "Results of votes (stemming, uitslagenlijst)."),
    _T(D.BEGROTING, "Begroting", "begroting", True,
       "Budget and planning-and-control documents (kadernota, begrotingswijziging)."),
    _T(D.JAARSTUKKEN, "Jaarstukken", "jaarverslag", False, "Annual accounts and report."),
    _T(D.RAPPORT, "Rapport", "rapport", True, "Report (onderzoeks-, rekenkamerrapport)."),
    _T(D.PRESENTATIE, "Presentatie", "vergaderstuk", False, "Presentation at a meeting."),
    _T(D.KAART, "Kaart", "kaart", True, "Map or drawing."),
    _T(D.VERGADERSTUK, "Vergaderstuk", "vergaderstuk", True,
       "A document of a meeting that names no more specific type."),
    _T(D.OVERIG, "Overig", "publicatie", False, "Anything else; the supplier's label is kept."),
)}
# fmt: on

# Word patterns (each matches one whole word), most specific first within a word.
_RULES: tuple[tuple[DocType, str], ...] = (
    (
        D.RAADSINFORMATIEBRIEF,
        r"(raads|college)?informatiebrie(f|ven)|rib|(raads|college)brie(f|ven)"
        r"|(raads|college)?memos?",
    ),
    (D.INGEKOMEN_STUK, r"ingekomen|inkomende|tkn(lijst(en)?)?"),
    (D.AMENDEMENT, r"(sub)?amendement(en|s)?|amendemint(en)?"),
    (D.MOTIE, r"(initiatief|vervolg|raads)?moties?|moasjes?"),
    (D.RAADSVOORSTEL, r"(raads|initiatief|college)?voorstel(len)?"),
    (D.BESLUITENLIJST, r"(besluiten|besluit|afspraken|actie)lijst(en)?"),
    (D.RAADSBESLUIT, r"(raads)?besluit(en)?"),
    (D.JAARSTUKKEN, r"jaar(stuk(ken)?|rekening(en)?|verslag(en)?)"),
    (D.VERSLAG, r"\w*verslag(en)?|notulen|handelingen"),
    (D.AGENDA, r"\w*agendas?"),
    (D.SCHRIFTELIJKE_VRAGEN, r"(raads|art\d*)?vra(ag|gen)|beantwoording(en)?|antwoord(en)?"),
    (D.TOEZEGGING, r"toezegging(en)?(lijst(en)?)?"),
    (D.ADVIES, r"\w*advie(s|zen)"),
    (D.STEMMINGSUITSLAG, r"stemming(en|suitslag(en)?|slijst(en)?)?|uitslag(en|enlijst(en)?)?"),
    (
        D.BEGROTING,
        r"(programma|meerjaren)?begroting(en|swijziging(en)?)?|(kader|voorjaars|najaars"
        r"|perspectief|zomer)nota|(bestuurs|tussen)rapportage|burap|turap|berap",
    ),
    (D.RAPPORT, r"\w*rapport(en|age)?"),
    (D.PRESENTATIE, r"presentaties?"),
    (D.KAART, r"(plan|situatie|overzichts)?kaart(en)?"),
    (D.BRIEF, r"\w*brie(f|ven)"),
    (D.VERGADERSTUK, r"vergaderstuk(ken)?"),
)
_GENERIC = re.compile(
    r"documents?|docs?|pdfs?|bijlagen?|bijlages|tekststuk(ken)?|flap|overige?|files?"
    r"|bestanden?|diversen?"
)
_WORD_RULES = tuple((kind, re.compile(pattern)) for kind, pattern in _RULES)
_PARENS = re.compile(r"\([^()]*\)")
_PHRASES = (
    (re.compile(r"\bb\s*(&|en)\s*w\b|\bburgemeester en wethouders\b"), " college "),
    (re.compile(r"\bgedeputeerde staten\b|\bdagelijks bestuur\b"), " college "),
    (re.compile(r"\bter kennisname\b"), " tkn "),
)
_AMENDMENT_CODE = re.compile(r"^\s*a\s?\d{1,4}([-./]\d+)*[a-z]?\b")
_MOTION_CODE = re.compile(r"^\s*m\s?\d{1,4}([-./]\d+)*[a-z]?\b")
GENERIC = "generic"  # `read_text`: the text names no type, only that it is some document


def words(text: str) -> list[str]:
    """The words of a label as the classifier reads them (see the module docstring)."""
    plain = unicodedata.normalize("NFKD", text.replace("&amp;", "&"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’`´]", "", plain)
    while _PARENS.search(plain):
        plain = _PARENS.sub(" ", plain)
    for pattern, replacement in _PHRASES:
        plain = pattern.sub(replacement, plain)
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w and not w.isdigit()]


@lru_cache(maxsize=4096)  # labels repeat; titles do not: the cache stays bounded
def read_text(text: str) -> DocType | str | None:
    """The type the first type-naming word of `text` names; `GENERIC` when a generic word comes
    first; None when no word names anything."""
    for word in words(text):
        if _GENERIC.fullmatch(word):
            return GENERIC
        for kind, pattern in _WORD_RULES:
            if pattern.fullmatch(word):
                return kind
    return None


def _motion_kind(text: str | None) -> DocType | None:
    """Motie or amendement, from a motion's title or kind (words or a leading code)."""
    if not text:
        return None
    found = read_text(text)
    if found in (D.MOTIE, D.AMENDEMENT):
        return DocType(found)
    lowered = text.lower()
    if _AMENDMENT_CODE.match(lowered) or re.search(r"\bamende", lowered):
        return D.AMENDEMENT
    if _MOTION_CODE.match(lowered) or re.search(r"\bmoti|\bmoasje", lowered):
        return D.MOTIE
    return None


def _names_both_kinds(text: str) -> bool:
    kinds = set()
    for word in words(text):
        for kind, pattern in _WORD_RULES:
            if kind in (D.MOTIE, D.AMENDEMENT) and pattern.fullmatch(word):
                kinds.add(kind)
    return len(kinds) == 2


def classify(
    label: str | None,
    *,
    title: str | None = None,
    file_name: str | None = None,
    in_meeting: bool = False,
) -> DocType:
    """The controlled type of a document from its supplier label and context."""
    if label and _names_both_kinds(label):  # a register of motions and amendments
        return _motion_kind(title) or _motion_kind(file_name) or D.MOTIE
    for text in (label, title, file_name and file_name.rsplit(".", 1)[0]):
        if text:
            found = read_text(text)
            if isinstance(found, DocType):
                return found
    return D.VERGADERSTUK if in_meeting else D.OVERIG


def classify_entry(
    register_name: str | None, entry_type: str | None = None, title: str | None = None
) -> DocType:
    """The controlled type of a register entry (see the module docstring, "Register entries")."""
    register = read_text(register_name) if register_name else None
    if register is D.INGEKOMEN_STUK:
        return D.INGEKOMEN_STUK
    both = bool(register_name and _names_both_kinds(register_name))
    if both or register in (D.MOTIE, D.AMENDEMENT):
        fallback = D.MOTIE if both or register is None else DocType(register)
        return _motion_kind(entry_type) or _motion_kind(title) or fallback
    for text in (entry_type, register_name, title):
        if text:
            found = read_text(text)
            if isinstance(found, DocType):
                return found
    return D.OVERIG


# Agenda points that say what role their documents have, whatever the documents' subject.
AGENDA_ROLES = frozenset({D.INGEKOMEN_STUK, D.MOTIE, D.AMENDEMENT, D.TOEZEGGING})


def agenda_role(
    agenda_titles: Iterable[str | None], title: str | None = None, file_name: str | None = None
) -> DocType | None:
    """The type the agenda point of a document gives it (see the module docstring, "Agenda
    points"): the first of `agenda_titles` (nearest point first) that names a role type."""
    for text in agenda_titles:
        if not text:
            continue
        if _names_both_kinds(text):
            return _motion_kind(title) or _motion_kind(file_name) or D.MOTIE
        found = read_text(text)
        if found in AGENDA_ROLES:
            return DocType(found)
    return None


def classify_motion(kind: str | None, title: str | None = None) -> DocType:
    """A motion record's type: amendement or motie (its kind, else its title; motie if neither)."""
    return _motion_kind(kind) or _motion_kind(title) or D.MOTIE


def _key(text: str) -> str:
    return " ".join(words(text))


@cache
def _names() -> dict[str, DocType]:
    names: dict[str, DocType] = {}
    for info in VOCABULARY.values():
        for name in (info.value.value, info.value.value.replace("_", " "), info.label):
            names[_key(name)] = info.value
    return names


def resolve(value: str) -> DocType | None:
    """A search filter's type: a value (`ingekomen_stuk`), a label (`Ingekomen stuk`) or any
    text whose first type-naming word names one (`Ingekomen stukken`, `moties`), in any case;
    None when it names no type."""
    key = _key(value)
    if key in _names():
        return _names()[key]
    found = read_text(value)
    return found if isinstance(found, DocType) else None


def label_of(value: str) -> str | None:
    """The Dutch label of a controlled value; None for anything else."""
    try:
        return VOCABULARY[DocType(value)].label
    except ValueError:
        return None


__all__ = [
    "AGENDA_ROLES",
    "GENERIC",
    "VOCABULARY",
    "DocType",
    "TypeInfo",
    "agenda_role",
    "classify",
    "classify_entry",
    "classify_motion",
    "label_of",
    "read_text",
    "resolve",
    "words",
]
