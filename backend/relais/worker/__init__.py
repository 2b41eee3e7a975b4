"""The worker, at the top of the layers: the loop that claims the outbox and sends (``loop``), the
periodic jobs (escalation, missed check-ins, retention: ``jobs``) and the patients' reminders
(``reminders``). It may import every feature; no feature imports it."""
