"""When to ask the next page of a GemeenteOplossingen v2 list: a pure decision per page.

v2 lists page with `limit`/`offset` and announce `result.totalCount`, but an installation may
cap `limit` lower than asked, ignore `offset` (every page is the first one), ignore paging
altogether (the whole list at once), leave `totalCount` out, or announce a wrong one. The rule
never loops and never stops while an item may still come:

- the next page is asked only when this page brought a meeting not seen before, at the offset
  just after what came (`offset + len(page)`), so offsets strictly grow;
- it is asked when the page was as long as `limit`, or when `totalCount` announces more than
  was seen; without a trustworthy `totalCount` (absent, or already exceeded by what came) also
  after the first page (a short first page may be the server's own cap) and after a page as long
  as the first one (the server's page size);
- it stops on an empty page, on a page that repeats what came (offset ignored), on a page
  shorter than the server's page size, and on a short page once `totalCount` is reached.

How the list ended is judged against `totalCount`: fewer meetings than announced, or a repeated
page without a `totalCount` confirming everything came, is an error (the run is partial, so
nothing is marked withdrawn); more meetings than announced is a note (nothing was lost).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageStep:
    """The decision after one page: ask `next_offset` (None: the list ended), and what to
    record: `error` (items may be missing) or `note` (the server's answers were odd)."""

    next_offset: int | None
    error: str | None = None
    note: str | None = None


def next_page(
    *,
    page: int,
    offset: int,
    limit: int,
    first_len: int,
    got: int,
    new: int,
    seen: int,
    total: int | None,
) -> PageStep:
    """Decide after page `page` (1-based) asked at `offset` with `limit`: `got` meetings came,
    `new` of them not seen before; `seen` distinct meetings so far; `first_len` the length of
    page 1; `total` the page's `totalCount` (None when absent or unreadable)."""
    announced = f"totalCount {total}" if total is not None else "no totalCount"
    if got == 0 or new == 0:
        what = "an empty page" if got == 0 else "a page repeating earlier meetings"
        if total is not None and seen < total:
            return PageStep(
                None,
                error=f"the meeting list ended with {what} at offset {offset} after {seen} "
                f"meetings, but {announced} was announced",
            )
        if got and total is None:
            return PageStep(
                None,
                error=f"the meeting pages repeat at offset {offset} (the server ignores offset) "
                f"and {announced} tells whether the {seen} meetings read are all",
            )
        return _ended(seen, total, what)
    trusted = total if total is not None and seen <= total else None  # more came: it lies
    as_long_as_first = page > 1 and got >= first_len
    if got >= limit or (trusted is not None and seen < trusted):
        return PageStep(offset + got)
    if trusted is None and (page == 1 or as_long_as_first):
        return PageStep(offset + got)
    return _ended(seen, total, "a short page")


def _ended(seen: int, total: int | None, what: str) -> PageStep:
    if total is not None and seen > total:
        return PageStep(
            None, note=f"the meeting list ended with {what}: {seen} meetings, totalCount {total}"
        )
    return PageStep(None)
