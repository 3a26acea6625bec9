"""Users and their passwords (argon2), roles and region scopes."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import Role, User
from pantau.regions import is_region

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


class UserError(ValueError):
    """A refusal in Bahasa Indonesia, shown to the admin as it is (UI and CLI)."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Kata sandi paling sedikit {MIN_PASSWORD_LENGTH} karakter.")
    return _hasher.hash(password)


def check_password(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(user: User) -> bool:
    return _hasher.check_needs_rehash(user.password_hash)


def _check_scope(scope: str | None) -> str | None:
    scope = (scope or "").strip() or None
    if scope is not None and not is_region(scope):
        raise UserError(f"Cakupan wilayah {scope!r} bukan kode wilayah Kemendagri.")
    return scope


def create_user(
    session: Session,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    region_scope: str | None = None,
    *,
    actor: User | None = None,
) -> User:
    username = username.strip().lower()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
        raise UserError("Nama pengguna hanya boleh berisi huruf, angka, '.' dan '_'.")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserError(f"Nama pengguna {username!r} sudah dipakai.")
    user = User(
        username=username,
        full_name=full_name.strip() or username,
        role=role,
        region_scope=_check_scope(region_scope),
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "user.create",
        "user",
        user.id,
        {"username": username, "role": role.value, "region_scope": user.region_scope},
    )
    return user


def update_user(
    session: Session,
    user: User,
    *,
    role: Role | None = None,
    region_scope: str | None = None,
    full_name: str | None = None,
    actor: User | None = None,
) -> User:
    if role is not None and role is not Role.ADMIN and user.role is Role.ADMIN:
        _refuse_last_admin(session, user)
    changes: dict[str, object] = {}
    if role is not None and role is not user.role:
        changes["role"] = role.value
        user.role = role
    if region_scope is not None and _check_scope(region_scope) != user.region_scope:
        user.region_scope = _check_scope(region_scope)
        changes["region_scope"] = user.region_scope
    if full_name is not None and full_name.strip() and full_name.strip() != user.full_name:
        user.full_name = full_name.strip()
        changes["full_name"] = user.full_name
    if changes:
        audit.record(session, actor, "user.update", "user", user.id, changes)
    return user


def set_password(session: Session, user: User, password: str, *, actor: User | None = None) -> None:
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    revoke_sessions(session, user)
    audit.record(session, actor, "user.password_reset", "user", user.id)


def disable_user(session: Session, user: User, *, actor: User | None = None) -> None:
    if user.role is Role.ADMIN:
        _refuse_last_admin(session, user)
    user.active = False
    revoke_sessions(session, user)
    audit.record(session, actor, "user.disable", "user", user.id)


def enable_user(session: Session, user: User, *, actor: User | None = None) -> None:
    user.active = True
    audit.record(session, actor, "user.enable", "user", user.id)


def revoke_sessions(session: Session, user: User) -> None:
    """End every session of this user (each cookie names the generation it belongs to)."""
    session.flush()
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_generation=User.session_generation + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(user, ["session_generation"])


def _refuse_last_admin(session: Session, user: User) -> None:
    others = session.scalar(
        select(func.count(User.id)).where(
            User.role == Role.ADMIN, User.active.is_(True), User.id != user.id
        )
    )
    if not others:
        raise UserError("Admin aktif terakhir tidak dapat dinonaktifkan atau diturunkan perannya.")


def get_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))
