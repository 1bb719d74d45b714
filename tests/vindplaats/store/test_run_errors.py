"""Error text the store records is bounded (`vindplaats.store.run_errors`): per message, per
run, on the way in and on the way out, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.records import Document, Organization, Supplier
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store
from vindplaats.store.models import RunStatus
from vindplaats.store.run_errors import (
    ErrorLimits,
    bound_errors,
    cap_message,
    left_out,
    more_errors,
)


def test_a_long_message_keeps_its_start_and_says_how_much_is_missing() -> None:
    message = "SOAP fault: " + "x" * 10_000
    capped = cap_message(message, 200)
    assert len(capped) == 200
    assert capped.startswith("SOAP fault: xxx")
    kept = capped.index("…")
    assert capped[kept:] == f"… ({len(message) - kept} more characters)"
    assert cap_message(capped, 200) == capped  # idempotent
    assert cap_message("short", 200) == "short"


def test_a_run_keeps_at_most_max_count_messages_and_counts_the_rest() -> None:
    limits = ErrorLimits(max_chars=100, max_count=3)
    bounded = bound_errors([f"error {n}" for n in range(10)], limits)
    assert bounded == ["error 0", "error 1", more_errors(8)]
    assert left_out(bounded[-1]) == 8
    assert bound_errors(bounded, limits) == bounded  # idempotent
    # a count already in the list (the crawl's own) is added up, not counted as one
    assert bound_errors(["a", "b", "c", more_errors(50)], limits) == ["a", "b", more_errors(51)]
    with pytest.raises(ValueError):
        ErrorLimits(max_chars=10)


def test_the_store_bounds_what_it_records(empty_store: Store) -> None:
    empty_store.error_limits = ErrorLimits(max_chars=500, max_count=5)
    empty_store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="9")
    )
    run = empty_store.start_run("alkmaar")
    errors = ["fault: " + "y" * 9_000_000, *(f"HTTP 404: /item/{n}" for n in range(20))]
    done = empty_store.finish_run(run.id, RunStatus.FAILED, {"errors": 21}, errors)
    assert len(done.errors) == 5
    assert len(done.errors[0]) == 500 and done.errors[0].endswith(" more characters)")
    assert done.errors[1:4] == [f"HTTP 404: /item/{n}" for n in range(3)]
    assert done.errors[4] == more_errors(17)
    assert empty_store.last_run("alkmaar") == done

    org = Organization.build(Supplier.NOTUBIZ, "alkmaar", 9, name="Alkmaar")
    doc = Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        "1",
        title="Brief",
        original_url="https://x.nl/1.pdf",
        organization_id=org.id,
    )
    empty_store.upsert_record(org)
    empty_store.upsert_record(doc)
    empty_store.record_download_failure(doc.id, "HTTP 500: " + "z" * 100_000)
    error = empty_store.get_document_state(doc.id).download_error or ""
    assert len(error) == 500 and error.startswith("HTTP 500: zzz")


def test_open_store_takes_the_limits_from_the_settings(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, max_error_chars=128, max_run_errors=7)
    store = open_store(settings)
    try:
        assert store.error_limits == ErrorLimits(max_chars=128, max_count=7)
    finally:
        store.close()
