"""Sign-in, sign-out, passwords, second factor, and account creation by an administrator."""

from __future__ import annotations

from typing import Any

import segno
from litestar import Controller, Request, Response, get, post
from litestar.background_tasks import BackgroundTask
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED

from relais.accounts import service
from relais.accounts.guards import current_user, require_admin, require_staff, require_user
from relais.accounts.schemas import (
    LoginIn,
    Message,
    PasswordChangeIn,
    ResetAvailableOut,
    ResetConfirmIn,
    ResetRequestIn,
    TotpCodeIn,
    TotpDisableIn,
    TotpSetupOut,
    UserCreateIn,
    UserOut,
    user_out,
)
from relais.accounts.service import ResetDelivery
from relais.accounts.sessions import (
    DEVICE_COOKIE,
    CurrentUser,
    clearing_cookie,
    cookie_name,
    create_session,
    delete_session,
    device_cookie,
    session_cookie,
)
from relais.accounts.tables import User
from relais.accounts.throttle import throttle_key
from relais.audit.service import client_ip, record
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
        response = Response(user_out(user))
        response.set_cookie(session_cookie(state.settings, token, None))
        if signed.new_device_token:
            response.set_cookie(device_cookie(state.settings, signed.new_device_token))
        return response

    @post("/logout", status_code=HTTP_200_OK, guards=[require_user], summary="Sign out")
    async def logout(self, request: Request[Any, Any, Any]) -> Response[Message]:
        user = current_user(request)
        await delete_session(user.session_id)
        await record("auth.logout", connection=request, record_type="user", record_id=user.id)
        response = Response(Message(message="Signed out."))
        response.set_cookie(clearing_cookie(request.app.state.settings))
        return response

    @get("/me", guards=[require_user], summary="The signed-in person")
    async def me(self, request: Request[Any, Any, Any]) -> UserOut:
        return user_out(current_user(request))

    @get("/csrf", summary="Sets the CSRF cookie; send its value back in the x-csrftoken header")
    async def csrf(self, request: Request[Any, Any, Any]) -> Message:
        return Message(message="ok")

    @post("/password", status_code=HTTP_200_OK, guards=[require_user], summary="Change my password")
    async def change_password(
        self, request: Request[Any, Any, Any], data: JSONBody[PasswordChangeIn]
    ) -> Message:
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
        return Message(message="Password changed. You were signed out on your other devices.")

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
    ) -> Message:
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
        return Message(message="Your password was changed. You can sign in now.")

    @post(
        "/totp/setup",
        status_code=HTTP_200_OK,
        guards=[require_staff],
        summary="Start second-factor set-up (staff)",
    )
    async def totp_setup(self, request: Request[Any, Any, Any]) -> TotpSetupOut:
        me = current_user(request)
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
    ) -> Message:
        me = current_user(request)
        user = await User.objects().where(User.id == me.id).first()
        if user is None or not user.totp_secret:
            raise Refusal("totp-not-started", "conflict")
        step = service.totp_step(user.totp_secret, data.code)
        if step is None or not await service.use_totp_step(me.id, step):
            raise Refusal("totp-invalid", "invalid", detail="totp-invalid.set-up")
        await User.update({User.totp_enabled: True}).where(User.id == me.id)
        await record("auth.totp_enable", connection=request, record_type="user", record_id=me.id)
        return Message(message="Second factor turned on.")

    @post(
        "/totp/disable",
        status_code=HTTP_200_OK,
        guards=[require_staff],
        summary="Turn the second factor off",
    )
    async def totp_disable(
        self, request: Request[Any, Any, Any], data: JSONBody[TotpDisableIn]
    ) -> Message:
        me = current_user(request)
        user = await User.objects().where(User.id == me.id).first()
        ok = user is not None and await request.app.state.passwords.verify(
            user.password_hash, data.password
        )
        step = service.totp_step(user.totp_secret or "", data.code) if user else None
        if not ok or user is None or step is None or not await service.use_totp_step(me.id, step):
            raise Refusal("bad-credentials", "invalid", detail="bad-credentials.totp-off")
        await User.update(
            {User.totp_enabled: False, User.totp_secret: None, User.totp_last_step: None}
        ).where(User.id == me.id)
        await record("auth.totp_disable", connection=request, record_type="user", record_id=me.id)
        return Message(message="Second factor turned off.")


class AdminUsersController(Controller):
    path = "/api/admin/users"
    tags = ["accounts"]
    guards = [require_admin]

    @post("/", status_code=HTTP_201_CREATED, summary="Create an account (administrator)")
    async def create(
        self, request: Request[Any, Any, Any], data: JSONBody[UserCreateIn]
    ) -> UserOut:
        user = await service.create_user(
            request.app.state.passwords,
            email=data.email,
            display_name=data.display_name,
            role=data.role,
            password=data.password,
            locale=data.locale,
            timezone=data.timezone,
        )
        await record("user.create", connection=request, record_type="user", record_id=user.id)
        return user_out(user)
