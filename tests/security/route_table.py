"""Who may call each route that does not take a patient id (those are in tests/access_matrix.py).

Generated from nothing but this table and the application's own route table: a new route with no
line here fails tests/security/test_route_table.py, so every route's audience is decided when it
is written. Kinds:

* ``public``: anyone, signed in or not (sign-in, reset, content, health, invitations, the app);
* ``user``: any signed-in account (401 without a session);
* ``staff``: clinicians and administrators (a patient or a family member gets 403 or 404);
* ``admin``: administrators only (a clinician gets 403 too);
* ``system``: machines with the metrics token, or an administrator;
* ``client``: a hospital's system client with an OAuth access token (relais.discharge.oauth):
  every session, whoever's, gets 401 (the route reads no cookie).
"""

from __future__ import annotations

ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/api/health"): "public",
    ("GET", "/api/ready"): "public",
    ("GET", "/metrics"): "system",
    ("GET", "/"): "public",
    ("GET", "/{path:path}"): "public",
    ("GET", "/api/schema"): "public",
    ("GET", "/api/schema/swagger"): "public",
    ("GET", "/api/schema/{path:str}"): "public",
    ("GET", "/api/schema/openapi.json"): "public",
    ("GET", "/api/schema/oauth2-redirect.html"): "public",
    # accounts
    ("GET", "/api/auth/csrf"): "public",
    ("POST", "/api/auth/login"): "public",
    ("GET", "/api/auth/password-reset"): "public",
    ("POST", "/api/auth/password-reset"): "public",
    ("POST", "/api/auth/password-reset/confirm"): "public",
    # staff sign-in at the hospital's OpenID provider (relais.sso)
    ("GET", "/api/auth/oidc"): "public",
    ("GET", "/api/auth/oidc/start"): "public",
    ("GET", "/api/auth/oidc/callback"): "public",
    ("POST", "/api/auth/logout"): "user",
    ("GET", "/api/auth/me"): "user",
    ("POST", "/api/auth/password"): "user",
    ("GET", "/api/auth/confirm"): "user",
    ("POST", "/api/auth/confirm"): "user",
    ("GET", "/api/auth/sessions"): "user",
    ("POST", "/api/auth/sessions/end-others"): "user",
    ("POST", "/api/auth/sessions/{session:str}/end"): "user",
    ("POST", "/api/auth/totp/setup"): "staff",
    ("POST", "/api/auth/totp/enable"): "staff",
    ("POST", "/api/auth/totp/disable"): "staff",
    ("GET", "/api/admin/users"): "admin",
    ("POST", "/api/admin/users"): "admin",
    ("POST", "/api/admin/users/{user_id:uuid}/deactivate"): "admin",
    ("POST", "/api/admin/users/{user_id:uuid}/reactivate"): "admin",
    ("POST", "/api/admin/users/{user_id:uuid}/second-factor/reset"): "admin",
    ("GET", "/api/admin/users/{user_id:uuid}/sessions"): "admin",
    ("PATCH", "/api/admin/users/{user_id:uuid}"): "admin",
    ("GET", "/api/admin/processing-record"): "admin",
    # a hospital's systems (FHIR)
    ("POST", "/api/fhir/discharge"): "client",
    # content
    ("GET", "/api/content/booklet"): "public",
    ("GET", "/api/content/booklet/{page_id:str}"): "public",
    ("GET", "/api/content/bundle"): "public",
    ("GET", "/api/content/guidance"): "public",
    ("GET", "/api/content/questionnaires/{qid:str}"): "public",
    # teams and the console
    ("GET", "/api/teams"): "staff",
    ("POST", "/api/teams"): "admin",
    ("GET", "/api/teams/{team_id:uuid}"): "staff",
    ("PATCH", "/api/teams/{team_id:uuid}"): "staff",
    ("POST", "/api/teams/{team_id:uuid}/members"): "staff",
    ("PATCH", "/api/teams/{team_id:uuid}/members/{user_id:uuid}"): "staff",
    ("DELETE", "/api/teams/{team_id:uuid}/members/{user_id:uuid}"): "staff",
    ("GET", "/api/teams/{team_id:uuid}/on-call"): "staff",
    ("POST", "/api/teams/{team_id:uuid}/on-call"): "staff",
    ("DELETE", "/api/teams/{team_id:uuid}/on-call/{shift_id:int}"): "staff",
    ("GET", "/api/teams/{team_id:uuid}/patients"): "staff",
    ("GET", "/api/teams/{team_id:uuid}/thresholds"): "staff",
    ("PUT", "/api/teams/{team_id:uuid}/thresholds"): "staff",
    ("POST", "/api/teams/{team_id:uuid}/thresholds/preview"): "staff",
    ("DELETE", "/api/teams/{team_id:uuid}/thresholds/{key:str}"): "staff",
    ("GET", "/api/teams/{team_id:uuid}/notes"): "staff",
    ("GET", "/api/teams/{team_id:uuid}/console"): "staff",
    ("POST", "/api/teams/{team_id:uuid}/console/search"): "staff",
    ("POST", "/api/patients"): "staff",
    ("GET", "/api/children/development-review"): "staff",
    ("GET", "/api/alerts"): "staff",
    ("GET", "/api/alerts/{alert_id:uuid}"): "staff",
    ("POST", "/api/alerts/{alert_id:uuid}/acknowledge"): "staff",
    ("POST", "/api/alerts/{alert_id:uuid}/resolve"): "staff",
    ("POST", "/api/alerts/{alert_id:uuid}/reopen"): "staff",
    ("POST", "/api/alerts/{alert_id:uuid}/snooze"): "staff",
    ("GET", "/api/alerts/unread"): "staff",
    # the messages inbox
    ("POST", "/api/inbox/threads"): "staff",
    ("GET", "/api/inbox/unread"): "staff",
    # The notification's "Seen": no session needed, its token is the proof (403 without one).
    ("POST", "/api/alerts/{alert_id:uuid}/seen-from-notification"): "public",
    ("GET", "/api/live"): "staff",
    # the person's own account
    ("POST", "/api/invitations/accept"): "public",
    ("GET", "/api/me/circle"): "user",
    ("GET", "/api/me/data-policy"): "user",
    ("POST", "/api/me/erase"): "user",
    ("GET", "/api/consent"): "user",
    ("GET", "/api/consent/documents"): "public",
    ("POST", "/api/consent/accept"): "user",
    ("GET", "/api/push/key"): "public",
    ("GET", "/api/push/preferences"): "user",
    ("PUT", "/api/push/preferences"): "user",
    ("GET", "/api/push/subscriptions"): "user",
    ("POST", "/api/push/subscriptions"): "user",
    ("DELETE", "/api/push/subscriptions"): "user",
    ("POST", "/api/push/test"): "user",
}
