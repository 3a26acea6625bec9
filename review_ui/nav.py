"""The navigation menu: one line per entry, shown to the roles listed.

Add a page to the menu with one line in NAV, e.g.
    NavEntry("Kasus", "/cases", ANY_ROLE),
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.models import Role

ANY_ROLE = frozenset(Role)
SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class NavEntry:
    label: str
    path: str
    roles: frozenset[Role] = ANY_ROLE


NAV: list[NavEntry] = [
    NavEntry("Antrean", "/queue", ANY_ROLE),
    NavEntry("Eskalasi", "/escalations", SUPERVISORS),
    NavEntry("Tambah tautan", "/reports/new", ANY_ROLE),
    NavEntry("Kasus", "/cases", ANY_ROLE),
    NavEntry("Dasbor", "/dashboard", ANY_ROLE),
    NavEntry("Audit", "/audit", SUPERVISORS),
    NavEntry("Administrasi", "/admin", ADMINS),
]


def visible_to(role: Role | None) -> list[NavEntry]:
    if role is None:
        return []
    return [entry for entry in NAV if role in entry.roles]
