"""Notifications: Web Push devices, the outbox, its worker, the transports (push, email)."""
