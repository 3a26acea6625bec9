"""`python -m crawlers.replay --port 8765 [--scale N] [--seed S]`: serve until interrupted."""

from __future__ import annotations

import argparse
import contextlib

from crawlers.replay.server import ReplayServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m crawlers.replay", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--scale", type=int, default=None, help="synthesise N posts instead")
    parser.add_argument("--seed", type=int, default=0, help="seed for --scale")
    parser.add_argument(
        "--prerender",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="render every post before serving (default: with --scale)",
    )
    args = parser.parse_args(argv)
    server = ReplayServer(
        scale=args.scale, seed=args.seed, host=args.host, port=args.port, prerender=args.prerender
    )
    print(f"replay server on {server.url} ({len(server.store.posts)} posts)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
