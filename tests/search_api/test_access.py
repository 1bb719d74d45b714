"""Sign-in, sessions, CSRF and API tokens over HTTP (`search_api.access`,
`search_api.web.account_pages`), against the real app over an empty store:

- the session cookie is signed, HttpOnly, SameSite=Lax, and Secure except over plain http on
  loopback; a tampered, idle or expired session is no session; disabling an account ends its
  sessions;
- the sign-in and invitation forms are taken only from this site; `terug` never leads away;
  per client at most 20 attempts a minute;
- a signed-in form without its session's token is refused with 403;
- an organisation's token opens its API and nothing else; revoked, it is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from search_api.access import COOKIE, KEY_FILE
from search_api.web.account_pages import ATTEMPTS_PER_MINUTE
from vindplaats.accounts import people
from vindplaats.accounts.organisations import ensure_organisation
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import Source
from vindplaats.store import Store, open_store

ORG = "voorbeeldstad"
OTHER = "zeestad"
PASSWORD = "correct paard batterij nietje"
LOOPBACK = "http://127.0.0.1:8000"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = load_settings(data_dir=tmp_path / "data", api_rate_limit="off")
    store = open_store(settings)
    try:
        for key in (ORG, OTHER):
            store.upsert_source(
                Source.model_validate(
                    {
                        "key": key,
                        "supplier": "notubiz",
                        "name": key.title(),
                        "notubiz_organisation_id": "1",
                    }
                )
            )
    finally:
        store.close()
    return settings


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    try:
        yield opened
    finally:
        opened.close()


def _client(settings: Settings, base_url: str = LOOPBACK) -> TestClient:
    return TestClient(create_app(settings), base_url=base_url, follow_redirects=False)


def _editor(store: Store, email: str = "redactie@voorbeeldstad.example", org: str = ORG) -> None:
    invitation = people.invite(store, email, "editor", org, "test")
    people.set_password(store, invitation.account, PASSWORD)


def _sign_in(client: TestClient, email: str, password: str = PASSWORD) -> int:
    origin = str(client.base_url).rstrip("/")
    answer = client.post(
        "/aanmelden",
        data={"email": email, "password": password, "terug": "/beheer"},
        headers={"Origin": origin},
    )
    return answer.status_code


def _csrf(client: TestClient, path: str) -> str:
    page = client.get(path).text
    marker = 'name="csrf_token" value="'
    assert marker in page, page[:500]
    return page.split(marker, 1)[1].split('"', 1)[0]


def test_the_session_cookie_is_signed_httponly_samesite_and_secure_off_loopback(
    settings: Settings, store: Store
) -> None:
    _editor(store)
    for base, secure in ((LOOPBACK, False), ("https://vindplaats.example", True)):
        with _client(settings, base) as client:
            answer = client.post(
                "/aanmelden",
                data={"email": "redactie@voorbeeldstad.example", "password": PASSWORD},
                headers={"Origin": base},
            )
            assert answer.status_code == 303
            header = answer.headers["set-cookie"].lower()
            assert header.startswith(COOKIE + "=")
            assert "httponly" in header and "samesite=lax" in header and "path=/" in header
            assert ("secure" in header.split(";")[-1] or "; secure" in header) is secure
            assert answer.headers["cache-control"] == "no-store"
    key = Path(settings.data_dir) / KEY_FILE
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600


def test_a_tampered_idle_or_expired_session_is_no_session(settings: Settings, store: Store) -> None:
    _editor(store)
    with _client(settings) as client:
        assert _sign_in(client, "redactie@voorbeeldstad.example") == 303
        assert client.get("/beheer").headers["location"] == f"/beheer/organisaties/{ORG}"
        value = client.cookies[COOKIE]
        session_id, _, signature = value.partition(".")
        client.cookies.clear()
        client.cookies.set(COOKIE, f"{session_id}.{'0' * len(signature)}")
        assert client.get("/beheer").headers["location"].startswith("/aanmelden?terug=")
        client.cookies.clear()
        client.cookies.set(COOKIE, value)
        assert client.get("/beheer").status_code == 303
        assert client.get("/beheer").headers["location"] == f"/beheer/organisaties/{ORG}"
        for column in ("last_seen_at", "expires_at"):
            now = store.clock().timestamp()
            with store.transaction() as conn:  # two hours idle; twelve hours old
                conn.execute(f"UPDATE sessions SET {column} = ?", (now - 7201,))
            assert client.get("/beheer").headers["location"].startswith("/aanmelden")
            with store.transaction() as conn:
                conn.execute(
                    "UPDATE sessions SET last_seen_at = ?, expires_at = ?", (now, now + 3600)
                )
            assert client.get("/beheer").headers["location"] == f"/beheer/organisaties/{ORG}"


def test_disabling_an_account_ends_its_sessions(settings: Settings, store: Store) -> None:
    _editor(store)
    with _client(settings) as client:
        assert _sign_in(client, "redactie@voorbeeldstad.example") == 303
        account = store.account_by_email("redactie@voorbeeldstad.example")
        assert account is not None
        store.set_account_disabled(account.id, True)
        assert client.get("/beheer").headers["location"].startswith("/aanmelden")
        assert _sign_in(client, "redactie@voorbeeldstad.example") == 401


def test_sign_in_forms_come_only_from_this_site_and_terug_stays_here(
    settings: Settings, store: Store
) -> None:
    _editor(store)
    link = people.invite(store, "nieuw@voorbeeldstad.example", "editor", ORG, "test").path()
    with _client(settings) as client:
        form = {"email": "redactie@voorbeeldstad.example", "password": PASSWORD}
        for headers in ({}, {"Origin": "https://elders.example"}, {"Origin": "null"}):
            refused = client.post("/aanmelden", data=form, headers=headers)
            assert refused.status_code == 403, headers
            assert "Geen toegang" in refused.text
            taken = client.post(
                link, data={"password": PASSWORD, "password2": PASSWORD}, headers=headers
            )
            assert taken.status_code == 403
        assert client.get(link).status_code == 200  # the refused posts did not use the link
        for away in ("https://elders.example/", "//elders.example/", "/\\elders.example"):
            answer = client.post(
                "/aanmelden", data={**form, "terug": away}, headers={"Origin": LOOPBACK}
            )
            assert answer.headers["location"] == "/beheer", away


def test_a_client_gets_at_most_20_sign_in_attempts_a_minute(
    settings: Settings, store: Store
) -> None:
    _editor(store)
    with _client(settings) as client:
        for _ in range(ATTEMPTS_PER_MINUTE):
            assert _sign_in(client, "onbekend@example.org", "niet het wachtwoord") == 401
        throttled = client.post(
            "/aanmelden",
            data={"email": "redactie@voorbeeldstad.example", "password": PASSWORD},
            headers={"Origin": LOOPBACK},
        )
        assert throttled.status_code == 429 and throttled.headers["retry-after"] == "60"
        assert COOKIE not in throttled.cookies


def test_a_form_without_its_csrf_token_is_refused(settings: Settings, store: Store) -> None:
    _editor(store)
    with _client(settings) as client:
        assert _sign_in(client, "redactie@voorbeeldstad.example") == 303
        token = _csrf(client, f"/beheer/organisaties/{ORG}")
        for form in ({}, {"csrf_token": ""}, {"csrf_token": token[:-1] + "x"}):
            refused = client.post("/afmelden", data=form)
            assert refused.status_code == 403 and "CSRF" in refused.text
            assert client.get("/beheer").headers["location"].startswith("/beheer/organisaties")
        signed_out = client.post("/afmelden", data={"csrf_token": token})
        assert signed_out.status_code == 303
        assert client.get("/beheer").headers["location"].startswith("/aanmelden")


def test_an_organisation_token_opens_its_api_only_until_revoked(
    settings: Settings, store: Store
) -> None:
    ensure_organisation(store, ORG)
    token = people.new_api_token(store, ORG, "automation", "test")
    bearer = {"Authorization": f"Bearer {token}"}
    with _client(settings) as client:
        assert client.get(f"/api/organisations/{ORG}/reports", headers=bearer).status_code == 200
        other = client.get(f"/api/organisations/{OTHER}/reports", headers=bearer)
        assert other.status_code == 403 and other.json()["error"]["message"]
        # a token is for the API: it signs nobody in on the web pages
        assert client.get("/beheer", headers=bearer).headers["location"].startswith("/aanmelden")
        made = store.api_tokens(ORG)
        assert [t.label for t in made] == ["automation"] and made[0].last_used_at is not None
        assert store.revoke_api_token(ORG, made[0].id)
        revoked = client.get(f"/api/organisations/{ORG}/reports", headers=bearer)
        assert revoked.status_code == 401 and revoked.headers["www-authenticate"] == "Bearer"
    audit = [entry.action for entry in store.audit_entries(ORG)]
    assert "token.create" in audit
