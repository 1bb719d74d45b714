"""Passwords (argon2id: hash, verify, rehash), the strength rules and random tokens."""

from __future__ import annotations

import hashlib

import pytest
from argon2 import PasswordHasher

from vindplaats.accounts import credentials
from vindplaats.accounts.credentials import WeakPassword

GOOD = "een lange zin als wachtwoord"


def test_a_password_is_hashed_with_argon2id_and_verified() -> None:
    hashed = credentials.hash_password(GOOD)
    assert hashed.startswith("$argon2id$") and GOOD not in hashed
    assert credentials.hash_password(GOOD) != hashed  # salted
    assert credentials.verify_password(hashed, GOOD)
    assert not credentials.verify_password(hashed, GOOD + "!")
    assert not credentials.verify_password(hashed, "")
    assert not credentials.needs_rehash(hashed)


def test_no_hash_a_broken_hash_or_a_huge_password_never_verifies() -> None:
    assert not credentials.verify_password(None, GOOD)
    assert not credentials.verify_password("not-a-hash", GOOD)
    huge = "x" * (credentials.MAX_PASSWORD + 1)
    assert not credentials.verify_password(credentials.hash_password("y" * 20), huge)


def test_a_hash_of_older_parameters_still_verifies_and_asks_for_a_rehash() -> None:
    old = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(GOOD)
    assert credentials.verify_password(old, GOOD)
    assert credentials.needs_rehash(old)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kort-maar-1", "minstens 12 tekens"),  # 11 characters
        ("", "minstens 12 tekens"),
        ("x" * 1_001 + "abcd", "hoogstens 1000 tekens"),
        ("Welkom123456", "te makkelijk"),  # a common one, in any case
        ("wachtwoord123", "te makkelijk"),
        ("abababababab", "te makkelijk"),  # fewer than four different characters
        ("aaaaaaaaaaaaaaaaaaaa", "te makkelijk"),
        ("Redactie@Alkmaar.nl", "te makkelijk"),  # the email address itself
    ],
)
def test_weak_passwords_are_refused_saying_why(password: str, reason: str) -> None:
    with pytest.raises(WeakPassword, match=reason):
        credentials.check_strength(password, "redactie@alkmaar.nl")


@pytest.mark.parametrize("password", ["abcdefghijkl", GOOD, "x" * 996 + "abcd"])
def test_passwords_of_12_to_1000_varied_characters_pass(password: str) -> None:
    credentials.check_strength(password, "redactie@alkmaar.nl")


def test_tokens_are_random_url_safe_and_kept_as_their_sha256() -> None:
    tokens = {credentials.new_token() for _ in range(100)}
    assert len(tokens) == 100
    token = credentials.new_token("vpt_")
    assert token.startswith("vpt_") and len(token) >= 4 + 43
    assert all(c.isalnum() or c in "-_" for c in token)
    assert credentials.token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
    assert len(credentials.token_hash(token)) == 64


def test_same_compares_strings() -> None:
    assert credentials.same("abc", "abc")
    assert not credentials.same("abc", "abd")
    assert not credentials.same("abc", "abcd")
