"""A document in PLOOI's JSON model (`GET /api/documents/{id}?format=plooi`).

PLOOI (KOOP's Platform Open Overheidsinformatie) is the ancestor of DiWoo: the same metadata,
with each coded value an object `{"id": URI, "label": text}` (≙ `<diwoo:x resource="URI">text`;
`id` is null for an unknown code, which is kept by its label as DiWoo's writer keeps it).
The shape:

    {"id": ..., "document": {"publisher", "titelcollectie": {"officieleTitel", ...},
      "classificatiecollectie": {"informatiecategorieen", "documentsoorten", "themas",
      "trefwoorden"}, "documenthandelingen": [{"soortHandeling", "atTime"}], "creatiedatum",
      "language", "format", "omschrijvingen", ...},
     "versies": [{"nummer": 1, "mutatiedatumtijd", "bestanden": [{"label": "file",
      "bestandsnaam", "mime-type", "grootte", "hash", "url"}]}]}

The metadata is what the Woo-index export writes for the document (`council_diwoo`), also when
the document cannot be exported: then `exporteerbaar` is false and `redenen` says why.
"""

from __future__ import annotations

from typing import Any

from normalize.woo_metadata import Coded, DocumentRef, WooMetadata
from vindplaats.store.models import DocumentState
from vindplaats.woo.council_diwoo import Mapped
from vindplaats.woo.export_sitemaps import w3c


def _coded(value: Coded | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"id": value.uri if value.known else None, "label": value.label}


def _codes(values: list[Coded]) -> list[dict[str, Any]]:
    return [{"id": v.uri if v.known else None, "label": v.label} for v in values]


def _ref(ref: DocumentRef) -> dict[str, Any]:
    return {"id": ref.resource, "label": ref.label}


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """Without the parts the metadata does not have (None, empty lists and objects)."""
    return {k: v for k, v in data.items() if v not in (None, [], {})}


def plooi_metadata(meta: WooMetadata) -> dict[str, Any]:
    titles = _present(
        {
            "officieleTitel": meta.officiele_titel,
            "verkorteTitels": meta.verkorte_titels,
            "alternatieveTitels": meta.alternatieve_titels,
        }
    )
    classification = _present(
        {
            "informatiecategorieen": _codes(meta.informatiecategorieen),
            "documentsoorten": _codes(meta.documentsoorten),
            "themas": _codes(meta.themas),
            "trefwoorden": meta.trefwoorden,
        }
    )
    actions = [
        _present(
            {
                "soortHandeling": _coded(a.soort_handeling),
                "atTime": a.at_time.isoformat() if a.at_time else None,
                "wasAssociatedWith": _coded(a.was_associated_with),
            }
        )
        for a in meta.documenthandelingen
    ]
    return _present(
        {
            "identifiers": meta.identifiers,
            "publisher": _coded(meta.publisher),
            "verantwoordelijke": _coded(meta.verantwoordelijke),
            "medeverantwoordelijken": _codes(meta.medeverantwoordelijken),
            "opsteller": _coded(meta.opsteller),
            "naamOpsteller": meta.naam_opsteller,
            "titelcollectie": titles,
            "omschrijvingen": meta.omschrijvingen,
            "classificatiecollectie": classification,
            "creatiedatum": meta.creatiedatum.isoformat() if meta.creatiedatum else None,
            "language": _coded(meta.language),
            "format": _coded(meta.format),
            "aggregatiekenmerk": meta.aggregatiekenmerk,
            "isPartOf": _ref(meta.is_part_of) if meta.is_part_of else None,
            "hasParts": [_ref(p) for p in meta.has_parts],
            "documenthandelingen": actions,
            "documentrelaties": [
                {"role": _coded(rel.role), "relation": _ref(rel.relation)}
                for rel in meta.documentrelaties
            ],
            "redenVerwijderingVervanging": _coded(meta.reden_verwijdering_vervanging),
        }
    )


def plooi_document(mapped: Mapped, state: DocumentState, file_url: str | None) -> dict[str, Any]:
    """The PLOOI JSON of a document; `file_url` is where its stored original is served."""
    doc = mapped.document
    files: list[dict[str, Any]] = []
    if file_url is not None:
        kind = mapped.file_type
        files.append(
            _present(
                {
                    "label": "file",
                    "bestandsnaam": doc.file_name or None,
                    "mime-type": kind.media_type if kind else state.content_type,
                    "grootte": state.size,
                    "hash": f"sha256:{state.sha256}" if state.sha256 else None,
                    "url": file_url,
                }
            )
        )
    version: dict[str, Any] = {"nummer": 1, "bestanden": files}
    if mapped.lastmod is not None:
        version["mutatiedatumtijd"] = w3c(mapped.lastmod)
    return {
        "id": doc.id,
        "document": plooi_metadata(mapped.metadata),
        "versies": [version],
        "exporteerbaar": mapped.exportable,
        "redenen": [{"code": p.reason, "message": p.message} for p in mapped.problems],
    }


__all__ = ["plooi_document", "plooi_metadata"]
