"""Users: create, change role and region scope, reset the password, disable and enable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.models import Role, User
from pantau.regions import region_names
from pantau.users import (
    UserError,
    create_user,
    disable_user,
    enable_user,
    set_password,
    update_user,
)
from review_ui.deps import AdminUser, DbSession, Templates
from review_ui.routers.admin.common import redirect, render

router = APIRouter()
Text = Annotated[str, Form()]


def _user(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(404, "Pengguna tidak ditemukan.")
    return user


def _list_page(
    request: Request, db: Session, templates: Templates, error: str | None = None, **form: str
) -> Response:
    users = db.scalars(select(User).order_by(User.active.desc(), User.username)).all()
    context = {"users": users, "roles": list(Role), "regions": region_names(), "form": form}
    return render(request, templates, "users.html", context, error=error)


@router.get("/users")
def users_page(request: Request, db: DbSession, templates: Templates) -> Response:
    return _list_page(request, db, templates)


@router.post("/users")
def create(
    request: Request,
    db: DbSession,
    admin: AdminUser,
    templates: Templates,
    username: Text,
    full_name: Text,
    role: Text,
    password: Text,
    password_again: Text,
    region_scope: Annotated[str, Form()] = "",
) -> Response:
    form = {
        "username": username,
        "full_name": full_name,
        "role": role,
        "region_scope": region_scope,
    }
    try:
        with db.begin_nested():
            if password != password_again:
                raise UserError("Kedua kata sandi tidak sama.")
            create_user(db, username, full_name, Role(role), password, region_scope, actor=admin)
    except (UserError, ValueError) as exc:
        text = str(exc) if isinstance(exc, UserError) else "Peran tidak dikenal."
        return _list_page(request, db, templates, text, **form)
    return redirect("/admin/users?pesan=pengguna-dibuat")


def _edit_page(
    request: Request, db: Session, templates: Templates, user: User, error: str | None = None
) -> Response:
    context = {"user": user, "roles": list(Role), "regions": region_names()}
    return render(request, templates, "user_edit.html", context, error=error)


@router.get("/users/{user_id}")
def edit_page(request: Request, user_id: int, db: DbSession, templates: Templates) -> Response:
    return _edit_page(request, db, templates, _user(db, user_id))


@router.post("/users/{user_id}")
def save(
    request: Request,
    user_id: int,
    db: DbSession,
    admin: AdminUser,
    templates: Templates,
    full_name: Text,
    role: Text,
    region_scope: Annotated[str, Form()] = "",
) -> Response:
    user = _user(db, user_id)
    try:
        with db.begin_nested():
            update_user(
                db,
                user,
                role=Role(role),
                region_scope=region_scope,
                full_name=full_name,
                actor=admin,
            )
    except (UserError, ValueError) as exc:
        text = str(exc) if isinstance(exc, UserError) else "Peran tidak dikenal."
        return _edit_page(request, db, templates, _user(db, user_id), text)
    return redirect(f"/admin/users/{user_id}?pesan=pengguna-disimpan")


@router.post("/users/{user_id}/password")
def reset_password(
    request: Request,
    user_id: int,
    db: DbSession,
    admin: AdminUser,
    templates: Templates,
    password: Text,
    password_again: Text,
) -> Response:
    user = _user(db, user_id)
    try:
        with db.begin_nested():
            if password != password_again:
                raise UserError("Kedua kata sandi tidak sama.")
            set_password(db, user, password, actor=admin)
    except UserError as exc:
        return _edit_page(request, db, templates, _user(db, user_id), str(exc))
    return redirect(f"/admin/users/{user_id}?pesan=sandi-diganti")


@router.post("/users/{user_id}/disable")
def disable(
    request: Request, user_id: int, db: DbSession, admin: AdminUser, templates: Templates
) -> Response:
    user = _user(db, user_id)
    try:
        with db.begin_nested():
            disable_user(db, user, actor=admin)
    except UserError as exc:
        return _edit_page(request, db, templates, _user(db, user_id), str(exc))
    return redirect(f"/admin/users/{user_id}?pesan=pengguna-nonaktif")


@router.post("/users/{user_id}/enable")
def enable(user_id: int, db: DbSession, admin: AdminUser) -> Response:
    enable_user(db, _user(db, user_id), actor=admin)
    return redirect(f"/admin/users/{user_id}?pesan=pengguna-aktif")
