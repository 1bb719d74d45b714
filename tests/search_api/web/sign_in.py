"""Signing people in for the browser tests, as they would: an account is invited (as
`vindplaats accounts invite` does), the one-time link is opened, a password set, and the page
lands signed in. `api_token` makes an organisation's API token as its tokens page does."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from vindplaats.accounts import people
from vindplaats.settings import Settings
from vindplaats.store import open_store

PASSWORD = "correct paard batterij nietje"


def _accept(page: Page, settings: Settings, email: str, role: str, org: str | None) -> None:
    store = open_store(settings)
    try:
        invitation = people.invite(store, email, role, org, "cli")
    finally:
        store.close()
    page.goto(invitation.path())
    page.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    page.get_by_label("Nogmaals").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page).not_to_have_url(f"**{invitation.path()}")


def sign_in(page: Page, settings: Settings, org_key: str) -> None:
    """`page` signed in as an invited editor of `org_key` (`redactie@<org>.example`)."""
    _accept(page, settings, f"redactie@{org_key}.example", "editor", org_key)


def sign_in_admin(page: Page, settings: Settings) -> None:
    _accept(page, settings, "beheer@vindplaats.example", "admin", None)


def api_token(settings: Settings, org_key: str) -> str:
    store = open_store(settings)
    try:
        people_org = people.ensure_organisation(store, org_key).key
        return people.new_api_token(store, people_org, "tests", "cli")
    finally:
        store.close()
