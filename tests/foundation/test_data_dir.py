"""Keys made on first start in the data directory: several processes starting at once (two app
processes and a worker on one machine) all end up with the same, whole keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from pathlib import Path
from relais.notify.vapid import load_vapid
from relais.settings import parse_settings
settings = parse_settings({"RELAIS_DATA_DIR": sys.argv[1]})
print(settings.secret_key, load_vapid(settings).application_server_key)
"""


@pytest.mark.slow
def test_processes_starting_together_share_one_secret_and_one_push_key(tmp_path: Path) -> None:
    for attempt in range(5):
        data = tmp_path / f"data{attempt}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", PROBE, str(data)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        results = [p.communicate(timeout=60) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err for _, err in results]
        seen = {out.strip() for out, _ in results}
        assert len(seen) == 1, seen
        secret, push_key = seen.pop().split()
        assert len(secret) >= 48 and len(push_key) == 87
        assert (data / "secret.key").read_text().strip() == secret
        assert (data / "vapid_private.pem").stat().st_mode & 0o777 == 0o600
        assert not [f for f in data.iterdir() if f.name.startswith(".")]  # nothing left aside


def test_the_sqlite_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """Health data: 0600 whatever the umask, for a new file and for one made before."""
    import os
    import stat

    from relais.db.sqlite import RelaisSQLiteEngine

    old = os.umask(0o022)
    try:
        new = tmp_path / "new.sqlite3"
        RelaisSQLiteEngine(path=str(new))
        before = tmp_path / "before.sqlite3"
        before.write_bytes(b"")
        before.chmod(0o644)
        RelaisSQLiteEngine(path=str(before))
    finally:
        os.umask(old)
    for file in (new, before):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
