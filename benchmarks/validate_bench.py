"""`vindplaats validate diwoo` over a national-size Woo-index export (120,000 documents).

    .venv/bin/python -m benchmarks.validate_bench [--docs 120000] [--per-sitemap 25000]

Writes an export into a temporary directory: robots.txt, one `sitemapindex-diwoo-infocat008.xml`
and sitemaps of `--per-sitemap` `<url>`s, each with loc, lastmod and a full `diwoo:Document`
(publisher, titles, omschrijving, category, document type, creatiedatum, language, format, a
documenthandeling: the validation tests' document, `tests/vindplaats/woo/publication.py`, with
an identifier and an omschrijving). Then times `validate()` on the directory (both XSD layers and
every Woo-index rule) against a baseline measured in the same run: lxml parsing the same files
alone. Prints seconds, µs per URL, the ratio, the peak RSS and the findings (there must be none).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from benchmarks.machine import run_facts
from tests.vindplaats.woo.publication import document
from vindplaats.settings import load_settings
from vindplaats.woo.validate import validate

SITE = "https://open.example.nl/woo"
TITLE = "Raadsvoorstel nummer %(n)d over de begroting"
URL = (
    f"""  <url>
    <loc>{SITE}/documenten/%(n)d/besluit-%(n)d.pdf</loc>
    <lastmod>2025-11-12T10:00:00+01:00</lastmod>
"""
    + document(TITLE, identifier="RV-2025-%(n)06d", omschrijving="Voorstel aan de raad.")
    + "  </url>\n"
)


def write_export(root: Path, docs: int, per_sitemap: int) -> list[Path]:
    names: list[str] = []
    for first in range(0, docs, per_sitemap):
        name = f"sitemaps/infocat008-{len(names) + 1:05d}.xml"
        urls = "".join(URL % {"n": n} for n in range(first, min(first + per_sitemap, docs)))
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
            '        xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">\n'
            f"{urls}</urlset>\n",
            encoding="utf-8",
        )
        names.append(name)
    entries = "".join(
        f"  <sitemap>\n    <loc>{SITE}/{name}</loc>\n    <lastmod>2025-11-12</lastmod>\n"
        "  </sitemap>\n"
        for name in names
    )
    (root / "sitemapindex-diwoo-infocat008.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}'
        "</sitemapindex>\n"
    )
    (root / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE}/sitemapindex-diwoo-infocat008.xml\n"
    )
    return [root / name for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=120_000)
    parser.add_argument("--per-sitemap", type=int, default=25_000)
    args = parser.parse_args(argv)
    print(run_facts())
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp)
        start = time.perf_counter()
        sitemaps = write_export(export, args.docs, args.per_sitemap)
        written = time.perf_counter() - start
        size = sum(path.stat().st_size for path in sitemaps)
        start = time.perf_counter()
        for path in sitemaps:
            etree.parse(str(path))
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        report = validate(str(export), settings)
        checked = time.perf_counter() - start
    per_url = 1e6 / args.docs
    largest = max(size / len(sitemaps), 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"export: {args.docs} URLs in {len(sitemaps)} sitemaps, {size / 1e6:.1f} MB "
        f"(about {largest / 1e6:.1f} MB each), written in {written:.1f} s"
    )
    print(f"baseline, lxml parse only: {baseline:.2f} s, {baseline * per_url:.0f} µs/URL")
    print(
        f"validate(): {checked:.2f} s, {checked * per_url:.0f} µs/URL, "
        f"{checked / baseline:.1f}x the parse; peak RSS {peak:.0f} MiB"
    )
    print(
        f"files: {len(report.files)}, errors: {report.count('error')}, "
        f"warnings: {report.count('warning')}"
    )
    for finding in report.findings[:10]:
        print(f"  {finding.file}:{finding.line}: {finding.rule}: {finding.message}")
    return 0 if report.valid and not report.findings else 1


if __name__ == "__main__":
    sys.exit(main())
