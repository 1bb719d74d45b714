"""Refusal grounds (weigeringsgronden) of the Woo and the old Wob, read from free text.

An inventory list (`normalize.inventory`) says per document on which grounds information was
withheld, in a cell written by hand or by an e-discovery tool: `5.1.2e`, `5.1.2 e`, `5.1.2.e`,
`5.1.2E`, lists such as `5.1.1c; 5.1.2e;` or `5.1.2e, 5.1.2i` or `5.1.1c 5.1.2e`, one article
with several letters (`5.1.2 e en i`, `5.1.2 sub e, f en i`), the long forms of decision
letters (`art. 5.1, lid 2, sub e`, `artikel 5.1, tweede lid, aanhef en onder e`,
`artikel 10, lid 2, sub e Wob`, `artikel 11, eerste lid`) and duplicates.

`parse_grounds` turns such a cell into `Ground`s in the order written, each once: the code
(`5.1.2e`), its law (Woo or Wob) and a short Dutch label saying what the article protects.
Text that names no known ground (`5.1.2` without a letter, `10.2f`, `dubbel`, `zie besluit`,
`art. 5.1.2, lid 1, sub e`) is kept as written, one piece per `;`, `|`, line or `, <number>`,
flagged `readable=False`, never dropped. The dossier of a later part uses this
for the grounds per document, their counts, and the judgement and ground facets of search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Law(StrEnum):
    WOO = "Woo"  # Wet open overheid (since 1 May 2022)
    WOB = "Wob"  # Wet openbaarheid van bestuur (before)


@dataclass(frozen=True)
class GroundInfo:
    code: str  # "5.1.2e": article 5.1, paragraph (lid) 2, point (onder) e
    law: Law
    label: str  # what the ground protects, in Dutch


def _table(law: Law, rows: dict[str, str]) -> dict[str, GroundInfo]:
    return {code: GroundInfo(code, law, label) for code, label in rows.items()}


# The labels paraphrase the articles (Woo art. 5.1, 5.2, 5.4; Wob art. 10, 11).
GROUNDS: dict[str, GroundInfo] = {
    **_table(
        Law.WOO,
        {
            "5.1.1a": "eenheid van de Kroon",
            "5.1.1b": "veiligheid van de Staat",
            "5.1.1c": "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens",
            "5.1.1d": "bijzondere persoonsgegevens",
            "5.1.1e": "wettelijke identificatienummers van personen",
            "5.1.2a": "betrekkingen van Nederland met andere landen en internationale organisaties",
            "5.1.2b": "economische of financiële belangen van de overheid",
            "5.1.2c": "opsporing en vervolging van strafbare feiten",
            "5.1.2d": "inspectie, controle en toezicht door bestuursorganen",
            "5.1.2e": "eerbiediging van de persoonlijke levenssfeer",
            "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
            "5.1.2g": "bescherming van het milieu waarop de informatie betrekking heeft",
            "5.1.2h": "beveiliging van personen en bedrijven en het voorkomen van sabotage",
            "5.1.2i": "goed functioneren van de Staat en andere bestuursorganen",
            "5.1.5": "voorkomen van onevenredige benadeling",
            "5.2": "persoonlijke beleidsopvattingen in documenten voor intern beraad",
            "5.4": "informatie die berust bij een formateur",
        },
    ),
    **_table(
        Law.WOB,
        {
            "10.1a": "eenheid van de Kroon",
            "10.1b": "veiligheid van de Staat",
            "10.1c": "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens",
            "10.1d": "bijzondere persoonsgegevens",
            "10.2a": "betrekkingen van Nederland met andere staten en internationale organisaties",
            "10.2b": "economische of financiële belangen van de overheid",
            "10.2c": "opsporing en vervolging van strafbare feiten",
            "10.2d": "inspectie, controle en toezicht door bestuursorganen",
            "10.2e": "eerbiediging van de persoonlijke levenssfeer",
            "10.2g": "voorkomen van onevenredige bevoordeling of benadeling",
            "11.1": "persoonlijke beleidsopvattingen in documenten voor intern beraad",
        },
    ),
}


@dataclass(frozen=True)
class Ground:
    """One ground as read from a cell: `code` is None when the text names no known ground."""

    written: str  # the text as written in the cell (runs of spaces collapsed)
    code: str | None = None

    @property
    def readable(self) -> bool:
        return self.code is not None

    @property
    def info(self) -> GroundInfo | None:
        return GROUNDS.get(self.code) if self.code is not None else None

    @property
    def law(self) -> Law | None:
        info = self.info
        return info.law if info is not None else None

    @property
    def label(self) -> str | None:
        info = self.info
        return info.label if info is not None else None


_ORDINALS = {"eerste": "1", "tweede": "2", "derde": "3", "vierde": "4", "vijfde": "5"}
_LETTER = r"\(?([a-z])\)?(?![a-z0-9])"
_MORE_LETTERS = r"((?:\s*(?:,|&|/|\ben\b|\bof\b)\s*\(?[a-z]\)?(?![a-z0-9]))*)"
_SUB = r"(?:(?:aanhef\s+en\s+)?(?:sub|onder(?:deel)?)\s*)?"
_ARTICLE = r"(?:art(?:ikel|\.)?\s*)?"
_LID = r"(?:lid\s*(\d)|(eerste|tweede|derde|vierde|vijfde)\s+lid)"
# `artikel 5.1, lid 2, sub e` / `artikel 10, tweede lid, aanhef en onder e`
_LONG = (
    _ARTICLE
    + r"(?<![\d.])(5\.1|5\.2|5\.4|10|11)(?![\d.]*\d)\s*,?\s*"
    + _LID
    + r"(?:\s*,?\s*"
    + _SUB
    + _LETTER
    + _MORE_LETTERS
    + r")?"
)
# `5.1.2e`, `5.1.2 e`, `5.1.2.e`, `5.1.2 sub e`, `5.1.2(e)`, `10.2e`, `5.1.5`, `5.2`, `11.1`
_SHORT = (
    _ARTICLE
    + r"(?<![\d.])(5\.1\.[125]|5\.[24](?:\.\d)?|10\.[12]|11\.\d)"
    + r"(?:\s*[.\-]?\s*"
    + _SUB
    + _LETTER
    + _MORE_LETTERS
    + r")?(?!\.?\d)"
)
_NEXT_LETTER = re.compile(r"(?:,|&|/|\ben\b|\bof\b)\s*\(?([a-z])\)?(?![a-z0-9])", re.IGNORECASE)
_TOKEN = re.compile(rf"{_LONG}|{_SHORT}", re.IGNORECASE)
# what may stand between grounds without being a ground itself
_FILLER = re.compile(
    r"^(?:[\s;,|/&+.:()\-]|\ben\b|\bof\b|\bwoo\b|\bwob\b|\bart(?:ikel)?\b)*$", re.IGNORECASE
)
# unreadable text is split where a list clearly goes on: `;`, `|`, a new line, `, 10.2f`
_SPLIT = re.compile(r"\s*(?:[;|\n]|,(?=\s*\d))\s*")
_EDGES = re.compile(
    r"^(?:[\s,|/&+.:\-]|\b(?:en|of)\b)+|(?:[\s,|/&+.:\-]|\b(?:en|of)\b)+$", re.IGNORECASE
)


def _code(article: str, paragraph: str | None, letter: str | None) -> str:
    """The compact code of article + paragraph + letter (`5.1`, `2`, `e` → `5.1.2e`)."""
    if article in ("5.2", "5.4"):
        return article  # paragraphs of 5.2 (5.2.1, lid 2, ...) are one ground
    if article == "11":
        return "11.1" if paragraph in (None, "1") else f"11.{paragraph}"
    base = f"{article}.{paragraph}" if paragraph else article
    return f"{base}{letter or ''}"


def _letters(first: str | None, more: str | None) -> list[str | None]:
    if first is None:
        return [None]
    return [first.lower(), *(m.lower() for m in _NEXT_LETTER.findall(more or ""))]


def _grounds_of(match: re.Match[str]) -> list[str]:
    (
        long_article,
        lid_digit,
        lid_word,
        long_letter,
        long_more,
        short_article,
        short_letter,
        short_more,
    ) = match.groups()
    if long_article is not None:
        paragraph = lid_digit or _ORDINALS.get((lid_word or "").lower())
        return [_code(long_article, paragraph, x) for x in _letters(long_letter, long_more)]
    parts = short_article.split(".")
    if parts[0] == "11":
        return [_code("11", parts[1], None)]
    article = ".".join(parts[:2])
    paragraph = parts[2] if len(parts) > 2 else None
    if article in ("5.2", "5.4") or (article, paragraph) == ("5.1", "5"):
        return [_code(article, paragraph, None)]
    return [_code(article, paragraph, x) for x in _letters(short_letter, short_more)]


def _leftovers(text: str) -> list[str]:
    """Pieces of text between grounds that are more than separators and filler words."""
    if _FILLER.fullmatch(text):
        return []
    pieces = [_EDGES.sub("", p) for p in _SPLIT.split(text)]
    return [p for p in pieces if p and not _FILLER.fullmatch(p)]


def parse_grounds(value: object) -> tuple[Ground, ...]:
    """The grounds written in one cell, in order, each once; unreadable text kept and flagged.

    None, empty cells and cells of only separators give no grounds.
    """
    if value is None:
        return ()
    lines = (" ".join(line.split()) for line in str(value).splitlines())
    text = "\n".join(line for line in lines if line)
    if not text:
        return ()
    found: list[Ground] = []
    seen: set[str] = set()

    def add(ground: Ground) -> None:
        key = ground.code if ground.code is not None else "?" + ground.written.casefold()
        if key not in seen:
            seen.add(key)
            found.append(ground)

    position = 0
    for match in _TOKEN.finditer(text):
        codes = _grounds_of(match)
        if not any(code in GROUNDS for code in codes):
            continue  # no ground: read with the text around it, as written
        for piece in _leftovers(text[position : match.start()]):
            add(Ground(piece))
        written = " ".join(match.group(0).split())
        for code in codes:
            add(Ground(written, code) if code in GROUNDS else Ground(written))
        position = match.end()
    for piece in _leftovers(text[position:]):
        add(Ground(piece))
    return tuple(found)


__all__ = ["GROUNDS", "Ground", "GroundInfo", "Law", "parse_grounds"]
