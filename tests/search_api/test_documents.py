"""GET /api/documents/{id} and /api/documents/{id}/file."""

from __future__ import annotations

from urllib.parse import quote

from starlette.testclient import TestClient

from tests.search_api.sample import PDF_BYTES, Sample


def test_document_detail(client: TestClient, sample: Sample) -> None:
    response = client.get(f"/api/documents/{sample.begroting_id}")
    assert response.status_code == 200
    doc = response.json()
    assert doc["id"] == sample.begroting_id
    assert doc["title"] == "Begroting 2025"
    assert doc["document_type"] == "raadsvoorstel"  # controlled, the supplier's label beside it
    assert doc["document_type_label"] == "Raadsvoorstel"
    assert doc["woo_category"] == "3.3.2c"
    assert doc["original_url"] == "https://example.org/files/1001.pdf"
    assert doc["file_url"] == f"/api/documents/{sample.begroting_id}/file"
    assert doc["withdrawn"] is False
    assert len(doc["sha256"]) == 64
    assert doc["extraction"]["status"] == "ok"
    assert doc["extraction"]["agent"] == "extractous 0.3.0"
    assert doc["extraction"]["extracted_at"]
    assert doc["download"]["status"] == "ok"
    assert doc["download"]["content_type"] == "application/pdf"
    assert [p["number"] for p in doc["pages"]] == [1, 2, 3]
    assert doc["pages"][1] == {
        "number": 2,
        "text": "Het college investeert in woningbouw en onderwijs.",
        "ocr": False,
    }
    context = doc["context"]
    assert context["meeting"] == {
        "id": sample.meeting_id,
        "name": "Raadsvergadering 5 november 2024",
    }
    assert context["agenda_item"]["name"] == "Begroting 2025"
    assert context["organization"]["name"] == "Gemeente Testdam"
    assert context["committee"]["name"] == "Gemeenteraad"
    assert context["register_entry"] is None


def test_a_document_shows_its_register_entry_with_the_entry_type(
    client: TestClient, sample: Sample
) -> None:
    context = client.get(f"/api/documents/{sample.motie_id}").json()["context"]
    assert context["register_entry"] == {
        "id": sample.register_entry_ids[0],
        "name": "Motie fietspad Dorpsstraat",
        "register_name": "Moties en amendementen",
        "document_type": "motie",
        "document_type_label": "Motie",
        "woo_category": "3.3.2c",
    }


def test_failed_download_is_reported(client: TestClient, sample: Sample) -> None:
    doc = client.get(f"/api/documents/{sample.failed_id}").json()
    assert doc["download"] == {
        "status": "failed",
        "error": "HTTP 404 Not Found",
        "downloaded_at": doc["download"]["downloaded_at"],
        "size": None,
        "content_type": None,
    }
    assert doc["file_url"] is None
    assert doc["pages"] == []
    response = client.get(f"/api/documents/{sample.failed_id}/file")
    assert response.status_code == 404
    assert "download failed: HTTP 404 Not Found" in response.json()["error"]["message"]


def test_pending_download_file_is_404_with_reason(client: TestClient, sample: Sample) -> None:
    response = client.get(f"/api/documents/{sample.pending_id}/file")
    assert response.status_code == 404
    assert "not downloaded yet" in response.json()["error"]["message"]


def test_withdrawn_document_is_still_served(client: TestClient, sample: Sample) -> None:
    doc = client.get(f"/api/documents/{sample.withdrawn_id}").json()
    assert doc["withdrawn"] is True
    assert doc["pages"][0]["text"] == "Parkeren in het centrum."
    assert client.get(f"/api/documents/{sample.withdrawn_id}/file").status_code == 200


def test_file_is_the_stored_original_with_safe_headers(client: TestClient, sample: Sample) -> None:
    response = client.get(f"/api/documents/{sample.begroting_id}/file")
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert (
        response.headers["content-disposition"]
        == 'inline; filename="Begroting _2025_ _ definitief.pdf"'
    )


def test_active_content_is_downloaded_not_rendered(client: TestClient, sample: Sample) -> None:
    response = client.get(f"/api/documents/{sample.html_id}/file")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="pagina.html"'
    assert "sandbox" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_unknown_and_wrong_type_ids_are_404(client: TestClient, sample: Sample) -> None:
    for doc_id in (
        "document:notubiz:testdam:999999",
        "nonsense",
        sample.meeting_id,
        quote("document:notubiz:testdam:a/b", safe=":"),
    ):
        for suffix in ("", "/file"):
            response = client.get(f"/api/documents/{doc_id}{suffix}")
            assert response.status_code == 404, (doc_id, suffix)
            assert response.json()["error"]["code"] == "not_found"


def test_document_endpoints_refuse_unknown_parameters(client: TestClient, sample: Sample) -> None:
    response = client.get(f"/api/documents/{sample.begroting_id}?format=xml")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "format"
