"""Review UI fixtures: the app on a fresh database, clients logged in per role, a live
uvicorn server in a thread, and Playwright on Debian's Chromium.

    def test_x(ui):                       # app + TestClient helpers on fresh_db
        analyst = ui.client_for("analyst")  # logged in; analyst.csrf for POSTs
    def test_y(live_server, page):        # a real browser against a real server
        browser_login(page, live_server.url, "analyst")
"""

from __future__ import annotations

import functools
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import factories as f
import pytest
import uvicorn
from fastapi import FastAPI

from pantau.models import Role, User
from pantau.settings import get_settings
from pantau.users import hash_password
from review_ui.app import create_app

sys.path.insert(0, str(Path(__file__).parent))

from ui_helpers import UiClient, login

# Every test user has factories.PASSWORD; the names are what tests log in with.
USERS: dict[str, tuple[Role, str | None]] = {
    "analyst": (Role.ANALYST, "35.78"),  # Kota Surabaya
    "analyst2": (Role.ANALYST, "35.78"),
    "analyst_jkt": (Role.ANALYST, "31"),  # DKI Jakarta: sees nothing of Surabaya
    "supervisor": (Role.SUPERVISOR, None),
    "admin": (Role.ADMIN, None),
}


@pytest.fixture(autouse=True)
def _fast_login_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    # The slowdown after a failed login is real code, but 0.5 s per failure adds up in tests.
    monkeypatch.setenv("PANTAU_LOGIN_DELAY_S", "0")
    get_settings.cache_clear()


@dataclass
class Ui:
    app: FastAPI
    db: Any  # tests/conftest.py FreshDb
    user_ids: dict[str, int]
    clients: list[UiClient] = field(default_factory=list)

    def client(self) -> UiClient:
        client = UiClient(self.app, follow_redirects=False)
        client.__enter__()
        self.clients.append(client)
        return client

    def client_for(self, username: str) -> UiClient:
        client = self.client()
        response = login(client, username)
        assert response.status_code == 303, response.text
        return client

    def close(self) -> None:
        for client in self.clients:
            client.__exit__(None, None, None)


@functools.cache
def _password_hash() -> str:
    # argon2 is slow on purpose; hash the shared test password once per run.
    return hash_password(f.PASSWORD)


def make_users(db: Any) -> dict[str, int]:
    with db.session() as session:
        users = {
            name: User(
                username=name,
                full_name=f"Pengguna Uji {name.title()}",
                role=role,
                region_scope=scope,
                password_hash=_password_hash(),
            )
            for name, (role, scope) in USERS.items()
        }
        session.add_all(users.values())
        session.commit()
        return {name: user.id for name, user in users.items()}


@pytest.fixture
def ui(fresh_db: Any) -> Iterator[Ui]:
    state = Ui(create_app(fresh_db.settings), fresh_db, make_users(fresh_db))
    yield state
    state.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    ui: Ui


@pytest.fixture
def live_server(ui: Ui) -> Iterator[LiveServer]:
    """The app served by a real uvicorn in a thread on a free loopback port."""
    port = _free_port()
    config = uvicorn.Config(ui.app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", ui)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # `playwright install` cannot download browsers here: use Debian's Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
