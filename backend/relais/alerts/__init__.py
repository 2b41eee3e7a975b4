"""Alerts: lifecycle (open, acknowledged, resolved), escalation policy and timeline."""
