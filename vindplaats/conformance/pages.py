"""Reading one collection page by page: ORI-HTTP, the schema rules, ORI-PAGE-DUPLICATE,
ORI-PAGE-LINK and ORI-PAGE-UNSTABLE.

- The first page is `{base}/{collection}`; it must answer 200 JSON (else ORI-HTTP and the
  collection is not read further). A later page that does not answer 200 is ORI-PAGE-LINK (its
  `next` link fails), one that answers something other than JSON ORI-HTTP.
- `next` and `previous` must be absolute http(s) URLs of the same API; a `next` already read is
  a loop. These two fields are judged by ORI-PAGE-LINK alone (not again by ORI-SCHEMA's `uri`
  format), and a bad `next` ends the reading of the collection.
- A schema error inside `results[i]` is a finding on that record (its id), its field the path
  within the record (`aanvang`); one on the page itself, or in a record without an id, url or
  pid, is a finding on the collection (field `results[3].id`).
- The same record key on two pages, or twice on one, is ORI-PAGE-DUPLICATE (once per key).
- At the end the first page is read again: other keys or another order is ORI-PAGE-UNSTABLE.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from vindplaats.conformance.fetched import add_schema_errors
from vindplaats.conformance.records import record_key
from vindplaats.conformance.schemas import SchemaError

if TYPE_CHECKING:
    from vindplaats.conformance.feed import FeedCheck

_RESULT = re.compile(r"^results\[(\d+)\](?:\.(.*))?$")
LINKS = ("next", "previous")


def split(errors: list[SchemaError]) -> tuple[list[SchemaError], dict[int, list[SchemaError]]]:
    """The page's own errors, and per result index the errors within that record."""
    own: list[SchemaError] = []
    per: dict[int, list[SchemaError]] = {}
    for error in errors:
        if error.field.split(".", 1)[0].split("[", 1)[0] in LINKS:
            continue  # ORI-PAGE-LINK judges next and previous
        match = _RESULT.match(error.field)
        if match is None:
            own.append(error)
            continue
        inner = match.group(2) or ""
        per.setdefault(int(match.group(1)), []).append(
            SchemaError(error.rule, inner, error.expected, error.found)
        )
    return own, per


def _results(body: Any) -> list[Any]:
    results = body.get("results") if isinstance(body, dict) else None
    return results if isinstance(results, list) else []


def _page(check: FeedCheck, collection: str, url: str, body: Any, seen: dict[str, str]) -> None:
    validator = check.validator("page", collection)
    errors = validator.errors(body) if validator else []
    own, per = split(errors)
    add_schema_errors(check.report, own, collection, "", url)
    for index, record in enumerate(_results(body)):
        key = record_key(record)
        mine = per.get(index, [])
        if not isinstance(record, dict) or not key:  # no id to name it by: on the page
            at = f"results[{index}]"
            keyless = [
                SchemaError(e.rule, f"{at}.{e.field}" if e.field else at, e.expected, e.found)
                for e in mine
            ]
            add_schema_errors(check.report, keyless, collection, "", url)
            continue
        add_schema_errors(check.report, mine, collection, key, url)
        if key in seen:
            check.report.add(
                "ORI-PAGE-DUPLICATE",
                collection,
                key,
                expected="each record on one page, once",
                found=f"listed before on {seen[key]}",
                url=url,
            )
            continue
        seen[key] = url
        check.note_record(collection, record, {e.field for e in mine if e.field}, url)


def link_problem(check: FeedCheck, link: Any, visited: list[str]) -> str:
    if not isinstance(link, str):
        return "not a URL"
    if not check.in_api(link):
        return "not an absolute http(s) URL of the same API"
    if link in visited:
        return "a page already read (the links loop)"
    return ""


def link_finding(
    check: FeedCheck, collection: str, name: str, link: Any, problem: str, url: str
) -> None:
    check.report.add(
        "ORI-PAGE-LINK",
        collection,
        "",
        field=name,
        expected=f"{name}: an absolute http(s) URL of {check.base} that answers 200",
        found=f"{str(link)[:200]!r}: {problem}",
        url=url,
    )


def read_collection(check: FeedCheck, collection: str) -> bool:
    """Read every page of `collection`; whether its first page answered 200 JSON."""
    first = f"{check.base}/{collection}"
    check.report.item(collection, "")
    url, visited, seen = first, [first], {}  # type: tuple[str, list[str], dict[str, str]]
    while True:
        if len(visited) > check.client.limits.max_pages:
            check.report.add(
                "ORI-CHECK-INCOMPLETE",
                collection,
                expected=f"every page read (at most {check.client.limits.max_pages} per "
                "collection)",
                found=f"more pages after page {check.client.limits.max_pages}; not read",
                url=url,
            )
            break
        fetched = check.fetch(url, collection)
        if fetched.problem == "status" and url != first:
            link_finding(check, collection, "next", url, fetched.answer.describe(), visited[-2])
            return True
        if fetched.problem:
            check.http_finding(fetched, collection)
            return url != first
        body = fetched.body
        _page(check, collection, url, body, seen)
        links = body if isinstance(body, dict) else {}
        previous = links.get("previous")
        if previous is not None and not check.in_api(str(previous)):
            link_finding(check, collection, "previous", previous, "not a URL of the same API", url)
        link = links.get("next")
        if link is None or link == "":
            check.feed.complete.add(collection)
            break
        problem = link_problem(check, link, visited)
        if problem:
            link_finding(check, collection, "next", link, problem, url)
            break
        url = str(link)
        visited.append(url)
    _reread(check, collection, first)
    return True


def _reread(check: FeedCheck, collection: str, first: str) -> None:
    before = [record_key(r) for r in _results(check.fetch(first, collection).body)]
    again = check.fetch(first, collection, fresh=True)
    if again.problem:
        check.http_finding(again, collection)
        return
    after = [record_key(r) for r in _results(again.body)]
    if after != before:
        check.report.add(
            "ORI-PAGE-UNSTABLE",
            collection,
            "",
            expected=f"the same {len(before)} records in the same order on a second read",
            found=f"{len(after)} records, {len(set(after) ^ set(before))} of them different"
            if set(after) != set(before)
            else "the same records in another order",
            url=first,
        )
