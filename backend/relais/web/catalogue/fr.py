"""What the API says when it refuses something, in French: the keys and placeholders of
``relais.web.catalogue.en``.
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
    "error": "Erreur",
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
    "request-not-valid": "La demande n'est pas valable.",
    "body-missing": "La demande est arrivée vide. Envoyez à nouveau le formulaire.",
    "body-not-utf8": "La demande contient des caractères illisibles (pas en UTF-8).",
    "body-too-deep": "La demande est imbriquée trop profondément (plus de {limit} niveaux).",
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
    "metrics-token-invalid": "Le jeton des métriques n'est pas valable.",
    "metrics-sign-in": (
        "Les métriques demandent un jeton d'accès (RELAIS_METRICS_TOKEN) ou une session "
        "d'administrateur."
    ),
    "metrics-admin-only": "Seuls les administrateurs peuvent lire les métriques.",
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
    "password-digits-only": "N'utilisez pas que des chiffres : ajoutez des mots.",
    "password-breached": (
        "Ce mot de passe figure dans des listes de mots de passe volés sur d'autres sites : "
        "choisissez-en un autre."
    ),
    "password-context": (
        "Ne construisez pas votre mot de passe sur le nom du service ou sur votre propre nom : "
        "ajoutez d'autres mots."
    ),
    "password-contains-email": "N'utilisez pas votre adresse e-mail dans votre mot de passe.",
    "invalid-timezone": "Fuseau horaire inconnu : {name!r} ; utilisez un nom comme Europe/Paris.",
    "unknown-time-zone": "fuseau horaire inconnu",
    "invalid-role": "Le rôle doit être l'un des suivants : {roles}.",
    "email-taken": "Un compte existe déjà avec cette adresse e-mail.",
    "already-used": "adresse déjà utilisée",
    "too-many-attempts": (
        "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est suspendue : "
        "réessayez dans {minutes} minute{s}, ou réinitialisez votre mot de passe."
    ),
    "too-many-attempts.slowed": (
        "De nombreuses tentatives de connexion ont échoué sur ce compte. Pour le protéger, "
        "attendez {seconds} secondes, puis réessayez."
    ),
    "session-not-found": "Cette session est déjà terminée.",
    "account-not-found": "Ce compte n'existe pas.",
    "cannot-change-own-role": (
        "Vous ne pouvez pas changer votre propre rôle : un autre administrateur le fait pour vous."
    ),
    "last-administrator": (
        "C'est le dernier administrateur actif : nommez d'abord un autre compte administrateur."
    ),
    "admin-role-in-care-team": (
        "Cette personne est membre de {teams} équipe(s) soignante(s) : un administrateur n'est "
        "membre d'aucune. Retirez-la d'abord de ses équipes, ou créez un compte administrateur "
        "distinct."
    ),
    "cannot-deactivate-self": "Vous ne pouvez pas désactiver votre propre compte.",
    "second-factor-needed": (
        "Activez d'abord votre second facteur : les comptes des soignants en ont besoin avant "
        "toute autre chose."
    ),
    "reauth-needed": (
        "Par sécurité, saisissez de nouveau votre mot de passe : il a été donné il y a plus de "
        "{minutes} minutes."
    ),
    "out-of-scope.private": (
        "Seule la personne elle-même décide qui voit ses réponses personnelles."
    ),
    # Connexion du personnel par le fournisseur d'identité de l'hôpital (relais.sso)
    "oidc-off": "La connexion par le fournisseur d'identité de l'hôpital n'est pas configurée ici.",
    "oidc-provider-unreachable": (
        "Le fournisseur d'identité de l'hôpital ne répond pas pour le moment. Réessayez dans un "
        "instant ; si cela continue, prévenez le service informatique de l'hôpital."
    ),
    "oidc-flow-invalid": (
        "Cette connexion a été commencée dans une autre fenêtre ou il y a trop longtemps. "
        "Recommencez depuis l'écran de connexion."
    ),
    "oidc-provider-refused": "Le fournisseur d'identité ne vous a pas connecté. Recommencez.",
    "oidc-code-refused": "Le fournisseur d'identité n'a pas confirmé cette connexion. Recommencez.",
    "oidc-token-invalid": (
        "La réponse du fournisseur d'identité n'a pas pu être vérifiée : vous n'êtes pas "
        "connecté. Prévenez le service informatique si cela se reproduit."
    ),
    "oidc-token-expired": (
        "La réponse du fournisseur d'identité avait expiré (vérifiez l'heure de cet ordinateur). "
        "Recommencez."
    ),
    "oidc-wrong-issuer": (
        "La réponse ne vient pas du fournisseur d'identité de l'hôpital : vous n'êtes pas connecté."
    ),
    "oidc-wrong-audience": (
        "La réponse du fournisseur d'identité était destinée à une autre application : vous "
        "n'êtes pas connecté."
    ),
    "oidc-wrong-nonce": (
        "La réponse du fournisseur d'identité ne correspond pas à cette connexion : vous n'êtes "
        "pas connecté. Recommencez."
    ),
    "oidc-bad-signature": (
        "La réponse du fournisseur d'identité n'est pas signée par sa clé : vous n'êtes pas "
        "connecté."
    ),
    "oidc-acr-too-low": (
        "Cette connexion demande une authentification plus forte auprès du fournisseur "
        "d'identité ({required}), par exemple votre carte professionnelle ou son application. "
        "Reconnectez-vous avec elle."
    ),
    "oidc-unknown-person": (
        "Aucun compte Relais n'est préparé pour vous. Demandez à l'administrateur Relais de "
        "votre service de créer votre compte, puis reconnectez-vous."
    ),
    "oidc-ambiguous-person": (
        "Votre adresse e-mail et votre identifiant professionnel désignent deux comptes Relais "
        "différents. Demandez à l'administrateur Relais de les corriger."
    ),
    "oidc-linked-to-another": (
        "Le compte Relais à votre adresse est déjà lié à une autre personne chez le fournisseur "
        "d'identité. Demandez à l'administrateur Relais."
    ),
    "oidc-account-inactive": (
        "Votre compte Relais est désactivé. Demandez à l'administrateur Relais."
    ),
    "oidc-no-role": (
        "Le fournisseur d'identité ne vous place dans aucun groupe autorisé à utiliser Relais. "
        "Demandez au service informatique de l'hôpital."
    ),
    "oidc-admin-in-care-team": (
        "Le fournisseur d'identité fait de vous un administrateur, mais vous êtes membre d'une "
        "équipe de soins : administration et soins restent séparés. Demandez à l'administrateur "
        "Relais."
    ),
    "oidc-last-administrator": (
        "Le fournisseur d'identité ne fait plus de vous un administrateur, mais vous êtes le "
        "dernier ici. Demandez au service informatique de l'hôpital."
    ),
    "password-sign-in-off": (
        "Ici, le personnel se connecte par le fournisseur d'identité de l'hôpital, pas avec un "
        "mot de passe."
    ),
    "professional-id-taken": "Un autre compte a déjà cet identifiant professionnel.",
    "bad-credentials": (
        "L'adresse e-mail ou le mot de passe n'est pas le bon. Vérifiez-les et réessayez."
    ),
    "totp-required": "Saisissez le code à 6 chiffres de votre application d'authentification.",
    "totp-used": "Ce code a déjà servi. Attendez le suivant et réessayez.",
    "totp-invalid": "Le code à 6 chiffres n'est pas le bon ou a expiré. Essayez le code actuel.",
    "reset-token-invalid": (
        "Ce lien de réinitialisation n'est plus valable (il a déjà servi ou a expiré). Demandez-en "
        "un nouveau."
    ),
    "reset-token-invalid.no-account": "Ce lien de réinitialisation n'est plus valable.",
    "reset-unavailable": (
        "Le lien de réinitialisation ne peut pas être envoyé par e-mail ici. Demandez à votre "
        "équipe de soins de réinitialiser votre mot de passe."
    ),
    "bad-current-password": "Votre mot de passe actuel n'est pas le bon.",
    "not-right": "incorrect",
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
    "invalid-outcome": "outcome doit être l'une des valeurs suivantes : {outcomes}",
    "alert-resolved": "Cette alerte est déjà résolue.",
    "alert-resolved.snooze": "Cette alerte est fermée : il n’y a rien à mettre en pause.",
    "snooze-too-long": "Mettez en pause de {min} à {max} minutes.",
    "alert-changed": "Cette alerte a changé entre-temps ; rechargez-la.",
    "alert-open": "Cette alerte est déjà ouverte.",
    "alert-already-seen": "Cette alerte a déjà été vue ; ouvrez la console pour la suivre.",
    "seen-token-invalid": (
        "Cette notification ne peut pas marquer l'alerte comme vue ; "
        "ouvrez la console pour le faire."
    ),
    "seen-token-expired": (
        "Cette notification est trop ancienne pour marquer l'alerte comme vue ; ouvrez la console."
    ),
    "seen-token-other-person": (
        "Cette notification a été envoyée à une autre personne que celle connectée ici."
    ),
    # Care teams and their members
    "team-not-found": "Cette équipe ne vous est pas accessible.",
    "not-team-lead": "Seul le responsable de l'équipe ou un administrateur peut faire ceci.",
    "user-not-found": "Aucun compte avec cet identifiant.",
    "user-not-found.email": "Aucun compte soignant n'utilise cette adresse e-mail.",
    "member-missing": "Indiquez l'adresse e-mail du nouveau membre.",
    "admin-not-in-care-team": (
        "Un administrateur ne peut pas rejoindre une équipe soignante : l'administration et les "
        "soins restent séparés. Utilisez un compte soignant."
    ),
    "not-staff": "Seuls les comptes soignants peuvent rejoindre une équipe soignante.",
    "already-member": "Cette personne fait déjà partie de l'équipe.",
    "member-not-found": "Cette personne ne fait pas partie de l'équipe.",
    "last-lead": (
        "C'est le seul responsable de l'équipe. Nommez d'abord un autre membre responsable."
    ),
    "last-clinician": (
        "C'est le dernier membre d'une équipe qui suit {patients} patient(s). Ajoutez d'abord un "
        "autre soignant, pour que leurs alertes parviennent toujours à quelqu'un."
    ),
    "naive-time.shift": "Indiquez les heures avec leur décalage horaire.",
    "shift-order": "La garde doit finir après son début.",
    "not-member": "Seul un membre de l'équipe peut être de garde.",
    "shift-not-found": "Cette garde n'existe pas dans le planning de l'équipe.",
    # Patients, their enrolment and schedule
    "birth-date-in-future": "La date de naissance ne peut pas être dans le futur.",
    "birth-date-too-old": "La date de naissance remonte à plus de 120 ans.",
    "day1-in-future": "Le jour 1 (premiers symptômes) ne peut pas être après aujourd'hui.",
    "discharge-too-far": "La date de sortie est à plus de 30 jours d'ici.",
    "day1-before-birth": "Le jour 1 ne peut pas être avant la date de naissance.",
    "unknown-plan": "Plan de suivi inconnu : {plan!r} ; choisissez parmi {known}.",
    "anchor-missing": "Ce plan compte à partir de {field} : indiquez-le.",
    "plan-for-adults": (
        "Ce plan de suivi est fait pour les adultes : choisissez un plan fait pour les enfants."
    ),
    "plan-for-children": (
        "Ce plan de suivi est fait pour les enfants : choisissez un plan fait pour les adultes."
    ),
    "not-your-team": "Vous ne pouvez inscrire un patient que dans vos propres équipes.",
    "item-not-found": "Ce rendez-vous n'existe pas pour ce patient.",
    "naive-time.due": "Indiquez l'heure avec son décalage horaire.",
    "reason-missing": "Indiquez pourquoi ce rendez-vous est déplacé.",
    "item-closed": "Ce rendez-vous est déjà fait ou sauté : il ne peut plus être déplacé.",
    "date-in-past": "Choisissez une date à partir d'aujourd'hui.",
    "date-too-far": "Choisissez une date dans les trois ans à venir.",
    # Invitations and family links
    "patient-has-account": "Ce patient a déjà un compte.",
    "child-no-account": "Le suivi d'un enfant est fait par ses parents : invitez plutôt un parent.",
    "relationship-missing": "Indiquez le lien de ce proche avec le patient.",
    "invitation-missing": "Saisissez le code d'invitation, ou ouvrez le lien d'invitation.",
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
    "required": "obligatoire",
    "email-taken.invitation": (
        "Un compte utilise déjà cette adresse e-mail. Connectez-vous d'abord, puis saisissez le "
        "code d'invitation."
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
    "out-of-scope.followers": (
        "Seul un proche choisit d’être prévenu, et seul le patient (ou un parent, pour un "
        "enfant) donne son accord."
    ),
    "followers-not-asked": "Personne n’a demandé à être prévenu des alertes.",
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
    "override-not-possible": "`{key}` n'a aucun seuil qui puisse être remplacé",
    "override-unknown-tag": "`{key}` : seuil inconnu `{tag}` (connus : {known})",
    "override-not-a-number": "`{key}` : `{tag}` doit être un nombre",
    "override-red-above-amber": (
        "`{key}` : red_lte ({red}) ne doit pas être supérieur à amber_lte ({amber})"
    ),
    "override-red-below-amber": (
        "`{key}` : red_gte ({red}) ne doit pas être inférieur à amber_gte ({amber})"
    ),
    "baseline-not-a-number": "la valeur de base de `{name}` doit être un nombre",
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
    "naive-time": "L'heure doit indiquer son fuseau horaire.",
    "time-in-future": "L'heure est dans le futur : vérifiez l'horloge.",
    "time-too-old": "Cela date de plus de 30 jours.",
    "unknown-check": "Étape inconnue : {check!r}.",
    "check-too-early": "Cette étape est prévue à {months} mois ; elle n'est pas encore due.",
    "not-a-milestone": "{milestone} n'est pas une acquisition de cette étape.",
    "milestones-missing": "Répondez pour chaque acquisition de l'étape : {milestones}",
    "milestone-not-unsure": "Cette acquisition n’avait pas la réponse « je ne sais pas ».",
    "check-not-found": "Aucune étape du développement avec cet identifiant.",
    "measured-in-future": "La date de la mesure est dans le futur.",
    "measured-before-birth": "La date de la mesure est avant la date de naissance.",
    "measurement-missing": "Saisissez au moins une mesure.",
    "measurement-out-of-range.weight_kg": (
        "Poids : saisissez une valeur entre {min:g} et {max:g} kg."
    ),
    "measurement-out-of-range.length_cm": (
        "Taille : saisissez une valeur entre {min:g} et {max:g} cm."
    ),
    "measurement-out-of-range.head_cm": (
        "Périmètre crânien : saisissez une valeur entre {min:g} et {max:g} cm."
    ),
    "no-measurement": "Cette mesure n’existe pas, ou a été retirée.",
    "reason-required": "Dites pourquoi (la famille le verra).",
    "growth-entered-by-team": (
        "Cette mesure a été saisie par l’équipe de soins : demandez-lui de la corriger."
    ),
    "growth-change-too-late": (
        "Une mesure peut être corrigée pendant {hours} heures après sa saisie. Demandez à "
        "l’équipe de soins."
    ),
    "use-one-of": "Choisissez parmi : {known}.",
    "unknown-checklist-item": "Élément de liste inconnu : {item!r}.",
    "given-twice": "Indiqué deux fois.",
    "not-a-question": "{item} n'est pas une question de {questionnaire}.",
    "screen-answer-not-a-choice": "{item} : cette réponse ne fait pas partie des choix.",
    "screen-text-expected": "{item} : texte attendu (2000 caractères au plus).",
    "screen-number-out-of-range": "{item} : nombre hors des limites.",
    "parent-screen": "Le questionnaire d'un parent sur lui-même est rempli par ce parent.",
    # Consent and own data
    "out-of-scope.sharing": (
        "Seul le patient, ou un proche agissant pour lui, décide de ce qui est partagé."
    ),
    "team-not-followed": "Cette équipe ne suit pas cette personne.",
    "not-a-team-of-this-person": "cette équipe ne suit pas cette personne",
    "unknown-document": "Ce document à accepter n'existe pas.",
    "unknown": "inconnu",
    "document-version-changed": (
        "Ce document est passé à la version {version} : relisez-le avant de l'accepter."
    ),
    "current-version": "la version actuelle est {version}",
    "consent-required": (
        "Pour créer votre compte, lisez et acceptez les conditions d'utilisation et la politique "
        "de confidentialité."
    ),
    "must-be-accepted": "doit être accepté",
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
    "must-be-true": "doit valoir true",
    # Content
    "unsupported-language": "La langue `{lang}` n'est pas disponible. Choisissez parmi : {langs}.",
    "content-unavailable": "La bibliothèque de contenus n'est pas chargée.",
    "no-such-page": "Il n'y a pas de page `{id}` dans le livret.",
    "no-such-questionnaire": "Il n'y a pas de questionnaire `{id}`.",
    # Messages and notifications
    "id-conflict.message": "Un autre message a déjà été envoyé avec cet identifiant.",
    "subscription-not-found": "Cet appareil n'est pas enregistré pour vous.",
    "invalid-quiet-hours": (
        "Indiquez le début et la fin des heures de silence, ou ni l'un ni l'autre."
    ),
    "set-with-quiet-start": "à indiquer avec quiet_start",
    "invalid-subscription": (
        "L'abonnement aux notifications n'est pas valable ; réabonnez-vous depuis l'application."
    ),
    "endpoint-host-not-allowed": "doit être l'adresse du service de notifications d'un navigateur",
    "endpoint-taken": (
        "ce téléphone ou ce navigateur reçoit les notifications d'un autre compte : "
        "déconnectez d'abord ce compte sur cet appareil"
    ),
    "endpoint-not-https": "doit être l'adresse https:// donnée par le navigateur",
    "p256dh-not-valid": "doit être une clé publique P-256 en base64url",
    "auth-not-valid": "doit être un secret de 16 octets en base64url",
    # La sortie envoyée par l'hôpital en FHIR (relais.discharge) : problèmes d'OperationOutcome
    "fhir-not-json": "Le corps n'est pas un objet JSON. Envoyez un Bundle FHIR R4 en JSON.",
    "fhir-not-bundle": (
        "Le corps n'est pas un Bundle FHIR : son resourceType doit être « Bundle »."
    ),
    "fhir-structure": "Cet élément ne suit pas FHIR R4 à cet endroit (voir diagnostics).",
    "fhir-bundle-type": "Le type du Bundle doit être « transaction » ou « collection ».",
    "fhir-resource-missing": "Une ressource {resource} est nécessaire dans le Bundle.",
    "fhir-resource-repeated": (
        "Une seule ressource {resource} est attendue ; le Bundle en a {count}."
    ),
    "fhir-resource-ignored": "Relais ne lit pas les ressources {resource} : celle-ci est ignorée.",
    "fhir-patient-identifier-missing": (
        "Le patient doit avoir un identifiant avec un système et une valeur : l'INS, ou le "
        "numéro propre à l'hôpital."
    ),
    "fhir-identifier-too-long": (
        "Cet identifiant est trop long : 200 caractères au plus pour son système, 100 pour sa "
        "valeur."
    ),
    "fhir-ins-invalid": (
        "Cet INS n'est pas valide : 15 caractères dont les deux derniers sont la clé."
    ),
    "fhir-family-name-missing": "Le nom de famille du patient manque.",
    "fhir-given-name-missing": "Le prénom du patient manque.",
    "fhir-birth-date-missing": "La date de naissance du patient manque.",
    "fhir-birth-date-partial": "La date de naissance doit être complète (année, mois et jour).",
    "fhir-birth-date-in-future": "La date de naissance est dans le futur.",
    "fhir-birth-date-too-old": "La date de naissance remonte à plus de 120 ans.",
    "fhir-gender-missing": "Le sexe administratif du patient manque.",
    "fhir-phone-invalid": (
        "Ce numéro de téléphone n'est pas valide (chiffres, espaces, + ( ) . - seulement)."
    ),
    "fhir-encounter-identifier-missing": (
        "La ressource Encounter doit avoir un identifiant avec un système et une valeur : il "
        "nomme ce séjour, pour qu'un nouvel envoi le mette à jour."
    ),
    "fhir-discharge-date-missing": (
        "La date de sortie manque : la fin de la période (period.end) de l'Encounter."
    ),
    "fhir-discharge-too-far": "La date de sortie est à plus de 30 jours.",
    "fhir-team-identifier-missing": (
        "Le CareTeam doit porter l'identifiant de son équipe Relais (système urn:ietf:rfc:3986, "
        "valeur urn:uuid: suivi de l'identifiant de l'équipe)."
    ),
    "fhir-team-not-allowed": (
        "Aucune équipe Relais à laquelle ce client peut envoyer des sorties n'a cet identifiant."
    ),
    "fhir-plan-missing": (
        "Aucun plan de suivi n'est nommé : une catégorie de CarePlan ou un code de "
        "ServiceRequest avec le système urn:relais:plan."
    ),
    "fhir-plan-repeated": "{count} plans différents sont nommés ; n'en nommez qu'un.",
    "fhir-plan-unknown": "Le plan « {plan} » n'existe pas. Les plans sont : {known}.",
    "fhir-plan-for-adults": "Le plan « {plan} » est pour les adultes, et le patient est un enfant.",
    "fhir-plan-for-children": (
        "Le plan « {plan} » est pour les enfants, et le patient est un adulte."
    ),
    "fhir-day1-missing": (
        "Le plan « {plan} » compte à partir des premiers symptômes : envoyez une ressource "
        "Condition avec son onsetDateTime."
    ),
    "fhir-day1-in-future": "Les premiers symptômes ne peuvent pas être dans le futur.",
    "fhir-referent-missing": (
        "Le référent 24 h/24 manque : un PractitionerRole (ou un Practitioner autre que le "
        "médecin traitant) avec un numéro de téléphone."
    ),
    "fhir-referent-name-missing": "Le nom du référent 24 h/24 manque.",
    "fhir-referent-phone-missing": "Le numéro de téléphone du référent 24 h/24 manque.",
    "fhir-medication-unreadable": "Cette prescription ne nomme aucun médicament (text ou display).",
    "fhir-appointment-start-missing": "L'heure de début du rendez-vous manque.",
    "fhir-summary-unreadable": (
        "Le compte rendu de sortie ne peut pas être lu : envoyez-le en texte (text/plain en "
        "base64) ou dans la description."
    ),
    "fhir-summary-too-long": "Le compte rendu de sortie dépasse {limit} caractères.",
    "fhir-no-gp": (
        "Aucun médecin traitant n'est connu : le patient est signalé dans la liste de l'équipe."
    ),
    "fhir-identifier-conflict": (
        "Ces identifiants désignent deux patients différents dans Relais : l'équipe doit les "
        "vérifier."
    ),
    "fhir-not-configured": (
        "Ce déploiement n'accepte encore aucun client système (aucun émetteur OAuth réglé)."
    ),
    "fhir-issuer-unreachable": (
        "Les clés de l'émetteur OAuth n'ont pas pu être lues ; réessayez plus tard."
    ),
    "fhir-token-missing": "Un jeton d'accès est nécessaire : Authorization: Bearer <jeton>.",
    "fhir-token-invalid": (
        "Le jeton d'accès n'est pas valide (sa signature, sa forme, ou la clé qui l'a signé)."
    ),
    "fhir-token-expired": "Le jeton d'accès a expiré : demandez-en un nouveau à l'émetteur.",
    "fhir-token-audience": "Le jeton d'accès n'est pas destiné à ce serveur FHIR (son audience).",
    "fhir-token-issuer": "Le jeton d'accès vient d'un émetteur auquel ce serveur ne se fie pas.",
    "fhir-token-scope": (
        "Le jeton d'accès ne permet pas cela : demandez le scope system/Bundle.c."
    ),
    "fhir-client-unknown": ("Ce client système ne peut pas envoyer de sorties à ce déploiement."),
}
