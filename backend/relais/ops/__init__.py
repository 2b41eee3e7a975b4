"""Running Relais in production: structured logs, request ids, metrics, backups."""
