"""Staff sign-in at the hospital's OpenID provider, against a real certified provider
(oidc-provider, tests/idp.py): a prepared account is linked and signed in; every way the answer
can be wrong (nonce, expiry, audience, signature, issuer, a sign-in started elsewhere, too weak an
authentication) is refused with its own code, said on the sign-in screen and audited, with no
session opened; a person nobody prepared is refused and no account is made; the provider's groups
set the role and the care teams; local staff passwords can be turned off; signing out ends the
provider's session too."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from relais.accounts.tables import OidcLink, OidcSession, User
from relais.audit.tables import AuditEvent
from relais.care.tables import Team, TeamMember
from tests.helpers import PASSWORD, ApiClient, make_user
from tests.idp import DOCTOR, NURSE, STRANGER, IdP, sign_in_via

pytestmark = [pytest.mark.idp, pytest.mark.slow]

TEAM = uuid.UUID("6f1d3c2a-0000-4000-8000-00000000a001")
ROLES = (
    ("relais-admins", "admin"),
    ("relais-nurses", "clinician"),
    ("relais-physicians", "clinician"),
)
TEAMS = (("relais-team-rea", str(TEAM), "coordinating_nurse"),)


@pytest.fixture
def browser(people: IdP) -> Iterator[httpx.Client]:
    """The person's browser at the provider (it keeps the provider's cookies)."""
    with httpx.Client(timeout=10) as http:
        yield http


@pytest.fixture
async def rp(relying_party: Any, database: Any) -> AsyncIterator[ApiClient]:
    async with ApiClient.open(relying_party()) as api:
        yield api


async def _prepared(app: Any, person: dict[str, Any], **kw: Any) -> User:
    """The account an administrator created for ``person`` (set-up link not used yet)."""
    from relais.accounts.service import create_user

    return await create_user(
        None,
        email=kw.pop("email", person["email"]),
        display_name=person["name"],
        role=kw.pop("role", "clinician"),
        password=None,
        **kw,
    )


async def _refusal(api: ApiClient, lang: str = "en") -> dict[str, Any]:
    resp = await api.get("/api/auth/oidc", headers={"accept-language": lang})
    assert resp.status_code == 200
    refusal = resp.json()["refusal"]
    assert refusal is not None, resp.json()
    return refusal  # type: ignore[no-any-return]


async def _audit(action: str) -> list[dict[str, Any]]:
    return list(await AuditEvent.select().where(AuditEvent.action == action))


async def _me(api: ApiClient) -> httpx.Response:
    return await api.get("/api/auth/me")


# -- a good sign-in -----------------------------------------------------------------------------


async def test_v3_5_3_a_prepared_nurse_signs_in_is_linked_then_found_by_sub(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    nurse = await _prepared(rp.app, NURSE)
    answer = await sign_in_via(rp, people, browser, NURSE["email"])
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/"
    me = await _me(rp)
    assert me.status_code == 200, me.text
    assert me.json()["email"] == NURSE["email"]
    assert me.json()["role"] == "clinician"
    link = await OidcLink.objects().where(OidcLink.user == nurse.id).first()
    assert link is not None and link.subject == NURSE["sub"] and link.issuer == people.issuer
    assert [r["detail"] for r in await _audit("auth.login")] == ["oidc"]
    assert len(await _audit("auth.oidc_link")) == 1

    # Later the provider knows her by another address: she is found by her sub alone.
    people.set_people({**NURSE, "email": "i.moreau@new-domain.example"}, DOCTOR)
    async with ApiClient.open(rp.app) as again:
        with httpx.Client(timeout=10) as other_browser:
            answer = await sign_in_via(again, people, other_browser, NURSE["sub"])
            assert answer.status_code == 303
        assert (await _me(again)).json()["id"] == str(nurse.id)
    assert await OidcLink.count() == 1


async def test_v3_5_3_a_nurse_is_found_by_her_rpps_number(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    nurse = await _prepared(
        rp.app, NURSE, email="imoreau@relais-service.example", professional_id=NURSE["rpps"]
    )
    assert (await sign_in_via(rp, people, browser, NURSE["email"])).status_code == 303
    assert (await _me(rp)).json()["id"] == str(nurse.id)


async def test_v3_5_3_a_national_identifier_finds_the_rpps_number(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    """Pro Santé Connect's SubjectNameID of an RPPS holder: "8" and the RPPS number."""
    nurse = await _prepared(
        rp.app, NURSE, email="imoreau@relais.example", professional_id=NURSE["rpps"]
    )
    people.set_people({**NURSE, "email_verified": False, "rpps": "8" + NURSE["rpps"]})
    assert (await sign_in_via(rp, people, browser, NURSE["sub"])).status_code == 303
    assert (await _me(rp)).json()["id"] == str(nurse.id)


async def test_v7_1_1_nothing_of_the_tokens_goes_to_the_logs(
    rp: ApiClient, people: IdP, browser: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    await _prepared(rp.app, NURSE)
    caplog.set_level(logging.DEBUG)
    answer = await sign_in_via(rp, people, browser, NURSE["email"])
    assert answer.status_code == 303
    row = await OidcSession.objects().first()
    assert row is not None and row.id_token.count(".") == 2
    text = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert row.id_token not in text
    assert row.id_token.split(".")[1] not in text


# -- refusals: the provider's answer is wrong ---------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"claims": {"nonce": "a-nonce-of-another-sign-in"}}, "oidc-wrong-nonce"),
        ({"claims": {"exp": {"now": -600}, "iat": {"now": -900}}}, "oidc-token-expired"),
        ({"claims": {"aud": "another-application"}}, "oidc-wrong-audience"),
        ({"claims": {"aud": ["relais-staff", "another"], "azp": "another"}}, "oidc-wrong-audience"),
        ({"key": "forger"}, "oidc-bad-signature"),
        ({"claims": {"iss": "https://idp.attacker.example"}}, "oidc-wrong-issuer"),
        ({"remove": ["nonce"]}, "oidc-wrong-nonce"),
        ({"claims": {"iat": {"now": 3600}}}, "oidc-token-expired"),
    ],
    ids=[
        "wrong-nonce",
        "expired",
        "wrong-audience",
        "other-authorized-party",
        "wrong-signature",
        "wrong-issuer",
        "no-nonce",
        "issued-in-the-future",
    ],
)
async def test_v3_5_3_a_wrong_id_token_is_refused_and_no_session_opens(
    rp: ApiClient, people: IdP, browser: httpx.Client, change: dict[str, Any], code: str
) -> None:
    await _prepared(rp.app, NURSE)
    people.next_id_token(**change)
    answer = await sign_in_via(rp, people, browser, NURSE["email"])
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/"
    assert (await _me(rp)).status_code == 401
    assert await OidcLink.count() == 0
    refusal = await _refusal(rp)
    assert refusal["code"] == code
    assert refusal["detail"]
    audited = await _audit("auth.oidc")
    assert [(r["outcome"], r["detail"]) for r in audited] == [("failure", code)]
    # Said once: the sign-in screen does not show it again.
    assert (await rp.get("/api/auth/oidc")).json()["refusal"] is None


async def test_v3_5_3_an_answer_to_a_sign_in_started_elsewhere_is_refused(
    relying_party: Any, database: Any, people: IdP, browser: httpx.Client
) -> None:
    app = relying_party()
    await _prepared(app, NURSE)
    async with ApiClient.open(app) as victim, ApiClient.open(app) as attacker:
        start = await attacker.get("/api/auth/oidc/start")
        back = people.login(browser, start.headers["location"], NURSE["email"])
        # The attacker's code and state, in the victim's browser (login CSRF).
        answer = await victim.get(back.split("127.0.0.1:8000", 1)[1])
        assert answer.status_code == 303
        assert (await _me(victim)).status_code == 401
        assert (await _refusal(victim))["code"] == "oidc-flow-invalid"


async def test_v3_5_3_a_callback_without_a_code_says_the_provider_refused(
    rp: ApiClient, people: IdP
) -> None:
    start = await rp.get("/api/auth/oidc/start")
    state = httpx.URL(start.headers["location"]).params["state"]
    answer = await rp.get(
        "/api/auth/oidc/callback", params={"state": state, "error": "access_denied"}
    )
    assert answer.status_code == 303
    assert (await _refusal(rp, "fr"))["code"] == "oidc-provider-refused"


# -- refusals: the person -----------------------------------------------------------------------


async def test_v4_1_3_an_unknown_person_is_refused_and_no_account_is_made(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    await _prepared(rp.app, NURSE)
    before = await User.count()
    answer = await sign_in_via(rp, people, browser, STRANGER["email"])
    assert answer.status_code == 303
    assert (await _me(rp)).status_code == 401
    assert await User.count() == before
    assert await OidcLink.count() == 0
    en = await _refusal(rp, "en")
    assert en["code"] == "oidc-unknown-person"
    assert "administrator" in en["detail"]
    assert [r["detail"] for r in await _audit("auth.oidc")] == ["oidc-unknown-person"]


async def test_v4_1_3_the_refusal_is_said_in_french(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    await sign_in_via(rp, people, browser, STRANGER["email"])
    fr = await _refusal(rp, "fr")
    assert fr["detail"].startswith("Aucun compte Relais n'est préparé pour vous")


async def test_v4_1_3_an_unverified_email_matches_nobody(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    await _prepared(rp.app, NURSE)
    people.set_people({**NURSE, "email_verified": False, "rpps": "99999999999"})
    await sign_in_via(rp, people, browser, NURSE["sub"])
    assert (await _me(rp)).status_code == 401
    assert (await _refusal(rp))["code"] == "oidc-unknown-person"


async def test_v4_1_3_a_patients_account_is_never_linked(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    await make_user(rp.app, "patient", email=NURSE["email"])
    await sign_in_via(rp, people, browser, NURSE["email"])
    assert (await _me(rp)).status_code == 401
    assert (await _refusal(rp))["code"] == "oidc-unknown-person"
    assert await OidcLink.count() == 0


async def test_v4_1_3_a_deactivated_account_is_refused(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    nurse = await _prepared(rp.app, NURSE)
    await User.update({User.is_active: False}).where(User.id == nurse.id)
    await sign_in_via(rp, people, browser, NURSE["email"])
    assert (await _me(rp)).status_code == 401
    assert (await _refusal(rp))["code"] == "oidc-account-inactive"
    [row] = await _audit("auth.oidc")
    assert row["record_id"] == str(nurse.id)


async def test_v4_1_3_email_and_rpps_of_two_accounts_are_refused(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    await _prepared(rp.app, NURSE)
    await _prepared(rp.app, DOCTOR, email="other@relais.example", professional_id=NURSE["rpps"])
    await sign_in_via(rp, people, browser, NURSE["email"])
    assert (await _refusal(rp))["code"] == "oidc-ambiguous-person"
    assert await OidcLink.count() == 0


# -- the authentication level -------------------------------------------------------------------


async def test_v4_3_1_a_required_acr_replaces_relais_second_factor(
    relying_party: Any, database: Any, people: IdP, browser: httpx.Client
) -> None:
    app = relying_party(oidc_acr_values=("eidas2",), staff_second_factor="required")
    await _prepared(app, NURSE)
    async with ApiClient.open(app) as api:
        assert (await sign_in_via(api, people, browser, NURSE["email"])).status_code == 303
        me = (await _me(api)).json()
        assert me["totp_enabled"] is False
        assert me["second_factor_needed"] is False
        # Past the second-factor gate: a console page answers.
        assert (await api.get("/api/teams")).status_code == 200


async def test_v4_3_1_a_sign_in_without_the_required_acr_is_refused(
    relying_party: Any, database: Any, people: IdP, browser: httpx.Client
) -> None:
    app = relying_party(oidc_acr_values=("eidas2", "eidas3"))
    await _prepared(app, NURSE)
    people.set_people({**NURSE, "acr": "eidas1"})
    async with ApiClient.open(app) as api:
        await sign_in_via(api, people, browser, NURSE["email"])
        assert (await _me(api)).status_code == 401
        refusal = await _refusal(api)
        assert refusal["code"] == "oidc-acr-too-low"
        assert "eidas2 / eidas3" in refusal["detail"]
    # No acr at all: refused the same.
    with httpx.Client(timeout=10) as other:
        people.next_id_token(remove=["acr"])
        people.set_people(NURSE)
        async with ApiClient.open(app) as api:
            await sign_in_via(api, people, other, NURSE["email"])
            assert (await _refusal(api))["code"] == "oidc-acr-too-low"


async def test_v4_3_1_a_password_session_still_needs_relais_second_factor(
    relying_party: Any, database: Any
) -> None:
    app = relying_party(oidc_acr_values=("eidas2",), staff_second_factor="required")
    await make_user(app, "clinician", email="pw.nurse@relais.example")
    async with ApiClient.open(app) as api:
        assert (await api.login("pw.nurse@relais.example")).status_code == 200
        assert (await _me(api)).json()["second_factor_needed"] is True
        assert (await api.get("/api/teams")).status_code == 403


# -- roles and teams from the provider's groups -------------------------------------------------


async def _team_with_lead(app: Any) -> User:
    await Team.insert(Team(id=TEAM, name="Réanimation — CHU Test", kind="hospital_service"))
    lead = await make_user(app, "clinician", email="lead@relais.example")
    await TeamMember.insert(TeamMember(team=TEAM, user=lead.id, role="physician", is_lead=True))
    return lead


async def _membership(user_id: Any) -> list[tuple[str, str]]:
    rows = await TeamMember.select(TeamMember.team, TeamMember.role).where(
        TeamMember.user == user_id
    )
    return [(str(r["team"]), r["role"]) for r in rows]


async def test_v4_1_3_groups_set_the_role_and_the_care_teams(
    relying_party: Any, database: Any, people: IdP, browser: httpx.Client
) -> None:
    app = relying_party(oidc_roles=ROLES, oidc_teams=TEAMS)
    await _team_with_lead(app)
    nurse = await _prepared(app, NURSE)
    async with ApiClient.open(app) as api:
        await sign_in_via(api, people, browser, NURSE["email"])
        assert (await _me(api)).json()["role"] == "clinician"
        # In the team's group: a member of the team, with the mapped role.
        assert await _membership(nurse.id) == [(str(TEAM), "coordinating_nurse")]
        team = await api.get(f"/api/teams/{TEAM}")
        assert team.status_code == 200, team.text
    added = await _audit("team.member_add")
    assert [(r["record_id"], r["detail"]) for r in added] == [
        (str(TEAM), "oidc:coordinating_nurse")
    ]

    # Out of the team's group at the provider: no longer a member at her next sign-in.
    people.set_people({**NURSE, "groups": ["relais-nurses"]})
    with httpx.Client(timeout=10) as other:
        async with ApiClient.open(app) as api:
            await sign_in_via(api, people, other, NURSE["email"])
            assert (await _me(api)).status_code == 200
    assert await _membership(nurse.id) == []


async def test_v4_1_3_a_person_in_no_mapped_group_is_refused(
    relying_party: Any, database: Any, people: IdP, browser: httpx.Client
) -> None:
    app = relying_party(oidc_roles=ROLES, oidc_teams=TEAMS)
    await _prepared(app, NURSE)
    people.set_people({**NURSE, "groups": ["cafeteria"]})
    async with ApiClient.open(app) as api:
        await sign_in_via(api, people, browser, NURSE["email"])
        assert (await _me(api)).status_code == 401
        assert (await _refusal(api))["code"] == "oidc-no-role"


async def test_v4_1_3_an_administrator_by_group_joins_no_care_team(
    relying_party: Any, database: Any, people: IdP, browser: httpx.Client
) -> None:
    app = relying_party(oidc_roles=ROLES, oidc_teams=TEAMS)
    await _team_with_lead(app)
    it = await _prepared(app, DOCTOR)
    people.set_people({**DOCTOR, "groups": ["relais-admins", "relais-team-rea"]})
    async with ApiClient.open(app) as api:
        await sign_in_via(api, people, browser, DOCTOR["email"])
        assert (await _me(api)).json()["role"] == "admin"
    assert await _membership(it.id) == []
    [change] = await _audit("user.role_change")
    assert change["detail"] == "oidc:clinician>admin"


async def test_v4_1_3_a_care_team_member_is_not_made_an_administrator(
    relying_party: Any, database: Any, people: IdP, browser: httpx.Client
) -> None:
    app = relying_party(oidc_roles=ROLES, oidc_teams=TEAMS)
    await _team_with_lead(app)
    nurse = await _prepared(app, NURSE)
    await TeamMember.insert(TeamMember(team=TEAM, user=nurse.id, role="coordinating_nurse"))
    people.set_people({**NURSE, "groups": ["relais-admins", "relais-nurses"]})
    async with ApiClient.open(app) as api:
        await sign_in_via(api, people, browser, NURSE["email"])
        assert (await _me(api)).status_code == 401
        assert (await _refusal(api))["code"] == "oidc-admin-in-care-team"
    assert (await User.objects().where(User.id == nurse.id).first()).role == "clinician"  # type: ignore[union-attr]


# -- local passwords ----------------------------------------------------------------------------


async def test_v4_1_3_staff_passwords_can_be_turned_off_patients_keep_theirs(
    relying_party: Any, database: Any
) -> None:
    app = relying_party(staff_passwords=False)
    await make_user(app, "clinician", email="pw.nurse@relais.example")
    await make_user(app, "patient", email="patient@relais.example")
    async with ApiClient.open(app) as api:
        about = (await api.get("/api/auth/oidc")).json()
        assert about == {
            "enabled": True,
            "provider_name": "CHU Test",
            "staff_passwords": False,
            "refusal": None,
        }
        refused = await api.login("pw.nurse@relais.example", PASSWORD)
        assert refused.status_code == 401
        assert refused.json()["code"] == "password-sign-in-off"
        assert (await _me(api)).status_code == 401
        # A wrong password says only that it is wrong.
        wrong = await api.login("pw.nurse@relais.example", "not the password at all")
        assert wrong.json()["code"] == "bad-credentials"
        assert (await api.login("patient@relais.example", PASSWORD)).status_code == 200


# -- signing out --------------------------------------------------------------------------------


async def test_v3_3_1_signing_out_ends_the_relais_session_and_the_providers(
    rp: ApiClient, people: IdP, browser: httpx.Client
) -> None:
    await _prepared(rp.app, NURSE)
    await sign_in_via(rp, people, browser, NURSE["email"])
    assert (await _me(rp)).status_code == 200
    # While the provider's session lasts, a new sign-in there asks nothing (single sign-on).
    start = await rp.get("/api/auth/oidc/start")
    back, _ = people.visit(browser, start.headers["location"])
    assert back is not None and back.startswith(people.redirect_uri)

    out = await rp.post("/api/auth/logout")
    assert out.status_code == 200
    url = httpx.URL(out.json()["provider_logout_url"])
    assert str(url).startswith(people.discovery()["end_session_endpoint"])
    assert url.params["post_logout_redirect_uri"] == people.post_logout_redirect_uri
    assert url.params["id_token_hint"].count(".") == 2
    assert (await _me(rp)).status_code == 401
    assert await OidcSession.count() == 0

    landed = people.follow(browser, str(url))
    assert landed.startswith(people.post_logout_redirect_uri)
    # The provider's session ended: signing in there asks for the login again.
    start = await rp.get("/api/auth/oidc/start")
    back, form = people.visit(browser, start.headers["location"])
    assert back is None
    assert 'name="login"' in form.text


async def test_v3_3_1_a_password_session_signs_out_without_the_provider(rp: ApiClient) -> None:
    await make_user(rp.app, "clinician", email="pw.nurse@relais.example")
    await rp.login("pw.nurse@relais.example")
    out = await rp.post("/api/auth/logout")
    assert out.status_code == 200
    assert out.json()["provider_logout_url"] is None
