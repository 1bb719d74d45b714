"""The steps of self-service source registration and the rules of which may follow which.

    register / edit → draft ─ verify → verifying → verified ─ submit → submitted
           (an edit in any state but approved sends it back to draft)   │
                                        approve (admin) → approved ─────┤ reject → rejected

- `register` / `edit`: the fields checked and turned into a `Source` (`registration_fields`);
  never in the registry before approval. An edit drops an earlier verification and submission.
- `begin_verification` / `finish_verification`: the dry-run (`verification`) runs between the
  two, off the request (`search_api.registration_jobs`) or at once (`verify_now`, the CLI).
  A verification left `verifying` by a stopped server may be started again after
  `stale_after(settings)` seconds.
- `submit`: needs a verification; one that was fatal, or saw no meeting and no document, needs
  a note (kept with the verification).
- `approve` (admin): the source added to the registry as `vindplaats sources add` adds it, linked
  to the organisation (`store.link_source`), made due at once so the next worker pass harvests
  it; refused when a source with its key was registered meanwhile. `reject` needs a reason.

Every step is written to the audit log with its actor (never the token). A step from the wrong
state raises `RegistrationConflict`; an unknown registration (or one of another organisation)
`NotFound`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from vindplaats.errors import NotFound, VindplaatsError
from vindplaats.operations.registration_fields import (
    build_registered_source,
    shown_config,
)
from vindplaats.operations.verification import Verification, verify_source
from vindplaats.settings import Settings
from vindplaats.sources import Source
from vindplaats.store.base import Store
from vindplaats.store.sql_registrations import Registration

EDITABLE = ("draft", "verifying", "verified", "submitted", "rejected")
VERIFIABLE = ("draft", "verified")
MAX_NOTE = 2_000
STALE_MARGIN = 120.0  # seconds beyond the dry-run's own time cap
STATE_WORDS = {
    "draft": "een concept",
    "verifying": "in controle",
    "verified": "gecontroleerd",
    "submitted": "ingediend",
    "approved": "goedgekeurd",
    "rejected": "afgewezen",
}


class RegistrationConflict(VindplaatsError):
    """The step does not fit the registration's state (submit before verifying, ...)."""


def _state(found: Registration) -> str:
    return STATE_WORDS.get(found.status, found.status)


def stale_after(settings: Settings) -> float:
    return settings.verification_seconds + STALE_MARGIN


def registration(
    store: Store, registration_id: str, organisation_key: str | None = None
) -> Registration:
    """The registration (of that organisation, when given); NotFound otherwise."""
    found = store.get_registration(registration_id)
    if found is None or organisation_key not in (None, found.organisation_key):
        raise NotFound(f"onbekende aanmelding {registration_id!r}")
    return found


def _audit(store: Store, actor: str, action: str, found: Registration, **detail: Any) -> None:
    store.add_audit(
        actor,
        f"registration.{action}",
        organisation_key=found.organisation_key,
        subject=found.id,
        detail={"source": found.source_key, "status": found.status, **detail},
    )


def register(
    store: Store, settings: Settings, organisation_key: str, fields: Mapping[str, Any], actor: str
) -> Registration:
    """A new draft for the organisation (RegistrationInvalid when the fields are unusable)."""
    source = build_registered_source(
        store, organisation_key, fields, allow_private=settings.allow_private_networks
    )
    with store.transaction():
        created = store.create_registration(
            organisation_key, source.key, source.model_dump_json(), actor
        )
        _audit(store, actor, "create", created, supplier=source.supplier.value)
    return created


def edit(
    store: Store, settings: Settings, found: Registration, fields: Mapping[str, Any], actor: str
) -> Registration:
    """New fields: back to draft (not once approved)."""
    if found.status not in EDITABLE:
        raise RegistrationConflict(
            f"aanmelding {found.id} is {_state(found)}: wijzigen kan niet meer"
        )
    source = build_registered_source(
        store,
        found.organisation_key,
        fields,
        allow_private=settings.allow_private_networks,
        current=found,
    )
    with store.transaction():
        saved = store.save_registration_config(
            found.id, source.key, source.model_dump_json(), EDITABLE
        )
        if saved is None:
            raise RegistrationConflict(f"aanmelding {found.id} is intussen goedgekeurd")
        changed = sorted(k for k, v in shown_config(saved).items() if shown_config(found)[k] != v)
        _audit(store, actor, "edit", saved, changed=changed)
    return saved


def begin_verification(
    store: Store, settings: Settings, found: Registration, actor: str
) -> Registration:
    """verifying; RegistrationConflict when it is being verified, submitted or decided."""
    with store.transaction():
        started = store.start_registration_verification(found.id, VERIFIABLE, stale_after(settings))
        if started is None:
            raise RegistrationConflict(_why_not_verifiable(found))
        _audit(store, actor, "verify", started)
    return started


def _why_not_verifiable(found: Registration) -> str:
    if found.status == "verifying":
        return f"aanmelding {found.id} wordt al gecontroleerd"
    return f"aanmelding {found.id} is {_state(found)}: wijzig haar om opnieuw te controleren"


def finish_verification(
    store: Store, registration_id: str, verification: Verification
) -> Registration | None:
    """Keep what the dry-run saw; None when the registration was edited meanwhile."""
    with store.transaction():
        done = store.finish_registration_verification(registration_id, verification)
        if done is not None:
            _audit(
                store,
                "system",
                "verified",
                done,
                fatal=bool(verification.get("fatal")),
                meetings=int((verification.get("records") or {}).get("meeting", 0)),
            )
    return done


def run_verification(
    settings: Settings, store: Store, registration_id: str, *, today: date | None = None
) -> Registration | None:
    """The dry-run of a registration that is verifying, and its result kept."""
    found = registration(store, registration_id)
    source = Source.model_validate(found.config)
    return finish_verification(store, found.id, verify_source(settings, source, today=today))


def verify_now(
    settings: Settings, store: Store, found: Registration, actor: str, *, today: date | None = None
) -> Registration:
    """Begin, run and finish a verification in this process (the CLI, tests)."""
    begin_verification(store, settings, found, actor)
    done = run_verification(settings, store, found.id, today=today)
    return done or registration(store, found.id)


def needs_note(verification: Mapping[str, Any] | None) -> bool:
    """A verification that was fatal, or saw no meeting and no document."""
    if not verification:
        return True
    records = verification.get("records") or {}
    empty = not records.get("meeting") and not records.get("document")
    return bool(verification.get("fatal")) or empty


def submit(store: Store, found: Registration, actor: str, note: str = "") -> Registration:
    """submitted, for an admin to decide (after a verification; see `needs_note`)."""
    note = note.strip()[:MAX_NOTE]
    if found.status != "verified":
        raise RegistrationConflict(
            f"aanmelding {found.id} is {_state(found)}: indienen kan na een afgeronde controle"
        )
    if needs_note(found.verification) and not note:
        raise RegistrationConflict(
            "de controle vond fouten of niets: licht toe waarom de bron toch goed is (toelichting)"
        )
    kept = {**(found.verification or {}), "note": note}
    with store.transaction():
        submitted = store.submit_registration(found.id, kept)
        if submitted is None:
            raise RegistrationConflict(f"aanmelding {found.id} is intussen gewijzigd")
        _audit(store, actor, "submit", submitted, note=bool(note))
    return submitted


def approve(store: Store, found: Registration, actor: str) -> Registration:
    """approved: in the registry, linked to the organisation, due at once."""
    if found.status != "submitted":
        raise RegistrationConflict(f"aanmelding {found.id} is {_state(found)}, niet ingediend")
    source = Source.model_validate(found.config)
    with store.transaction():
        if source.key in {s.key for s in store.list_sources()}:
            raise RegistrationConflict(
                f"er is al een bron {source.key!r}; wijs de aanmelding af of verwijder die bron"
            )
        decided = store.decide_registration(found.id, True, actor, "")
        if decided is None:
            raise RegistrationConflict(f"aanmelding {found.id} is intussen gewijzigd")
        store.upsert_source(source)
        store.link_source(source.key, found.organisation_key)
        store.mark_due(source.key)
        _audit(store, actor, "approve", decided, supplier=source.supplier.value)
    return decided


def reject(store: Store, found: Registration, actor: str, reason: str) -> Registration:
    """rejected, with the reason the editor sees."""
    reason = reason.strip()
    if not reason:
        raise RegistrationConflict("geef een reden om af te wijzen")
    if found.status != "submitted":
        raise RegistrationConflict(f"aanmelding {found.id} is {_state(found)}, niet ingediend")
    with store.transaction():
        decided = store.decide_registration(found.id, False, actor, reason)
        if decided is None:
            raise RegistrationConflict(f"aanmelding {found.id} is intussen gewijzigd")
        _audit(store, actor, "reject", decided, reason=reason[:500])
    return decided
