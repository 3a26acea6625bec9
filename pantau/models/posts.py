"""Posts, every text a post has had, and the evidence that preserves them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.models.base import Base, BigId, IdMixin, JSONType, str_enum
from pantau.models.enums import EvidenceKind, Platform, PostKind, PostOrigin
from pantau.models.people import Account
from pantau.timeutil import utcnow


class Post(IdMixin, Base):
    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("platform", "platform_post_id"),
        Index("ix_posts_first_seen_at", "first_seen_at"),
        Index("ix_posts_posted_at", "posted_at"),
        # Finds the replies stored before their parent when the parent arrives (crawlers).
        Index(
            "ix_posts_parent_ref",
            "platform",
            "parent_platform_post_id",
            sqlite_where=text("parent_platform_post_id IS NOT NULL"),
            postgresql_where=text("parent_platform_post_id IS NOT NULL"),
        ),
    )

    platform: Mapped[Platform] = mapped_column(str_enum(Platform))
    platform_post_id: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[int] = mapped_column(BigId, ForeignKey("accounts.id"), index=True)
    source_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("sources.id", ondelete="SET NULL")
    )
    origin: Mapped[PostOrigin] = mapped_column(str_enum(PostOrigin), default=PostOrigin.CRAWL)
    url: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(16))
    posted_at: Mapped[datetime | None]
    kind: Mapped[PostKind] = mapped_column(str_enum(PostKind), default=PostKind.POST)
    # For a repost the parent is the post that was shared; for a reply, the post answered.
    parent_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("posts.id", ondelete="SET NULL"), index=True
    )
    parent_platform_post_id: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(String(13))
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    # When we noticed it was gone; the evidence stays.
    deleted_at: Mapped[datetime | None]

    account: Mapped[Account] = relationship()
    parent: Mapped[Post | None] = relationship(remote_side="Post.id")
    versions: Mapped[list[PostVersion]] = relationship(
        back_populates="post", order_by="PostVersion.seen_at"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="post", order_by="Evidence.captured_at"
    )


class PostVersion(IdMixin, Base):
    __tablename__ = "post_versions"

    post_id: Mapped[int] = mapped_column(BigId, ForeignKey("posts.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped[Post] = relationship(back_populates="versions")


class Evidence(IdMixin, Base):
    __tablename__ = "evidence"

    post_id: Mapped[int] = mapped_column(BigId, ForeignKey("posts.id"), index=True)
    crawl_run_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("crawl_runs.id", ondelete="SET NULL")
    )
    kind: Mapped[EvidenceKind] = mapped_column(str_enum(EvidenceKind))
    # Relative to settings.evidence_dir, so the data directory can move.
    path: Mapped[str] = mapped_column(Text)
    offset: Mapped[int | None] = mapped_column(BigInteger)
    length: Mapped[int | None] = mapped_column(BigInteger)
    record_id: Mapped[str | None] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    captured_at: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped[Post] = relationship(back_populates="evidence")
