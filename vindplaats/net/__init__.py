"""Network safety: the fetch guard every HTTP client of Vindplaats applies before connecting.

See `vindplaats.net.guard` for the rules (reliability requirements 1-5).
"""

from __future__ import annotations

from vindplaats.net.guard import (
    ALLOW_SETTING_HINT,
    BLOCKED_NETWORKS,
    check_url,
    check_url_resolved,
    is_blocked_address,
    parse_ip_literal,
    resolve_checked,
    shown_url,
)

__all__ = [
    "ALLOW_SETTING_HINT",
    "BLOCKED_NETWORKS",
    "check_url",
    "check_url_resolved",
    "is_blocked_address",
    "parse_ip_literal",
    "resolve_checked",
    "shown_url",
]
