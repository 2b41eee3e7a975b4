"""Sign-in, sign-out, passwords, second factor, and account creation by an administrator."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import segno
from litestar import Controller, Request, Response, get, patch, post
from litestar.background_tasks import BackgroundTask
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED
from piccolo.query.functions.aggregate import Max

from relais.accounts import service
from relais.accounts.devices import device_name
from relais.accounts.guards import current_user, require_admin, require_staff, require_user
from relais.accounts.schemas import (
    AdminUserOut,
    AdminUsersOut,
    AdminUserUpdateIn,
    ConfirmedOut,
    ConfirmIn,
    LoginIn,
    Message,
    PasswordChangeIn,
    ResetAvailableOut,
    ResetConfirmIn,
    ResetRequestIn,
    SessionOut,
    SessionsOut,
    SignedOut,
    TotpCodeIn,
    TotpDisableIn,
    TotpSetupOut,
    UserCreatedOut,
    UserCreateIn,
    UserOut,
    user_out,
)
from relais.accounts.service import ResetDelivery
from relais.accounts.sessions import (
    DEVICE_COOKIE,
    REAUTH_MINUTES,
    CurrentUser,
    clearing_cookie,
    confirmed_until,
    cookie_name,
    create_session,
    delete_session,
    delete_user_sessions,
    device_cookie,
    list_sessions,
    mark_confirmed,
    opened_at_provider,
    public_id,
    require_recent_auth,
    session_cookie,
)
from relais.accounts.tables import STAFF_ROLES, OidcLink, Session, User
from relais.accounts.throttle import throttle_key
from relais.audit.service import client_ip, record
from relais.audit.tables import AuditEvent
from relais.care.tables import TeamMember
from relais.db import as_utc, transaction, utcnow
from relais.errors import FieldRefusal, Refusal


class AuthController(Controller):
    path = "/api/auth"
    tags = ["accounts"]

    @post("/login", status_code=HTTP_200_OK, summary="Sign in with email and password")
    async def login(
        self, request: Request[Any, Any, Any], data: JSONBody[LoginIn]
    ) -> Response[UserOut]:
        state = request.app.state
        ip = client_ip(request)
        device = request.cookies.get(cookie_name(state.settings, DEVICE_COOKIE))
        try:
            signed = await service.authenticate(
                state.passwords,
                state.throttle,
                data.email,
                data.password,
                data.totp_code,
                ip,
                device_token=device,
                staff_passwords=state.settings.staff_passwords,
            )
        except Refusal as exc:
            if exc.code != "totp-required":
                # The account aimed at is named (when it exists); the password never is.
                account = getattr(exc, "account_id", None)
                await record(
                    "auth.login",
                    connection=request,
                    actor_role="",
                    record_type="user" if account else "",
                    record_id=account or "",
                    outcome="failure",
                    detail=exc.code,
                )
            raise
        user = signed.user
        # Rotation: whatever session the browser had is dropped, a new id is issued.
        old = request.scope.get("user")
        if isinstance(old, CurrentUser):
            await delete_session(old.session_id)
        token, _ = await create_session(
            state.settings, user.id, user.role, ip, request.headers.get("user-agent", "")
        )
        await record(
            "auth.login",
            connection=request,
            actor_id=user.id,
            actor_role=user.role,
            record_type="user",
            record_id=user.id,
        )
        response = Response(
            user_out(user, _second_factor_required(request)),
            background=_notice(request, user, "new-device", device=_device(request))
            if signed.other_devices
            else None,
        )
        response.set_cookie(session_cookie(state.settings, token, None))
        if signed.new_device_token:
            response.set_cookie(device_cookie(state.settings, signed.new_device_token))
        return response

    @post("/logout", status_code=HTTP_200_OK, guards=[require_user], summary="Sign out")
    async def logout(self, request: Request[Any, Any, Any]) -> Response[SignedOut]:
        user = current_user(request)
        at_provider = await opened_at_provider(user.session_id)
        await delete_session(user.session_id)
        await record("auth.logout", connection=request, record_type="user", record_id=user.id)
        url = None
        provider = request.app.state.get("oidc")
        if at_provider is not None and provider is not None:
            # The browser goes on to the provider's logout (RP-initiated logout), which ends its
            # session there too and sends it back to the console's sign-in screen.
            url = await provider.end_session_url(at_provider["id_token"])
        response = Response(SignedOut(message="Signed out.", provider_logout_url=url))
        response.set_cookie(clearing_cookie(request.app.state.settings))
        return response

    @get("/me", guards=[require_user], summary="The signed-in person")
    async def me(self, request: Request[Any, Any, Any]) -> UserOut:
        me = current_user(request)
        required = _second_factor_required(request)
        if required and me.is_staff and not me.totp_enabled:
            # A session opened at the hospital's OpenID provider passed its second factor.
            required = await opened_at_provider(me.session_id) is None
        return user_out(me, required)

    @get(
        "/confirm",
        guards=[require_user],
        summary="Until when sensitive actions need no password again",
    )
    async def confirmed(self, request: Request[Any, Any, Any]) -> ConfirmedOut:
        me = current_user(request)
        until = confirmed_until(me)
        fresh = until is not None and until > utcnow()
        return ConfirmedOut(
            confirmed_until=until.isoformat() if fresh and until else None, minutes=REAUTH_MINUTES
        )

    @post(
        "/confirm",
        status_code=HTTP_200_OK,
        guards=[require_user],
        summary="Give my password again before a sensitive action",
    )
    async def confirm(
        self, request: Request[Any, Any, Any], data: JSONBody[ConfirmIn]
    ) -> ConfirmedOut:
        me = current_user(request)
        state = request.app.state
        try:
            await service.reconfirm(
                state.passwords, state.throttle, me, data.password, data.totp_code,
                client_ip(request),
            )  # fmt: skip
        except Refusal as exc:
            await record("auth.confirm", connection=request, outcome="failure", detail=exc.code)
            raise
        await mark_confirmed(me.session_id)
        await record("auth.confirm", connection=request, record_type="user", record_id=me.id)
        until = utcnow() + dt.timedelta(minutes=REAUTH_MINUTES)
        return ConfirmedOut(confirmed_until=until.isoformat(), minutes=REAUTH_MINUTES)

    @get("/sessions", guards=[require_user], summary="Where I am signed in")
    async def sessions(self, request: Request[Any, Any, Any]) -> SessionsOut:
        me = current_user(request)
        return SessionsOut(
            sessions=[_session_out(r, me.session_id) for r in await list_sessions(me.id)]
        )

    @post(
        "/sessions/{session:str}/end",
        status_code=HTTP_200_OK,
        guards=[require_user],
        summary="Sign out one of my sessions (another device, or this one)",
    )
    async def end_session(self, request: Request[Any, Any, Any], session: str) -> Response[Message]:
        me = current_user(request)
        rows = [r for r in await list_sessions(me.id) if public_id(r["id"]) == session]
        if not rows:
            raise Refusal("session-not-found", "not-found")
        if rows[0]["id"] != me.session_id:
            # Signing out another device: the password, recently (a stolen session cannot end
            # the owner's own).
            require_recent_auth(me)
        await delete_session(rows[0]["id"])
        await record("auth.session_end", connection=request, record_type="user", record_id=me.id)
        response = Response(Message(message="Signed out on that device."))
        if rows[0]["id"] == me.session_id:
            response.set_cookie(clearing_cookie(request.app.state.settings))
        return response

    @post(
        "/sessions/end-others",
        status_code=HTTP_200_OK,
        guards=[require_user],
        summary="Sign out everywhere but here",
    )
    async def end_other_sessions(self, request: Request[Any, Any, Any]) -> Message:
        me = current_user(request)
        require_recent_auth(me)
        await delete_user_sessions(me.id, keep=me.session_id)
        await record(
            "auth.session_end_others", connection=request, record_type="user", record_id=me.id
        )
        return Message(message="Signed out on your other devices.")

    @get("/csrf", summary="Sets the CSRF cookie; send its value back in the x-csrftoken header")
    async def csrf(self, request: Request[Any, Any, Any]) -> Message:
        return Message(message="ok")

    @post("/password", status_code=HTTP_200_OK, guards=[require_user], summary="Change my password")
    async def change_password(
        self, request: Request[Any, Any, Any], data: JSONBody[PasswordChangeIn]
    ) -> Response[Message]:
        me = current_user(request)
        state = request.app.state
        user = await User.objects().where(User.id == me.id).first()
        if user is None or not await state.passwords.verify(
            user.password_hash, data.current_password
        ):
            await record("auth.password_change", connection=request, outcome="failure")
            raise Refusal(
                "bad-current-password",
                "invalid",
                fields=[FieldRefusal("current_password", "not-right")],
            )
        await service.set_password(
            state.passwords, user, data.new_password, keep_session=me.session_id
        )
        await record(
            "auth.password_change", connection=request, record_type="user", record_id=me.id
        )
        return Response(
            Message(message="Password changed. You were signed out on your other devices."),
            background=_notice(request, user, "password-changed"),
        )

    @get("/password-reset", summary="Whether a reset link can be sent by email here")
    async def reset_available(self, request: Request[Any, Any, Any]) -> ResetAvailableOut:
        delivery = request.app.state.reset_delivery
        return ResetAvailableOut(
            by_email=delivery is not None,
            minutes=request.app.state.settings.password_reset_minutes,
        )

    @post("/password-reset", status_code=HTTP_202_ACCEPTED, summary="Ask for a password reset link")
    async def reset_request(
        self, request: Request[Any, Any, Any], data: JSONBody[ResetRequestIn]
    ) -> Response[Message]:
        state = request.app.state
        delivery: ResetDelivery | None = state.reset_delivery
        if delivery is None:
            raise Refusal("reset-unavailable", "unavailable")
        # Counted per address only: asking for a link never pauses the account's sign-in, and the
        # account itself gets at most RESET_PER_WINDOW links (service.start_reset).
        await state.throttle.begin(throttle_key("reset", client_ip(request)), client_ip(request))
        found = await service.start_reset(state.settings, data.email)
        await record("auth.password_reset_request", connection=request)
        # Same answer, as fast, whether the account exists or not: the mail goes after it.
        answer = Message(
            message="If an account exists for this address, a reset link is on its way."
        )
        if found is None:
            return Response(answer, status_code=HTTP_202_ACCEPTED)
        return Response(
            answer,
            status_code=HTTP_202_ACCEPTED,
            background=BackgroundTask(delivery.send_reset, *found),
        )

    @post(
        "/password-reset/confirm",
        status_code=HTTP_200_OK,
        summary="Set a new password with a reset token",
    )
    async def reset_confirm(
        self, request: Request[Any, Any, Any], data: JSONBody[ResetConfirmIn]
    ) -> Response[Message]:
        user = await service.finish_reset(
            request.app.state.passwords, data.token, data.new_password
        )
        await record(
            "auth.password_reset",
            connection=request,
            actor_id=user.id,
            actor_role=user.role,
            record_type="user",
            record_id=user.id,
        )
        return Response(
            Message(message="Your password was changed. You can sign in now."),
            background=_notice(request, user, "password-changed"),
        )

    @post(
        "/totp/setup",
        status_code=HTTP_200_OK,
        guards=[require_staff],
        summary="Start second-factor set-up (staff)",
    )
    async def totp_setup(self, request: Request[Any, Any, Any]) -> TotpSetupOut:
        me = current_user(request)
        require_recent_auth(me)
        if me.totp_enabled:
            raise Refusal("totp-already-enabled", "conflict")
        secret = service.new_totp_secret()
        await User.update({User.totp_secret: secret}).where(User.id == me.id)
        uri = service.totp_uri(secret, me.email)
        svg = segno.make(uri, error="m").svg_inline(scale=4)
        return TotpSetupOut(secret=secret, otpauth_uri=uri, qr_svg=svg)

    @post(
        "/totp/enable",
        status_code=HTTP_200_OK,
        guards=[require_staff],
        summary="Turn the second factor on with a first code",
    )
    async def totp_enable(
        self, request: Request[Any, Any, Any], data: JSONBody[TotpCodeIn]
    ) -> Response[Message]:
        me = current_user(request)
        require_recent_auth(me)
        user = await User.objects().where(User.id == me.id).first()
        if user is None or not user.totp_secret:
            raise Refusal("totp-not-started", "conflict")
        step = service.totp_step(user.totp_secret, data.code)
        if step is None or not await service.use_totp_step(me.id, step):
            raise Refusal("totp-invalid", "invalid", detail="totp-invalid.set-up")
        await User.update({User.totp_enabled: True}).where(User.id == me.id)
        await record("auth.totp_enable", connection=request, record_type="user", record_id=me.id)
        return Response(
            Message(message="Second factor turned on."),
            background=_notice(request, user, "second-factor-on"),
        )

    @post(
        "/totp/disable",
        status_code=HTTP_200_OK,
        guards=[require_staff],
        summary="Turn the second factor off",
    )
    async def totp_disable(
        self, request: Request[Any, Any, Any], data: JSONBody[TotpDisableIn]
    ) -> Response[Message]:
        me = current_user(request)
        require_recent_auth(me)
        user = await User.objects().where(User.id == me.id).first()
        ok = user is not None and await request.app.state.passwords.verify(
            user.password_hash, data.password
        )
        step = service.totp_step(user.totp_secret or "", data.code) if user else None
        if not ok or user is None or step is None or not await service.use_totp_step(me.id, step):
            raise Refusal("bad-credentials", "invalid", detail="bad-credentials.totp-off")
        await service.clear_second_factor(me.id)
        await record("auth.totp_disable", connection=request, record_type="user", record_id=me.id)
        return Response(
            Message(message="Second factor turned off."),
            background=_notice(request, user, "second-factor-off"),
        )


def _notice(
    request: Request[Any, Any, Any], user: Any, kind: str, **values: str
) -> BackgroundTask | None:
    """The security notice to send ``user`` after the answer (nothing without email here)."""
    delivery: ResetDelivery | None = request.app.state.reset_delivery
    if delivery is None:
        return None
    return BackgroundTask(delivery.send_notice, user, kind, **values)


def _device(request: Request[Any, Any, Any]) -> str:
    return device_name(request.headers.get("user-agent", ""))


def _second_factor_required(request: Request[Any, Any, Any]) -> bool:
    return bool(request.app.state.settings.staff_second_factor == "required")


def _session_out(row: dict[str, Any], current: str) -> SessionOut:
    return SessionOut(
        id=public_id(row["id"]),
        created_at=as_utc(row["created_at"]).isoformat(),
        last_seen_at=as_utc(row["last_seen_at"]).isoformat(),
        user_agent=row["user_agent"],
        ip=row["ip"],
        current=row["id"] == current,
    )


async def _account(user_id: uuid.UUID) -> User:
    user = await User.objects().where(User.id == user_id).first()
    if user is None:
        raise Refusal("account-not-found", "not-found")
    return user


async def refuse_losing_last_admin(user_id: uuid.UUID) -> None:
    """Refuse taking the role from ``user_id`` when no other active administrator remains (one's
    own role is refused before: this holds when two demote each other at once)."""
    others = await User.count().where(
        (User.role == "admin") & (User.is_active == True) & (User.id != user_id)  # noqa: E712
    )
    if others == 0:
        raise Refusal("last-administrator", "conflict")


async def _last_sign_ins(user_ids: list[Any]) -> dict[str, str]:
    """Each account's last sign-in that worked, as the audit trail still holds it (by id)."""
    rows = (
        await AuditEvent.select(AuditEvent.actor_id, Max(AuditEvent.at, alias="last"))
        .where(
            (AuditEvent.action == "auth.login")
            & (AuditEvent.outcome == "ok")
            & AuditEvent.actor_id.is_in(user_ids)
        )
        .group_by(AuditEvent.actor_id)
    )
    out = {}
    for r in rows:
        last = r["last"]
        if isinstance(last, str):  # SQLite gives an aggregate's timestamp back as text
            last = dt.datetime.fromisoformat(last)
        if last is not None:
            out[str(r["actor_id"])] = as_utc(last).isoformat()
    return out


class AdminUsersController(Controller):
    path = "/api/admin/users"
    tags = ["accounts"]
    guards = [require_admin]

    @get("/", summary="Accounts of staff and administrators (administrator)")
    async def list_staff(self, request: Request[Any, Any, Any]) -> AdminUsersOut:
        users = await User.objects().where(User.role.is_in(list(STAFF_ROLES))).order_by(User.email)
        ids = [u.id for u in users] or [uuid.uuid4()]
        counts: dict[Any, int] = {}
        for row in await Session.select(Session.user).where(Session.user.is_in(ids)):
            counts[row["user"]] = counts.get(row["user"], 0) + 1
        linked = {
            r["user"] for r in await OidcLink.select(OidcLink.user).where(OidcLink.user.is_in(ids))
        }
        await record("user.list", connection=request, record_type="user")
        return AdminUsersOut(
            users=[
                AdminUserOut(
                    id=u.id,
                    email=u.email,
                    display_name=u.display_name,
                    role=u.role,  # type: ignore[arg-type]
                    is_active=u.is_active,
                    totp_enabled=u.totp_enabled,
                    sessions=counts.get(u.id, 0),
                    setup_pending=u.password_hash == service.UNUSABLE_HASH,
                    last_sign_in_at=signed.get(str(u.id)),
                    professional_id=u.professional_id,
                    provider_linked=u.id in linked,
                )
                for signed in [await _last_sign_ins(ids)]
                for u in users
            ]
        )

    @patch(
        "/{user_id:uuid}",
        summary="Change a staff account's role (administrator; asks for the password again)",
    )
    async def change_role(
        self,
        request: Request[Any, Any, Any],
        user_id: uuid.UUID,
        data: JSONBody[AdminUserUpdateIn],
    ) -> AdminUserOut:
        me = current_user(request)
        if user_id == me.id:
            raise Refusal("cannot-change-own-role", "conflict")
        require_recent_auth(me)
        async with transaction():
            user = await _account(user_id)
            if user.role not in STAFF_ROLES:
                raise Refusal("account-not-found", "not-found")
            if user.role == "admin" and data.role != "admin":
                await refuse_losing_last_admin(user_id)
            if data.role == "admin" and user.role != "admin":
                # Administration and care are kept apart: an administrator is a member of no
                # care team (relais.care.service.add_member), so a member is not made one.
                teams = await TeamMember.count().where(TeamMember.user == user_id)
                if teams:
                    raise Refusal("admin-role-in-care-team", "conflict", params={"teams": teams})
            if data.role != user.role:
                await User.update({User.role: data.role}).where(User.id == user_id)
                # The sessions carry the old role's rights: they end, the person signs in again.
                await delete_user_sessions(user_id)
        if data.role != user.role:
            await record(
                "user.role_change",
                connection=request,
                record_type="user",
                record_id=user_id,
                detail=f"{user.role}>{data.role}",
            )
        signed = await _last_sign_ins([user_id])
        return AdminUserOut(
            id=user.id,
            email=user.email,
            display_name=user.display_name,
            role=data.role,
            is_active=user.is_active,
            totp_enabled=user.totp_enabled,
            sessions=0 if data.role != user.role else len(await list_sessions(user_id)),
            setup_pending=user.password_hash == service.UNUSABLE_HASH,
            last_sign_in_at=signed.get(str(user_id)),
            professional_id=user.professional_id,
            provider_linked=await OidcLink.exists().where(OidcLink.user == user_id),
        )

    @get("/{user_id:uuid}/sessions", summary="Where a staff account is signed in (administrator)")
    async def user_sessions(
        self, request: Request[Any, Any, Any], user_id: uuid.UUID
    ) -> SessionsOut:
        user = await _account(user_id)
        if user.role not in STAFF_ROLES:
            raise Refusal("account-not-found", "not-found")
        await record("user.sessions", connection=request, record_type="user", record_id=user_id)
        return SessionsOut(sessions=[_session_out(r, "") for r in await list_sessions(user.id)])

    @post(
        "/{user_id:uuid}/deactivate",
        status_code=HTTP_200_OK,
        summary="Deactivate an account: it can no longer sign in, its sessions end at once",
    )
    async def deactivate(self, request: Request[Any, Any, Any], user_id: uuid.UUID) -> Message:
        me = current_user(request)
        if user_id == me.id:
            raise Refusal("cannot-deactivate-self", "conflict")
        await _account(user_id)
        async with transaction():
            await User.update({User.is_active: False}).where(User.id == user_id)
            await delete_user_sessions(user_id)
        await record("user.deactivate", connection=request, record_type="user", record_id=user_id)
        return Message(message="Account deactivated; its sessions ended.")

    @post("/{user_id:uuid}/reactivate", status_code=HTTP_200_OK, summary="Reactivate an account")
    async def reactivate(self, request: Request[Any, Any, Any], user_id: uuid.UUID) -> Message:
        await _account(user_id)
        await User.update({User.is_active: True}).where(User.id == user_id)
        await record("user.reactivate", connection=request, record_type="user", record_id=user_id)
        return Message(message="Account reactivated.")

    @post(
        "/{user_id:uuid}/second-factor/reset",
        status_code=HTTP_200_OK,
        summary=(
            "Reset a staff account's second factor (it is set up again at next sign-in; asks for "
            "the password again)"
        ),
    )
    async def reset_second_factor(
        self, request: Request[Any, Any, Any], user_id: uuid.UUID
    ) -> Response[Message]:
        # Whoever resets it may sign in with the password alone: asked for again.
        require_recent_auth(current_user(request))
        account = await _account(user_id)
        async with transaction():
            await service.clear_second_factor(user_id)
            await delete_user_sessions(user_id)
        await record("user.totp_reset", connection=request, record_type="user", record_id=user_id)
        return Response(
            Message(message="Second factor reset; the account's sessions ended."),
            background=_notice(request, account, "second-factor-reset"),
        )

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Create an account (administrator); its set-up link goes to its address",
    )
    async def create(
        self, request: Request[Any, Any, Any], data: JSONBody[UserCreateIn]
    ) -> Response[UserCreatedOut]:
        state = request.app.state
        if data.role == "admin":
            # A new administrator holds every account: the password is asked for again.
            require_recent_auth(current_user(request))
        user = await service.create_user(
            None,
            password=None,
            email=data.email,
            display_name=data.display_name,
            role=data.role,
            locale=data.locale,
            timezone=data.timezone,
            professional_id=data.professional_id,
        )
        delivery: ResetDelivery | None = state.reset_delivery
        background = None
        if not state.settings.staff_passwords and user.role in STAFF_ROLES:
            # Staff sign in at the hospital's OpenID provider: no password to set up. The
            # account waits for the person's first sign-in there.
            delivery = None
        if delivery is not None:
            link = await service.start_setup(state.settings, user)
            background = BackgroundTask(delivery.send_setup, user, link, service.SETUP_HOURS)
        await record("user.create", connection=request, record_type="user", record_id=user.id)
        return Response(
            UserCreatedOut(user=user_out(user), setup_link_sent=delivery is not None),
            status_code=HTTP_201_CREATED,
            background=background,
        )
