"""Synthetic (invented) data for bench/dashboard.py: a year of posts, flags, decisions, cases."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from pantau.models import (
    Account,
    Case,
    CaseEvent,
    CivilServant,
    Classification,
    Decision,
    Post,
    ReviewItem,
    User,
)

# The tests' builders seed contests the one way; tests/ goes after the repository root so
# that its package-named folders cannot shadow the packages.
sys.path.append(str(Path(__file__).resolve().parents[1] / "tests"))
import factories

ZONE = "Asia/Jakarta"
NOW = datetime(2026, 12, 31, 5, 0, tzinfo=UTC)
PLATFORMS = ["mastodon", "bluesky", "telegram", "rss", "youtube", "x"]
REGIONS = ["35.78", "35.15", "35.73", "35", "31.71", "31.74", "33.74", "32.73", "12.71", "73.71"]
ENTITIES = [f"PILWALKOT-3578-2027#{n}" for n in (1, 2, 3)] + [f"PILGUB-35-2027#{n}" for n in (1, 2)]
VIOLATIONS = ["NTR-02", "NTR-04", "NTR-05", "NTR-06", "NTR-07"]
POSITIONS = ["JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL"]
CHUNK = 20_000


def chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def load(engine: Engine, table: Any, rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    for batch in chunks(rows):
        with engine.begin() as conn:
            conn.execute(insert(table), batch)
        n += len(batch)
    return n


def seen_at(i: int, posts: int) -> datetime:
    return NOW - timedelta(days=365) + timedelta(seconds=365 * 86400 * i / posts)


def populate(engine: Engine, posts: int) -> dict[str, int]:
    rnd = random.Random(7)
    n_accounts = max(posts // 20, 10)
    with Session(engine) as s:
        users = [
            User(
                username=f"analis{i}",
                full_name=f"Analis Rekaan {i}",
                role="analyst",
                password_hash="x",
            )
            for i in range(20)
        ]
        s.add_all(users)
        s.add_all(
            CivilServant(
                nip=f"19850312201001{1 + i % 2}{i:03d}",
                name=f"Pegawai Rekaan {i}",
                agency=f"Dinas Rekaan {i % 40}",
                position="Staf",
                position_category=POSITIONS[i % 5],
                employment_type="PNS",
                region_code=REGIONS[i % len(REGIONS)],
            )
            for i in range(400)
        )
        factories.contest(
            s,
            "PILWALKOT-3578-2027",
            name="Pilwalkot Rekaan",
            election=date(2027, 2, 17),
            campaign=(date(2026, 10, 20), date(2027, 2, 13)),
            pairs=[
                {"names": [f"Calon Rekaan {n}"], "parties": [f"Partai Rekaan {n}"]}
                for n in (1, 2, 3)
            ],
        )
        s.commit()
        user_ids = [u.id for u in users]
    load(
        engine,
        Account.__table__,
        (
            {
                "platform": PLATFORMS[i % 6],
                "platform_account_id": f"a{i}",
                "handle": f"warga{i}",
                "display_name": f"Warga Rekaan {i}",
                "bio": "",
                "url": "",
                "civil_servant_id": (i % 400) + 1 if i % 50 == 0 else None,
                "asn_status": "unknown",
                "asn_evidence": [],
                "first_seen_at": NOW - timedelta(days=366),
                "updated_at": NOW,
            }
            for i in range(n_accounts)
        ),
    )
    text_body = "Selamat pagi warga, mari jaga kebersihan lingkungan kita bersama " * 3

    def post_rows() -> Iterator[dict[str, Any]]:
        for i in range(posts):
            at = seen_at(i, posts)
            region = None if i % 10 == 9 else REGIONS[i % len(REGIONS)]
            yield {
                "platform": PLATFORMS[i % 6],
                "platform_post_id": f"p{i}",
                "account_id": (i % n_accounts) + 1,
                "origin": "crawl",
                "url": "",
                "text": text_body,
                "posted_at": at,
                "kind": "post",
                "region_code": region,
                "metrics": {"likes": i % 97},
                "media": [],
                "raw": {"id": f"p{i}", "content": text_body},
                "content_hash": f"{i:064x}",
                "first_seen_at": at,
                "last_checked_at": at,
            }

    load(engine, Post.__table__, post_rows())

    flagged: list[int] = []

    def classification_rows() -> Iterator[dict[str, Any]]:
        for i in range(posts):
            partisan = rnd.random() < 0.2
            is_flagged = partisan and rnd.random() < 0.15
            if is_flagged:
                flagged.append(i)
            yield {
                "post_id": i + 1,
                "model_version": "v1" if i < posts // 2 else "v2",
                "partisan_score": 0.5 + rnd.random() / 2 if partisan else rnd.random() / 2,
                "asn_score": rnd.random(),
                "priority": rnd.random(),
                "flagged": is_flagged,
                "thresholds": {"partisan": 0.5, "asn": 0.5},
                "matches": [],
                "explanation": {
                    "features": [[f"kata{k}", 0.1 * k] for k in range(10)],
                    "asn_reasons": [],
                    "stance": "support" if partisan else "none",
                    "supported": [ENTITIES[i % 5]] if partisan else [],
                },
                "created_at": seen_at(i, posts) + timedelta(minutes=5),
            }

    load(engine, Classification.__table__, classification_rows())
    load(
        engine,
        ReviewItem.__table__,
        (
            {
                "post_id": i + 1,
                "classification_id": i + 1,
                "status": "queued",
                "priority": 0.5,
                "region_code": None if i % 10 == 9 else REGIONS[i % len(REGIONS)],
                "origin": "crawl",
                "version": 1,
                "created_at": seen_at(i, posts) + timedelta(minutes=6),
                "updated_at": NOW,
            }
            for i in flagged
        ),
    )

    def decision_rows() -> Iterator[dict[str, Any]]:
        for item, i in enumerate(flagged, start=1):
            if rnd.random() < 0.1:
                continue  # still queued
            at = seen_at(i, posts) + timedelta(hours=rnd.uniform(1, 72))
            verdict = rnd.choices(["confirm", "dismiss", "escalate"], [40, 55, 5])[0]
            yield {
                "review_item_id": item,
                "reviewer_id": rnd.choice(user_ids),
                "verdict": verdict,
                "violation_code": rnd.choice(VIOLATIONS) if verdict == "confirm" else None,
                "position_category": None,
                "dismiss_reason": "not_partisan" if verdict == "dismiss" else None,
                "notes": "",
                "created_at": at,
            }

    decisions = load(engine, Decision.__table__, decision_rows())
    n_cases = max(len(flagged) // 15, 1)
    load(
        engine,
        Case.__table__,
        (
            {
                "number": f"PNT/{k}",
                "civil_servant_id": (k % 400) + 1,
                "violation_codes": [VIOLATIONS[k % 5]],
                "position_category": POSITIONS[k % 5],
                "agency": f"Dinas Rekaan {k % 40}",
                "region_code": REGIONS[k % len(REGIONS)],
                "summary": "",
                "chronology": [],
                "legal_basis": "",
                "status": "exported",
                "created_by_id": user_ids[0],
                "version": 1,
                "created_at": seen_at(k * posts // n_cases, posts),
                "updated_at": NOW,
            }
            for k in range(n_cases)
        ),
    )

    def event_rows() -> Iterator[dict[str, Any]]:
        for k in range(n_cases):
            at = seen_at(k * posts // n_cases, posts)
            for step, kind in enumerate(["exported", "recommendation_issued", "sanctioned"]):
                if k % (step + 2) == 0 or step == 0:
                    yield {
                        "case_id": k + 1,
                        "kind": kind,
                        "note": "",
                        "data": {},
                        "occurred_at": at + timedelta(days=3 * (step + 1)),
                        "created_at": at,
                    }

    events = load(engine, CaseEvent.__table__, event_rows())
    return {
        "posts": posts,
        "flagged": len(flagged),
        "decisions": decisions,
        "cases": n_cases,
        "case_events": events,
    }
