"""The `vindplaats` entry point: the argument parser, settings, dispatch and exit statuses.

Exit statuses: 0 success; 1 a failure (a harvest partly or wholly failed, an extraction failed,
the engine failed); 2 usage, configuration and refusals (invalid setting naming its
`VINDPLAATS_` key, invalid or unknown source, unsafe URL, a harvest refused before it started:
an impossible window, a supplier that blocked us); 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence

from vindplaats import __version__
from vindplaats.cli import (
    UsageError,
    accounts,
    conformance,
    demo,
    doctor,
    export,
    extract,
    harvest,
    heartbeats,
    index,
    reextract,
    registrations,
    runs,
    scheduler,
    search,
    serve,
    sources,
    takedown,
    validate,
    worker,
)
from vindplaats.cli.output import error
from vindplaats.errors import (
    ConfigError,
    HarvestRefused,
    NotFound,
    QueryError,
    SourceError,
    UnsafeURLError,
    VindplaatsError,
)
from vindplaats.logs import configure_logging
from vindplaats.settings import Settings, load_settings

Command = Callable[[argparse.Namespace, Settings], int]
REFUSALS = (
    ConfigError, SourceError, UnsafeURLError, NotFound, QueryError, UsageError, HarvestRefused,
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vindplaats",
        description="Harvest Dutch council information (Open Raadsinformatie), extract the text "
        "of every document, and search it all at once. Settings come from VINDPLAATS_* "
        "environment variables (see README.md).",
        epilog="Start with `vindplaats demo` to try it on sample data.",
    )
    parser.add_argument("--version", action="version", version=f"vindplaats {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (
        demo, serve, sources, harvest, runs, search, extract, reextract, index, worker, scheduler,
        heartbeats, doctor, validate, export, conformance, registrations, takedown, accounts,
    ):  # fmt: skip
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Command = args.func
    settings: Settings | None = None
    try:
        settings = load_settings()
        configure_logging(settings)
        return func(args, settings)
    except REFUSALS as exc:
        error(str(exc))
        return 2
    except VindplaatsError as exc:
        error(str(exc))
        return 1
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # output piped into e.g. `head`, which stopped reading
        return 1
    except Exception as exc:  # a bug: one clear line, the traceback only when asked for
        if settings is not None and settings.log_level == "DEBUG":
            traceback.print_exc()
        error(f"unexpected {type(exc).__name__}: {exc} (VINDPLAATS_LOG_LEVEL=DEBUG shows details)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
