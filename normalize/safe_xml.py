"""The one way untrusted XML is parsed: SOAP answers, sitemaps, DiWoo metadata, Tika's XHTML and
the parts of an inventory spreadsheet.

`untrusted_parser()` is an lxml parser with entity resolution and network access off, no DTD
loaded or validated (so no default attributes from one), no ID table, and libxml2's limits on
depth and size kept (`huge_tree` off): a billion-laughs file, an external entity or a
10,000-deep nesting fails fast instead of being expanded (`../shared/docs/reliability.md`, 7).
Callers that refuse a DOCTYPE outright still check for one themselves.
"""

from __future__ import annotations

from lxml import etree


def untrusted_parser(
    *, recover: bool = False, remove_comments: bool = False, remove_pis: bool = False
) -> etree.XMLParser:
    """A fresh parser for XML from strangers; `recover` reads past errors where it can."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        attribute_defaults=False,
        collect_ids=False,
        recover=recover,
        remove_comments=remove_comments,
        remove_pis=remove_pis,
    )


__all__ = ["untrusted_parser"]
