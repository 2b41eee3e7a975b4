"""The password reset link, sent by email in the person's language.

The link carries the only copy of the token outside the database's hash of it: it goes to the
person's address and nowhere else (never a log, never the outbox table). Sent after the answer
(the route's background task), so the answer takes as long whether or not the account exists.
"""

from __future__ import annotations

import logging

from relais.accounts.tables import User
from relais.notify.transports import PermanentError, TransientError
from relais.notify.transports.email import EmailTransport

log = logging.getLogger("relais.notify")

_TEXTS = {
    "fr": (
        "Relais : changer votre mot de passe",
        "Bonjour,\n\n"
        "Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte Relais.\n"
        "Pour en choisir un nouveau, ouvrez ce lien dans les {minutes} minutes :\n\n"
        "{link}\n\n"
        "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n"
        "En cas de doute, appelez votre équipe de soins.\n",
    ),
    "en": (
        "Relais: change your password",
        "Hello,\n\n"
        "Someone (you, most likely) asked to change the password of your Relais account.\n"
        "To choose a new one, open this link within {minutes} minutes:\n\n"
        "{link}\n\n"
        "If you did not ask, ignore this message: your password does not change.\n"
        "If in doubt, call your care team.\n",
    ),
}


def reset_text(lang: str, link: str, minutes: int) -> tuple[str, str]:
    """Subject and body of the reset email, in French or English."""
    subject, body = _TEXTS.get(lang, _TEXTS["fr"])
    return subject, body.format(link=link, minutes=minutes)


class EmailResetDelivery:
    """Sends the reset link through SMTP (``relais.accounts.service.ResetDelivery``)."""

    def __init__(self, transport: EmailTransport, minutes: int) -> None:
        self.transport = transport
        self.minutes = minutes

    async def send_reset(self, user: User, link: str) -> None:
        subject, body = reset_text(user.locale, link, self.minutes)
        try:
            await self.transport.send(user.email, subject, body)
        except (TransientError, PermanentError) as exc:
            # The person sees no difference (the answer was the same); the log says which
            # account, never the link.
            log.warning("password reset email to user %s not sent: %s", user.id, exc)
