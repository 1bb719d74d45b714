"""Page images `/documenten/{id}/pagina/{n}.png`: rendered by poppler from the stored original
(a real PDF), cached on disk, with caching headers; every impossible page a clear 404."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image, ImageStat
from reportlab.pdfgen.canvas import Canvas
from starlette.testclient import TestClient

from search_api import create_app
from search_api.web import page_images
from search_api.web.page_images import MAX_PIXELS, PageImages, RendererBusy
from tests.search_api.web.reader_sample import ReaderSample, build_reader_sample
from vindplaats.store import open_store


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> ReaderSample:
    return build_reader_sample(tmp_path_factory.mktemp("page-images"))


@pytest.fixture(scope="module")
def client(sample: ReaderSample) -> Iterator[TestClient]:
    with TestClient(create_app(sample.settings)) as test_client:
        yield test_client


def image_url(doc_id: str, number: int | str) -> str:
    return f"/documenten/{quote(doc_id, safe=':')}/pagina/{number}.png"


def darkness(png: bytes) -> float:
    """How dark the image is on average: 0 white, 255 black."""
    with Image.open(io.BytesIO(png)) as image:
        return 255 - ImageStat.Stat(image.convert("L")).mean[0]


def test_a_page_image_is_a_png_of_that_page(client: TestClient, sample: ReaderSample) -> None:
    pages = {n: client.get(image_url(sample.ids["nota"], n)) for n in (1, 2, 3, 4)}
    for response in pages.values():
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/png"
        with Image.open(io.BytesIO(response.content)) as image:
            assert image.format == "PNG"
            assert image.size == (827, 1170)  # A4 at 100 dpi, as the reader's <img> says
    assert darkness(pages[4].content) < 0.01  # the blank page
    assert darkness(pages[2].content) > 5 * darkness(pages[1].content) > 0  # dense vs one line
    assert len({r.content for r in pages.values()}) == 4


def test_a_rendered_page_is_served_from_the_cache_with_an_etag(
    client: TestClient, sample: ReaderSample
) -> None:
    first = client.get(image_url(sample.ids["nota"], 3))
    assert first.status_code == 200
    assert first.headers["cache-control"].startswith("public, max-age=")
    etag = first.headers["etag"]
    store = open_store(sample.settings)
    try:
        sha = store.get_document_state(sample.ids["nota"]).sha256
    finally:
        store.close()
    assert sha is not None
    cached = sample.settings.data_dir / "cache" / "pages" / sha / "3.png"
    assert cached.read_bytes() == first.content
    marker = io.BytesIO()
    Image.new("RGB", (3, 3), "red").save(marker, "PNG")
    cached.write_bytes(marker.getvalue())  # what is served now comes from the cache
    again = client.get(image_url(sample.ids["nota"], 3))
    assert again.content == marker.getvalue()
    assert again.headers["etag"] == etag
    unchanged = client.get(image_url(sample.ids["nota"], 3), headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert not unchanged.content


@pytest.mark.parametrize(
    ("name", "number", "message"),
    [
        ("nota", 5, "Dit document heeft geen pagina 5"),
        ("nota", 0, "Dit document heeft geen pagina 0"),
        ("motie", 1, "dit bestand is geen PDF"),
        ("missing", 1, "Van dit document is geen bestand opgeslagen"),
        ("failed", 1, "het PDF-bestand kon niet worden gelezen"),
        (None, 1, "Er is geen document met dit kenmerk"),
    ],
)
def test_an_impossible_page_image_is_a_404_that_says_why(
    client: TestClient, sample: ReaderSample, name: str | None, number: int, message: str
) -> None:
    doc_id = sample.ids[name] if name else "document:notubiz:leesdam:nergens"
    response = client.get(image_url(doc_id, number))
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert message.lower() in response.text.lower()


def test_a_huge_page_is_drawn_smaller_than_the_pixel_cap(tmp_path: Path) -> None:
    pdf = tmp_path / "poster.pdf"
    canvas = Canvas(str(pdf), pagesize=(14400, 14400), invariant=1)  # 200 x 200 inch
    canvas.drawString(100, 100, "Affiche")
    canvas.showPage()
    canvas.save()
    images = PageImages(tmp_path / "cache")
    sha = "ab" * 32
    size = images.sizes(sha, pdf)[1]
    assert size.width * size.height <= MAX_PIXELS < (200 * 100) ** 2
    with Image.open(images.image(sha, pdf, 1)) as image:
        assert image.size == (size.width, size.height)


def test_rendering_is_refused_when_every_render_slot_stays_taken(
    sample: ReaderSample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "nota.pdf"
    pdf.write_bytes(sample.nota_pdf)
    images = PageImages(tmp_path / "cache")
    monkeypatch.setattr(page_images, "RENDER_WAIT", 0.01)
    held = [images._slots.acquire(blocking=False) for _ in range(page_images.MAX_RENDERS)]
    assert all(held)
    with pytest.raises(RendererBusy):
        images.image("cd" * 32, pdf, 1)
    images._slots.release()
    assert images.image("cd" * 32, pdf, 1).is_file()  # a free slot renders


def test_a_rotated_page_is_given_the_size_it_is_drawn_at(tmp_path: Path) -> None:
    pdf = tmp_path / "rotated.pdf"
    canvas = Canvas(str(pdf), pagesize=(841.89, 595.276), invariant=1)  # landscape
    canvas.drawString(72, 72, "Liggend")
    canvas.showPage()
    canvas.setPageRotation(90)  # reportlab writes a portrait box turned 90°: landscape again
    canvas.drawString(72, 72, "Gedraaid")
    canvas.showPage()
    canvas.save()
    images = PageImages(tmp_path / "cache")
    sizes = images.sizes("ef" * 32, pdf)
    assert [(s.width, s.height) for s in sizes.values()] == [(1170, 827), (1170, 827)]
    for number, size in sizes.items():
        with Image.open(images.image("ef" * 32, pdf, number)) as image:
            assert image.size == (size.width, size.height)
