/**
 * The API's types, generated from the server's OpenAPI schema by openapi-typescript: do not edit.
 * Regenerate with `make api-types` (at the root of the repository); `make lint` fails when stale.
 * The PWA names the shapes it uses in src/lib/types.ts and src/api/*.ts.
 */

export interface paths {
    "/api/admin/processing-record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record of processing activities (GDPR art. 30) of this deployment */
        get: operations["ApiAdminProcessingRecordGetRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts of staff and administrators (administrator) */
        get: operations["ApiAdminUsersListStaff"];
        put?: never;
        /** Create an account (administrator); its set-up link goes to its address */
        post: operations["ApiAdminUsersCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a staff account's role (administrator; asks for the password again) */
        patch: operations["ApiAdminUsersUserIdChangeRole"];
        trace?: never;
    };
    "/api/admin/users/{user_id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deactivate an account: it can no longer sign in, its sessions end at once */
        post: operations["ApiAdminUsersUserIdDeactivateDeactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate an account */
        post: operations["ApiAdminUsersUserIdReactivateReactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}/second-factor/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reset a staff account's second factor (it is set up again at next sign-in; asks for the password again) */
        post: operations["ApiAdminUsersUserIdSecondFactorResetResetSecondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a staff account is signed in (administrator) */
        get: operations["ApiAdminUsersUserIdSessionsUserSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts of my teams, red first, oldest first */
        get: operations["ApiAlertsListAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many alerts of my teams nobody has seen yet */
        get: operations["ApiAlertsUnreadUnread"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{alert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert with its timeline */
        get: operations["ApiAlertsAlertIdGetAlert"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{alert_id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** I have seen it */
        post: operations["ApiAlertsAlertIdAcknowledgeAcknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{alert_id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open it again */
        post: operations["ApiAlertsAlertIdReopenReopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{alert_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close it with an outcome */
        post: operations["ApiAlertsAlertIdResolveResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{alert_id}/seen-from-notification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an alert from its notification's action (token, no session needed)
         * @description Same effect as acknowledge, as the person the token was made for; refused when the token is forged, expired, made for another alert or person, or the alert was already seen.
         */
        post: operations["ApiAlertsAlertIdSeenFromNotificationSeenFromNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{alert_id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let it wait a bounded time, with a reason: the escalation waits too */
        post: operations["ApiAlertsAlertIdSnoozeSnooze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Until when sensitive actions need no password again */
        get: operations["ApiAuthConfirmConfirmed"];
        put?: never;
        /** Give my password again before a sensitive action */
        post: operations["ApiAuthConfirmConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/csrf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sets the CSRF cookie; send its value back in the x-csrftoken header */
        get: operations["ApiAuthCsrfCsrf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password */
        post: operations["ApiAuthLoginLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out */
        post: operations["ApiAuthLogoutLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in person */
        get: operations["ApiAuthMeMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How staff sign in here; why the last sign-in at the provider was refused */
        get: operations["ApiAuthOidcAbout"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the provider sends the browser back (code and state; a redirect) */
        get: operations["ApiAuthOidcCallbackCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sign in at the hospital's OpenID provider (a browser navigation: a redirect) */
        get: operations["ApiAuthOidcStartStart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my password */
        post: operations["ApiAuthPasswordChangePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a reset link can be sent by email here */
        get: operations["ApiAuthPasswordResetResetAvailable"];
        put?: never;
        /** Ask for a password reset link */
        post: operations["ApiAuthPasswordResetResetRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset token */
        post: operations["ApiAuthPasswordResetConfirmResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where I am signed in */
        get: operations["ApiAuthSessionsSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions/end-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out everywhere but here */
        post: operations["ApiAuthSessionsEndOthersEndOtherSessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions/{session}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out one of my sessions (another device, or this one) */
        post: operations["ApiAuthSessionsEndEndSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn the second factor off */
        post: operations["ApiAuthTotpDisableTotpDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn the second factor on with a first code */
        post: operations["ApiAuthTotpEnableTotpEnable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start second-factor set-up (staff) */
        post: operations["ApiAuthTotpSetupTotpSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/children/development-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Development checks with "not yet" or "not sure" answers awaiting the team */
        get: operations["ApiChildrenDevelopmentReviewDevelopmentReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The terms and privacy notice, and which of them I still have to accept */
        get: operations["ApiConsentDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consent/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept one version of a document */
        post: operations["ApiConsentAcceptAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/consent/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current terms and privacy notice, to read before creating an account */
        get: operations["ApiConsentDocumentsCurrent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/booklet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Booklet pages (without their text), in reading order */
        get: operations["ApiContentBookletBooklet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/booklet/{page_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One booklet page with its Markdown text */
        get: operations["ApiContentBookletPageIdBookletPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything the app needs offline, in one language
         * @description Booklet, guidance, questionnaires, plans, triage rules and vital-sign limits. Strong ETag; send If-None-Match to get 304 when nothing changed.
         */
        get: operations["ApiContentBundleBundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/guidance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Escalation guidance (red, amber, green, self-harm) */
        get: operations["ApiContentGuidanceGuidance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/questionnaires/{qid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One questionnaire with its options and scoring */
        get: operations["ApiContentQuestionnairesQidQuestionnaire"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fhir/discharge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a discharge sent as a FHIR R4 Bundle (system client, OAuth bearer token)
         * @description Body: a FHIR R4 Bundle (transaction or collection), `application/fhir+json`. 201 when the discharge is new, 200 when it was imported before (updated). Refusals are OperationOutcomes: 400 unreadable, 401 token, 403 scope or client, 409 identifiers naming two patients, 422 every problem of the bundle.
         */
        post: operations["ApiFhirDischargeDischarge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["ApiHealthHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Threads of my teams' patients, newest activity first, with my unread counts (filters in the body: a name never goes in an address) */
        post: operations["ApiInboxThreadsThreads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What waits for me: unread messages, their threads, notes to read */
        get: operations["ApiInboxUnreadUnread"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: create the account (or link the signed-in one) */
        post: operations["ApiInvitationsAcceptAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live alert events of my teams (server-sent events) */
        get: operations["ApiLiveLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/circle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The people I log for: myself and those I care for */
        get: operations["ApiMeCircleCircle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/data-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What closing my account does here, and how long data is kept */
        get: operations["ApiMeDataPolicyDataPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close my account and erase my data */
        post: operations["ApiMeEraseErase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enrol a patient at discharge (schedule made from the plan) */
        post: operations["ApiPatientsEnrol"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient's record */
        get: operations["ApiPatientsPatientIdGetPatient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change contact details, plan, day 1 (schedule recomputed) */
        patch: operations["ApiPatientsPatientIdUpdate"];
        trace?: never;
    };
    "/api/patients/{patient_id}/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who saw this record: reads from the audit log, newest first */
        get: operations["ApiPatientsPatientIdAccessLogAccessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/alert-followers/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A family member asks to be told of the person's alerts, or stops */
        post: operations["ApiPatientsPatientIdAlertFollowersMeFollowAlerts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient's alerts as they and their family see them */
        get: operations["ApiPatientsPatientIdAlertsListForPatient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/checkins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check-ins of the last days, newest first */
        get: operations["ApiPatientsPatientIdCheckinsHistory"];
        put?: never;
        /** Submit a check-in (idempotent by the id made on the device) */
        post: operations["ApiPatientsPatientIdCheckinsSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/checkins/{checkin_id}/note/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a check-in's note: marked read by the first clinician who opens it */
        post: operations["ApiPatientsPatientIdCheckinsCheckinIdNoteOpenOpenNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/consent/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sharing with each care team (explanation: what changing it would do) */
        get: operations["ApiPatientsPatientIdConsentTeamsTeams"];
        put?: never;
        /** Share with a team, or stop sharing (without confirm: only the explanation) */
        post: operations["ApiPatientsPatientIdConsentTeamsDecide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/development": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Development checks: due by age, past answers, team review */
        get: operations["ApiPatientsPatientIdDevelopmentDevelopment"];
        put?: never;
        /** Answer one development check (idempotent by the id made on the device) */
        post: operations["ApiPatientsPatientIdDevelopmentAnswerDevelopment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/development/{check_uuid}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer later the milestones of a check first answered "not sure" */
        post: operations["ApiPatientsPatientIdDevelopmentCheckUuidCompleteCompleteDevelopment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/development/{check_uuid}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The team has reviewed the "not yet" answers of a check */
        post: operations["ApiPatientsPatientIdDevelopmentCheckUuidReviewReviewDevelopment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/export/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record as CSV files (one per kind) in a zip, streamed */
        get: operations["ApiPatientsPatientIdExportCsvExportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/export/fhir": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The record as a FHIR R4 Bundle (collection), streamed */
        get: operations["ApiPatientsPatientIdExportFhirExportFhir"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/export/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A summary for a doctor (PDF, in the reader's language) */
        get: operations["ApiPatientsPatientIdExportPdfExportPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/growth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Measurements with WHO z-scores and centiles, and the chart */
        get: operations["ApiPatientsPatientIdGrowthGrowth"];
        put?: never;
        /** Record a measurement (idempotent by the id made on the device) */
        post: operations["ApiPatientsPatientIdGrowthAddGrowth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/growth/{measurement_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Correct a measurement (the family: its own, for 24 hours; the team: with a reason); an alert the wrong value opened is withdrawn */
        put: operations["ApiPatientsPatientIdGrowthMeasurementIdCorrectGrowth"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/growth/{measurement_id}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove a wrong measurement (same rules as a correction) */
        post: operations["ApiPatientsPatientIdGrowthMeasurementIdRemoveRemoveGrowth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/handover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The discharge hand-over */
        get: operations["ApiPatientsPatientIdHandoverGetHandover"];
        /** Record or update the discharge hand-over */
        put: operations["ApiPatientsPatientIdHandoverPutHandover"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations sent for this patient */
        get: operations["ApiPatientsPatientIdInvitationsInvitations"];
        put?: never;
        /** Invite the patient or a family member (link, code, QR) */
        post: operations["ApiPatientsPatientIdInvitationsInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/invitations/{invitation_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an invitation */
        post: operations["ApiPatientsPatientIdInvitationsInvitationIdRevokeRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The thread with the care team (oldest first), with read receipts */
        get: operations["ApiPatientsPatientIdMessagesThread"];
        put?: never;
        /** Write in the thread (the other side is told); idempotent by the id made on the device */
        post: operations["ApiPatientsPatientIdMessagesWrite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/messages/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** I have read the thread up to now */
        post: operations["ApiPatientsPatientIdMessagesReadRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/proxies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Family members linked to the patient */
        get: operations["ApiPatientsPatientIdProxiesProxies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/proxies/{link_id}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The patient (or a child's parent) agrees that a family member is told of alerts, or stops it */
        post: operations["ApiPatientsPatientIdProxiesLinkIdAlertsDecideFollowers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/proxies/{link_id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a family member's access (the adult patient or the team) */
        post: operations["ApiPatientsPatientIdProxiesLinkIdEndEndProxy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/proxies/{link_id}/private": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The adult lets a family member see their answers on mood and their notes, or stops it */
        post: operations["ApiPatientsPatientIdProxiesLinkIdPrivateSharePrivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/proxies/{link_id}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Renew a parent's access past the child's 18th birthday (team) */
        post: operations["ApiPatientsPatientIdProxiesLinkIdRenewRenewProxy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The follow-up schedule (due, late, missed, done, skipped) */
        get: operations["ApiPatientsPatientIdScheduleSchedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/schedule/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Schedule items moved by the team: who, when, from and to which date, why */
        get: operations["ApiPatientsPatientIdScheduleChangesScheduleChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/schedule/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Mark a schedule item done or skipped, or reschedule it (team) */
        patch: operations["ApiPatientsPatientIdScheduleItemIdUpdateSchedule"];
        trace?: never;
    };
    "/api/patients/{patient_id}/school": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The return-to-school checklist shared by the family and the team */
        get: operations["ApiPatientsPatientIdSchoolSchool"];
        /** Update items of the return-to-school checklist */
        put: operations["ApiPatientsPatientIdSchoolSaveSchool"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/thresholds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-patient thresholds set by the team (with who, when, why) */
        get: operations["ApiPatientsPatientIdThresholdsThresholds"];
        /** Set a per-patient threshold (replaces the one for this key) */
        put: operations["ApiPatientsPatientIdThresholdsSetThreshold"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/thresholds/effective": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The thresholds in force for this patient: own > team default > content rule */
        get: operations["ApiPatientsPatientIdThresholdsEffectiveEffective"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/thresholds/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replay a patient threshold over the last 90 days before saving it (reads only) */
        post: operations["ApiPatientsPatientIdThresholdsPreviewPreviewThreshold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What is due today, the last result and any open alert */
        get: operations["ApiPatientsPatientIdTodayToday"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/{patient_id}/wellbeing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Wellbeing screens of the child and of the person asking */
        get: operations["ApiPatientsPatientIdWellbeingWellbeing"];
        put?: never;
        /** Answer a wellbeing screen (the child's, or a parent's own) */
        post: operations["ApiPatientsPatientIdWellbeingAnswerWellbeing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/push/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The VAPID public key (applicationServerKey, base64url) */
        get: operations["ApiPushKeyKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/push/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My reminder settings */
        get: operations["ApiPushPreferencesGetPreferences"];
        /** Change my reminder settings */
        put: operations["ApiPushPreferencesPutPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My devices that receive notifications */
        get: operations["ApiPushSubscriptionsListSubscriptions"];
        put?: never;
        /**
         * Register this device, or re-sync it (idempotent by endpoint)
         * @description 201 when the device is new, 200 when it was known (keys and owner updated).
         */
        post: operations["ApiPushSubscriptionsSubscribe"];
        /** Stop notifications on this device (by endpoint) */
        delete: operations["ApiPushSubscriptionsUnsubscribe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/push/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification to each of my devices now
         * @description Neutral text, nothing about anyone's health. Each device keeps the outcome (its status in the list); a device the push service no longer knows is removed. No device: nothing is sent (staff alerts then go by email).
         */
        post: operations["ApiPushTestTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database reachable, migrations applied, notifications moving */
        get: operations["ApiReadyReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Teams: all for an administrator, one's own for a clinician */
        get: operations["ApiTeamsListTeams"];
        put?: never;
        /** Create a care team */
        post: operations["ApiTeamsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A team with its members */
        get: operations["ApiTeamsTeamIdGetTeam"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a team's phone, escalation delays, time zone or daily amber digest (lead, admin) */
        patch: operations["ApiTeamsTeamIdUpdateTeam"];
        trace?: never;
    };
    "/api/teams/{team_id}/console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The team's patients sorted by risk (console list) */
        get: operations["ApiTeamsTeamIdConsoleConsole"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/console/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The team's patients whose name holds every word searched, riskiest first */
        post: operations["ApiTeamsTeamIdConsoleSearchSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a member */
        post: operations["ApiTeamsTeamIdMembersAddMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member */
        delete: operations["ApiTeamsTeamIdMembersUserIdRemoveMember"];
        options?: never;
        head?: never;
        /** Change a member's role or lead flag (lead, admin) */
        patch: operations["ApiTeamsTeamIdMembersUserIdUpdateMember"];
        trace?: never;
    };
    "/api/teams/{team_id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notes of the team's patients: to read first, then read (who, when) */
        get: operations["ApiTeamsTeamIdNotesTeamNotes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/on-call": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is on call now, and the next shifts */
        get: operations["ApiTeamsTeamIdOnCallOnCall"];
        put?: never;
        /** Add a 24/7 referent shift */
        post: operations["ApiTeamsTeamIdOnCallAddShift"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/on-call/{shift_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a 24/7 referent shift (lead, admin) */
        delete: operations["ApiTeamsTeamIdOnCallShiftIdRemoveShift"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/patients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The team's patients (no-GP flag, overdue items) */
        get: operations["ApiTeamsTeamIdPatientsPatients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/thresholds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The team's default thresholds, with who set or removed them, when and why */
        get: operations["ApiTeamsTeamIdThresholdsListDefaults"];
        /** Set a team default threshold (replaces the one for this key; lead, admin) */
        put: operations["ApiTeamsTeamIdThresholdsSetDefault"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/thresholds/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replay a team default over the team's last 90 days before saving it (lead, admin) */
        post: operations["ApiTeamsTeamIdThresholdsPreviewPreviewDefault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{team_id}/thresholds/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a team default: the content's rule applies again (lead, admin) */
        delete: operations["ApiTeamsTeamIdThresholdsKeyRemoveDefault"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AccessLogEntry */
        AccessLogEntry: {
            action: string;
            /** Format: date-time */
            at: string;
            role: string;
            teams: string[];
            who: string;
        };
        /** AccessLogOut */
        AccessLogOut: {
            items: components["schemas"]["AccessLogEntry"][];
            page: number;
            per_page: number;
            total: number;
        };
        /** AdminUserOut */
        AdminUserOut: {
            display_name: string;
            email: string;
            /** Format: uuid */
            id: string;
            is_active: boolean;
            last_sign_in_at?: string | null;
            professional_id?: string | null;
            /** @default false */
            provider_linked: boolean;
            /** @enum {string} */
            role: "patient" | "proxy" | "clinician" | "admin";
            sessions: number;
            /** @default false */
            setup_pending: boolean;
            totp_enabled: boolean;
        };
        /** AdminUserUpdateIn */
        AdminUserUpdateIn: {
            /** @enum {string} */
            role: "clinician" | "admin";
        };
        /** AdminUsersOut */
        AdminUsersOut: {
            users: components["schemas"]["AdminUserOut"][];
        };
        /** AgeOut */
        AgeOut: {
            corrected: boolean;
            days: number;
            months: number;
            note?: string | null;
        };
        /** AlertDetailOut */
        AlertDetailOut: {
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            acknowledged_by_name: string;
            checkins: number;
            content_version: string;
            escalation_step: number;
            /** Format: uuid */
            id: string;
            kind: string;
            last_checkin_id: string | null;
            level: string;
            measures: components["schemas"]["MeasureOut"][];
            next_escalation_at: string | null;
            note: string;
            /** Format: date-time */
            opened_at: string;
            outcome: string;
            /** Format: uuid */
            patient_id: string;
            patient_name: string;
            reasons: string[];
            resolved_at: string | null;
            resolved_by: string | null;
            resolved_by_name: string;
            snooze_reason: string;
            snoozed_until: string | null;
            state: string;
            /** Format: uuid */
            team_id: string;
            timeline: components["schemas"]["AlertEventOut"][];
            updated_at: string | null;
            urgent: boolean;
            why: components["schemas"]["ReasonOut"][];
        };
        /** AlertEventOut */
        AlertEventOut: {
            actor_id: string | null;
            actor_name: string;
            /** Format: date-time */
            at: string;
            detail: string;
            kind: string;
        };
        /** AlertFollowDecisionIn */
        AlertFollowDecisionIn: {
            allow: boolean;
        };
        /** AlertFollowIn */
        AlertFollowIn: {
            want: boolean;
        };
        /** AlertFollowOut */
        AlertFollowOut: {
            /** @enum {string} */
            alerts: "" | "requested" | "on";
        };
        /** AlertOut */
        AlertOut: {
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            acknowledged_by_name: string;
            checkins: number;
            content_version: string;
            escalation_step: number;
            /** Format: uuid */
            id: string;
            kind: string;
            last_checkin_id: string | null;
            level: string;
            measures: components["schemas"]["MeasureOut"][];
            next_escalation_at: string | null;
            note: string;
            /** Format: date-time */
            opened_at: string;
            outcome: string;
            /** Format: uuid */
            patient_id: string;
            patient_name: string;
            reasons: string[];
            resolved_at: string | null;
            resolved_by: string | null;
            resolved_by_name: string;
            snooze_reason: string;
            snoozed_until: string | null;
            state: string;
            /** Format: uuid */
            team_id: string;
            updated_at: string | null;
            urgent: boolean;
            why: components["schemas"]["ReasonOut"][];
        };
        /** AlertRef */
        AlertRef: {
            acknowledged_at?: string | null;
            /** Format: uuid */
            id: string;
            state: string;
            /** @default false */
            withdrawn: boolean;
        };
        /** BandOut */
        BandOut: {
            id: string;
            label: string;
            max: number;
            min: number;
        };
        /** Bundle */
        Bundle: {
            booklet: components["schemas"]["PageOut"][];
            extras?: {
                [key: string]: unknown;
            } | null;
            guidance: components["schemas"]["GuidanceOut"];
            lang: string;
            plans: components["schemas"]["PlanOut"][];
            questionnaires: components["schemas"]["QuestionnaireOut"][];
            rules: {
                [key: string]: unknown;
            }[];
            version: string;
            vitals?: {
                [key: string]: unknown;
            } | null;
        };
        /** ChartOut */
        ChartOut: {
            curves: components["schemas"]["CurveOut"][];
            indicator: string;
            measure: string;
            points: components["schemas"]["ChartPoint"][];
            references: string[];
            sex: string;
            title: string;
            x_kind: string;
        };
        /** ChartPoint */
        ChartPoint: {
            centile: number;
            /** Format: uuid */
            measurement_id: string;
            value: number;
            x: number;
            z: number;
        };
        /** CheckSummary */
        CheckSummary: {
            age_months: number;
            answered_at?: string | null;
            id: string;
            /** @enum {string} */
            status: "done" | "due" | "missed" | "upcoming";
            title: string;
        };
        /** CheckView */
        CheckView: {
            age_months: number;
            id: string;
            milestones: components["schemas"]["MilestoneOut"][];
            recheck: components["schemas"]["MilestoneOut"][];
            title: string;
        };
        /** CheckinIn */
        CheckinIn: {
            answers?: {
                [key: string]: number | string | boolean | null;
            };
            /** @enum {null|string} */
            client_level?: "red" | "amber" | "green" | null;
            content_version?: string | null;
            /** Format: uuid */
            id: string;
            /** @default  */
            note: string;
            /** @default false */
            partial: boolean;
            /** Format: date-time */
            taken_at: string;
            vitals?: {
                [key: string]: number | null;
            };
        };
        /** CheckinOut */
        CheckinOut: {
            answers: {
                [key: string]: number | string | boolean | null;
            };
            content_version: string;
            fired: string[];
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            level: "red" | "amber" | "green";
            note: string;
            note_read_at?: string | null;
            /** @default false */
            partial: boolean;
            /** @default false */
            private_hidden: boolean;
            scores: {
                [key: string]: number;
            };
            /** Format: date-time */
            taken_at: string;
            vitals: {
                [key: string]: number | null;
            };
        };
        /** CheckinResult */
        CheckinResult: {
            alert: components["schemas"]["AlertRef"] | null;
            /** @enum {null|string} */
            client_level: "red" | "amber" | "green" | null;
            content_version: string;
            fired: components["schemas"]["FiredOut"][];
            flags: string[];
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            level: "red" | "amber" | "green";
            scores: {
                [key: string]: number;
            };
            /** Format: date-time */
            taken_at: string;
            urgent: boolean;
        };
        /** CircleOut */
        CircleOut: {
            people: components["schemas"]["CirclePerson"][];
        };
        /** CirclePerson */
        CirclePerson: {
            /**
             * @default
             * @enum {string}
             */
            alerts: "" | "requested" | "on";
            /** Format: date */
            birth_date: string;
            can_log: boolean;
            can_read_messages: boolean;
            can_read_results: boolean;
            day1?: string | null;
            discharge_date?: string | null;
            family_name: string;
            given_name: string;
            is_child: boolean;
            locale: string;
            /** Format: uuid */
            patient_id: string;
            plan_id: string;
            /** @enum {string} */
            relation: "self" | "proxy";
            relationship: string;
            team: components["schemas"]["TeamRef"] | null;
            timezone: string;
        };
        /** ConfirmIn */
        ConfirmIn: {
            password: string;
            totp_code?: string | null;
        };
        /** ConfirmedOut */
        ConfirmedOut: {
            confirmed_until: string | null;
            minutes: number;
        };
        /** ConsentOut */
        ConsentOut: {
            documents: components["schemas"]["DocumentOut"][];
            pending: string[];
        };
        /** ConsoleOut */
        ConsoleOut: {
            count: number;
            matched: number;
            offset: number;
            patients: components["schemas"]["ConsolePatient"][];
            red: number;
            /** Format: uuid */
            team_id: string;
            with_open_alerts: number;
        };
        /** ConsolePatient */
        ConsolePatient: {
            anchor: string;
            /** Format: date */
            birth_date: string;
            day: number | null;
            day1: string | null;
            discharge_date: string | null;
            family_name: string;
            given_name: string;
            /** Format: uuid */
            id: string;
            in_critical_window: boolean;
            is_child: boolean;
            last_checkin_at: string | null;
            last_level: string | null;
            no_gp: boolean;
            open_alerts: number;
            open_red: number;
            overdue_items: number;
            plan_id: string;
            previous_level: string | null;
            risk: number;
            trend: string;
            unacknowledged: number;
        };
        /** ConsoleSearch */
        ConsoleSearch: {
            /** @default 100 */
            limit: number;
            /** @default 0 */
            offset: number;
            query: string;
        };
        /** CriticalWindowOut */
        CriticalWindowOut: {
            from_day: number;
            note?: string | null;
            to_day: number;
        };
        /** CurveOut */
        CurveOut: {
            centile: number;
            points: [
                number,
                number
            ][];
            z: number;
        };
        /** DataPolicyOut */
        DataPolicyOut: {
            controller: string;
            dpo: string;
            /** @enum {string} */
            erasure_mode: "delete" | "pseudonymise";
            retention_audit_days: number;
            retention_health_days: number;
            retention_technical_days: number;
        };
        /** DevelopmentCompletionIn */
        DevelopmentCompletionIn: {
            answers: {
                [key: string]: "yes" | "not_yet";
            };
        };
        /** DevelopmentIn */
        DevelopmentIn: {
            /** Format: date-time */
            answered_at: string;
            answers: {
                [key: string]: "yes" | "not_yet" | "not_sure";
            };
            check_id: string;
            /** Format: uuid */
            id: string;
        };
        /** DevelopmentOut */
        DevelopmentOut: {
            age: components["schemas"]["AgeOut"];
            answer_labels: {
                [key: string]: string;
            };
            checks: components["schemas"]["CheckSummary"][];
            disclaimer: string;
            domains: {
                [key: string]: string;
            };
            due: components["schemas"]["CheckView"] | null;
            history: components["schemas"]["DevelopmentResult"][];
            milestone_text?: {
                [key: string]: string;
            };
            review: components["schemas"]["ReviewItem"][];
        };
        /** DevelopmentResult */
        DevelopmentResult: {
            age: components["schemas"]["AgeOut"];
            alert: components["schemas"]["AlertRef"] | null;
            alert_domains: string[];
            /** Format: date-time */
            answered_at: string;
            answers: {
                [key: string]: "yes" | "not_yet" | "not_sure";
            };
            check_id: string;
            completed_later?: {
                [key: string]: string;
            };
            /** Format: uuid */
            id: string;
            next_steps: string[];
            not_sure: string[];
            not_yet: string[];
            regressions: string[];
            reviewed_at?: string | null;
        };
        /** DevelopmentReviewOut */
        DevelopmentReviewOut: {
            answer_labels: {
                [key: string]: string;
            };
            checks: components["schemas"]["ReviewCheck"][];
            count: number;
            domains: {
                [key: string]: string;
            };
        };
        /** DischargeImported */
        DischargeImported: {
            /** Format: date */
            discharge_date: string;
            /** Format: uuid */
            import_id: string;
            invitation: components["schemas"]["InvitationState"];
            /** @enum {string} */
            matched_by: "ins" | "identifier" | "encounter" | "new";
            /** @enum {string} */
            outcome: "created" | "updated";
            /** Format: uuid */
            patient_id: string;
            plan_id: string;
            /** Format: uuid */
            team_id: string;
            warnings?: {
                [key: string]: unknown;
            } | null;
        };
        /** DocumentOut */
        DocumentOut: {
            accepted_at: string | null;
            accepted_version: number | null;
            body: string;
            document: string;
            /** Format: date */
            effective_on: string;
            needs_acceptance: boolean;
            summary: string;
            title: string;
            version: number;
        };
        /** EffectiveThresholdsOut */
        EffectiveThresholdsOut: {
            thresholds: {
                [key: string]: {
                    [key: string]: components["schemas"]["EffectiveValue"];
                };
            };
        };
        /** EffectiveValue */
        EffectiveValue: {
            /** @enum {string} */
            source: "patient" | "team";
            value: number;
        };
        /** EraseIn */
        EraseIn: {
            /** @default false */
            confirm: boolean;
            password: string;
        };
        /** EraseOut */
        EraseOut: {
            erased: boolean;
            message: string;
            mode: string;
        };
        /** FieldError */
        FieldError: {
            field: string;
            message: string;
        };
        /** FiredOut */
        FiredOut: {
            id: string;
            /** @enum {string} */
            level: "red" | "amber";
            reason: string;
            source: string;
        };
        /** GrowthChangeOut */
        GrowthChangeOut: {
            /** Format: date-time */
            at: string;
            before: {
                [key: string]: number | null;
            };
            by_as: string;
            /** @enum {string} */
            kind: "corrected" | "removed";
            reason: string;
            withdrew_alert: boolean;
        };
        /** GrowthCorrectionIn */
        GrowthCorrectionIn: {
            head_cm?: number | null;
            length_cm?: number | null;
            /** Format: date */
            measured_on: string;
            /** @default  */
            note: string;
            /** @enum {null|string} */
            position?: "recumbent" | "standing" | null;
            /** @default  */
            reason: string;
            weight_kg?: number | null;
        };
        /** GrowthIn */
        GrowthIn: {
            head_cm?: number | null;
            /** Format: uuid */
            id: string;
            length_cm?: number | null;
            /** Format: date */
            measured_on: string;
            /** @default  */
            note: string;
            /** @enum {null|string} */
            position?: "recumbent" | "standing" | null;
            weight_kg?: number | null;
        };
        /** GrowthOut */
        GrowthOut: {
            birth_date?: string | null;
            chart: components["schemas"]["ChartOut"] | null;
            curves_available: boolean;
            indicators: components["schemas"]["IndicatorOut"][];
            measurements: components["schemas"]["MeasurementOut"][];
            position_rule?: components["schemas"]["PositionRule"] | null;
            sex: string;
            source: string;
        };
        /** GrowthRemovalIn */
        GrowthRemovalIn: {
            /** @default  */
            reason: string;
        };
        /** GrowthResult */
        GrowthResult: {
            age: components["schemas"]["AgeOut"];
            alert?: components["schemas"]["AlertRef"] | null;
            bmi: number | null;
            /** @default false */
            can_change: boolean;
            change_until?: string | null;
            changes?: components["schemas"]["GrowthChangeOut"][];
            entered_as: string;
            head_cm: number | null;
            /** Format: uuid */
            id: string;
            length_adjusted_cm?: number | null;
            length_cm: number | null;
            /** Format: date */
            measured_on: string;
            messages?: string[];
            note: string;
            /** @enum {null|string} */
            position?: "recumbent" | "standing" | null;
            reasons: string[];
            scores: components["schemas"]["ZOut"][];
            weight_kg: number | null;
        };
        /** GuidanceOut */
        GuidanceOut: {
            levels: components["schemas"]["LevelsOut"];
            /** Format: date */
            reviewed_on: string;
            self_harm: components["schemas"]["SelfHarmOut"];
            source: string;
            version: number;
        };
        /** HandoverIn */
        HandoverIn: {
            documents_given?: string[];
            next_appointment_at?: string | null;
            /** @default  */
            next_appointment_place: string;
            /** @default  */
            next_appointment_reason: string;
            /** @default  */
            prescriptions: string;
            /** @default  */
            referent_name: string;
            /** @default  */
            referent_phone: string;
            /** @default  */
            summary: string;
        };
        /** HandoverOut */
        HandoverOut: {
            documents_given: string[];
            next_appointment_at: string | null;
            next_appointment_place: string;
            /** @default  */
            next_appointment_reason: string;
            prescriptions: string;
            referent_name: string;
            referent_phone: string;
            summary: string;
            updated_at: string | null;
        };
        /** Health */
        Health: {
            status: string;
        };
        /** InboxIn */
        InboxIn: {
            after_at?: string | null;
            after_id?: string | null;
            /** @default 30 */
            limit: number;
            /** @default  */
            q: string;
            team?: string | null;
        };
        /** InboxOut */
        InboxOut: {
            next_at: string | null;
            next_id: string | null;
            threads: components["schemas"]["ThreadSummary"][];
        };
        /** InboxUnreadOut */
        InboxUnreadOut: {
            messages: number;
            notes: number;
            threads: number;
        };
        /** IndicatorOut */
        IndicatorOut: {
            id: string;
            title: string;
        };
        /** InvitationIn */
        InvitationIn: {
            /** @default true */
            can_log: boolean;
            /** @default true */
            can_read_messages: boolean;
            /** @default true */
            can_read_results: boolean;
            /** @enum {string} */
            kind: "patient" | "proxy";
            /** @enum {null|string} */
            relationship?: "parent" | "partner" | "child" | "sibling" | "caregiver" | "other" | null;
        };
        /** InvitationListItem */
        InvitationListItem: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: uuid */
            id: string;
            kind: string;
            relationship: string;
            /** @enum {string} */
            state: "pending" | "used" | "revoked" | "expired";
        };
        /** InvitationOut */
        InvitationOut: {
            code: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: uuid */
            id: string;
            kind: string;
            link: string;
            qr_svg: string;
            relationship: string;
        };
        /** InvitationState */
        InvitationState: {
            code?: string | null;
            expires_at: string | null;
            id: string | null;
            kind: string;
            link?: string | null;
            /** @enum {string} */
            status: "pending" | "used" | "revoked" | "expired" | "not-needed";
        };
        /** ItemOut */
        ItemOut: {
            area?: string | null;
            /**
             * @default anyone
             * @enum {string}
             */
            asked_of: "anyone" | "relative";
            help?: string | null;
            id: string;
            max?: number | null;
            min?: number | null;
            /** @default false */
            optional: boolean;
            options?: components["schemas"]["OptionOut"][] | null;
            phrases?: string[] | null;
            /** @default false */
            reverse: boolean;
            text: string;
            /** @enum {string} */
            type: "choice" | "yesno" | "number" | "text";
            unit?: string | null;
        };
        /** LevelCounts */
        LevelCounts: {
            amber: number;
            red: number;
        };
        /** LevelOut */
        LevelOut: {
            action: string;
            reviewed_on?: string | null;
            signs: components["schemas"]["SignsOut"];
            source: string;
            title: string;
            what_to_say: string[];
            while_waiting: string[];
        };
        /** LevelsOut */
        LevelsOut: {
            amber: components["schemas"]["LevelOut"];
            green: components["schemas"]["LevelOut"];
            red: components["schemas"]["LevelOut"];
        };
        /** LoginIn */
        LoginIn: {
            /** @description An email address */
            email: string;
            password: string;
            totp_code?: string | null;
        };
        /** MeasureOut */
        MeasureOut: {
            /** @enum {string} */
            kind: "vital" | "score" | "answer";
            level: string;
            name: string;
            op: string;
            rule: string;
            threshold: number | number[];
            value: number;
            /**
             * @default content
             * @enum {string}
             */
            whose: "content" | "team" | "patient";
        };
        /** MeasurementOut */
        MeasurementOut: {
            age: components["schemas"]["AgeOut"];
            alert?: components["schemas"]["AlertRef"] | null;
            bmi: number | null;
            /** @default false */
            can_change: boolean;
            change_until?: string | null;
            changes?: components["schemas"]["GrowthChangeOut"][];
            entered_as: string;
            head_cm: number | null;
            /** Format: uuid */
            id: string;
            length_adjusted_cm?: number | null;
            length_cm: number | null;
            /** Format: date */
            measured_on: string;
            note: string;
            /** @enum {null|string} */
            position?: "recumbent" | "standing" | null;
            reasons: string[];
            scores: components["schemas"]["ZOut"][];
            weight_kg: number | null;
        };
        /** MemberIn */
        MemberIn: {
            /** @description An email address */
            email?: string | null;
            /** @default false */
            is_lead: boolean;
            /** @enum {string} */
            role: "coordinating_nurse" | "physician" | "paediatrician" | "gp" | "psychologist" | "social_worker" | "referent_24_7";
            user_id?: string | null;
        };
        /** MemberOut */
        MemberOut: {
            display_name: string;
            email: string;
            is_lead: boolean;
            role: string;
            /** Format: uuid */
            user_id: string;
        };
        /** MemberUpdateIn */
        MemberUpdateIn: {
            is_lead?: boolean | null;
            /** @enum {null|string} */
            role?: "coordinating_nurse" | "physician" | "paediatrician" | "gp" | "psychologist" | "social_worker" | "referent_24_7" | null;
        };
        /** Message */
        Message: {
            message: string;
        };
        /** MessageIn */
        MessageIn: {
            body: string;
            id?: string | null;
        };
        /** MessageOut */
        MessageOut: {
            author_id: string | null;
            author_name: string;
            body: string;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            mine: boolean;
            read_by_other_side: boolean;
            /** @enum {string} */
            side: "team" | "patient";
        };
        /** MilestoneOut */
        MilestoneOut: {
            domain: string;
            example: string;
            id: string;
            /** @enum {null|string} */
            previous?: "yes" | "not_yet" | "not_sure" | null;
            text: string;
        };
        /** NoteOut */
        NoteOut: {
            /** Format: uuid */
            checkin_id: string;
            /** @enum {string} */
            level: "red" | "amber" | "green";
            note: string;
            /** Format: uuid */
            patient_id: string;
            /** Format: date-time */
            read_at: string;
            read_by_name: string;
            /** Format: date-time */
            taken_at: string;
        };
        /** NoteSummary */
        NoteSummary: {
            /** Format: uuid */
            checkin_id: string;
            /** @enum {string} */
            level: "red" | "amber" | "green";
            /** Format: uuid */
            patient_id: string;
            patient_name: string;
            read_at: string | null;
            read_by_name: string;
            /** Format: date-time */
            taken_at: string;
        };
        /** NotesOut */
        NotesOut: {
            items: components["schemas"]["NoteSummary"][];
            unread: number;
        };
        /** OidcOut */
        OidcOut: {
            enabled: boolean;
            provider_name: string | null;
            refusal?: components["schemas"]["RefusalOut"] | null;
            staff_passwords: boolean;
        };
        /** OnCallOut */
        OnCallOut: {
            now: components["schemas"]["ShiftOut"] | null;
            upcoming: components["schemas"]["ShiftOut"][];
        };
        /** OperationOutcomeBody */
        OperationOutcomeBody: {
            issue: {
                [key: string]: unknown;
            }[];
            /** @default en */
            language: string;
            /** @constant */
            resourceType: "OperationOutcome";
        };
        /** OptionOut */
        OptionOut: {
            label: string;
            value: number;
        };
        /** PageOut */
        PageOut: {
            audience: string;
            body: string;
            id: string;
            order: number;
            /** Format: date */
            reviewed_on: string;
            section: string;
            source: string;
            summary: string;
            title: string;
        };
        /** PageSummary */
        PageSummary: {
            audience: string;
            id: string;
            order: number;
            /** Format: date */
            reviewed_on: string;
            section: string;
            source: string;
            summary: string;
            title: string;
        };
        /** PasswordChangeIn */
        PasswordChangeIn: {
            current_password: string;
            new_password: string;
        };
        /** PatientAlertOut */
        PatientAlertOut: {
            acknowledged_at: string | null;
            /** @default  */
            acknowledged_by_name: string;
            /** @default 0 */
            checkins: number;
            /** @default  */
            content_version: string;
            /** Format: uuid */
            id: string;
            /** @default  */
            kind: string;
            level: string;
            /** @default  */
            note: string;
            /** Format: date-time */
            opened_at: string;
            /** @default  */
            outcome: string;
            reasons?: string[];
            resolved_at?: string | null;
            /** @default  */
            resolved_by_name: string;
            state: string;
            why?: components["schemas"]["ReasonOut"][];
        };
        /** PatientIn */
        PatientIn: {
            /** Format: date */
            birth_date: string;
            day1?: string | null;
            /** Format: date */
            discharge_date: string;
            family_name: string;
            gestational_weeks?: number | null;
            given_name: string;
            /** @default  */
            gp_name: string;
            /** @default  */
            gp_phone: string;
            handover?: components["schemas"]["HandoverIn"] | null;
            /**
             * @default fr
             * @enum {string}
             */
            locale: "fr" | "en";
            /** @default  */
            phone: string;
            plan_id: string;
            /** @enum {string} */
            sex_at_birth: "female" | "male" | "intersex" | "unknown";
            team_ids: string[];
            /** @default Europe/Paris */
            timezone: string;
        };
        /** PatientListItem */
        PatientListItem: {
            /** Format: date */
            birth_date: string;
            day1: string | null;
            discharge_date: string | null;
            family_name: string;
            given_name: string;
            /** Format: uuid */
            id: string;
            is_child: boolean;
            no_gp: boolean;
            overdue_items: number;
            plan_id: string;
        };
        /** PatientOut */
        PatientOut: {
            age_years: number;
            /** Format: date */
            birth_date: string;
            day1: string | null;
            discharge_date: string | null;
            family_name: string;
            gestational_weeks: number | null;
            given_name: string;
            gp_name: string;
            gp_phone: string;
            has_account: boolean;
            /** Format: uuid */
            id: string;
            is_child: boolean;
            locale: string;
            no_gp: boolean;
            phone: string;
            plan_id: string;
            sex_at_birth: string;
            status: string;
            teams: components["schemas"]["TeamRef"][];
            timezone: string;
        };
        /** PatientUpdateIn */
        PatientUpdateIn: {
            day1?: string | null;
            discharge_date?: string | null;
            gp_name?: string | null;
            gp_phone?: string | null;
            /** @enum {null|string} */
            locale?: "fr" | "en" | null;
            phone?: string | null;
            plan_id?: string | null;
            timezone?: string | null;
        };
        /** PickerAreaOut */
        PickerAreaOut: {
            id: string;
            title: string;
        };
        /** PlanItemOut */
        PlanItemOut: {
            at_day?: number | null;
            by: string;
            end_day?: number | null;
            every_days?: number | null;
            id: string;
            kind: string;
            note?: string | null;
            questionnaires: string[];
            start_day?: number | null;
            /** @default 1 */
            times_per_day: number;
            title: string;
            /** @default 0 */
            window_days: number;
        };
        /** PlanOut */
        PlanOut: {
            anchor: string;
            audience: string;
            critical_window?: components["schemas"]["CriticalWindowOut"] | null;
            description: string;
            duration_days: number;
            id: string;
            items: components["schemas"]["PlanItemOut"][];
            /** Format: date */
            reviewed_on: string;
            source: string;
            title: string;
        };
        /** PositionRule */
        PositionRule: {
            difference_cm: number;
            labels: {
                [key: string]: string;
            };
            note: string;
            source: string;
            until_months: number;
        };
        /** PreferencesIn */
        PreferencesIn: {
            /** @example 22:00 */
            quiet_end?: string | null;
            /** @example 22:00 */
            quiet_start?: string | null;
            /** @default true */
            reminders: boolean;
        };
        /** PreferencesOut */
        PreferencesOut: {
            quiet_end: string | null;
            quiet_start: string | null;
            reminders: boolean;
        };
        /** PreviewExample */
        PreviewExample: {
            /** @enum {string} */
            after: "red" | "amber" | "green";
            /** @enum {string} */
            before: "red" | "amber" | "green";
            patient_id?: string | null;
            /** @default  */
            patient_name: string;
            /** Format: date-time */
            taken_at: string;
            value: number | null;
        };
        /** PrivateShareIn */
        PrivateShareIn: {
            allow: boolean;
        };
        Problem: {
            code?: string;
            detail: string;
            errors?: {
                field: string;
                message: string;
            }[];
            status: number;
            title: string;
            type: string;
        };
        /** ProcessingRecordOut */
        ProcessingRecordOut: {
            activities: {
                [key: string]: unknown;
            }[];
            controller: string;
            dpo: string;
            erasure_mode: string;
            lang: string;
            markdown: string;
            security: string;
            transfers: string;
        };
        /** ProxyOut */
        ProxyOut: {
            active: boolean;
            /**
             * @default
             * @enum {string}
             */
            alerts: "" | "requested" | "on";
            can_log: boolean;
            can_read_messages: boolean;
            /** @default false */
            can_read_private: boolean;
            can_read_results: boolean;
            display_name: string;
            id: number;
            relationship: string;
            /** Format: uuid */
            user_id: string;
            valid_until: string | null;
        };
        /** ProxyRenewIn */
        ProxyRenewIn: {
            valid_until?: string | null;
        };
        /** PublicDocumentOut */
        PublicDocumentOut: {
            body: string;
            document: string;
            /** Format: date */
            effective_on: string;
            summary: string;
            title: string;
            version: number;
        };
        /** PublicDocumentsOut */
        PublicDocumentsOut: {
            documents: components["schemas"]["PublicDocumentOut"][];
            /** @enum {string} */
            lang: "fr" | "en";
        };
        /** PushKeyOut */
        PushKeyOut: {
            application_server_key: string;
        };
        /** PushTestDevice */
        PushTestDevice: {
            /**
             * @default
             * @enum {string}
             */
            error: "" | "gone" | "refused" | "unreachable" | "not-allowed";
            /** Format: uuid */
            id: string;
            label: string;
            /** @enum {string} */
            result: "sent" | "failed" | "removed";
        };
        /** PushTestOut */
        PushTestOut: {
            devices: components["schemas"]["PushTestDevice"][];
            failed: number;
            sent: number;
        };
        /** QuestionnaireOut */
        QuestionnaireOut: {
            audience: string;
            description: string;
            id: string;
            items: components["schemas"]["ItemOut"][];
            licence: string;
            picker?: components["schemas"]["PickerAreaOut"][] | null;
            recall?: string | null;
            /** Format: date */
            reviewed_on: string;
            scored: boolean;
            scoring?: components["schemas"]["ScoringOut"] | null;
            source: string;
            title: string;
        };
        /** ReadIn */
        ReadIn: {
            until?: string | null;
        };
        /** Ready */
        Ready: {
            database: string;
            engine: string;
            migrations: string;
            /** @default unknown */
            outbox: string;
            status: string;
        };
        /** ReasonOut */
        ReasonOut: {
            /** @default  */
            covered_by: string;
            level: string;
            rule: string;
            source: string;
            text: string;
        };
        /** RefusalOut */
        RefusalOut: {
            code: string;
            detail: string;
            title: string;
        };
        /** ResetAvailableOut */
        ResetAvailableOut: {
            by_email: boolean;
            minutes: number;
        };
        /** ResetConfirmIn */
        ResetConfirmIn: {
            new_password: string;
            token: string;
        };
        /** ResetRequestIn */
        ResetRequestIn: {
            /** @description An email address */
            email: string;
        };
        /** ResolveIn */
        ResolveIn: {
            /** @default  */
            note: string;
            /** @enum {string} */
            outcome: "called_patient" | "sent_to_emergency" | "appointment_booked" | "no_action_needed";
        };
        /** ReviewCheck */
        ReviewCheck: {
            age: components["schemas"]["AgeOut"];
            alert?: components["schemas"]["AlertRef"] | null;
            /** Format: date-time */
            answered_at: string;
            check_id: string;
            /** Format: uuid */
            check_uuid: string;
            family_name: string;
            given_name: string;
            items: components["schemas"]["ReviewItem"][];
            /** Format: uuid */
            patient_id: string;
            regressions: number;
            title: string;
        };
        /** ReviewItem */
        ReviewItem: {
            /**
             * @default not_yet
             * @enum {string}
             */
            answer: "yes" | "not_yet" | "not_sure";
            /** Format: date-time */
            answered_at: string;
            check_id: string;
            /** Format: uuid */
            check_uuid: string;
            domain: string;
            milestone_id: string;
            regression: boolean;
            text: string;
        };
        /** ScheduleChangeOut */
        ScheduleChangeOut: {
            /** Format: date-time */
            at: string;
            by_name: string;
            /** Format: date-time */
            from_due_at: string;
            /** Format: uuid */
            item_id: string;
            reason: string;
            /** Format: date-time */
            to_due_at: string;
        };
        /** ScheduleItemOut */
        ScheduleItemOut: {
            done_at: string | null;
            /** Format: date-time */
            due_at: string;
            /** Format: uuid */
            id: string;
            kind: string;
            note: string;
            plan_item_id: string;
            questionnaires: string[];
            /** @enum {string} */
            status: "due" | "late" | "missed" | "done" | "skipped";
            /** Format: date-time */
            window_end: string;
        };
        /** ScheduleUpdateIn */
        ScheduleUpdateIn: {
            due_at?: string | null;
            note?: string | null;
            reason?: string | null;
            /** @enum {null|string} */
            status?: "due" | "done" | "skipped" | null;
        };
        /** SchoolIn */
        SchoolIn: {
            items: components["schemas"]["SchoolItemIn"][];
        };
        /** SchoolItemIn */
        SchoolItemIn: {
            done_on?: string | null;
            due_on?: string | null;
            id: string;
            /** @default  */
            note: string;
            /** @enum {null|string} */
            responsible?: "family" | "team" | null;
            /** @enum {string} */
            state: "todo" | "in_progress" | "done" | "not_needed";
        };
        /** SchoolItemOut */
        SchoolItemOut: {
            done_on: string | null;
            due_on: string | null;
            help: string;
            id: string;
            note: string;
            order: number;
            /** @enum {string} */
            responsible: "family" | "team";
            /** @enum {string} */
            state: "todo" | "in_progress" | "done" | "not_needed";
            state_label: string;
            title: string;
            updated_as: string;
            updated_at: string | null;
        };
        /** SchoolOut */
        SchoolOut: {
            description: string;
            done: number;
            items: components["schemas"]["SchoolItemOut"][];
            state_labels?: {
                [key: string]: string;
            };
            title: string;
            total: number;
        };
        /** ScoringOut */
        ScoringOut: {
            bands: components["schemas"]["BandOut"][];
            items: string[];
            /** @enum {string} */
            method: "sum" | "mean";
            subscales: components["schemas"]["SubscaleOut"][];
        };
        /** ScreenInfo */
        ScreenInfo: {
            can_answer: boolean;
            due_at?: string | null;
            last_taken_at?: string | null;
            next_at?: string | null;
            /** @default false */
            overdue: boolean;
            questionnaire_id: string;
            /** @enum {string} */
            respondent: "child" | "parent";
            title: string;
        };
        /** SeenOut */
        SeenOut: {
            acknowledged_at: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            state: "open" | "acknowledged" | "resolved";
        };
        /** SeenTokenIn */
        SeenTokenIn: {
            token: string;
        };
        /** SelfHarmOut */
        SelfHarmOut: {
            action: string;
            reviewed_on?: string | null;
            source: string;
            steps: string[];
            title: string;
        };
        /** SessionOut */
        SessionOut: {
            created_at: string;
            current: boolean;
            id: string;
            ip: string;
            last_seen_at: string;
            user_agent: string;
        };
        /** SessionsOut */
        SessionsOut: {
            sessions: components["schemas"]["SessionOut"][];
        };
        /** ShiftIn */
        ShiftIn: {
            /** Format: date-time */
            ends_at: string;
            /** Format: date-time */
            starts_at: string;
            /** Format: uuid */
            user_id: string;
        };
        /** ShiftOut */
        ShiftOut: {
            display_name: string;
            /** Format: date-time */
            ends_at: string;
            id: number;
            /** Format: date-time */
            starts_at: string;
            /** Format: uuid */
            user_id: string;
        };
        /** SignedOut */
        SignedOut: {
            message: string;
            provider_logout_url?: string | null;
        };
        /** SignsOut */
        SignsOut: {
            adult: string[];
            child: string[];
        };
        /** SnoozeIn */
        SnoozeIn: {
            minutes: number;
            reason: string;
        };
        /** SubscaleOut */
        SubscaleOut: {
            id: string;
            items: string[];
            /** @enum {string} */
            method: "sum" | "mean";
            title: string;
        };
        /** SubscriptionIn */
        SubscriptionIn: {
            endpoint: string;
            expirationTime?: number | null;
            keys: components["schemas"]["SubscriptionKeys"];
            /** @default  */
            label: string;
        };
        /** SubscriptionKeys */
        SubscriptionKeys: {
            auth: string;
            p256dh: string;
        };
        /** SubscriptionOut */
        SubscriptionOut: {
            /** Format: date-time */
            created_at: string;
            endpoint: string;
            /** Format: uuid */
            id: string;
            label: string;
            /**
             * @default
             * @enum {string}
             */
            last_error: "" | "gone" | "refused" | "unreachable" | "not-allowed";
            last_error_at?: string | null;
            last_ok_at?: string | null;
            /** Format: date-time */
            last_seen_at: string;
            /**
             * @default unknown
             * @enum {string}
             */
            status: "working" | "failing" | "unknown";
        };
        /** SubscriptionRef */
        SubscriptionRef: {
            endpoint: string;
        };
        /** TeamDecisionIn */
        TeamDecisionIn: {
            /** @default false */
            confirm: boolean;
            /** @enum {string} */
            decision: "shared" | "withdrawn";
            /** Format: uuid */
            team_id: string;
        };
        /** TeamDecisionOut */
        TeamDecisionOut: {
            applied: boolean;
            explanation: string;
            team: components["schemas"]["TeamSharingOut"];
        };
        /** TeamIn */
        TeamIn: {
            /** @default  */
            email: string;
            /** @default 240 */
            escalate_amber_min: number;
            /** @default 5 */
            escalate_red_min: number;
            /** @enum {string} */
            kind: "hospital_service" | "gp_practice" | "coordination";
            /**
             * @default coordinating_nurse
             * @enum {string}
             */
            lead_role: "coordinating_nurse" | "physician" | "paediatrician" | "gp" | "psychologist" | "social_worker" | "referent_24_7";
            lead_user_id?: string | null;
            name: string;
            /** @default  */
            phone: string;
        };
        /** TeamOut */
        TeamOut: {
            /** @default  */
            amber_digest_at: string;
            amber_digest_day?: string | null;
            email: string;
            escalate_amber_min: number;
            escalate_red_min: number;
            /** Format: uuid */
            id: string;
            kind: string;
            members?: components["schemas"]["MemberOut"][];
            name: string;
            phone: string;
            /** @default Europe/Paris */
            timezone: string;
        };
        /** TeamRef */
        TeamRef: {
            /** Format: uuid */
            id: string;
            name: string;
            phone: string;
        };
        /** TeamSharingOut */
        TeamSharingOut: {
            explanation: string;
            recorded: boolean;
            /** Format: date-time */
            since: string;
            /** @enum {string} */
            status: "shared" | "withdrawn";
            /** Format: uuid */
            team_id: string;
            team_name: string;
        };
        /** TeamThresholdOut */
        TeamThresholdOut: {
            active: boolean;
            ended_at: string | null;
            ended_by_name: string;
            id: number;
            key: string;
            params: {
                [key: string]: number;
            };
            reason: string;
            /** Format: date-time */
            set_at: string;
            /** Format: uuid */
            set_by: string;
            set_by_name: string;
        };
        /** TeamUpdateIn */
        TeamUpdateIn: {
            amber_digest_at?: string | null;
            escalate_amber_min?: number | null;
            escalate_red_min?: number | null;
            name?: string | null;
            phone?: string | null;
            timezone?: string | null;
        };
        /** ThreadOut */
        ThreadOut: {
            messages: components["schemas"]["MessageOut"][];
            unread: number;
        };
        /** ThreadSummary */
        ThreadSummary: {
            excerpt: string;
            /** Format: date-time */
            last_at: string;
            last_author_name: string;
            /** Format: uuid */
            last_id: string;
            last_mine: boolean;
            /** @enum {string} */
            last_side: "team" | "patient";
            /** Format: uuid */
            patient_id: string;
            patient_name: string;
            teams: string;
            timezone: string;
            unread: number;
        };
        /** ThresholdIn */
        ThresholdIn: {
            key: string;
            params: {
                [key: string]: number;
            };
            reason: string;
        };
        /** ThresholdOut */
        ThresholdOut: {
            active: boolean;
            id: number;
            key: string;
            params: {
                [key: string]: number;
            };
            reason: string;
            /** Format: date-time */
            set_at: string;
            /** Format: uuid */
            set_by: string;
            set_by_name: string;
        };
        /** ThresholdPreviewOut */
        ThresholdPreviewOut: {
            added: components["schemas"]["LevelCounts"];
            checkins: number;
            days: number;
            evaluated: number;
            examples: components["schemas"]["PreviewExample"][];
            /** @default false */
            examples_hidden: boolean;
            key: string;
            patients: number;
            patients_affected: number;
            removed: components["schemas"]["LevelCounts"];
            /** Format: date-time */
            since: string;
        };
        /** TodayOut */
        TodayOut: {
            due: components["schemas"]["ScheduleItemOut"][];
            handover?: components["schemas"]["HandoverOut"] | null;
            last_checkin: components["schemas"]["CheckinOut"] | null;
            missed: components["schemas"]["ScheduleItemOut"][];
            open_alert: components["schemas"]["AlertRef"] | null;
            thresholds?: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            /** @default 0 */
            unread_messages: number;
        };
        /** TotpCodeIn */
        TotpCodeIn: {
            code: string;
        };
        /** TotpDisableIn */
        TotpDisableIn: {
            code: string;
            password: string;
        };
        /** TotpSetupOut */
        TotpSetupOut: {
            otpauth_uri: string;
            qr_svg: string;
            secret: string;
        };
        /** UnreadOut */
        UnreadOut: {
            open: number;
            red: number;
        };
        /** UserCreateIn */
        UserCreateIn: {
            display_name: string;
            /** @description An email address */
            email: string;
            /**
             * @default fr
             * @enum {string}
             */
            locale: "fr" | "en";
            /** @description A professional identifier (the RPPS number: 11 digits) */
            professional_id?: string | null;
            /** @enum {string} */
            role: "patient" | "proxy" | "clinician" | "admin";
            /** @default Europe/Paris */
            timezone: string;
        };
        /** UserCreatedOut */
        UserCreatedOut: {
            setup_link_sent: boolean;
            user: components["schemas"]["UserOut"];
        };
        /** UserOut */
        UserOut: {
            display_name: string;
            email: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            locale: "fr" | "en";
            /** @enum {string} */
            role: "patient" | "proxy" | "clinician" | "admin";
            /** @default false */
            second_factor_needed: boolean;
            timezone: string;
            totp_enabled: boolean;
        };
        /** WellbeingIn */
        WellbeingIn: {
            answers: {
                [key: string]: number | string | boolean | null;
            };
            /** Format: uuid */
            id: string;
            questionnaire_id: string;
            /** Format: date-time */
            taken_at: string;
        };
        /** WellbeingOut */
        WellbeingOut: {
            available?: components["schemas"]["ScreenInfo"][];
            screens: components["schemas"]["WellbeingResult"][];
        };
        /** WellbeingResult */
        WellbeingResult: {
            alert: components["schemas"]["AlertRef"] | null;
            answers?: {
                [key: string]: number | string | boolean | null;
            };
            help: string;
            /** Format: uuid */
            id: string;
            positive: boolean;
            questionnaire_id: string;
            /** @enum {string} */
            respondent: "child" | "parent";
            score: number | null;
            /** Format: date-time */
            taken_at: string;
        };
        /** ZOut */
        ZOut: {
            centile: number;
            check: boolean;
            indicator: string;
            reference: string;
            value: number;
            z: number;
        };
        /** AcceptIn */
        care_schemas_AcceptIn: {
            code?: string | null;
            consents?: components["schemas"]["consent_schemas_AcceptIn"][];
            display_name?: string | null;
            /** @description An email address */
            email?: string | null;
            /**
             * @default fr
             * @enum {string}
             */
            locale: "fr" | "en";
            password?: string | null;
            token?: string | null;
        };
        /** AcceptIn */
        consent_schemas_AcceptIn: {
            /** @enum {string} */
            document: "terms" | "privacy";
            version: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ApiAdminProcessingRecordGetRecord: {
        parameters: {
            query?: {
                lang?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcessingRecordOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAdminUsersListStaff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUsersOut"];
                };
            };
        };
    };
    ApiAdminUsersCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreateIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserCreatedOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAdminUsersUserIdChangeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserUpdateIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAdminUsersUserIdDeactivateDeactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAdminUsersUserIdReactivateReactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAdminUsersUserIdSecondFactorResetResetSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAdminUsersUserIdSessionsUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionsOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAlertsListAlerts: {
        parameters: {
            query?: {
                team?: string | null;
                level?: "red" | "amber" | null;
                /** @description Default: open and acknowledged. */
                state?: "open" | "acknowledged" | "resolved" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAlertsUnreadUnread: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadOut"];
                };
            };
        };
    };
    ApiAlertsAlertIdGetAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetailOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAlertsAlertIdAcknowledgeAcknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetailOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAlertsAlertIdReopenReopen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetailOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAlertsAlertIdResolveResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetailOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAlertsAlertIdSeenFromNotificationSeenFromNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeenTokenIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeenOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAlertsAlertIdSnoozeSnooze: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SnoozeIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetailOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthConfirmConfirmed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfirmedOut"];
                };
            };
        };
    };
    ApiAuthConfirmConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfirmedOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthCsrfCsrf: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
        };
    };
    ApiAuthLoginLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthLogoutLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedOut"];
                };
            };
        };
    };
    ApiAuthMeMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
        };
    };
    ApiAuthOidcAbout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OidcOut"];
                };
            };
        };
    };
    ApiAuthOidcCallbackCallback: {
        parameters: {
            query?: {
                code?: string | null;
                state?: string | null;
                error?: string | null;
                iss?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect Response */
            303: {
                headers: {
                    /** @description target path for the redirect */
                    location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthOidcStartStart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect Response */
            303: {
                headers: {
                    /** @description target path for the redirect */
                    location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiAuthPasswordChangePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChangeIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthPasswordResetResetAvailable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResetAvailableOut"];
                };
            };
        };
    };
    ApiAuthPasswordResetResetRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetRequestIn"];
            };
        };
        responses: {
            /** @description Request accepted, processing continues off-line */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthPasswordResetConfirmResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetConfirmIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthSessionsSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionsOut"];
                };
            };
        };
    };
    ApiAuthSessionsEndOthersEndOtherSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
        };
    };
    ApiAuthSessionsEndEndSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthTotpDisableTotpDisable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpDisableIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthTotpEnableTotpEnable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCodeIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiAuthTotpSetupTotpSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpSetupOut"];
                };
            };
        };
    };
    ApiChildrenDevelopmentReviewDevelopmentReview: {
        parameters: {
            query?: {
                team?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevelopmentReviewOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiConsentDocuments: {
        parameters: {
            query?: {
                /** @description language of the texts; default: mine */
                lang?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiConsentAcceptAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["consent_schemas_AcceptIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiConsentDocumentsCurrent: {
        parameters: {
            query?: {
                lang?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicDocumentsOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiContentBookletBooklet: {
        parameters: {
            query?: {
                /** @description Language (fr or en). Without it, the Accept-Language header decides; French by default. */
                lang?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageSummary"][];
                };
            };
            /** @description Unsupported language */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiContentBookletPageIdBookletPage: {
        parameters: {
            query?: {
                /** @description Language (fr or en). Without it, the Accept-Language header decides; French by default. */
                lang?: string | null;
            };
            header?: never;
            path: {
                page_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageOut"];
                };
            };
            /** @description Unsupported language */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiContentBundleBundle: {
        parameters: {
            query?: {
                /** @description Language (fr or en). Without it, the Accept-Language header decides; French by default. */
                lang?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bundle"];
                };
            };
            /** @description Not modified (ETag matched) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unsupported language */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiContentGuidanceGuidance: {
        parameters: {
            query?: {
                /** @description Language (fr or en). Without it, the Accept-Language header decides; French by default. */
                lang?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuidanceOut"];
                };
            };
            /** @description Unsupported language */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiContentQuestionnairesQidQuestionnaire: {
        parameters: {
            query?: {
                /** @description Language (fr or en). Without it, the Accept-Language header decides; French by default. */
                lang?: string | null;
            };
            header?: never;
            path: {
                qid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestionnaireOut"];
                };
            };
            /** @description Unsupported language */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiFhirDischargeDischarge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Imported before: updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DischargeImported"];
                };
            };
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DischargeImported"];
                };
            };
            /** @description Not a JSON FHIR Bundle */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcomeBody"];
                };
            };
            /** @description No access token, or one that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcomeBody"];
                };
            };
            /** @description The token lacks the scope, or the client may not import */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcomeBody"];
                };
            };
            /** @description The identifiers name two different patients */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcomeBody"];
                };
            };
            /** @description Every problem of the bundle */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcomeBody"];
                };
            };
            /** @description No OAuth issuer configured, or its keys cannot be read */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcomeBody"];
                };
            };
        };
    };
    ApiHealthHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    ApiInboxThreadsThreads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InboxIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiInboxUnreadUnread: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxUnreadOut"];
                };
            };
        };
    };
    ApiInvitationsAcceptAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["care_schemas_AcceptIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiLiveLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
        };
    };
    ApiMeCircleCircle: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CircleOut"];
                };
            };
        };
    };
    ApiMeDataPolicyDataPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataPolicyOut"];
                };
            };
        };
    };
    ApiMeEraseErase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EraseIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EraseOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsEnrol: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatientIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PatientOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdGetPatient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PatientOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatientUpdateIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PatientOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdAccessLogAccessLog: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
            };
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessLogOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdAlertFollowersMeFollowAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertFollowIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertFollowOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdAlertsListForPatient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PatientAlertOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdCheckinsHistory: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckinOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdCheckinsSubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckinIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckinResult"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdCheckinsCheckinIdNoteOpenOpenNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                checkin_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoteOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdConsentTeamsTeams: {
        parameters: {
            query?: {
                /** @description language of the texts; default: mine */
                lang?: string | null;
            };
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamSharingOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdConsentTeamsDecide: {
        parameters: {
            query?: {
                /** @description language of the texts; default: mine */
                lang?: string | null;
            };
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamDecisionIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDecisionOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdDevelopmentDevelopment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevelopmentOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdDevelopmentAnswerDevelopment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevelopmentIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevelopmentResult"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdDevelopmentCheckUuidCompleteCompleteDevelopment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                check_uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevelopmentCompletionIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevelopmentResult"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdDevelopmentCheckUuidReviewReviewDevelopment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                check_uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, nothing follows */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdExportCsvExportCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stream Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdExportFhirExportFhir: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stream Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdExportPdfExportPdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdGrowthGrowth: {
        parameters: {
            query?: {
                indicator?: string;
            };
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrowthOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdGrowthAddGrowth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrowthIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrowthResult"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdGrowthMeasurementIdCorrectGrowth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                measurement_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrowthCorrectionIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrowthResult"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdGrowthMeasurementIdRemoveRemoveGrowth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                measurement_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrowthRemovalIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, nothing follows */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdHandoverGetHandover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverOut"] | null;
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdHandoverPutHandover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandoverIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdInvitationsInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationListItem"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdInvitationsInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdInvitationsInvitationIdRevokeRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationListItem"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdMessagesThread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdMessagesWrite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdMessagesReadRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReadIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdProxiesProxies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdProxiesLinkIdAlertsDecideFollowers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                link_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertFollowDecisionIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdProxiesLinkIdEndEndProxy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                link_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdProxiesLinkIdPrivateSharePrivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                link_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PrivateShareIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdProxiesLinkIdRenewRenewProxy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                link_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProxyRenewIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdScheduleSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleItemOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdScheduleChangesScheduleChanges: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleChangeOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdScheduleItemIdUpdateSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleUpdateIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleItemOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdSchoolSchool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdSchoolSaveSchool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SchoolIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdThresholdsThresholds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThresholdOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdThresholdsSetThreshold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThresholdIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThresholdOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdThresholdsEffectiveEffective: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffectiveThresholdsOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdThresholdsPreviewPreviewThreshold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThresholdIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThresholdPreviewOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdTodayToday: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TodayOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdWellbeingWellbeing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WellbeingOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPatientsPatientIdWellbeingAnswerWellbeing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                patient_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WellbeingIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WellbeingResult"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPushKeyKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushKeyOut"];
                };
            };
        };
    };
    ApiPushPreferencesGetPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferencesOut"];
                };
            };
        };
    };
    ApiPushPreferencesPutPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferencesIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferencesOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPushSubscriptionsListSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionOut"][];
                };
            };
        };
    };
    ApiPushSubscriptionsSubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPushSubscriptionsUnsubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionRef"];
            };
        };
        responses: {
            /** @description Request fulfilled, nothing follows */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiPushTestTest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushTestOut"];
                };
            };
        };
    };
    ApiReadyReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ready"];
                };
            };
        };
    };
    ApiTeamsListTeams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"][];
                };
            };
        };
    };
    ApiTeamsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdGetTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdUpdateTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamUpdateIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdConsoleConsole: {
        parameters: {
            query?: {
                /** @description Rows (0: counts only) */
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdConsoleSearchSearch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsoleSearch"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdMembersAddMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdMembersUserIdRemoveMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdMembersUserIdUpdateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberUpdateIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdNotesTeamNotes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotesOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdOnCallOnCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnCallOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdOnCallAddShift: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShiftIn"];
            };
        };
        responses: {
            /** @description Document created, URL follows */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnCallOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdOnCallShiftIdRemoveShift: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
                shift_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnCallOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdPatientsPatients: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PatientListItem"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdThresholdsListDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamThresholdOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdThresholdsSetDefault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThresholdIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamThresholdOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdThresholdsPreviewPreviewDefault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThresholdIn"];
            };
        };
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThresholdPreviewOut"];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiTeamsTeamIdThresholdsKeyRemoveDefault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request fulfilled, document follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamThresholdOut"][];
                };
            };
            /** @description Bad request syntax or unsupported method */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
