"""The hash chain catches an edited row and a deleted row, and names the first break."""

from __future__ import annotations

import factories as f
from sqlalchemy import text

from pantau import audit


def _chain(session, n: int = 5) -> list[int]:
    admin = f.user(session)
    return [
        audit.record(session, admin, "test.event", "thing", i, {"i": i, "note": "ø ✓"}).id
        for i in range(n)
    ]


def test_intact_chain_verifies(session):
    ids = _chain(session)
    result = audit.verify(session)
    assert result.ok and result.checked >= len(ids)


def test_edited_row_is_named(session):
    ids = _chain(session)
    session.execute(
        text("UPDATE audit_events SET action = 'tampered' WHERE id = :i"), {"i": ids[2]}
    )
    result = audit.verify(session)
    assert not result.ok
    assert result.broken.event_id == ids[2]
    assert "edited" in result.broken.reason


def test_deleted_row_breaks_the_next_link(session):
    ids = _chain(session)
    session.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": ids[1]})
    result = audit.verify(session)
    assert not result.ok
    assert result.broken.event_id == ids[2]
    assert "deleted" in result.broken.reason


def test_each_event_links_to_the_previous_hash(session):
    first = audit.record(session, None, "a", "x", 1)
    second = audit.record(session, None, "b", "x", 2, {"when": first.occurred_at})
    assert second.prev_hash == first.hash
    assert second.actor == "system"
    assert second.hash == audit.compute_hash(second)
