"""`vindplaats search QUERY`: the search of the API, printed for people (or as JSON)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from starlette.datastructures import QueryParams

from normalize.doctypes import DocType
from normalize.records import MotionResult
from normalize.woo_categories import WooCategory
from search_api.errors import ParamError
from search_api.params import parse_params
from search_api.routes_search import SEARCH_PARAMS
from vindplaats.cli.harvest import iso_date
from vindplaats.cli.output import bold, clean, is_tty, print_json, render_snippet
from vindplaats.engine import open_engine
from vindplaats.engine.base import MAX_PAGE_SIZE, Filters, Hit, SearchQuery
from vindplaats.errors import QueryError
from vindplaats.settings import Settings
from vindplaats.store import open_store

# the API's Woo filters, each an option of the same name (`--woo-judgement`), parsed by the API's
# own declarations so both accept and refuse the same values
WOO_FILTERS = ("publisher", "woo_document_type", "woo_theme", "woo_judgement", "woo_ground")
WOO_PARAMS = tuple(p for p in SEARCH_PARAMS if p.name in WOO_FILTERS)


def page_size(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_PAGE_SIZE}")
    return size


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "search",
        help="search the indexed documents",
        description='Search all indexed documents. Query syntax: words (all must match), "exact '
        'phrases", -exclude, a | b (either), prefix*. Filters may be repeated (OR).',
    )
    parser.add_argument("query", help='What to search for; "" lists everything.')
    parser.add_argument(
        "--organization",
        action="append",
        default=[],
        help="Organisation name or source key, any case ('Gemeente Alkmaar' = 'alkmaar').",
    )
    parser.add_argument(
        "--type",
        action="append",
        default=[],
        help="Document type: a controlled value or a name of it, any case (motie, Moties, "
        "ingekomen_stuk, 'Ingekomen stukken'); values: " + ", ".join(t.value for t in DocType),
    )
    parser.add_argument(
        "--woo-category",
        action="append",
        default=[],
        choices=[c.value for c in WooCategory],
        help="Woo information category by article (3.3.2c, 3.3.2a, ...).",
    )
    for param in WOO_PARAMS:
        values = f" Values: {', '.join(param.choices)}." if param.choices else ""
        parser.add_argument(
            _option(param.name), action="append", default=[], help=param.description + values
        )
    parser.add_argument(
        "--committee", action="append", default=[], help="Committee name, any case."
    )
    parser.add_argument(
        "--result",
        action="append",
        default=[],
        choices=[r.value for r in MotionResult],
        help="Motions with this result (aangenomen, verworpen, ...).",
    )
    parser.add_argument("--supplier", action="append", default=[], help="Supplier system.")
    parser.add_argument("--source", action="append", default=[], help="Source key.")
    _add_range_and_order(parser)
    parser.add_argument("--size", type=page_size, default=10, help="Documents shown (1-100).")
    parser.add_argument("--cursor", help="Continue after a previous --json answer's next_cursor.")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    parser.set_defaults(func=run)


def _add_range_and_order(parser: argparse.ArgumentParser) -> None:
    """The date range, year and order options."""
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--year",
        action="append",
        default=[],
        type=year,
        metavar="YYYY",
        help="Documents dated in this year; repeat for OR.",
    )
    parser.add_argument(
        "--sort",
        choices=["relevance", "date_desc", "date_asc", "added_desc"],
        default="relevance",
        help="Order over all hits; added_desc: the records first harvested most recently first.",
    )


def year(raw: str) -> str:
    """A year as four digits (`2026`), for `--year`."""
    if len(raw) != 4 or not raw.isdigit():
        raise argparse.ArgumentTypeError(f"a year is four digits (2026), not {raw!r}")
    return raw


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def woo_filters(args: argparse.Namespace) -> dict[str, list[str]]:
    """The Woo filter values given, read as the API reads them; a bad one is a `QueryError`
    naming its option (`--woo-judgement must be one of: ...`)."""
    given = QueryParams([(name, value) for name in WOO_FILTERS for value in getattr(args, name)])
    try:
        values = parse_params(WOO_PARAMS, given)
    except ParamError as exc:
        message = str(exc)
        if message.startswith(exc.parameter):
            message = _option(exc.parameter) + message[len(exc.parameter) :]
        raise QueryError(message) from None
    return {name: values[name] for name in WOO_FILTERS}


def build_query(args: argparse.Namespace) -> SearchQuery:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise QueryError(f"--from {args.date_from} is after --to {args.date_to}")
    return SearchQuery(
        q=args.query.strip(),
        filters=Filters(
            organization=args.organization,
            supplier=args.supplier,
            document_type=args.type,
            woo_category=args.woo_category,
            **woo_filters(args),
            committee=args.committee,
            motion_result=args.result,
            source_key=args.source,
            date_from=args.date_from,
            date_to=args.date_to,
            year=args.year,
        ),
        sort=args.sort,
        size=args.size,
        cursor=args.cursor,
        facets=args.json,
        pages_per_hit=3,
    )


def format_hit(number: int, hit: Hit, tty: bool) -> str:
    meta = [hit.organization, str(hit.date) if hit.date else "undated"]
    kind = hit.document_type
    if kind and hit.document_type_label and hit.document_type_label.lower() != kind:
        kind = f"{kind} ({hit.document_type_label})"  # the supplier's own label beside it
    meta += [value for value in (kind, hit.committee, hit.motion_result) if value]
    lines = [
        f"{number}. {bold(clean(hit.title), tty)}",
        f"   {' · '.join(clean(m) for m in meta)}",
        f"   {clean(hit.id)}",
    ]
    for page in hit.pages:
        lines.append(f"   p. {page.number}: {render_snippet(page.snippet, tty)}")
    return "\n".join(lines)


def run(args: argparse.Namespace, settings: Settings) -> int:
    query = build_query(args)
    store = open_store(settings)
    try:  # records taken down are in no answer, also while the index still holds them
        hidden = sorted(store.taken_down_ids())
    finally:
        store.close()
    engine = open_engine(settings)
    try:
        result = engine.search(query.model_copy(update={"exclude_ids": hidden}))
    finally:
        engine.close()
    if args.json:
        print_json(result.model_dump(mode="json"))
        return 0
    tty = is_tty(sys.stdout)
    blocks = [format_hit(n, hit, tty) for n, hit in enumerate(result.hits, start=1)]
    if blocks:
        print("\n\n".join(blocks) + "\n")
    noun = "document" if result.total == 1 else "documents"
    if result.total > len(result.hits):
        print(f"{result.total} {noun} found; showing {len(result.hits)} (use --size or --json).")
    else:
        print(f"{result.total} {noun} found.")
    return 0
