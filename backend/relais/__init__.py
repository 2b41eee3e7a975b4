"""Relais: follow-up after a hospital stay."""

__version__ = "0.1.0"
