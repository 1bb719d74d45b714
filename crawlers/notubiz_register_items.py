"""`NotubizRegisterItems`: the registers part of the NotuBiz spider.

`/organisations/{id}/modules` names the registers (NotuBiz's `name` and the municipality's
`custom_name`); register items arrive two ways: every `module_items[].self` a meeting or agenda
item links to (links are always `modules/0/items/<id>`; the item's `module_id` names its
register), and each register's items in the window
(`/organisations/{id}/modules/{m}/items?date_from&date_to`, paged by
`pagination{list_start, list_end, total_results}`), so entries no meeting links to are harvested
too. Either way an item is one RegisterEntry, emitted in the best context it was seen in, and
items read before the register list wait for it. Items of a motion register
(`Register.holds_motions`, or a Type attribute saying Motie/Amendement) are Motions too
(`crawlers.notubiz_motions`), counted as `motions`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers.contexts import Context, ContextTracker
from crawlers.notubiz_base import Json, NotubizBase, Output
from crawlers.notubiz_motions import TYPE_IDS, TYPE_LABELS, kind_of, motion_fields
from crawlers.notubiz_parse import listing, native_id
from crawlers.notubiz_registers import (
    Register,
    item_module_id,
    register_item_fields,
    registers,
)
from normalize.cleaners import clean_int
from normalize.records import RegisterEntry
from vindplaats.sources import Source


class NotubizRegisterItems(NotubizBase):
    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self._entries: ContextTracker[None] = ContextTracker()
        self._entry_data: dict[str, tuple[str, Json, list[Json], str]] = {}
        self._motion_data: dict[str, Json] = {}  # module item key → Motion fields
        self.registers: dict[str, Register] = {}
        self._linked: set[str] = set()  # register items fetched through a meeting's link
        self.modules_read = False  # until then, register items wait in `_pending`
        self._pending: list[tuple[Json, str]] = []

    # -- the register list --------------------------------------------------------------------
    def modules_request(self) -> Request:
        """The register list (asked after the events; items wait for it, see `register_item`)."""
        url = self.api_url(f"organisations/{self.organisation}/modules")
        return self.api_request(url, self.parse_modules, errback=self.no_modules, priority=-1)

    def parse_modules(self, response: Response) -> Output:
        """The registers; then every register's items in the window and the items that
        waited for the register names."""
        data = self.api_data(response)
        self.registers = registers(data) if data is not None else {}
        yield from self.modules_known()
        for module_id in self.registers:
            yield self.register_page_request(module_id, 1)

    def no_modules(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield from self.modules_known()

    def modules_known(self) -> Output:
        self.modules_read = True
        pending, self._pending = self._pending, []
        for item, url in pending:
            yield from self.register_item(item, url)

    # -- register items -----------------------------------------------------------------
    def register_page_request(self, module_id: str, page: int) -> Request:
        url = self.api_url(
            f"organisations/{self.organisation}/modules/{module_id}/items",
            date_from=f"{self.window_from.isoformat()} 00:00:00",
            date_to=f"{self.window_until.isoformat()} 23:59:59",
            page=page,
        )
        kwargs = {"module_id": module_id, "page": page}
        return self.api_request(url, self.parse_register_page, cb_kwargs=kwargs)

    def parse_register_page(
        self, response: Response, module_id: str, page: int, start: int = -1
    ) -> Output:
        """One page of a register's items. The next page is asked as `page=N+1` and only while
        `list_end < total_results`, the page has items and `list_start` moved on (a server
        that ignores `page` would otherwise repeat the first page for ever)."""
        data = self.api_data(response)
        if data is None:
            return
        items = listing(data, "items", "item")
        for item in items:
            yield from self.register_item(item, response.url)
        pagination = data.get("pagination") if isinstance(data, dict) else None
        if not isinstance(pagination, dict) or not items or page >= self.max_pages:
            return
        first = clean_int(pagination.get("list_start"))
        end = clean_int(pagination.get("list_end"))
        total = clean_int(pagination.get("total_results"))
        if first is None or end is None or total is None or first <= start or end >= total:
            return
        request = self.register_page_request(module_id, page + 1)
        request.cb_kwargs["start"] = first
        yield request

    def module_items(self, holder: Json, context: Context) -> Output:
        """The register items a meeting or agenda item links to (`modules/0/items/<id>`)."""
        for ref in listing(holder, "module_items", "module_item"):
            url = self.clean_link(ref.get("self"))
            ident = native_id(ref) or (
                urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] if url else None
            )
            if url is None or not ident:
                self.record_error(f"module item without a usable link: {ref.get('self')!r}")
                continue
            key = ident
            better = self._entries.add(key, context, None)
            if key not in self._linked:  # fetched even when a listing brought it: the same
                self._linked.add(key)  # requests whatever arrives first
                link = urlsplit(url)._replace(query="", fragment="").geturl()
                request_url = f"{link}?{urlencode(self.default_query)}"
                yield self.api_request(request_url, self.parse_module_item, cb_kwargs={"key": key})
            if better and key in self._entry_data:
                yield from self.register_entry(key)

    def parse_module_item(self, response: Response, key: str) -> Output:
        data = self.api_data(response)
        if data is None:
            return
        item = data.get("item", data) if isinstance(data, dict) else None
        if not isinstance(item, dict) or native_id(item) is None:
            self.supplier_error(response, "no register item in the response")
            return
        if key not in self._entry_data:  # a register listing may have brought it already
            yield from self.register_item(item, response.url)

    def register_item(self, item: Json, url: str) -> Output:
        """Read one item (from a listing or on its own) and emit its entry in its best context;
        `url` (where it was read) names it in errors only."""
        key = native_id(item)
        if key is None:
            self.record_error(f"register item without id in {url}")
            return
        if key in self._entry_data:
            return
        if not self.modules_read:  # its register's name and kind are not known yet
            self._pending.append((item, url))
            return
        module_id = item_module_id(item)
        register = self.registers.get(module_id or "")
        # the item's own address, whether it came from a listing or a meeting's link: the same
        # record whatever answer arrived first
        url = self.api_url(f"modules/{module_id or 0}/items/{key}")
        fields, docs, attributes = register_item_fields(item, self.labels, register)
        self.see_modified(fields.pop("last_modified"))
        self._entry_data[key] = (key, fields, self.public_documents(docs), url)
        kind = kind_of(attributes.text(TYPE_IDS, TYPE_LABELS))
        if (register.holds_motions if register is not None else kind is not None) or (
            register is None and kind_of(fields["register_name"]) is not None
        ):
            names = (register.title, register.name) if register is not None else ()
            self._motion_data[key] = motion_fields(item, fields, attributes, docs, names)
        if self._entries.add(key, Context(), None):
            yield from self.register_entry(key)

    def register_entry(self, key: str) -> Output:
        context, _ = self._entries.best(key)
        self._entries.emitted(key, context)
        ident, fields, docs, url = self._entry_data[key]
        entry = self.build(
            RegisterEntry,
            ident,
            **fields,
            organization_id=self.organization_id,
            meeting_id=context.meeting_id,
            agenda_item_id=context.agenda_item_id,
            document_ids=self.document_ids(docs),
            source_url=url,
        )
        if entry is None:
            return
        if entry.date is not None:
            self._entry_dates[entry.id] = entry.date
        yield entry
        doc_context = context.via_entry(entry.id, fields["register_name"])
        yield from self.sight_documents(docs, doc_context, url)
        yield from self.motion(key, entry, context)

    def motion(self, key: str, entry: RegisterEntry, context: Context) -> Output:
        """The Motion an entry of a motion register is too (same native id)."""
        fields = self._motion_data.get(key)
        if fields is None:
            return
        record = self.motion_record(entry.native_id, fields, entry, context, entry.source_url)
        if record is not None:
            yield record
