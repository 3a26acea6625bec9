"""Issue 16, finding 5: a public report's URL must not make the server fetch our own
network, pass userinfo as Basic auth, or tell an open port from a closed one."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from sqlalchemy import func, select

from crawlers.safe_fetch import is_public
from pantau.models import Post
from pantau.settings import get_settings


class Recorder(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        Recorder.seen.append((self.path, self.headers.get("Authorization", "")))
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def internal() -> Iterator[int]:
    """An 'internal service' on loopback that records every request it gets."""
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _report(ui, url: str):
    analyst = ui.client_for("analyst")
    return analyst.post_form("/reports", {"url": url})


def _message(text: str) -> str:
    start = text.index('role="alert"')
    return text[start : text.index("<", start)]


def test_a_report_url_naming_an_internal_host_is_never_fetched(ui, internal):
    response = _report(ui, f"http://user:pass@127.0.0.1:{internal}/@x/123")
    assert response.status_code == 422
    assert Recorder.seen == []
    closed = _report(ui, f"http://127.0.0.1:{_closed_port()}/@x/123")
    # Open port, closed port, unknown host: one answer, so nothing can be scanned.
    assert _message(closed.text) == _message(response.text)
    with ui.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Post)) == 0


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_configured_instance_on_a_private_address_is_refused_after_dns(
    ui, internal, monkeypatch, host
):
    monkeypatch.setenv("PANTAU_MASTODON_DEFAULT_INSTANCE", f"http://{host}:{internal}")
    get_settings.cache_clear()
    response = _report(ui, f"http://{host}:{internal}/@x/123")
    assert response.status_code == 422
    assert Recorder.seen == []


def test_the_replay_setting_allows_loopback_but_never_sends_userinfo(ui, internal, monkeypatch):
    monkeypatch.setenv("PANTAU_MASTODON_DEFAULT_INSTANCE", f"http://127.0.0.1:{internal}")
    monkeypatch.setenv("PANTAU_CAPTURE_ALLOW_PRIVATE", "1")
    get_settings.cache_clear()
    response = _report(ui, f"http://user:pass@127.0.0.1:{internal}/@x/123")
    assert response.status_code == 422  # the recorder answers 404
    assert Recorder.seen == [("/api/v1/statuses/123", "")]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("fd00:ec2::254", False),
        ("fe80::1", False),
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
    ],
)
def test_address_classes(address: str, public: bool) -> None:
    assert is_public(address) is public
