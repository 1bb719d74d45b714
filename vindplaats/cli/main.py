"""The `vindplaats` entry point: the argument parser, settings, dispatch and exit statuses.

Exit statuses: 0 success; 1 a failure (a harvest partly or wholly failed, an extraction failed,
the engine failed); 2 usage, configuration and refusals (invalid setting naming its
`VINDPLAATS_` key, invalid or unknown source, unsafe URL, a harvest refused before it started:
an impossible window, a supplier that blocked us); 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence

from vindplaats import __version__
from vindplaats.cli import UsageError
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


# Every command, in the order `vindplaats --help` lists them, and the module
# `vindplaats.cli.<module>` whose `register(commands)` adds its parser. A command line naming one
# imports only that module (a command starts in a fraction of a second instead of loading the web
# application, the crawlers and the conformance checker first); help, a mistyped command or none
# at all registers every one, so that argparse lists them all.
COMMANDS = {
    "demo": "demo", "serve": "serve", "sources": "sources", "harvest": "harvest",
    "runs": "runs", "search": "search", "extract": "extract", "reextract": "reextract",
    "index": "index", "worker": "worker", "scheduler": "scheduler",
    "heartbeats": "heartbeats", "doctor": "doctor", "validate": "validate", "export": "export",
    "conformance": "conformance", "registrations": "registrations", "takedown": "takedown",
    "restore": "takedown", "takedowns": "takedown", "accounts": "accounts",
}  # fmt: skip


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names (its first argument that is no option), if it is one of ours."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of `argv`'s command, or (without `argv`, or when it names no command of ours)
    of every command."""
    chosen = chosen_command(argv) if argv is not None else None
    parser = argparse.ArgumentParser(
        prog="vindplaats",
        description="Harvest Dutch council information (Open Raadsinformatie), extract the text "
        "of every document, and search it all at once. Settings come from VINDPLAATS_* "
        "environment variables (see README.md).",
        epilog="Start with `vindplaats demo` to try it on sample data.",
    )
    parser.add_argument("--version", action="version", version=f"vindplaats {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    if chosen:
        modules: Sequence[str] = (COMMANDS[chosen],)
    elif argv is not None and "--version" in argv:
        modules = ()  # argparse prints the version and exits before it looks for a command
    else:
        modules = list(dict.fromkeys(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"vindplaats.cli.{module}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
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
