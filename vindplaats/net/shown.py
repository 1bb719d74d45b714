"""URLs as they may be shown or logged: the one place credentials are masked.

A URL's password (`user:password@`) and `password=` values (in its query, or in a libpq
`key=value` conninfo) become `***`. How much of the user part stays is the caller's choice:
`credentials="password"` keeps the user name (`postgresql://u:***@db/x`: the store, the doctor),
`"userinfo"` masks it all (`https://***@host/`: the fetch guard's refusals), `"drop"` leaves it
out (`https://es.example.org:9200`: the Elasticsearch address in an error).
"""

from __future__ import annotations

import re
from typing import Literal

Credentials = Literal["password", "userinfo", "drop"]
MASK = "***"

# scheme (optional), then `//user[:password]@` up to the last `@` before the path
_USERINFO = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*:)?//(?P<userinfo>[^/?#]*)@")
_QUERY_PASSWORD = re.compile(r"(?P<key>[?&;]password=)[^&#]*")
_CONNINFO_PASSWORD = re.compile(r"(?P<key>password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|\S+)")


def shown_url(
    url: str, *, credentials: Credentials = "password", query: bool = True, limit: int = 0
) -> str:
    """`url` with its credentials masked as `credentials` says; without its query and fragment
    when `query` is false; cut at `limit` characters (0: never) with `...`."""
    if "://" not in url and not url.startswith("//"):
        shown = _CONNINFO_PASSWORD.sub(lambda m: m["key"] + MASK, url)
    else:
        shown = _USERINFO.sub(lambda m: _userinfo(m, credentials), url, count=1)
        shown = _QUERY_PASSWORD.sub(lambda m: m["key"] + MASK, shown)
        if not query:
            shown = re.split(r"[?#]", shown, maxsplit=1)[0]
    return shown if not limit or len(shown) <= limit else shown[:limit] + "..."


def _userinfo(found: re.Match[str], credentials: Credentials) -> str:
    start = (found["scheme"] or "") + "//"
    if credentials == "drop":
        return start
    if credentials == "userinfo":
        return f"{start}{MASK}@"
    user, colon, _ = found["userinfo"].partition(":")
    return f"{start}{user}:{MASK}@" if colon else found[0]
