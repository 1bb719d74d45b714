"""`vindplaats doctor`: which optional tools and configured services this machine has, and how
to get what is missing.

Checks: tesseract with the OCR language (VINDPLAATS_OCR_LANGUAGE, default `nld`), pdftoppm, the
embedded extractor (extractous), a Tika server (when VINDPLAATS_TIKA_URL is set), the store
(PostgreSQL when VINDPLAATS_DATABASE_URL is set, else SQLite in the data dir) and Elasticsearch
(when VINDPLAATS_ENGINE=elasticsearch). Each is `ok`, `missing` (an optional tool is not
installed: OCR or XFA forms are skipped, the rest works), `failing` (something configured does
not work) or `not configured`. Exit status 0 unless a configured service fails (1).
"""

from __future__ import annotations

import argparse
import importlib
import os
from typing import Any, Literal

import httpx
from pydantic import BaseModel

from vindplaats import __version__
from vindplaats.cli.output import clean, print_json
from vindplaats.settings import Settings

State = Literal["ok", "missing", "failing", "not configured"]
TIMEOUT = 10.0
APT_OCR = "sudo apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils"


class Check(BaseModel):
    name: str
    state: State
    detail: str
    hint: str | None = None


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "doctor",
        help="check the optional tools and configured services, with install hints",
        description="Check what this machine has: tesseract with the OCR language, pdftoppm, "
        "the embedded extractor, a Tika server, the store and Elasticsearch when configured. "
        "Exit status 0 when everything configured works (a missing optional tool only warns), "
        "1 when a configured service fails.",
    )
    parser.add_argument("--json", action="store_true", help="Print the checks as JSON.")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    checks = [
        *ocr_checks(settings),
        embedded_check(settings),
        tika_check(settings),
        store_check(settings),
        analyser_check(settings),
        elasticsearch_check(settings),
    ]
    failing = any(c.state == "failing" for c in checks)
    if args.json:
        print_json(
            {"version": __version__, "ok": not failing, "checks": [c.model_dump() for c in checks]}
        )
        return 1 if failing else 0
    width = max(len(c.name) for c in checks)
    lines = [f"vindplaats {__version__}"]
    for check in checks:
        lines.append(f"  {check.name:<{width}}  {check.state:<14}  {clean(check.detail)}")
        if check.hint:
            lines.append(f"  {'':<{width}}  {'':<14}  → {clean(check.hint)}")
    print("\n".join(lines))
    return 1 if failing else 0


def ocr_checks(settings: Settings) -> list[Check]:
    from normalize.extract.ocr import OcrTools

    tools = OcrTools.find(os.environ.get("PATH", os.defpath))
    off = "" if settings.ocr else " (OCR is off: VINDPLAATS_OCR=false)"
    language = settings.ocr_language
    if tools.tesseract is None:
        tesseract = Check(
            name="tesseract",
            state="missing",
            detail="not found: pages without a text layer are not OCR'd" + off,
            hint=f"{APT_OCR} (macOS: brew install tesseract tesseract-lang poppler)",
        )
    else:
        missing = [code for code in language.split("+") if code not in tools.languages]
        if missing:
            packages = " ".join(f"tesseract-ocr-{code}" for code in missing)
            tesseract = Check(
                name="tesseract",
                state="missing",
                detail=f"{tools.version} at {tools.tesseract}, but without the language "
                f"{'+'.join(missing)!r} (VINDPLAATS_OCR_LANGUAGE={language})" + off,
                hint=f"sudo apt-get install {packages}",
            )
        else:
            tesseract = Check(
                name="tesseract",
                state="ok",
                detail=f"{tools.version} at {tools.tesseract}, language {language}" + off,
            )
    if tools.pdftoppm is None:
        pdftoppm = Check(
            name="pdftoppm",
            state="missing",
            detail="not found: scanned PDF pages cannot be rendered for OCR" + off,
            hint="sudo apt-get install poppler-utils",
        )
    else:
        pdftoppm = Check(name="pdftoppm", state="ok", detail=f"at {tools.pdftoppm}")
    return [tesseract, pdftoppm]


def embedded_check(settings: Settings) -> Check:
    used = settings.extractor == "embedded"
    try:
        import extractous  # noqa: F401
    except ImportError as exc:
        return Check(
            name="embedded Tika",
            state="failing" if used else "missing",
            detail=f"extractous cannot be imported: {exc}",
            hint="reinstall Vindplaats from its lock file (scripts/install), or set "
            "VINDPLAATS_EXTRACTOR=tika-server",
        )
    note = "the extractor in use" if used else "installed, not in use (VINDPLAATS_EXTRACTOR)"
    return Check(name="embedded Tika", state="ok", detail=f"extractous: {note}")


def tika_check(settings: Settings) -> Check:
    from normalize.extract.tika_server import MIN_VERSION
    from normalize.extract.tika_xhtml import parse_version

    url = (settings.tika_url or "").rstrip("/")
    if not url:
        used = settings.extractor == "tika-server"
        return Check(
            name="Tika server",
            state="failing" if used else "not configured",
            detail="VINDPLAATS_EXTRACTOR=tika-server needs VINDPLAATS_TIKA_URL"
            if used
            else "VINDPLAATS_TIKA_URL is not set (optional: XFA forms and a shared extractor)",
            hint="run Apache Tika server 3.2.2 or newer (tika-server-standard; "
            "scripts/service-tika fetches it), then VINDPLAATS_TIKA_URL=http://127.0.0.1:9998",
        )
    try:
        answer = httpx.get(f"{url}/version", timeout=TIMEOUT, trust_env=False)
        answer.raise_for_status()
    except (httpx.HTTPError, ValueError) as exc:
        return Check(
            name="Tika server",
            state="failing",
            detail=f"{url} does not answer: {exc}",
            hint="start the Tika server, or correct VINDPLAATS_TIKA_URL",
        )
    version = parse_version(answer.text)
    minimum = ".".join(map(str, MIN_VERSION))
    if version is None or version < MIN_VERSION:
        return Check(
            name="Tika server",
            state="failing",
            detail=f"{url} answers {answer.text.strip()[:80]!r}, not Tika {minimum} or newer",
            hint=f"upgrade the Tika server to {minimum} or newer (CVE-2025-66516)",
        )
    return Check(name="Tika server", state="ok", detail=f"{answer.text.strip()[:80]} at {url}")


def store_check(settings: Settings) -> Check:
    from vindplaats.store import open_store
    from vindplaats.store.postgres import redact

    url = settings.database_url.get_secret_value().strip() if settings.database_url else ""
    if url:
        where = f"PostgreSQL at {redact(url)}"
    else:
        where = f"SQLite at {settings.store_path}"
        if not settings.store_path.exists():  # not created just to look at it
            return _future_store(settings, where)
    try:
        store = open_store(settings)
        try:
            store.clock()
        finally:
            store.close()
    except Exception as exc:  # any failure to open the store is the finding
        message = str(exc).replace(url, redact(url)) if url else str(exc)
        return Check(
            name="store",
            state="failing",
            detail=f"{where}: {type(exc).__name__}: {message}",
            hint="check VINDPLAATS_DATABASE_URL and that PostgreSQL runs"
            if url
            else "check that VINDPLAATS_DATA_DIR is a writable directory",
        )
    return Check(name="store", state="ok", detail=where)


def _future_store(settings: Settings, where: str) -> Check:
    """A SQLite store not created yet: can the first command create it?"""
    place = settings.data_dir.resolve()
    while not place.exists() and place != place.parent:
        place = place.parent
    if place.is_dir() and os.access(place, os.W_OK | os.X_OK):
        return Check(name="store", state="ok", detail=f"{where} (created by the first use)")
    return Check(
        name="store",
        state="failing",
        detail=f"{where} cannot be created: {place} is not a writable directory",
        hint="set VINDPLAATS_DATA_DIR to a writable directory",
    )


def analyser_check(settings: Settings) -> Check:
    """The embedded index's native text analyser (`native/vindplaats_text`), built by
    scripts/bootstrap; without it the embedded engine cannot index."""
    name = "text analyser"
    if settings.engine != "embedded":
        return Check(name=name, state="not configured", detail="Elasticsearch analyses the text")
    try:
        importlib.import_module("vindplaats_text")
    except ImportError as exc:
        return Check(
            name=name,
            state="failing",
            detail=f"native/vindplaats_text is not built ({exc}): the embedded index cannot take "
            "documents",
            hint="install Rust's cargo (https://rustup.rs) and run scripts/bootstrap",
        )
    return Check(name=name, state="ok", detail="native/vindplaats_text (built)")


def elasticsearch_check(settings: Settings) -> Check:
    if settings.engine != "elasticsearch":
        return Check(
            name="Elasticsearch",
            state="not configured",
            detail="the embedded index is in use (VINDPLAATS_ENGINE=embedded)",
        )
    from vindplaats.store.postgres import redact

    url = settings.elasticsearch_url.rstrip("/")
    shown = redact(url)
    try:
        answer = httpx.get(
            f"{url}/_cluster/health", timeout=min(TIMEOUT, settings.elasticsearch_timeout)
        )
        answer.raise_for_status()
        status = str(answer.json().get("status", "unknown"))
    except (httpx.HTTPError, ValueError) as exc:
        detail = str(exc).replace(url, shown)
        return Check(
            name="Elasticsearch",
            state="failing",
            detail=f"{shown} does not answer: {detail}",
            hint="start Elasticsearch (scripts/services), or correct VINDPLAATS_ELASTICSEARCH_URL",
        )
    if status == "red":
        return Check(
            name="Elasticsearch",
            state="failing",
            detail=f"{shown}: cluster status red",
            hint="see GET /_cluster/health on the cluster",
        )
    return Check(name="Elasticsearch", state="ok", detail=f"{shown}: cluster status {status}")


__all__ = ["register"]
