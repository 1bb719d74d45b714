"""Building a `Dossier` from a group of Woo documents (`normalize.dossier_groups`) and its
inventory files as read (`ReadInventory`).

The id is `dossier:<supplier>:<source>:<digest>`, the digest (`native_of`) of the decision
letter's URL as `dossier_join.url_key` compares it: the letter's own URL when it is harvested,
the resource its documents name with `isPartOf` when it is not (the same URL, so the same id
whether or not the letter is in the sitemaps), else the first document's URL. Building the same
group again gives the same dossier: nothing in it depends on the time or the order documents
were harvested in.

An inventory file is read from its stored original by the harvest stage; `read_result` turns
what `normalize.inventory.read_inventory` gave into entries and problems, `not_readable` records
a file with no stored original, and `reused` takes the entries of a file already read into the
stored dossier when its original (sha256) is unchanged, so an unchanged list is not parsed on
every run.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from normalize.dossier import (
    UNKNOWN_JUDGEMENT,
    Dossier,
    DossierGround,
    DossierProblem,
    InventoryEntry,
    InventoryFile,
    JoinCounts,
    JoinedBy,
    Outcome,
    OutcomeSource,
    ProblemKind,
)
from normalize.dossier_facts import (
    case_number,
    decision_date,
    law_of,
    outcome_of_judgements,
    period_of,
    stated_outcome,
)
from normalize.dossier_groups import Group
from normalize.dossier_join import LinkIndex, join_entries, url_key
from normalize.ids import make_id
from normalize.inventory import Inventory, InventoryError, InventoryRow
from normalize.records import Document


@dataclass(frozen=True)
class ReadInventory:
    file: InventoryFile
    entries: tuple[InventoryEntry, ...] = ()
    problems: tuple[DossierProblem, ...] = ()

    @property
    def readable(self) -> bool:
        return self.file.error_code is None


def _entry(document_id: str, row: InventoryRow) -> InventoryEntry:
    return InventoryEntry(
        number=row.id,
        line=row.line,
        inventory_document_id=document_id,
        name=row.name,
        date=row.date,
        judgement=row.judgement,
        judgement_text=row.judgement_text,
        grounds=[
            DossierGround(written=g.written, code=g.code, law=g.law, label=g.label)
            for g in row.grounds
        ],
        explanation=row.explanation,
        link=row.link,
        case_number=row.case_number,
        related_id=row.related_id,
        file_type=row.file_type,
    )


def read_result(doc: Document, sha256: str, result: Inventory | InventoryError) -> ReadInventory:
    """The entries and problems of an inventory file read from its original."""
    if isinstance(result, InventoryError):
        message = f"the inventory {doc.title!r} cannot be read: {result.message}"
        return ReadInventory(
            InventoryFile(
                document_id=doc.id, sha256=sha256, error_code=result.code, error=result.message
            ),
            problems=(
                DossierProblem(
                    kind=ProblemKind.INVENTORY_UNREADABLE,
                    message=message,
                    document_id=doc.id,
                    value=result.code,
                ),
            ),
        )
    problems = tuple(
        DossierProblem(
            kind=ProblemKind.INVENTORY_ROW,
            message=p.message,
            document_id=doc.id,
            line=p.line,
            column=p.column,
            value=p.value,
        )
        for p in result.problems
    )
    file = InventoryFile(
        document_id=doc.id,
        sha256=sha256,
        format="xlsx" if result.format == "xlsx" else "csv",
        sheet=result.sheet,
        rows=len(result.rows),
    )
    return ReadInventory(file, tuple(_entry(doc.id, row) for row in result.rows), problems)


def not_readable(doc: Document, code: str, reason: str) -> ReadInventory:
    """An inventory file without a usable stored original (not downloaded, failed, too big)."""
    message = f"the inventory {doc.title!r} cannot be read: {reason}"
    kind = (
        ProblemKind.INVENTORY_NOT_DOWNLOADED
        if code == "not_downloaded"
        else (ProblemKind.INVENTORY_UNREADABLE)
    )
    return ReadInventory(
        InventoryFile(document_id=doc.id, sha256=None, error_code=code, error=reason),
        problems=(DossierProblem(kind=kind, message=message, document_id=doc.id, value=code),),
    )


def reused(previous: Dossier | None, doc_id: str, sha256: str) -> ReadInventory | None:
    """The file as the stored dossier read it, when that was this same original."""
    if previous is None:
        return None
    for file in previous.inventory_files:
        if file.document_id == doc_id and file.sha256 == sha256:
            entries = tuple(e for e in previous.inventory if e.inventory_document_id == doc_id)
            kinds = (ProblemKind.INVENTORY_ROW, ProblemKind.INVENTORY_UNREADABLE)
            problems = tuple(
                p for p in previous.problems if p.document_id == doc_id and p.kind in kinds
            )
            return ReadInventory(file, entries, problems)
    return None


def _summary(letter: Document | None) -> str | None:
    if letter is None:
        return None
    if letter.woo is not None and letter.woo.omschrijvingen:
        return "\n\n".join(letter.woo.omschrijvingen)
    return letter.description


NATIVE_LENGTH = 24  # hex digits of the sha256 digest


def native_of(resource: str) -> str:
    """The native id of the dossier whose decision letter is at `resource` (a URL, or the
    identifier the documents name it by)."""
    key = url_key(resource) or " ".join(resource.split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:NATIVE_LENGTH]


def native_id(group: Group) -> str:
    """The native id of the group's dossier (see the module docstring)."""
    letter = group.decision_letter()
    if letter is not None:
        return native_of(letter.original_url)
    missing = group.missing_letter
    return native_of(missing if missing is not None else group.documents[0].original_url)


def dossier_id(group: Group) -> str:
    head = group.documents[0]
    return make_id("dossier", head.supplier.value, head.source_key, native_id(group))


def _problems(group: Group, inventories: Sequence[ReadInventory]) -> list[DossierProblem]:
    """What is wrong with the dossier as harvested: the inventories' own problems, no inventory
    at all, and every relation that points at a document this source did not harvest."""
    problems = [p for read in inventories for p in read.problems]
    if not group.inventories():
        problems.append(
            DossierProblem(
                kind=ProblemKind.NO_INVENTORY,
                message="no document of the dossier is an inventory list (XLSX or CSV); a list "
                "printed inside the decision letter is not read",
            )
        )
    pointers = Counter((u.relation, u.resource) for u in group.unresolved)
    firsts = {(u.relation, u.resource): u.document_id for u in reversed(group.unresolved)}
    for (relation, resource), count in sorted(pointers.items()):
        what = "the decision letter " if resource == group.missing_letter else ""
        problems.append(
            DossierProblem(
                kind=ProblemKind.NOT_HARVESTED,
                message=f"{what}{resource!r}, named by {relation} of {count} document"
                f"{'s' if count > 1 else ''}, is no harvested document of this source",
                document_id=firsts[(relation, resource)],
                value=resource,
            )
        )
    return problems


def _outcome(
    letter: Document | None, inventories: Sequence[ReadInventory], entries: list[InventoryEntry]
) -> tuple[Outcome | None, OutcomeSource | None]:
    """The outcome the letter states, else the one its readable inventories' judgements give."""
    outcome = stated_outcome(letter)
    if outcome is not None:
        return outcome, OutcomeSource.METADATA
    if any(read.readable for read in inventories):
        outcome = outcome_of_judgements([e.judgement for e in entries])
        return outcome, OutcomeSource.JUDGEMENTS if outcome is not None else None
    return None, None


def _members(
    letter: Document | None, inventory_ids: set[str], group: Group, rows: list[InventoryEntry]
) -> list[str]:
    """The dossier's documents: the letter, the inventories, the group, then what rows joined."""
    members = [letter.id] if letter is not None else []
    members += [i for i in sorted(inventory_ids) if i not in members]
    members += [d.id for d in group.documents if d.id not in members]
    members += sorted({e.document_id for e in rows if e.document_id} - set(members))
    return members


def _counts(rows: list[InventoryEntry], not_joined: int) -> dict[str, Any]:
    """How the rows joined, and the judgements and grounds they give, counted."""
    judgements = Counter(e.judgement.value if e.judgement else UNKNOWN_JUDGEMENT for e in rows)
    grounds = Counter(g.code for e in rows for g in e.grounds if g.code)
    return {
        "join_counts": JoinCounts(
            rows=len(rows),
            joined=sum(1 for e in rows if e.document_id),
            by_link=sum(1 for e in rows if e.joined_by == JoinedBy.LINK),
            by_number=sum(1 for e in rows if e.joined_by == JoinedBy.NUMBER),
            not_joined=not_joined,
        ),
        "judgement_counts": dict(sorted(judgements.items())),
        "ground_counts": dict(sorted(grounds.items())),
    }


def build_dossier(group: Group, inventories: Sequence[ReadInventory], links: LinkIndex) -> Dossier:
    """The dossier of `group` (see the module docstring)."""
    letter = group.decision_letter()
    head = letter or group.documents[0]
    inventory_ids = {read.file.document_id for read in inventories}
    candidates = [d for d in group.documents if d is not letter and d.id not in inventory_ids]
    entries = [e for read in inventories for e in read.entries]
    joined = join_entries(entries, links, candidates)
    outcome, source = _outcome(letter, inventories, entries)
    decided = decision_date(letter)
    title = (letter.woo.officiele_titel if letter and letter.woo else None) or head.title
    summary = _summary(letter)
    rows = joined.entries
    return Dossier.build(
        head.supplier,
        head.source_key,
        native_id(group),
        title=title,
        summary=summary,
        decision_date=decided,
        outcome=outcome,
        outcome_source=source,
        law=law_of([title, summary, head.title], rows, decided),
        period=period_of(rows),
        case_number=case_number(rows, letter),
        publisher=letter.woo.publisher if letter and letter.woo else None,
        organization_id=head.organization_id,
        decision_document_id=letter.id if letter is not None else None,
        document_ids=_members(letter, inventory_ids, group, rows),
        inventory_files=[read.file for read in inventories],
        inventory=rows,
        not_joined=joined.not_joined,
        **_counts(rows, len(joined.not_joined)),
        problems=_problems(group, inventories),
    )


__all__ = [
    "ReadInventory",
    "build_dossier",
    "dossier_id",
    "native_id",
    "native_of",
    "not_readable",
    "read_result",
    "reused",
]
