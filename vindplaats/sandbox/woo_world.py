"""`WooWorld`: the sample Woo publishers (`woo_publishers`) as the documents each site lists,
with the mutations tests make between harvests and what a complete harvest must find.

Every document of a site is a `WooDocument`: a table row of `woo_publishers.Publication`, or one
of a Woo-besluit's (`woo_publishers.Besluit`): its decision letter `besluit.pdf` (listing the
inventory with `hasParts`), its inventory list and each judged document that is published, the
latter two pointing to the letter with `isPartOf`.

Mutations (as a publisher makes them): `withdraw(key, path)` takes a document out of every
sitemap and its file answers 404; `relist(key, path, lastmod)` gives it a new lastmod and a
revised file. `expected(key)` is what a complete harvest must find: the documents listed (their
native ids by `crawlers.diwoo_parse.url_native`, independent of the sandbox's port), those
without metadata, the scans and the dossiers with their inventory judgements.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from crawlers.diwoo_parse import url_native
from normalize.dates import AMSTERDAM
from normalize.woo_categories import WooCategory
from vindplaats.sandbox.concepts import by_key
from vindplaats.sandbox.woo_publishers import (
    CSV,
    PDF,
    PUBLISHERS,
    SCAN,
    XLSX,
    Besluit,
    Publication,
    Publisher,
)

LETTER = "besluit.pdf"
LETTER_KIND = "beslissing op Wob-/Woo-verzoek"
_ANY_SITE = "http://sandbox.invalid/diwoo/site"  # url_native digests the path below the site


@dataclass(frozen=True)
class WooDocument:
    """One document a site lists: its path below the site (with any query string), the file
    `kind` (`woo_publishers.PDF`, `SCAN`, `XLSX`, `CSV`) and its DiWoo facts."""

    path: str
    title: str
    kind: str
    sitemap: str  # the path of the listing that holds it
    lastmod: str | None  # as written
    category: WooCategory
    documentsoort: str  # a TOOI documentsoort label, "" for none
    created: date
    text: str
    metadata: bool = True
    identifiers: tuple[str, ...] = ()
    aggregatiekenmerk: str | None = None
    part_of: str | None = None  # the path of the decision letter
    parts: tuple[tuple[str, str], ...] = ()  # (label, path) of its hasParts
    besluit: Besluit | None = None  # the Woo-besluit whose inventory list this file is
    revision: int = 1

    @property
    def native(self) -> str:
        """The native id the DiWoo spider gives it (a digest of the path below the site)."""
        return url_native(_ANY_SITE + self.path, _ANY_SITE)


@dataclass(frozen=True)
class ExpectedDossier:
    """A Woo-besluit as the dossier stage must assemble it."""

    case: str
    title: str
    letter: str  # the letter's path
    judgements: dict[int, str]  # inventory number → judgement as written
    grounds: dict[int, str | None]  # inventory number → refusal grounds as written
    by_link: tuple[int, ...]  # rows joined to their harvested file by the list's link
    by_number: tuple[int, ...]  # rows joined by their number
    not_joined: tuple[int, ...]  # rows judged `niet openbaar`: no file published
    documents: tuple[str, ...]  # the paths of its documents (letter, inventory, judged files)


@dataclass(frozen=True)
class WooExpected:
    source_key: str
    documents: dict[str, str]  # path → native id of every document listed
    without_metadata: tuple[str, ...]
    scanned: tuple[str, ...]
    dossiers: tuple[ExpectedDossier, ...]
    withdrawn: tuple[str, ...] = ()  # paths taken out of the sitemaps


def _besluit_documents(besluit: Besluit) -> list[WooDocument]:
    folder, case = besluit.folder, besluit.case
    letter = f"{folder}/{LETTER}"
    inventory = f"{folder}/{besluit.inventory}"
    lastmod = datetime.combine(besluit.decided, time(16), AMSTERDAM).isoformat()

    def part(path: str, title: str, kind: str, text: str, **more: Any) -> WooDocument:
        category, created = WooCategory.WOO_VERZOEKEN, besluit.decided
        kind_label = more.pop("documentsoort", "")
        return WooDocument(
            path, title, kind, besluit.sitemap, lastmod, category, kind_label, created, text,
            **more,
        )  # fmt: skip

    found = [
        part(letter, besluit.title, PDF, besluit.summary, documentsoort=LETTER_KIND,
             identifiers=(case,), aggregatiekenmerk=case, parts=(("Inventarislijst", inventory),)),
        part(inventory, f"Inventarislijst {case}", XLSX if inventory.endswith(".xlsx") else CSV,
             f"Inventarislijst behorend bij besluit op Woo-verzoek {case}", part_of=letter,
             besluit=besluit),
    ]  # fmt: skip
    for row in besluit.rows:
        if row.file is not None:
            kind = SCAN if row.number in besluit.scanned else PDF
            text = f"{row.name}. Document {row.number} bij het besluit op Woo-verzoek {case}."
            found.append(part(f"{folder}/{row.file}", row.name, kind, text, part_of=letter))
    return found


def _publication(item: Publication) -> WooDocument:
    return WooDocument(
        item.path, item.title, PDF, item.sitemap, item.lastmod, item.category, item.kind,
        item.created, item.text, metadata=item.metadata,
    )  # fmt: skip


def _expected_dossier(besluit: Besluit) -> ExpectedDossier:
    letter = f"{besluit.folder}/{LETTER}"
    rows = besluit.rows
    published = [r for r in rows if r.file is not None]
    return ExpectedDossier(
        case=besluit.case,
        title=besluit.title,
        letter=letter,
        judgements={r.number: r.judgement for r in rows},
        grounds={r.number: r.grounds for r in rows},
        by_link=tuple(r.number for r in published if r.linked),
        by_number=tuple(r.number for r in published if not r.linked),
        not_joined=tuple(r.number for r in rows if r.file is None),
        documents=(
            letter,
            f"{besluit.folder}/{besluit.inventory}",
            *(f"{besluit.folder}/{r.file}" for r in published),
        ),
    )


@dataclass
class _Site:
    publisher: Publisher
    documents: list[WooDocument]
    withdrawn: list[str] = field(default_factory=list)


class WooWorld:
    """Every sample Woo publisher's documents, as its site lists them now."""

    def __init__(self, publishers: tuple[Publisher, ...] = PUBLISHERS) -> None:
        self._lock = threading.Lock()
        self._sites: dict[str, _Site] = {}
        for publisher in publishers:
            documents = [d for b in publisher.besluiten for d in _besluit_documents(b)]
            documents += [_publication(p) for p in publisher.publications]
            self._sites[publisher.key] = _Site(publisher, documents)

    @property
    def publishers(self) -> list[Publisher]:
        return [site.publisher for site in self._sites.values()]

    @property
    def source_keys(self) -> set[str]:
        return set(self._sites)

    def publisher(self, key: str) -> Publisher:
        return by_key(self.publishers, key, "Woo publisher")

    def documents(self, key: str) -> list[WooDocument]:
        """The documents the site `key` lists now, in table order."""
        self.publisher(key)
        with self._lock:
            return list(self._sites[key].documents)

    def document(self, key: str, path: str) -> WooDocument | None:
        """The listed document at `path` (with its query string) of the site `key`."""
        return next((d for d in self.documents(key) if d.path == path), None)

    def listed_in(self, key: str, sitemap: str) -> list[WooDocument]:
        return [d for d in self.documents(key) if d.sitemap == sitemap]

    # -- mutations -----------------------------------------------------------------------------

    def withdraw(self, key: str, path: str) -> WooDocument:
        """Take the document at `path` out of the sitemaps; its file then answers 404."""
        with self._lock:
            site = self._sites[key]
            found = next(d for d in site.documents if d.path == path)
            site.documents.remove(found)
            site.withdrawn.append(path)
            return found

    def relist(self, key: str, path: str, lastmod: str) -> WooDocument:
        """Give the document at `path` a new lastmod and a revised file."""
        with self._lock:
            site = self._sites[key]
            at = next(i for i, d in enumerate(site.documents) if d.path == path)
            old = site.documents[at]
            site.documents[at] = replace(old, lastmod=lastmod, revision=old.revision + 1)
            return site.documents[at]

    # -- what a harvest must find --------------------------------------------------------------

    def expected(self, key: str) -> WooExpected:
        publisher = self.publisher(key)
        documents = self.documents(key)
        with self._lock:
            withdrawn = tuple(self._sites[key].withdrawn)
        return WooExpected(
            source_key=key,
            documents={d.path: d.native for d in documents},
            without_metadata=tuple(d.path for d in documents if not d.metadata),
            scanned=tuple(d.path for d in documents if d.kind == SCAN),
            dossiers=tuple(_expected_dossier(b) for b in publisher.besluiten),
            withdrawn=withdrawn,
        )


__all__ = ["ExpectedDossier", "WooDocument", "WooExpected", "WooWorld"]
