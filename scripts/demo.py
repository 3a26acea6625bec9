"""`make demo`: registries, users, the replay server, one nightly run, then the review UI
with the export schedule running beside it (an approved case is delivered to the file
destination within EXPORT_EVERY_S, and "Kirim sekarang" sends it at once).

Everything runs against the bundled offline replay of invented posts; nothing leaves the
machine. Re-running is safe: existing rows are kept and sources are re-pointed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPLAY_PORT = int(os.environ.get("PANTAU_DEMO_REPLAY_PORT", "0"))  # 0: any free port
WEB_PORT = int(os.environ.get("PANTAU_DEMO_WEB_PORT", "8000"))
DEMO_PASSWORD = "pantau-demo-2026"
EXPORT_DIR_CODE = "from pantau.settings import get_settings as g; print(g().effective_export_dir)"
EXPORT_EVERY_S = float(os.environ.get("PANTAU_DEMO_EXPORT_EVERY_S", "30"))
DEMO_USERS = [
    ("analis", "analyst", "Analis Demo (Surabaya)", "35.78"),
    ("analis2", "analyst", "Analis Demo (Jawa Timur)", "35"),
    ("supervisor", "supervisor", "Supervisor Demo", ""),
    ("supervisor2", "supervisor", "Supervisor Demo Kedua", ""),
    ("admin", "admin", "Admin Demo", ""),
]


def pantau(
    *args: str, env: dict[str, str] | None = None, check: bool = True, quiet: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args],
        check=check,
        text=True,
        env=env,
        cwd=ROOT,
        capture_output=quiet,
    )


def step(text: str) -> None:
    print(f"\n\033[1m== {text}\033[0m", flush=True)


def start_replay() -> tuple[subprocess.Popen[str], str]:
    """Start the replay server on a free port (or PANTAU_DEMO_REPLAY_PORT); returns its URL,
    read from the server's own first line, so no other server on a busy port is mistaken
    for it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawlers.replay", "--port", str(REPLAY_PORT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if proc.poll() is not None or " on http" not in first:
        sys.exit(
            f"the replay server did not start (port {REPLAY_PORT} in use? "
            "set PANTAU_DEMO_REPLAY_PORT)"
        )
    print(first.strip())
    return proc, first.split(" on ", 1)[1].split()[0]


def configure_sources(env: dict[str, str], base_url: str) -> None:
    """Create the demo sources, or point existing ones at this replay server."""
    code = (
        "import json, sys\n"
        "from pantau.db import session_scope\n"
        "from pantau.models import Platform, Source\n"
        "from sqlalchemy import select\n"
        "rows = json.load(sys.stdin)\n"
        "with session_scope() as s:\n"
        "    for r in rows:\n"
        "        src = s.scalar(select(Source).where(Source.name == r['name']))\n"
        "        if src is None:\n"
        "            s.add(Source(platform=Platform(r['platform']), name=r['name'],"
        " config=r['config']))\n"
        "        else:\n"
        "            src.config = r['config']\n"
        "print(len(rows), 'sources')\n"
    )
    rows = (ROOT / "crawlers/replay/data/sources.json").read_text().replace("{base_url}", base_url)
    subprocess.run(
        [sys.executable, "-c", code], input=rows, text=True, check=True, env=env, cwd=ROOT
    )


def export_schedule(env: dict[str, str], stop: threading.Event) -> None:
    """What the `export` deployment does in production: deliver approved cases waiting in
    the outbox, every EXPORT_EVERY_S, until the demo stops."""
    while not stop.wait(EXPORT_EVERY_S):
        pantau("complaints", "deliver", env=env, check=False, quiet=True)


def start_export_schedule(env: dict[str, str]) -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=export_schedule, args=(env, stop), daemon=True).start()
    return stop


def main() -> None:
    started = time.monotonic()
    from crawlers.replay.env import settings_env

    step("1/6 database")
    pantau("db", "upgrade")
    step("2/6 invented election registry, civil servants and demo users")
    pantau("import", "candidates", "pantau/data/demo/candidates.csv")
    pantau("import", "civil-servants", "pantau/data/demo/civil_servants.csv")
    for username, role, name, region in DEMO_USERS:
        pantau(
            "users",
            "add",
            username,
            "--role",
            role,
            "--name",
            name,
            "--region",
            region,
            "--password",
            DEMO_PASSWORD,
            check=False,
            quiet=True,
        )  # exists on a re-run
    step("3/6 offline replay server")
    replay, base_url = start_replay()
    env = {**os.environ, **settings_env(base_url)}
    try:
        configure_sources(env, base_url)
        step("4/6 nightly run: crawl every source, triage with the bundled model, recheck, export")
        pantau("nightly", "--time-limit", "300", env=env, check=False)
        print(f"\nnightly run finished {time.monotonic() - started:.0f} s after `make demo` began")
        step("5/6 review UI")
        print(f"open http://127.0.0.1:{WEB_PORT}/ and log in as one of:")
        for username, role, _name, region in DEMO_USERS:
            print(f"  {username:<12} {role:<11} {region or 'nasional':<9} password {DEMO_PASSWORD}")
        step("6/6 serving (Ctrl-C to stop), with the export schedule")
        exports = subprocess.run(
            [sys.executable, "-c", EXPORT_DIR_CODE], env=env, text=True, capture_output=True
        ).stdout.strip()
        print(f"approved cases are delivered every {EXPORT_EVERY_S:.0f} s as bundles in {exports}")
        stop_export = start_export_schedule(env)
        pantau("web", "--port", str(WEB_PORT), env=env, check=False)
        stop_export.set()
    except KeyboardInterrupt:
        pass
    finally:
        replay.terminate()
        replay.wait(timeout=10)


if __name__ == "__main__":
    main()
