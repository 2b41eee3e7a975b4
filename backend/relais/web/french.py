"""What the API says when it refuses something, in French.

Problems are raised with an English detail (the API's reference language, and what the logs and
the tests read); a person whose language is French is answered with the text below. A test walks
the code and fails when a refusal written there has no French text here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FRENCH: dict[str, str] = {
    # HTTP edge (relais.web.problems)
    "Please sign in to continue.": "Connectez-vous pour continuer.",
    "Your session has ended. Please sign in again.": (
        "Votre session est terminée. Connectez-vous à nouveau."
    ),
    "You are not allowed to do this.": "Vous n'êtes pas autorisé à faire ceci.",
    "Your account is not allowed to do this.": "Votre compte n'est pas autorisé à faire ceci.",
    "The security token is missing or out of date. Reload the page and try again.": (
        "Le jeton de sécurité manque ou n'est plus valable. Rechargez la page et réessayez."
    ),
    "Nothing was found at this address.": "Rien n'a été trouvé à cette adresse.",
    "The request body is too large.": "La demande est trop volumineuse.",
    "Something went wrong on our side. Your data was not changed; please try again.": (
        "Un problème est survenu de notre côté. Vos données n'ont pas été modifiées ; réessayez."
    ),
    "Something went wrong on our side. Please try again; if it keeps happening, contact support.": (
        "Un problème est survenu de notre côté. Réessayez ; si cela se reproduit, "
        "contactez l'assistance."
    ),
    "The text contains a character that cannot be stored (such as a NUL byte). Remove it and try again.": (  # noqa: E501
        "Le texte contient un caractère qui ne peut pas être enregistré (comme un octet nul). "
        "Retirez-le et réessayez."
    ),
    "The service is briefly unavailable. Nothing was saved; please try again in a moment.": (
        "Le service est brièvement indisponible. Rien n'a été enregistré ; réessayez dans "
        "un instant."
    ),
    # Enrolment
    "This follow-up plan is for adults: choose a plan made for children.": (
        "Ce plan de suivi est fait pour les adultes : choisissez un plan fait pour les enfants."
    ),
    "This follow-up plan is for children: choose a plan made for adults.": (
        "Ce plan de suivi est fait pour les enfants : choisissez un plan fait pour les adultes."
    ),
    "There is no such note.": "Cette note n'existe pas.",
    # Access
    "No patient with this id is available to you.": "Ce patient ne vous est pas accessible.",
    "Your access to this person does not include this.": (
        "Votre accès à cette personne ne comprend pas ceci."
    ),
    # Accounts
    "Your current password is not right.": "Votre mot de passe actuel n'est pas le bon.",
    "The second factor is already on.": "La double authentification est déjà activée.",
    "Start the set-up first.": "Commencez d'abord la mise en place.",
    "The code is not right. Check the time on your phone and try the current code.": (
        "Le code n'est pas le bon. Vérifiez l'heure de votre téléphone et essayez le code actuel."
    ),
    "The password or the code is not right.": "Le mot de passe ou le code n'est pas le bon.",
    "An account with this email address already exists.": (
        "Un compte existe déjà avec cette adresse e-mail."
    ),
    "The email or the password is not right. Check them and try again.": (
        "L'adresse e-mail ou le mot de passe n'est pas le bon. Vérifiez-les et réessayez."
    ),
    "This reset link is not valid any more (it was already used or has expired). Ask for a new one.": (  # noqa: E501
        "Ce lien de réinitialisation n'est plus valable (il a déjà servi ou a expiré). "
        "Demandez-en un nouveau."
    ),
    "This reset link is not valid any more.": "Ce lien de réinitialisation n'est plus valable.",
    "Enter the 6-digit code from your authenticator app.": (
        "Saisissez le code à 6 chiffres de votre application d'authentification."
    ),
    "The 6-digit code is not right or has expired. Try the current code.": (
        "Le code à 6 chiffres n'est pas le bon ou a expiré. Essayez le code actuel."
    ),
    # Alerts
    "You are not a member of this team.": "Vous n'êtes pas membre de cette équipe.",
    "No alert with this id is available to you.": "Cette alerte ne vous est pas accessible.",
    "This alert is resolved. Reopen it first to acknowledge it.": (
        "Cette alerte est résolue. Rouvrez-la d'abord pour en accuser réception."
    ),
    "This alert is already resolved.": "Cette alerte est déjà résolue.",
    "This alert changed meanwhile; reload it.": (
        "Cette alerte a changé entre-temps ; rechargez-la."
    ),
    "This alert is already open.": "Cette alerte est déjà ouverte.",
    # Care teams, patients, invitations
    "No team with this id is available to you.": "Cette équipe ne vous est pas accessible.",
    "Only the team lead or an administrator can do this.": (
        "Seul le responsable de l'équipe ou un administrateur peut faire ceci."
    ),
    "No such shift in this team's rota.": "Cette garde n'existe pas dans le planning de l'équipe.",
    "No such invitation for this patient.": "Cette invitation n'existe pas pour ce patient.",
    "This invitation was already used.": "Cette invitation a déjà été utilisée.",
    "Only the patient and the team see this list.": (
        "Seuls le patient et l'équipe voient cette liste."
    ),
    "Only the adult patient or the team can do this.": (
        "Seuls le patient adulte ou l'équipe peuvent faire ceci."
    ),
    "No such family link for this patient.": "Ce lien familial n'existe pas pour ce patient.",
    "No such schedule item for this patient.": "Ce rendez-vous n'existe pas pour ce patient.",
    "This invitation code or link is not known. Check the code, or ask the care team for a new one.": (  # noqa: E501
        "Ce code ou ce lien d'invitation est inconnu. Vérifiez le code, ou demandez-en un "
        "nouveau à l'équipe soignante."
    ),
    "This invitation was already used. Sign in with your email and password instead.": (
        "Cette invitation a déjà été utilisée. Connectez-vous plutôt avec votre adresse e-mail "
        "et votre mot de passe."
    ),
    "This invitation was cancelled by the care team. Ask them for a new one.": (
        "Cette invitation a été annulée par l'équipe soignante. Demandez-en une nouvelle."
    ),
    "This invitation has expired. Ask the care team for a new one.": (
        "Cette invitation a expiré. Demandez-en une nouvelle à l'équipe soignante."
    ),
    "This invitation is for the patient's own account. Sign out, then open it again to create that account.": (  # noqa: E501
        "Cette invitation est pour le compte du patient lui-même. Déconnectez-vous, puis "
        "rouvrez-la pour créer ce compte."
    ),
    "Staff accounts cannot accept a family invitation. Sign out first.": (
        "Un compte soignant ne peut pas accepter une invitation familiale. Déconnectez-vous "
        "d'abord."
    ),
    "This person is already linked to this patient.": "Cette personne est déjà liée à ce patient.",
    "This person is not in the team.": "Cette personne ne fait pas partie de l'équipe.",
    "This patient already has an account.": "Ce patient a déjà un compte.",
    "A child's follow-up is done by their parents: invite a parent (kind: proxy) instead.": (
        "Le suivi d'un enfant est fait par ses parents : invitez plutôt un parent."
    ),
    "To create your account, give your email, your name and a password.": (
        "Pour créer votre compte, indiquez votre adresse e-mail, votre nom et un mot de passe."
    ),
    # Check-ins and thresholds
    "This team has no default threshold for this key.": (
        "Cette équipe n'a pas de seuil par défaut pour cette mesure."
    ),
    "A different check-in was already sent with this id. Nothing was changed.": (
        "Un autre point a déjà été envoyé avec cet identifiant. Rien n'a été modifié."
    ),
    # Children
    "Children's content is not installed.": "Le contenu pour les enfants n'est pas installé.",
    "Development checks are not installed.": "Les étapes du développement ne sont pas installées.",
    "No development check with this id.": "Aucune étape du développement avec cet identifiant.",
    "Growth references are not installed.": "Les références de croissance ne sont pas installées.",
    "The school checklist is not installed.": "La liste du retour à l'école n'est pas installée.",
    "Wellbeing screens are not installed.": (
        "Les questionnaires de bien-être ne sont pas installés."
    ),
    "This check is already being saved. Try again in a moment.": (
        "Cette étape est déjà en cours d'enregistrement. Réessayez dans un instant."
    ),
    "This measurement is already being saved.": "Cette mesure est déjà en cours d'enregistrement.",
    "This screen is already being saved.": ("Ce questionnaire est déjà en cours d'enregistrement."),
    "A parent's own screen is answered by the parent.": (
        "Le questionnaire d'un parent sur lui-même est rempli par ce parent."
    ),
    "The time is in the future: check the clock.": (
        "L'heure est dans le futur : vérifiez l'horloge."
    ),
    "The time must carry its time zone offset.": "L'heure doit indiquer son fuseau horaire.",
    "This is more than 30 days old.": "Cela date de plus de 30 jours.",
    # Consent and own data
    "Only the patient, or a family member acting for them, decides what is shared.": (
        "Seul le patient, ou un proche agissant pour lui, décide de ce qui est partagé."
    ),
    "This team does not follow this person.": "Cette équipe ne suit pas cette personne.",
    "There is no such document to accept.": "Ce document à accepter n'existe pas.",
    "To create your account, read and accept the terms of use and the privacy notice.": (
        "Pour créer votre compte, lisez et acceptez les conditions d'utilisation et la "
        "politique de confidentialité."
    ),
    "The terms or the privacy notice changed while you were reading: read the new version, then accept it.": (  # noqa: E501
        "Les conditions ou la politique de confidentialité ont changé pendant votre lecture : "
        "lisez la nouvelle version, puis acceptez-la."
    ),
    "The content library is not loaded.": "La bibliothèque de contenus n'est pas chargée.",
    "The access history is shown to the patient and their family.": (
        "L'historique des accès est montré au patient et à sa famille."
    ),
    "A care team account is closed by an administrator, who keeps the team's records.": (
        "Un compte soignant est fermé par un administrateur, qui conserve les dossiers de l'équipe."
    ),
    "Your password is not right.": "Votre mot de passe n'est pas le bon.",
    "Closing your account cannot be undone: send confirm: true to go ahead.": (
        "La fermeture de votre compte est définitive : confirmez pour continuer."
    ),
    # Messages and notifications
    "A different message was already sent with this id.": (
        "Un autre message a déjà été envoyé avec cet identifiant."
    ),
    "This device is not registered for you.": "Cet appareil n'est pas enregistré pour vous.",
    "Give both the start and the end of the quiet hours, or neither.": (
        "Indiquez le début et la fin des heures de silence, ou ni l'un ni l'autre."
    ),
    "The push subscription is not valid; subscribe again from the app.": (
        "L'abonnement aux notifications n'est pas valable ; réabonnez-vous depuis l'application."
    ),
}

_DIFFERENT = {
    "check": "Une autre réponse à cette étape a déjà été envoyée avec cet identifiant.",
    "measurement": "Une autre mesure a déjà été envoyée avec cet identifiant.",
    "screen": "Un autre questionnaire a déjà été envoyé avec cet identifiant.",
}

# Refusals that carry a value: (their English shape, the French).
_SHAPES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"^Too many failed sign-in attempts\. For your safety, sign-in is paused: try again "
            r"in (\d+) minutes?, or reset your password\.$"
        ),
        lambda m: (
            "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est "
            f"suspendue : réessayez dans {m[1]} minute{'s' if int(m[1]) > 1 else ''}, ou "
            "réinitialisez votre mot de passe."
        ),
    ),
    (
        re.compile(r"^A different (check|measurement|screen) was already sent with this id\.$"),
        lambda m: _DIFFERENT[m[1]],
    ),
    (
        re.compile(r"^This document is now at version (\S+): read it again before accepting\.$"),
        lambda m: f"Ce document est passé à la version {m[1]} : relisez-le avant de l'accepter.",
    ),
    (
        re.compile(
            r"^This is the last member of a team that follows (\d+) patient\(s\)\. Add another "
            r"clinician first, so that their alerts still reach someone\.$"
        ),
        lambda m: (
            f"C'est le dernier membre d'une équipe qui suit {m[1]} patient(s). Ajoutez d'abord "
            "un autre soignant, pour que leurs alertes parviennent toujours à quelqu'un."
        ),
    ),
    (
        re.compile(r"^This check is for (\d+) months; it is not due yet\.$"),
        lambda m: f"Cette étape est prévue à {m[1]} mois ; elle n'est pas encore due.",
    ),
    (re.compile(r"^Unknown check (.+)\.$"), lambda m: f"Étape inconnue : {m[1]}."),
    (re.compile(r"^Use one of (.+)\.$"), lambda m: f"Choisissez parmi : {m[1]}."),
    (
        re.compile(r"^Unknown time zone (.+); use a name like Europe/Paris\.$"),
        lambda m: f"Fuseau horaire inconnu : {m[1]} ; utilisez un nom comme Europe/Paris.",
    ),
    (
        re.compile(r"^The request body could not be read \((.*)\)\. Send a valid JSON object\.$"),
        lambda m: f"La demande n'a pas pu être lue ({m[1]}). Envoyez un objet JSON valable.",
    ),
]


def in_french(text: str) -> str:
    """The French of a refusal written in English; the text itself when none is known."""
    found = FRENCH.get(text)
    if found is not None:
        return found
    for shape, french in _SHAPES:
        match = shape.match(text)
        if match is not None:
            return french(match)
    return text
