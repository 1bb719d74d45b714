""" "Mist u een stuk?" over the API: `POST /api/reports` (public) and the web form
`POST /meldingen`, on their own copy of the sample (reports are counted per client)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request
from starlette.testclient import TestClient

from search_api import create_app
from search_api.routes_reports import client_secret
from search_api.services import Services
from search_api.web.report_section import answer_context, contact_url, reports_section
from search_api.web.templating import ENV
from tests.search_api.sample import Sample, build_sample
from vindplaats.operations.reports import answer_report
from vindplaats.store import Store, open_store

_port = iter(range(40000, 60000))


@pytest.fixture(scope="module")
def reports_sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build_sample(tmp_path_factory.mktemp("reports-data"))


@pytest.fixture(scope="module")
def app(reports_sample: Sample) -> Iterator[object]:
    settings = reports_sample.settings.model_copy(update={"api_rate_limit": "off"})
    application = create_app(settings)
    with TestClient(application):
        yield application


def client_at(app: object, address: str) -> TestClient:
    """A client from its own address (reports are limited per client)."""
    return TestClient(app, client=(address, next(_port)))  # type: ignore[arg-type]


@pytest.fixture
def store(reports_sample: Sample) -> Iterator[Store]:
    opened = open_store(reports_sample.settings)
    yield opened
    opened.close()


def _body(sample: Sample, **changes: object) -> dict[str, object]:
    return {
        "subject_kind": "document",
        "subject_id": sample.begroting_id,
        "message": "De bijlage bij de begroting ontbreekt.",
        "contact": "lezer@example.org",
        **changes,
    }


def test_a_report_is_taken_for_the_documents_organisation(
    app: object, reports_sample: Sample, store: Store
) -> None:
    answer = client_at(app, "192.0.2.10").post("/api/reports", json=_body(reports_sample))
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert (body["status"], body["organisation"]) == ("open", "testdam")
    kept = store.get_missing_report(body["id"])
    assert kept is not None and kept.contact == "lezer@example.org"
    assert kept.subject_id == reports_sample.begroting_id


@pytest.mark.parametrize(
    ("changes", "status", "parameter"),
    [
        ({"message": ""}, 422, "message"),
        ({"message": "x" * 2001}, 422, "message"),
        ({"contact": "geen"}, 422, "contact"),
        ({"subject_kind": "motion"}, 422, "subject_kind"),
        ({"subject_id": "document:notubiz:testdam:nope"}, 422, "subject_id"),
        ({"extra": 1}, 422, "extra"),
    ],
)
def test_a_bad_report_answers_the_field_at_fault(
    app: object, reports_sample: Sample, changes: dict[str, object], status: int, parameter: str
) -> None:
    answer = client_at(app, "192.0.2.11").post(
        "/api/reports", json=_body(reports_sample, **changes)
    )
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["parameter"] == parameter


def test_bodies_that_are_not_json_objects_are_refused(app: object) -> None:
    client = client_at(app, "192.0.2.12")
    assert (
        client.post(
            "/api/reports",
            content=b"a=1",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ).status_code
        == 415
    )
    assert (
        client.post(
            "/api/reports", content=b"[1]", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/reports", content=b"{", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert client.get("/api/reports").status_code == 405


def test_the_sixth_report_within_the_hour_answers_429_with_retry_after(
    app: object, reports_sample: Sample
) -> None:
    client = client_at(app, "192.0.2.13")
    for _ in range(5):
        assert client.post("/api/reports", json=_body(reports_sample)).status_code == 202
    refused = client.post("/api/reports", json=_body(reports_sample))
    assert refused.status_code == 429
    assert 3000 < int(refused.headers["retry-after"]) <= 3600
    assert "5 reports per client per hour" in refused.json()["error"]["message"]
    other = client_at(app, "192.0.2.14").post("/api/reports", json=_body(reports_sample))
    assert other.status_code == 202


def test_the_form_reports_and_thanks_with_a_link_back(
    app: object, reports_sample: Sample, store: Store
) -> None:
    client = client_at(app, "192.0.2.20")
    fields = {
        "soort": "meeting",
        "id": reports_sample.meeting_id,
        "bericht": "Notulen ontbreken",
        "contact": "",
        "website": "",
    }
    sent = client.post(
        "/meldingen", data=fields, headers={"origin": "http://testserver"}, follow_redirects=False
    )
    assert sent.status_code == 303
    thanks = client.get(sent.headers["location"])
    assert "Bedankt voor uw melding" in thanks.text
    assert f'href="/vergaderingen/{reports_sample.meeting_id}"' in thanks.text
    (kept,) = [r for r in store.missing_reports("testdam") if r.message == "Notulen ontbreken"]
    assert kept.subject_kind == "meeting" and kept.contact is None


def test_the_form_from_another_site_is_refused(
    app: object, reports_sample: Sample, store: Store
) -> None:
    client = client_at(app, "192.0.2.21")
    fields = {"soort": "organisation", "id": "testdam", "bericht": "Van elders", "contact": ""}
    for headers in (
        {"origin": "https://elders.example"},
        {"origin": "null"},
        {"referer": "https://elders.example/x"},
    ):
        refused = client.post("/meldingen", data=fields, headers=headers)
        assert refused.status_code == 403
        assert "alleen vanaf deze site" in refused.text
    assert not [r for r in store.missing_reports("testdam") if r.message == "Van elders"]


def test_a_filled_honeypot_is_thanked_and_dropped(app: object, store: Store) -> None:
    client = client_at(app, "192.0.2.22")
    fields = {
        "soort": "organisation",
        "id": "testdam",
        "bericht": "Spam",
        "website": "http://spam.example",
    }
    sent = client.post("/meldingen", data=fields, follow_redirects=False)
    assert sent.status_code == 303
    assert not [r for r in store.missing_reports("testdam") if r.message == "Spam"]


def test_a_refused_form_shows_the_reason_and_keeps_the_text_but_not_elsewhere(
    app: object, reports_sample: Sample
) -> None:
    client = client_at(app, "192.0.2.23")
    fields = {
        "soort": "document",
        "id": reports_sample.begroting_id,
        "bericht": "Mis iets",
        "contact": "geen contact",
    }
    refused = client.post("/meldingen", data=fields)
    assert refused.status_code == 422
    assert "Vul een e-mailadres of telefoonnummer in" in refused.text
    assert "Mis iets" in refused.text
    page = client.get(f"/documenten/{reports_sample.begroting_id}")
    assert "Mist u een stuk?" in page.text and "lezer@example.org" not in page.text


def test_the_dashboard_section_lists_open_reports_first_with_their_subjects(
    app: object, reports_sample: Sample, store: Store
) -> None:
    client = client_at(app, "192.0.2.30")
    body = _body(reports_sample, message="Eerst gesloten", contact="geheim@example.org")
    closed_id = client.post("/api/reports", json=body).json()["id"]
    closed = store.get_missing_report(closed_id)
    assert closed is not None
    answer_report(store, closed, "Opgelost.", "e@testdam.nl", close=True)
    client.post("/api/reports", json=_body(reports_sample, message="Nog open <b>x</b>"))
    svc = Services(reports_sample.settings, store, None, None)  # type: ignore[arg-type]
    section = reports_section(svc, "testdam")
    lines = section["reports"]
    assert [line.status for line in lines][: section["reports_open"]] == ["open"] * section[
        "reports_open"
    ]
    (opened,) = [line for line in lines if line.excerpt == "Nog open <b>x</b>"]
    assert opened.subject_title == "Begroting 2025"
    assert opened.subject_url == f"/documenten/{reports_sample.begroting_id}"
    assert opened.answer_url.startswith("/beheer/organisaties/testdam/meldingen/")
    html = ENV.get_template("_dashboard_reports.html").render(**section)
    assert "Nog open &lt;b&gt;x&lt;/b&gt;" in html and "geheim@example.org" not in html
    assert html.index("Nog open") < html.index("Eerst gesloten")


def test_the_form_address_opened_directly_says_where_the_form_is(app: object) -> None:
    page = client_at(app, "192.0.2.40").get("/meldingen")
    assert page.status_code == 200
    assert "onderaan de pagina van een document" in page.text


def test_the_answer_page_shows_the_contact_and_the_answer_form(
    app: object, reports_sample: Sample, store: Store
) -> None:
    client = client_at(app, "192.0.2.50")
    body = _body(reports_sample, message="Regel een\nRegel twee", contact="+31 6 1234 5678")
    report = store.get_missing_report(client.post("/api/reports", json=body).json()["id"])
    assert report is not None
    context = answer_context(store, report)
    assert context["contact_url"] == "tel:+31612345678"
    assert contact_url("lezer@example.org") == "mailto:lezer@example.org"
    scope: dict[str, Any] = {"type": "http", "path": "/beheer/x", "headers": [], "principal": None}
    request = Request(scope)  # nobody signed in: the page's header offers to sign in
    html = ENV.get_template("melding_beantwoorden.html").render(
        request=request, csrf_field=lambda _: "", **context
    )
    assert 'href="tel:+31612345678"' in html and "Regel een<br>Regel twee" in html
    assert "Opslaan en sluiten" in html and 'action="/beheer/x"' in html
    assert f'href="/documenten/{reports_sample.begroting_id}"' in html


def test_the_clients_key_is_kept_in_the_data_dir_readable_by_the_server_only(
    tmp_path: Path,
) -> None:
    key = client_secret(tmp_path)
    assert len(key) == 32 and (tmp_path / "report-client.key").stat().st_mode & 0o777 == 0o600
    client_secret.cache_clear()
    assert client_secret(tmp_path) == key  # a restart counts the same clients
