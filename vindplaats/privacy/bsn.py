"""Citizen service numbers (BSN) in extracted text: where they are, never what they are.

A BSN is nine digits that pass the elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11
(and not 0). About one in eleven nine-digit numbers passes by chance, so a number counts only in
context:

- a label nearby ("BSN", "burgerservicenummer", "sofinummer", before it or just after it) makes
  any of the usual spellings count: `123456782`, `1234.56.782`, `123 456 782`, `123.456.782`,
  `123-456-782`;
- without a label, only the spellings a BSN is written in count (`123456782`, `1234.56.782`,
  `123 456 782`), and not when the text around it says it is something else.

Never counted: digits inside URLs and e-mail addresses, inside longer numbers or words (IBANs
such as `NL91ABNA0417164300`, ids in paths), amounts (`€`, `EUR`, `,-`, `,00`, "euro"), phone
numbers (`+31`, `0031`, `(0)`, "tel", "fax"), and numbers labelled as something else nearby
(kenmerk, zaaknummer, factuurnummer, KvK, IBAN, postcode, …). Dates and postcodes never have nine
digits in these spellings.

The result is pages and counts only (`Finding`): the numbers themselves are never returned, so
they cannot reach a log, the store or an answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_SEP = "[ \u00a0.-]"
_CANDIDATE = re.compile(
    r"(?<![\w@/\\,:+=#&%-])(?<!\d[ \u00a0.])"
    r"(?P<number>\d{4}\.\d{2}\.\d{3}|\d{3}(?P<sep>" + _SEP + r")\d{3}(?P=sep)\d{3}|\d{9})"
    r"(?![\w@/\\%-])(?![.,]\d)(?![ \u00a0]\d)"
)
_MASK = re.compile(r"(?:https?://|ftp://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_LABEL = re.compile(
    r"\b(?:bsn|bsn-nummer|burger\s*service\s*(?:nummer|nr)|burgerservicenr|"
    r"sofi[\s-]*(?:nummer|nr)|sofinr)\b",
    re.IGNORECASE,
)
_OTHER_LABEL = re.compile(
    r"\b(?:kenmerk|zaak(?:nummer|nr)?|dossier(?:nummer|nr)?|factuur(?:nummer|nr)?|"
    r"order(?:nummer|nr)?|referentie|registratie(?:nummer|nr)?|document(?:nummer|nr)?|"
    r"kvk|btw|iban|rekening(?:nummer|nr)?|tel|telefoon|telefoonnummer|fax|mobiel|postcode|"
    r"bedrag|euro|klantnummer|polisnummer|artikel(?:nummer|nr)?)\b",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"(?:€|eur|euro|ƒ|\$|£)\s*$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"^\s*(?:,-|,\d|euro\b|eur\b|€)", re.IGNORECASE)
_PHONE_BEFORE = re.compile(r"(?:\+\d{1,3}|\b00\d{2}|\(0\))[\s-]*$")
_BEFORE = 40  # characters looked at before a number for its label
_AFTER = 25  # and after it ("123456782 (BSN)")
_NEAR = 30  # characters before a number in which another label makes it something else
_OWN = 20  # characters before a number whose label is its own (it wins over a BSN further off)


@dataclass(frozen=True)
class Finding:
    """BSNs found in a document: how many on which pages (1-based), never the numbers."""

    per_page: dict[int, int]

    @property
    def count(self) -> int:
        return sum(self.per_page.values())

    @property
    def pages(self) -> list[int]:
        return sorted(self.per_page)

    def detail(self) -> dict[str, object]:
        """What the store keeps about a finding: pages and counts."""
        return {"count": self.count, "pages": self.pages}


def elfproef(digits: str) -> bool:
    """Whether nine digits pass the elfproef of a BSN (all zeros does not)."""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True))
    return total % 11 == 0 and total != 0 and digits != "000000000"


def _masked(text: str) -> str:
    """The text with URLs and e-mail addresses blanked out (same length: offsets stay)."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), text)


def _is_bsn(text: str, match: re.Match[str]) -> bool:
    digits = re.sub(r"\D", "", match.group("number"))
    if not elfproef(digits):
        return False
    start, end = match.span("number")
    before = text[max(0, start - _BEFORE) : start]
    after = text[end : end + _AFTER]
    if _AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.search(after):
        return False
    if _PHONE_BEFORE.search(before):
        return False
    own = before[-_OWN:]  # the words that label this number itself
    if _OTHER_LABEL.search(own) and not _LABEL.search(own):
        return False
    if _LABEL.search(before) or _LABEL.search(after):
        return True
    if _OTHER_LABEL.search(before[-_NEAR:]):
        return False
    sep = match.group("sep")
    return sep is None or sep in " \u00a0"


def count_in_text(text: str) -> int:
    """How many BSNs the text holds (each occurrence counts)."""
    clean = _masked(text)
    return sum(1 for match in _CANDIDATE.finditer(clean) if _is_bsn(clean, match))


def redact(text: str, mark: str = "[BSN]") -> str:
    """The text with every BSN it holds replaced by `mark` (for text people type about a
    document, such as a takedown's reason, which is stored and shown)."""
    clean = _masked(text)
    spans = [m.span("number") for m in _CANDIDATE.finditer(clean) if _is_bsn(clean, m)]
    for start, end in reversed(spans):
        text = text[:start] + mark + text[end:]
    return text


def scan_pages(pages: Sequence[str]) -> Finding:
    """BSNs on the extracted pages (page 1 is pages[0])."""
    per_page: dict[int, int] = {}
    for number, text in enumerate(pages, start=1):
        if found := count_in_text(text):
            per_page[number] = found
    return Finding(per_page)


__all__ = ["Finding", "count_in_text", "elfproef", "redact", "scan_pages"]
