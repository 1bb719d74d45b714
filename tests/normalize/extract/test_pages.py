"""XHTML → pages, without the worker: page divs, single pages, whitespace, safe parsing."""

from __future__ import annotations

from normalize.extract.pages import clean_text, xhtml_pages

NS = 'xmlns="http://www.w3.org/1999/xhtml"'


def doc(body: str) -> str:
    return f"<html {NS}><head><title>t</title></head><body>{body}</body></html>"


def test_page_divs_split_pages() -> None:
    pages, warnings = xhtml_pages(
        doc('<div class="page"><p>een</p></div><div class="page"><p>twee</p><p>drie</p></div>')
    )
    assert pages == ["een", "twee\n\ndrie"]
    assert warnings == []


def test_no_page_divs_is_one_page() -> None:
    assert xhtml_pages(doc("<h1>Kop</h1><p>Tekst</p>"))[0] == ["Kop\n\nTekst"]
    assert xhtml_pages(doc(""))[0] == [""]


def test_text_outside_pages_joins_the_nearest_page() -> None:
    body = (
        "<p>voor</p>"
        '<div class="page"><p>een</p></div><div class="page"><p>twee</p></div>'
        '<div class="xfa_content"><p>veld: waarde</p></div>'
        '<div class="embedded"><div class="page"><p>bijlage</p></div></div>'
    )
    assert xhtml_pages(doc(body))[0] == ["voor\n\neen", "twee\n\nveld: waarde\n\nbijlage"]


def test_whitespace_is_normalised_and_lines_kept() -> None:
    body = "<p>  veel \t  ruimte\nnieuwe regel\u00a0hier </p><p>a<br/>b</p>"
    body += "<table><tr><td>x</td><td>y</td></tr></table>"
    assert xhtml_pages(doc(body))[0] == ["veel ruimte\nnieuwe regel hier\n\na\nb\n\nx y"]
    assert clean_text("a\n\n\n\n b \r\n") == "a\n\nb"


def test_entities_are_never_resolved() -> None:
    xhtml = '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + doc(
        "<p>voor &x; na</p>"
    )
    pages, _ = xhtml_pages(xhtml)
    assert "root" not in pages[0]
    assert pages[0].startswith("voor")


def test_invalid_characters_are_dropped() -> None:
    assert xhtml_pages(doc("<p>a\x0cb\x00c</p>"))[0] == ["abc"]


def test_truncated_output_is_recovered() -> None:
    pages, _ = xhtml_pages(
        f'<html {NS}><body><div class="page"><p>een</p></div><div class="page"><p>tw',
        truncated=True,
    )
    assert pages == ["een", "tw"]


def test_huge_text_node_falls_back_to_tag_stripping() -> None:
    big = "woord " * 2_000_000  # 12 MB in one text node: over libxml2's limit without huge_tree
    pages, warnings = xhtml_pages(
        doc(f'<div class="page"><p>{big}</p></div><div class="page"><p>eind &amp; slot</p></div>')
    )
    assert len(pages) == 2
    assert pages[0].startswith("woord woord") and len(pages[0]) == len(big.strip())
    assert pages[1] == "eind & slot"
    assert warnings and "stripping tags" in warnings[0]


def test_cut_off_output_with_a_huge_text_node_keeps_its_text() -> None:
    big = "woord " * 2_000_000
    cut = f'<html {NS}><body><div class="page"><p>{big}</p></div><div class="page"><p>ein'
    pages, warnings = xhtml_pages(cut, truncated=True)
    assert [len(page) for page in pages] == [len(big.strip()), 3]
    assert warnings and "stripping tags" in warnings[0]


def test_embedded_file_names_are_not_text() -> None:
    body = '<p>Tekst.</p><div class="package-entry"><h1>image1.png</h1><p>in bijlage</p></div>'
    assert xhtml_pages(doc(body))[0] == ["Tekst.\n\nin bijlage"]
