"""What one dashboard reads from the database, loaded once and handed to every section.

It sits below the dashboard and its sections (breakdowns, neutrality, performance), so the
sections can take it without importing the dashboard that assembles them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pantau.stats import live
from pantau.stats.period import Filters
from pantau.stats.store import FactStore


@dataclass
class Inputs:
    """Everything read from the database for one dashboard."""

    facts: FactStore
    cases: list[live.CaseRow]
    exported: set[int]
    recommended: set[int]
    followed: set[int]


def load(session: Session, filters: Filters) -> Inputs:
    recommended = live.case_events(session, filters, live.RECOMMENDED)
    return Inputs(
        facts=FactStore(session, filters),
        cases=live.cases(session, filters),
        exported=live.case_events(session, filters, live.EXPORTED),
        recommended=recommended,
        followed=live.followed_up(session, recommended),
    )
