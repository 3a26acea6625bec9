"""Login, logout, session cookies, lockout, CSRF and security headers."""

from __future__ import annotations

import os
import re
import stat
import time

import factories as f
import pytest
from sqlalchemy import select
from ui_helpers import login

from pantau.models import AuditEvent, User
from pantau.settings import Settings
from pantau.users import set_password
from review_ui.security import secret_key
from review_ui.sessions import COOKIE_NAME, SessionCodec, SessionData


def _actions(ui, username: str) -> list[str]:
    with ui.db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.actor == username)
                .order_by(AuditEvent.id)
            )
        )


def test_login_sets_a_hardened_cookie_and_audits(ui):
    client = ui.client()
    response = login(client, "analyst")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(COOKIE_NAME + "=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))
    assert 36000 - 60 < max_age <= 36000  # session_hours = 10
    assert "Secure" not in cookie  # plain http here
    assert client.get("/queue").status_code == 200
    assert "auth.login" in _actions(ui, "analyst")


def test_cookie_is_secure_over_https(ui):
    client = ui.client()
    client.base_url = client.base_url.copy_with(scheme="https")
    response = login(client, "analyst")
    assert "Secure" in response.headers["set-cookie"]


def test_wrong_password_is_refused_without_saying_which_part(ui):
    client = ui.client()
    for username in ("analyst", "nobody-here"):
        response = login(client, username, "salah-sekali-123")
        assert response.status_code == 401
        assert "Nama pengguna atau kata sandi salah" in response.text
    assert client.get("/queue").status_code == 303
    assert _actions(ui, "analyst") == ["auth.login_failed"]


def test_repeated_failures_lock_the_account_even_for_the_right_password(ui):
    client = ui.client()
    for _ in range(ui.db.settings.login_max_failures):
        response = login(client, "analyst", "salah-sekali-123")
    assert "dikunci sementara" in response.text
    assert login(client, "analyst").status_code == 401  # right password, still locked
    actions = _actions(ui, "analyst")
    assert actions.count("auth.login_failed") == ui.db.settings.login_max_failures
    assert actions[-1] == "auth.lockout"
    with ui.db.session() as s:
        user = s.scalars(select(User).where(User.username == "analyst")).one()
        assert user.locked_until is not None


def test_logout_ends_the_session_and_is_audited(ui):
    client = ui.client_for("analyst")
    old_cookie = client.cookies.get(COOKIE_NAME)
    response = client.post_form("/logout")
    assert response.status_code == 303
    assert client.get("/queue").status_code == 303
    assert _actions(ui, "analyst")[-1] == "auth.logout"
    assert client.cookies.get(COOKIE_NAME) != old_cookie


def test_password_reset_ends_existing_sessions(ui):
    client = ui.client_for("analyst")
    with ui.db.session() as s:
        set_password(s, s.get(User, ui.user_ids["analyst"]), "kata-sandi-baru-456")
        s.commit()
    response = client.get("/queue")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_session_expires_after_session_hours():
    codec = SessionCodec("k" * 40, max_age_s=3600)
    data = SessionData()
    data.log_in(7, "hash")
    raw = codec.dump(data)
    assert codec.load(raw).uid == 7
    assert codec.load(raw, now=time.time() + 3601).uid is None
    assert codec.load(raw[:-2] + "xx").uid is None  # tampered signature


def test_anonymous_is_sent_to_login_with_a_safe_next(ui):
    client = ui.client()
    response = client.get("/queue?status=queued")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fqueue%3Fstatus%3Dqueued"
    htmx = client.get("/queue", headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"] == "/login"
    client.refresh_csrf()
    evil = client.post_form(
        "/login", {"username": "analyst", "password": f.PASSWORD, "next": "//evil.example/"}
    )
    assert evil.headers["location"] == "/"


def test_posts_without_a_csrf_token_are_refused(ui):
    client = ui.client_for("analyst")
    assert client.post("/logout").status_code == 403
    assert client.post("/logout", data={"csrf_token": "palsu"}).status_code == 403
    wrong_origin = client.post(
        "/logout", headers={"X-CSRF-Token": client.csrf, "Origin": "http://evil.example"}
    )
    assert wrong_origin.status_code == 403
    assert client.post("/logout", headers={"X-CSRF-Token": client.csrf}).status_code == 303


def test_login_form_itself_needs_the_token(ui):
    client = ui.client()
    response = client.post("/login", data={"username": "analyst", "password": f.PASSWORD})
    assert response.status_code == 403
    assert "Token keamanan" in response.text


def test_security_headers_on_pages_errors_and_static(ui):
    client = ui.client()
    for path in ("/login", "/tidak-ada", "/static/app.js", "/healthz"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_health_is_public(ui):
    response = ui.client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_secret_key_is_generated_once_with_owner_only_mode(tmp_path):
    settings = Settings(data_dir=tmp_path, secret_key="")
    first = secret_key(settings)
    assert first == secret_key(settings) and len(first) >= 32
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_a_short_secret_key_file_is_refused(tmp_path):
    (tmp_path / "secret_key").write_text("short")
    with pytest.raises(RuntimeError, match="no usable secret key"):
        secret_key(Settings(data_dir=tmp_path, secret_key=""))
