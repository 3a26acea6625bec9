"""Outbound GETs for public-report captures that cannot be turned against our own network.

A public report names a URL; the server then fetches something. Without care that is a
server-side request forgery: `http://127.0.0.1:5432/@x/1` or the cloud metadata address.
So a capture
- goes only to the platforms' configured API hosts and the configured Mastodon instances
  (the default instance and every Mastodon source's instance), never to any host a URL names;
- drops userinfo (`user:pass@`), which httpx would send as Basic auth;
- connects only to public addresses, checked on the address DNS returned and pinned for
  the connection itself (no second lookup an attacker's DNS could answer differently);
  loopback/private/link-local/metadata addresses pass only with `capture_allow_private`
  (the replay server in the demo and tests);
- answers every refusal as a plain FetchRefused, which callers turn into one message.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpcore
import httpx


class FetchRefused(Exception):
    """The target is not allowed; deliberately without detail for the user."""


# Carrier-grade NAT and the IPv6 translation prefix are not "private" to ipaddress, but
# reach no public host either.
_EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),
    ipaddress.ip_network("64:ff9b::/96"),
    ipaddress.ip_network("64:ff9b:1::/48"),
)


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in _EXTRA_BLOCKED):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def strip_userinfo(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(url)
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def host_of(url: str) -> str:
    """host[:port], without a port that is the scheme's default."""
    parts = urlsplit(url.strip())
    default = {"http": 80, "https": 443}.get(parts.scheme)
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    return (parts.hostname or "").lower() + port


def check_allowed(url: str, allowed_hosts: Iterable[str]) -> str:
    """The URL without userinfo, if its host[:port] is one of `allowed_hosts`."""
    clean = strip_userinfo(url)
    if host_of(clean) not in {h.lower() for h in allowed_hosts if h}:
        raise FetchRefused(url)
    return clean


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves once, refuses non-public addresses, connects to the checked address."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        addresses = [str(info[4][0]) for info in infos]
        if not addresses or not (self.allow_private or all(map(is_public, addresses))):
            raise FetchRefused(host)
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


def guarded_client(timeout_s: float, allow_private: bool) -> httpx.Client:
    """An httpx client that only connects to public addresses (see module docstring).

    trust_env=False: a proxy from the environment would connect for us, unchecked.
    """
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx exposes no resolver hook; the pool's network backend is where connections open.
    pool = transport._pool
    assert isinstance(pool, httpcore.ConnectionPool)
    pool._network_backend = _GuardedBackend(allow_private)
    return httpx.Client(
        transport=transport, timeout=timeout_s, follow_redirects=False, trust_env=False
    )
