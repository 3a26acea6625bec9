"""The election registry: contests and their numbered candidate pairs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.models.base import Base, BigId, IdMixin, JSONType


class Contest(IdMixin, Base):
    __tablename__ = "contests"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # pilpres, pileg, pilgub, pilbup, pilwalkot
    level: Mapped[str] = mapped_column(String(32))
    region_code: Mapped[str | None] = mapped_column(String(13), index=True)
    election_date: Mapped[date]
    campaign_start: Mapped[date]
    campaign_end: Mapped[date]

    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="contest", order_by="Candidate.number"
    )


class Candidate(IdMixin, Base):
    """One numbered pair (paslon), or one candidate where the contest has no pairs."""

    __tablename__ = "candidates"
    __table_args__ = (UniqueConstraint("contest_id", "number"),)

    contest_id: Mapped[int] = mapped_column(BigId, ForeignKey("contests.id"))
    number: Mapped[int] = mapped_column(Integer)
    names: Mapped[list[str]] = mapped_column(JSONType, default=list)
    nicknames: Mapped[list[str]] = mapped_column(JSONType, default=list)
    parties: Mapped[list[str]] = mapped_column(JSONType, default=list)
    slogans: Mapped[list[str]] = mapped_column(JSONType, default=list)
    hashtags: Mapped[list[str]] = mapped_column(JSONType, default=list)

    contest: Mapped[Contest] = relationship(back_populates="candidates")
