"""The fetch guard: which URLs and addresses Vindplaats may connect to.

Rules (reliability.md items 1-5):

- only `http` and `https` URLs with a host are fetched; `file`, `data`, `ftp`, `s3` and relative
  URLs are refused;
- an address is refused when it lies in one of `BLOCKED_NETWORKS`, an explicit list (Python's
  `ipaddress` flags are not enough: 100.64.0.0/10 is neither private nor global), including the
  IPv4-mapped IPv6 form of every IPv4 range;
- a host written as an IP literal in any spelling (`2130706433`, `0177.0.0.1`, `127.1`, `[::1]`,
  `::ffff:127.0.0.1`) is decoded the way resolvers decode it and checked by `check_url`;
- a host name is checked on the addresses it resolves to (`resolve_checked`): refused when ANY
  of them is blocked. Callers connect to the returned addresses, never resolve a second time;
- `allow_private=True` (setting `VINDPLAATS_ALLOW_PRIVATE_NETWORKS`) is the only way to reach
  blocked addresses: for the sandbox, tests and intranet deployments.

Everything here is pure apart from `resolve_checked`, which calls `socket.getaddrinfo`.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from vindplaats.errors import UnsafeURLError
from vindplaats.net.shown import shown_url as masked

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOW_SETTING_HINT = "set VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true to allow it"

_BLOCKED_V4 = (
    "0.0.0.0/8",  # "this" network
    "10.0.0.0/8",  # private
    "100.64.0.0/10",  # carrier-grade NAT
    "127.0.0.0/8",  # loopback
    "169.254.0.0/16",  # link-local (cloud metadata services)
    "172.16.0.0/12",  # private
    "192.0.0.0/24",  # IETF protocol assignments
    "192.0.2.0/24",  # TEST-NET-1
    "192.168.0.0/16",  # private
    "198.18.0.0/15",  # benchmarking
    "198.51.100.0/24",  # TEST-NET-2
    "203.0.113.0/24",  # TEST-NET-3
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, broadcast
)
_BLOCKED_V6 = (
    "::/96",  # unspecified (::), loopback (::1) and IPv4-compatible (::a.b.c.d, deprecated)
    "::ffff:0:0:0/96",  # IPv4-translated (::ffff:0:a.b.c.d, RFC 2765)
    "64:ff9b::/96",  # NAT64 (embeds IPv4)
    "64:ff9b:1::/48",  # local-use NAT64 (embeds IPv4)
    "100::/64",  # discard-only
    "2001::/23",  # IETF protocol assignments, Teredo (embeds IPv4) among them
    "2001:db8::/32",  # documentation
    "2002::/16",  # 6to4 (embeds IPv4)
    "3fff::/20",  # documentation (RFC 9637)
    "5f00::/16",  # segment routing (SRv6) identifiers
    "fc00::/7",  # unique local
    "fe80::/10",  # link-local
    "fec0::/10",  # site-local (deprecated)
    "ff00::/8",  # multicast
)


def _mapped(network: str) -> ipaddress.IPv6Network:
    """The IPv4-mapped IPv6 form (`::ffff:a.b.c.d/96+n`) of an IPv4 network."""
    v4 = ipaddress.IPv4Network(network)
    base = ipaddress.IPv6Address(f"::ffff:{v4.network_address}")
    return ipaddress.IPv6Network(f"{base}/{96 + v4.prefixlen}")


BLOCKED_NETWORKS: tuple[IPNetwork, ...] = (
    *(ipaddress.IPv4Network(n) for n in _BLOCKED_V4),
    *(ipaddress.IPv6Network(n) for n in _BLOCKED_V6),
    *(_mapped(n) for n in _BLOCKED_V4),
)

_IPV4_PART = re.compile(r"^(?:0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$")


def _parse_ipv4_number(part: str) -> int | None:
    if not _IPV4_PART.match(part):
        return None
    if part[:2] in ("0x", "0X"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part[0] == "0":
        return int(part, 8)
    return int(part)


def _parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Decode IPv4 in every spelling resolvers accept: 1-4 parts, decimal, octal or hex."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # a trailing dot is allowed
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_parse_ipv4_number(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    result = values[-1]
    for index, number in enumerate(values[:-1]):
        result += number << (8 * (3 - index))
    return ipaddress.IPv4Address(result)


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes when it is an IP literal, else None (a name)."""
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        text = text.split("%", 1)[0]  # zone id: fe80::1%eth0
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    return _parse_ipv4(text)


def is_blocked_address(ip: str) -> bool:
    """True when the address (any literal spelling) lies in a blocked network.

    A string that is not an IP address at all counts as blocked: the guard fails closed.
    """
    address = parse_ip_literal(ip)
    if address is None:
        return True
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    if mapped is not None and is_blocked_address(str(mapped)):
        return True
    return any(address.version == net.version and address in net for net in BLOCKED_NETWORKS)


def shown_url(url: str, limit: int = 200) -> str:
    """`url` as it may be shown or logged: credentials (`user:password@`) masked, cut at `limit`
    (`vindplaats.net.shown`)."""
    return masked(url.strip(), credentials="userinfo", limit=limit)


def _refusal(url: str, what: str, allow_hint: bool = True) -> UnsafeURLError:
    shown = shown_url(url)
    hint = f" ({ALLOW_SETTING_HINT})" if allow_hint else ""
    return UnsafeURLError(f"refused {shown}: {what}{hint}")


def check_url(url: str, *, allow_private: bool) -> None:
    """Raise UnsafeURLError unless `url` is an absolute http(s) URL to an allowed host.

    Only IP literals can be judged here; host names are checked on their resolved addresses by
    `resolve_checked` (the crawler's DNS resolver does that for every connection).
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise _refusal(url, f"not a valid URL ({exc})", allow_hint=False) from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise _refusal(url, "not an absolute http(s) URL", allow_hint=False)
    if scheme not in ALLOWED_SCHEMES:
        raise _refusal(url, f"only http and https URLs are allowed, not {scheme!r}", False)
    if not host:
        raise _refusal(url, "the URL has no host", allow_hint=False)
    if allow_private:
        return
    address = parse_ip_literal(host)
    if address is not None and is_blocked_address(str(address)):
        shown = host if str(address) == host else f"{host} (= {address})"
        raise _refusal(url, f"{shown} is a loopback/private address")


def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Resolve `host` and return its addresses (deduplicated, resolver order).

    Raises UnsafeURLError when ANY address is blocked (unless `allow_private`), and OSError
    (`socket.gaierror`) when the name does not resolve.
    """
    name = host.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise socket.gaierror(f"no addresses for {host!r}")
    if not allow_private:
        for address in addresses:
            if is_blocked_address(address):
                raise UnsafeURLError(
                    f"refused host {host}: it resolves to {address}, a loopback/private "
                    f"address ({ALLOW_SETTING_HINT})"
                )
    return addresses


def check_url_resolved(url: str, *, allow_private: bool) -> None:
    """`check_url`, then a host name checked on the addresses it resolves to now.

    Refuses (UnsafeURLError) the same way for an IP literal and for a name resolving to a
    blocked address, so a caller can refuse before any work starts. A name that does not
    resolve (yet) is accepted: every connection checks it again.
    """
    check_url(url, allow_private=allow_private)
    if allow_private:
        return
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parse_ip_literal(host) is not None:
        return
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        resolve_checked(host, port, allow_private=False)
    except OSError:
        return
