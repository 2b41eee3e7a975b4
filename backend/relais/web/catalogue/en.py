"""What the API says when it refuses something, in English (the API's reference language).

``MESSAGES``: a refusal's detail or a field error's message, by its key (the refusal's code, or
the key a service names); ``{name}`` is filled from the refusal's values (``str.format``).
``TITLES``: a problem's title, by kind or by name. ``relais.web.catalogue.fr`` holds the same keys
with the same placeholders (tests/foundation/test_catalogues.py checks it).
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    # By kind, and for the framework's own refusals
    "invalid": "Invalid request",
    "unauthenticated": "Sign-in required",
    "forbidden": "Not allowed",
    "not-found": "Not found",
    "method-not-allowed": "Method not allowed",
    "conflict": "Conflict",
    "too-large": "Request too large",
    "unsupported-media-type": "Unsupported media type",
    "unprocessable": "Invalid data",
    "too-many": "Too many requests",
    "internal": "Internal error",
    "unavailable": "Service unavailable",
    "error": "Error",
    # Named titles
    "invalid-input": "Invalid input",
    "malformed-request": "Malformed request",
    "check-the-values": "Check the values",
    "password-refused": "Password refused",
    "second-factor-required": "Second factor required",
    "sign-in-failed": "Sign-in failed",
    "sign-in-paused": "Sign-in paused",
    "unsupported-language": "Unsupported language",
}

MESSAGES: dict[str, str] = {
    # HTTP edge (relais.web.problems)
    "sign-in-needed": "Please sign in to continue.",
    "session-ended": "Your session has ended. Please sign in again.",
    "not-allowed": "You are not allowed to do this.",
    "role-not-allowed": "Your account is not allowed to do this.",
    "csrf": "The security token is missing or out of date. Reload the page and try again.",
    "nothing-here": "Nothing was found at this address.",
    "body-too-large": "The request body is too large.",
    "malformed-body": "The request body could not be read ({reason}). Send a valid JSON object.",
    "request-not-valid": "The request is not valid.",
    "body-missing": "The request arrived empty. Send the form again.",
    "body-not-utf8": "The request holds characters that could not be read (not UTF-8).",
    "body-too-deep": "The request is nested too deeply (more than {limit} levels).",
    "server-error.unchanged": (
        "Something went wrong on our side. Your data was not changed; please try again."
    ),
    "server-error": (
        "Something went wrong on our side. Please try again; if it keeps happening, contact "
        "support."
    ),
    "unstorable-text": (
        "The text contains a character that cannot be stored (such as a NUL byte). Remove it and "
        "try again."
    ),
    "unavailable": (
        "The service is briefly unavailable. Nothing was saved; please try again in a moment."
    ),
    # Metrics (relais.system.metrics): read by the operator's monitoring
    "metrics-token-invalid": "The metrics token is not valid.",
    "metrics-sign-in": (
        "Metrics need a bearer token (RELAIS_METRICS_TOKEN) or an administrator's session."
    ),
    "metrics-admin-only": "Only administrators may read the metrics.",
    # Access
    "patient-not-found": "No patient with this id is available to you.",
    "out-of-scope": "Your access to this person does not include this.",
    # Accounts
    "password-too-short": (
        "Use at least {min} characters. A short sentence you will remember works well."
    ),
    "password-too-long": "Use at most {max} characters.",
    "password-too-common": "This password is too common and easy to guess. Choose another one.",
    "password-digits-only": "Do not use only digits: add words.",
    "password-breached": (
        "This password is in lists of passwords leaked from other sites: choose another one."
    ),
    "password-context": (
        "Do not build your password on the name of the service or on your own name: add other "
        "words."
    ),
    "password-contains-email": "Do not use your email address in your password.",
    "invalid-timezone": "Unknown time zone {name!r}; use a name like Europe/Paris.",
    "unknown-time-zone": "unknown time zone",
    "invalid-role": "Role must be one of {roles}.",
    "email-taken": "An account with this email address already exists.",
    "already-used": "already used",
    "too-many-attempts": (
        "Too many failed sign-in attempts. For your safety, sign-in is paused: try again in "
        "{minutes} minute{s}, or reset your password."
    ),
    "too-many-attempts.slowed": (
        "Many failed sign-in attempts were made on this account. To protect it, wait {seconds} "
        "seconds, then try again."
    ),
    "session-not-found": "This session has already ended.",
    "account-not-found": "There is no such account.",
    "cannot-change-own-role": (
        "You cannot change your own role: another administrator does it for you."
    ),
    "last-administrator": (
        "This is the last active administrator: make another account an administrator first."
    ),
    "admin-role-in-care-team": (
        "This person is a member of {teams} care team(s): an administrator is a member of none. "
        "Remove them from their teams first, or create a separate administrator account."
    ),
    "cannot-deactivate-self": "You cannot deactivate your own account.",
    "second-factor-needed": (
        "Turn on your second factor first: staff accounts need one before anything else."
    ),
    "reauth-needed": (
        "For your safety, type your password again: it was given more than {minutes} minutes ago."
    ),
    "out-of-scope.private": "Only the person themselves decides who sees their private answers.",
    # Staff sign-in at the hospital's OpenID provider (relais.sso)
    "oidc-off": "Signing in with the hospital's identity provider is not set up here.",
    "oidc-provider-unreachable": (
        "The hospital's identity provider cannot be reached just now. Try again in a moment; if "
        "it keeps happening, tell the hospital's IT service."
    ),
    "oidc-flow-invalid": (
        "This sign-in was started in another window or too long ago. Start again from the "
        "sign-in screen."
    ),
    "oidc-provider-refused": "The identity provider did not sign you in. Start again.",
    "oidc-code-refused": "The identity provider did not confirm this sign-in. Start again.",
    "oidc-token-invalid": (
        "The identity provider's answer could not be checked, so you were not signed in. Tell "
        "the hospital's IT service if it happens again."
    ),
    "oidc-token-expired": (
        "The identity provider's answer had expired (check this computer's clock). Start again."
    ),
    "oidc-wrong-issuer": (
        "The answer did not come from the hospital's identity provider: you were not signed in."
    ),
    "oidc-wrong-audience": (
        "The identity provider's answer was meant for another application: you were not signed in."
    ),
    "oidc-wrong-nonce": (
        "The identity provider's answer does not belong to this sign-in: you were not signed in. "
        "Start again."
    ),
    "oidc-bad-signature": (
        "The identity provider's answer is not signed with its key: you were not signed in."
    ),
    "oidc-acr-too-low": (
        "This sign-in needs a stronger authentication at the identity provider ({required}), "
        "such as your professional card or its app. Sign in again with it."
    ),
    "oidc-unknown-person": (
        "No Relais account is prepared for you. Ask the Relais administrator of your service to "
        "create your account; then sign in again."
    ),
    "oidc-ambiguous-person": (
        "Your email address and your professional identifier point to two different Relais "
        "accounts. Ask the Relais administrator to correct them."
    ),
    "oidc-linked-to-another": (
        "The Relais account with your address is already linked to another person at the "
        "identity provider. Ask the Relais administrator."
    ),
    "oidc-account-inactive": "Your Relais account is deactivated. Ask the Relais administrator.",
    "oidc-no-role": (
        "The identity provider does not list you in any group that may use Relais. Ask the "
        "hospital's IT service."
    ),
    "oidc-admin-in-care-team": (
        "The identity provider makes you an administrator, but you are a member of a care team: "
        "administration and care are kept apart. Ask the Relais administrator."
    ),
    "oidc-last-administrator": (
        "The identity provider no longer makes you an administrator, but you are the last one "
        "here. Ask the hospital's IT service."
    ),
    "password-sign-in-off": (
        "Staff sign in with the hospital's identity provider here, not with a password."
    ),
    "professional-id-taken": "Another account already has this professional identifier.",
    "bad-credentials": "The email or the password is not right. Check them and try again.",
    "totp-required": "Enter the 6-digit code from your authenticator app.",
    "totp-used": "This code has already been used. Wait for the next one and try again.",
    "totp-invalid": "The 6-digit code is not right or has expired. Try the current code.",
    "reset-token-invalid": (
        "This reset link is not valid any more (it was already used or has expired). Ask for a new "
        "one."
    ),
    "reset-token-invalid.no-account": "This reset link is not valid any more.",
    "reset-unavailable": (
        "A reset link cannot be sent by email here. Ask your care team to reset your password."
    ),
    "bad-current-password": "Your current password is not right.",
    "not-right": "not right",
    "totp-already-enabled": "The second factor is already on.",
    "totp-not-started": "Start the set-up first.",
    "totp-invalid.set-up": (
        "The code is not right. Check the time on your phone and try the current code."
    ),
    "bad-credentials.totp-off": "The password or the code is not right.",
    # Alerts
    "team-not-found.not-member": "You are not a member of this team.",
    "alert-not-found": "No alert with this id is available to you.",
    "alert-resolved.acknowledge": "This alert is resolved. Reopen it first to acknowledge it.",
    "invalid-outcome": "outcome must be one of {outcomes}",
    "alert-resolved": "This alert is already resolved.",
    "alert-resolved.snooze": "This alert is closed: there is nothing to snooze.",
    "snooze-too-long": "Snooze for {min} to {max} minutes.",
    "alert-changed": "This alert changed meanwhile; reload it.",
    "alert-open": "This alert is already open.",
    "alert-already-seen": "This alert has already been seen; open the console to follow it.",
    "seen-token-invalid": (
        "This notification cannot mark the alert as seen; open the console to do it."
    ),
    "seen-token-expired": (
        "This notification is too old to mark the alert as seen; open the console."
    ),
    "seen-token-other-person": (
        "This notification was sent to someone else than the person signed in here."
    ),
    # Care teams and their members
    "team-not-found": "No team with this id is available to you.",
    "not-team-lead": "Only the team lead or an administrator can do this.",
    "user-not-found": "No account with this id.",
    "user-not-found.email": "No staff account uses this email.",
    "member-missing": "Give the new member's email.",
    "admin-not-in-care-team": (
        "An administrator cannot join a care team: administration and care are kept apart. "
        "Use a clinician account."
    ),
    "not-staff": "Only staff accounts can join a care team.",
    "already-member": "This person is already in the team.",
    "member-not-found": "This person is not in the team.",
    "last-lead": "This is the team's only lead. Make another member lead first.",
    "last-clinician": (
        "This is the last member of a team that follows {patients} patient(s). Add another "
        "clinician first, so that their alerts still reach someone."
    ),
    "naive-time.shift": "Give times with a time zone offset.",
    "shift-order": "The shift must end after it starts.",
    "not-member": "Only a member of the team can be on call.",
    "shift-not-found": "No such shift in this team's rota.",
    # Patients, their enrolment and schedule
    "birth-date-in-future": "The date of birth cannot be in the future.",
    "birth-date-too-old": "The date of birth is more than 120 years ago.",
    "day1-in-future": "Day 1 (first symptoms) cannot be after today.",
    "discharge-too-far": "The discharge date is more than 30 days ahead.",
    "day1-before-birth": "Day 1 cannot be before the date of birth.",
    "unknown-plan": "Unknown follow-up plan {plan!r}; use one of {known}.",
    "anchor-missing": "This plan counts from {field}: enter it.",
    "plan-for-adults": "This follow-up plan is for adults: choose a plan made for children.",
    "plan-for-children": "This follow-up plan is for children: choose a plan made for adults.",
    "not-your-team": "You can only enrol a patient in your own teams.",
    "item-not-found": "No such schedule item for this patient.",
    "naive-time.due": "Give the time with a time zone offset.",
    "reason-missing": "Say why the item is moved.",
    "item-closed": "This item is already done or skipped: it cannot move.",
    "date-in-past": "Choose a date from today on.",
    "date-too-far": "Choose a date within three years.",
    # Invitations and family links
    "patient-has-account": "This patient already has an account.",
    "child-no-account": (
        "A child's follow-up is done by their parents: invite a parent (kind: proxy) instead."
    ),
    "relationship-missing": "Say how this family member is related.",
    "invitation-missing": "Enter the invitation code, or open the invitation link.",
    "invitation-not-found": (
        "This invitation code or link is not known. Check the code, or ask the care team for a new "
        "one."
    ),
    "invitation-not-found.patient": "No such invitation for this patient.",
    "invitation-used": "This invitation was already used.",
    "invitation-used.sign-in": (
        "This invitation was already used. Sign in with your email and password instead."
    ),
    "invitation-revoked": "This invitation was cancelled by the care team. Ask them for a new one.",
    "invitation-expired": "This invitation has expired. Ask the care team for a new one.",
    "account-details-missing": "To create your account, give your email, your name and a password.",
    "required": "required",
    "email-taken.invitation": (
        "An account already uses this email. Sign in first, then enter the invitation code."
    ),
    "wrong-account-kind": (
        "This invitation is for the patient's own account. Sign out, then open it again to create "
        "that account."
    ),
    "wrong-account-kind.staff": "Staff accounts cannot accept a family invitation. Sign out first.",
    "already-linked": "This person is already linked to this patient.",
    "out-of-scope.followers": (
        "Only a family member chooses to be told, and only the patient (or a parent, for a "
        "child) agrees."
    ),
    "followers-not-asked": "Nobody asked to be told of alerts.",
    "out-of-scope.proxy-list": "Only the patient and the team see this list.",
    "out-of-scope.child-link": "Only the adult patient or the team can do this.",
    "link-not-found": "No such family link for this patient.",
    # Check-ins and thresholds
    "naive-time.taken": "The time taken must carry its time zone offset.",
    "taken-in-future": "The time taken is in the future: check the phone's clock.",
    "taken-too-old": (
        "This check-in is more than 7 days old and can no longer be sent. Call the team if "
        "anything worries you."
    ),
    "vital-unknown": "Unknown measure: {name}.",
    "vital-not-a-number": "{label}: enter a number.",
    "vital-out-of-range": (
        "{label}: {value} {symbol} is not possible. The value must be between {min} and {max} "
        "{symbol}. Check the measurement or the unit."
    ),
    "unknown-question": "Unknown question: {item}.",
    "answer-not-a-choice": "{item}: this answer is not one of the choices.",
    "answer-out-of-range": "{item}: enter a number between {min} and {max}.",
    "text-too-long": "Text too long.",
    "checkin-id-conflict": (
        "A different check-in was already sent with this id. Nothing was changed."
    ),
    "override-not-possible": "`{key}` has no threshold that can be overridden",
    "override-unknown-tag": "`{key}`: unknown threshold `{tag}` (known: {known})",
    "override-not-a-number": "`{key}`: `{tag}` must be a number",
    "override-red-above-amber": "`{key}`: red_lte ({red}) must not be above amber_lte ({amber})",
    "override-red-below-amber": "`{key}`: red_gte ({red}) must not be below amber_gte ({amber})",
    "baseline-not-a-number": "baseline of `{name}` must be a number",
    "threshold-not-found": "This team has no default threshold for this key.",
    "note-not-found": "There is no such note.",
    # Children
    "no-children-content": "Children's content is not installed.",
    "no-milestones": "Development checks are not installed.",
    "no-growth": "Growth references are not installed.",
    "no-school": "The school checklist is not installed.",
    "no-wellbeing": "Wellbeing screens are not installed.",
    "id-conflict.check": "A different check was already sent with this id.",
    "id-conflict.measurement": "A different measurement was already sent with this id.",
    "id-conflict.screen": "A different screen was already sent with this id.",
    "naive-time": "The time must carry its time zone offset.",
    "time-in-future": "The time is in the future: check the clock.",
    "time-too-old": "This is more than 30 days old.",
    "unknown-check": "Unknown check {check!r}.",
    "check-too-early": "This check is for {months} months; it is not due yet.",
    "not-a-milestone": "{milestone} is not a milestone of this check.",
    "milestones-missing": "Answer every milestone of the check: {milestones}",
    "milestone-not-unsure": "This milestone was not answered “not sure” in this check.",
    "check-not-found": "No development check with this id.",
    "measured-in-future": "The date of the measurement is in the future.",
    "measured-before-birth": "The date of the measurement is before the birth date.",
    "measurement-missing": "Enter at least one measurement.",
    "measurement-out-of-range.weight_kg": "Weight: enter a value between {min:g} and {max:g} kg.",
    "measurement-out-of-range.length_cm": (
        "Length or height: enter a value between {min:g} and {max:g} cm."
    ),
    "measurement-out-of-range.head_cm": (
        "Head circumference: enter a value between {min:g} and {max:g} cm."
    ),
    "no-measurement": "This measurement does not exist, or was removed.",
    "reason-required": "Say why (the family will see it).",
    "growth-entered-by-team": (
        "This measurement was recorded by the care team: ask them to correct it."
    ),
    "growth-change-too-late": (
        "A measurement can be corrected for {hours} hours after it was recorded. Ask the care team."
    ),
    "use-one-of": "Use one of {known}.",
    "unknown-checklist-item": "Unknown checklist item {item!r}.",
    "given-twice": "Given twice.",
    "not-a-question": "{item} is not a question of {questionnaire}.",
    "screen-answer-not-a-choice": "{item}: this answer is not one of the choices.",
    "screen-text-expected": "{item}: text expected (2000 characters at most).",
    "screen-number-out-of-range": "{item}: number out of range.",
    "parent-screen": "A parent's own screen is answered by the parent.",
    # Consent and own data
    "out-of-scope.sharing": (
        "Only the patient, or a family member acting for them, decides what is shared."
    ),
    "team-not-followed": "This team does not follow this person.",
    "not-a-team-of-this-person": "not a team of this person",
    "unknown-document": "There is no such document to accept.",
    "unknown": "unknown",
    "document-version-changed": (
        "This document is now at version {version}: read it again before accepting."
    ),
    "current-version": "current version is {version}",
    "consent-required": (
        "To create your account, read and accept the terms of use and the privacy notice."
    ),
    "must-be-accepted": "must be accepted",
    "document-version-changed.signup": (
        "The terms or the privacy notice changed while you were reading: read the new version, "
        "then accept it."
    ),
    "out-of-scope.access-history": "The access history is shown to the patient and their family.",
    "staff-account": (
        "A care team account is closed by an administrator, who keeps the team's records."
    ),
    "bad-password": "Your password is not right.",
    "confirm-needed": "Closing your account cannot be undone: send confirm: true to go ahead.",
    "must-be-true": "must be true",
    # Content
    "unsupported-language": "Language `{lang}` is not available. Use one of: {langs}.",
    "content-unavailable": "The content library is not loaded.",
    "no-such-page": "There is no booklet page `{id}`.",
    "no-such-questionnaire": "There is no questionnaire `{id}`.",
    # Messages and notifications
    "id-conflict.message": "A different message was already sent with this id.",
    "subscription-not-found": "This device is not registered for you.",
    "invalid-quiet-hours": "Give both the start and the end of the quiet hours, or neither.",
    "set-with-quiet-start": "set with quiet_start",
    "invalid-subscription": "The push subscription is not valid; subscribe again from the app.",
    "endpoint-host-not-allowed": "must be the address of a browser's push service",
    "endpoint-taken": (
        "this phone or browser receives another account's notifications: sign out of that "
        "account on it first"
    ),
    "endpoint-not-https": "must be the https:// address given by the browser",
    "p256dh-not-valid": "must be a base64url P-256 public key",
    "auth-not-valid": "must be a base64url 16-byte secret",
    # The discharge sent by the hospital as FHIR (relais.discharge): OperationOutcome issues
    "fhir-not-json": "The body is not a JSON object. Send a FHIR R4 Bundle in JSON.",
    "fhir-not-bundle": 'The body is not a FHIR Bundle: its resourceType must be "Bundle".',
    "fhir-structure": "This element does not follow FHIR R4 here (see diagnostics).",
    "fhir-bundle-type": 'The Bundle\'s type must be "transaction" or "collection".',
    "fhir-resource-missing": "A {resource} is required in the bundle.",
    "fhir-resource-repeated": "Only one {resource} is expected; the bundle has {count}.",
    "fhir-resource-ignored": "A {resource} is not read by Relais; it was ignored.",
    "fhir-patient-identifier-missing": (
        "The patient needs an identifier with a system and a value: the INS, or the hospital's "
        "own number."
    ),
    "fhir-identifier-too-long": (
        "This identifier is too long: at most 200 characters for its system, 100 for its value."
    ),
    "fhir-ins-invalid": "This INS is not valid: 15 characters whose last two are the key.",
    "fhir-family-name-missing": "The patient's family name is missing.",
    "fhir-given-name-missing": "The patient's given name is missing.",
    "fhir-birth-date-missing": "The patient's date of birth is missing.",
    "fhir-birth-date-partial": "The date of birth must be a full date (year, month and day).",
    "fhir-birth-date-in-future": "The date of birth is in the future.",
    "fhir-birth-date-too-old": "The date of birth is more than 120 years ago.",
    "fhir-gender-missing": "The patient's administrative gender is missing.",
    "fhir-phone-invalid": "This phone number is not valid (digits, spaces, + ( ) . - only).",
    "fhir-encounter-identifier-missing": (
        "The Encounter needs an identifier with a system and a value: it names this stay, so "
        "that sending it again updates it."
    ),
    "fhir-discharge-date-missing": (
        "The discharge date is missing: the end of the Encounter's period."
    ),
    "fhir-discharge-too-far": "The discharge date is more than 30 days ahead.",
    "fhir-team-identifier-missing": (
        "The CareTeam needs the identifier of its Relais team (system urn:ietf:rfc:3986, value "
        "urn:uuid: and the team's id)."
    ),
    "fhir-team-not-allowed": "No Relais team that this client may send discharges to has this id.",
    "fhir-plan-missing": (
        "No follow-up plan is named: a CarePlan category or a ServiceRequest code with the "
        "system urn:relais:plan."
    ),
    "fhir-plan-repeated": "{count} different plans are named; name one.",
    "fhir-plan-unknown": 'There is no plan "{plan}". The plans are: {known}.',
    "fhir-plan-for-adults": 'The plan "{plan}" is for adults, and the patient is a child.',
    "fhir-plan-for-children": 'The plan "{plan}" is for children, and the patient is an adult.',
    "fhir-day1-missing": (
        'The plan "{plan}" counts from the first symptoms: send a Condition with its onsetDateTime.'
    ),
    "fhir-day1-in-future": "The first symptoms cannot be in the future.",
    "fhir-referent-missing": (
        "The 24/7 referent is missing: a PractitionerRole (or a Practitioner other than the GP) "
        "with a phone number."
    ),
    "fhir-referent-name-missing": "The 24/7 referent's name is missing.",
    "fhir-referent-phone-missing": "The 24/7 referent's phone number is missing.",
    "fhir-medication-unreadable": "This prescription names no medicine (text or display).",
    "fhir-appointment-start-missing": "The appointment's start time is missing.",
    "fhir-summary-unreadable": (
        "The discharge summary cannot be read: send it as text (text/plain in base64) or in the "
        "description."
    ),
    "fhir-summary-too-long": "The discharge summary is longer than {limit} characters.",
    "fhir-no-gp": "No GP is known: the patient is flagged on the team's list.",
    "fhir-identifier-conflict": (
        "These identifiers name two different patients in Relais: the team must check them."
    ),
    "fhir-not-configured": "This deployment accepts no system client yet (no OAuth issuer set).",
    "fhir-issuer-unreachable": "The OAuth issuer's keys could not be read; try again later.",
    "fhir-token-missing": "An access token is required: Authorization: Bearer <token>.",
    "fhir-token-invalid": (
        "The access token is not valid (its signature, its form, or the key that signed it)."
    ),
    "fhir-token-expired": "The access token has expired: ask the issuer for a new one.",
    "fhir-token-audience": "The access token is not for this FHIR server (its audience).",
    "fhir-token-issuer": "The access token comes from an issuer this server does not trust.",
    "fhir-token-scope": "The access token does not allow this: ask for the scope system/Bundle.c.",
    "fhir-client-unknown": "This system client may not send discharges to this deployment.",
}
