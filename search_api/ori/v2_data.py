"""What `/ori/v2/` serves: the store's live council records as a `Catalogue`, kept a few seconds.

Building the collections reads every live record of the ORI record types (a page of 1,000 at a
time, `Store.ori_records_page`) and which documents have a stored original. The result is kept
(per public base URL) until the store's `ori_fingerprint` changes, which is asked at most every
`TTL` seconds: paging through a collection reads the store once, the pages of one walk agree,
and a change is served at most `TTL` seconds (plus the time to read the store) later; a
record taken down or restored is served so at once (the ids taken down are asked every time).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from normalize.record_enums import DownloadStatus
from normalize.records import Record
from search_api.services import Services
from vindplaats.ori.ori2_collections import Catalogue
from vindplaats.ori.ori2_corpus import RECORD_TYPES, Corpus, Links

TTL = 10.0
READ_PAGE = 1000
BASE_PATH = "/ori/v2"


def read_corpus(svc: Services) -> Corpus:
    store = svc.store
    records: list[tuple[Record, datetime]] = []
    for record_type in RECORD_TYPES:
        after = ""
        while page := store.ori_records_page(record_type, after=after, limit=READ_PAGE):
            records += page
            after = page[-1][0].id
    stored = [
        state.id
        for state in store.iter_document_states(download_status=DownloadStatus.OK)
        if state.sha256 is not None and svc.blobs.exists(state.sha256)
    ]
    failed = [s.id for s in store.iter_document_states(download_status=DownloadStatus.FAILED)]
    return Corpus.build(datetime.now(UTC), store.list_sources(), records, stored, failed)


class CatalogueCache:
    """The catalogue of the store, read again when its fingerprint changed (asked at most
    every `ttl` seconds)."""

    def __init__(self, ttl: float = TTL) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._corpus: tuple[float, str, Corpus] | None = None
        self._catalogues: dict[str, Catalogue] = {}
        self._down: frozenset[str] = frozenset()

    def catalogue(self, svc: Services, site: str) -> Catalogue:
        with self._lock:
            now = time.monotonic()
            down = svc.store.taken_down_ids()  # a takedown or restore is served at once
            if self._corpus is None or down != self._down or now - self._corpus[0] > self.ttl:
                self._down = down
                fingerprint = svc.store.ori_fingerprint()
                if self._corpus is not None and self._corpus[1] == fingerprint:
                    self._corpus = (now, fingerprint, self._corpus[2])
                else:
                    self._corpus = (now, fingerprint, read_corpus(svc))
                    self._catalogues = {}
            found = self._catalogues.get(site)
            if found is None:
                links = Links(api=site + BASE_PATH, site=site)
                found = self._catalogues[site] = Catalogue(self._corpus[2], links)
            return found
