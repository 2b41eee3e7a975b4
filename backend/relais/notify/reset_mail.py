"""The password reset link, sent by email in the person's language.

The link carries the only copy of the token outside the database's hash of it: it goes to the
person's address and nowhere else (never a log, never the outbox table). Sent after the answer
(the route's background task), so the answer takes as long whether or not the account exists.
"""

from __future__ import annotations

import logging
from typing import Any

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


#: Told to the person after a change to how their account is signed in to (ASVS 2.2.3, 2.5.5):
#: if it was not them, they act at once. No link in these mails: a message that asks people to
#: click would teach them to trust look-alikes.
_NOTICES = {
    "password-changed": (
        ("Relais : votre mot de passe a changé", "Relais: your password was changed"),
        (
            "Le mot de passe de votre compte Relais a été changé.",
            "The password of your Relais account was changed.",
        ),
    ),
    "second-factor-on": (
        ("Relais : second facteur activé", "Relais: second factor turned on"),
        (
            "Un second facteur (application d'authentification) a été activé sur votre compte.",
            "A second factor (authenticator app) was turned on for your account.",
        ),
    ),
    "second-factor-off": (
        ("Relais : second facteur désactivé", "Relais: second factor turned off"),
        (
            "Le second facteur de votre compte a été désactivé.",
            "The second factor of your account was turned off.",
        ),
    ),
    "second-factor-reset": (
        ("Relais : second facteur réinitialisé", "Relais: second factor reset"),
        (
            "Un administrateur a réinitialisé le second facteur de votre compte ; vous le "
            "configurerez de nouveau à la prochaine connexion.",
            "An administrator reset your account's second factor; you will set it up again at "
            "your next sign-in.",
        ),
    ),
    "new-device": (
        ("Relais : connexion depuis un nouvel appareil", "Relais: sign-in from a new device"),
        (
            "Votre compte vient d'être ouvert depuis un navigateur où il ne l'avait jamais été "
            "({device}).",
            "Your account was just signed in to from a browser it had never been used on "
            "({device}).",
        ),
    ),
}

_NOTICE_END = (
    "\n\nSi c'était vous, il n'y a rien à faire.\n"
    "Sinon, ouvrez Relais vous-même (sans passer par un lien reçu), changez votre mot de passe "
    "et, dans Réglages, déconnectez les appareils que vous ne connaissez pas. En cas de doute, "
    "appelez votre équipe de soins.\n",
    "\n\nIf it was you, there is nothing to do.\n"
    "If not, open Relais yourself (not through a link you received), change your password and, "
    "in Settings, sign out the devices you do not know. If in doubt, call your care team.\n",
)


def notice_text(lang: str, kind: str, **values: str) -> tuple[str, str]:
    """Subject and body of a security notice, in French or English."""
    i = 1 if lang == "en" else 0
    subjects, sentences = _NOTICES[kind]
    hello = "Hello,\n\n" if i else "Bonjour,\n\n"
    return subjects[i], hello + sentences[i].format(**values) + _NOTICE_END[i]


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

    async def send_notice(self, user: Any, kind: str, **values: str) -> None:
        """A change to how ``user`` signs in (``kind``: a key of the notices), told by email."""
        subject, body = notice_text(user.locale, kind, **values)
        try:
            await self.transport.send(user.email, subject, body)
        except (TransientError, PermanentError) as exc:
            log.warning("security notice %s to user %s not sent: %s", kind, user.id, exc)

    async def send_setup(self, user: User, link: str, hours: int) -> None:
        subject, body = setup_text(user.locale, user.display_name, user.email, link, hours)
        try:
            await self.transport.send(user.email, subject, body)
        except (TransientError, PermanentError) as exc:
            log.warning("account set-up email to user %s not sent: %s", user.id, exc)
