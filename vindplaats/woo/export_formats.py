"""The file type of a document as the Woo-index knows it: an EU file-type URI of the PLOOI list.

The national harvester takes only the 19 file types of DiWoo's `formatlijst` (PDF, DOCX, ODT,
XLSX, CSV, HTML, ZIP, ...; the TOOI list `bestandsformaten`, read from the generated lists,
never typed here). `file_type(...)` tells the type of a stored original from its content type
(what the download answered, then what the supplier said), else the extension of its file name,
else that of its URL; `None` when none of them names an accepted type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from normalize.tooi import list_values

# content types of the accepted file types (parameters such as `; charset=` ignored)
_MEDIA_TYPES = {
    "application/pdf": "PDF",
    "application/x-pdf": "PDF",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.ms-powerpoint": "PPT",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow": "PPSX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.oasis.opendocument.presentation": "ODP",
    "application/vnd.oasis.opendocument.formula": "ODF",
    "application/rtf": "RTF",
    "text/rtf": "RTF",
    "text/csv": "CSV",
    "text/html": "HTML",
    "application/xhtml+xml": "HTML",
    "text/plain": "TXT",
    "application/zip": "ZIP",
    "application/x-zip-compressed": "ZIP",
    "application/x-7z-compressed": "7Z",
}
_MEDIA_TYPE_OF = {code: media for media, code in reversed(_MEDIA_TYPES.items())}
_MEDIA_TYPE_OF["PPS"] = "application/vnd.ms-powerpoint"
# extensions that name an accepted type other than by its own code
_EXTENSIONS = {"htm": "HTML", "xhtml": "HTML", "text": "TXT"}
# content types that say nothing about the type: the name decides
_GENERIC = frozenset({"application/octet-stream", "binary/octet-stream", "application/download"})
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")


@dataclass(frozen=True)
class FileType:
    """An accepted file type: its code (`PDF`), EU URI, TOOI label and the extension we write."""

    code: str
    uri: str
    label: str

    @property
    def extension(self) -> str:
        return self.code.lower()

    @property
    def media_type(self) -> str:
        """The content type a file of this type is served with."""
        return _MEDIA_TYPE_OF.get(self.code, "application/octet-stream")


def accepted_types() -> dict[str, FileType]:
    """The file types the Woo-index accepts, by code (`PDF`, `DOCX`, `7Z`)."""
    return {
        v.uri.rsplit("/", 1)[-1].upper(): FileType(v.uri.rsplit("/", 1)[-1].upper(), v.uri, v.label)
        for v in list_values("bestandsformaten")
    }


_ACCEPTED = accepted_types()


def type_of_code(code: str) -> FileType | None:
    return _ACCEPTED.get(code.upper())


def type_of_uri(uri: str | None) -> FileType | None:
    if not uri:
        return None
    return next((t for t in _ACCEPTED.values() if t.uri == uri), None)


def _extension_of(name: str | None) -> str:
    if not name:
        return ""
    path = unquote(urlsplit(name).path) if "://" in name else name
    match = _EXTENSION.search(path.replace("\\", "/").rsplit("/", 1)[-1])
    return match.group(1).lower() if match else ""


def file_type(
    content_types: tuple[str | None, ...], names: tuple[str | None, ...]
) -> FileType | None:
    """The accepted type named by the first telling content type, else by an extension."""
    for content_type in content_types:
        media = (content_type or "").split(";", 1)[0].strip().lower()
        if not media or media in _GENERIC:
            continue
        code = _MEDIA_TYPES.get(media)
        return _ACCEPTED.get(code) if code else None  # a telling type that is not accepted
    for name in names:
        ext = _extension_of(name)
        if ext:
            return _ACCEPTED.get(_EXTENSIONS.get(ext, ext.upper()))
    return None


def shown_type(content_types: tuple[str | None, ...], names: tuple[str | None, ...]) -> str:
    """What the type was taken from, for the report of a document that cannot be exported."""
    for content_type in content_types:
        media = (content_type or "").split(";", 1)[0].strip().lower()
        if media and media not in _GENERIC:
            return media
    for name in names:
        ext = _extension_of(name)
        if ext:
            return f".{ext}"
    return "unknown"


__all__ = ["FileType", "accepted_types", "file_type", "shown_type", "type_of_code", "type_of_uri"]
