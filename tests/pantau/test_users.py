"""Users: argon2 hashes, scopes checked, and the last admin protected."""

from __future__ import annotations

import factories as f
import pytest

from pantau.models import Role
from pantau.users import UserError, check_password, create_user, disable_user, update_user


def test_password_is_hashed_with_argon2_and_checked(session):
    user = f.user(session, password="kata-sandi-rahasia")
    assert user.password_hash.startswith("$argon2id$")
    assert check_password(user, "kata-sandi-rahasia")
    assert not check_password(user, "kata-sandi-salah")


def test_scope_must_be_a_region_code(session):
    with pytest.raises(UserError, match="Kemendagri"):
        create_user(session, "x", "X", Role.ANALYST, "panjang-sekali", "99")


def test_duplicate_usernames_are_refused(session):
    f.user(session, username="sama")
    with pytest.raises(UserError, match="sudah dipakai"):
        f.user(session, username="SAMA")


def test_last_admin_cannot_be_disabled_or_demoted(session):
    only = f.user(session, Role.ADMIN)
    with pytest.raises(UserError, match="Admin aktif terakhir"):
        disable_user(session, only)
    with pytest.raises(UserError, match="Admin aktif terakhir"):
        update_user(session, only, role=Role.ANALYST)
    second = f.user(session, Role.ADMIN)
    disable_user(session, only)
    assert not only.active
    with pytest.raises(UserError):
        disable_user(session, second)
