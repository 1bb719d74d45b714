"""Passwords (argon2id) and the random tokens of links, sessions and API tokens.

A token is 32 random bytes, URL-safe; the store keeps only its SHA-256. Passwords are hashed
with argon2id at argon2-cffi's recommended parameters (RFC 9106's second choice) and rehashed
at sign-in when those parameters change.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD = 12
MAX_PASSWORD = 1_000  # hashing a huge input is work an attacker chooses
COMMON = frozenset(
    {
        "welkom123456", "wachtwoord12", "wachtwoord123", "password1234", "123456789012",
        "qwertyuiop12", "gemeente1234", "voorjaar2026!", "welkomwelkom", "000000000000",
    }
)  # fmt: skip
_HASHER = PasswordHasher()


class WeakPassword(ValueError):
    """The password is refused; the message says why, in Dutch."""


def check_strength(password: str, email: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.")
    if len(password) > MAX_PASSWORD:
        raise WeakPassword(f"Een wachtwoord heeft hoogstens {MAX_PASSWORD} tekens.")
    lowered = password.lower()
    if lowered in COMMON or len(set(password)) < 4 or lowered == email.lower():
        raise WeakPassword("Dit wachtwoord is te makkelijk te raden; kies een ander.")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; a missing hash still costs one hash (no timing tell)."""
    if password_hash is None or len(password) > MAX_PASSWORD:
        _HASHER.hash("vindplaats-timing-equaliser")
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _HASHER.check_needs_rehash(password_hash)


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
