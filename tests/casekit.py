"""Builders for case tests: confirmed items, evidence on disk, cases moved by the real state
machine. Every name is invented."""

from __future__ import annotations

import hashlib
import io
import itertools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import factories as f
from sqlalchemy.orm import Session
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pantau import cases, review, review_decisions
from pantau.case_intake import create_case
from pantau.models import (
    Account,
    Case,
    CivilServant,
    Decision,
    Evidence,
    EvidenceKind,
    Post,
    ReviewItem,
    ReviewStatus,
    Role,
    User,
    Verdict,
)
from pantau.review import Decide
from pantau.settings import get_settings


@dataclass
class World:
    analyst: User
    supervisor: User
    other_supervisor: User
    civil_servant: CivilServant
    account: Account


_users = itertools.count(1)


def _user(session: Session, role: Role, scope: str | None, login: bool) -> User:
    if login:  # a real argon2 hash, for browser tests (factories.PASSWORD)
        return f.user(session, role, scope=scope)
    # Hashing is slow on a busy machine; these users never log in.
    n = next(_users)
    user = User(
        username=f"kasus_{role.value}{n}",
        full_name=f"Petugas Rekaan {role.value.title()} {n}",
        role=role,
        region_scope=scope,
        password_hash="!",
    )
    session.add(user)
    session.flush()
    return user


def world(session: Session, region: str = "35.78", *, login: bool = False) -> World:
    cs = f.civil_servant(session, region=region, name="Sri Rekaan Wulandari")
    acc = f.account(session, handle="sriwulan_rekaan", display_name="Sri W.")
    acc.civil_servant_id = cs.id
    session.flush()
    return World(
        analyst=_user(session, Role.ANALYST, region, login),
        supervisor=_user(session, Role.SUPERVISOR, region, login),
        other_supervisor=_user(session, Role.SUPERVISOR, None, login),
        civil_servant=cs,
        account=acc,
    )


def confirmed_item(
    session: Session,
    analyst: User,
    account: Account,
    *,
    code: str = "NTR-02",
    region: str = "35.78",
    text: str = "Ayo coblos nomor 2, demi Surabaya maju! #PaslonRekaan2",
    posted_at: datetime | None = None,
) -> ReviewItem:
    post = f.post(session, account, text=text, region_code=region, posted_at=posted_at)
    post.raw = {"id": post.platform_post_id, "content": text, "account": account.handle}
    item = f.review_item(session, region=region, post=post)
    review.claim(session, item.id, analyst)
    confirm = Decide(Verdict.CONFIRM, violation_code=code, position_category="FUNGSIONAL")
    review_decisions.decide(session, item.id, analyst, confirm, expected_version=item.version)
    return item


def quick_confirmed_item(
    session: Session, analyst: User, account: Account, *, code: str = "NTR-02"
) -> ReviewItem:
    """Bulk set-up for delivery tests: the rows a confirmation leaves (status + decision),
    written directly instead of through claim and decide."""
    post = f.post(session, account, text="Coblos nomor 2!", region_code="35.78")
    item = f.review_item(session, post=post, status=ReviewStatus.CONFIRMED)
    session.add(
        Decision(
            review_item_id=item.id,
            reviewer_id=analyst.id,
            verdict=Verdict.CONFIRM,
            violation_code=code,
            position_category="FUNGSIONAL",
        )
    )
    session.flush()
    return item


def approved_cases(session: Session, w: World, n: int) -> list[Case]:
    """n approved one-post cases; the case moves themselves go through the state machine."""
    made = []
    for _ in range(n):
        item = quick_confirmed_item(session, w.analyst, w.account)
        case = create_case(session, w.analyst, [item.id])
        cases.submit(session, case.id, w.analyst, expected_version=case.version)
        cases.approve(session, case.id, w.supervisor, expected_version=case.version)
        made.append(case)
    return made


def warc_evidence(session: Session, post: Post, body: bytes | None = None) -> Evidence:
    """Append one gzipped WARC response record for the post under settings.evidence_dir."""
    body = body or f'{{"id": "{post.platform_post_id}", "content": "{post.text}"}}'.encode()
    rel = Path("warc") / "run-test.warc.gz"
    path = get_settings().evidence_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as fh:
        offset = fh.tell()
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "application/json")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            post.url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
        length = fh.tell() - offset
    with path.open("rb") as fh:
        fh.seek(offset)
        data = fh.read(length)
    ev = Evidence(
        post_id=post.id,
        kind=EvidenceKind.WARC,
        path=str(rel),
        offset=offset,
        length=length,
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        url=post.url,
        sha256=hashlib.sha256(data).hexdigest(),
        size=length,
    )
    session.add(ev)
    session.flush()
    return ev


def draft_case(
    session: Session, w: World, n_posts: int = 2, *, evidence: bool = False, **kw: object
) -> Case:
    items = [confirmed_item(session, w.analyst, w.account) for _ in range(n_posts)]
    if evidence:
        for item in items:
            warc_evidence(session, item.post)
    return create_case(session, w.analyst, [i.id for i in items], **kw)  # type: ignore[arg-type]


def approved_case(session: Session, w: World, n_posts: int = 2, *, evidence: bool = False) -> Case:
    case = draft_case(session, w, n_posts, evidence=evidence)
    cases.submit(session, case.id, w.analyst, expected_version=case.version)
    cases.approve(session, case.id, w.supervisor, expected_version=case.version)
    return case
