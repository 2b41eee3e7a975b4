"""The discharge as the hospital sends it: a FHIR R4 Bundle imported by a system client."""
