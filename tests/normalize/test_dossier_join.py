"""Joining inventory rows to harvested documents: links compared normalised, numbers found in
identifiers, file names and titles tier by tier, ambiguity refused, the reasons a row stays
unjoined."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from normalize.dossier import InventoryEntry, JoinedBy
from normalize.dossier_join import LinkIndex, join_entries, url_key
from normalize.inventory_values import Judgement
from normalize.records import Document
from tests.normalize import dossier_samples as S


@pytest.mark.parametrize(
    "written",
    [
        "https://open.example.nl/woo/doc/1001.pdf",
        "http://open.example.nl/woo/doc/1001.pdf",
        "https://WWW.Open.Example.NL:443/woo/doc/1001.pdf",
        "https:\\/\\/open.example.nl\\/woo\\/doc\\/1001.pdf",  # OpenWOO's escaped slashes
        "  https://open.example.nl/woo/doc/1001.pdf/#page=2 ",
        "https://open.example.nl/woo/doc/%31001.pdf",
    ],
)
def test_spellings_of_one_url_have_one_key(written: str) -> None:
    assert url_key(written) == "open.example.nl/woo/doc/1001.pdf"


def test_query_parameters_count_in_any_order_and_other_urls_differ() -> None:
    assert url_key("https://a.nl/get?id=7&v=2") == url_key("https://a.nl/get?v=2&id=7")
    assert url_key("https://a.nl/get?id=7") != url_key("https://a.nl/get?id=8")
    assert url_key("https://a.nl:8443/x") != url_key("https://a.nl/x")
    for nothing in (None, "", "zie besluit", "ftp://a.nl/x", "mailto:woo@a.nl", "https://"):
        assert url_key(nothing) is None


def entry(
    number: str, link: str | None = None, judgement: Judgement | None = None
) -> InventoryEntry:
    return InventoryEntry(
        number=number, line=2, inventory_document_id="document:diwoo:vws:i", link=link,
        judgement=judgement,
    )  # fmt: skip


def doc(name: str, title: str = "Bijlage", identifiers: list[str] | None = None) -> Document:
    metadata = S.woo(identifiers=identifiers or [])
    return S.document(f"{S.SITE}/files/{quote(name)}", title, metadata, file_name=name)


def test_a_link_joins_any_document_of_the_source_and_several_rows_may_share_one() -> None:
    bundle = doc("documenten.pdf")
    joined = join_entries(
        [
            entry("1", f"{S.SITE}/files/documenten.pdf"),
            entry("2", f"{S.SITE}/files/documenten.pdf"),
        ],
        LinkIndex([bundle]),
        [],
    )
    assert [(e.document_id, e.joined_by) for e in joined.entries] == [
        (bundle.id, JoinedBy.LINK), (bundle.id, JoinedBy.LINK),
    ]  # fmt: skip
    assert joined.not_joined == []


def test_a_number_joins_by_identifier_then_file_name_then_title() -> None:
    by_identifier = doc("a.pdf", identifiers=["WOO-2025-0412-0017"])
    by_file_name = doc("0017 memo.pdf")
    by_title = doc("b.pdf", title="Document 0017: memo")
    candidates = [by_title, by_file_name, by_identifier]
    joined = join_entries([entry("0017")], LinkIndex([]), candidates)
    assert joined.entries[0].document_id == by_identifier.id
    joined = join_entries([entry("0017")], LinkIndex([]), [by_title, by_file_name])
    assert joined.entries[0].document_id == by_file_name.id
    joined = join_entries([entry("0017")], LinkIndex([]), [by_title])
    assert joined.entries[0].joined_by == JoinedBy.NUMBER
    assert joined.entries[0].document_id == by_title.id


def test_a_number_is_a_whole_token_and_ambiguity_joins_nothing() -> None:
    candidates = [doc("document-12.pdf"), doc("document-112.pdf"), doc("bijlage 1.pdf")]
    assert join_entries([entry("12")], LinkIndex([]), candidates).entries[0].document_id == (
        candidates[0].id
    )
    twice = [doc("1 brief.pdf"), doc("bijlage 1.pdf")]
    joined = join_entries([entry("1")], LinkIndex([]), twice)
    assert joined.entries[0].document_id is None
    assert joined.not_joined[0].reason == "number 1 is in the file name of 2 documents"


def test_the_reasons_a_row_stays_unjoined() -> None:
    rows = [
        entry("7", judgement=Judgement.NIET_OPENBAAR),
        entry("8", link="https://elders.example.nl/8.pdf"),
        entry("9"),
    ]
    joined = join_entries(rows, LinkIndex([]), [doc("a.pdf")])
    assert [(n.number, n.reason) for n in joined.not_joined] == [
        ("7", "niet openbaar: not published"),
        ("8", "link https://elders.example.nl/8.pdf is no harvested document; "
              "number 8 is in no document of the dossier"),
        ("9", "number 9 is in no document of the dossier"),
    ]  # fmt: skip
    assert all(e.document_id is None and e.joined_by is None for e in joined.entries)


def test_a_number_of_several_words_is_found_as_a_whole_token() -> None:
    verslag = doc("A-17 verslag.pdf")
    candidates = [doc("A-170 bijlage.pdf"), verslag, doc("b.pdf", identifiers=["Z/22/A-1"])]
    joined = join_entries([entry("A-17"), entry("A-1"), entry("B-9")], LinkIndex([]), candidates)
    assert [e.document_id for e in joined.entries] == [verslag.id, candidates[2].id, None]
