"""Issue 16, findings 1-3 and the Secure/HSTS setting: lockout race, logout that really
ends the session, failed logins that hold no lock, and messages that reveal no usernames."""

from __future__ import annotations

import re
import sqlite3
import threading

import factories as f
import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from ui_helpers import CSRF_RE, login

from pantau import audit
from pantau.models import AuditEvent, User
from pantau.settings import get_settings
from pantau.users import disable_user
from review_ui.app import create_app
from review_ui.login_throttle import THROTTLE
from review_ui.logins import attempt
from review_ui.sessions import COOKIE_NAME

WRONG = "salah-sekali-123"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    THROTTLE.reset()
    yield
    THROTTLE.reset()


def _user(ui, name: str = "analyst") -> User:
    with ui.db.session() as s:
        return s.scalars(select(User).where(User.username == name)).one()


def _count(ui, action: str) -> int:
    with ui.db.session() as s:
        return s.scalar(select(func.count()).where(AuditEvent.action == action)) or 0


def _burst(base_url: str, username: str, n: int) -> list[int]:
    """n logins with a wrong password, released at the same moment from n threads."""
    clients = [httpx.Client(base_url=base_url, timeout=120) for _ in range(n)]
    tokens = []
    for client in clients:
        found = CSRF_RE.search(client.get("/login").text)
        assert found
        tokens.append(found.group(1))
    barrier = threading.Barrier(n)
    statuses: list[int] = [0] * n

    def post(i: int) -> None:
        barrier.wait()
        form = {"csrf_token": tokens[i], "username": username, "password": WRONG}
        statuses[i] = clients[i].post("/login", data=form).status_code

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for client in clients:
        client.close()
    return statuses


def test_forty_parallel_wrong_passwords_lock_the_account(live_server):
    """Finding 1: read-increment-write lost updates on PostgreSQL (3 of 40 counted)."""
    ui = live_server.ui
    statuses = _burst(live_server.url, "analyst", 40)
    assert statuses == [401] * 40
    user = _user(ui)
    assert user.locked_until is not None
    assert _count(ui, "auth.lockout") == 1  # counted once: later ones see the lock
    assert _count(ui, "auth.login_failed") == ui.db.settings.login_max_failures
    # A second burst against the locked account: no pool exhaustion, no 500.
    assert _burst(live_server.url, "analyst", 40) == [401] * 40
    with ui.db.session() as s:
        assert audit.verify(s).ok


def test_logout_ends_the_session_for_a_replayed_cookie(ui):
    """Finding 2: the signed cookie kept working after logout."""
    client = ui.client_for("analyst")
    stolen = client.cookies.get(COOKIE_NAME)
    assert client.post_form("/logout").status_code == 303
    replay = ui.client()
    replay.cookies.set(COOKIE_NAME, stolen)
    response = replay.get("/queue")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_disabling_a_user_ends_their_sessions(ui):
    client = ui.client_for("analyst")
    with ui.db.session() as s:
        disable_user(s, s.get(User, ui.user_ids["analyst"]))
        s.commit()
    with ui.db.session() as s:  # enabling again must not revive the old cookie
        s.get(User, ui.user_ids["analyst"]).active = True
        s.commit()
    assert client.get("/queue").status_code == 303


def test_a_failed_login_is_throttled_without_touching_the_database(ui, monkeypatch):
    """Finding 3: failures slept (up to 5 s) inside their write transaction."""
    monkeypatch.setenv("PANTAU_LOGIN_DELAY_S", "30")
    get_settings.cache_clear()
    ui.app.state.settings = get_settings()
    client = ui.client()
    assert login(client, "analyst", WRONG).status_code == 401
    before = (_user(ui).failed_logins, _count(ui, "auth.login_failed"))
    for name in ("analyst", "admin", "tidak-ada"):  # same address: every name waits
        refused = login(client, name, WRONG)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "Tunggu" in refused.text
    assert (_user(ui).failed_logins, _count(ui, "auth.login_failed")) == before


def test_a_throttled_login_answers_while_the_database_is_locked(ui, monkeypatch, backend):
    if backend != "sqlite":
        pytest.skip("the SQLite write lock is the one a sleeping login used to hold")
    monkeypatch.setenv("PANTAU_LOGIN_DELAY_S", "30")
    monkeypatch.setenv("PANTAU_SQLITE_BUSY_TIMEOUT_MS", "200")
    get_settings.cache_clear()
    ui.app.state.settings = get_settings()
    client = ui.client()
    assert login(client, "analyst", WRONG).status_code == 401
    holder = sqlite3.connect(make_url(ui.db.url).database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert login(client, "analyst", WRONG).status_code == 429
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_throttle_is_per_username_and_per_address(ui, monkeypatch):
    monkeypatch.setenv("PANTAU_LOGIN_DELAY_S", "30")
    get_settings.cache_clear()
    settings = get_settings()
    with ui.db.session() as s:
        assert attempt(s, "analyst", WRONG, settings, "10.0.0.1").retry_after_s == 0
        # Another address, same name: throttled. Same address, another name: throttled.
        assert attempt(s, "analyst", WRONG, settings, "10.0.0.2").retry_after_s > 0
        assert attempt(s, "supervisor", WRONG, settings, "10.0.0.1").retry_after_s > 0
        # Neither seen before: goes through.
        assert attempt(s, "supervisor", f.PASSWORD, settings, "10.0.0.3").user is not None


def _without_time(text: str) -> str:
    found = re.search(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', text, re.S)
    message = found.group(1) if found else text
    return re.sub(r"\d{1,2}[.:]\d{2}", "HH:MM", message).strip()


def test_lockout_message_does_not_reveal_which_usernames_exist(ui):
    client = ui.client()
    answers = {}
    for name in ("analyst", "bukan-pengguna"):
        for _ in range(ui.db.settings.login_max_failures):
            response = login(client, name, WRONG)
        assert response.status_code == 401 and "dikunci sementara" in response.text
        answers[name] = _without_time(response.text)
        again = login(client, name, f.PASSWORD if name == "analyst" else WRONG)
        assert "dikunci sementara" in again.text
    assert answers["analyst"] == answers["bukan-pengguna"]


def test_force_https_makes_cookies_secure_and_sends_hsts(ui):
    settings = ui.db.settings.model_copy(update={"force_https": True})
    ui.app = create_app(settings)
    response = ui.client().get("/login")  # plain http, as behind an untrusted proxy
    assert "Secure" in response.headers["set-cookie"]
    assert response.headers["strict-transport-security"].startswith("max-age=")
