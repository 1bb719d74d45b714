"""The rules of "Mist u een stuk?" reports: what a report may hold, which organisation it goes
to, how many are taken, and how an organisation answers and closes one.

- **Subject**: a document, a meeting (both by record id) or an organisation (by source key)
  that is held; anything else is refused. The report goes to the organisation the subject's
  source belongs to (`vindplaats.accounts.organisations.organisation_of`).
- **Fields**: the message is required, at most `MESSAGE_MAX` characters; the contact is
  optional, an email address or a phone number of at most `CONTACT_MAX` characters. Control
  characters other than line breaks and tabs are dropped.
- **Limits**: at most `PER_CLIENT` reports per client (5 an hour) and `PER_ORGANISATION` per
  organisation (200 a day). The client is kept only as a keyed hash of its address
  (`client_hash`: HMAC-SHA-256 with a server secret), never the address itself.
- **Answering**: an editor of the organisation (or an admin) saves an answer and may close the
  report; every new report, answer and closing is written to the audit log, never with the
  reporter's contact in it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from normalize.ids import parse_id
from vindplaats.accounts.organisations import organisation_of
from vindplaats.errors import NotFound, VindplaatsError
from vindplaats.sources import Source
from vindplaats.store.base import Store
from vindplaats.store.sql_reports import MissingReport, ReportLimit

SUBJECT_KINDS = ("document", "meeting", "organisation")
MESSAGE_MAX = 2_000
CONTACT_MAX = 200
ANSWER_MAX = 4_000
SUBJECT_ID_MAX = 500
PER_CLIENT = ReportLimit(5, 3600.0)
PER_ORGANISATION = ReportLimit(200, 86400.0)
REPORT_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# A contact is an email address or a phone number; the same expression is published in the
# OpenAPI document (ECMA and Python read it alike: whole-string match, no control characters).
CONTACT_PATTERN = (
    r"^(?:[^@\s\x00-\x1f\x7f]{1,64}@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]{2,}"
    r"|\+?[0-9][0-9 ()./-]{5,24})$"
)
# A message holds at least one visible character.
MESSAGE_PATTERN = r"[^\s\x00-\x1f\x7f]"
_CONTACT = re.compile(CONTACT_PATTERN)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ReportRefused(VindplaatsError):
    """A report (or an answer) that is not taken: the HTTP status, an English message for the
    API, a Dutch one for the pages, the field at fault and, for a spent limit, the seconds
    until one more is taken."""

    def __init__(
        self,
        status: int,
        message: str,
        dutch: str,
        field: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.dutch = dutch
        self.field = field
        self.retry_after = retry_after


@dataclass(frozen=True)
class ReportInput:
    """What a visitor sent, as text (the fields of the form or of the JSON body)."""

    subject_kind: str
    subject_id: str
    message: str
    contact: str = ""


def client_hash(secret: bytes, address: str) -> str:
    """The client as it is stored: a keyed hash of its address (the address is not kept)."""
    return hmac.new(secret, address.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


def clean_text(value: str) -> str:
    """`value` without control characters (line breaks and tabs kept), trimmed."""
    return _CONTROL.sub("", value.replace("\r\n", "\n")).strip()


def _checked_fields(asked: ReportInput) -> tuple[str, str | None]:
    message = clean_text(asked.message)
    if not message:
        raise ReportRefused(422, "message: required", "Beschrijf wat u mist.", "message")
    if len(message) > MESSAGE_MAX:
        raise ReportRefused(
            422,
            f"message: at most {MESSAGE_MAX} characters",
            f"Uw bericht is te lang: maximaal {MESSAGE_MAX:,} tekens.".replace(",", "."),
            "message",
        )
    contact = clean_text(asked.contact) or None
    if contact is not None and (len(contact) > CONTACT_MAX or not _CONTACT.fullmatch(contact)):
        raise ReportRefused(
            422,
            f"contact: an email address or a phone number of at most {CONTACT_MAX} characters",
            "Vul een e-mailadres of telefoonnummer in, of laat het veld leeg.",
            "contact",
        )
    return message, contact


def subject_source(store: Store, kind: str, subject_id: str) -> Source:
    """The source the subject belongs to; ReportRefused (422) when there is no such subject."""
    unknown = ReportRefused(
        422,
        f"subject: no {kind} {subject_id[:200]!r}",
        "Het stuk, de vergadering of de organisatie van deze melding is niet bekend.",
        "subject_id",
    )
    if kind not in SUBJECT_KINDS:
        raise ReportRefused(
            422,
            f"subject_kind: one of {', '.join(SUBJECT_KINDS)}",
            "Deze melding hoort niet bij een stuk, vergadering of organisatie.",
            "subject_kind",
        )
    if not subject_id or len(subject_id) > SUBJECT_ID_MAX or _CONTROL.search(subject_id):
        raise unknown
    source_key = subject_id
    if kind != "organisation":
        try:
            record_kind, _, source_key, _ = parse_id(subject_id)
            if record_kind != kind:
                raise unknown
            store.get_record(subject_id)
        except (ValueError, NotFound):
            raise unknown from None
    try:
        return store.get_source(source_key)
    except NotFound:
        raise unknown from None


def _limit_refusal(store: Store, client: str, organisation_key: str) -> ReportRefused:
    used = store.missing_report_window(PER_CLIENT.window, client=client)
    if used.count >= PER_CLIENT.limit:
        wait = max(1, int(used.frees_in + 0.999))
        minutes = max(1, round(wait / 60))
        return ReportRefused(
            429,
            f"at most {PER_CLIENT.limit} reports per client per hour; retry after {wait} s",
            f"U heeft het maximum van {PER_CLIENT.limit} meldingen per uur bereikt. Probeer "
            f"het over {minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw.",
            retry_after=wait,
        )
    used = store.missing_report_window(PER_ORGANISATION.window, organisation_key=organisation_key)
    wait = max(1, int(used.frees_in + 0.999))
    return ReportRefused(
        429,
        f"this organisation takes at most {PER_ORGANISATION.limit} reports a day; retry after "
        f"{wait} s",
        "Deze organisatie heeft vandaag al het maximum aantal meldingen ontvangen. Probeer "
        "het morgen opnieuw.",
        retry_after=wait,
    )


def file_report(
    store: Store,
    asked: ReportInput,
    client: str,
    limits: tuple[ReportLimit, ReportLimit] = (PER_CLIENT, PER_ORGANISATION),
) -> MissingReport:
    """Take the report for the subject's organisation, or raise ReportRefused (422 a bad field
    or unknown subject, 429 a spent limit). `client` is the `client_hash` of the sender."""
    message, contact = _checked_fields(asked)
    kind, subject_id = asked.subject_kind.strip(), asked.subject_id.strip()
    source = subject_source(store, kind, subject_id)
    organisation_key = organisation_of(store, source)
    report_id = secrets.token_urlsafe(18)
    with store.transaction():
        report = store.add_missing_report(
            report_id, organisation_key, (kind, subject_id), message, contact, client, limits
        )
        if report is not None:
            store.add_audit(
                "public",
                "report.create",
                organisation_key=organisation_key,
                subject=report_id,
                detail={"subject": f"{kind}:{subject_id}"[:300]},
            )
    if report is None:
        raise _limit_refusal(store, client, organisation_key)
    return report


def find_report(store: Store, organisation_key: str, report_id: str) -> MissingReport:
    """The organisation's report; NotFound for an unknown id or another organisation's."""
    found = store.get_missing_report(report_id) if REPORT_ID.match(report_id) else None
    if found is None or found.organisation_key != organisation_key:
        raise NotFound(f"no report {report_id[:80]!r} for organisation {organisation_key!r}")
    return found


def answer_report(
    store: Store, report: MissingReport, answer: str, actor: str, *, close: bool
) -> MissingReport:
    """Save the organisation's answer (and close the report, when `close`), audited.
    ReportRefused (422) for an answer too long, or empty while not closing."""
    text = clean_text(answer)
    if len(text) > ANSWER_MAX:
        raise ReportRefused(
            422,
            f"answer: at most {ANSWER_MAX} characters",
            f"Het antwoord is te lang: maximaal {ANSWER_MAX:,} tekens.".replace(",", "."),
            "answer",
        )
    if not text and not close:
        raise ReportRefused(422, "answer: required", "Schrijf een antwoord.", "answer")
    with store.transaction():
        saved = store.answer_missing_report(report.id, text, actor, close=close)
        if saved is None:
            raise NotFound(f"no report {report.id!r}")
        store.add_audit(
            actor,
            "report.close" if close else "report.answer",
            organisation_key=report.organisation_key,
            subject=report.id,
            detail={"answer_characters": len(text), "status": saved.status},
        )
    return saved


__all__ = [
    "ANSWER_MAX",
    "CONTACT_MAX",
    "MESSAGE_MAX",
    "PER_CLIENT",
    "PER_ORGANISATION",
    "SUBJECT_KINDS",
    "ReportInput",
    "ReportRefused",
    "answer_report",
    "client_hash",
    "file_report",
    "find_report",
    "subject_source",
]
