"""Conformance checks kept in the store (`sql_conformance`), on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets
import time

import pytest

from vindplaats.store import Store

REPORTS = {"json": '{"findings": []}', "junit": "<testsuites/>", "html": "<p>rapport</p>"}


@pytest.fixture
def checks(empty_store: Store) -> Store:
    return empty_store


def _new(checks: Store, max_requests: int | None = 50) -> str:
    check_id = secrets.token_urlsafe(16)
    checks.create_check(check_id, "https://ori.example.nl/api/", "ori-2", max_requests)
    return check_id


def test_a_check_goes_from_queued_through_running_to_done(checks: Store) -> None:
    check_id = _new(checks)
    queued = checks.get_check(check_id)
    assert queued is not None and queued.status == "queued"
    assert (queued.url, queued.standard, queued.max_requests) == (
        "https://ori.example.nl/api/",
        "ori-2",
        50,
    )
    assert queued.started_at is None and checks.check_report(check_id, "json") is None
    assert checks.pending_checks() == 1
    assert checks.start_check(check_id)
    assert not checks.start_check(check_id)  # only a queued check starts
    checks.check_progress(check_id, "12 verzoeken" + "x" * 500)
    running = checks.get_check(check_id)
    assert running is not None and running.status == "running"
    assert running.progress.startswith("12 verzoeken") and len(running.progress) == 200
    assert checks.finish_check(check_id, REPORTS, errors=3, warnings=1)
    done = checks.get_check(check_id)
    assert done is not None and done.status == "done"
    assert (done.errors, done.warnings) == (3, 1)
    assert done.finished_at is not None and done.started_at is not None
    assert done.created_at <= done.started_at <= done.finished_at
    for fmt, text in REPORTS.items():
        assert checks.check_report(check_id, fmt) == text
    assert checks.pending_checks() == 0


def test_unknown_ids_and_formats(checks: Store) -> None:
    assert checks.get_check("nope") is None
    assert checks.check_report("nope", "json") is None
    with pytest.raises(ValueError):
        checks.check_report("nope", "pdf")
    assert not checks.fail_check("nope", "reden")


def test_a_failed_check_is_never_turned_into_done(checks: Store) -> None:
    check_id = _new(checks, max_requests=None)
    assert checks.start_check(check_id)
    assert checks.fail_check(check_id, "de server werd herstart")
    assert not checks.finish_check(check_id, REPORTS, errors=0, warnings=0)
    assert not checks.fail_check(check_id, "nog eens")
    failed = checks.get_check(check_id)
    assert failed is not None and failed.status == "failed"
    assert failed.reason == "de server werd herstart" and failed.max_requests is None
    assert checks.check_report(check_id, "html") is None


def test_checks_without_a_heartbeat_end_as_failed(checks: Store) -> None:
    stale_running, stale_queued, alive, done = (_new(checks) for _ in range(4))
    checks.start_check(stale_running)
    checks.start_check(done)
    checks.finish_check(done, REPORTS, errors=0, warnings=0)
    time.sleep(1.2)
    checks.touch_checks([alive])
    assert checks.fail_stale_checks(1.0, "onderbroken door een herstart") == 2
    for check_id in (stale_running, stale_queued):
        check = checks.get_check(check_id)
        assert check is not None and check.status == "failed"
        assert check.reason == "onderbroken door een herstart"
    still = checks.get_check(alive)
    assert still is not None and still.status == "queued"
    finished = checks.get_check(done)
    assert finished is not None and finished.status == "done"
    assert checks.pending_checks() == 1
