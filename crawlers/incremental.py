"""The modified-since pass of a spider whose supplier has no modified-since feed.

Such a supplier lists its items by date only (NotuBiz events, Parlaeus `agenda_list`), with a
last-modified stamp per listed item. The pass lists the dates from `history_from` up to the
window (`scan_range`) and fetches only the items changed after `modified_since`
(`changed_after`, counted as `modified_items`; a listed item without a stamp cannot be judged
and is counted as `modified_unknown`). Items inside the window are read in full anyway.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from crawlers.base import BaseSupplierSpider
from crawlers.counts import MODIFIED_ITEMS, MODIFIED_UNKNOWN


def scan_range(spider: BaseSupplierSpider) -> tuple[date, date] | None:
    """The dates before the window to list, or None when this crawl has no such pass (no
    `modified_since`, or the window starts at the beginning of the source's history)."""
    if spider.modified_since is None or spider.history_from >= spider.window_from:
        return None
    return spider.history_from, spider.window_from - timedelta(days=1)


def changed_after(spider: BaseSupplierSpider, stamp: datetime | None) -> bool:
    """Whether an item listed outside the window changed after `modified_since` (counted)."""
    if stamp is None:
        spider.counts[MODIFIED_UNKNOWN] += 1
        return False
    if spider.modified_since is not None and stamp <= spider.modified_since:
        return False
    spider.counts[MODIFIED_ITEMS] += 1
    return True
