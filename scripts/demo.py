"""`make demo`: set up the database, load the invented registries and demo users."""

from __future__ import annotations

import subprocess
import sys

DEMO_USERS = [
    ("analis", "analyst", "Analis Demo", "35.78"),
    ("supervisor", "supervisor", "Supervisor Demo", ""),
    ("admin", "admin", "Admin Demo", ""),
]
DEMO_PASSWORD = "pantau-demo-2026"


def pantau(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pantau", *args], check=check, text=True)


def main() -> None:
    pantau("db", "upgrade")
    pantau("import", "candidates", "pantau/data/demo/candidates.csv")
    pantau("import", "civil-servants", "pantau/data/demo/civil_servants.csv")
    for username, role, name, region in DEMO_USERS:
        # An existing demo user is fine: the demo can be run again.
        pantau("users", "add", username, "--role", role, "--name", name, "--region", region,
               "--password", DEMO_PASSWORD, check=False)
    print("\nDatabase ready with the invented registries and demo users "
          f"(password {DEMO_PASSWORD!r}): " + ", ".join(u[0] for u in DEMO_USERS))


if __name__ == "__main__":
    main()
