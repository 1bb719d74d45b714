"""Building blocks of the NotuBiz sample world: id counters and helpers that create documents,
register items, agenda trees and meetings for one municipality (`council_year` reads its table
of meetings with them, `motions` adds the motion register's items)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from vindplaats.sandbox.blueprints import BLUEPRINTS, fill
from vindplaats.sandbox.concepts import (
    AgendaItem,
    Committee,
    Document,
    DocumentVersion,
    FileKind,
    Meeting,
    ModuleRef,
    RegisterEntry,
)
from vindplaats.sandbox.dates import TODAY, dutch_date
from vindplaats.sandbox.model import Municipality
from vindplaats.sandbox.places import FLAVOURS


@dataclass
class Counters:
    meeting: int = 1_104_001
    agenda_item: int = 5_300_001
    document: int = 13_520_001
    register_item: int = 71_001

    def take(self, name: str) -> int:
        value: int = getattr(self, name)
        setattr(self, name, value + 1)
        return value


@dataclass
class Context:
    municipality: Municipality
    counters: Counters
    offset: int
    skip: frozenset[str]
    special: bool  # the municipality that carries the special files
    items_by_key: dict[str, RegisterEntry[int] | None] = field(default_factory=dict)  # by row name
    documents: dict[str, int | None] = field(default_factory=dict)  # the meeting's, by row name

    @property
    def key(self) -> str:
        return self.municipality.key

    def gremium(self, title: str) -> Committee[int]:
        return next(g for g in self.municipality.gremia if g.name == title)

    def start(self, gremium: str, year: int, month: int, day: int) -> datetime:
        """Start time of a meeting: councils at 20:00, committees at 19:30 (shifted per town)."""
        hour, minute = (20, 0) if gremium == "Gemeenteraad" else (19, 30)
        return datetime(year, month, day, hour, minute) + timedelta(days=self.offset)

    def module(self, item_type: str) -> int:
        return next(r.id for r in self.municipality.registers if r.kind == item_type)


def document(
    ctx: Context,
    blueprint: str,
    published: datetime,
    *,
    kind: FileKind = FileKind.PDF,
    quirk_url: bool = False,
    unique_word_page: int | None = None,
    **extra: str,
) -> int | None:
    """Create a document published at `published` (None when the municipality leaves it out)."""
    if blueprint in ctx.skip:
        return None
    bp = BLUEPRINTS[blueprint]
    doc_id = ctx.counters.take("document")
    title = fill(bp.title, ctx.key, **extra)
    published = published.replace(hour=9, minute=0, second=0)
    extension = "docx" if kind is FileKind.DOCX else "pdf"
    ctx.municipality.documents[doc_id] = Document(
        id=doc_id,
        source_key=ctx.key,
        title=title,
        blueprint=blueprint,
        kind=kind,
        pages=bp.pages,
        type_id=bp.type_id,
        type_label=bp.type_label,
        category=bp.category,
        policy_field=bp.policy_field,
        case_code=f"Z/{published:%y}/{doc_id % 100000:05d}",
        description=f"{title} ({ctx.municipality.name}, voorbeeldgegevens)",
        date=published.replace(hour=0),
        published=published,
        last_modified=published + timedelta(minutes=12),
        versions=[DocumentVersion(1, f"{bp.file_stem}.{extension}", published)],
        quirk_url=quirk_url,
        unique_word_page=unique_word_page,
    )
    return doc_id


def register_item(
    ctx: Context,
    item_type: str,
    title: str,
    at: datetime,
    main: int | None,
    attachments: list[int],
    extra: dict[str, str],
) -> RegisterEntry[int] | None:
    if main is None and not attachments:
        return None
    item = RegisterEntry(
        id=ctx.counters.take("register_item"),
        register_id=ctx.module(item_type),
        title=title,
        description=f"{title}. {ctx.municipality.name}, voorbeeldgegevens.",
        date=at.replace(hour=0, minute=0),
        created=at.replace(hour=8, minute=30),
        last_modified=at.replace(hour=16, minute=5),
        values=extra,
        main_document=main,
        documents=attachments,
    )
    ctx.municipality.register_items[item.id] = item
    return item


Node = tuple[str, str, list[int], list[ModuleRef], list["Node"]]  # prefix, title, docs, refs, kids


def agenda_tree(ctx: Context, nodes: list[Node], modified: datetime) -> list[AgendaItem[int]]:
    items = []
    for order, (prefix, title, docs, refs, kids) in enumerate(nodes, start=1):
        heading = prefix.startswith("#")
        items.append(
            AgendaItem(
                id=ctx.counters.take("agenda_item"),
                kind="label" if heading else "agenda_point",
                order=order,
                number=prefix.lstrip("#"),
                title=fill(title, ctx.key),
                description="" if heading else f"Bespreking: {fill(title, ctx.key)}.",
                last_modified=modified,
                documents=docs,
                module_items=refs,
                children=agenda_tree(ctx, kids, modified),
            )
        )
    return items


def meeting(
    ctx: Context,
    gremium: str,
    start: datetime,
    nodes: list[Node],
    *,
    documents: list[int] | None = None,
    refs: list[ModuleRef] | None = None,
    permission_group: str = "public",
) -> Meeting[int]:
    """Create a meeting of `gremium` starting at `start` with the agenda tree `nodes`."""
    raad = gremium == "Gemeenteraad"
    flavour = FLAVOURS[ctx.key]
    creation = (start - timedelta(days=21)).replace(hour=9, minute=0)
    public = permission_group == "public"
    item = Meeting(
        id=ctx.counters.take("meeting"),
        source_key=ctx.key,
        committee_id=ctx.gremium(gremium).id,
        title=f"{gremium} {dutch_date(start)}" if public else f"Besloten vergadering {gremium}",
        location=flavour["locatie"],
        description=f"Vergadering van de {gremium.lower()} van {ctx.municipality.name} "
        "(voorbeeldgegevens).",
        chair=flavour["burgemeester"] if raad else f"{flavour['raadslid1']} (commissievoorzitter)",
        start=start,
        end=start + (timedelta(hours=3) if raad else timedelta(hours=2, minutes=30)),
        created=creation,
        last_modified=creation + timedelta(days=7) if start > TODAY else start + timedelta(days=2),
        permission_group=permission_group,
        confidential=not public,
        announcement=public,
        documents=documents or [],
        module_items=refs or [],
        items=agenda_tree(ctx, nodes, creation + timedelta(days=7, hours=2)),
    )
    ctx.municipality.meetings.append(item)
    return item
