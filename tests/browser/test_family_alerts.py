"""Sophie, mother of Léa and Gabriel, asks in Settings to be told of Gabriel's alerts (360 px,
largest text): as his parent she is told at once; the card says what the notification will and
will not say, and lets her stop. Jean, an adult, finds in Sharing who is told of his alerts.
Gabriel's grandmother asks too, and waits until Sophie agrees in Gabriel's Sharing. French and
English, axe clean."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.conftest import NURSE, PARENT, PATIENT, Api
from tests.browser.phone import check_screen, choose_person, phone
from tests.browser.test_pwa import TIMEOUT, sign_in

# What the screens show and say; the API tests run the same writes on both engines.
pytestmark = [pytest.mark.once]

WORDS = {
    "fr": {"told": "vous êtes prévenu", "title": "Proches prévenus de vos alertes"},
    "en": {"told": "you are told", "title": "Family told of your alerts"},
}


def shot(page: Any, artifacts: Path, name: str) -> None:
    check_screen(page, artifacts, f"family-alerts-{name}")


def test_a_parent_asks_to_be_told_and_the_patient_sees_who_is(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    parent = api_as(PARENT)
    gabriel = next(p for p in parent.circle() if p["given_name"] == "Gabriel")
    for lang in ("fr", "en"):
        words = WORDS[lang]
        context, page, _ = phone(browser, server, lang)
        sign_in(page, PARENT)
        page.goto("/settings")
        row = page.locator("li.follower", has_text="Gabriel")
        row.wait_for(timeout=TIMEOUT)
        assert row.get_attribute("data-follow") == "off"
        shot(page, artifacts, f"{lang}-settings")
        row.locator("[data-action=ask-follow]").click()
        page.locator("li.follower[data-follow=on]", has_text="Gabriel").wait_for(timeout=TIMEOUT)
        assert words["told"] in page.locator("li.follower", has_text="Gabriel").inner_text()
        assert page.locator("li.follower", has_text="Léa").get_attribute("data-follow") == "off"
        shot(page, artifacts, f"{lang}-told")
        circle = parent.circle()
        assert next(p for p in circle if p["patient_id"] == gabriel["patient_id"])["alerts"] == "on"
        page.locator("li.follower", has_text="Gabriel").locator("[data-action=stop-follow]").click()
        page.locator("li.follower[data-follow=off]", has_text="Gabriel").wait_for(timeout=TIMEOUT)
        context.close()

        context, page, _ = phone(browser, server, lang)
        sign_in(page, PATIENT)
        page.goto("/my-data/sharing")
        page.locator("h2", has_text=words["title"]).wait_for(timeout=TIMEOUT)
        shot(page, artifacts, f"{lang}-patient-sharing")
        context.close()


MARTINE_PASSWORD = "une phrase assez longue pour moi"


def _family_member_of(
    server: str,
    nurse: Api,
    email: str,
    of: str = "Jean",
    name: str = "Martine",
    relationship: str = "partner",
) -> str:
    """A family member of ``of``, invited by the team, who joined with the link; ``of``'s id."""
    jean = next(p for p in api_patient_ids(nurse) if p["given_name"] == of)
    invite = nurse.post(
        f"/api/patients/{jean['id']}/invitations", {"kind": "proxy", "relationship": relationship}
    )
    assert invite.status_code == 201, invite.text
    token = invite.json()["link"].split("#token=", 1)[1]
    with httpx.Client(base_url=server, timeout=10) as http:
        http.get("/api/auth/csrf")
        docs = http.get("/api/consent/documents").json()["documents"]
        joined = http.post(
            "/api/invitations/accept",
            json={
                "token": token,
                "email": email,
                "display_name": name,
                "password": MARTINE_PASSWORD,
                "consents": [{"document": d["document"], "version": d["version"]} for d in docs],
            },
            headers={"x-csrftoken": http.cookies.get("relais_csrf") or ""},
        )
        assert joined.status_code == 201, joined.text
    return str(jean["id"])


def api_patient_ids(nurse: Api) -> list[dict[str, Any]]:
    team = nurse.get("/api/teams")[0]
    return [
        {"id": p["id"], "given_name": p["given_name"]}
        for p in nurse.get(f"/api/teams/{team['id']}/patients")
    ]


def test_jean_lets_his_wife_see_his_answers_on_mood(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    """Jean's answers on mood and his notes are his: in Sharing he lets Martine see them, or not.
    Martine asks to be told of his alerts; he agrees there, then stops it."""
    email = f"martine.{uuid.uuid4().hex[:6]}@example.org"
    jean_id = _family_member_of(server, api_as(NURSE), email)
    said = {
        "fr": ("Martine peut voir mes réponses sur le moral", "voit désormais"),
        "en": ("Martine may see my answers about mood", "now sees"),
    }
    for lang in ("fr", "en"):
        label, done = said[lang]
        context, page, _ = phone(browser, server, lang)
        sign_in(page, PATIENT)
        page.goto("/my-data/sharing")
        row = page.locator("li.follower", has_text="Martine")
        row.wait_for(timeout=TIMEOUT)
        box = row.locator("[data-action=share-private]")
        assert label in row.inner_text() and not box.is_checked()
        box.click()
        page.locator("p.status-sent", has_text=done).wait_for(timeout=TIMEOUT)
        assert box.is_checked()
        row.scroll_into_view_if_needed()
        shot(page, artifacts, f"{lang}-private-shared")
        box.click()
        page.locator("p.status-sent", has_text=done).wait_for(state="detached", timeout=TIMEOUT)
        assert not box.is_checked()

        # Martine asks to be told of his alerts; Jean agrees, then stops it.
        martine = Api(server, email, MARTINE_PASSWORD)
        asked = martine.post(f"/api/patients/{jean_id}/alert-followers/me", {"want": True})
        assert asked.status_code == 200 and asked.json()["alerts"] == "requested", asked.text
        page.reload()
        row = page.locator("li.follower[data-follower=requested]", has_text="Martine")
        row.wait_for(timeout=TIMEOUT)
        shot(page, artifacts, f"{lang}-follower-asks")
        row.locator("[data-action=agree-follow]").click()
        page.locator("li.follower[data-follower=on]", has_text="Martine").wait_for(timeout=TIMEOUT)
        assert martine.circle()[0]["alerts"] == "on"
        page.locator("li.follower", has_text="Martine").locator(
            "[data-action=stop-followers]"
        ).click()
        page.locator("li.follower[data-follower=off]", has_text="Martine").wait_for(timeout=TIMEOUT)
        martine.close()
        context.close()


def test_sophie_agrees_that_gabriels_grandmother_is_told(
    browser: Any, server: str, artifacts: Path, api_as: Callable[[str], Api]
) -> None:
    """A grandmother is not a parent: her request waits. Sophie finds it in Gabriel's Sharing
    (and not herself there), agrees, and the grandmother is told; Sophie then stops it."""
    email = f"mamie.{uuid.uuid4().hex[:6]}@example.org"
    gabriel_id = _family_member_of(
        server, api_as(NURSE), email, of="Gabriel", name="Mamie Josette", relationship="other"
    )
    said = {
        "fr": ("Proches prévenus des alertes de Gabriel", "sera prévenu(e) des alertes de Gabriel"),
        "en": ("Family told of Gabriel’s alerts", "will be told of Gabriel’s alerts"),
    }
    granny = Api(server, email, MARTINE_PASSWORD)
    try:
        for lang in ("fr", "en"):
            title, agreed = said[lang]
            asked = granny.post(f"/api/patients/{gabriel_id}/alert-followers/me", {"want": True})
            assert asked.status_code == 200 and asked.json()["alerts"] == "requested", asked.text
            context, page, _ = phone(browser, server, lang)
            sign_in(page, PARENT)
            choose_person(page, "Gabriel")
            page.goto("/my-data/sharing")
            page.locator("h2", has_text=title).wait_for(timeout=TIMEOUT)
            row = page.locator("li.follower[data-follower=requested]", has_text="Mamie Josette")
            row.wait_for(timeout=TIMEOUT)
            # Sophie herself is not in the list, and no private-answers box for a child.
            assert page.locator("li.follower", has_text="Sophie").count() == 0
            assert page.locator("[data-action=share-private]").count() == 0
            shot(page, artifacts, f"{lang}-child-grandmother-asks")
            row.locator("[data-action=agree-follow]").click()
            page.locator("p.status-sent", has_text=agreed).wait_for(timeout=TIMEOUT)
            page.locator("li.follower[data-follower=on]", has_text="Mamie Josette").wait_for(
                timeout=TIMEOUT
            )
            assert granny.circle()[0]["alerts"] == "on"
            shot(page, artifacts, f"{lang}-child-grandmother-told")
            page.locator("li.follower", has_text="Mamie Josette").locator(
                "[data-action=stop-followers]"
            ).click()
            page.locator("li.follower[data-follower=off]", has_text="Mamie Josette").wait_for(
                timeout=TIMEOUT
            )
            context.close()
    finally:
        granny.close()
