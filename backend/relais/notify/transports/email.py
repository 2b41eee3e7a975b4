"""Email through SMTP (smtplib in a thread), the fallback for staff with no working push device."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from email.message import EmailMessage

from relais.notify.transports import PermanentError, TransientError
from relais.settings import Settings


class EmailTransport:
    channel = "email"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def configured(self) -> bool:
        return bool(self.settings.smtp_host)

    async def send(self, to: str, subject: str, body: str) -> int:
        """Send one message; return the SMTP reply code, or raise a delivery error."""
        if not self.configured:
            raise PermanentError("no SMTP server configured (RELAIS_SMTP_HOST)")
        message = EmailMessage()
        message["From"] = self.settings.smtp_from
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        return await asyncio.to_thread(self._send_sync, message)

    def _send_sync(self, message: EmailMessage) -> int:
        s = self.settings
        try:
            with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=2 * s.push_timeout_s) as smtp:
                if s.smtp_starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if s.smtp_user:
                    smtp.login(s.smtp_user, s.smtp_password)
                refused = smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if codes and all(400 <= c < 500 for c in codes):
                raise TransientError(f"recipient deferred ({codes[0]})", status=codes[0]) from None
            raise PermanentError(
                f"recipient refused ({codes[0] if codes else '?'})",
                status=codes[0] if codes else None,
            ) from None
        except smtplib.SMTPResponseException as exc:
            text = f"SMTP {exc.smtp_code}: {exc.smtp_error!r}"[:300]
            if 400 <= exc.smtp_code < 500:
                raise TransientError(text, status=exc.smtp_code) from None
            raise PermanentError(text, status=exc.smtp_code) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}"[:300]) from None
        if refused:
            raise PermanentError("recipient refused")
        return 250
