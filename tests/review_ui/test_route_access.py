"""Walk every registered route with every role and check who gets in.

The walk iterates app.routes, so routes other engineers add later are covered too. Give
a new path prefix its allowed roles in ACCESS (longest matching prefix wins); anything
not listed is open to every logged-in role. Anonymous users get only PUBLIC.
"""

from __future__ import annotations

import re

import pytest
from fastapi.routing import iter_route_contexts

ROLES = ("analyst", "supervisor", "admin")
ALL = frozenset(ROLES)
SUPERVISORS = frozenset({"supervisor", "admin"})
ADMINS = frozenset({"admin"})

# Path prefix -> roles allowed. Other engineers: add your prefixes here.
ACCESS: dict[str, frozenset[str]] = {
    "/escalations": SUPERVISORS,
    "/admin": ADMINS,
    "/audit": SUPERVISORS,
    "/cases/{case_id}/requeue": SUPERVISORS,
    # Case outcomes: supervisors and admins only (issue 16).
    "/cases/{case_id}/follow-up": SUPERVISORS,
    "/cases/follow-up": SUPERVISORS,
    "/cases/{case_id}/send-now": SUPERVISORS,
}
# Public routes and what an anonymous request with an empty form gets from them.
PUBLIC = {("GET", "/login"): 200, ("POST", "/login"): 401, ("GET", "/healthz"): 200}
PARAM = re.compile(r"{([^}:]+)(:[^}]+)?}")


def allowed_roles(path: str) -> frozenset[str]:
    matches = [p for p in ACCESS if path == p or path.startswith(p.rstrip("/") + "/")]
    return ACCESS[max(matches, key=len)] if matches else ALL


def walk(app) -> list[tuple[str, str]]:
    routes = []
    for route in iter_route_contexts(app.routes):
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                routes.append((method, route.path))
    return routes


def concrete(path: str) -> str:
    # A large id: the access check must come before (and regardless of) the lookup.
    return PARAM.sub("987654", path)


def call(client, method: str, path: str, csrf: str | None):
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    return client.request(method, concrete(path), headers=headers, data={})


def test_the_walk_sees_the_routes_we_know(ui):
    routes = walk(ui.app)
    for known in [("GET", "/queue"), ("POST", "/items/{item_id}/decide"), ("GET", "/escalations")]:
        assert known in routes
    assert len(routes) >= 15


def test_anonymous_gets_only_login_and_health(ui):
    client = ui.client()
    client.refresh_csrf()
    for method, path in walk(ui.app):
        response = call(client, method, path, client.csrf)
        if (method, path) in PUBLIC:
            assert response.status_code == PUBLIC[method, path], (method, path)
            continue
        assert response.status_code == 303, (method, path, response.status_code)
        assert response.headers["location"].startswith("/login"), (method, path)
        htmx = client.request(method, concrete(path), headers={"HX-Request": "true"})
        assert htmx.status_code in (401, 403), (method, path)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_routes(ui, role):
    client = ui.client_for(role)
    cookies = dict(client.cookies)
    for method, path in walk(ui.app):
        if path == "/logout" or (method, path) == ("POST", "/login"):
            continue  # would end or replace this client's session; covered in test_auth
        client.cookies.clear()
        client.cookies.update(cookies)
        response = call(client, method, path, client.csrf)
        location = response.headers.get("location", "")
        assert not location.startswith("/login"), (role, method, path, location)
        if role in allowed_roles(path):
            assert response.status_code not in (401, 403), (role, method, path)
        else:
            assert response.status_code == 403, (role, method, path, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_state_changes_without_a_token_are_refused_everywhere(ui, role):
    client = ui.client_for(role)
    for method, path in walk(ui.app):
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            response = call(client, method, path, None)
            assert response.status_code == 403, (role, method, path, response.status_code)
