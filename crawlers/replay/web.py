"""Request and response values the replay handlers take and return, with small helpers."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from crawlers.replay.store import Store


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    body: bytes
    base_url: str  # scheme://host:port as the client addressed us
    match: dict[str, str] = field(default_factory=dict)  # named groups of the route pattern
    multi: dict[str, list[str]] = field(default_factory=dict)  # repeated query parameters

    def arg(self, name: str, default: str = "") -> str:
        return self.query.get(name, default)

    def int_arg(self, name: str, default: int, low: int, high: int) -> int:
        try:
            value = int(self.query.get(name, default))
        except ValueError:
            value = default
        return min(max(value, low), high)

    def bearer(self) -> str | None:
        value = self.headers.get("authorization", "")
        return value[7:].strip() if value.lower().startswith("bearer ") else None

    def json(self) -> Any:
        return json.loads(self.body or b"{}")

    def url(self, path: str, params: dict[str, Any] | None = None) -> str:
        query = urlencode({k: v for k, v in (params or {}).items() if v is not None})
        return f"{self.base_url}{path}" + (f"?{query}" if query else "")


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # The structured payload before serialisation, for faults that damage one record.
    data: Any = None


@dataclass(frozen=True)
class Context:
    """What a handler needs besides the request: the data and the configured secrets."""

    store: Store
    secrets: dict[str, str]
    tokens: set[str]  # bluesky access tokens handed out by createSession
    app: Any = None  # the App, for the control endpoints


Handler = Callable[[Request, Context], Response]
Route = tuple[str, str, Handler]  # method, path regex (anchored), handler


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status=status, body=body, headers=dict(headers or {}), data=data)


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def joined(parts: list[bytes], head: bytes = b"[", tail: bytes = b"]") -> bytes:
    """A JSON list (or object, given its head and tail) from pre-rendered fragments."""
    return head + b",".join(parts) + tail


def raw_json(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status=status, body=body, headers=dict(headers or {}))


def text_response(body: str, content_type: str, status: int = 200) -> Response:
    return Response(status=status, body=body.encode("utf-8"), content_type=content_type)


def http_date(value: Any) -> str:
    return format_datetime(value, usegmt=True)
