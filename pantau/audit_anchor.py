"""Checkpoints that anchor the audit chain outside the database.

The hash chain alone shows an edit in the middle, but not a truncation (delete the last
rows) nor a full rewrite (edit a row and recompute every later hash). So each nightly run
writes a checkpoint — head id, head hash, event count, time — signed with the office key,
to <data_dir>/audit-checkpoints/ and to a Prefect artifact. `verify` then checks the chain
still holds the checkpointed head at the checkpointed position.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau import signing
from pantau.audit import GENESIS, ChainBreak, VerifyResult, verify
from pantau.models import AuditEvent
from pantau.settings import Settings, get_settings
from pantau.timeutil import utcnow

SCHEMA = "pantau.audit-checkpoint/1"


@dataclass(frozen=True)
class Checkpoint:
    head_id: int
    head_hash: str
    count: int
    at: str
    public_key: str = ""
    signature: str = ""
    schema: str = SCHEMA

    def signed_bytes(self) -> bytes:
        body = {k: v for k, v in asdict(self).items() if k != "signature"}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, indent=2) + "\n"


def _head(session: Session) -> tuple[int, str, int]:
    row = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    count = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    return (row.id, row.hash, count) if row else (0, GENESIS, 0)


def write_checkpoint(session: Session, settings: Settings | None = None) -> tuple[Checkpoint, Path]:
    """Sign the chain's current head and write it to a new file; returns it and the file."""
    settings = settings or get_settings()
    head_id, head_hash, count = _head(session)
    now = utcnow()
    unsigned = Checkpoint(
        head_id, head_hash, count, now.isoformat(), signing.public_key_b64(settings)
    )
    cp = Checkpoint(**{**asdict(unsigned), "signature": signing.sign(unsigned.signed_bytes())})
    folder = settings.checkpoint_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{now.strftime('%Y%m%dT%H%M%S%fZ')}-{count:012d}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(cp.to_json())
    os.replace(tmp, path)  # a reader never sees half a checkpoint
    return cp, path


def load_checkpoint(path: Path, public_b64: str) -> Checkpoint:
    """Read a checkpoint and check its signature against the office key; raises ValueError."""
    data: dict[str, Any] = json.loads(path.read_text())
    cp = Checkpoint(**data)
    if cp.schema != SCHEMA:
        raise ValueError(f"{path.name}: not a {SCHEMA} file")
    if cp.public_key != public_b64 or not signing.verify(
        cp.signed_bytes(), cp.signature, public_b64
    ):
        raise ValueError(f"{path.name}: signature does not verify with the office key")
    return cp


def latest_checkpoint(settings: Settings | None = None) -> tuple[Checkpoint, Path] | None:
    settings = settings or get_settings()
    files = sorted(settings.checkpoint_dir.glob("*.json"))
    if not files:
        return None
    return load_checkpoint(files[-1], signing.public_key_b64(settings)), files[-1]


def verify_against(session: Session, cp: Checkpoint | None) -> VerifyResult:
    """The chain walk, plus: the checkpointed head is still the count-th event."""
    result = verify(session, stop_at=cp.count if cp else None)
    if cp is None or not result.ok or cp.count == 0:
        return result
    if result.checked < cp.count:
        missing = cp.count - result.checked
        return VerifyResult(
            result.checked,
            ChainBreak(
                cp.head_id,
                f"{missing} event(s) missing: the checkpoint of {cp.at} counted {cp.count} "
                f"events up to id {cp.head_id} (the chain was truncated)",
            ),
        )
    if result.hash_at_stop != cp.head_hash or result.id_at_stop != cp.head_id:
        return VerifyResult(
            result.checked,
            ChainBreak(
                cp.head_id,
                f"event {cp.count} of the chain is not the one checkpointed at {cp.at} "
                f"(id {cp.head_id}, hash {cp.head_hash[:12]}…): the chain was rewritten",
            ),
        )
    return result
