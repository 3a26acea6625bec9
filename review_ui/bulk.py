"""Bulk dismissal: each item goes through pantau.review_decisions on its own, in its own
savepoint."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pantau import review, review_decisions
from pantau.models import DismissReason, ReviewItem, User
from review_ui import queue_query
from review_ui.item_view import count_open_of_account, open_items_of_account_query
from review_ui.queue_filters import OPEN_STATUSES

MAX_BULK = 500

__all__ = ["BulkResult", "count_open_of_account", "dismiss_each", "visible_open_items"]


@dataclass(frozen=True)
class BulkResult:
    done: int
    skipped: int

    def redirect_to(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        if self.skipped:
            return f"{path}{sep}pesan=massal-lewat&n={self.done}&m={self.skipped}"
        return f"{path}{sep}pesan=massal&n={self.done}"


def visible_open_items(session: Session, item_ids: list[int], user: User) -> list[ReviewItem]:
    """The open items among these ids; an id outside the user's scope is a 404 for all."""
    ids = sorted(set(item_ids))[:MAX_BULK]
    for item_id in ids:
        try:
            review.get_item(session, item_id, user)
        except review.NotFound:
            raise HTTPException(404) from None
    items = session.scalars(
        select(ReviewItem)
        .where(ReviewItem.id.in_(ids), ReviewItem.status.in_(OPEN_STATUSES))
        .order_by(ReviewItem.priority.desc(), ReviewItem.id)
        .options(selectinload(ReviewItem.post))
    )
    return list(items)


def open_items_of_account(session: Session, account_id: int, user: User) -> list[ReviewItem]:
    ids = list(session.scalars(open_items_of_account_query(account_id, user).limit(MAX_BULK)))
    return visible_open_items(session, ids, user) if ids else []


def dismiss_each(
    session: Session, item_ids: list[int], user: User, reason: DismissReason, notes: str = ""
) -> BulkResult:
    """Dismiss each item through the state machine (claim, decision, audit events per item);
    one held by another analyst is skipped and counted, never overwritten."""
    done = skipped = 0
    for item_id in item_ids:
        try:
            with session.begin_nested():
                review_decisions.dismiss_open(session, item_id, user, reason, notes)
            done += 1
        except review.ReviewError:
            skipped += 1
    queue_query.forget_counts()
    return BulkResult(done, skipped)
