"""The `pantau` command as a user runs it: a real subprocess against a real database."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files

from sqlalchemy import text

DEMO = files("pantau") / "data" / "demo"


def pantau(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args],
        capture_output=True,
        text=True,
        input=input,
        timeout=120,
    )


def test_help_lists_the_commands():
    out = pantau("--help")
    assert out.returncode == 0
    for command in ("db", "users", "import", "audit"):
        assert command in out.stdout


def test_registry_users_and_audit_round_trip(fresh_db):
    assert pantau("db", "upgrade").returncode == 0
    assert "schema is current" in pantau("db", "check").stdout

    out = pantau("import", "candidates", str(DEMO / "candidates.csv"))
    assert out.returncode == 0 and "7 new" in out.stdout
    assert "7 unchanged" in pantau("import", "candidates", str(DEMO / "candidates.csv")).stdout

    out = pantau(
        "users",
        "add",
        "ani",
        "--role",
        "analyst",
        "--name",
        "Ani Rekaan",
        "--region",
        "35.78",
        "--password",
        "kata-sandi-panjang",
    )
    assert out.returncode == 0, out.stderr
    assert "ani" in pantau("users", "list").stdout
    assert pantau("users", "disable", "ani").returncode == 0

    assert "intact" in pantau("audit", "verify").stdout
    with fresh_db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE audit_events SET actor = 'mallory' WHERE id = "
                "(SELECT MIN(id) FROM audit_events)"
            )
        )
    out = pantau("audit", "verify")
    assert out.returncode == 1 and "broken at event" in out.stderr


def test_bad_import_names_rows_and_exits_nonzero(fresh_db, tmp_path):
    bad = tmp_path / "asn.csv"
    bad.write_text(
        "nip,name,agency,position,position_category,employment_type,region_code\n"
        "123,A,B,C,Fungsional,PNS,35.78\n"
    )
    out = pantau("import", "civil-servants", str(bad))
    assert out.returncode == 1
    assert "Baris 2" in out.stderr and "tepat 18 angka" in out.stderr


def test_weak_password_is_refused(fresh_db):
    out = pantau("users", "add", "budi", "--role", "admin", "--password", "pendek")
    assert out.returncode == 1 and "paling sedikit 10" in out.stderr
