"""A Woo publisher replayed from tests/fixtures/diwoo/ (on `tests.replay`): `/robots.txt`, the
sitemap indexes and sitemaps it lists (`ROUTES`), `/sitemaps/<name>.xml.gz` as the gzip of
`sitemaps/<name>.xml`, and every other path as the file a `<url>` links to: a small real PDF whose
text names the path. In answers `{base}` becomes the server's URL.

What tests change between two harvests, as a publisher would: `relist(old, new)` rewrites text in
every answer (a changed lastmod), `drop_url(loc)` removes the `<url>` of a document from every
sitemap (it left the listing), `unlist(part)` removes the robots.txt lines naming `part`."""

from __future__ import annotations

import gzip
import re

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import Answer, FileRoute, ReplayServer, Request, RouteTable

FIXTURES = ALL_FIXTURES / "diwoo"
ROUTES = RouteTable(
    FIXTURES,
    (
        FileRoute(
            r"/sitemapindex-diwoo-infocat(\d{3})\.xml/publications",
            "infocat{0}-publications-page{page}",
        ),
        FileRoute(r"/(sitemapindex-diwoo-infocat\d{3}|sitemap-index|sitemap-\d{5})\.xml", "{0}"),
        FileRoute(r"/sitemaps/([a-z0-9-]+)\.xml", "sitemaps/{0}"),
    ),
)
GZIPPED = re.compile(r"/sitemaps/([a-z0-9-]+)\.xml\.gz")
FILE_PATHS = ("/files/", "/woo/", "/index.php/")


def text_pdf(text: str) -> bytes:
    """A one-page PDF 1.4 showing `text` (Helvetica), with a correct cross-reference table."""
    shown = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({shown}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R"
        b" >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class DiwooFixtureServer(ReplayServer):
    def __init__(self) -> None:
        super().__init__(self.answer)
        self.rewrites: dict[str, str] = {}
        self.dropped: set[str] = set()
        self.unlisted: set[str] = set()

    def relist(self, old: str, new: str) -> None:
        self.rewrites[old] = new

    def drop_url(self, loc: str) -> None:
        self.dropped.add(loc.replace(self.url, "{base}"))

    def unlist(self, part: str) -> None:
        self.unlisted.add(part)

    def paths(self) -> list[str]:
        return [request.path for request in self.logged()]

    def answer(self, request: Request) -> Answer:
        path = request.path
        if path == "/robots.txt":
            return Answer.of(200, "text/plain; charset=utf-8", self._robots())
        gzipped = GZIPPED.fullmatch(path)
        found = ROUTES.answer(
            f"/sitemaps/{gzipped.group(1)}.xml" if gzipped else path, request.query
        )
        if found is not None:
            body = self._edited(b"".join(found.body))
            if gzipped:
                return Answer.of(200, "application/gzip", gzip.compress(body, mtime=0))
            return Answer.of(200, found.kind, body)
        if path.startswith(FILE_PATHS):
            return Answer.of(200, "application/pdf", text_pdf(f"Woo-document {path}"))
        return Answer.of(404, "text/html", b"<h1>Not Found</h1>")

    def _robots(self) -> bytes:
        lines = (FIXTURES / "robots.txt").read_text("utf-8").split("\n")
        kept = [line for line in lines if not any(part in line for part in self.unlisted)]
        return self._edited("\n".join(kept).encode())

    def _edited(self, body: bytes) -> bytes:
        text = body.decode("utf-8")
        for loc in self.dropped:
            text = re.sub(
                r"\s*<url>(?:(?!</url>).)*?<loc>" + re.escape(loc) + r"</loc>.*?</url>",
                "",
                text,
                flags=re.DOTALL,
            )
        for old, new in self.rewrites.items():
            text = text.replace(old, new)
        return text.replace("{base}", self.url).encode()
