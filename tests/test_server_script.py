"""scripts/test-postgres: the throw-away cluster scripts/test runs the server tests on.

It must answer while the tests run, and be stopped and deleted when the script ends, whether
the tests passed or failed: a cluster left running would hold a port and a folder for ever.
"""

from __future__ import annotations

import glob
import subprocess
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    not glob.glob("/usr/lib/postgresql/*/bin/initdb"),
    reason="PostgreSQL's server programs are not installed (scripts/setup --render installs them)",
)
def test_the_cluster_answers_then_is_stopped_and_removed_when_the_tests_fail():
    run = subprocess.run(
        [
            "bash",
            "-c",
            "set -euo pipefail; source scripts/test-postgres; pt_pg_start >/dev/null; "
            'echo "$PT_PG_DIR"; echo "$PT_TEST_POSTGRES_URL"; '
            ".venv/bin/python -c 'import os, psycopg; "
            'print(psycopg.connect(os.environ["PT_TEST_POSTGRES_URL"])'
            '.execute("SELECT 6 * 7").fetchone()[0])\'; '
            "exit 3",  # as pytest exits when a test fails
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 3, run.stderr
    folder, url, answer = run.stdout.split()
    assert answer == "42"
    assert url.startswith("postgresql://") and "@127.0.0.1:" in url
    assert not Path(folder).exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
