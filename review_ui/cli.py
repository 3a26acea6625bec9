"""Commands this package adds to `pantau` (through the `pantau.commands` entry point)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the root `pantau` app."""
    app.command("web")(web)


def web(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    proxy_headers: Annotated[
        bool, typer.Option(help="Trust X-Forwarded-* from --forwarded-allow-ips (behind HTTPS).")
    ] = True,
    forwarded_allow_ips: Annotated[
        str, typer.Option(help="Proxies trusted for X-Forwarded-*.")
    ] = "127.0.0.1",
) -> None:
    """Serve the analysts' review UI (open http://HOST:PORT/ in a browser)."""
    import uvicorn

    uvicorn.run(
        "review_ui.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
    )
