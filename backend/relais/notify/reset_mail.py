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


_SETUP = {
    "fr": (
        "Relais : votre compte vous attend",
        "Bonjour {name},\n\n"
        "Un administrateur de Relais vous a créé un compte ({email}).\n"
        "Pour choisir votre mot de passe, ouvrez ce lien dans les {hours} heures ; il ne sert "
        "qu'une fois :\n\n"
        "{link}\n\n"
        "À la première connexion, Relais vous demandera d'activer un second facteur (une "
        "application d'authentification sur votre téléphone).\n"
        "Si vous n'attendiez pas ce message, ignorez-le et prévenez votre administrateur.\n",
    ),
    "en": (
        "Relais: your account is ready",
        "Hello {name},\n\n"
        "A Relais administrator created an account for you ({email}).\n"
        "To choose your password, open this link within {hours} hours; it works once:\n\n"
        "{link}\n\n"
        "At your first sign-in, Relais will ask you to turn on a second factor (an "
        "authenticator app on your phone).\n"
        "If you did not expect this message, ignore it and tell your administrator.\n",
    ),
}


def setup_text(lang: str, name: str, email: str, link: str, hours: int) -> tuple[str, str]:
    """Subject and body of a new staff account's set-up email, in French or English."""
    subject, body = _SETUP.get(lang, _SETUP["fr"])
    return subject, body.format(name=name, email=email, link=link, hours=hours)


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

    async def send_setup(self, user: User, link: str, hours: int) -> None:
        subject, body = setup_text(user.locale, user.display_name, user.email, link, hours)
        try:
            await self.transport.send(user.email, subject, body)
        except (TransientError, PermanentError) as exc:
            log.warning("account set-up email to user %s not sent: %s", user.id, exc)
