"""Region scoping: a user's scope is a Kemendagri code prefix, and None means national."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, true
from sqlalchemy.orm import InstrumentedAttribute


def in_scope(region_code: str | None, scope: str | None) -> bool:
    if scope is None:
        return True
    if region_code is None:
        return False
    return region_code == scope or region_code.startswith(scope + ".")


def scope_filter(
    column: InstrumentedAttribute[str | None], scope: str | None
) -> ColumnElement[bool]:
    """The SQL twin of in_scope, for queries."""
    if scope is None:
        return true()
    return or_(
        column == scope, column.like(scope.replace("%", "").replace("_", r"\_") + ".%", escape="\\")
    )
