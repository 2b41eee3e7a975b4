"""Retention: purging what is past its period, and the record of processing (GDPR art. 30) that
states those periods. Both read the same settings, so the record cannot say one thing while the
job does another.

``run_retention`` is what ``relais retention run`` calls; a worker may call it too (it is
idempotent and only deletes rows past their period).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from relais import db
from relais.accounts.tables import LoginFailure, PasswordResetToken, Session
from relais.alerts.tables import Alert, AlertEvent
from relais.audit.tables import AuditEvent
from relais.care.tables import Invitation, Patient, ScheduleItem
from relais.checkins.tables import Checkin
from relais.notify.tables import DeliveryAttempt, Outbox
from relais.settings import Settings


async def _count_delete(table: Any, where: Any) -> int:
    n = int(await table.count().where(where))
    if n:
        await table.delete().where(where)
    return n


async def run_retention(settings: Settings, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete every row past its retention period; return how many rows of each kind."""
    now = now or db.utcnow()
    health = now - dt.timedelta(days=settings.retention_health_days)
    audit = now - dt.timedelta(days=settings.retention_audit_days)
    tech = now - dt.timedelta(days=settings.retention_technical_days)
    done: dict[str, int] = {}
    async with db.transaction():
        old_alerts = (Alert.opened_at < health) & (Alert.state == "resolved")
        ids = [r["id"] for r in await Alert.select(Alert.id).where(old_alerts)]
        if ids:
            await AlertEvent.delete().where(AlertEvent.alert.is_in(ids))
        done["alerts"] = await _count_delete(Alert, old_alerts)
        done["checkins"] = await _count_delete(Checkin, Checkin.taken_at < health)
        done["schedule_items"] = await _count_delete(
            ScheduleItem, (ScheduleItem.window_end < health) & (ScheduleItem.status != "due")
        )
        # A pseudonymised record with nothing left in it has no purpose any more.
        empty = []
        for r in await Patient.select(Patient.id).where(Patient.status == "erased"):
            if not await Checkin.exists().where(Checkin.patient == r["id"]) and not (
                await Alert.exists().where(Alert.patient == r["id"])
            ):
                empty.append(r["id"])
        if empty:
            await ScheduleItem.delete().where(ScheduleItem.patient.is_in(empty))
            await Patient.delete().where(Patient.id.is_in(empty))
        done["pseudonymised_records"] = len(empty)
        done["audit_rows"] = await _count_delete(AuditEvent, AuditEvent.at < audit)
        finished = Outbox.state.is_in(["sent", "failed", "cancelled"]) & (Outbox.created_at < tech)
        ids = [r["id"] for r in await Outbox.select(Outbox.id).where(finished)]
        if ids:
            await DeliveryAttempt.delete().where(DeliveryAttempt.outbox.is_in(ids))
        done["notifications"] = await _count_delete(Outbox, finished)
        done["sessions"] = await _count_delete(Session, Session.expires_at < now)
        done["sign_in_failures"] = await _count_delete(LoginFailure, LoginFailure.at < tech)
        done["reset_links"] = await _count_delete(
            PasswordResetToken, PasswordResetToken.expires_at < tech
        )
        done["invitations"] = await _count_delete(Invitation, Invitation.expires_at < tech)
    return done


# ---------------------------------------------------------------------------------------------
# Record of processing (GDPR article 30)

T = dict[str, str]


def _t(fr: str, en: str) -> T:
    return {"fr": fr, "en": en}


def processing_record(settings: Settings, lang: str = "fr") -> dict[str, Any]:
    """The record of processing activities, from the deployment's settings."""
    lang = lang if lang in ("fr", "en") else "fr"
    days = _t("{n} jours", "{n} days")[lang]

    def d(n: int) -> str:
        return days.format(n=n)

    erasure = {
        "delete": _t(
            "à la fermeture du compte, le dossier est effacé",
            "when the account is closed, the record is erased",
        ),
        "pseudonymise": _t(
            "à la fermeture du compte, les valeurs cliniques sont gardées sous un identifiant "
            "aléatoire, sans nom, coordonnées ni texte libre",
            "when the account is closed, clinical values are kept under a random id, with no "
            "name, contact details or free text",
        ),
    }[settings.erasure_mode][lang]
    activities = [
        {
            "id": "follow_up",
            "name": _t("Suivi après hospitalisation", "Follow-up after a hospital stay"),
            "purpose": _t(
                "suivre l'état de santé à domicile, prévenir l'équipe de soins en cas de signe "
                "d'alerte, coordonner la ville et l'hôpital",
                "follow health at home, alert the care team on warning signs, coordinate city "
                "and hospital care",
            ),
            "legal_basis": _t(
                "RGPD art. 6.1.e (mission d'intérêt public) ou 6.1.b, et art. 9.2.h (prise en "
                "charge sanitaire par des professionnels tenus au secret)",
                "GDPR art. 6(1)(e) (public interest task) or 6(1)(b), and art. 9(2)(h) (health "
                "care by professionals bound by secrecy)",
            ),
            "subjects": _t(
                "patients, enfants suivis et leurs parents ou proches",
                "patients, children followed and their parents or family",
            ),
            "data": _t(
                "identité, date de naissance, sexe, téléphone, médecin traitant ; transmission de "
                "sortie ; réponses, mesures, scores, alertes ; messages",
                "identity, birth date, sex, phone, GP; discharge hand-over; answers, "
                "measurements, scores, alerts; messages",
            ),
            "recipients": _t(
                "le patient, les proches qu'il a acceptés (dans leurs limites), les équipes de "
                "soins avec lesquelles le partage est actif",
                "the patient, the family members they accepted (within their scope), the care "
                "teams the follow-up is shared with",
            ),
            "retention": f"{d(settings.retention_health_days)}; {erasure}",
        },
        {
            "id": "accounts",
            "name": _t("Comptes et connexion", "Accounts and sign-in"),
            "purpose": _t("authentifier les personnes", "authenticate people"),
            "legal_basis": _t("RGPD art. 6.1.b", "GDPR art. 6(1)(b)"),
            "subjects": _t("patients, proches, soignants", "patients, family, clinicians"),
            "data": _t(
                "adresse e-mail, nom affiché, mot de passe haché (argon2id), sessions, échecs de "
                "connexion, acceptation des conditions",
                "email address, display name, hashed password (argon2id), sessions, sign-in "
                "failures, acceptance of the terms",
            ),
            "recipients": _t("administrateurs du service", "the service's administrators"),
            "retention": _t(
                "jusqu'à la fermeture du compte ; sessions et échecs : {n}",
                "until the account is closed; sessions and failures: {n}",
            )[lang].format(n=d(settings.retention_technical_days)),
        },
        {
            "id": "notifications",
            "name": _t("Notifications", "Notifications"),
            "purpose": _t(
                "prévenir les soignants des alertes, rappeler les points de suivi",
                "tell clinicians about alerts, remind patients of check-ins",
            ),
            "legal_basis": _t("RGPD art. 6.1.e et 9.2.h", "GDPR art. 6(1)(e) and 9(2)(h)"),
            "subjects": _t("patients, proches, soignants", "patients, family, clinicians"),
            "data": _t(
                "abonnements Web Push des appareils, file des envois (sans donnée de santé)",
                "devices' Web Push subscriptions, send queue (no health data)",
            ),
            "recipients": _t(
                "services de notification des navigateurs (contenu chiffré)",
                "browser push services (encrypted content)",
            ),
            "retention": d(settings.retention_technical_days),
        },
        {
            "id": "audit",
            "name": _t("Traçabilité des accès", "Access records"),
            "purpose": _t(
                "savoir qui a lu ou modifié quel dossier, et le montrer au patient",
                "know who read or changed which record, and show it to the patient",
            ),
            "legal_basis": _t(
                "RGPD art. 6.1.c et 32 (sécurité)", "GDPR art. 6(1)(c) and 32 (security)"
            ),
            "subjects": _t("toute personne connectée", "everyone who signs in"),
            "data": _t(
                "qui, quelle action, quel dossier, quand, adresse IP, navigateur",
                "who, which action, which record, when, IP address, browser",
            ),
            "recipients": _t(
                "le patient (lectures de son dossier), les administrateurs",
                "the patient (reads of their record), administrators",
            ),
            "retention": d(settings.retention_audit_days),
        },
    ]
    return {
        "controller": settings.controller_name
        or _t("(à renseigner : RELAIS_CONTROLLER_NAME)", "(to fill in: RELAIS_CONTROLLER_NAME)")[
            lang
        ],
        "dpo": settings.dpo_contact
        or _t("(à renseigner : RELAIS_DPO_CONTACT)", "(to fill in: RELAIS_DPO_CONTACT)")[lang],
        "lang": lang,
        "erasure_mode": settings.erasure_mode,
        "activities": [
            {k: (v[lang] if isinstance(v, dict) else v) for k, v in a.items()} for a in activities
        ],
        "security": _t(
            "mots de passe argon2id ; sessions côté serveur ; second facteur (TOTP) pour les "
            "soignants ; contrôle d'accès par équipe ; journal d'accès ; aucune donnée de santé "
            "dans les notifications ni les adresses ; HTTPS",
            "argon2id passwords; server-side sessions; second factor (TOTP) for staff; access "
            "control by team; access log; no health data in notifications or URLs; HTTPS",
        )[lang],
        "transfers": _t(
            "aucun transfert hors de l'Union européenne par le logiciel ; l'hébergement doit "
            "être certifié HDS en France",
            "no transfer outside the European Union by the software; hosting must be certified "
            "for health data (HDS in France)",
        )[lang],
    }


def processing_record_markdown(record: dict[str, Any]) -> str:
    fr = record["lang"] == "fr"
    labels = (
        {
            "title": "Registre des traitements (RGPD art. 30)",
            "controller": "Responsable du traitement",
            "dpo": "Délégué à la protection des données",
            "purpose": "Finalité",
            "legal_basis": "Base légale",
            "subjects": "Personnes concernées",
            "data": "Données",
            "recipients": "Qui y a accès",
            "retention": "Durée de conservation",
            "security": "Mesures de sécurité",
            "transfers": "Transferts",
        }
        if fr
        else {
            "title": "Record of processing activities (GDPR art. 30)",
            "controller": "Controller",
            "dpo": "Data protection officer",
            "purpose": "Purpose",
            "legal_basis": "Legal basis",
            "subjects": "Data subjects",
            "data": "Data",
            "recipients": "Who can access",
            "retention": "Retention",
            "security": "Security measures",
            "transfers": "Transfers",
        }
    )
    lines = [
        f"# {labels['title']}",
        "",
        f"- **{labels['controller']}**: {record['controller']}",
        f"- **{labels['dpo']}**: {record['dpo']}",
        "",
    ]
    for a in record["activities"]:
        lines += [f"## {a['name']}", ""]
        for key in ("purpose", "legal_basis", "subjects", "data", "recipients", "retention"):
            lines.append(f"- **{labels[key]}**: {a[key]}")
        lines.append("")
    lines += [
        f"## {labels['security']}",
        "",
        record["security"],
        "",
        f"## {labels['transfers']}",
        "",
        record["transfers"],
        "",
    ]
    return "\n".join(lines)
