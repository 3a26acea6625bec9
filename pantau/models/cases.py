"""Formal cases, their history and the outbox that delivers them exactly once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.models.base import Base, BigId, CreatedMixin, IdMixin, JSONType, str_enum
from pantau.models.enums import CaseStatus, OutboxStatus
from pantau.models.people import Account, CivilServant, User
from pantau.models.posts import Post
from pantau.timeutil import utcnow

case_posts = Table(
    "case_posts",
    Base.metadata,
    Column("case_id", BigId, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("post_id", BigId, ForeignKey("posts.id"), primary_key=True),
    # Deleting a post (retention) checks it is in no case: look it up by post alone.
    Index("ix_case_posts_post_id", "post_id"),
)


class Case(IdMixin, CreatedMixin, Base):
    __tablename__ = "cases"

    number: Mapped[str] = mapped_column(String(64), unique=True)
    # The reporting office when the case was opened (settings.office_code then).
    office_code: Mapped[str] = mapped_column(String(64), default="")
    civil_servant_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("civil_servants.id"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("accounts.id"))
    violation_codes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    position_category: Mapped[str] = mapped_column(String(32))
    agency: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(13), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # [{"at": iso8601, "post_id": int, "platform": str, "url": str, "text": str}]
    chronology: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus), default=CaseStatus.DRAFT)
    created_by_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    civil_servant: Mapped[CivilServant] = relationship()
    account: Mapped[Account | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    posts: Mapped[list[Post]] = relationship(secondary=case_posts, order_by="Post.posted_at")
    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.id")


class CaseCounter(Base):
    """The last case sequence number handed out per numbering scope (office, year)."""

    __tablename__ = "case_counters"

    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class CaseEvent(IdMixin, CreatedMixin, Base):
    """The case's history: submitted, approved, returned, exported, acknowledged,
    recommendation_issued, sanctioned, closed."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_kind_occurred_at", "kind", "occurred_at"),)

    case_id: Mapped[int] = mapped_column(BigId, ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class Outbox(IdMixin, CreatedMixin, Base):
    __tablename__ = "outbox"

    case_id: Mapped[int] = mapped_column(BigId, ForeignKey("cases.id"), index=True)
    destination: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(
        str_enum(OutboxStatus), default=OutboxStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    receipt: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    # Set by the deliverer holding the row, so a late answer from an older claim is ignored.
    claim_token: Mapped[str | None] = mapped_column(String(32))

    case: Mapped[Case] = relationship()
