"""Our own conformance checker against what the demo site serves: `/ori/v2` (ori-2),
`/ori/mini/v1` (mini-ori and its event feed, ori-events) and the Woo-index export of every
organisation the demo exports (diwoo) report no error, and each check reads everything.

The Woo-index export's `<loc>` links must be https (WOO-LOC-HTTPS), so it is checked on a second
server over the same demo data, served over TLS with a self-signed certificate for 127.0.0.1
and `VINDPLAATS_PUBLIC_BASE_URL` on it; the checker trusts that certificate in this test only.
"""

from __future__ import annotations

import shutil
import sqlite3
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

import httpx
import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from lxml import etree

from normalize.records import OrganizationType
from search_api import create_app
from search_api.server import bind, make_config
from tests.search_api.web.demo_site import DemoSite
from vindplaats.conformance import Limits, Report, check
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.woo.export_cache import CACHE_DIR

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"
CODES = {  # sample municipality (its sources' key up to the first "-") -> a real TOOI code
    "bergenrode": "gm0363",
    "duinwijk": "gm0344",
    "heuvelrade": "gm0518",
    "oosterproef": "gm0599",
    "polderveen": "gm0034",
    "voorbeeldstad": "gm0014",
    "zandaam": "gm0361",
}
# our own server on loopback: no pace, a budget large enough to read the whole demo
LIMITS = Limits(max_requests=20_000, time_limit=170.0, pace=0.0, max_pages=1000)


def _summary(report: Report) -> str:
    """The counts per rule and the first errors, so a failure shows its cause."""
    lines = [
        f"{report.standard} {report.target}: {report.errors} errors, {report.requests} requests"
    ]
    lines += [f"  {rule}: {count}" for rule, count in report.by_rule().items()]
    for finding in [f for f in report.findings if f.severity == "error"][:15]:
        lines.append(
            f"  {finding.rule} {finding.resource} {finding.record} {finding.field}: "
            f"expected {finding.expected!r}, found {finding.found!r} ({finding.url})"
        )
    return "\n".join(lines)


def _assert_clean(report: Report) -> None:
    summary = _summary(report)
    assert report.complete, summary
    assert report.errors == 0, summary


@pytest.fixture(scope="module")
def settings(demo_site: DemoSite) -> Settings:
    return demo_site.settings.model_copy(update={"api_rate_limit": "off"})


@pytest.mark.timeout(900)
def test_ori_v2_of_the_demo_has_no_errors(demo_site: DemoSite, settings: Settings) -> None:
    report = check(demo_site.link("/ori/v2"), "ori-2", settings, LIMITS)
    _assert_clean(report)
    assert report.requests > 100, _summary(report)


def _coded_copy(settings: Settings, directory: Path) -> Settings:
    """A copy of the demo's data in `directory` whose municipalities have real TOOI codes (the
    sample's are made up, and mini-ORI serves only organisations with a code of the TOOI
    lists); its settings."""
    skipped = shutil.ignore_patterns("*.sqlite3*", CACHE_DIR)  # the export: built anew
    shutil.copytree(settings.data_dir, directory, ignore=skipped)
    for database in settings.data_dir.glob("*.sqlite3"):
        with (
            closing(sqlite3.connect(database)) as old,
            closing(sqlite3.connect(directory / database.name)) as new,
        ):
            old.backup(new)
    copied = settings.model_copy(update={"data_dir": directory})
    store = open_store(copied)
    try:
        for source in store.list_sources():
            if source.organisation_type != OrganizationType.MUNICIPALITY:
                continue
            code = CODES[source.key.split("-", 1)[0]]
            update = {"cbs_code": code.upper(), "tooi_uri": TOOI_GEMEENTE + code}
            store.upsert_source(source.model_copy(update=update))
    finally:
        store.close()
    return copied


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (its own CA) and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@contextmanager
def _served_tls(settings: Settings, directory: Path) -> Iterator[tuple[str, Path]]:
    """The app over `settings` (public base URL set to its own https address) under uvicorn
    with TLS on a loopback port: (base URL, certificate file)."""
    cert_file, key_file = _self_signed(directory)
    sock = bind("127.0.0.1", 0)
    base = f"https://127.0.0.1:{sock.getsockname()[1]}"
    app = create_app(settings.model_copy(update={"public_base_url": base}))
    config = make_config(app, log_level="warning", access_log=False)
    config.ssl_certfile, config.ssl_keyfile = str(cert_file), str(key_file)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        yield base, cert_file
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _exported(settings: Settings) -> list[str]:
    """The organisations whose Woo-index export the site serves (those with a TOOI URI)."""
    store = open_store(settings)
    try:
        return sorted(source.key for source in store.list_sources() if source.tooi_uri)
    finally:
        store.close()


@dataclass(frozen=True)
class Coded:
    """The coded copy served over TLS: its https `base`, its `settings` and a `tls` context
    that trusts its certificate."""

    base: str
    settings: Settings
    tls: ssl.SSLContext


@pytest.fixture(scope="module")
def coded_site(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coded]:
    """The coded copy of the demo served over TLS (its public base URL on that server); the
    checker's HTTPS clients trust its certificate only while this module's checks run."""
    coded = _coded_copy(settings, tmp_path_factory.mktemp("coded") / "data")
    with _served_tls(coded, tmp_path_factory.mktemp("tls")) as (base, cert_file):
        trusting = ssl.create_default_context(cafile=str(cert_file))

        def create_ssl_context(*args: object, **kwargs: object) -> ssl.SSLContext:
            return trusting

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(httpx, "create_ssl_context", create_ssl_context)
            yield Coded(base, coded, trusting)


@pytest.mark.timeout(900)
@pytest.mark.parametrize(
    ("path", "standard"),
    [("/ori/v2", "ori-2"), ("/ori/mini/v1", "mini-ori"), ("/ori/mini/v1", "ori-events")],
)
def test_the_ori_apis_over_real_codes_have_no_errors(
    coded_site: Coded, path: str, standard: str
) -> None:
    report = check(coded_site.base + path, standard, coded_site.settings, LIMITS)
    _assert_clean(report)
    assert report.requests > 100, _summary(report)


@pytest.mark.timeout(900)
def test_every_woo_index_export_has_no_errors(coded_site: Coded) -> None:
    base, settings = coded_site.base, coded_site.settings
    organisations = _exported(settings)
    assert len(organisations) > 1, f"the demo exports only {organisations}"
    failures = []
    for organisation in organisations:
        url = f"{base}/woo/{organisation}/robots.txt"
        report = check(url, "diwoo", settings, LIMITS)
        if report.errors or not report.complete or report.requests < 3:
            failures.append(_summary(report))
    assert not failures, "\n".join(failures)


def _locs(settings: Settings, organisation: str) -> list[str]:
    """Every `<loc>` of the organisation's served export (as the server built it)."""
    built = settings.data_dir / CACHE_DIR / organisation
    (export,) = [p for p in built.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return [
        loc.text or ""
        for sitemap in sorted((export / "sitemaps").glob("*.xml"))
        for loc in etree.parse(str(sitemap)).getroot().iter(f"{{{SITEMAP_NS}}}loc")
    ]


@pytest.mark.timeout(900)
def test_every_loc_of_the_exports_downloads(coded_site: Coded) -> None:
    """The Woo-index check reads robots.txt, indexes and sitemaps; the files each `<loc>`
    names must download too."""
    settings = coded_site.settings
    broken = []
    total = 0
    with httpx.Client(verify=coded_site.tls, timeout=30) as client:
        for organisation in _exported(settings):
            client.get(f"{coded_site.base}/woo/{organisation}/robots.txt").raise_for_status()
            for loc in _locs(settings, organisation):
                total += 1
                assert loc.startswith(f"{coded_site.base}/woo/{organisation}/documenten/"), loc
                answer = client.get(loc)
                if answer.status_code != 200:
                    broken.append(f"{loc}: HTTP {answer.status_code}")
    assert total > 50 and not broken, f"{len(broken)} of {total} files broken: {broken[:10]}"
