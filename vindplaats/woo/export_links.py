"""References between the documents of a Woo-index export, pointed at the export itself.

A harvested Woo publication names the documents it belongs to or consists of (DiWoo `isPartOf`,
`hasParts`, a `documentrelatie`) by the supplier's URL of their file. The export republishes
those documents at its own `<loc>` (on the https public base URL), so a reference to a document
the export also lists is written as that document's `<loc>`: the Woo-index finds the document
it names in the same publication, and the link is https (rule WOO-REF-HTTPS). A reference to
anything the export does not list is kept as the supplier wrote it.

`Relinks` maps a file's original URL to its `<loc>`: one pair per exported Woo publication
(only those carry references).
"""

from __future__ import annotations

from normalize.woo_metadata import DocumentRef, WooMetadata

Relinks = dict[str, str]  # a document's original URL -> its <loc> in the export


def _relinked(ref: DocumentRef, relinks: Relinks) -> DocumentRef:
    loc = relinks.get(ref.resource or "")
    return ref if loc is None else ref.model_copy(update={"resource": loc})


def relink(metadata: WooMetadata, relinks: Relinks) -> WooMetadata:
    """`metadata` with each reference to an exported document written as its `<loc>`."""
    if not relinks:
        return metadata
    update: dict[str, object] = {}
    if metadata.is_part_of is not None:
        update["is_part_of"] = _relinked(metadata.is_part_of, relinks)
    if metadata.has_parts:
        update["has_parts"] = [_relinked(part, relinks) for part in metadata.has_parts]
    if metadata.documentrelaties:
        update["documentrelaties"] = [
            relation.model_copy(update={"relation": _relinked(relation.relation, relinks)})
            for relation in metadata.documentrelaties
        ]
    return metadata.model_copy(update=update) if update else metadata


__all__ = ["Relinks", "relink"]
