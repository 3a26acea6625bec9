"""Small builders for test data; every name is invented."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from pantau.models import (
    Account,
    Candidate,
    CivilServant,
    Classification,
    Contest,
    EmploymentType,
    Platform,
    Post,
    PostOrigin,
    ReviewItem,
    Role,
    User,
)
from pantau.timeutil import utcnow
from pantau.users import create_user

_seq = itertools.count(1)
PASSWORD = "rahasia-uji-123"


def user(
    session: Session,
    role: Role = Role.ANALYST,
    scope: str | None = None,
    username: str | None = None,
    password: str = PASSWORD,
) -> User:
    n = next(_seq)
    return create_user(
        session, username or f"{role.value}{n}", f"Pengguna Uji {n}", role, password, scope
    )


def civil_servant(session: Session, region: str = "35.78", **kw: Any) -> CivilServant:
    n = next(_seq)
    values: dict[str, Any] = dict(
        nip=f"19850312201001{1 + n % 2}{n % 1000:03d}",
        name=f"Pegawai Rekaan {n}",
        agency="Dinas Pendidikan Kota Surabaya",
        position="Guru Ahli Muda",
        position_category="FUNGSIONAL",
        employment_type=EmploymentType.PNS,
        region_code=region,
    )
    values.update(kw)
    cs = CivilServant(**values)
    session.add(cs)
    session.flush()
    return cs


def account(session: Session, platform: Platform = Platform.MASTODON, **kw: Any) -> Account:
    n = next(_seq)
    values: dict[str, Any] = dict(
        platform=platform,
        platform_account_id=f"acct{n}",
        handle=f"warga{n}",
        display_name=f"Warga Rekaan {n}",
        bio="Suka kopi dan sepeda",
    )
    values.update(kw)
    acc = Account(**values)
    session.add(acc)
    session.flush()
    return acc


def post(
    session: Session,
    acc: Account | None = None,
    text: str = "Selamat pagi Surabaya",
    posted_at: datetime | None = None,
    **kw: Any,
) -> Post:
    n = next(_seq)
    acc = acc or account(session)
    values: dict[str, Any] = dict(
        platform=acc.platform,
        platform_post_id=f"p{n}",
        account_id=acc.id,
        text=text,
        url=f"https://contoh.invalid/p/{n}",
        posted_at=posted_at or utcnow() - timedelta(hours=n),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        origin=PostOrigin.CRAWL,
    )
    values.update(kw)
    p = Post(**values)
    session.add(p)
    session.flush()
    return p


def review_item(
    session: Session,
    region: str | None = "35.78",
    priority: float = 0.5,
    text: str = "Ayo coblos nomor 2! #Hendi2",
    **kw: Any,
) -> ReviewItem:
    p = kw.pop("post", None) or post(session, text=text, region_code=region)
    c = Classification(
        post_id=p.id,
        model_version="test",
        partisan_score=0.9,
        asn_score=0.8,
        priority=priority,
        flagged=True,
        thresholds={"partisan": 0.5, "asn": 0.5},
    )
    session.add(c)
    session.flush()
    item = ReviewItem(
        post_id=p.id, classification_id=c.id, priority=priority, region_code=region, **kw
    )
    session.add(item)
    session.flush()
    return item


def contest(
    session: Session,
    code: str = "PILWALKOT-3578-2026",
    *,
    name: str = "Pemilihan Wali Kota Rekaan 2026",
    region: str | None = "35.78",
    election: date = date(2026, 11, 25),
    campaign: tuple[date, date] = (date(2026, 9, 1), date(2026, 11, 21)),
    pairs: Sequence[dict[str, Any]] = (
        {"names": ["Budi Rekaan", "Sari Rekaan"]},
        {"names": ["Joko Rekaan", "Tini Rekaan"]},
    ),
) -> Contest:
    """A contest with its candidate pairs numbered 1, 2, ... (the one place tests seed them)."""
    row = Contest(
        code=code,
        name=name,
        level=code.split("-", 1)[0].lower(),
        region_code=region,
        election_date=election,
        campaign_start=campaign[0],
        campaign_end=campaign[1],
    )
    session.add(row)
    session.flush()
    session.add_all(
        Candidate(contest_id=row.id, number=number, **pair)
        for number, pair in enumerate(pairs, start=1)
    )
    session.flush()
    return row
