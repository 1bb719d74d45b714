"""Joining the rows of an inventory list to the harvested documents they describe.

A row is joined by its **link** first: the link and each Woo document's URL of the source are
compared normalised (`url_key`: `\\/` unescaped, scheme, `www.`, default port, fragment, a
trailing slash and percent-encoding differences ignored; host case-insensitive; query
parameters kept, in sorted order). Several rows may join one document (a bundle PDF).

Else by its **inventory number**, among the dossier's own documents only (numbers are local to
a dossier; the decision letter and the inventory files themselves are never candidates), in
three tiers, the first that finds any document deciding: an identifier (kenmerk) that is the
number or ends in it (`WOO-2022-0815-1001`); the number as a whole token of the file name
(`1001 RE subsidie.pdf`, `document_1001.pdf`); the number as a whole token of the title. When
the deciding tier finds more than one document the row is not joined (listed as ambiguous),
so a number never joins a document by chance.

A row judged `niet openbaar` without a link describes a document that was not published: it
is listed as not joined with that reason, not as missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from normalize.dossier import InventoryEntry, JoinedBy, NotJoined
from normalize.inventory_values import Judgement
from normalize.records import Document

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/:@!$&'()*+,;=-._~"


@lru_cache(maxsize=1 << 16)
def url_key(url: str | None) -> str | None:
    """The comparable form of a URL (see the module docstring); None for no http(s) URL."""
    if not url:
        return None
    text = url.strip().replace("\\/", "/")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(unquote(parts.path), safe=_SAFE_PATH).rstrip("/") or ""
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{netloc}{path}" + (f"?{query}" if query else "")


class LinkIndex:
    """The source's documents by the normalised form of their URL."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self._by_key: dict[str, str] = {}
        for doc in sorted(documents, key=lambda d: d.id):
            for url in (doc.original_url, doc.native_id):
                key = url_key(url)
                if key is not None:
                    self._by_key.setdefault(key, doc.id)

    def find(self, url: str | None) -> str | None:
        key = url_key(url)
        return self._by_key.get(key) if key is not None else None


_WORD = re.compile(r"[0-9a-z]+")
_TIERS = ("identifier", "file name", "title")


def _token(number: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9a-z]){re.escape(number.lower())}(?![0-9a-z])")


def _texts(doc: Document) -> tuple[list[str], str, str]:
    identifiers = [i.lower() for i in (doc.woo.identifiers if doc.woo is not None else [])]
    name = (doc.file_name or doc.original_url.rsplit("/", 1)[-1]).lower()
    return identifiers, name, doc.title.lower()


class NumberIndex:
    """The dossier's documents by the words of their identifiers, file names and titles, so a
    number is looked up once per tier however many documents the dossier has. A number that is
    not one word (`A-17`, `1.2`) is searched as a whole token in each text instead."""

    def __init__(self, candidates: Sequence[Document]) -> None:
        self.candidates = list(candidates)
        self.words: tuple[dict[str, list[str]], ...] = ({}, {}, {})
        for doc in self.candidates:
            identifiers, name, title = _texts(doc)
            keys = [
                {*identifiers, *(w[-1] for w in map(_WORD.findall, identifiers) if w)},
                set(_WORD.findall(name)),
                set(_WORD.findall(title)),
            ]
            for tier, words in enumerate(keys):
                for word in words:
                    self.words[tier].setdefault(word, []).append(doc.id)

    def hits(self, number: str, tier: int) -> list[str]:
        wanted = number.lower()
        if _WORD.fullmatch(wanted) or (tier == 0 and wanted in self.words[0]):
            return self.words[tier].get(wanted, [])
        token = _token(number)
        found = []
        for doc in self.candidates:
            identifiers, name, title = _texts(doc)
            texts = [t for t in identifiers if t.endswith(wanted)] if tier == 0 else (
                [name] if tier == 1 else [title])  # fmt: skip
            if any(t == wanted or token.search(t) for t in texts):
                found.append(doc.id)
        return found


@dataclass
class Joined:
    entries: list[InventoryEntry]
    not_joined: list[NotJoined] = field(default_factory=list)


def join_entries(
    entries: Sequence[InventoryEntry], links: LinkIndex, candidates: Sequence[Document]
) -> Joined:
    """Each entry with `document_id` and `joined_by` set where a document matches; the rest
    listed with the reason (see the module docstring)."""
    out: list[InventoryEntry] = []
    missing: list[NotJoined] = []
    numbers = NumberIndex(candidates)
    for entry in entries:
        linked = links.find(entry.link)
        if linked is not None:
            out.append(entry.model_copy(update={"document_id": linked, "joined_by": JoinedBy.LINK}))
            continue
        found, reason = _by_number(entry, numbers)
        if found is not None:
            out.append(
                entry.model_copy(update={"document_id": found, "joined_by": JoinedBy.NUMBER})
            )
            continue
        out.append(entry.model_copy(update={"document_id": None, "joined_by": None}))
        if entry.link and url_key(entry.link) is not None:
            reason = f"link {entry.link} is no harvested document; {reason}"
        elif entry.judgement == Judgement.NIET_OPENBAAR and not entry.link:
            reason = "niet openbaar: not published"
        missing.append(NotJoined(number=entry.number, line=entry.line, reason=reason))
    return Joined(out, missing)


def _by_number(entry: InventoryEntry, numbers: NumberIndex) -> tuple[str | None, str]:
    for tier, what in enumerate(_TIERS):
        hits = numbers.hits(entry.number, tier)
        if len(hits) == 1:
            return hits[0], ""
        if hits:
            return None, f"number {entry.number} is in the {what} of {len(hits)} documents"
    return None, f"number {entry.number} is in no document of the dossier"


__all__ = ["Joined", "LinkIndex", "NumberIndex", "join_entries", "url_key"]
