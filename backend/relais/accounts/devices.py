"""A short, readable name for a browser from its user agent ("Chrome, Android"), for the mail
that tells a person of a sign-in from a new browser. The app's Settings names them the same way
(pwa/src/patient/Sessions.tsx)."""

from __future__ import annotations

import re

_BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrom", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone|iPad", "iOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)


def device_name(user_agent: str) -> str:
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if re.search(mark, user_agent)), "")
    return ", ".join(part for part in (browser, system) if part) or "?"
