"""Check-ins: storage, idempotency, history, scoring; they feed triage and open alerts."""
