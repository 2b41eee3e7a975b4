"""The audit row in SQL: written with each access to a patient and with each check-in.

Hand-written SQL is allowed here because the row is on the measured paths: a check-in writes it in
its own statement (``raw.together`` in checkins.service._store), measured by
bench/checkin_ingest.py; every other request about a patient writes it after its access check
(``policy.require``), as in bench/console_scale.py's patient page. Placeholders are ``{}``
(``relais.db.raw``).
"""

from __future__ import annotations

#: One audit row; its values are ``service.audit_values``'. Measured: bench/checkin_ingest.py (one
#: with each check-in), bench/console_scale.py (one with each call of a patient's page).
AUDIT_INSERT = (
    "INSERT INTO relais_audit (at, actor_id, actor_role, action, record_type, record_id, "
    "patient_id, ip, user_agent, outcome, detail) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, "
    "{})"
)
