"""Password login: throttle, lockout after repeated failures, every outcome audited.

Three rules keep a burst of wrong passwords from hurting anyone else:
- the throttle (review_ui.login_throttle) answers before any database work;
- the password is checked (argon2, slow on purpose) outside any transaction, so no
  write lock, audit-chain lock or pooled connection is held meanwhile;
- the failure counter moves in ONE conditional UPDATE, so concurrent failures on
  PostgreSQL cannot read the same value and lose increments.
Nothing sleeps. Unknown names lock like real ones, so no message reveals which exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import ColumnElement, CursorResult, case, or_, update
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import User
from pantau.settings import Settings
from pantau.timeutil import as_utc, utcnow
from pantau.users import check_password, get_by_username, revoke_sessions
from review_ui.login_throttle import THROTTLE

# Verifying against a throwaway hash keeps an unknown username as slow as a wrong password.
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("pantau-dummy-password")

GENERIC_ERROR = "Nama pengguna atau kata sandi salah."


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    error: str | None = None
    locked_until: datetime | None = None
    retry_after_s: int = 0  # > 0: throttled, answer 429 with Retry-After


def _keys(username: str, client: str) -> list[str]:
    return [f"u:{username}", f"a:{client}"]


def attempt(
    session: Session, username: str, password: str, settings: Settings, client: str = ""
) -> LoginResult:
    """Check a login; this commits its own short transactions."""
    name = username.strip().lower()
    keys = _keys(name, client)
    window_s = settings.login_lock_minutes * 60.0
    wait = THROTTLE.wait_s(keys, settings.login_delay_s, window_s)
    if wait > 0:
        return LoginResult(None, throttled_message(wait), retry_after_s=max(1, round(wait + 0.5)))
    user = get_by_username(session, name) if name else None
    locked = _locked_until(user, name, settings)
    session.commit()  # end the read: the slow password check below holds no lock
    if locked is not None:
        return LoginResult(None, locked_message(locked, settings), locked)
    if user is None:
        _check_dummy(password)
        THROTTLE.fail(keys, window_s)
        locked = _locked_until(None, name, settings)
        if locked is not None:
            return LoginResult(None, locked_message(locked, settings), locked)
        return LoginResult(None, GENERIC_ERROR)
    if check_password(user, password) and user.active:
        return _succeed(session, user, keys, settings)
    THROTTLE.fail(keys, window_s)
    return _fail(session, user, settings)


def _locked_until(user: User | None, name: str, settings: Settings) -> datetime | None:
    if user is not None:
        until = user.locked_until
        return until if until is not None and as_utc(until) > utcnow() else None
    ends = THROTTLE.locked_until(
        f"u:{name}", settings.login_max_failures, settings.login_lock_minutes * 60.0
    )
    return datetime.fromtimestamp(ends, UTC) if ends is not None else None


def _check_dummy(password: str) -> None:
    try:
        _HASHER.verify(_DUMMY_HASH, password)
    except VerificationError:
        return


def _not_locked(now: datetime) -> ColumnElement[bool]:
    return or_(User.locked_until.is_(None), User.locked_until <= now)


def _succeed(session: Session, user: User, keys: list[str], settings: Settings) -> LoginResult:
    now = utcnow()
    # Conditional: a concurrent failure may have locked the account since we read it.
    done: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(User)
        .where(User.id == user.id, _not_locked(now))
        .values(failed_logins=0, locked_until=None, last_login_at=now)
        .execution_options(synchronize_session=False)
    )
    if not done.rowcount:
        session.rollback()
        session.refresh(user)
        return LoginResult(
            None, locked_message(user.locked_until or now, settings), user.locked_until
        )
    audit.record(session, user, "auth.login", "user", user.id)
    session.commit()
    session.refresh(user)
    THROTTLE.clear(keys[0])
    return LoginResult(user)


def _fail(session: Session, user: User, settings: Settings) -> LoginResult:
    now = utcnow()
    until = now + timedelta(minutes=settings.login_lock_minutes)
    reaches = User.failed_logins + 1 >= settings.login_max_failures
    # One statement reads and writes the counter under the row lock; after the lock
    # the user gets a full set of attempts again (the counter goes back to 0).
    row = session.execute(
        update(User)
        .where(User.id == user.id, _not_locked(now))
        .values(
            failed_logins=case((reaches, 0), else_=User.failed_logins + 1),
            locked_until=case((reaches, until), else_=User.locked_until),
        )
        .returning(User.failed_logins, User.locked_until)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if row is None:  # another request locked it a moment ago
        session.commit()
        session.refresh(user)
        locked = user.locked_until or until
        return LoginResult(None, locked_message(locked, settings), locked)
    failures = row.failed_logins or settings.login_max_failures
    audit.record(session, user, "auth.login_failed", "user", user.id, {"failures": failures})
    if row.failed_logins == 0:
        audit.record(session, user, "auth.lockout", "user", user.id, {"until": until})
        session.commit()
        return LoginResult(None, locked_message(until, settings), until)
    session.commit()
    return LoginResult(None, GENERIC_ERROR)


def throttled_message(wait_s: float) -> str:
    return (
        "Terlalu banyak percobaan masuk dalam waktu singkat. "
        f"Tunggu {max(1, round(wait_s + 0.5))} detik lalu coba lagi."
    )


def locked_message(until: datetime, settings: Settings) -> str:
    from review_ui.templating import format_time

    return (
        "Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara sampai "
        f"{format_time(until, settings.timezone, with_date=False)}."
    )


def log_out(session: Session, user: User) -> None:
    """End every session of this user: the cookie's generation no longer matches."""
    revoke_sessions(session, user)
    audit.record(session, user, "auth.logout", "user", user.id)
