"""Helpers the review UI tests import: a CSRF-aware TestClient and login helpers."""

from __future__ import annotations

import re
from typing import Any

import factories as f
from fastapi.testclient import TestClient

CSRF_RE = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class UiClient(TestClient):
    """A TestClient that remembers its session's CSRF token."""

    csrf: str = ""

    def refresh_csrf(self) -> str:
        found = CSRF_RE.search(self.get("/login").text) or CSRF_RE.search(self.get("/queue").text)
        assert found, "no csrf-token meta on the page"
        self.csrf = found.group(1)
        return self.csrf

    def post_form(self, url: str, data: dict[str, Any] | None = None, **kw: Any) -> Any:
        return self.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kw)


def login(client: UiClient, username: str, password: str = f.PASSWORD) -> Any:
    client.refresh_csrf()
    response = client.post_form(
        "/login", {"username": username, "password": password}, follow_redirects=False
    )
    if response.status_code == 303:
        client.refresh_csrf()
    return response


def browser_login(page: Any, base_url: str, username: str, password: str = f.PASSWORD) -> None:
    page.goto(base_url + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"^(?!.*/login).*$"))
