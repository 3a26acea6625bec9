"""Linking watched accounts to the civil-servant registry by a NIP in their profile."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import Account, AsnStatus, CivilServant
from pantau.nip import is_valid_nip

# People write a NIP whole or in its printed groups: "19900217 201503 1 002".
_NIP_IN_TEXT = re.compile(r"(?<!\d)(\d{8})[ .-]?(\d{6})[ .-]?(\d)[ .-]?(\d{3})(?!\d)")


def nips_in(text: str) -> list[str]:
    found = ("".join(m.groups()) for m in _NIP_IN_TEXT.finditer(text or ""))
    return [nip for nip in dict.fromkeys(found) if is_valid_nip(nip)]


def link_by_nip(session: Session, account_ids: Sequence[int]) -> int:
    """Link unlinked accounts whose profile carries the NIP of a registered civil servant.

    A NIP match is strong but not proof (anyone can type a number), so the account becomes
    `suspected`, with the match kept as evidence for the analyst; accounts an analyst has
    already judged are left alone.
    """
    accounts = session.scalars(
        select(Account).where(
            Account.id.in_(account_ids),
            Account.civil_servant_id.is_(None),
            Account.asn_status.in_([AsnStatus.UNKNOWN, AsnStatus.SUSPECTED]),
        )
    ).all()
    wanted = {acc.id: nips_in(f"{acc.bio}\n{acc.display_name}") for acc in accounts}
    all_nips = {nip for nips in wanted.values() for nip in nips}
    if not all_nips:
        return 0
    registry = {
        cs.nip: cs
        for cs in session.scalars(select(CivilServant).where(CivilServant.nip.in_(all_nips)))
    }
    linked = 0
    for acc in accounts:
        match = next((registry[n] for n in wanted[acc.id] if n in registry), None)
        if match is None:
            continue
        acc.civil_servant_id = match.id
        acc.asn_status = AsnStatus.SUSPECTED
        acc.asn_evidence = [
            *acc.asn_evidence,
            {
                "kind": "registry_nip",
                "nip": match.nip,
                "text": f"NIP {match.nip} di profil cocok dengan registri: {match.name}",
            },
        ]
        audit.record(
            session,
            None,
            "account.link_by_nip",
            "account",
            acc.id,
            {"civil_servant_id": match.id, "nip": match.nip},
        )
        linked += 1
    session.flush()
    return linked
