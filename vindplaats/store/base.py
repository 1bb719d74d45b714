"""The store's contract: the `Store` protocol every backend implements (SQLite, PostgreSQL),
and the small types only it uses. Callers type against `Store`, never a backend class.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol

from pydantic import BaseModel

from normalize.records import (
    Document,
    Dossier,
    DownloadStatus,
    ExtractionStatus,
    Page,
    Record,
    Truncation,
)
from vindplaats.sources import Source
from vindplaats.store.models import (
    Backfill,
    Beat,
    DocumentState,
    HarvestRun,
    RunStatus,
    SupplierBlock,
)
from vindplaats.store.run_errors import ErrorLimits
from vindplaats.store.sql_accounts import Account, ApiToken
from vindplaats.store.sql_changes import IndexChange
from vindplaats.store.sql_conformance import ConformanceCheck
from vindplaats.store.sql_dashboard import MonthCount, ProblemDocuments
from vindplaats.store.sql_holdings import DocumentTally
from vindplaats.store.sql_maintenance import SourceHoldings, SourceRemoval
from vindplaats.store.sql_organisations import AuditEntry, Organisation, WooExportCheck
from vindplaats.store.sql_privacy import DocumentFlag, Takedown
from vindplaats.store.sql_registrations import Registration
from vindplaats.store.sql_reports import MissingReport, ReportLimit, ReportStatus, ReportWindow
from vindplaats.store.sql_stats import StoreStats


class SourceSchedule(BaseModel):
    """When a source is harvested: its own interval (None: the default) and when it is next due
    (None: due now, e.g. never harvested)."""

    key: str
    added_at: datetime
    harvest_interval: float | None = None
    next_due_at: datetime | None = None


class Store(Protocol):
    """Sources, their schedule, harvest runs, records, per-document state, pages, leases,
    supplier blocks, request budgets, watermarks and backfill cursors.

    Writes are short transactions; `transaction()` groups several (nested calls join it).
    Error text is bounded on the way in and out by `error_limits` (`run_errors`).
    """

    error_limits: ErrorLimits

    def transaction(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...

    def clock(self) -> datetime: ...

    # sources and their schedule
    def upsert_source(self, source: Source) -> bool: ...

    def get_source(self, key: str) -> Source: ...

    def list_sources(self) -> list[Source]: ...

    def set_harvest_interval(self, key: str, seconds: float | None) -> None: ...

    def mark_due(self, key: str) -> None: ...

    def schedule_next(self, key: str, default_interval: float) -> datetime: ...

    def due_sources(self, limit: int | None = None) -> list[str]: ...

    def source_schedules(self) -> list[SourceSchedule]: ...

    # harvest runs
    def start_run(
        self, source_key: str, window_from: date | None = None, window_until: date | None = None
    ) -> HarvestRun: ...

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        counts: dict[str, int],
        errors: list[str],
        watermark: datetime | None = None,
    ) -> HarvestRun: ...

    def get_run(self, run_id: int) -> HarvestRun: ...

    def list_runs(self, source_key: str | None = None, limit: int = 20) -> list[HarvestRun]: ...

    def last_run(self, source_key: str, status: RunStatus | None = None) -> HarvestRun | None: ...

    def last_completed_run(self, source_key: str) -> HarvestRun | None: ...

    # records
    def upsert_record(self, record: Record) -> bool: ...

    def version_key(self, document: Document) -> str: ...

    def get_record(self, record_id: str) -> Record: ...

    def iter_records(
        self, record_type: str, source_key: str | None = None, meeting_id: str | None = None
    ) -> Iterator[Record]: ...

    def count_records(self, source_key: str | None = None) -> dict[str, int]: ...

    def iter_documents_with_states(
        self, source_key: str, page_size: int = 500
    ) -> Iterator[tuple[Document, DocumentState | None]]: ...

    def withdrawn_record_ids(self, record_type: str, source_key: str | None = None) -> set[str]: ...

    # the ORI API's ids (`sql_ori`): UUID → record id, and live records a page at a time
    def record_ids_for_ori_uuids(self, uuids: Sequence[str]) -> dict[str, str]: ...

    def ori_records_page(
        self, record_type: str, *, after: str = "", limit: int = 1000
    ) -> list[tuple[Record, datetime]]: ...

    def ori_fingerprint(self) -> str: ...

    # conformance checks of suppliers' feeds started over the API (`sql_conformance`)
    def create_check(
        self, check_id: str, url: str, standard: str, max_requests: int | None
    ) -> ConformanceCheck: ...

    def get_check(self, check_id: str) -> ConformanceCheck | None: ...

    def check_report(self, check_id: str, fmt: str) -> str | None: ...

    def start_check(self, check_id: str) -> bool: ...

    def check_progress(self, check_id: str, progress: str) -> None: ...

    def touch_checks(self, check_ids: list[str]) -> None: ...

    def finish_check(
        self, check_id: str, reports: dict[str, str], errors: int, warnings: int
    ) -> bool: ...

    def fail_check(self, check_id: str, reason: str) -> bool: ...

    def fail_stale_checks(self, older_than: float, reason: str) -> int: ...

    def pending_checks(self) -> int: ...

    # organisations, the sources linked to them, the audit log, Woo-index export validations
    def upsert_organisation(
        self, key: str, name: str, organisation_type: str, tooi_uri: str | None = None
    ) -> Organisation: ...

    def get_organisation(self, key: str) -> Organisation | None: ...

    def list_organisations(self) -> list[Organisation]: ...

    def link_source(self, source_key: str, organisation_key: str) -> None: ...

    def source_links(self) -> dict[str, str]: ...

    def add_audit(
        self,
        actor: str,
        action: str,
        *,
        organisation_key: str | None = None,
        subject: str = "",
        detail: dict[str, Any] | None = None,
    ) -> None: ...

    def audit_entries(
        self,
        organisation_key: str | None = None,
        limit: int = 100,
        *,
        before_id: int | None = None,
    ) -> list[AuditEntry]: ...

    def save_woo_export_check(
        self, organisation_key: str, *, valid: bool, errors: int, documents: int, detail: str = ""
    ) -> WooExportCheck: ...

    def woo_export_checks(self) -> dict[str, WooExportCheck]: ...

    # accounts, one-time links, sessions, API tokens, sign-in attempts (`sql_accounts`)
    def create_account(
        self, account_id: str, email: str, role: str, organisation_key: str | None
    ) -> Account: ...

    def account_by_email(self, email: str) -> Account | None: ...

    def get_account(self, account_id: str) -> Account | None: ...

    def list_accounts(self) -> list[Account]: ...

    def set_password_hash(self, account_id: str, password_hash: str) -> None: ...

    def record_failed_login(self, account_id: str, lock_after: int, lock_seconds: float) -> int: ...

    def record_login(self, account_id: str) -> None: ...

    def set_account_disabled(self, account_id: str, disabled: bool) -> None: ...

    def unlock_account(self, account_id: str) -> None: ...

    def create_link(self, token_hash: str, account_id: str, purpose: str, ttl: float) -> None: ...

    def use_link(self, token_hash: str) -> str | None: ...

    def link_valid(self, token_hash: str) -> str | None: ...

    def create_session(
        self, id_hash: str, account_id: str, csrf_token: str, ttl: float
    ) -> None: ...

    def session(self, id_hash: str, idle: float) -> tuple[Account, str] | None: ...

    def delete_session(self, id_hash: str) -> None: ...

    def create_api_token(
        self, token_id: str, organisation_key: str, token_hash: str, label: str, created_by: str
    ) -> ApiToken: ...

    def api_token_by_hash(self, token_hash: str) -> ApiToken | None: ...

    def api_tokens(self, organisation_key: str) -> list[ApiToken]: ...

    def revoke_api_token(self, organisation_key: str, token_id: str) -> bool: ...

    def add_login_attempt(self, email: str, client: str, ok: bool) -> None: ...

    def recent_login_attempts(self, client: str, seconds: float) -> int: ...

    # source registrations by organisations' editors (`sql_registrations`)
    def create_registration(
        self, organisation_key: str, source_key: str, config: str, created_by: str
    ) -> Registration: ...

    def get_registration(self, registration_id: str) -> Registration | None: ...

    def list_registrations(
        self, organisation_key: str | None = None, statuses: Sequence[str] = ()
    ) -> list[Registration]: ...

    def registration_source_keys(self) -> set[str]: ...

    def save_registration_config(
        self, registration_id: str, source_key: str, config: str, expect: Sequence[str]
    ) -> Registration | None: ...

    def start_registration_verification(
        self, registration_id: str, expect: Sequence[str], stale_after: float
    ) -> Registration | None: ...

    def finish_registration_verification(
        self, registration_id: str, verification: dict[str, Any]
    ) -> Registration | None: ...

    def submit_registration(
        self, registration_id: str, verification: dict[str, Any]
    ) -> Registration | None: ...

    def decide_registration(
        self, registration_id: str, approved: bool, decided_by: str, reason: str
    ) -> Registration | None: ...

    # "Mist u een stuk?" reports of missing documents (`sql_reports`)
    def add_missing_report(
        self,
        report_id: str,
        organisation_key: str,
        subject: tuple[str, str],
        message: str,
        contact: str | None,
        client: str,
        limits: tuple[ReportLimit, ReportLimit],
    ) -> MissingReport | None: ...

    def missing_report_window(
        self, window: float, *, client: str | None = None, organisation_key: str | None = None
    ) -> ReportWindow: ...

    def get_missing_report(self, report_id: str) -> MissingReport | None: ...

    def missing_reports(
        self, organisation_key: str, *, status: ReportStatus | None = None, limit: int = 100
    ) -> list[MissingReport]: ...

    def missing_report_counts(self, organisation_key: str) -> dict[str, int]: ...

    def answer_missing_report(
        self, report_id: str, answer: str, answered_by: str, *, close: bool
    ) -> MissingReport | None: ...

    # documents flagged for review, and takedowns (`sql_privacy`)
    def flag_document(
        self, document_id: str, source_key: str, reason: str, detail: dict[str, Any]
    ) -> DocumentFlag: ...

    def unflag_document(self, document_id: str) -> bool: ...

    def review_flag(self, document_id: str, reviewed_by: str) -> DocumentFlag | None: ...

    def get_flag(self, document_id: str) -> DocumentFlag | None: ...

    def document_flags(
        self,
        source_keys: Sequence[str] | None = None,
        *,
        reviewed: bool | None = None,
        limit: int = 200,
    ) -> list[DocumentFlag]: ...

    def take_down(
        self, record_id: str, source_key: str, reason: str, taken_by: str
    ) -> Takedown: ...

    def restore_record(self, record_id: str, restored_by: str) -> Takedown | None: ...

    def get_takedown(self, record_id: str) -> Takedown | None: ...

    def taken_down_ids(self) -> frozenset[str]: ...

    def takedowns(
        self,
        source_keys: Sequence[str] | None = None,
        *,
        active: bool | None = True,
        limit: int = 200,
    ) -> list[Takedown]: ...

    # the organisation dashboard (sql_dashboard)
    def monthly_counts(self, source_keys: Sequence[str]) -> list[MonthCount]: ...

    def problem_documents(
        self, source_keys: Sequence[str], limit: int = 50
    ) -> ProblemDocuments: ...

    # the national monitor (sql_monitor)
    def recent_runs(self, per_source: int) -> dict[str, list[HarvestRun]]: ...

    def last_completed_runs(self) -> dict[str, HarvestRun]: ...

    # Woo-besluit dossiers (records of type `dossier`) and the documents each holds
    def save_dossier(self, dossier: Dossier) -> bool: ...

    def dossiers_of(self, document_id: str) -> list[str]: ...

    # document state and pages
    def get_document_state(self, doc_id: str) -> DocumentState: ...

    def iter_document_states(
        self,
        source_key: str | None = None,
        *,
        download_status: DownloadStatus | None = None,
        extraction_status: ExtractionStatus | None = None,
        indexed: bool | None = None,
    ) -> Iterator[DocumentState]: ...

    def record_download(
        self, doc_id: str, *, sha256: str, size: int, content_type: str | None
    ) -> None: ...

    def record_download_failure(self, doc_id: str, error: str) -> None: ...

    def record_extraction(
        self,
        doc_id: str,
        *,
        status: ExtractionStatus,
        pages: list[Page],
        agent: str | None,
        route: str | None = None,
        error: str | None = None,
        warnings: list[str] | None = None,
        truncation: Truncation | None = None,
    ) -> None: ...

    def get_pages(self, doc_id: str) -> list[Page]: ...

    def mark_indexed(self, doc_ids: list[str]) -> None: ...

    def mark_withdrawn(self, record_ids: list[str]) -> None: ...

    # the change log of the search index (`sql_changes`): written by mark_indexed,
    # mark_withdrawn, upsert_record (motions, votes) and remove_source
    def changes_since(self, after: int, limit: int) -> list[IndexChange]: ...

    def document_counts(self, source_key: str | None = None) -> dict[str, int]: ...

    def stats(self) -> StoreStats: ...

    # what an organisation's page shows (`sql_holdings`)
    def document_tally(self, source_key: str) -> DocumentTally: ...

    def documents_held(self) -> dict[str, int]: ...

    def latest_records(
        self, record_type: str, source_key: str, date_field: str, limit: int
    ) -> list[Record]: ...

    # upkeep: removing a source, re-extraction without recrawling (`sql_maintenance`)
    def source_holdings(self, key: str) -> SourceHoldings: ...

    def remove_source(self, key: str, *, purge: bool = False) -> SourceRemoval: ...

    def reextraction_candidates(
        self,
        source_key: str | None = None,
        *,
        statuses: Sequence[ExtractionStatus] = (),
        ocr_unavailable: bool = False,
    ) -> dict[str, list[str]]: ...

    def reset_extraction(self, doc_ids: Sequence[str]) -> int: ...

    # leases
    def acquire_lease(self, name: str, holder: str, ttl: float) -> bool: ...

    def renew_lease(self, name: str, holder: str, ttl: float) -> bool: ...

    def release_lease(self, name: str, holder: str) -> None: ...

    def lease_holder(self, name: str) -> str | None: ...

    # heartbeats (rows of the leases table, `vindplaats.heartbeat`)
    def beat(self, name: str, holder: str, ttl: float) -> None: ...

    def beats(self, prefix: str) -> list[Beat]: ...

    def prune_beats(self, prefix: str) -> int: ...

    # supplier blocks and request budgets
    def block_supplier(self, supplier: str, seconds: float, reason: str) -> SupplierBlock: ...

    def unblock_supplier(self, supplier: str) -> bool: ...

    def supplier_block(self, supplier: str) -> SupplierBlock | None: ...

    def supplier_blocks(self) -> list[SupplierBlock]: ...

    def reserve_request(self, name: str, interval: float) -> float: ...

    def hold_requests(self, name: str, seconds: float) -> None: ...

    # incremental harvesting: watermark, backfill cursor, re-check and withdrawal
    def get_watermark(self, source_key: str) -> datetime | None: ...

    def set_watermark(self, source_key: str, value: datetime | None) -> None: ...

    def get_backfill(self, source_key: str) -> Backfill | None: ...

    def start_backfill(
        self, source_key: str, range_from: date, range_until: date, chunk_months: int
    ) -> Backfill: ...

    def advance_backfill(self, source_key: str, next_from: date) -> Backfill: ...

    def finish_backfill(self, source_key: str) -> Backfill: ...

    def last_covering_run(self, source_key: str) -> HarvestRun | None: ...

    def unseen_records(
        self, source_key: str, *, seen_since: datetime, window_from: date, window_until: date
    ) -> list[tuple[str, str]]: ...

    def unseen_listed(self, source_key: str, *, seen_since: datetime) -> list[tuple[str, str]]: ...

    def withdrawn_since(self, record_id: str) -> datetime | None: ...

    def seen_meetings(
        self, source_key: str, *, seen_since: datetime, window_from: date, window_until: date
    ) -> int: ...


__all__ = ["SourceSchedule", "Store"]
