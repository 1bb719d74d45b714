"""The `vindplaats` command line (argparse): one module per subcommand (demo, sources, harvest,
runs, search, index, extract, reextract, serve, worker, scheduler, heartbeats, doctor, ...).

`vindplaats.cli.main:main` is the entry point. Every deliberate error ends as one line on stderr
(`vindplaats: error: ...`) with exit status 2 for usage, configuration and refusals, 1 for
failures.
"""

from __future__ import annotations

from vindplaats.errors import VindplaatsError


class UsageError(VindplaatsError):
    """The command line asked for something impossible (missing file, bad combination)."""


__all__ = ["UsageError"]
