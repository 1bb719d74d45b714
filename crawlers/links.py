"""Links as suppliers write them, made absolute against the source's API base."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# A host (name with a dot, bracketed IPv6, or anything with a port) at the start of a link
# written without scheme, as NotuBiz writes its `self` links: "api.notubiz.nl/modules/3/items/4".
_HOST = re.compile(
    r"^(?:\[[0-9A-Fa-f:.]+\](?::\d+)?|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?"
    r"|[A-Za-z0-9-]+:\d+)$"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def absolute(text: str, base_url: str) -> str:
    """`text` as an absolute link: a path from the host of `base_url`, a host without scheme
    (the scheme of `base_url`), or a path relative to `base_url`; anything else as it is."""
    if text.startswith("/") and not text.startswith("//"):
        return base_url + text
    if "://" not in text and _HOST.match(text.split("/", 1)[0]):
        return f"{urlsplit(base_url).scheme}://{text}"  # `self` links have no scheme
    if "://" not in text and not _SCHEME.match(text):
        return urljoin(base_url + "/", text)  # a path relative to the API base
    return text
