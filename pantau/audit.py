"""Append-only, hash-chained audit log: each row holds the previous row's hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pantau.db import is_postgres
from pantau.models import AuditEvent, User
from pantau.timeutil import as_utc, utcnow

GENESIS = "0" * 64
SYSTEM = "system"
# Any constant works; it only has to be the same for every writer of the chain.
_CHAIN_LOCK_KEY = 0x70616E746175


def _canonical(event: Any) -> bytes:
    body = {
        "prev": event.prev_hash,
        "at": as_utc(event.occurred_at).isoformat(timespec="microseconds"),
        "actor": event.actor,
        "actor_id": event.actor_id,
        "action": event.action,
        "object": [event.object_type, event.object_id],
        "details": event.details,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(event: Any) -> str:
    """Hash an AuditEvent, or a row with the same columns."""
    return hashlib.sha256(_canonical(event)).hexdigest()


def _lock_chain(session: Session) -> None:
    # Two writers reading the same head would fork the chain. On PostgreSQL a
    # transaction-scoped advisory lock serialises them; SQLite transactions here
    # already begin IMMEDIATE (see pantau.db), which serialises every writer.
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK_KEY})


def record(
    session: Session,
    actor: User | str | None,
    action: str,
    object_type: str,
    object_id: object,
    details: dict[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction; the caller commits."""
    _lock_chain(session)
    session.flush()
    head = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    name = actor.username if isinstance(actor, User) else (actor or SYSTEM)
    event = AuditEvent(
        occurred_at=at or utcnow(),
        actor=name,
        actor_id=actor.id if isinstance(actor, User) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=json.loads(json.dumps(details or {}, default=str)),
        prev_hash=head or GENESIS,
    )
    event.hash = compute_hash(event)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str

    def __str__(self) -> str:
        return f"audit chain broken at event {self.event_id}: {self.reason}"


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    broken: ChainBreak | None
    # The id and hash of event number `stop_at` (1-based), for checkpoint comparison.
    id_at_stop: int | None = None
    hash_at_stop: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _events(session: Session, batch: int = 5_000) -> Iterator[Any]:
    # Plain rows, not ORM objects: a long chain must not pile up in the identity map.
    table = AuditEvent.__table__
    last_id = 0
    while True:
        rows = session.execute(
            select(table).where(table.c.id > last_id).order_by(table.c.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def verify(session: Session, stop_at: int | None = None) -> VerifyResult:
    """Walk the chain in id order and name the first row that does not hold together.

    An edited row no longer matches its own hash; a deleted row leaves its successor
    pointing at a hash that is not its predecessor's. Truncation and full rewrites need
    a checkpoint kept outside the database: see pantau.audit_anchor.
    """
    prev = GENESIS
    checked = 0
    at_stop: tuple[int | None, str | None] = (None, None)
    for event in _events(session):
        if event.prev_hash != prev:
            return VerifyResult(
                checked,
                ChainBreak(
                    event.id,
                    "previous-hash link does not match the row before it "
                    "(a row before it was deleted or edited)",
                ),
            )
        if compute_hash(event) != event.hash:
            return VerifyResult(
                checked,
                ChainBreak(event.id, "row content does not match its hash (the row was edited)"),
            )
        prev = event.hash
        checked += 1
        if checked == stop_at:
            at_stop = (event.id, event.hash)
    return VerifyResult(checked, None, *at_stop)
