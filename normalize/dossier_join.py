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
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from normalize.dossier import InventoryEntry, JoinedBy, NotJoined
from normalize.inventory_values import Judgement
from normalize.records import Document

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/:@!$&'()*+,;=-._~"


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


def _token(number: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9a-z]){re.escape(number.lower())}(?![0-9a-z])")


def _tiers(number: str, doc: Document) -> tuple[bool, bool, bool]:
    token = _token(number)
    wanted = number.lower()
    identifiers = doc.woo.identifiers if doc.woo is not None else []
    by_identifier = any(
        i.lower() == wanted or (i.lower().endswith(wanted) and token.search(i.lower()))
        for i in identifiers
    )
    name = (doc.file_name or doc.original_url.rsplit("/", 1)[-1]).lower()
    return by_identifier, bool(token.search(name)), bool(token.search(doc.title.lower()))


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
    for entry in entries:
        linked = links.find(entry.link)
        if linked is not None:
            out.append(entry.model_copy(update={"document_id": linked, "joined_by": JoinedBy.LINK}))
            continue
        found, reason = _by_number(entry, candidates)
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


def _by_number(entry: InventoryEntry, candidates: Sequence[Document]) -> tuple[str | None, str]:
    tiers = [_tiers(entry.number, doc) for doc in candidates]
    for level, what in enumerate(("identifier", "file name", "title")):
        hits = [doc.id for doc, found in zip(candidates, tiers, strict=True) if found[level]]
        if len(hits) == 1:
            return hits[0], ""
        if hits:
            return None, f"number {entry.number} is in the {what} of {len(hits)} documents"
    return None, f"number {entry.number} is in no document of the dossier"


__all__ = ["Joined", "LinkIndex", "join_entries", "url_key"]
