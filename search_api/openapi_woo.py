"""The OpenAPI entries of the Woo-index export (`/woo/{organisation}/...`) and of the PLOOI
rendering of a document (`format=plooi`), merged into the document by `search_api.openapi`."""

from __future__ import annotations

from typing import Any

from normalize.woo_categories import WooCategory
from search_api.openapi_responses import responses
from search_api.params import Param
from search_api.ranges import RANGE_PATTERN
from vindplaats.sources import KEY
from vindplaats.woo.export_layout import index_name

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
FORMAT = Param(
    "format",
    choices=("json", "plooi"),
    default="json",
    description="`json` (this API's document), or `plooi`: the document in PLOOI's JSON model "
    "(`{id, label}` for coded values, titelcollectie, classificatiecollectie, "
    "documenthandelingen, versies with bestanden), the metadata the Woo-index export writes.",
)
DOCUMENT_PARAMS = (FORMAT,)
_CODED = {
    "type": ["object", "null"],
    "properties": {"id": {"type": ["string", "null"]}, "label": {"type": "string"}},
    "required": ["id", "label"],
}
PLOOI_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A document in PLOOI's JSON model (`format=plooi`).",
    "properties": {
        "id": {"type": "string"},
        "document": {
            "type": "object",
            "properties": {
                "publisher": _CODED,
                "titelcollectie": {"type": "object"},
                "classificatiecollectie": {"type": "object"},
                "documenthandelingen": {"type": "array", "items": {"type": "object"}},
                "format": _CODED,
                "language": _CODED,
            },
        },
        "versies": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"bestanden": {"type": "array", "items": {"type": "object"}}},
                "required": ["bestanden"],
            },
        },
        "exporteerbaar": {"type": "boolean"},
        "redenen": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["id", "document", "versies", "exporteerbaar", "redenen"],
}


def _path_param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": schema}  # fmt: skip


ORGANISATION = _path_param(
    "organisation",
    "The organisation's source key, e.g. alkmaar. An unknown one, or any request while "
    "VINDPLAATS_PUBLIC_BASE_URL is unset, answers 404.",
    {"type": "string", "pattern": KEY.pattern, "maxLength": 200},
)
RANGE = {
    "name": "Range",
    "in": "header",
    "required": False,
    "description": "Byte ranges of the file, as for /api/documents/{id}/file.",
    "schema": {"type": "string", "pattern": RANGE_PATTERN},
}


def _get(
    op_id: str, summary: str, media: str, params: list[dict[str, Any]], is_file: bool = False
) -> dict[str, Any]:
    ok = {"description": summary, "content": {media: {"schema": {"type": "string"}}}}
    answers = responses(ok, ERROR_REF, has_id=True, is_file=is_file)
    return {"get": {"operationId": op_id, "summary": summary, "parameters": params,
                    "responses": answers}}  # fmt: skip


def woo_paths() -> dict[str, Any]:
    """robots.txt, one index per information category, the sitemaps and the files."""
    paths = {
        "/woo/{organisation}/robots.txt": _get(
            "wooRobots",
            "The organisation's Woo-index robots.txt: a Sitemap: line per information category.",
            "text/plain",
            [ORGANISATION],
        ),
        "/woo/{organisation}/sitemaps/{name}": _get(
            "wooSitemap",
            "One DiWoo sitemap (at most 50,000 URLs and 50 MB), as its index lists it.",
            "application/xml",
            [ORGANISATION, _path_param("name", "e.g. infocat008-00001.xml", {"type": "string"})],
        ),
        "/woo/{organisation}/documenten/{document}/{name}": _get(
            "wooFile",
            "A document's stored original: the direct file link of its <loc>.",
            "*/*",
            [
                ORGANISATION,
                _path_param("document", "The document's native id, or b64-...", {"type": "string"}),
                _path_param("name", "The file name the sitemap gives it.", {"type": "string"}),
                RANGE,
            ],
            is_file=True,
        ),
    }
    for category in WooCategory:
        name = index_name(category)
        paths[f"/woo/{{organisation}}/{name}"] = _get(
            f"wooIndex_{name.removesuffix('.xml').replace('-', '_').replace('.', '_')}",
            f"The sitemap index of Woo category {category.value}: its sitemaps.",
            "application/xml",
            [ORGANISATION],
        )
    return paths


def document_ok(detail_ref: dict[str, Any]) -> dict[str, Any]:
    """The 200 of GET /api/documents/{id}: the document, or with format=plooi its PLOOI JSON."""
    schema = {"anyOf": [detail_ref, PLOOI_SCHEMA]}
    return {
        "description": "The document (with format=plooi: in PLOOI's JSON model).",
        "content": {"application/json": {"schema": schema}},
    }


__all__ = ["DOCUMENT_PARAMS", "FORMAT", "PLOOI_SCHEMA", "document_ok", "woo_paths"]
