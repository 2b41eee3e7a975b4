"""The person's own data: exports (FHIR R4, CSV, PDF), erasure, retention, record of processing."""
