"""An Elasticsearch that cannot be reached, said in one line.

The client's transport logs a warning with a traceback for every failed attempt (about 80 lines
before the useful one when nothing listens); `quiet_client_loggers` raises its loggers to ERROR
unless Vindplaats logs at DEBUG. `unusable` turns the client's exception into ours: a connection
refused, a name not resolved or a timeout is `ElasticsearchUnreachable` ("Elasticsearch at URL
is not reachable: Connection refused"), both an `EngineError` and a `ConfigError` (the CLI exits
2, as for a setting that is wrong); anything else an `EngineError`.
"""

from __future__ import annotations

import logging
import re

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout

from vindplaats.errors import ConfigError, EngineError
from vindplaats.net.shown import shown_url as masked

CLIENT_LOGGERS = ("elastic_transport", "elasticsearch")
# urllib3's innermost reason: "[Errno 111] Connection refused", "[Errno -2] Name or service..."
ERRNO_REASON = re.compile(r"\[Errno -?\d+\] ([^)\]]+)")


class ElasticsearchUnreachable(EngineError, ConfigError):
    """Nothing answers at the configured Elasticsearch URL."""


def quiet_client_loggers() -> None:
    """The client's own loggers at ERROR (no traceback per retry) unless the root logs DEBUG;
    a level someone set on them explicitly is left alone."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        return
    for name in CLIENT_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)


def shown_url(url: str) -> str:
    """The cluster's address to print: `url` without any user:password@ part and query."""
    return masked(url, credentials="drop", query=False).rstrip("/") or url


def unusable(exc: Exception, url: str) -> EngineError:
    """Our error for a client failure talking to the cluster at `url`."""
    if isinstance(exc, ConnectionTimeout):
        return ElasticsearchUnreachable(
            f"Elasticsearch at {shown_url(url)} is not reachable: no answer in time "
            "(VINDPLAATS_ELASTICSEARCH_URL, VINDPLAATS_ELASTICSEARCH_TIMEOUT)"
        )
    if isinstance(exc, TransportConnectionError):
        found = ERRNO_REASON.findall(str(exc))
        reason = found[-1].strip() if found else str(exc)
        return ElasticsearchUnreachable(
            f"Elasticsearch at {shown_url(url)} is not reachable: {reason} "
            "(VINDPLAATS_ELASTICSEARCH_URL)"
        )
    return EngineError(f"Elasticsearch is not usable: {exc}")


__all__ = ["ElasticsearchUnreachable", "quiet_client_loggers", "shown_url", "unusable"]
