"""The check of an ORI feed (`mini-ori`, `ori-2`, `ori-events`), in phases, cheapest first:

1. every collection of the standard's document, page by page (`pages.read_collection`): the
   pages' schema, duplicates, next/previous links, then the first page read a second time;
2. `ori-events`: the event feed (`events.check_events`);
3. every listed record's own `url` (ORI-URL-SELF; a record without one: its address by id,
   `{base}/{collection}/{id}`, ORI-HTTP), validated against the record schema;
4. every reference (ORI-REF-BROKEN; a record that answers but no page lists: ORI-PAGE-GAP,
   judged only for collections whose paging was read to the end);
5. the file links of informatieobjecten and mediabronnen (ORI-FILE-DOWNLOAD, ORI-FILE-TYPE).

Every answer is fetched once (a cache by URL), except the deliberate second read of a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from vindplaats.conformance.client import Client
from vindplaats.conformance.events import check_events
from vindplaats.conformance.fetched import Fetched, same_url
from vindplaats.conformance.pages import read_collection
from vindplaats.conformance.records import Reference, problems, record_key, references
from vindplaats.conformance.report import Report, masked
from vindplaats.conformance.resolve import check_files, check_references, check_self
from vindplaats.conformance.schemas import Schemas, Validator
from vindplaats.settings import Settings

FILE_COLLECTIONS = ("informatieobjecten", "mediabronnen")


class NothingAnswers(Exception):
    """Nothing at the base answers like an API of the standard."""


@dataclass
class Listed:
    record: dict[str, Any]
    rejected: set[str]  # fields the schema rejected
    page: str  # URL of the page listing it


@dataclass
class Feed:
    """What was read so far."""

    listed: dict[str, dict[str, Listed]] = field(default_factory=dict)  # collection -> key ->
    by_url: dict[str, tuple[str, str]] = field(default_factory=dict)  # URL -> (collection, key)
    complete: set[str] = field(default_factory=set)  # collections read to their last page
    references: list[tuple[str, str, Reference, str]] = field(default_factory=list)


class FeedCheck:
    def __init__(
        self, url: str, standard: str, settings: Settings, client: Client, report: Report
    ) -> None:
        self.base = same_url(url)
        self.standard = standard
        self.schemas = Schemas(standard, settings.xsd_dir)  # type: ignore[arg-type]
        self.client = client
        self.report = report
        self.feed = Feed()
        self._cache: dict[str, Fetched] = {}

    def fetch(self, url: str, resource: str, record: str = "", *, fresh: bool = False) -> Fetched:
        """GET a JSON answer (once per URL unless `fresh`) and judge its form."""
        key = same_url(url)
        if not fresh and key in self._cache:
            return self._cache[key]
        answer = self.client.get(url, resource, record)
        fetched = Fetched(answer)
        if answer.over_cap:
            fetched.problem = "size"
        elif answer.status != 200:
            fetched.problem = "status"
        elif not answer.is_json:
            fetched.problem = "type"
        else:
            try:
                fetched.body = json.loads(answer.body)
            except (ValueError, RecursionError):  # not JSON, or nested beyond reading
                fetched.problem = "json"
        self._cache[key] = fetched
        return fetched

    def http_finding(self, fetched: Fetched, resource: str, record: str = "") -> None:
        """ORI-HTTP for an answer that is not 200 JSON (a size warning says enough)."""
        if fetched.problem and fetched.problem != "size":
            expected = "HTTP 200 with a JSON body (Content-Type application/json)"
            found = fetched.answer.describe()
            if fetched.problem == "json":
                found += ", a body that is not JSON"
            self.report.add(
                "ORI-HTTP",
                resource,
                record,
                expected=expected,
                found=found,
                url=fetched.answer.url,
            )

    def note_record(
        self, collection: str, record: dict[str, Any], rejected: set[str], page: str
    ) -> None:
        """Keep a listed record; report what it says wrongly about itself."""
        key = record_key(record)
        self.feed.listed.setdefault(collection, {})[key] = Listed(record, rejected, page)
        self.report.item(collection, key)
        url = record.get("url")
        if isinstance(url, str) and "url" not in rejected:
            self.feed.by_url.setdefault(same_url(url), (collection, key))
        self.feed.by_url.setdefault(f"{self.base}/{collection}/{key}", (collection, key))
        for problem in problems(record, rejected):
            self.report.add(
                problem.rule,
                collection,
                key,
                field=problem.field,
                expected=problem.expected,
                found=problem.found,
                url=page,
            )
        for reference in references(record, rejected):
            self.feed.references.append((collection, key, reference, page))

    def run(self) -> None:
        if self.standard == "ori-events":
            if not check_events(self):
                raise NothingAnswers(f"nothing answers at {masked(self.base)}/events")
            return
        collections = self.schemas.collections()
        answered = [read_collection(self, name) for name in collections]
        if not any(answered):
            first = self._cache.get(f"{self.base}/{collections[0]}")
            found = first.answer.describe() if first else "nothing"
            base = masked(self.base)
            raise NothingAnswers(
                masked(
                    f"no collection of {self.standard} answers at {base} (e.g. "
                    f"{base}/{collections[0]}: {found}); give the API's base URL"
                )
            )
        for collection in collections:
            for key, listed in list(self.feed.listed.get(collection, {}).items()):
                check_self(self, collection, key, listed)
        check_references(self)
        for collection in FILE_COLLECTIONS:
            for key, listed in list(self.feed.listed.get(collection, {}).items()):
                check_files(self, collection, key, listed)

    def validator(self, kind: str, collection: str = "") -> Validator | None:
        if kind == "page":
            return self.schemas.page(collection)
        if kind == "record":
            return self.schemas.record(collection)
        return self.schemas.events() if kind == "events" else self.schemas.event()

    def in_api(self, url: str) -> bool:
        """Whether `url` is an absolute http(s) URL under the API's base."""
        parts, base = urlsplit(url), urlsplit(self.base)
        return (
            parts.scheme in ("http", "https")
            and parts.scheme == base.scheme
            and parts.netloc.lower() == base.netloc.lower()
            and (parts.path + "/").startswith(base.path.rstrip("/") + "/")
        )
