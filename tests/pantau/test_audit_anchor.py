"""Issue 16, finding 9: truncation and full rewrites of the audit chain are caught by
the signed checkpoint kept outside the database."""

from __future__ import annotations

import json
import subprocess
import sys

import factories as f
import pytest
from sqlalchemy import select, text, update

from pantau import audit
from pantau.audit_anchor import latest_checkpoint, verify_against, write_checkpoint
from pantau.models import AuditEvent
from pantau.settings import get_settings


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "var"
    monkeypatch.setenv("PANTAU_DATA_DIR", str(path))
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


def _chain(session, n: int) -> list[int]:
    admin = f.user(session)
    return [audit.record(session, admin, "test.event", "thing", i, {"i": i}).id for i in range(n)]


def _rehash_from(session, first_id: int) -> None:
    """What an attacker with database access does: recompute every later hash."""
    rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    prev = audit.GENESIS
    for row in rows:
        if row.id >= first_id:
            row.prev_hash = prev
            row.hash = audit.compute_hash(row)
        prev = row.hash
    session.flush()


def test_truncation_is_reported(session, data_dir):
    ids = _chain(session, 15)
    write_checkpoint(session)
    session.execute(text("DELETE FROM audit_events WHERE id >= :i"), {"i": ids[5]})
    assert audit.verify(session).ok  # the chain alone cannot see it
    cp, _ = latest_checkpoint()
    result = verify_against(session, cp)
    assert not result.ok and "10 event(s) missing" in result.broken.reason


def test_full_rewrite_is_reported(session, data_dir):
    ids = _chain(session, 15)
    write_checkpoint(session)
    session.execute(update(AuditEvent).where(AuditEvent.id == ids[3]).values(details={"i": 999}))
    session.expire_all()
    _rehash_from(session, ids[3])
    assert audit.verify(session).ok
    result = verify_against(session, latest_checkpoint()[0])
    assert not result.ok and "rewritten" in result.broken.reason


def test_events_after_the_checkpoint_are_fine(session, data_dir):
    _chain(session, 5)
    write_checkpoint(session)
    _chain(session, 3)
    assert verify_against(session, latest_checkpoint()[0]).ok


def test_a_forged_checkpoint_is_refused(session, data_dir):
    _chain(session, 5)
    _, path = write_checkpoint(session)
    body = json.loads(path.read_text())
    body["count"] -= 2
    path.write_text(json.dumps(body))
    with pytest.raises(ValueError, match="signature"):
        latest_checkpoint()


def test_pantau_audit_verify_reports_truncation(fresh_db):
    with fresh_db.session() as s:
        ids = _chain(s, 12)
        s.commit()
    cmd = [sys.executable, "-m", "pantau", "audit"]
    made = subprocess.run([*cmd, "checkpoint"], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    ok = subprocess.run([*cmd, "verify"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and "matches checkpoint" in ok.stdout
    with fresh_db.session() as s:
        s.execute(text("DELETE FROM audit_events WHERE id > :i"), {"i": ids[1]})
        s.commit()
    cut = subprocess.run([*cmd, "verify"], capture_output=True, text=True, timeout=120)
    assert cut.returncode == 1 and "missing" in cut.stderr
