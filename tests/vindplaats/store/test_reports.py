""" "Mist u een stuk?" reports in the store, on both backends: open ones first, the limits
counted in the INSERT (a refused report writes nothing), answering and closing."""

from __future__ import annotations

from vindplaats.store import Store
from vindplaats.store.sql_reports import MissingReport, ReportLimit

ROOMY = (ReportLimit(100, 3600.0), ReportLimit(1000, 86400.0))
DOC = ("document", "document:notubiz:alkmaar:1")


def _add(
    store: Store,
    report_id: str,
    client: str = "c1",
    org: str = "alkmaar",
    limits: tuple[ReportLimit, ReportLimit] = ROOMY,
) -> MissingReport | None:
    return store.add_missing_report(
        report_id, org, DOC, "De bijlage ontbreekt.", "a@b.nl", client, limits
    )


def test_a_report_is_kept_with_its_contact_and_without_its_client(store: Store) -> None:
    added = _add(store, "r" * 20)
    assert added is not None
    assert (added.status, added.subject_kind, added.subject_id) == ("open", *DOC)
    assert added.contact == "a@b.nl" and added.answer is None and added.closed_at is None
    assert not hasattr(added, "client")
    assert store.get_missing_report("r" * 20) == added
    assert store.get_missing_report("x" * 20) is None


def test_the_client_limit_refuses_the_sixth_and_writes_nothing(store: Store) -> None:
    limits = (ReportLimit(5, 3600.0), ReportLimit(1000, 86400.0))
    for n in range(5):
        assert _add(store, f"report-{n:016d}", limits=limits) is not None
    assert _add(store, "report-sixth-000000", limits=limits) is None
    assert store.get_missing_report("report-sixth-000000") is None
    assert _add(store, "report-other-client", client="c2", limits=limits) is not None
    window = store.missing_report_window(3600.0, client="c1")
    assert window.count == 5 and 3500 < window.frees_in <= 3600
    assert store.missing_report_window(3600.0, client="nobody").count == 0


def test_the_organisation_limit_counts_every_client(store: Store) -> None:
    limits = (ReportLimit(5, 3600.0), ReportLimit(3, 86400.0))
    for n in range(3):
        assert _add(store, f"report-{n:016d}", client=f"c{n}", limits=limits) is not None
    assert _add(store, "report-fourth-00000", client="c9", limits=limits) is None
    assert _add(store, "report-elsewhere-00", client="c9", org="bergen", limits=limits)
    assert store.missing_report_window(86400.0, organisation_key="alkmaar").count == 3


def test_open_reports_come_first_then_the_newest(store: Store) -> None:
    for n in range(3):
        _add(store, f"report-{n:016d}")
    _add(store, "report-elsewhere-00", org="bergen")
    store.answer_missing_report("report-0000000000000002", "Gevonden.", "e@x.nl", close=True)
    listed = store.missing_reports("alkmaar")
    assert [r.id[-1] for r in listed] == ["1", "0", "2"]
    assert [r.id[-1] for r in store.missing_reports("alkmaar", status="closed")] == ["2"]
    assert store.missing_report_counts("alkmaar") == {"open": 2, "closed": 1}
    assert store.missing_report_counts("haarlem") == {"open": 0, "closed": 0}


def test_an_answer_is_saved_and_a_closed_report_stays_closed(store: Store) -> None:
    _add(store, "r" * 20)
    answered = store.answer_missing_report("r" * 20, "We zoeken het uit.", "e@x.nl", close=False)
    assert answered is not None
    assert (answered.status, answered.answer, answered.answered_by) == (
        "open",
        "We zoeken het uit.",
        "e@x.nl",
    )
    closed = store.answer_missing_report("r" * 20, "Staat erbij.", "e@x.nl", close=True)
    assert closed is not None and closed.status == "closed" and closed.closed_at is not None
    again = store.answer_missing_report("r" * 20, "Verbeterd.", "f@x.nl", close=False)
    assert again is not None and again.status == "closed" and again.closed_at == closed.closed_at
    assert store.answer_missing_report("n" * 20, "x", "e@x.nl", close=True) is None
