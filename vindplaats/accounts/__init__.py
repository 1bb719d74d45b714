"""Organisations and the people who act for them: accounts, sessions, API tokens, the audit
log (`docs/municipalities.md`)."""
