"""`vindplaats reextract [KEY]`: extract again, from the stored originals, the documents whose
extraction failed, came out empty or could not OCR ("ocr unavailable"), e.g. after installing
Tesseract or pointing VINDPLAATS_TIKA_URL at a newer Tika; then index them. No recrawl.

Each source is done while holding its harvest lease, so a harvest of it never runs at the same
time (a source being harvested is refused). Exit status 0 when every chosen document was
extracted and indexed, 1 when some extraction or indexing failed (they are listed), 2 for an
unknown source, a bad --status or a source being harvested.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from normalize.records import DownloadStatus, ExtractionStatus
from vindplaats.cli.exclusive import no_harvest_of
from vindplaats.cli.output import clean, print_json
from vindplaats.settings import Settings
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store

OCR_UNAVAILABLE = "ocr_unavailable"
STATUSES = {
    "failed": ExtractionStatus.FAILED,
    "empty": ExtractionStatus.EMPTY,
    "truncated": ExtractionStatus.TRUNCATED,
}
DEFAULT = "failed,empty,ocr_unavailable"
ERRORS_SHOWN = 20


def statuses(value: str) -> list[str]:
    chosen = [part.strip().replace("-", "_") for part in value.split(",") if part.strip()]
    known = [*STATUSES, OCR_UNAVAILABLE]
    wrong = [part for part in chosen if part not in known]
    if wrong or not chosen:
        given = f"{', '.join(wrong)} is not one of" if wrong else "choose one or more of"
        raise argparse.ArgumentTypeError(f"{given} {', '.join(known)}")
    return list(dict.fromkeys(chosen))


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "reextract",
        help="extract stored documents again (failed, empty, ocr unavailable) and re-index",
        description="Extract the text of stored documents again from their stored originals, "
        "without recrawling, and index them: by default those whose extraction failed, came "
        "out empty, or carries the warning 'ocr unavailable' (after installing Tesseract, "
        "tesseract-ocr-nld or poppler-utils, or a newer Tika). Exit status 0 when all were "
        "extracted and indexed, 1 when some failed, 2 when refused.",
    )
    parser.add_argument("key", nargs="?", help="Only the documents of this source.")
    parser.add_argument(
        "--status",
        type=statuses,
        default=statuses(DEFAULT),
        metavar="LIST",
        help=f"Comma-separated: which documents to extract again, of {', '.join(STATUSES)}, "
        f"{OCR_UNAVAILABLE} (default: {DEFAULT}).",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="Only count the documents that would be done."
    )
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from vindplaats.harvest.extract import options_from

    chosen: list[str] = args.status
    options_from(settings)  # a bad extraction setting is refused before anything changes
    store = open_store(settings)
    try:
        if args.key is not None:
            store.get_source(args.key)  # NotFound (exit 2) for an unknown key
        candidates = store.reextraction_candidates(
            args.key,
            statuses=[STATUSES[name] for name in chosen if name in STATUSES],
            ocr_unavailable=OCR_UNAVAILABLE in chosen,
        )
        _add_pending(store, args.key, candidates)
        total = sum(len(ids) for ids in candidates.values())
        if args.dry_run:
            return _report(args, {"selected": total, "by_source": _sizes(candidates)}, [], True)
        counts: Counter[str] = Counter(selected=total)
        errors: list[str] = []
        for key, ids in candidates.items():
            with no_harvest_of(settings, store, key, "re-extract the documents of"):
                _one_source(settings, store, key, ids, counts, errors)
        counts["ocr_unavailable_left"] = sum(
            len(ids)
            for ids in store.reextraction_candidates(args.key, ocr_unavailable=True).values()
        )
    finally:
        store.close()
    summary = {**dict(counts), "by_source": _sizes(candidates)}
    return _report(args, summary, errors, False)


def _one_source(
    settings: Settings,
    store: Store,
    key: str,
    ids: list[str],
    counts: Counter[str],
    errors: list[str],
) -> None:
    from vindplaats.engine import open_engine
    from vindplaats.harvest.extract import extract_pending
    from vindplaats.harvest.index import index_documents, pending_ids
    from vindplaats.harvest.run import index_writer

    store.reset_extraction(ids)

    def progress(data: dict[str, Any]) -> None:
        print(f"reextract {key}: {data['done']}/{data['total']}", file=sys.stderr, flush=True)

    extraction = extract_pending(settings, store, open_blobs(settings), key, on_progress=progress)
    counts.update(extraction.counts)
    errors.extend(extraction.errors)
    with index_writer(settings, store):
        engine = open_engine(settings)
        try:
            report = index_documents(store, engine, pending_ids(store, key))
        finally:
            engine.close()
    counts["indexed"] += report.indexed - len(report.failed)
    counts["index_failed"] += len(report.failed)
    errors.extend(f"index {doc_id}: {reason}" for doc_id, reason in report.failed.items())


def _add_pending(store: Store, key: str | None, candidates: dict[str, list[str]]) -> None:
    """Documents with an original still pending extraction (e.g. an interrupted re-extraction)
    are extracted too: the stage takes every pending document of a source."""
    for state in store.iter_document_states(
        key, download_status=DownloadStatus.OK, extraction_status=ExtractionStatus.PENDING
    ):
        if state.sha256 is not None and not state.withdrawn:
            ids = candidates.setdefault(state.source_key, [])
            if state.id not in ids:
                ids.append(state.id)


def _sizes(candidates: dict[str, list[str]]) -> dict[str, int]:
    return {key: len(ids) for key, ids in candidates.items()}


def _report(args: argparse.Namespace, summary: dict[str, Any], errors: list[str], dry: bool) -> int:
    failed = int(summary.get("extraction_failed", 0)) + int(summary.get("index_failed", 0))
    if args.json:
        print_json({**summary, "dry_run": dry, "errors": errors})
        return 1 if failed else 0
    selected = summary["selected"]
    where = f" of {args.key}" if args.key else ""
    statuses_text = ", ".join(args.status)
    if not selected:
        print(f"nothing to re-extract{where} ({statuses_text})")
        return 0
    if dry:
        per = ", ".join(f"{key} {n}" for key, n in summary["by_source"].items())
        print(f"would re-extract {selected} documents{where} ({statuses_text}): {per}")
        return 0
    done = [
        f"{summary.get('extraction_' + s.value, 0)} {s.value}"
        for s in ExtractionStatus
        if s != ExtractionStatus.PENDING
        and (summary.get("extraction_" + s.value) or s.value in ("ok", "failed"))
    ]
    lines = [
        f"Re-extracted {selected} documents{where} from their stored originals: " + ", ".join(done),
        f"  indexed {summary.get('indexed', 0)}, {summary.get('index_failed', 0)} failed",
        f"  'ocr unavailable' now: {summary.get('ocr_unavailable_left', 0)} documents",
    ]
    if errors:
        lines.append(f"  errors ({len(errors)}):")
        lines += [f"    - {clean(e)}" for e in errors[:ERRORS_SHOWN]]
        if len(errors) > ERRORS_SHOWN:
            lines.append(f"    ... and {len(errors) - ERRORS_SHOWN} more (see --json)")
    print("\n".join(lines))
    return 1 if failed else 0


__all__ = ["register"]
