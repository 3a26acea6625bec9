"""Password login with slowdown and lockout after repeated failures, every outcome audited."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import User
from pantau.settings import Settings
from pantau.timeutil import as_utc, utcnow
from pantau.users import check_password, get_by_username

# Verifying against a throwaway hash keeps an unknown username as slow as a wrong password.
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("pantau-dummy-password")
MAX_DELAY_S = 5.0


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    error: str | None = None
    locked_until: datetime | None = None


GENERIC_ERROR = "Nama pengguna atau kata sandi salah."


def attempt(session: Session, username: str, password: str, settings: Settings) -> LoginResult:
    """Check a login. Failures count towards a lock; the caller commits either way."""
    now = utcnow()
    user = get_by_username(session, username) if username.strip() else None
    if user is None:
        _check_dummy(password)
        _slow_down(1, settings)
        return LoginResult(None, GENERIC_ERROR)
    if user.locked_until is not None and as_utc(user.locked_until) > now:
        return LoginResult(None, locked_message(user.locked_until, settings), user.locked_until)
    if not check_password(user, password) or not user.active:
        return _fail(session, user, now, settings)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    audit.record(session, user, "auth.login", "user", user.id)
    return LoginResult(user)


def _check_dummy(password: str) -> None:
    try:
        _HASHER.verify(_DUMMY_HASH, password)
    except VerificationError:
        return


def _fail(session: Session, user: User, now: datetime, settings: Settings) -> LoginResult:
    user.failed_logins = (user.failed_logins or 0) + 1
    audit.record(
        session, user, "auth.login_failed", "user", user.id, {"failures": user.failed_logins}
    )
    if user.failed_logins >= settings.login_max_failures:
        user.locked_until = now + timedelta(minutes=settings.login_lock_minutes)
        user.failed_logins = 0  # after the lock, the user gets a full set of attempts again
        audit.record(session, user, "auth.lockout", "user", user.id, {"until": user.locked_until})
        return LoginResult(None, locked_message(user.locked_until, settings), user.locked_until)
    _slow_down(user.failed_logins, settings)
    return LoginResult(None, GENERIC_ERROR)


def _slow_down(failures: int, settings: Settings) -> None:
    # Each further failure answers more slowly, so guessing gets expensive before the lock.
    time.sleep(min(settings.login_delay_s * failures, MAX_DELAY_S))


def locked_message(until: datetime, settings: Settings) -> str:
    from review_ui.templating import format_time

    return (
        "Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara sampai "
        f"{format_time(until, settings.timezone, with_date=False)}."
    )


def log_out(session: Session, user: User) -> None:
    audit.record(session, user, "auth.logout", "user", user.id)
