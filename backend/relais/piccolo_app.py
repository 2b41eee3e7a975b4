"""The one Piccolo app holding every table of Relais, so migrations form a single ordered history.

Tables live in their part of the domain (``relais.<part>.tables``); they are listed here.
"""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from relais.accounts.tables import (
    LoginFailure,
    OidcLink,
    OidcSession,
    PasswordResetToken,
    Session,
    TrustedDevice,
    User,
)
from relais.alerts.tables import Alert, AlertEvent
from relais.audit.tables import AuditEvent
from relais.care.tables import (
    Handover,
    Invitation,
    OnCallShift,
    Patient,
    PatientTeam,
    ProxyLink,
    ScheduleChange,
    ScheduleItem,
    Team,
    TeamMember,
)
from relais.checkins.tables import Checkin, TeamThreshold, ThresholdOverride
from relais.children.tables import (
    DevelopmentCheck,
    GrowthCorrection,
    GrowthMeasurement,
    SchoolStatus,
    WellbeingScreen,
)
from relais.consent.tables import ConsentAcceptance, TeamConsent
from relais.discharge.tables import DischargeImport, PatientIdentifier
from relais.messages.tables import Message, MessageRead
from relais.notify.tables import (
    DeliveryAttempt,
    JobLease,
    NotifyPreference,
    Outbox,
    PushSubscription,
)

APP_CONFIG = AppConfig(
    app_name="relais",
    migrations_folder_path=str(Path(__file__).parent / "migrations"),
    table_classes=[
        User,
        Session,
        LoginFailure,
        TrustedDevice,
        PasswordResetToken,
        OidcLink,
        OidcSession,
        AuditEvent,
        Team,
        TeamMember,
        OnCallShift,
        Patient,
        PatientTeam,
        Handover,
        ProxyLink,
        Invitation,
        ScheduleItem,
        ScheduleChange,
        Checkin,
        ThresholdOverride,
        TeamThreshold,
        Alert,
        AlertEvent,
        PushSubscription,
        Outbox,
        DeliveryAttempt,
        NotifyPreference,
        JobLease,
        ConsentAcceptance,
        TeamConsent,
        DevelopmentCheck,
        GrowthMeasurement,
        GrowthCorrection,
        SchoolStatus,
        WellbeingScreen,
        Message,
        MessageRead,
        PatientIdentifier,
        DischargeImport,
    ],
    migration_dependencies=[],
    commands=[],
)
