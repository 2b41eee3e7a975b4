"""The content library: booklet, escalation guidance, questionnaires, follow-up plans and
triage thresholds, read from `content/` as validated, versioned data."""

from relais.content.loader import (
    ContentError,
    ContentInvalid,
    ContentLibrary,
    default_content_dir,
    load_library,
    validate,
)
from relais.content.schemas import LANGS

__all__ = [
    "LANGS",
    "ContentError",
    "ContentInvalid",
    "ContentLibrary",
    "default_content_dir",
    "load_library",
    "validate",
]
