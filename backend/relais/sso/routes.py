"""Staff sign-in at the hospital's OpenID provider (authorization code flow with PKCE).

``GET /api/auth/oidc`` says how staff sign in here (and, once, why the last try was refused);
``/start`` sends the browser to the provider; ``/callback`` is where it comes back: the code is
exchanged, the ID token validated, the person found among the accounts an administrator created,
and a Relais session opened. Every refusal is audited (``auth.oidc``, its code as detail) and
sends the browser back to the sign-in screen, which says it in the person's language. No token
ever goes into an address Relais makes, nor into a log.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.params import QueryParameter
from litestar.response import Redirect
from litestar.status_codes import HTTP_303_SEE_OTHER

from relais.accounts.sessions import (
    CurrentUser,
    cookie_name,
    create_session,
    delete_session,
    session_cookie,
)
from relais.accounts.tables import OidcSession
from relais.audit.service import record
from relais.errors import Refusal
from relais.sso import flow
from relais.sso.provider import Provider, pkce_pair
from relais.sso.schemas import OidcOut, RefusalOut
from relais.sso.service import Outcome, person_from, sign_in
from relais.web.catalogue import refusal_detail, refusal_title
from relais.web.lang import request_lang

#: Where the browser lands: the console (its sign-in screen when the sign-in was refused).
LANDING = "/console/"


def _provider(request: Request[Any, Any, Any]) -> Provider:
    provider: Provider | None = request.app.state.get("oidc")
    if provider is None:
        raise Refusal("oidc-off", "not-found")
    return provider


class OidcController(Controller):
    path = "/api/auth/oidc"
    tags = ["accounts"]

    @get("/", summary="How staff sign in here; why the last sign-in at the provider was refused")
    async def about(self, request: Request[Any, Any, Any]) -> Response[OidcOut]:
        settings = request.app.state.settings
        name = cookie_name(settings, flow.REFUSAL_COOKIE)
        said = flow.unseal(settings, "refusal", request.cookies.get(name), flow.REFUSAL_SECONDS)
        refusal = None
        if isinstance(said.get("code"), str) and said["code"].startswith(("oidc-", "password-")):
            lang = request_lang(request)
            params = said.get("params") if isinstance(said.get("params"), dict) else {}
            known = Refusal(said["code"], "forbidden", params=params, title="sign-in-failed")
            refusal = RefusalOut(
                code=known.code,
                title=refusal_title(known, lang),
                detail=refusal_detail(known, lang),
            )
        response = Response(
            OidcOut(
                enabled=settings.oidc_enabled,
                provider_name=settings.oidc_provider_name if settings.oidc_enabled else None,
                staff_passwords=settings.staff_passwords,
                refusal=refusal,
            ),
            headers={"Cache-Control": "no-store"},
        )
        if refusal is not None:  # said once
            response.set_cookie(flow.cookie(settings, flow.REFUSAL_COOKIE, "", 0))
        return response

    @get(
        "/start",
        summary="Sign in at the hospital's OpenID provider (a browser navigation: a redirect)",
        status_code=HTTP_303_SEE_OTHER,
    )
    async def start(self, request: Request[Any, Any, Any]) -> Redirect:
        provider = _provider(request)
        settings = request.app.state.settings
        verifier, challenge = pkce_pair()
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        try:
            url = await provider.authorize_url(state=state, nonce=nonce, challenge=challenge)
        except Refusal as exc:
            return await _refused(request, exc)
        sealed = flow.seal(settings, "flow", {"state": state, "nonce": nonce, "v": verifier})
        return Redirect(
            url,
            status_code=HTTP_303_SEE_OTHER,
            cookies=[flow.cookie(settings, flow.FLOW_COOKIE, sealed, flow.FLOW_SECONDS)],
            headers={"Cache-Control": "no-store"},
        )

    @get(
        "/callback",
        summary="Where the provider sends the browser back (code and state; a redirect)",
        status_code=HTTP_303_SEE_OTHER,
    )
    async def callback(
        self,
        request: Request[Any, Any, Any],
        code: str | None = None,
        returned_state: Annotated[str | None, QueryParameter(name="state")] = None,
        error: str | None = None,
        iss: str | None = None,
    ) -> Redirect:
        provider = _provider(request)
        settings = request.app.state.settings
        started = flow.unseal(
            settings,
            "flow",
            request.cookies.get(cookie_name(settings, flow.FLOW_COOKIE)),
            flow.FLOW_SECONDS,
        )
        try:
            state = returned_state
            if not started or not state or not _same(state, started.get("state")):
                # No sign-in started in this browser, too old, or another one's answer.
                raise Refusal("oidc-flow-invalid", "unauthenticated", title="sign-in-failed")
            if iss is not None and iss != settings.oidc_issuer:
                raise Refusal("oidc-wrong-issuer", "unauthenticated", title="sign-in-failed")
            if error or not code:
                raise Refusal("oidc-provider-refused", "unauthenticated", title="sign-in-failed")
            tokens = await provider.exchange(code, str(started["v"]), str(started["nonce"]))
            claims = {
                **await provider.userinfo(tokens.access_token, str(tokens.claims["sub"])),
                **tokens.claims,
            }
            outcome = await sign_in(settings, person_from(settings, claims))
        except Refusal as exc:
            return await _refused(request, exc)
        return await _signed_in(request, outcome, tokens.id_token, str(claims.get("acr") or ""))


def _same(a: str, b: Any) -> bool:
    return isinstance(b, str) and hmac.compare_digest(a, b)


async def _refused(request: Request[Any, Any, Any], exc: Refusal) -> Redirect:
    settings = request.app.state.settings
    account = getattr(exc, "account_id", None)
    await record(
        "auth.oidc",
        connection=request,
        actor_role="",
        record_type="user" if account else "",
        record_id=account or "",
        outcome="failure",
        detail=exc.code,
    )
    sealed = flow.seal(settings, "refusal", {"code": exc.code, "params": dict(exc.params)})
    return Redirect(
        LANDING,
        status_code=HTTP_303_SEE_OTHER,
        cookies=[
            flow.cookie(settings, flow.REFUSAL_COOKIE, sealed, flow.REFUSAL_SECONDS),
            flow.cookie(settings, flow.FLOW_COOKIE, "", 0),
        ],
        headers={"Cache-Control": "no-store"},
    )


async def _signed_in(
    request: Request[Any, Any, Any], outcome: Outcome, id_token: str, acr: str
) -> Redirect:
    settings = request.app.state.settings
    user = outcome.user
    old = request.scope.get("user")
    if isinstance(old, CurrentUser):  # rotation: a new session id at every sign-in
        await delete_session(old.session_id)
    ip = request.client.host[:64] if request.client else ""
    token, row = await create_session(
        settings, user.id, user.role, ip, request.headers.get("user-agent", "")
    )
    await OidcSession.insert(
        OidcSession(session=row.id, issuer=settings.oidc_issuer, id_token=id_token, acr=acr[:100])
    )
    who = {"actor_id": user.id, "actor_role": user.role, "record_type": "user"}
    if outcome.linked:
        await record("auth.oidc_link", connection=request, record_id=user.id, **who)
    if outcome.role_change:
        await record(
            "user.role_change", connection=request, record_id=user.id,
            detail=f"oidc:{outcome.role_change}", **who,
        )  # fmt: skip
    for team_id, role in outcome.teams_added:
        await record(
            "team.member_add", connection=request, actor_id=user.id, actor_role=user.role,
            record_type="team", record_id=team_id, detail=f"oidc:{role}",
        )  # fmt: skip
    for team_id in outcome.teams_removed:
        await record(
            "team.member_remove", connection=request, actor_id=user.id, actor_role=user.role,
            record_type="team", record_id=team_id, detail="oidc",
        )  # fmt: skip
    for team_id in outcome.teams_kept:
        await record(
            "team.member_remove", connection=request, actor_id=user.id, actor_role=user.role,
            record_type="team", record_id=team_id, outcome="failure", detail="oidc:last-clinician",
        )  # fmt: skip
    await record("auth.login", connection=request, record_id=user.id, detail="oidc", **who)
    return Redirect(
        LANDING,
        status_code=HTTP_303_SEE_OTHER,
        cookies=[
            session_cookie(settings, token, None),
            flow.cookie(settings, flow.FLOW_COOKIE, "", 0),
        ],
        headers={"Cache-Control": "no-store"},
    )


ROUTES = [OidcController]
