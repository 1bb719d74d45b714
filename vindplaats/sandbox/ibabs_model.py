"""What only the iBabs part of the sample world has: sites (one may serve several sample
municipalities), the catalogue's sources, the GUIDs of its objects (`guid`) and the town being
built. A site holds the shared concepts (`concepts`) by GUID: its meeting types (`Committee`),
meetings and items, users (`Person`), lists (`Register`), entries (`RegisterEntry`, with
their votes) and documents.

Plain, comparable dataclasses that know nothing of SOAP; `ibabs_xml` renders them. GUIDs are
derived deterministically from names. Every meeting type, user, entry and document carries the
sample municipality (`source_key`) it belongs to, which is the ground truth the expectations
use; a list with `source_key=None` serves every municipality of its site.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from vindplaats.sandbox.concepts import (
    Committee,
    Document,
    Meeting,
    Person,
    Register,
    RegisterEntry,
    Vote,
)
from vindplaats.sandbox.places import Flavour

_NAMESPACE = uuid.UUID("8f6d2f0e-5b7a-4c1e-9a53-2f1e7c0d4b11")


def guid(*parts: object) -> str:
    """A stable GUID for the object named by `parts`."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


# The iBabs names of the shared concepts, as callers (and tests) know them.
IbEntry = RegisterEntry[str]  # a list entry (a motion, a letter, ...), by GUID
IbVote = Vote[str]  # a member's vote on a motion entry, by user GUID


@dataclass
class IbSite:
    """One iBabs site (Sitename) and everything it serves; lookups ignore a GUID's case."""

    name: str  # the Sitename
    whitelisted: bool = True
    municipalities: list[str] = field(default_factory=list)
    types: list[Committee[str]] = field(default_factory=list)
    meetings: list[Meeting[str]] = field(default_factory=list)
    users: list[Person[str]] = field(default_factory=list)
    lists: list[Register[str]] = field(default_factory=list)
    entries: dict[str, RegisterEntry[str]] = field(default_factory=dict)
    documents: dict[str, Document[str]] = field(default_factory=dict)

    def list_of(self, list_id: str) -> Register[str] | None:
        return next((x for x in self.lists if x.id.lower() == list_id.lower()), None)

    def entry(self, entry_id: str) -> RegisterEntry[str] | None:
        return next((e for k, e in self.entries.items() if k.lower() == entry_id.lower()), None)

    def user(self, user_id: str) -> Person[str] | None:
        return next((u for u in self.users if u.id.lower() == user_id.lower()), None)


@dataclass(frozen=True)
class IbSource:
    """A sample municipality as the catalogue registers it."""

    key: str
    name: str
    site: str
    include_pattern: str | None = None
    exclude_pattern: str | None = None


@dataclass
class Town:
    """A sample municipality while its part of a site is being built."""

    site: IbSite
    key: str
    flavour: Flavour
    suffix: str  # " Duinwijk" on a shared site, "" on a site of its own
    offset: int  # days the town's calendar is shifted

    def doc(
        self,
        kind: str,
        title: str,
        fill: dict[str, str],
        *,
        confidential: bool = False,
        locked: bool = False,
    ) -> str:
        """A new document of this town, its text the paragraphs of `kind` filled with `fill`."""
        ident = guid(self.site.name, self.key, "document", kind, title)
        self.site.documents[ident] = Document(
            ident,
            title,
            kind,
            f"{title}.pdf",
            source_key=self.key,
            confidential=confidential,
            fill=fill,
            locked=locked,
        )
        return ident
