"""A stand-in complaint system for tests and demos: a real HTTP server that keeps what it
received in its own SQLite, dedupes on the Idempotency-Key, and misbehaves on request.

    python -m complaints.mock_server --port 8765 --db received.db \\
        [--fault-rate 0.3] [--faults 500,503,timeout,slow,drop] [--script ok,500,drop] \\
        [--seed 7] [--token T] [--slow-s 0.2] [--hang-s 3] [--retry-after 1]

It answers the three documented routes (SIAPNET, BKN, SP4N-LAPOR!; complaints/README.md).
Faults: 500 and 503 (with Retry-After) answer before storing; `slow` stores and answers
late; `timeout` stores and answers after --hang-s (past the client's timeout); `drop`
stores and closes the connection without answering. The script is used first, one entry
per request, then the rate. GET /_received and /_stats report; POST /_faults reconfigures.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("500", "503", "timeout", "slow", "drop")
Receipt = Callable[[str, str], dict[str, Any]]
# path -> (system, required field paths, field holding the case number, receipt body)
ROUTES: dict[str, tuple[str, list[tuple[str, ...]], tuple[str, ...], Receipt]] = {
    "/api/v1/laporan-netralitas": (
        "siapnet",
        [("nomor_laporan",), ("terlapor", "nip"), ("bukti",)],
        ("nomor_laporan",),
        lambda rid, at: {
            "kode": "00",
            "pesan": "Laporan diterima",
            "data": {"nomor_tiket": rid, "diterima_pada": at},
        },
    ),
    "/api/netralitas/v1/pengaduan": (
        "bkn",
        [("noReferensi",), ("pegawai", "nip"), ("lampiran",)],
        ("noReferensi",),
        lambda rid, at: {"success": True, "data": {"ticketId": rid, "receivedAt": at}},
    ),
    "/api/v1/complaints": (
        "lapor",
        [("title",), ("content",), ("external_reference",)],
        ("external_reference",),
        lambda rid, at: {"success": True, "data": {"tracking_id": rid, "created_at": at}},
    ),
}
SCHEMA = """
CREATE TABLE IF NOT EXISTS received (
    idempotency_key TEXT PRIMARY KEY, receipt_id TEXT NOT NULL, system TEXT NOT NULL,
    case_number TEXT, body_sha256 TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, path TEXT NOT NULL, idempotency_key TEXT,
    fault TEXT NOT NULL, status INTEGER);
"""


def _dig(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


class Store:
    """The mock's own SQLite; one lock, because dedupe must be atomic."""

    def __init__(self, path: str) -> None:
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL survives the process being killed, which is all a stand-in must survive.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def log(self, path: str, key: str | None, fault: str) -> int:
        with self.lock:
            cur = self.db.execute(
                "INSERT INTO requests (at, path, idempotency_key, fault) VALUES (?, ?, ?, ?)",
                (_now(), path, key, fault),
            )
            return int(cur.lastrowid or 0)

    def answered(self, request_id: int, status: int) -> None:
        with self.lock:
            self.db.execute("UPDATE requests SET status = ? WHERE id = ?", (status, request_id))

    def receive(
        self, key: str, system: str, number: str, body: bytes
    ) -> tuple[str, str, bool] | None:
        """(receipt id, received at, replayed) or None if the key came with another body."""
        digest = hashlib.sha256(body).hexdigest()
        with self.lock:
            row = self.db.execute(
                "SELECT receipt_id, received_at, body_sha256 FROM received "
                "WHERE idempotency_key = ?",
                (key,),
            ).fetchone()
            if row is not None:
                return None if row[2] != digest else (row[0], row[1], True)
            count = self.db.execute("SELECT count(*) FROM received").fetchone()[0]
            receipt_id, at = f"{system.upper()}-{count + 1:06d}", _now()
            self.db.execute(
                "INSERT INTO received VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, receipt_id, system, number, digest, body.decode(), at),
            )
            return receipt_id, at, False

    def report(self) -> dict[str, Any]:
        with self.lock:
            rows = self.db.execute(
                "SELECT idempotency_key, receipt_id, system, case_number, received_at FROM received"
            ).fetchall()
            faults = dict(
                self.db.execute("SELECT fault, count(*) FROM requests GROUP BY fault").fetchall()
            )
        keys = ("idempotency_key", "receipt_id", "system", "case_number", "received_at")
        return {"received": [dict(zip(keys, r, strict=True)) for r in rows], "faults": faults}


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Faults:
    def __init__(self, rate: float, kinds: list[str], script: list[str], seed: int | None) -> None:
        self.lock = threading.Lock()
        self.configure(rate, kinds, script)
        self.rng = random.Random(seed)

    def configure(self, rate: float, kinds: list[str], script: list[str]) -> None:
        bad = [k for k in [*kinds, *script] if k not in (*FAULTS, "ok")]
        if bad or not 0 <= rate <= 1:
            raise ValueError(f"unknown faults {bad} or rate {rate} outside 0..1")
        self.rate, self.kinds, self.script = rate, kinds or list(FAULTS), list(script)

    def next(self) -> str:
        with self.lock:
            if self.script:
                return self.script.pop(0)
            if self.rng.random() < self.rate:
                return self.rng.choice(self.kinds)
            return "ok"


class Handler(BaseHTTPRequestHandler):
    server: MockServer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the SQLite log is the record

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (a `timeout` fault does that)
            self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/_received":
            self._json(200, self.server.store.report()["received"])
        elif self.path == "/_stats":
            report = self.server.store.report()
            self._json(200, {"received": len(report["received"]), "faults": report["faults"]})
        elif self.path == "/healthz":
            self._json(200, {"ok": True})
        else:
            self._json(404, {"error": "not found"})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/_faults":
            self._configure(body)
            return
        route = ROUTES.get(self.path)
        if route is None:
            self._json(404, {"error": f"no route {self.path}"})
            return
        cfg = self.server.config
        if cfg.token and self.headers.get("Authorization") != f"Bearer {cfg.token}":
            self._json(401, {"error": "token tidak sah"})
            return
        key = self.headers.get("Idempotency-Key")
        fault = self.server.faults.next()
        request_id = self.server.store.log(self.path, key, fault)
        status = self._handle(route, key, body, fault)
        self.server.store.answered(request_id, status)

    def _handle(self, route: Any, key: str | None, body: bytes, fault: str) -> int:
        system, required, number_path, receipt = route
        cfg = self.server.config
        if fault == "500":
            self._json(500, {"error": "kesalahan internal (simulasi)"})
            return 500
        if fault == "503":
            headers = {"Retry-After": str(cfg.retry_after)}
            self._json(503, {"error": "sedang pemeliharaan (simulasi)"}, headers)
            return 503
        if not key:
            self._json(400, {"error": "Idempotency-Key wajib"})
            return 400
        try:
            data = json.loads(body)
        except ValueError:
            self._json(400, {"error": "badan permintaan bukan JSON"})
            return 400
        missing = [".".join(p) for p in required if _dig(data, p) in (None, "")]
        if missing:
            self._json(422, {"error": f"kolom wajib kosong: {', '.join(missing)}"})
            return 422
        stored = self.server.store.receive(key, system, str(_dig(data, number_path)), body)
        if stored is None:
            self._json(422, {"error": "Idempotency-Key dipakai untuk isi yang berbeda"})
            return 422
        receipt_id, at, replayed = stored
        if fault == "drop":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return 0
        if fault in ("slow", "timeout"):
            time.sleep(cfg.slow_s if fault == "slow" else cfg.hang_s)
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        self._json(200 if replayed else 201, receipt(receipt_id, at), headers)
        return 200 if replayed else 201

    def _configure(self, body: bytes) -> None:
        try:
            data = json.loads(body or b"{}")
            self.server.faults.configure(
                float(data.get("rate", 0.0)),
                list(data.get("faults", [])),
                list(data.get("script", [])),
            )
        except (ValueError, TypeError) as exc:
            self._json(400, {"error": str(exc)})
            return
        self._json(200, {"ok": True})


class MockServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: argparse.Namespace) -> None:
        super().__init__(address, Handler)
        self.config = config
        self.store = Store(config.db)
        script = [s for s in config.script.split(",") if s]
        kinds = [s for s in config.faults.split(",") if s]
        self.faults = Faults(config.fault_rate, kinds, script, config.seed)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port (printed)")
    p.add_argument("--db", required=True, help="SQLite file for what was received")
    p.add_argument("--token", default="", help="require 'Authorization: Bearer TOKEN'")
    p.add_argument("--fault-rate", type=float, default=0.0)
    p.add_argument("--faults", default=",".join(FAULTS), help="which faults the rate draws from")
    p.add_argument("--script", default="", help="comma-separated faults for the first requests")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--slow-s", type=float, default=0.2)
    p.add_argument("--hang-s", type=float, default=3.0)
    p.add_argument("--retry-after", type=int, default=1)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    config = parse_args(argv)
    try:
        server = MockServer((config.host, config.port), config)
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None
    port = server.server_address[1]
    print(f"listening on http://{config.host}:{port}", flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
