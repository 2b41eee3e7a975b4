"""Cross-cutting HTTP concerns: problem details, security headers, request ids."""
