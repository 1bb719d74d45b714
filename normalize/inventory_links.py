"""The hyperlinks of an XLSX worksheet: a link cell that shows `klik hier` or `Link` links to the
document's URL, which openpyxl's read-only mode does not read.

A worksheet part lists its hyperlinks after its cells (`<hyperlink ref="L4" r:id="rId3"/>`),
the targets in the part's relationships (`xl/worksheets/_rels/sheet1.xml.rels`). Both are read
here with lxml, entities and network off (the archive was checked for DTDs and sizes before),
into {(row, column): URL}; `normalize.inventory` takes a cell's link from it, else its text.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree
from openpyxl.utils.cell import range_boundaries

from normalize.safe_xml import untrusted_parser

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

Links = dict[tuple[int, int], str]  # (row, column), both 1-based → URL


def _targets(archive: zipfile.ZipFile, sheet_path: str) -> dict[str, str]:
    folder, name = posixpath.split(sheet_path)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    try:
        tree = etree.fromstring(archive.read(rels), untrusted_parser())
    except KeyError:
        return {}
    return {
        rel.get("Id", ""): rel.get("Target", "")
        for rel in tree.iter(f"{{{_PACKAGE}}}Relationship")
        if rel.get("TargetMode") == "External"
    }


def sheet_links(data: bytes, sheet_path: str, column: int, max_links: int) -> Links:
    """The external hyperlinks of one column (1-based) of the worksheet part at `sheet_path`.

    At most `max_links` cells; a range (`L4:L9`) gives each of its cells in that column.
    Anything unreadable gives no links (the cells' own text is then the link).
    """
    links: Links = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            targets = _targets(archive, sheet_path.lstrip("/"))
            if not targets:
                return links
            with archive.open(sheet_path.lstrip("/")) as source:
                tag = f"{{{_MAIN}}}hyperlink"
                for _event, element in etree.iterparse(
                    source, events=("end",), tag=tag, resolve_entities=False, no_network=True
                ):
                    target = targets.get(element.get(f"{{{_RELATIONSHIP}}}id", ""))
                    ref = element.get("ref", "")
                    element.clear()
                    if not target:
                        continue
                    min_col, min_row, max_col, max_row = range_boundaries(ref)
                    if min_col is None or not (min_col <= column <= (max_col or min_col)):
                        continue
                    for row in range(min_row or 1, (max_row or min_row or 1) + 1):
                        if len(links) >= max_links:
                            return links
                        links[(row, column)] = target
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile, etree.Error):
        return {}
    return links


__all__ = ["Links", "sheet_links"]
