"""Users of Pantau, the civil-servant registry and the social-media accounts we watch."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.models.base import Base, BigId, CreatedMixin, IdMixin, JSONType, str_enum
from pantau.models.enums import AsnStatus, EmploymentType, Platform, Role
from pantau.timeutil import utcnow


class User(IdMixin, CreatedMixin, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    # A Kemendagri region-code prefix ("35", "35.78"); None means national.
    region_scope: Mapped[str | None] = mapped_column(String(13))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    # Every session cookie carries the generation it was issued under; logout, a
    # password change and disabling the user bump it, which ends all their sessions.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    def __repr__(self) -> str:
        return f"User({self.username!r}, {self.role.value})"


class CivilServant(IdMixin, CreatedMixin, Base):
    __tablename__ = "civil_servants"

    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200))
    position_category: Mapped[str] = mapped_column(String(32))
    employment_type: Mapped[EmploymentType] = mapped_column(str_enum(EmploymentType))
    region_code: Mapped[str] = mapped_column(String(13), index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Account(IdMixin, Base):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "platform_account_id"),)

    platform: Mapped[Platform] = mapped_column(str_enum(Platform))
    platform_account_id: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str] = mapped_column(String(200), default="")
    display_name: Mapped[str] = mapped_column(String(500), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    followers: Mapped[int | None] = mapped_column(BigInteger)
    civil_servant_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("civil_servants.id", ondelete="SET NULL"), index=True
    )
    asn_status: Mapped[AsnStatus] = mapped_column(str_enum(AsnStatus), default=AsnStatus.UNKNOWN)
    # Why we think what we think: [{"kind": "nip"|"keyword"|"registry"|"analyst", ...}]
    asn_evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    civil_servant: Mapped[CivilServant | None] = relationship()
