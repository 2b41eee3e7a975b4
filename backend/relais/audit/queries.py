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

#: A list view's audit: the same row for each patient shown, in one statement whatever their
#: number (2,000 rows built one by one cost the console list 300 ms). Takes ``AUDIT_INSERT``'s
#: values but the patient, then the patients: an array on PostgreSQL, a JSON array on SQLite.
AUDIT_INSERT_EACH = {
    "postgres": (
        "INSERT INTO relais_audit (at, actor_id, actor_role, action, record_type, record_id, "
        "patient_id, ip, user_agent, outcome, detail) SELECT {}::timestamptz, {}::uuid, "
        "{}::text, {}::text, {}::text, {}::text, p, {}::text, {}::text, {}::text, {}::text "
        "FROM unnest({}::uuid[]) AS p"
    ),
    "sqlite": (
        "INSERT INTO relais_audit (at, actor_id, actor_role, action, record_type, record_id, "
        "patient_id, ip, user_agent, outcome, detail) SELECT {}, {}, {}, {}, {}, {}, j.value, "
        "{}, {}, {}, {} FROM json_each({}) AS j"
    ),
}
