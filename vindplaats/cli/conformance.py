"""`vindplaats conformance URL --standard mini-ori|ori-2|ori-events|diwoo`: check a supplier's
live feed against the standard (`vindplaats.conformance`, rules in docs/conformance.md).

Output: `--format text` (grouped by rule, default), `json` (stable schema), `junit` (for a
supplier's CI) or `html` (a self-contained page); `--output FILE` writes it there and prints the
summary line. Exit status 0 no errors (warnings alone too), 1 errors found, 2 unusable input
(not a URL, refused by the fetch guard, nothing answering at the base, no standards directory).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from vindplaats.cli import UsageError
from vindplaats.conformance import FORMATS, STANDARDS, Limits, UnusableTarget, check, render
from vindplaats.conformance.render import summary
from vindplaats.settings import Settings


def _positive(kind: type[int] | type[float]) -> argparse._ActionType:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value

    return parse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    defaults = Limits()
    parser = subparsers.add_parser(
        "conformance",
        help="check a supplier's live ORI API or Woo-index site against the standard",
        description="Check a supplier's live feed against the official standard: the ORI "
        "OpenAPI documents (mini-ori, ori-2, ori-events; responses, paging, references, TOOI "
        "codes, Woo categories, files, events) or the Woo-index rules (diwoo). Every request "
        "goes through the fetch guard, within a request budget and a time cap. Exit status 0 "
        "no errors (warnings alone too), 1 errors found, 2 unusable input.",
    )
    parser.add_argument("url", metavar="URL", help="The API base (or, for diwoo, the site).")
    parser.add_argument("--standard", required=True, choices=STANDARDS, help="The standard.")
    parser.add_argument(
        "--format", default="text", choices=FORMATS, help="Output format (default text)."
    )
    parser.add_argument(
        "--max-requests",
        type=_positive(int),
        default=defaults.max_requests,
        help=f"Requests sent at most (default {defaults.max_requests}).",
    )
    parser.add_argument(
        "--time-limit",
        type=_positive(float),
        default=defaults.time_limit,
        metavar="SECONDS",
        help=f"Seconds the check takes at most (default {defaults.time_limit:g}).",
    )
    parser.add_argument("--output", type=Path, metavar="FILE", help="Write the report here.")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # no line per request on stderr
    limits = Limits(max_requests=args.max_requests, time_limit=args.time_limit)
    try:
        report = check(args.url, args.standard, settings, limits)
    except UnusableTarget as exc:
        raise UsageError(str(exc)) from None
    text = render(report, args.format)
    if args.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        try:
            args.output.write_text(text if text.endswith("\n") else text + "\n", "utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(summary(report))
    return 0 if report.conformant else 1
