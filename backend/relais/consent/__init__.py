"""Consent: the terms and privacy notice a person accepts, and sharing with each care team."""
