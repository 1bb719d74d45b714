"""`vindplaats validate diwoo FILE|DIR|URL [--json]`: check a Woo-index publication.

Offline against the official sitemaps.org 0.9 and DiWoo 0.9.8 XSDs (read from
`VINDPLAATS_XSD_DIR`) plus the Woo-index rules (`vindplaats.woo`). Text output: one line per
finding, grouped per file, then a summary; `--json`: the report's stable schema (files,
findings, counts). Exit status 0 valid (warnings alone included), 1 errors found, 2 unusable
input (no such file, not XML, an unreachable URL, no XSDs).
"""

from __future__ import annotations

import argparse

from vindplaats.cli import UsageError
from vindplaats.cli.output import clean, print_json
from vindplaats.settings import Settings
from vindplaats.woo.findings import Report
from vindplaats.woo.validate import Limits, UnusableInput, validate


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check published files against the official standards",
        description="Check files Vindplaats or anyone else publishes against the official "
        "standards, offline.",
    )
    kinds = parser.add_subparsers(dest="validate_kind", metavar="KIND", required=True)
    diwoo = kinds.add_parser(
        "diwoo",
        help="check a Woo-index publication: robots.txt, sitemap indexes, DiWoo sitemaps",
        description="Check a robots.txt, a sitemap index or a sitemap (a file, .gz allowed), "
        "an export directory (its robots.txt and everything that reaches) or a URL (fetched "
        "through the fetch guard, robots.txt -> indexes -> sitemaps followed) against the "
        "sitemaps.org 0.9 and DiWoo 0.9.8 XSDs (VINDPLAATS_XSD_DIR, never fetched) and the "
        "Woo-index rules: index naming, https, direct file links, accepted formats, limits, "
        "lastmod. Each finding names file, line, rule and fix. Exit status 0 valid (warnings "
        "alone too), 1 errors found, 2 unusable input.",
    )
    diwoo.add_argument("target", metavar="FILE|DIR|URL", help="What to check.")
    diwoo.add_argument("--json", action="store_true", help="Print the report as JSON.")
    defaults = Limits()
    diwoo.add_argument(
        "--max-files",
        type=_positive,
        default=defaults.max_files,
        help=f"Files read at most following a directory or URL (default {defaults.max_files}).",
    )
    diwoo.add_argument(
        "--max-bytes",
        type=_positive,
        default=defaults.max_bytes,
        help=f"Bytes read at most in all (default {defaults.max_bytes}); one file is read up to "
        "the Woo-index limit of 50 MB.",
    )
    diwoo.set_defaults(func=run_diwoo)


def run_diwoo(args: argparse.Namespace, settings: Settings) -> int:
    limits = Limits(max_files=args.max_files, max_bytes=args.max_bytes)
    try:
        report = validate(args.target, settings, limits)
    except UnusableInput as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print_json(report.as_json())
    else:
        print(render(report))
    return 0 if report.valid else 1


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def render(report: Report) -> str:
    """The report as text: per file a heading, one line per finding, then a summary."""
    lines: list[str] = []
    for checked in report.files:
        what = f"{checked.kind}, {_plural(checked.entries, 'entry', 'entries')}"
        counts = f"{_plural(checked.count('error'), 'error')}, "
        counts += _plural(checked.count("warning"), "warning")
        lines.append(f"{clean(checked.name)} ({what}): {counts}")
        for finding in checked.ordered:
            where = f"{clean(finding.file)}:{finding.line}" if finding.line else clean(finding.file)
            lines.append(
                f"  {where}: {finding.severity} {finding.rule}: {clean(finding.message)} "
                f"(fix: {finding.fix})"
            )
        unlisted = sum(checked.unlisted.values())
        if unlisted:
            lines.append(f"  ... and {_plural(unlisted, 'more finding')} in this file")
    errors, warnings = report.count("error"), report.count("warning")
    verdict = "valid" if report.valid else "not valid"
    if report.valid and warnings:
        verdict = "valid, with warnings only"
    summary = (
        f"{verdict}: {_plural(len(report.files), 'file')} checked, {_plural(errors, 'error')}, "
        f"{_plural(warnings, 'warning')}"
    )
    if not report.complete:
        summary += " (incomplete: not every listed file was checked)"
    lines.append(summary)
    return "\n".join(lines)
