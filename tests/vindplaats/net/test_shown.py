"""URLs as they may be shown: passwords never appear, whichever way the caller shows the user
part, in the URL's user part, its query or a libpq conninfo; the rest of the URL stays."""

from __future__ import annotations

import pytest

from vindplaats.net.shown import shown_url


@pytest.mark.parametrize(
    ("url", "credentials", "shown"),
    [
        ("postgresql://u:p%40ss@db:5432/x", "password", "postgresql://u:***@db:5432/x"),
        ("postgresql://u@db/x", "password", "postgresql://u@db/x"),
        ("https://a:b@c@host/p?q=1", "password", "https://a:***@host/p?q=1"),
        ("http://user:secret@192.168.1.1/", "userinfo", "http://***@192.168.1.1/"),
        ("//user:secret@host/x", "userinfo", "//***@host/x"),
        ("https://elastic:pw@es.example.org:9200/", "drop", "https://es.example.org:9200/"),
        ("https://host/x#frag", "drop", "https://host/x#frag"),
    ],
)
def test_the_user_part_is_shown_as_the_caller_says(url: str, credentials: str, shown: str) -> None:
    assert shown_url(url, credentials=credentials) == shown  # type: ignore[arg-type]


def test_passwords_in_the_query_and_in_a_conninfo_are_masked() -> None:
    url = "postgresql://db/x?sslmode=require&password=geheim&user=u"
    assert shown_url(url) == "postgresql://db/x?sslmode=require&password=***&user=u"
    assert shown_url("host=db password='a b' user=u") == "host=db password=*** user=u"
    assert shown_url("host=db password = geheim") == "host=db password = ***"


def test_without_the_query_and_cut_at_a_limit() -> None:
    url = "https://u:p@host/path?password=x&page=2#top"
    assert shown_url(url, credentials="drop", query=False) == "https://host/path"
    long = "https://host/" + "a" * 300
    assert shown_url(long, limit=200) == long[:200] + "..."
    assert shown_url(long) == long
