"""The replay HTTP server: routing, faults, the request log; in a thread or in the foreground."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from crawlers.replay import control, faults
from crawlers.replay.platforms import bluesky, mastodon, media, rss, telegram, x, youtube
from crawlers.replay.store import Store
from crawlers.replay.warm import warm
from crawlers.replay.web import Context, Request, Response, Route, json_response

# Credentials the replay server accepts (pass others to ReplayServer to change them).
DEFAULT_SECRETS = {
    "bluesky_password": "replay-app-password",
    "x_bearer": "replay-bearer-token",
    "youtube_key": "replay-api-key",
}
PLATFORM_ROUTES: list[Route] = [
    *mastodon.ROUTES,
    *bluesky.ROUTES,
    *rss.ROUTES,
    *x.ROUTES,
    *youtube.ROUTES,
    *media.ROUTES,
    *telegram.ROUTES,  # last: its /<channel>/<id> pattern is the loosest
]


class App:
    """Everything but the sockets: the data, the faults, the log, and the routing."""

    def __init__(
        self, scale: int | None = None, seed: int = 0, secrets: dict[str, str] | None = None
    ):
        self.scale, self.seed = scale, seed
        self.secrets = {**DEFAULT_SECRETS, **(secrets or {})}
        self.faults = faults.Faults()
        self.log: deque[dict[str, Any]] = deque(maxlen=200_000)
        self.counter = 0
        self.routes = [
            (method, re.compile(pattern + r"/?"), handler)
            for method, pattern, handler in [*control.ROUTES, *PLATFORM_ROUTES]
        ]
        self.reset()

    def reset(self) -> None:
        if self.scale is None:
            store = Store.sample()
        else:
            from crawlers.replay.synth import scaled

            store = scaled(self.scale, self.seed)
        self.ctx = Context(store=store, secrets=self.secrets, tokens=set(), app=self)
        self.faults.clear()
        self.log.clear()

    @property
    def store(self) -> Store:
        return self.ctx.store

    def handle(self, req: Request) -> tuple[Response, faults.Fault | None]:
        fault = None if req.path.startswith("/_control") else self.faults.take(req.path)
        response = faults.before(fault, req.path) if fault else None
        if response is None:
            response = self.route(req)
            if fault:
                response = faults.after(fault, response)
        if not req.path.startswith("/_control"):
            self.record(req, response, fault)
        return response, fault

    def route(self, req: Request) -> Response:
        allowed = False
        for method, pattern, handler in self.routes:
            match = pattern.fullmatch(req.path)
            if match:
                if method != req.method and not (method == "GET" and req.method == "HEAD"):
                    allowed = True
                    continue
                req.match = {k: v for k, v in match.groupdict().items() if v is not None}
                try:
                    with self.store.lock:
                        return handler(req, self.ctx)
                except control.BadControl as exc:
                    return json_response({"error": str(exc)}, status=400)
        if allowed:
            return json_response({"error": "method not allowed"}, status=405)
        return json_response({"error": "not found", "path": req.path}, status=404)

    def record(self, req: Request, response: Response, fault: faults.Fault | None) -> None:
        with self.store.lock:
            self.counter += 1
            self.log.append(
                {
                    "n": self.counter,
                    "time": time.time(),
                    "method": req.method,
                    "path": req.path,
                    "query": req.query,
                    "status": response.status,
                    "fault": fault.kind if fault else None,
                    "authorization": "authorization" in req.headers,
                    "user_agent": req.headers.get("user-agent", ""),
                    "if_none_match": req.headers.get("if-none-match"),
                    "if_modified_since": req.headers.get("if-modified-since"),
                }
            )


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: Scrapy and httpx reuse connections
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and
        # the client's delayed ACK stall every keep-alive response by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("content-length") or 0)
        host = self.headers.get("host") or "{}:{}".format(*self.server.server_address[:2])
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        multi: dict[str, list[str]] = {}
        for name, value in pairs:
            multi.setdefault(name, []).append(value)
        req = Request(
            method=self.command,
            path=parts.path,
            query=dict(pairs),
            multi=multi,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
            base_url=f"http://{host}",
        )
        response, fault = self.server.app.handle(req)
        self._send(response, cut=bool(fault and fault.kind == "disconnect"))

    do_POST = do_DELETE = do_PUT = do_HEAD = do_GET

    def _send(self, response: Response, cut: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "HEAD" or response.status == 304:
            return
        if cut:
            self.wfile.write(response.body[: len(response.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:  # the request log is in App
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: App):
        super().__init__(address, Handler)
        self.app = app


class ReplayServer:
    """`with ReplayServer() as server: server.url` — a replay server on a free loopback port."""

    def __init__(
        self,
        scale: int | None = None,
        seed: int = 0,
        host: str = "127.0.0.1",
        port: int = 0,
        secrets: dict[str, str] | None = None,
        prerender: bool | None = None,
    ):
        """`prerender` (default: when `scale` is given) renders every post before serving."""
        self.app = App(scale=scale, seed=seed, secrets=secrets)
        self.httpd = _Server((host, port), self.app)
        self.thread: threading.Thread | None = None
        if prerender if prerender is not None else scale is not None:
            warm(self.app.ctx, self.url)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def store(self) -> Store:
        return self.app.store

    def start(self) -> ReplayServer:
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread:
            self.thread.join(timeout=5)

    def serve_forever(self) -> None:
        try:
            self.httpd.serve_forever()
        finally:
            self.httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # The control API, for in-process callers (the HTTP control endpoints do the same).
    def fault(self, path: str, kind: str, count: int = 1, **options: Any) -> faults.Fault:
        return self.app.faults.add(path, kind, count, **options)

    def requests(self, path: str = "") -> list[dict[str, Any]]:
        with self.store.lock:
            return [r for r in self.app.log if r["path"].startswith(path)]

    def sources(self) -> list[dict[str, Any]]:
        return control.sources_for(self.app, self.url)

    def reset(self) -> None:
        with self.store.lock:
            self.app.reset()
