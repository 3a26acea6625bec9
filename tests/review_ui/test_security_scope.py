"""Issue 16, finding 4: an analyst of another region reaches nothing by id.

The walk takes every route from app.routes whose path names an item, account, case or
evidence id, so routes added later are covered too."""

from __future__ import annotations

import re

import casekit
import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import select

from pantau.models import Evidence, ReviewItem

PARAM = re.compile(r"{([^}:]+)(:[^}]+)?}")
SCOPED = {"item_id", "account_id", "case_id", "evidence_id"}


@pytest.fixture
def surabaya(ui):
    """A case with evidence, its items and account, all in Kota Surabaya (35.78)."""
    with ui.db.session() as s:
        w = casekit.world(s)
        case = casekit.approved_case(s, w, evidence=True)
        post = case.posts[0]
        ids = {
            "item_id": s.scalars(select(ReviewItem.id).where(ReviewItem.post_id == post.id)).one(),
            "account_id": w.account.id,
            "case_id": case.id,
            "evidence_id": s.scalars(select(Evidence.id)).first(),
        }
        secrets = [w.account.handle, w.civil_servant.name, w.civil_servant.nip]
        s.commit()
    return ids, secrets


def _scoped_routes(app) -> list[tuple[str, str]]:
    out = []
    for route in iter_route_contexts(app.routes):
        names = {m.group(1) for m in PARAM.finditer(route.path)}
        if names and names <= SCOPED:
            out += [(m, route.path) for m in sorted(route.methods or ()) if m != "HEAD"]
    return out


def test_every_route_taking_an_id_refuses_an_analyst_of_another_region(ui, surabaya):
    ids, secrets = surabaya
    client = ui.client_for("analyst_jkt")
    routes = _scoped_routes(ui.app)
    assert len(routes) >= 15
    leaks = []
    for method, path in routes:
        url = PARAM.sub(lambda m: str(ids[m.group(1)]), path)
        response = client.request(method, url, headers={"X-CSRF-Token": client.csrf}, data={})
        # A POST with an empty form may stop at validation (422) before any lookup.
        refused = (403, 404) if method == "GET" else (403, 404, 422)
        if response.status_code not in refused or any(x in response.text for x in secrets):
            leaks.append((method, path, response.status_code))
    assert leaks == []


def test_queue_account_filter_uses_the_account_visibility_check(ui, surabaya):
    ids, secrets = surabaya
    page = ui.client_for("analyst_jkt").get(f"/queue?account={ids['account_id']}")
    assert page.status_code == 200
    assert not any(x in page.text for x in secrets)
    own = ui.client_for("supervisor").get(f"/queue?account={ids['account_id']}")
    assert secrets[0] in own.text  # the banner still works for those who may see it
