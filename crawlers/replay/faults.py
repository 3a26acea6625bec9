"""Faults the replay server injects into the next N responses under a path prefix."""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from crawlers.replay.web import Response, json_response

KINDS = (
    "429",  # Retry-After: seconds
    "429-reset",  # the platform's reset header (ratelimit-reset, x-ratelimit-reset ...)
    "500",
    "503",
    "status",  # any status code, given as `status`
    "slow",  # answer normally after `seconds`
    "truncate",  # a complete HTTP response whose body is cut in half
    "disconnect",  # announce the full length, send half, close the connection
    "html",  # an HTML challenge page with status 200 where JSON is expected
    "malformed",  # one record inside an otherwise good page is broken
    "invalid-utf8",  # invalid UTF-8 bytes inside one record's text
    "huge",  # one record's text is 10 MB long
)
HUGE_CHARS = 10 * 1024 * 1024
_INVALID_MARK = "\u2063INVALID-UTF8\u2063"
_TEXT_KEYS = ("content", "text", "textDisplay", "textOriginal")
_RECORD_LISTS = ("feed", "posts", "data", "items", "statuses")

CHALLENGE_HTML = (
    "<!DOCTYPE html><html lang=en><head><title>Just a moment...</title></head>"
    "<body><h1>Checking your browser before accessing the site.</h1>"
    "<p>Please enable JavaScript and cookies to continue.</p></body></html>"
)


@dataclass
class Fault:
    id: int
    path: str
    kind: str
    count: int = 1
    seconds: float = 1.0
    status: int = 500

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Faults:
    """Pending faults, consumed first-in first-out by matching requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[Fault] = []
        self._next_id = 1

    def add(
        self, path: str, kind: str, count: int = 1, seconds: float = 1.0, status: int = 500
    ) -> Fault:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(KINDS)}")
        if count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            fault = Fault(self._next_id, path, kind, count, float(seconds), int(status))
            self._next_id += 1
            self._pending.append(fault)
            return fault

    def take(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._pending:
                if path.startswith(fault.path):
                    fault.count -= 1
                    if fault.count == 0:
                        self._pending.remove(fault)
                    return fault
        return None

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.to_json() for f in self._pending]

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()


def before(fault: Fault, path: str) -> Response | None:
    """A fault that replaces the response (or delays it); None lets the request through."""
    if fault.kind == "slow":
        time.sleep(fault.seconds)
        return None
    if fault.kind == "429":
        response = json_response({"error": "Too many requests"}, status=429)
        response.headers["retry-after"] = str(max(1, round(fault.seconds)))
        return response
    if fault.kind == "429-reset":
        return rate_limited(path, fault.seconds)
    if fault.kind in {"500", "503", "status"}:
        status = fault.status if fault.kind == "status" else int(fault.kind)
        return json_response({"error": f"replay fault {status}"}, status=status)
    if fault.kind == "html":
        return Response(body=CHALLENGE_HTML.encode(), content_type="text/html; charset=utf-8")
    return None


def rate_limited(path: str, seconds: float) -> Response:
    """429 with the reset header the platform behind `path` really sends."""
    reset = datetime.now(UTC) + timedelta(seconds=seconds)
    epoch = str(int(reset.timestamp()) + (1 if reset.microsecond else 0))
    response = json_response({"error": "RateLimitExceeded"}, status=429)
    if path.startswith("/api/v1/"):  # Mastodon: an ISO timestamp
        response.headers.update(
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset.isoformat()}
        )
    elif path.startswith("/2/"):  # X
        response.headers.update({"x-rate-limit-remaining": "0", "x-rate-limit-reset": epoch})
    else:  # Bluesky and the IETF draft
        response.headers.update({"ratelimit-remaining": "0", "ratelimit-reset": epoch})
    return response


def after(fault: Fault, response: Response) -> Response:
    """Damage a good response the way the fault says."""
    if response.status != 200:
        return response
    if fault.kind == "truncate":
        response.body = response.body[: len(response.body) // 2]
    elif fault.kind in {"malformed", "invalid-utf8", "huge"}:
        response.body = damage_record(response, fault.kind)
    return response


def damage_record(response: Response, kind: str) -> bytes:
    if "json" not in response.content_type:
        return damage_markup(response.body, kind)
    data = json.loads(response.body)
    records = _records(data)
    if not records:
        return response.body
    if kind == "malformed":
        records[0] = {"replay_fault": "malformed record", "kept": sorted(records[0])[:3]}
        return json.dumps(data, ensure_ascii=False).encode()
    _set_text(records[0], _INVALID_MARK if kind == "invalid-utf8" else "x" * HUGE_CHARS)
    body = json.dumps(data, ensure_ascii=False).encode()
    return body.replace(_INVALID_MARK.encode(), b"rusak \xff\xfe\xc3( teks")


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in _RECORD_LISTS:
            if isinstance(data.get(key), list):
                records: list[Any] = data[key]
                return records
    return None


def _set_text(node: Any, value: str) -> None:
    if isinstance(node, dict):
        for key, child in node.items():
            if key in _TEXT_KEYS and isinstance(child, str):
                node[key] = value
            else:
                _set_text(child, value)
    elif isinstance(node, list):
        for child in node:
            _set_text(child, value)


def damage_markup(body: bytes, kind: str) -> bytes:
    """HTML (Telegram) and XML (feeds): break the first message or item."""
    text = body.decode("utf-8", errors="surrogateescape")
    if "tgme_widget_message_text" in text:
        if kind == "malformed":
            return re.sub(r'data-post="[^"]*"', 'data-post="rusak"', text, count=1).encode(
                errors="surrogateescape"
            )
        pattern = r'(class="tgme_widget_message_text[^"]*"[^>]*>)'
    else:
        if kind == "malformed":
            item = "<item><category>rusak</category></item>"
            return re.sub(r"(<item>|<entry>)", item + r"\1", text, count=1).encode(
                errors="surrogateescape"
            )
        pattern = r"(<item>.*?<description>|<entry>.*?<content[^>]*>)"
    filler = "x" * HUGE_CHARS if kind == "huge" else _INVALID_MARK
    out = re.sub(pattern, lambda m: m.group(1) + filler, text, count=1, flags=re.S).encode(
        errors="surrogateescape"
    )
    return out.replace(_INVALID_MARK.encode(), b"rusak \xff\xfe teks")
