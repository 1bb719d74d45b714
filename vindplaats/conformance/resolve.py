"""Following what the listed records point at: their own URL, their references, their files.

- ORI-URL-SELF: a record's `url` must answer 200 with that same record (same key). A record
  without a usable `url` is read at `{base}/{collection}/{id}` instead; an answer there that is
  not 200 JSON is ORI-HTTP. A record with neither is not read again. Either answer is
  validated against the record schema (a fault the page showed already is the same finding,
  kept once).
- ORI-REF-BROKEN: a reference to a record that does not answer, or to another collection than
  its field names. A reference to a record no page of a completely read collection lists, but
  that answers 200 JSON, is ORI-PAGE-GAP on the referred record (not broken: a gap in paging).
- ORI-FILE-DOWNLOAD / ORI-FILE-TYPE: `link` of an informatieobject or mediabron must answer
  2xx, with the Content-Type `formaat` / `mimetype` declares (when it declares one). These
  findings, and ORI-SIZE for a file over the cap, are on the record (its collection and id),
  field `link`.
"""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from vindplaats.conformance.fetched import Fetched, add_schema_errors, same_url
from vindplaats.conformance.records import Reference, record_key

if TYPE_CHECKING:
    from vindplaats.conformance.feed import FeedCheck, Listed


def _validate_record(check: FeedCheck, collection: str, key: str, fetched: Fetched) -> None:
    validator = check.validator("record", collection)
    if validator is not None and fetched.body is not None:
        add_schema_errors(
            check.report, validator.errors(fetched.body), collection, key, fetched.answer.url
        )


def check_self(check: FeedCheck, collection: str, key: str, listed: Listed) -> None:
    url = listed.record.get("url")
    if not isinstance(url, str) or "url" in listed.rejected or not url.strip():
        ident = listed.record.get("id")
        if not isinstance(ident, str | int) or "id" in listed.rejected or not str(ident):
            return  # nothing to ask for (a mini-ORI informatieobject may have only a pid)
        by_id = f"{check.base}/{collection}/{ident}"
        fetched = check.fetch(by_id, collection, key)
        check.http_finding(fetched, collection, key)
        _validate_record(check, collection, key, fetched)
        return
    fetched = check.fetch(url, collection, key)
    if fetched.problem == "size":
        return
    answered = record_key(fetched.body) if not fetched.problem else ""
    if answered != key:
        found = fetched.answer.describe()
        if fetched.problem in ("type", "json"):
            found += ", not a JSON record"
        elif not fetched.problem:
            found = f"the record {answered or '(without id)'}"
        check.report.add(
            "ORI-URL-SELF",
            collection,
            key,
            field="url",
            expected=f"HTTP 200 with the record {key}",
            found=found,
            url=url,
        )
        return
    _validate_record(check, collection, key, fetched)


def _collection_of(check: FeedCheck, url: str) -> str:
    """The collection a URL of the API names (`{base}/{collection}/{id}`), else ""."""
    if not check.in_api(url):
        return ""
    rest = urlsplit(url).path[len(urlsplit(check.base).path.rstrip("/")) :].strip("/")
    parts = rest.split("/")
    return parts[0] if len(parts) == 2 else ""


def _broken(check: FeedCheck, at: tuple[str, str, Reference, str], found: str, url: str) -> None:
    collection, key, reference, _ = at
    check.report.add(
        "ORI-REF-BROKEN",
        collection,
        key,
        field=reference.field,
        expected=f"a record of {reference.collection}",
        found=found,
        url=url,
    )


def _resolve(check: FeedCheck, at: tuple[str, str, Reference, str]) -> None:
    _, _, reference, _ = at
    target = reference.target
    is_url = urlsplit(target).scheme in ("http", "https")
    url = target if is_url else f"{check.base}/{reference.collection}/{target}"
    known = check.feed.by_url.get(same_url(url))
    if known is not None:
        if known[0] != reference.collection:
            _broken(check, at, f"a record of {known[0]}", url)
        return
    named = _collection_of(check, url)
    if named and named != reference.collection:
        _broken(check, at, f"a URL of {named}", url)
        return
    fetched = check.fetch(url, reference.collection)
    if fetched.problem == "size":
        return
    if fetched.problem:
        _broken(check, at, fetched.answer.describe(), url)
        return
    if reference.collection in check.feed.complete and check.in_api(url):
        found_key = record_key(fetched.body) or url
        check.report.add(
            "ORI-PAGE-GAP",
            reference.collection,
            found_key,
            expected=f"the record listed on a page of {reference.collection}",
            found="it answers at its URL, but no page lists it",
            url=url,
        )


def check_references(check: FeedCheck) -> None:
    for at in check.feed.references:
        _resolve(check, at)


def declared_type(value: str) -> str | None:
    """The MIME type a `formaat`/`mimetype` declares: itself, or the type of an extension
    (`pdf`); None when it declares none that can be compared."""
    text = value.strip().lower()
    if "/" in text and " " not in text and not text.startswith("http"):
        return text.split(";", 1)[0].strip()
    if text.isalnum() and len(text) <= 5:
        guessed, _ = mimetypes.guess_type(f"file.{text}", strict=False)
        return guessed
    return None


def check_files(check: FeedCheck, collection: str, key: str, listed: Listed) -> None:
    link = listed.record.get("link")
    if not isinstance(link, str) or not link.strip() or "link" in listed.rejected:
        return
    answer = check.client.get(link, collection, key, field="link", file=True)
    if answer.over_cap:
        return
    if not 200 <= answer.status < 300:
        check.report.add(
            "ORI-FILE-DOWNLOAD",
            collection,
            key,
            field="link",
            expected="HTTP 2xx with the file",
            found=answer.describe(),
            url=link,
        )
        return
    for name in ("formaat", "mimetype"):
        value = listed.record.get(name)
        declared = declared_type(value) if isinstance(value, str) else None
        if declared and name not in listed.rejected and declared != answer.content_type:
            check.report.add(
                "ORI-FILE-TYPE",
                collection,
                key,
                field="link",
                expected=f"Content-Type {declared} (as {name} declares)",
                found=f"Content-Type {answer.content_type or '(none)'}",
                url=link,
            )
            return
