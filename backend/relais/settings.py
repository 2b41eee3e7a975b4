"""Settings, parsed once from the environment.

Every setting is a ``RELAIS_*`` variable. A bad value stops start-up with a message that names the
variable and says what is expected, instead of failing later in the middle of a request.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[2]


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


#: The browsers' push services: Chrome, Edge and Android (FCM), Firefox (Mozilla autopush),
#: Safari (Apple), Windows (WNS).
DEFAULT_PUSH_HOSTS: tuple[str, ...] = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "updates.push.services.mozilla.com",
    "*.push.services.mozilla.com",
    "web.push.apple.com",
    "*.push.apple.com",
    "*.notify.windows.com",
)


def _int(env: dict[str, str], name: str, default: int, lo: int, hi: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if not lo <= value <= hi:
        raise SettingsError(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def _bool(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    low = raw.strip().lower()
    if low in {"1", "true", "yes", "on"}:
        return True
    if low in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _choice(env: dict[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name) or default
    if raw not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = field(default="", repr=False)
    public_url: str = "http://127.0.0.1:8000"
    environment: str = "development"
    content_dir: Path = REPO_ROOT / "content"
    pwa_dist: Path = REPO_ROOT / "pwa" / "dist"
    # Sessions
    session_idle_staff_min: int = 30
    session_idle_patient_min: int = 7 * 24 * 60
    session_absolute_hours: int = 24 * 30
    session_absolute_staff_hours: int = 12
    # Sign-in protection
    login_max_failures_account: int = 5
    login_max_failures_ip: int = 30
    login_window_min: int = 15
    # argon2id cost
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 2
    # Limits
    max_body_bytes: int = 1_048_576
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    password_reset_minutes: int = 30
    invitation_days: int = 14
    #: Staff and administrators must turn on a second factor before anything else ("required",
    #: the default in production) or may ("optional", the default elsewhere: the demo's staff).
    staff_second_factor: str = "optional"
    emergency_number: str = "15"
    crisis_line: str = "3114"
    run_worker: bool = True
    log_level: str = "INFO"
    # Notifications (Web Push, email fallback, the outbox worker)
    vapid_private_key: str = field(default="", repr=False)
    vapid_subject: str = "mailto:relais@localhost"
    # One push; a host that does not answer in time counts towards its circuit breaker.
    push_timeout_s: int = 5
    # The push services a device's endpoint may point at (``relais.notify.hosts.host_allowed``):
    # exact host names, or "*.domain" for its sub-domains. Outside production, loopback too.
    push_hosts: tuple[str, ...] = DEFAULT_PUSH_HOSTS
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_starttls: bool = False
    smtp_from: str = "relais@localhost"
    worker_poll_ms: int = 300
    # Renewed every third of it while a row is sent: a dead worker's rows come back this soon.
    worker_lease_s: int = 15
    outbox_max_attempts: int = 15
    # Operations (logs, metrics, readiness, shutdown)
    log_format: str = "json"
    metrics_token: str = field(default="", repr=False)
    ready_max_outbox_lag_s: int = 300
    shutdown_grace_s: int = 20
    # The person's own data: erasure and retention (see relais.exports.retention)
    erasure_mode: str = "delete"
    retention_health_days: int = 1095
    retention_audit_days: int = 1095
    retention_technical_days: int = 30
    controller_name: str = ""
    dpo_contact: str = ""
    # The discharge sent by the hospital (relais.discharge): the OAuth issuer whose access tokens
    # are accepted, where its keys are (found from the issuer when empty), the audience tokens
    # must name (Relais's FHIR base), and which system client may import for which teams.
    fhir_issuer: str = ""
    fhir_jwks_url: str = ""
    fhir_audience: str = ""
    fhir_clients: Mapping[str, frozenset[uuid.UUID]] = field(default_factory=dict)
    # Staff sign-in with the hospital's OpenID Connect provider (relais.sso); off without issuer.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = field(default="", repr=False)
    oidc_scopes: tuple[str, ...] = ("openid", "email", "profile")
    #: The provider's name on the sign-in button ("Sign in with <name>").
    oidc_provider_name: str = ""
    #: An account is found by the provider's verified email...
    oidc_match_email: bool = True
    #: ... or by this claim, matched against the account's professional identifier (RPPS).
    oidc_id_claim: str = ""
    #: The claim listing the person's groups (a list of names, or one name).
    oidc_groups_claim: str = "groups"
    #: (group, role): a person in the group has this Relais role (admin or clinician).
    oidc_roles: tuple[tuple[str, str], ...] = ()
    #: (group, team id, member role): a person in the group is a member of the team.
    oidc_teams: tuple[tuple[str, str, str], ...] = ()
    #: The ID token's ``acr`` must be one of these (asked for with ``acr_values``).
    oidc_acr_values: tuple[str, ...] = ()
    #: Staff may still sign in with a local password (patients and families always do).
    staff_passwords: bool = True

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def engine(self) -> str:
        return "postgres" if self.database_url.startswith("postgres") else "sqlite"

    @property
    def sqlite_path(self) -> Path:
        # sqlite:///relative/path or sqlite:////absolute/path
        return Path(self.database_url.removeprefix("sqlite:///"))

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")


def create_once(path: Path, content: bytes) -> bytes:
    """Put ``content`` in a new file at ``path`` (mode 0600) unless one is there already; return
    what the file holds afterwards. Processes starting together (several app processes on one data
    directory) all end up with the same content: the file is written aside, then linked into place,
    so nobody ever reads it half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, aside = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(aside, path)
        except FileExistsError:
            return path.read_bytes()
        return content
    finally:
        os.unlink(aside)


def _secret_from_data_dir(data_dir: Path) -> str:
    """Read the signing secret kept in the data directory; create it (mode 0600) on first start."""
    path = data_dir / "secret.key"
    if path.exists():
        return path.read_text().strip()
    return create_once(path, secrets.token_urlsafe(48).encode()).decode().strip()


def _fhir_clients(raw: str) -> dict[str, frozenset[uuid.UUID]]:
    """``client-id=team-uuid,team-uuid;other-client=team-uuid``."""
    clients: dict[str, frozenset[uuid.UUID]] = {}
    for part in raw.split(";"):
        if not part.strip():
            continue
        client, sep, teams = part.partition("=")
        if not sep or not client.strip() or not teams.strip():
            raise SettingsError(
                "RELAIS_FHIR_CLIENTS must be client-id=team-id,team-id;client-id=team-id, "
                f"got {part.strip()!r}"
            )
        try:
            ids = frozenset(uuid.UUID(t.strip()) for t in teams.split(",") if t.strip())
        except ValueError:
            raise SettingsError(
                f"RELAIS_FHIR_CLIENTS: the teams of {client.strip()!r} must be team ids (UUIDs)"
            ) from None
        clients[client.strip()] = ids
    return clients


def _url(env: dict[str, str], name: str) -> str:
    value = (env.get(name) or "").strip().rstrip("/")
    if value and not value.startswith(("https://", "http://")):
        raise SettingsError(f"{name} must be an https:// URL, got {value!r}")
    return value


def _pairs(env: dict[str, str], name: str, example: str) -> list[tuple[str, str]]:
    """``a=b,c=d`` as pairs; the message names the variable and shows an example."""
    out = []
    for part in (env.get(name) or "").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise SettingsError(f"{name} must be a list like {example!r}, got {part.strip()!r}")
        out.append((key.strip(), value.strip()))
    return out


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _oidc(env: dict[str, str], environment: str, second_factor: str) -> dict[str, object]:
    """The OpenID Connect settings (``RELAIS_OIDC_*``), checked together."""
    issuer = (env.get("RELAIS_OIDC_ISSUER") or "").strip().rstrip("/")
    staff_passwords = _bool(env, "RELAIS_STAFF_PASSWORDS", True)
    if not issuer:
        if not staff_passwords:
            raise SettingsError(
                "RELAIS_STAFF_PASSWORDS=false needs RELAIS_OIDC_ISSUER: staff would have no way "
                "to sign in"
            )
        return {}
    if not issuer.startswith(("https://", "http://")):
        raise SettingsError(f"RELAIS_OIDC_ISSUER must be an https:// URL, got {issuer!r}")
    if issuer.startswith("http://") and environment == "production":
        raise SettingsError("RELAIS_OIDC_ISSUER must be an https:// URL in production")
    client_id = (env.get("RELAIS_OIDC_CLIENT_ID") or "").strip()
    client_secret = (env.get("RELAIS_OIDC_CLIENT_SECRET") or "").strip()
    if not client_id or not client_secret:
        raise SettingsError(
            "RELAIS_OIDC_ISSUER needs RELAIS_OIDC_CLIENT_ID and RELAIS_OIDC_CLIENT_SECRET"
        )
    scopes = tuple((env.get("RELAIS_OIDC_SCOPES") or "openid email profile").split())
    if "openid" not in scopes:
        raise SettingsError(f"RELAIS_OIDC_SCOPES must include openid, got {' '.join(scopes)!r}")
    roles = _pairs(env, "RELAIS_OIDC_ROLES", "hospital-it=admin,nurses=clinician")
    for group, role in roles:
        if role not in ("admin", "clinician"):
            raise SettingsError(
                f"RELAIS_OIDC_ROLES: the role of group {group!r} must be admin or clinician, "
                f"got {role!r}"
            )
    teams = []
    for group, value in _pairs(env, "RELAIS_OIDC_TEAMS", "icu-nurses=<team id>:coordinating_nurse"):
        team, _, member_role = value.partition(":")
        if not _UUID.fullmatch(team.strip()) or not member_role.strip():
            raise SettingsError(
                f"RELAIS_OIDC_TEAMS: group {group!r} must map to <team id>:<member role>, "
                f"got {value!r}"
            )
        teams.append((group, team.strip().lower(), member_role.strip()))
    acr_values = tuple((env.get("RELAIS_OIDC_ACR_VALUES") or "").split())
    if second_factor == "required" and not acr_values:
        raise SettingsError(
            "RELAIS_STAFF_SECOND_FACTOR=required with RELAIS_OIDC_ISSUER needs "
            "RELAIS_OIDC_ACR_VALUES: the provider's second factor (its acr) replaces Relais' own "
            "for staff who sign in there"
        )
    match_email = _bool(env, "RELAIS_OIDC_MATCH_EMAIL", True)
    id_claim = (env.get("RELAIS_OIDC_ID_CLAIM") or "").strip()
    if not match_email and not id_claim:
        raise SettingsError(
            "RELAIS_OIDC_MATCH_EMAIL=false needs RELAIS_OIDC_ID_CLAIM: nobody could be matched"
        )
    return {
        "oidc_issuer": issuer,
        "oidc_client_id": client_id,
        "oidc_client_secret": client_secret,
        "oidc_scopes": scopes,
        "oidc_provider_name": (env.get("RELAIS_OIDC_PROVIDER_NAME") or "").strip()[:60]
        or "OpenID Connect",
        "oidc_match_email": match_email,
        "oidc_id_claim": id_claim,
        "oidc_groups_claim": (env.get("RELAIS_OIDC_GROUPS_CLAIM") or "groups").strip(),
        "oidc_roles": tuple(roles),
        "oidc_teams": tuple(teams),
        "oidc_acr_values": acr_values,
        "staff_passwords": staff_passwords,
    }


def parse_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings from an environment mapping (``os.environ`` by default)."""
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("RELAIS_DATA_DIR") or (REPO_ROOT / "var")).resolve()
    database_url = env.get("RELAIS_DATABASE_URL") or f"sqlite:///{data_dir / 'relais.sqlite3'}"
    if not (
        database_url.startswith("sqlite:///")
        or database_url.startswith("postgresql://")
        or database_url.startswith("postgres://")
    ):
        raise SettingsError(
            "RELAIS_DATABASE_URL must start with sqlite:/// or postgresql://, "
            f"got {database_url.split('://')[0]!r}"
        )
    environment = _choice(env, "RELAIS_ENV", "development", ("development", "production", "test"))
    secret = env.get("RELAIS_SECRET_KEY") or ""
    if secret and len(secret) < 32:
        raise SettingsError("RELAIS_SECRET_KEY must be at least 32 characters long")
    if not secret:
        secret = _secret_from_data_dir(data_dir)
    public_url = env.get("RELAIS_PUBLIC_URL") or "http://127.0.0.1:8000"
    if not public_url.startswith(("http://", "https://")):
        raise SettingsError(
            f"RELAIS_PUBLIC_URL must start with http:// or https://, got {public_url!r}"
        )
    emergency = env.get("RELAIS_EMERGENCY_NUMBER") or "15"
    crisis = env.get("RELAIS_CRISIS_LINE") or "3114"
    for name, value in (("RELAIS_EMERGENCY_NUMBER", emergency), ("RELAIS_CRISIS_LINE", crisis)):
        if not value.isdigit() or len(value) > 6:
            raise SettingsError(f"{name} must be a short phone number of digits, got {value!r}")
    host_name = urlparse(public_url).hostname or "localhost"
    vapid_subject = env.get("RELAIS_VAPID_SUBJECT") or f"mailto:relais@{host_name}"
    if not re.fullmatch(r"mailto:[^@\s]+@[^@\s]+|https://\S+", vapid_subject):
        raise SettingsError(
            "RELAIS_VAPID_SUBJECT must be mailto:address@domain or an https:// URL, "
            f"got {vapid_subject!r}"
        )
    smtp_from = env.get("RELAIS_SMTP_FROM") or f"relais@{host_name}"
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", smtp_from):
        raise SettingsError(f"RELAIS_SMTP_FROM must be an email address, got {smtp_from!r}")
    metrics_token = (env.get("RELAIS_METRICS_TOKEN") or "").strip()
    if metrics_token and len(metrics_token) < 32:
        raise SettingsError("RELAIS_METRICS_TOKEN must be at least 32 characters long")
    content_dir = Path(env.get("RELAIS_CONTENT_DIR") or (REPO_ROOT / "content")).resolve()
    fhir_issuer = _url(env, "RELAIS_FHIR_ISSUER")
    second_factor = _choice(
        env,
        "RELAIS_STAFF_SECOND_FACTOR",
        "required" if environment == "production" else "optional",
        ("required", "optional"),
    )
    oidc = _oidc(env, environment, second_factor)
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        host=env.get("RELAIS_HOST") or "127.0.0.1",
        port=_int(env, "RELAIS_PORT", 8000, 1, 65535),
        secret_key=secret,
        public_url=public_url.rstrip("/"),
        environment=environment,
        staff_second_factor=second_factor,
        content_dir=content_dir,
        session_idle_staff_min=_int(env, "RELAIS_SESSION_IDLE_STAFF_MIN", 30, 1, 24 * 60),
        session_idle_patient_min=_int(
            env, "RELAIS_SESSION_IDLE_PATIENT_MIN", 7 * 24 * 60, 1, 90 * 24 * 60
        ),
        session_absolute_hours=_int(env, "RELAIS_SESSION_ABSOLUTE_HOURS", 24 * 30, 1, 24 * 365),
        session_absolute_staff_hours=_int(
            env, "RELAIS_SESSION_ABSOLUTE_STAFF_HOURS", 12, 1, 24 * 7
        ),
        login_max_failures_account=_int(env, "RELAIS_LOGIN_MAX_FAILURES_ACCOUNT", 5, 1, 1000),
        login_max_failures_ip=_int(env, "RELAIS_LOGIN_MAX_FAILURES_IP", 30, 1, 100000),
        login_window_min=_int(env, "RELAIS_LOGIN_WINDOW_MIN", 15, 1, 24 * 60),
        argon2_time_cost=_int(env, "RELAIS_ARGON2_TIME_COST", 3, 1, 20),
        argon2_memory_kib=_int(env, "RELAIS_ARGON2_MEMORY_KIB", 65536, 1024, 4 * 1024 * 1024),
        argon2_parallelism=_int(env, "RELAIS_ARGON2_PARALLELISM", 2, 1, 16),
        max_body_bytes=_int(env, "RELAIS_MAX_BODY_BYTES", 1_048_576, 1024, 100 * 1_048_576),
        pg_pool_min=_int(env, "RELAIS_PG_POOL_MIN", 2, 1, 100),
        pg_pool_max=_int(env, "RELAIS_PG_POOL_MAX", 10, 1, 500),
        password_reset_minutes=_int(env, "RELAIS_PASSWORD_RESET_MINUTES", 30, 5, 24 * 60),
        invitation_days=_int(env, "RELAIS_INVITATION_DAYS", 14, 1, 90),
        emergency_number=emergency,
        crisis_line=crisis,
        run_worker=_bool(env, "RELAIS_RUN_WORKER", True),
        log_level=_choice(env, "RELAIS_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
        vapid_private_key=(env.get("RELAIS_VAPID_PRIVATE_KEY") or "").strip(),
        vapid_subject=vapid_subject,
        push_timeout_s=_int(env, "RELAIS_PUSH_TIMEOUT_S", 5, 1, 120),
        push_hosts=tuple(
            h.strip().lower()
            for h in (env.get("RELAIS_PUSH_HOSTS") or ",".join(DEFAULT_PUSH_HOSTS)).split(",")
            if h.strip()
        ),
        smtp_host=env.get("RELAIS_SMTP_HOST") or "",
        smtp_port=_int(env, "RELAIS_SMTP_PORT", 25, 1, 65535),
        smtp_user=env.get("RELAIS_SMTP_USER") or "",
        smtp_password=env.get("RELAIS_SMTP_PASSWORD") or "",
        smtp_starttls=_bool(env, "RELAIS_SMTP_STARTTLS", False),
        smtp_from=smtp_from,
        worker_poll_ms=_int(env, "RELAIS_WORKER_POLL_MS", 300, 20, 60_000),
        worker_lease_s=_int(env, "RELAIS_WORKER_LEASE_S", 15, 5, 3600),
        outbox_max_attempts=_int(env, "RELAIS_OUTBOX_MAX_ATTEMPTS", 15, 1, 100),
        # Operations
        log_format=_choice(env, "RELAIS_LOG_FORMAT", "json", ("json", "text")),
        metrics_token=metrics_token,
        ready_max_outbox_lag_s=_int(env, "RELAIS_READY_MAX_OUTBOX_LAG_S", 300, 10, 24 * 3600),
        shutdown_grace_s=_int(env, "RELAIS_SHUTDOWN_GRACE_S", 20, 1, 600),
        erasure_mode=_choice(env, "RELAIS_ERASURE_MODE", "delete", ("delete", "pseudonymise")),
        retention_health_days=_int(env, "RELAIS_RETENTION_HEALTH_DAYS", 1095, 30, 36500),
        retention_audit_days=_int(env, "RELAIS_RETENTION_AUDIT_DAYS", 1095, 180, 36500),
        retention_technical_days=_int(env, "RELAIS_RETENTION_TECHNICAL_DAYS", 30, 1, 3650),
        controller_name=(env.get("RELAIS_CONTROLLER_NAME") or "").strip()[:200],
        dpo_contact=(env.get("RELAIS_DPO_CONTACT") or "").strip()[:200],
        fhir_issuer=fhir_issuer,
        fhir_jwks_url=_url(env, "RELAIS_FHIR_JWKS_URL"),
        fhir_audience=_url(env, "RELAIS_FHIR_AUDIENCE") or f"{public_url.rstrip('/')}/api/fhir",
        fhir_clients=_fhir_clients(env.get("RELAIS_FHIR_CLIENTS") or ""),
        **oidc,  # type: ignore[arg-type]
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, parsed once."""
    return parse_settings()
