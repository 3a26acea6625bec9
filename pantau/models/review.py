"""Scores, the review queue and the analysts' append-only decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.models.base import Base, BigId, CreatedMixin, IdMixin, JSONType, str_enum
from pantau.models.enums import DismissReason, PostOrigin, ReviewStatus, Verdict
from pantau.models.people import User
from pantau.models.posts import Post
from pantau.timeutil import utcnow

OPEN_ITEMS = "status IN ('queued', 'claimed')"


class Classification(IdMixin, CreatedMixin, Base):
    __tablename__ = "classifications"
    __table_args__ = (
        UniqueConstraint("post_id", "model_version"),
        Index("ix_classifications_created_at", "created_at"),  # the dashboard's daily rollup
    )

    post_id: Mapped[int] = mapped_column(BigId, ForeignKey("posts.id"), index=True)
    model_version: Mapped[str] = mapped_column(String(64))
    partisan_score: Mapped[float] = mapped_column(Float)
    asn_score: Mapped[float] = mapped_column(Float)
    priority: Mapped[float] = mapped_column(Float)
    flagged: Mapped[bool]
    # {"partisan": 0.41, "asn": 0.5}: the thresholds in force when this was scored.
    thresholds: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    # [{"kind": "candidate"|"number"|"vote_call"|"gesture"|"hashtag"|"party"|"slogan"|
    #   "reporting", "start": int, "end": int, "text": str, "entity": str|None}]
    matches: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    # {"features": [[name, weight], ...], "asn_reasons": [...], "candidates": [...]}
    explanation: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    post: Mapped[Post] = relationship()


class ReviewItem(IdMixin, CreatedMixin, Base):
    __tablename__ = "review_items"
    __table_args__ = (
        Index("ix_review_items_queue", "status", "priority", "id"),
        Index("ix_review_items_region_queue", "region_code", "status", "priority"),
        Index("ix_review_items_created_at", "created_at"),  # dashboard periods
        # The queue over every status ("Semua"), read in priority order without a sort.
        Index("ix_review_items_rank", "priority", "id"),
        # The review UI's queue: open items in priority order, region included so a scoped
        # analyst's page is read from the index alone. Queries must repeat OPEN_ITEMS as
        # literal SQL (not bound parameters) for the partial index to be usable.
        Index(
            "ix_review_items_open",
            "priority",
            "id",
            "region_code",
            sqlite_where=text(OPEN_ITEMS),
            postgresql_where=text(OPEN_ITEMS),
        ),
    )

    post_id: Mapped[int] = mapped_column(BigId, ForeignKey("posts.id"), unique=True)
    # Indexed: deleting a classification (retention) looks up the items naming it.
    classification_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("classifications.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus), default=ReviewStatus.QUEUED
    )
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    region_code: Mapped[str | None] = mapped_column(String(13))
    origin: Mapped[PostOrigin] = mapped_column(str_enum(PostOrigin), default=PostOrigin.CRAWL)
    claimed_by_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    claim_expires_at: Mapped[datetime | None]
    # Optimistic lock: every transition bumps it and refuses a stale one.
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    post: Mapped[Post] = relationship()
    classification: Mapped[Classification | None] = relationship()
    claimed_by: Mapped[User | None] = relationship()
    decisions: Mapped[list[Decision]] = relationship(back_populates="item", order_by="Decision.id")


class Decision(IdMixin, CreatedMixin, Base):
    """Append-only: one row per verdict, never updated."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_created_at", "created_at"),)  # dashboard periods

    review_item_id: Mapped[int] = mapped_column(BigId, ForeignKey("review_items.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id"), index=True)
    verdict: Mapped[Verdict] = mapped_column(str_enum(Verdict))
    violation_code: Mapped[str | None] = mapped_column(String(32))
    position_category: Mapped[str | None] = mapped_column(String(32))
    dismiss_reason: Mapped[DismissReason | None] = mapped_column(str_enum(DismissReason))
    notes: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[ReviewItem] = relationship(back_populates="decisions")
    reviewer: Mapped[User] = relationship()
