"""What the routes read from: the store, the originals and the engine, opened once per app."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from starlette.requests import Request

from normalize.ids import parse_id
from search_api.takedown_hiding import HidingEngine
from vindplaats.engine import open_engine
from vindplaats.engine.base import Engine
from vindplaats.errors import NotFound
from vindplaats.settings import Settings
from vindplaats.store import BlobStore, Store, open_blobs, open_store


@dataclass
class Services:
    settings: Settings
    store: Store
    blobs: BlobStore
    engine: Engine

    @classmethod
    def open(cls, settings: Settings) -> Services:
        store = open_store(settings)
        try:
            engine = open_engine(settings)
        except BaseException:
            store.close()
            raise
        hiding = HidingEngine(engine, store)  # taken-down records are in no answer
        return cls(settings=settings, store=store, blobs=open_blobs(settings), engine=hiding)

    def close(self) -> None:
        self.engine.close()
        self.store.close()


def services(request: Request) -> Services:
    found = request.app.state.services
    assert isinstance(found, Services)
    return found


def checked_id(record_id: str, record_type: str) -> str:
    """The id if it is a well-formed id of that record type; NotFound otherwise."""
    shown = record_id if len(record_id) <= 200 else record_id[:200] + "…"
    try:
        record_id.encode("utf-8")
        kind = parse_id(record_id)[0]
    except (ValueError, UnicodeEncodeError):
        raise NotFound(f"no {record_type} with id {shown!r}") from None
    if kind != record_type or any(ord(c) < 32 or ord(c) == 127 for c in record_id):
        raise NotFound(f"no {record_type} with id {shown!r}")
    return record_id


def document_path(doc_id: str) -> str:
    return "/api/documents/" + quote(doc_id, safe=":")


def dossier_path(dossier_id: str) -> str:
    return "/api/dossiers/" + quote(dossier_id, safe=":")


def motion_path(motion_id: str) -> str:
    return "/api/motions/" + quote(motion_id, safe=":")


def file_path(doc_id: str) -> str:
    return document_path(doc_id) + "/file"
