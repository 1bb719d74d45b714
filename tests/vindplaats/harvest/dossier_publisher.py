"""A Woo publisher on loopback serving the sample Woo-besluit of `tests.normalize.dossier_samples`
as the Woo-index convention has it: `robots.txt` → `sitemapindex-diwoo-infocat009.xml` → one
sitemap whose `<url>`s carry each document's `diwoo:Document` (written by our DiWoo writer),
and the files they link to: small real PDFs and the inventory list as XLSX. Every sample URL
(`https://open.example.nl/...`) is served under the server's own address."""

from __future__ import annotations

from lxml import etree

from normalize.diwoo_writer import diwoo_document
from normalize.records import Document
from tests.crawlers.diwoo_server import text_pdf
from tests.normalize import dossier_samples as S
from tests.replay import Answer, ReplayServer, Request

HOST = "https://open.example.nl"
INDEX = "/sitemapindex-diwoo-infocat009.xml"
SITEMAP = "/sitemaps/infocat009-1.xml"
LASTMOD = "2025-11-03T16:00:00+01:00"


class DossierPublisher(ReplayServer):
    def __init__(self) -> None:
        super().__init__(self.answer)
        self.documents = [S.letter(), S.inventory_document(), *S.judged_documents()]

    def local(self, url: str) -> str:
        return url.replace(HOST, self.url)

    def answer(self, request: Request) -> Answer:
        path = request.path
        if path == "/robots.txt":
            return Answer.of(200, "text/plain", f"Sitemap: {self.url}{INDEX}\n".encode())
        if path == INDEX:
            return Answer.of(200, "text/xml", self._index())
        if path == SITEMAP:
            return Answer.of(200, "text/xml", self._sitemap())
        for doc in self.documents:
            if self.local(doc.original_url).endswith(request.target):
                if doc.id == S.inventory_document().id:
                    rows = [(n, name, j, g, self.local(link) if link else None)
                            for n, name, j, g, link in S.ROWS]  # fmt: skip
                    return Answer.of(200, S.XLSX_TYPE, S.ediscovery_xlsx(rows))
                return Answer.of(200, "application/pdf", text_pdf(f"Woo-document {doc.title}"))
        return Answer.of(404, "text/html", b"<h1>Not Found</h1>")

    def _index(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url}{SITEMAP}</loc><lastmod>{LASTMOD}</lastmod></sitemap>"
            "</sitemapindex>"
        ).encode()

    def _url(self, doc: Document) -> str:
        assert doc.woo is not None
        metadata = doc.woo.model_copy(update={"officiele_titel": doc.woo.officiele_titel
                                              or doc.title})  # fmt: skip
        block = etree.tostring(diwoo_document(metadata), encoding="unicode")
        return f"<url><loc>{doc.original_url}</loc><lastmod>{LASTMOD}</lastmod>{block}</url>"

    def _sitemap(self) -> bytes:
        urls = "".join(self._url(doc) for doc in self.documents)
        return self.local(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">'
            f"{urls}</urlset>"
        ).encode()


__all__ = ["DossierPublisher"]
