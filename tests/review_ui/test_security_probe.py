"""The outside probe of issue 16 as ONE parametrised test, re-measured on every run:
routes x roles, forged requests, hostile payloads, GETs that change nothing, racing claims.

Routes come from app.routes (test_route_access's walk), so routes added later are probed
too. Each probe asserts its finding never comes back and prints what it measured."""

from __future__ import annotations

import re
import threading

import casekit as k
import factories as f
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from test_route_access import PUBLIC, allowed_roles, concrete, walk

from pantau import review
from pantau.models import Base, ReviewItem, Role, User

ROLES = ("analyst", "analyst_jkt", "supervisor", "admin")
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
SKIP = {("POST", "/logout"), ("POST", "/login")}  # would end or replace the session
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}{% raw %}",
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "a\r\nSet-Cookie: x=1",
    '=HYPERLINK("http://evil.example")',
    "\u202egnp.exe",
    "x" * 2000,
    "-1",
    "99999999999999999999999",
]
# Query and form fields the routes read, each filled with the payload.
FIELDS = (
    "q", "status", "region", "account", "platform", "date_from", "date_to", "next",
    "pesan", "url", "note", "summary", "nip", "username", "version", "reason", "item",
)  # fmt: skip
PARAM = re.compile(r"{([^}:]+)(:[^}]+)?}")


def _probe_access(ui) -> str:
    n = 0
    anonymous = ui.client()
    anonymous.refresh_csrf()
    for method, path in walk(ui.app):
        r = anonymous.request(method, concrete(path), headers={"X-CSRF-Token": anonymous.csrf})
        want = PUBLIC.get((method, path))
        assert (r.status_code == want) if want else r.status_code in (303, 401), (method, path)
        n += 1
    for role in ROLES:
        client = ui.client_for(role)
        cookies = dict(client.cookies)
        for method, path in walk(ui.app):
            if (method, path) in SKIP:
                continue
            client.cookies.clear()
            client.cookies.update(cookies)
            headers = {"X-CSRF-Token": client.csrf}
            r = client.request(method, concrete(path), headers=headers, data={})
            name = role.removesuffix("_jkt")
            if name not in allowed_roles(path):
                assert r.status_code == 403, (role, method, path, r.status_code)
            assert r.status_code < 500, (role, method, path, r.status_code)
            n += 1
    return f"{n} route x role requests"


def _probe_csrf(ui) -> str:
    n = 0
    for role in ROLES:
        client = ui.client_for(role)
        for method, path in walk(ui.app):
            if method not in UNSAFE:
                continue
            for headers in (
                {},
                {"X-CSRF-Token": "palsu"},
                {"X-CSRF-Token": client.csrf, "Origin": "http://evil.example"},
            ):
                r = client.request(method, concrete(path), headers=headers, data={})
                assert r.status_code == 403, (role, method, path, headers, r.status_code)
                n += 1
    return f"{n} forged requests refused"


def _probe_hostile(ui) -> str:
    n = 0
    client = ui.client_for("admin")
    cookies = dict(client.cookies)
    for method, path in walk(ui.app):
        if (method, path) in SKIP:
            continue
        for payload in PAYLOADS:
            client.cookies.clear()
            client.cookies.update(cookies)
            url = PARAM.sub("1", path)
            fields = {name: payload for name in FIELDS}
            if method == "GET":
                r = client.get(url, params=fields)
            else:
                r = client.request(method, url, headers={"X-CSRF-Token": client.csrf}, data=fields)
            assert r.status_code < 500, (method, path, payload[:40], r.status_code)
            if r.headers.get("content-type", "").startswith("text/html"):
                assert "<script>alert(1)" not in r.text, (method, path)
                assert "<img src=x onerror" not in r.text, (method, path)
            assert "x=1" not in r.headers.get("set-cookie", ""), (method, path)
            n += 1
    return f"{n} hostile requests, no 500 and nothing reflected raw"


def _counts(session: Session) -> dict[str, int]:
    return {
        t.name: session.scalar(select(func.count()).select_from(t)) or 0
        for t in Base.metadata.sorted_tables
        if t.name != "audit_events"  # downloads are audited on purpose
    }


def _probe_get_is_safe(ui) -> str:
    with ui.db.session() as s:
        w = k.world(s)
        case = k.approved_case(s, w, evidence=True)
        item = s.scalars(select(ReviewItem.id)).first()
        ids = {"item_id": item, "account_id": w.account.id, "case_id": case.id}
        s.commit()
    n = 0
    for role in ("supervisor", "admin"):
        client = ui.client_for(role)
        with ui.db.session() as s:
            before = _counts(s)
        for method, path in walk(ui.app):
            if method != "GET":
                continue
            url = PARAM.sub(lambda m: str(ids.get(m.group(1), 1)), path)
            client.get(url)
            n += 1
        with ui.db.session() as s:
            assert _counts(s) == before, role
    return f"{n} GETs changed no table"


def _probe_claim_race(ui) -> str:
    with ui.db.session() as s:
        users = [
            User(username=f"balap{i}", full_name=f"Balap {i}", role=Role.ANALYST,
                 region_scope="35.78", password_hash="!")
            for i in range(20)
        ]  # fmt: skip
        s.add_all(users)
        item = f.review_item(s, region="35.78")
        s.commit()
        item_id, user_ids = item.id, [u.id for u in users]
    barrier = threading.Barrier(len(user_ids))
    won: list[int] = []

    def race(uid: int) -> None:
        with ui.db.session() as s:
            barrier.wait()
            try:
                review.claim(s, item_id, s.get_one(User, uid))
                s.commit()
                won.append(uid)
            except review.ReviewError:
                s.rollback()

    threads = [threading.Thread(target=race, args=(uid,)) for uid in user_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1, won
    with ui.db.session() as s:
        assert s.get_one(ReviewItem, item_id).claimed_by_id == won[0]
    return f"{len(user_ids)} racing claims, 1 winner"


PROBES = {
    "access": _probe_access,
    "csrf": _probe_csrf,
    "hostile": _probe_hostile,
    "get_is_safe": _probe_get_is_safe,
    "claim_race": _probe_claim_race,
}


@pytest.mark.parametrize("probe", PROBES)
def test_probe(ui, probe):
    print(f"probe {probe}: {PROBES[probe](ui)}")
