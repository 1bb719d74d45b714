from __future__ import annotations

import ipaddress

import pytest

from vindplaats.errors import UnsafeURLError
from vindplaats.net import (
    BLOCKED_NETWORKS,
    check_url,
    is_blocked_address,
    parse_ip_literal,
    resolve_checked,
)

# One address inside every range of reliability.md item 2, plus its IPv4-mapped form.
BLOCKED_V4 = [
    "0.0.0.1", "10.20.30.40", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.255.0.9",
    "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.10",
    "192.168.1.1", "198.18.0.1", "198.19.255.1", "198.51.100.7", "203.0.113.9", "224.0.0.1",
    "239.255.255.250", "240.0.0.1", "255.255.255.255",
]  # fmt: skip
BLOCKED_V6 = [
    "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "64:ff9b::7f00:1",
    "2002:7f00:1::", "2001:db8::1", "2001:db8:ffff::1", "::7f00:1", "::8.8.8.8",
    "::ffff:0:7f00:1", "64:ff9b:1::a00:1", "100::1", "2001::1", "2001:0:4136:e378::1",
    "3fff::1", "5f00::1", "fec0::1", "ff02::1", "ff0e::1", "ff05::2",
]  # fmt: skip
PUBLIC = [
    "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.32.0.1", "192.0.1.1",
    "198.20.0.1", "223.255.255.255", "2001:4860:4860::8888", "2a00:1450::1",
    "::ffff:8.8.8.8",
]  # fmt: skip


@pytest.mark.parametrize("ip", BLOCKED_V4 + BLOCKED_V6)
def test_every_blocked_range_is_refused(ip: str) -> None:
    assert is_blocked_address(ip)


@pytest.mark.parametrize("ip", BLOCKED_V4)
def test_ipv4_mapped_ipv6_of_every_blocked_range_is_refused(ip: str) -> None:
    assert is_blocked_address(f"::ffff:{ip}")
    assert is_blocked_address(f"[::ffff:{ip}]")


@pytest.mark.parametrize("ip", PUBLIC)
def test_public_addresses_are_allowed(ip: str) -> None:
    assert not is_blocked_address(ip)


def test_the_list_is_explicit_and_includes_the_mapped_forms() -> None:
    shown = {str(n) for n in BLOCKED_NETWORKS}
    assert "100.64.0.0/10" in shown  # neither private nor global for Python's flags
    assert "::ffff:7f00:0/104" in shown  # ::ffff:127.0.0.0/8
    assert not ipaddress.ip_address("100.64.0.1").is_private


@pytest.mark.parametrize(
    "host",
    ["[::127.0.0.1]", "[::ffff:0:127.0.0.1]", "[ff02::1]", "[::ffff:0:7f00:1]", "[::7f00:1]"],
)
def test_ipv4_compatible_translated_and_multicast_forms_are_refused_like_loopback(
    host: str,
) -> None:
    with pytest.raises(UnsafeURLError) as caught:
        check_url(f"http://{host}:8080/api", allow_private=False)
    assert "loopback/private address" in str(caught.value)
    with pytest.raises(UnsafeURLError):
        resolve_checked(host, 8080, allow_private=False)


def test_garbage_counts_as_blocked() -> None:
    assert is_blocked_address("not-an-address")
    assert is_blocked_address("")


@pytest.mark.parametrize(
    "spelling",
    ["2130706433", "0177.0.0.1", "127.1", "0x7f.0.0.1", "0x7f000001", "127.0.0.1.", "017700000001"],
)
def test_other_spellings_of_loopback_decode_to_it(spelling: str) -> None:
    assert parse_ip_literal(spelling) == ipaddress.ip_address("127.0.0.1")


@pytest.mark.parametrize("name", ["example.org", "api.notubiz.nl", "1.2.3.4.example", "08.1.1.1"])
def test_names_are_not_ip_literals(name: str) -> None:
    assert parse_ip_literal(name) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/organisations",
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "https://10.0.0.5/document/1/1",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://user:secret@192.168.1.1/",
        "http://[fe80::1%25eth0]/",
    ],
)
def test_check_url_refuses_blocked_literals_with_a_clear_message(url: str) -> None:
    with pytest.raises(UnsafeURLError) as caught:
        check_url(url, allow_private=False)
    message = str(caught.value)
    shown = url.replace("user:secret@", "***@")  # credentials are never shown
    assert message.startswith(f"refused {shown}: ")
    assert "secret" not in message
    assert "loopback/private address" in message
    assert "VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true" in message


def test_check_url_message_names_the_decoded_address() -> None:
    with pytest.raises(UnsafeURLError, match=r"2130706433 \(= 127\.0\.0\.1\) is a loopback"):
        check_url("http://2130706433:8080/x", allow_private=False)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/x", "only http and https"),
        ("data:text/plain,hello", "only http and https"),
        ("s3://bucket/key", "only http and https"),
        ("gopher://127.0.0.1:70/", "only http and https"),
        ("/organisations", "not an absolute"),
        ("organisations?format=json", "not an absolute"),
        ("//example.org/x", "not an absolute"),
        ("http:///path", "no host"),
        ("http://example.org:99999/", "not a valid URL"),
    ],
)
def test_check_url_refuses_other_schemes_and_relative_urls(url: str, reason: str) -> None:
    for allow in (False, True):
        with pytest.raises(UnsafeURLError, match=reason):
            check_url(url, allow_private=allow)


@pytest.mark.parametrize(
    "url",
    ["https://api.notubiz.nl/organisations", "http://8.8.8.8/", "https://[2001:4860::1]:443/x"],
)
def test_check_url_allows_public_urls(url: str) -> None:
    check_url(url, allow_private=False)


def test_the_allow_setting_is_the_only_way_to_private_addresses() -> None:
    check_url("http://127.0.0.1:8080/", allow_private=True)
    check_url("http://[::1]/", allow_private=True)
    assert resolve_checked("localhost", 80, allow_private=True)


def test_resolve_checked_refuses_a_name_that_resolves_to_loopback() -> None:
    with pytest.raises(UnsafeURLError) as caught:
        resolve_checked("localhost", 80, allow_private=False)
    assert "localhost" in str(caught.value)
    assert "loopback/private" in str(caught.value)


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "127.1", "[::1]", "::ffff:127.0.0.1"])
def test_resolve_checked_refuses_literal_spellings(host: str) -> None:
    with pytest.raises(UnsafeURLError):
        resolve_checked(host, 80, allow_private=False)


def test_resolve_checked_returns_the_addresses_to_connect_to() -> None:
    assert resolve_checked("8.8.8.8", 443, allow_private=False) == ["8.8.8.8"]
    assert resolve_checked("2130706433", 80, allow_private=True) == ["127.0.0.1"]
