"""The server's VAPID key pair: given by ``RELAIS_VAPID_PRIVATE_KEY`` or made on first start and
kept in the data directory (``vapid_private.pem``, mode 0600). The public half is the
``applicationServerKey`` the app subscribes with; changing the key orphans every subscription."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid

from relais.settings import Settings, create_once

KEY_FILE = "vapid_private.pem"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass(frozen=True)
class VapidKeys:
    vapid: Vapid
    subject: str

    @property
    def application_server_key(self) -> str:
        """The public key as the browser wants it: uncompressed P-256 point, base64url."""
        raw = self.vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(raw)

    def claims(self) -> dict[str, str | int]:
        """A fresh claims dict for one send: pywebpush writes ``aud`` and ``exp`` into it."""
        return {"sub": self.subject}


def _from_file(path: Path) -> Vapid:
    if not path.exists():
        fresh = Vapid()
        fresh.generate_keys()
        # Another process may make it at the same moment: then theirs is used.
        return Vapid.from_pem(create_once(path, fresh.private_pem()))
    return Vapid.from_pem(path.read_bytes())


def load_vapid(settings: Settings) -> VapidKeys:
    configured = settings.vapid_private_key
    if configured:
        # A PEM kept on one line of an env file has literal "\n" between its lines.
        vapid = (
            Vapid.from_pem(configured.replace("\\n", "\n").encode())
            if "-----BEGIN" in configured
            else Vapid.from_string(configured)
        )
    else:
        vapid = _from_file(settings.data_dir / KEY_FILE)
    return VapidKeys(vapid=vapid, subject=settings.vapid_subject)
