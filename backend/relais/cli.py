"""The ``relais`` command line for operators."""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from relais import db
from relais.settings import Settings, SettingsError, get_settings

T = TypeVar("T")


def _settings() -> Settings:
    try:
        return get_settings()
    except SettingsError as exc:
        raise click.ClickException(f"configuration error: {exc}") from None


def run_with_db(fn: Callable[[Settings], Awaitable[T]]) -> T:
    settings = _settings()
    db.configure(settings)

    async def main() -> T:
        await db.connect(settings)
        try:
            return await fn(settings)
        finally:
            await db.disconnect()

    return asyncio.run(main())


@click.group()
def main() -> None:
    """Relais: follow-up after a hospital stay."""
    from relais.ops.logging import setup as setup_logging

    setup_logging()  # RELAIS_LOG_FORMAT (json | text) and RELAIS_LOG_LEVEL


@main.command()
def migrate() -> None:
    """Apply database migrations (SQLite or PostgreSQL, from RELAIS_DATABASE_URL)."""

    async def go(settings: Settings) -> list[str]:
        return await db.migrate()

    applied = run_with_db(go)
    click.echo(
        f"migrations applied: {len(applied)}" + (f" ({', '.join(applied)})" if applied else "")
    )


@main.command("create-user")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option(
    "--role", type=click.Choice(["patient", "proxy", "clinician", "admin"]), required=True
)
@click.option("--locale", type=click.Choice(["fr", "en"]), default="fr")
@click.option("--timezone", default="Europe/Paris")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(
    email: str, display_name: str, role: str, locale: str, timezone: str, password_stdin: bool
) -> None:
    """Create an account (the password is asked for, never given on the command line)."""
    from relais.accounts.passwords import Passwords
    from relais.accounts.service import create_user as do_create
    from relais.errors import Refusal
    from relais.web.catalogue import refusal_detail

    password = (
        sys.stdin.readline().rstrip("\n") if password_stdin else getpass.getpass("Password: ")
    )

    async def go(settings: Settings) -> Any:
        return await do_create(
            Passwords(settings),
            email=email,
            display_name=display_name,
            role=role,
            password=password,
            locale=locale,
            timezone=timezone,
        )

    try:
        user = run_with_db(go)
    except Refusal as exc:
        raise click.ClickException(refusal_detail(exc, "en")) from None
    click.echo(f"created {user.role} {user.email} ({user.id})")


@main.command("setup-link")
@click.argument("email")
def setup_link(email: str) -> None:
    """Print a one-time link that sets EMAIL's password (72 hours), for a deployment that sends
    no email: hand it to the person only. Any earlier link of the account stops working."""
    from relais.accounts.service import normalise_email, start_setup
    from relais.accounts.tables import User

    async def go(settings: Settings) -> str | None:
        user = await User.objects().where(User.email == normalise_email(email)).first()
        return None if user is None else await start_setup(settings, user)

    link = run_with_db(go)
    if link is None:
        raise click.ClickException(f"no account for {email}")
    click.echo(link)


@main.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only when the database has no account yet.")
def seed_demo(if_empty: bool) -> None:
    """Load the demo accounts and data (see README)."""
    from relais.demo import seed

    async def go(settings: Settings) -> bool:
        return await seed(settings, if_empty=if_empty)

    done = run_with_db(go)
    click.echo("demo data loaded" if done else "demo data already present: nothing to do")


@main.command()
def check() -> None:
    """Check the configuration, the database and the content; exit 1 on any problem."""
    problems: list[str] = []
    warnings: list[str] = []
    library = None

    async def go(settings: Settings) -> None:
        try:
            await db.fetch("SELECT 1")
        except Exception as exc:
            problems.append(f"database unreachable: {type(exc).__name__}: {exc}")
            return
        pending = await db.pending_migrations()
        if pending:
            problems.append(f"{len(pending)} migration(s) not applied: run 'relais migrate'")
        elif library is not None:
            from relais.care.service import misfit_enrolments

            warnings.extend(await misfit_enrolments(library))
        if pending:
            return
        from relais.audit.chain import verify

        verdict = await verify()
        click.echo(
            f"audit trail: {verdict.rows} sealed rows checked from seal {verdict.first_seal or 0}"
            f" ({verdict.redacted} pseudonymised, {verdict.unsealed} not sealed yet); "
            f"head: seal {verdict.head_seal} chain {verdict.head_chain}"
        )
        problems.extend(f"audit trail: {p}" for p in verdict.problems[:20])

    settings = _settings()
    click.echo(f"engine: {settings.engine}; data directory: {settings.data_dir}")
    if settings.staff_second_factor != "required":
        warnings.append(
            "staff may sign in without a second factor (RELAIS_STAFF_SECOND_FACTOR=optional); "
            "set it to required for real patients"
        )
    if not settings.smtp_host:
        warnings.append(
            "no SMTP server (RELAIS_SMTP_HOST): password reset links cannot be sent; the sign-in "
            "screen tells people to ask their care team"
        )
    try:
        from relais.content.loader import load_library

        library = load_library(settings.content_dir)
        click.echo(f"content: version {library.version}")
    except ImportError:
        pass
    except Exception as exc:
        problems.append(f"content invalid: {exc}")
    run_with_db(go)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo("ok")


@main.command()
@click.option("--host", default=None)
@click.option("--port", type=int, default=None)
@click.option(
    "--workers", type=int, default=1, help="Web processes (PostgreSQL only for more than 1)."
)
def serve(host: str | None, port: int | None, workers: int) -> None:
    """Serve the app (and, unless RELAIS_RUN_WORKER=false, the background worker in-process)."""
    import uvicorn

    from relais.ops.logging import log_config

    settings = _settings()
    if workers > 1 and settings.engine == "sqlite":
        raise click.ClickException("several web processes need PostgreSQL (RELAIS_DATABASE_URL)")
    from relais.ops.preflight import PreflightError, check_data_dir

    try:
        check_data_dir(settings)
    except PreflightError as exc:
        raise click.ClickException(str(exc)) from None
    uvicorn.run(
        "relais.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        proxy_headers=True,
        access_log=False,  # relais.ops.requests writes one line per request
        log_level=settings.log_level.lower(),
        log_config=log_config(settings.log_format, settings.log_level),
        # SIGTERM: stop accepting, let requests in flight finish within this time.
        timeout_graceful_shutdown=settings.shutdown_grace_s,
    )


@main.command()
def worker() -> None:
    """Send notifications, escalate alerts and remind patients (run alone, e.g. in production with
    RELAIS_RUN_WORKER=false on the web processes). Stops cleanly on SIGTERM or Ctrl-C."""
    import signal

    from relais.worker.loop import run_forever

    async def go(settings: Settings) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await run_forever(settings, stop)

    run_with_db(go)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Back up the database to PATH while the app runs (SQLite online backup, or pg_dump -Fc)."""
    from relais.ops.backup import BackupError
    from relais.ops.backup import backup as do_backup

    try:
        done = do_backup(_settings(), path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backup written: {done.path} ({done.engine}, {done.size} bytes)")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
def restore(path: Path, force: bool) -> None:
    """Restore the database from a backup made by 'relais backup' (then run 'relais migrate')."""
    from relais.ops.backup import BackupError
    from relais.ops.backup import restore as do_restore

    try:
        done = do_restore(_settings(), path, force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored from {path} ({done.engine}); now run 'relais migrate'")


@main.group()
def retention() -> None:
    """Purge data past its retention period (RELAIS_RETENTION_* settings)."""


@retention.command("run")
def retention_run() -> None:
    """Delete every row past its retention period and print how many of each kind."""
    from relais.exports.retention import run_retention

    done = run_with_db(run_retention)
    for kind, count in done.items():
        click.echo(f"{kind}: {count}")


@main.command("processing-record")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown")
def processing_record(lang: str, fmt: str) -> None:
    """Print the record of processing activities (GDPR art. 30) of this deployment."""
    import json

    from relais.exports.retention import processing_record as build
    from relais.exports.retention import processing_record_markdown

    record = build(_settings(), lang)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        click.echo(processing_record_markdown(record))


def _attach_optional_groups() -> None:
    try:
        from relais.content.cli import content
    except ImportError:
        return
    main.add_command(content)


_attach_optional_groups()

if __name__ == "__main__":
    main()
