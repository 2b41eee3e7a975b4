"""Migrations run forward from an empty database on the engine under test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from relais import db
from relais.settings import Settings, parse_settings
from tests.conftest import ENGINE
from tests.server import own_database

pytestmark = [pytest.mark.db, pytest.mark.slow]


def _relais(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "relais.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _python(env: dict[str, str], script: str) -> subprocess.CompletedProcess[str]:
    """Run a Python script against the database of ``env`` (as the operator's tools would)."""
    return subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def fresh_env(tmp_path: Path, test_env: dict[str, str]) -> Iterator[dict[str, str]]:
    with own_database(test_env, tmp_path) as env:
        # As in production: staff need a second factor (the warning of its absence is tested).
        yield {**env, "RELAIS_STAFF_SECOND_FACTOR": "required"}


def test_cli_migrates_from_empty_then_check_passes(fresh_env: dict[str, str]) -> None:
    before = _relais(fresh_env, "check")
    assert before.returncode == 1
    assert "not applied" in before.stderr
    first = _relais(fresh_env, "migrate")
    assert first.returncode == 0, first.stderr
    assert "migrations applied: " in first.stdout and "applied: 0" not in first.stdout
    again = _relais(fresh_env, "migrate")
    assert "migrations applied: 0" in again.stdout
    check = _relais(fresh_env, "check")
    assert check.returncode == 0, check.stderr
    assert f"engine: {ENGINE}" in check.stdout


def test_demo_data_loads_once(fresh_env: dict[str, str]) -> None:
    assert _relais(fresh_env, "migrate").returncode == 0
    first = _relais(fresh_env, "seed-demo", "--if-empty")
    assert first.returncode == 0 and "loaded" in first.stdout, first.stderr
    second = _relais(fresh_env, "seed-demo", "--if-empty")
    assert "nothing to do" in second.stdout


def test_create_user_from_the_command_line(fresh_env: dict[str, str]) -> None:
    assert _relais(fresh_env, "migrate").returncode == 0
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "relais.cli",
            "create-user",
            "--email",
            "ops@example.org",
            "--name",
            "Ops",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input="short\n",
        env={**os.environ, **fresh_env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1 and "at least 12" in proc.stderr
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "relais.cli",
            "create-user",
            "--email",
            "ops@example.org",
            "--name",
            "Ops",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input="a sturdy operator passphrase\n",
        env={**os.environ, **fresh_env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "created admin ops@example.org" in proc.stdout


async def test_every_table_exists_after_migration(database: Settings) -> None:
    for table in db.all_tables():
        assert await table.table_exists(), table._meta.tablename
    assert await db.pending_migrations() == []


def test_bad_settings_stop_with_a_clear_message(tmp_path: Path) -> None:
    from relais.settings import SettingsError

    base = {"RELAIS_DATA_DIR": str(tmp_path)}
    for env, words in [
        ({"RELAIS_PORT": "eighty"}, "RELAIS_PORT must be a whole number"),
        ({"RELAIS_PORT": "70000"}, "between 1 and 65535"),
        ({"RELAIS_DATABASE_URL": "mysql://x"}, "RELAIS_DATABASE_URL must start with"),
        ({"RELAIS_SECRET_KEY": "short"}, "at least 32"),
        ({"RELAIS_RUN_WORKER": "maybe"}, "true or false"),
        ({"RELAIS_EMERGENCY_NUMBER": "fifteen"}, "RELAIS_EMERGENCY_NUMBER"),
    ]:
        with pytest.raises(SettingsError, match=words):
            parse_settings({**base, **env})
    proc = _relais({**base, "RELAIS_PORT": "eighty"}, "check")
    assert proc.returncode == 1 and "configuration error: RELAIS_PORT" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_secret_key_is_created_once_with_restrictive_permissions(tmp_path: Path) -> None:
    first = parse_settings({"RELAIS_DATA_DIR": str(tmp_path)})
    second = parse_settings({"RELAIS_DATA_DIR": str(tmp_path)})
    assert first.secret_key == second.secret_key and len(first.secret_key) >= 32
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600


def test_check_warns_of_an_enrolment_whose_plan_does_not_fit_the_age(
    fresh_env: dict[str, str],
) -> None:
    fresh_env = {**fresh_env, "RELAIS_SMTP_HOST": "127.0.0.1"}
    assert _relais(fresh_env, "migrate").returncode == 0
    assert _relais(fresh_env, "seed-demo", "--if-empty").returncode == 0
    clean = _relais(fresh_env, "check")
    assert clean.returncode == 0 and "warning" not in clean.stderr, clean.stderr
    # An enrolment made before plans said whom they fit: a 2-year-old in the adults' plan.
    script = (
        "from relais.cli import run_with_db\n"
        "from relais import db\n"
        "async def go(_):\n"
        "    await db.fetch(\"UPDATE relais_patient SET plan_id = 'adult_post_sepsis' "
        "WHERE given_name = 'Gabriel' RETURNING id\")\n"
        "run_with_db(go)\n"
    )
    moved = _python(fresh_env, script)
    assert moved.returncode == 0, moved.stderr
    check = _relais(fresh_env, "check")
    assert check.returncode == 0, check.stderr
    [line] = [s for s in check.stderr.splitlines() if s.startswith("warning:")]
    assert "adult_post_sepsis" in line and "for adults" in line
    assert "Gabriel" not in line  # an id, never a name


def test_check_warns_when_reset_links_cannot_be_sent(fresh_env: dict[str, str]) -> None:
    assert _relais(fresh_env, "migrate").returncode == 0
    check = _relais({k: v for k, v in fresh_env.items() if k != "RELAIS_SMTP_HOST"}, "check")
    assert check.returncode == 0, check.stderr
    [line] = [s for s in check.stderr.splitlines() if s.startswith("warning:")]
    assert "RELAIS_SMTP_HOST" in line and "care team" in line


def test_check_warns_when_staff_may_skip_the_second_factor(fresh_env: dict[str, str]) -> None:
    assert _relais(fresh_env, "migrate").returncode == 0
    check = _relais(
        {**fresh_env, "RELAIS_STAFF_SECOND_FACTOR": "optional", "RELAIS_SMTP_HOST": "127.0.0.1"},
        "check",
    )
    assert check.returncode == 0, check.stderr
    [line] = [s for s in check.stderr.splitlines() if s.startswith("warning:")]
    assert "second factor" in line and "RELAIS_STAFF_SECOND_FACTOR" in line
    # The audit trail's chain is checked and its head printed.
    assert "audit trail: 0 sealed rows" in check.stdout and "head: seal 0" in check.stdout


def test_a_database_migrated_before_the_squash_is_recognised(fresh_env: dict[str, str]) -> None:
    """The first days' migrations became two: a database that ran the old ones keeps its schema
    and its data, and is told nothing is left to apply."""
    assert _relais(fresh_env, "migrate").returncode == 0
    script = (
        "from relais.cli import run_with_db\n"
        "from relais import db\n"
        "async def go(_):\n"
        "    await db.fetch(\"DELETE FROM migration WHERE name LIKE '2026-11-23T00:00:0%'\")\n"
        "    for name in db.SQUASHED:\n"
        "        await db.fetch(\"INSERT INTO migration (name, app_name) VALUES ({}, 'relais')\""
        ".replace('{}', repr(name)))\n"
        "run_with_db(go)\n"
    )
    old = _python(fresh_env, script)
    assert old.returncode == 0, old.stderr
    again = _relais(fresh_env, "migrate")
    assert again.returncode == 0, again.stderr
    assert "migrations applied: 0" in again.stdout
    check = _relais(fresh_env, "check")
    assert check.returncode == 0, check.stderr
