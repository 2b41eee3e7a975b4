"""What the API says when it refuses something, in French: the keys and placeholders of
``relais.web.catalogue.en``.

Some messages are not said in French yet: their entry is the English text (marked ``# en``),
what the API has always answered there.
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    "invalid": "Demande non valable",
    "unauthenticated": "Connexion nécessaire",
    "forbidden": "Non autorisé",
    "not-found": "Introuvable",
    "method-not-allowed": "Méthode non autorisée",
    "conflict": "Conflit",
    "too-large": "Demande trop volumineuse",
    "unsupported-media-type": "Type de contenu non pris en charge",
    "unprocessable": "Données non valables",
    "too-many": "Trop de demandes",
    "internal": "Erreur interne",
    "unavailable": "Service indisponible",
    "error": "Error",  # en
    "invalid-input": "Saisie non valable",
    "malformed-request": "Demande illisible",
    "check-the-values": "Vérifiez les valeurs",
    "password-refused": "Mot de passe refusé",
    "second-factor-required": "Code de double authentification nécessaire",
    "sign-in-failed": "Connexion refusée",
    "sign-in-paused": "Connexion suspendue",
    "unsupported-language": "Langue non disponible",
}

MESSAGES: dict[str, str] = {
    # HTTP edge (relais.web.problems)
    "sign-in-needed": "Connectez-vous pour continuer.",
    "session-ended": "Votre session est terminée. Connectez-vous à nouveau.",
    "not-allowed": "Vous n'êtes pas autorisé à faire ceci.",
    "role-not-allowed": "Votre compte n'est pas autorisé à faire ceci.",
    "csrf": "Le jeton de sécurité manque ou n'est plus valable. Rechargez la page et réessayez.",
    "nothing-here": "Rien n'a été trouvé à cette adresse.",
    "body-too-large": "La demande est trop volumineuse.",
    "malformed-body": "La demande n'a pas pu être lue ({reason}). Envoyez un objet JSON valable.",
    "request-not-valid": "The request is not valid.",  # en
    "server-error.unchanged": (
        "Un problème est survenu de notre côté. Vos données n'ont pas été modifiées ; réessayez."
    ),
    "server-error": (
        "Un problème est survenu de notre côté. Réessayez ; si cela se reproduit, contactez "
        "l'assistance."
    ),
    "unstorable-text": (
        "Le texte contient un caractère qui ne peut pas être enregistré (comme un octet nul). "
        "Retirez-le et réessayez."
    ),
    "unavailable": (
        "Le service est brièvement indisponible. Rien n'a été enregistré ; réessayez dans un "
        "instant."
    ),
    # Metrics (relais.system.metrics): read by the operator's monitoring
    "metrics-token-invalid": "The metrics token is not valid.",  # en
    "metrics-sign-in": (  # en
        "Metrics need a bearer token (RELAIS_METRICS_TOKEN) or an administrator's session."
    ),
    "metrics-admin-only": "Only administrators may read the metrics.",  # en
    # Access
    "patient-not-found": "Ce patient ne vous est pas accessible.",
    "out-of-scope": "Votre accès à cette personne ne comprend pas ceci.",
    # Accounts
    "password-too-short": (
        "Utilisez au moins {min} caractères. Une courte phrase facile à retenir convient bien."
    ),
    "password-too-long": "Utilisez au plus {max} caractères.",
    "password-too-common": (
        "Ce mot de passe est trop courant et facile à deviner. Choisissez-en un autre."
    ),
    "password-contains-email": "N'utilisez pas votre adresse e-mail dans votre mot de passe.",
    "invalid-timezone": "Fuseau horaire inconnu : {name!r} ; utilisez un nom comme Europe/Paris.",
    "unknown-time-zone": "unknown time zone",  # en
    "invalid-role": "Role must be one of {roles}.",  # en
    "email-taken": "Un compte existe déjà avec cette adresse e-mail.",
    "already-used": "already used",  # en
    "too-many-attempts": (
        "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est suspendue : "
        "réessayez dans {minutes} minute{s}, ou réinitialisez votre mot de passe."
    ),
    "bad-credentials": (
        "L'adresse e-mail ou le mot de passe n'est pas le bon. Vérifiez-les et réessayez."
    ),
    "totp-required": "Saisissez le code à 6 chiffres de votre application d'authentification.",
    "totp-invalid": "Le code à 6 chiffres n'est pas le bon ou a expiré. Essayez le code actuel.",
    "reset-token-invalid": (
        "Ce lien de réinitialisation n'est plus valable (il a déjà servi ou a expiré). Demandez-en "
        "un nouveau."
    ),
    "reset-token-invalid.no-account": "Ce lien de réinitialisation n'est plus valable.",
    "bad-current-password": "Votre mot de passe actuel n'est pas le bon.",
    "not-right": "not right",  # en
    "totp-already-enabled": "La double authentification est déjà activée.",
    "totp-not-started": "Commencez d'abord la mise en place.",
    "totp-invalid.set-up": (
        "Le code n'est pas le bon. Vérifiez l'heure de votre téléphone et essayez le code actuel."
    ),
    "bad-credentials.totp-off": "Le mot de passe ou le code n'est pas le bon.",
    # Alerts
    "team-not-found.not-member": "Vous n'êtes pas membre de cette équipe.",
    "alert-not-found": "Cette alerte ne vous est pas accessible.",
    "alert-resolved.acknowledge": (
        "Cette alerte est résolue. Rouvrez-la d'abord pour en accuser réception."
    ),
    "invalid-outcome": "outcome must be one of {outcomes}",  # en
    "alert-resolved": "Cette alerte est déjà résolue.",
    "alert-changed": "Cette alerte a changé entre-temps ; rechargez-la.",
    "alert-open": "Cette alerte est déjà ouverte.",
    # Care teams and their members
    "team-not-found": "Cette équipe ne vous est pas accessible.",
    "not-team-lead": "Seul le responsable de l'équipe ou un administrateur peut faire ceci.",
    "user-not-found": "No account with this id.",  # en
    "user-not-found.email": "No staff account uses this email.",  # en
    "member-missing": "Give the new member's email.",  # en
    "not-staff": "Only staff accounts can join a care team.",  # en
    "already-member": "This person is already in the team.",  # en
    "member-not-found": "Cette personne ne fait pas partie de l'équipe.",
    "last-lead": "This is the team's only lead. Make another member lead first.",  # en
    "last-clinician": (
        "C'est le dernier membre d'une équipe qui suit {patients} patient(s). Ajoutez d'abord un "
        "autre soignant, pour que leurs alertes parviennent toujours à quelqu'un."
    ),
    "naive-time.shift": "Give times with a time zone offset.",  # en
    "shift-order": "The shift must end after it starts.",  # en
    "not-member": "Only a member of the team can be on call.",  # en
    "shift-not-found": "Cette garde n'existe pas dans le planning de l'équipe.",
    # Patients, their enrolment and schedule
    "birth-date-in-future": "The date of birth cannot be in the future.",  # en
    "birth-date-too-old": "The date of birth is more than 120 years ago.",  # en
    "day1-in-future": "Day 1 (first symptoms) cannot be after today.",  # en
    "discharge-too-far": "The discharge date is more than 30 days ahead.",  # en
    "day1-before-birth": "Day 1 cannot be before the date of birth.",  # en
    "unknown-plan": "Unknown follow-up plan {plan!r}; use one of {known}.",  # en
    "anchor-missing": "This plan counts from {field}: enter it.",  # en
    "plan-for-adults": (
        "Ce plan de suivi est fait pour les adultes : choisissez un plan fait pour les enfants."
    ),
    "plan-for-children": (
        "Ce plan de suivi est fait pour les enfants : choisissez un plan fait pour les adultes."
    ),
    "not-your-team": "You can only enrol a patient in your own teams.",  # en
    "item-not-found": "Ce rendez-vous n'existe pas pour ce patient.",
    "naive-time.due": "Give the time with a time zone offset.",  # en
    "reason-missing": "Say why the item is moved.",  # en
    "item-closed": "This item is already done or skipped: it cannot move.",  # en
    "date-in-past": "Choose a date from today on.",  # en
    "date-too-far": "Choose a date within three years.",  # en
    # Invitations and family links
    "patient-has-account": "Ce patient a déjà un compte.",
    "child-no-account": "Le suivi d'un enfant est fait par ses parents : invitez plutôt un parent.",
    "relationship-missing": "Say how this family member is related.",  # en
    "invitation-missing": "Enter the invitation code, or open the invitation link.",  # en
    "invitation-not-found": (
        "Ce code ou ce lien d'invitation est inconnu. Vérifiez le code, ou demandez-en un nouveau "
        "à l'équipe soignante."
    ),
    "invitation-not-found.patient": "Cette invitation n'existe pas pour ce patient.",
    "invitation-used": "Cette invitation a déjà été utilisée.",
    "invitation-used.sign-in": (
        "Cette invitation a déjà été utilisée. Connectez-vous plutôt avec votre adresse e-mail et "
        "votre mot de passe."
    ),
    "invitation-revoked": (
        "Cette invitation a été annulée par l'équipe soignante. Demandez-en une nouvelle."
    ),
    "invitation-expired": (
        "Cette invitation a expiré. Demandez-en une nouvelle à l'équipe soignante."
    ),
    "account-details-missing": (
        "Pour créer votre compte, indiquez votre adresse e-mail, votre nom et un mot de passe."
    ),
    "required": "required",  # en
    "email-taken.invitation": (  # en
        "An account already uses this email. Sign in first, then enter the invitation code."
    ),
    "wrong-account-kind": (
        "Cette invitation est pour le compte du patient lui-même. Déconnectez-vous, puis "
        "rouvrez-la pour créer ce compte."
    ),
    "wrong-account-kind.staff": (
        "Un compte soignant ne peut pas accepter une invitation familiale. Déconnectez-vous "
        "d'abord."
    ),
    "already-linked": "Cette personne est déjà liée à ce patient.",
    "out-of-scope.proxy-list": "Seuls le patient et l'équipe voient cette liste.",
    "out-of-scope.child-link": "Seuls le patient adulte ou l'équipe peuvent faire ceci.",
    "link-not-found": "Ce lien familial n'existe pas pour ce patient.",
    # Check-ins and thresholds
    "naive-time.taken": "L'heure de la mesure doit indiquer son fuseau horaire.",
    "taken-in-future": "L'heure de la mesure est dans le futur : vérifiez l'heure du téléphone.",
    "taken-too-old": (
        "Ce point date de plus de 7 jours et ne peut plus être envoyé. Appelez l'équipe si quelque "
        "chose vous inquiète."
    ),
    "vital-unknown": "Mesure inconnue : {name}.",
    "vital-not-a-number": "{label} : saisissez un nombre.",
    "vital-out-of-range": (
        "{label} : {value} {symbol} n'est pas possible. La valeur doit être entre {min} et {max} "
        "{symbol}. Vérifiez la mesure ou l'unité."
    ),
    "unknown-question": "Question inconnue : {item}.",
    "answer-not-a-choice": "Réponse non prévue pour {item}.",
    "answer-out-of-range": "{item} : entrez un nombre entre {min} et {max}.",
    "text-too-long": "Texte trop long.",
    "checkin-id-conflict": (
        "Un autre point a déjà été envoyé avec cet identifiant. Rien n'a été modifié."
    ),
    "override-not-possible": "`{key}` has no threshold that can be overridden",  # en
    "override-unknown-tag": "`{key}`: unknown threshold `{tag}` (known: {known})",  # en
    "override-not-a-number": "`{key}`: `{tag}` must be a number",  # en
    "override-red-above-amber": (  # en
        "`{key}`: red_lte ({red}) must not be above amber_lte ({amber})"
    ),
    "override-red-below-amber": (  # en
        "`{key}`: red_gte ({red}) must not be below amber_gte ({amber})"
    ),
    "baseline-not-a-number": "baseline of `{name}` must be a number",  # en
    "threshold-not-found": "Cette équipe n'a pas de seuil par défaut pour cette mesure.",
    "note-not-found": "Cette note n'existe pas.",
    # Children
    "no-children-content": "Le contenu pour les enfants n'est pas installé.",
    "no-milestones": "Les étapes du développement ne sont pas installées.",
    "no-growth": "Les références de croissance ne sont pas installées.",
    "no-school": "La liste du retour à l'école n'est pas installée.",
    "no-wellbeing": "Les questionnaires de bien-être ne sont pas installés.",
    "id-conflict.check": "Une autre réponse à cette étape a déjà été envoyée avec cet identifiant.",
    "id-conflict.measurement": "Une autre mesure a déjà été envoyée avec cet identifiant.",
    "id-conflict.screen": "Un autre questionnaire a déjà été envoyé avec cet identifiant.",
    "in-progress.check": (
        "Cette étape est déjà en cours d'enregistrement. Réessayez dans un instant."
    ),
    "in-progress.measurement": "Cette mesure est déjà en cours d'enregistrement.",
    "in-progress.screen": "Ce questionnaire est déjà en cours d'enregistrement.",
    "naive-time": "L'heure doit indiquer son fuseau horaire.",
    "time-in-future": "L'heure est dans le futur : vérifiez l'horloge.",
    "time-too-old": "Cela date de plus de 30 jours.",
    "unknown-check": "Étape inconnue : {check!r}.",
    "check-too-early": "Cette étape est prévue à {months} mois ; elle n'est pas encore due.",
    "not-a-milestone": "{milestone} is not a milestone of this check.",  # en
    "milestones-missing": "Answer every milestone of the check: {milestones}",  # en
    "check-not-found": "Aucune étape du développement avec cet identifiant.",
    "measured-in-future": "The date of the measurement is in the future.",  # en
    "measured-before-birth": "The date of the measurement is before the birth date.",  # en
    "measurement-missing": "Enter at least one measurement.",  # en
    "measurement-out-of-range": "{field}: enter a value between {min:g} and {max:g}.",  # en
    "use-one-of": "Choisissez parmi : {known}.",
    "unknown-checklist-item": "Unknown checklist item {item!r}.",  # en
    "given-twice": "Given twice.",  # en
    "not-a-question": "{item} is not a question of {questionnaire}.",  # en
    "screen-answer-not-a-choice": "{item}: this answer is not one of the choices.",  # en
    "screen-text-expected": "{item}: text expected (2000 characters at most).",  # en
    "screen-number-out-of-range": "{item}: number out of range.",  # en
    "parent-screen": "Le questionnaire d'un parent sur lui-même est rempli par ce parent.",
    # Consent and own data
    "out-of-scope.sharing": (
        "Seul le patient, ou un proche agissant pour lui, décide de ce qui est partagé."
    ),
    "team-not-followed": "Cette équipe ne suit pas cette personne.",
    "not-a-team-of-this-person": "not a team of this person",  # en
    "unknown-document": "Ce document à accepter n'existe pas.",
    "unknown": "unknown",  # en
    "document-version-changed": (
        "Ce document est passé à la version {version} : relisez-le avant de l'accepter."
    ),
    "current-version": "current version is {version}",  # en
    "consent-required": (
        "Pour créer votre compte, lisez et acceptez les conditions d'utilisation et la politique "
        "de confidentialité."
    ),
    "must-be-accepted": "must be accepted",  # en
    "document-version-changed.signup": (
        "Les conditions ou la politique de confidentialité ont changé pendant votre lecture : "
        "lisez la nouvelle version, puis acceptez-la."
    ),
    "out-of-scope.access-history": "L'historique des accès est montré au patient et à sa famille.",
    "staff-account": (
        "Un compte soignant est fermé par un administrateur, qui conserve les dossiers de l'équipe."
    ),
    "bad-password": "Votre mot de passe n'est pas le bon.",
    "confirm-needed": "La fermeture de votre compte est définitive : confirmez pour continuer.",
    "must-be-true": "must be true",  # en
    # Content
    "unsupported-language": "Language `{lang}` is not available. Use one of: {langs}.",  # en
    "content-unavailable": "La bibliothèque de contenus n'est pas chargée.",
    "no-such-page": "There is no booklet page `{id}`.",  # en
    "no-such-questionnaire": "There is no questionnaire `{id}`.",  # en
    # Messages and notifications
    "id-conflict.message": "Un autre message a déjà été envoyé avec cet identifiant.",
    "subscription-not-found": "Cet appareil n'est pas enregistré pour vous.",
    "invalid-quiet-hours": (
        "Indiquez le début et la fin des heures de silence, ou ni l'un ni l'autre."
    ),
    "set-with-quiet-start": "set with quiet_start",  # en
    "invalid-subscription": (
        "L'abonnement aux notifications n'est pas valable ; réabonnez-vous depuis l'application."
    ),
    "endpoint-not-https": "must be the https:// address given by the browser",  # en
    "p256dh-not-valid": "must be a base64url P-256 public key",  # en
    "auth-not-valid": "must be a base64url 16-byte secret",  # en
}
