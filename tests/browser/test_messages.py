"""Messages like a messaging app, as Jean (360 px, largest text) lives them: the team writes, the
Messages tab and Home show the unread count; he reads the thread (the count goes); offline, the
thread is still there with the time it dates from; a message written offline waits on the phone,
then goes once when the network is back (the team gets it once). French and English, an axe audit
on each screen, and never an address or an id on screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import NURSE, PATIENT, Api
from tests.browser.phone import check_screen, phone
from tests.browser.test_pwa import TIMEOUT, sign_in, wait_for_worker

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-", re.I)


def shot(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"messages-{name}")
    text = page.inner_text("body")
    assert "/api/" not in text and not UUID.search(text), text


def thread(nurse: Api, pid: str) -> list[dict[str, Any]]:
    return list(nurse.get(f"/api/patients/{pid}/messages")["messages"])


def test_unread_count_offline_thread_and_a_message_sent_once(
    browser: Any, server: str, api_as: Callable[[str], Api], artifacts: Path
) -> None:
    pid = api_as(PATIENT).circle()[0]["patient_id"]
    nurse = api_as(NURSE)
    for lang, words in (
        ("fr", {"read": "Lire", "waiting": "En attente d’envoi", "asof": "messages tels qu’au"}),
        ("en", {"read": "Read", "waiting": "Waiting to send", "asof": "messages as of"}),
    ):
        question = f"[{lang}] Pouvez-vous me rappeler demain matin ?"
        written_offline = f"[{lang}] Merci, je serai chez moi."
        posted = nurse.post(f"/api/patients/{pid}/messages", {"body": question})
        assert posted.status_code == 201, posted.text

        context, page, _ = phone(browser, server, lang)
        sign_in(page, PATIENT)
        wait_for_worker(page)
        count = page.locator(".tabs a[href='/messages'] [data-unread]")
        count.wait_for(timeout=TIMEOUT)
        assert count.get_attribute("data-unread") == "1"
        card = page.locator("[data-section=unread]")
        assert card.is_visible()
        shot(page, artifacts, f"{lang}-home-unread")

        card.locator("a", has_text=words["read"]).click()
        page.locator(".message-body", has_text=question).wait_for(timeout=TIMEOUT)
        count.wait_for(state="detached", timeout=TIMEOUT)
        shot(page, artifacts, f"{lang}-thread")

        context.set_offline(True)
        page.reload()
        page.locator(".notice.offline", has_text=words["asof"]).wait_for(timeout=TIMEOUT)
        assert page.locator(".message-body", has_text=question).is_visible()
        page.fill("#message-body", written_offline)
        page.click("form button[type=submit]")
        waiting = page.locator(".message", has_text=written_offline)
        waiting.locator(".hint", has_text=words["waiting"]).wait_for(timeout=TIMEOUT)
        assert page.input_value("#message-body") == ""
        shot(page, artifacts, f"{lang}-written-offline")
        assert not any(m["body"] == written_offline for m in thread(nurse, pid))

        context.set_offline(False)
        waiting.locator(".hint", has_text=words["waiting"]).wait_for(
            state="detached", timeout=TIMEOUT
        )
        page.reload()  # the phone sends its queue again on each start: still one message
        page.locator(".message-body", has_text=written_offline).wait_for(timeout=TIMEOUT)
        shot(page, artifacts, f"{lang}-sent")
        stored = [m for m in thread(nurse, pid) if m["body"] == written_offline]
        assert len(stored) == 1, stored
        context.close()
