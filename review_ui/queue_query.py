"""The queue's SQL: one page of items in priority order (keyset), and counts per status.

The page is read in two steps: the ids in order (joining only the tables a filter
needs, so the common case walks one index of review_items), then the columns shown for
those few ids. Every query carries the user's region scope.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cachetools import TTLCache
from sqlalchemy import ColumnElement, Select, TextClause, and_, bindparam, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from pantau.models import (
    Account,
    Classification,
    Decision,
    Post,
    ReviewItem,
    ReviewStatus,
    User,
    Verdict,
)
from pantau.models.review import OPEN_ITEMS
from pantau.scope import scope_filter
from review_ui.queue_filters import OPEN_STATUSES, QueueFilter, parse_cursor

PAGE_SIZE = 50
EXCERPT_CHARS = 280


@dataclass(frozen=True)
class QueueRow:
    id: int
    status: ReviewStatus
    priority: float
    region_code: str | None
    origin: str
    version: int
    claimed_by_id: int | None
    claimed_by: str | None
    claim_expires_at: datetime | None
    post_id: int
    platform: str
    posted_at: datetime | None
    deleted_at: datetime | None
    excerpt: str
    account_id: int
    handle: str
    display_name: str
    civil_servant_id: int | None
    asn_status: str
    partisan: float | None
    asn: float | None
    violation_code: str | None = None  # for a confirmed item: the code and who confirmed
    decided_by: str | None = None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    next_cursor: str | None


def _like_prefix(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "#%"


def entity_clause(dialect: str, name: str, *, exact: str | None = None, contest: str | None = None):
    """Classifications that name a registry entity (exactly, or any candidate of a contest)
    in `explanation.supported` or in a match's entity. JSON is read per dialect."""
    if exact is not None:
        value, op = exact, "= :{n}"
    else:
        value, op = _like_prefix(contest or ""), "LIKE :{n} ESCAPE '\\'"
    test = op.format(n=name)
    if dialect == "postgresql":
        supported = (
            "jsonb_array_elements_text(CASE WHEN jsonb_typeof(classifications.explanation"
            "->'supported') = 'array' THEN classifications.explanation->'supported' "
            "ELSE '[]'::jsonb END)"
        )
        matches = (
            "jsonb_array_elements(CASE WHEN jsonb_typeof(classifications.matches) = 'array' "
            "THEN classifications.matches ELSE '[]'::jsonb END)"
        )
        sql = (
            f"(EXISTS (SELECT 1 FROM {supported} AS s(v) WHERE s.v {test}) OR "
            f"EXISTS (SELECT 1 FROM {matches} AS m(v) WHERE m.v->>'entity' {test}))"
        )
    else:
        sql = (
            "(EXISTS (SELECT 1 FROM json_each(classifications.explanation, '$.supported') AS s "
            f"WHERE s.value {test}) OR EXISTS (SELECT 1 FROM json_each(classifications.matches)"
            f" AS m WHERE json_extract(m.value, '$.entity') {test}))"
        )
    return text(sql).bindparams(bindparam(name, value))


def _day_start(day: date, zone: str) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(zone))


@dataclass
class _Plan:
    """Conditions on review_items itself, and on the post, account and classification
    (tested per item with EXISTS, so the queue's own index keeps driving the order)."""

    where: list[Any]
    post: list[Any] = field(default_factory=list)
    account: list[Any] = field(default_factory=list)
    classification: list[Any] = field(default_factory=list)


def region_within(column: Any, scope: str | None, dialect: str) -> ColumnElement[bool]:
    """pantau.scope.scope_filter, but as a range on SQLite, where LIKE cannot use an index
    ('35.78.' <= code < '35.78/' is every code under 35.78: '/' sorts right after '.').
    PostgreSQL keeps LIKE: its collation may not order punctuation byte-wise."""
    if scope is None or dialect != "sqlite":
        return scope_filter(column, scope)
    return or_(column == scope, and_(column > scope + ".", column < scope + "/"))


def open_items() -> TextClause:
    """Open items as literal SQL, so the partial index ix_review_items_open is usable."""
    return text(f"review_items.{OPEN_ITEMS}")


def _plan(f: QueueFilter, user: User, dialect: str, zone: str, *, with_status: bool) -> _Plan:
    plan = _Plan([region_within(ReviewItem.region_code, user.region_scope, dialect)])
    where = plan.where
    statuses = f.statuses()
    if with_status and statuses == OPEN_STATUSES:
        where.append(open_items())
    elif with_status and statuses is not None:
        where.append(ReviewItem.status.in_(statuses))
    if f.region:
        where.append(region_within(ReviewItem.region_code, f.region, dialect))
    if f.origin:
        where.append(ReviewItem.origin == f.origin)
    if f.platform:
        plan.post.append(Post.platform == f.platform)
    if f.date_from:
        plan.post.append(Post.posted_at >= _day_start(f.date_from, zone))
    if f.date_to:
        plan.post.append(Post.posted_at < _day_start(f.date_to + timedelta(days=1), zone))
    if f.account is not None:
        plan.post.append(Post.account_id == f.account)
    if f.linked:
        linked = Account.civil_servant_id.is_not(None)
        plan.account.append(linked if f.linked == "ya" else ~linked)
    bounds = [
        (f.partisan_min, Classification.partisan_score, True),
        (f.partisan_max, Classification.partisan_score, False),
        (f.asn_min, Classification.asn_score, True),
        (f.asn_max, Classification.asn_score, False),
    ]
    for value, column, is_min in bounds:
        if value is not None:
            plan.classification.append(column >= value if is_min else column <= value)
    if f.candidate:
        plan.classification.append(entity_clause(dialect, "cand_entity", exact=f.candidate))
    if f.contest:
        plan.classification.append(entity_clause(dialect, "contest_entity", contest=f.contest))
    return plan


def _apply(query: Select[Any], plan: _Plan) -> Select[Any]:
    where = list(plan.where)
    if plan.post or plan.account:
        post_query = select(Post.id).where(Post.id == ReviewItem.post_id, *plan.post)
        if plan.account:
            post_query = post_query.join(Account, Account.id == Post.account_id).where(
                *plan.account
            )
        where.append(post_query.exists())
    if plan.classification:
        where.append(
            select(Classification.id)
            .where(Classification.id == ReviewItem.classification_id, *plan.classification)
            .exists()
        )
    return query.where(*where)


def _after(cursor: str) -> ColumnElement[bool] | None:
    parsed = parse_cursor(cursor) if cursor else None
    if parsed is None:
        return None
    priority, item_id = parsed
    return or_(
        ReviewItem.priority < priority,
        and_(ReviewItem.priority == priority, ReviewItem.id > item_id),
    )


def ordered_ids_query(f: QueueFilter, user: User, dialect: str, zone: str) -> Select[Any]:
    query = _apply(
        select(ReviewItem.id, ReviewItem.priority),
        _plan(f, user, dialect, zone, with_status=True),
    )
    after = _after(f.after)
    if after is not None:
        query = query.where(after)
    return query.order_by(ReviewItem.priority.desc(), ReviewItem.id)


def fetch_page(
    session: Session, f: QueueFilter, user: User, zone: str, limit: int = PAGE_SIZE
) -> QueuePage:
    dialect = session.get_bind().dialect.name
    head = session.execute(ordered_ids_query(f, user, dialect, zone).limit(limit + 1)).all()
    more = len(head) > limit
    head = head[:limit]
    rows = _details(session, [r.id for r in head])
    next_cursor = f"{head[-1].priority!r}:{head[-1].id}" if more and head else None
    return QueuePage(rows, next_cursor)


def _details(session: Session, ids: list[int]) -> list[QueueRow]:
    if not ids:
        return []
    holder = aliased(User)
    query = (
        select(
            ReviewItem.id,
            ReviewItem.status,
            ReviewItem.priority,
            ReviewItem.region_code,
            ReviewItem.origin,
            ReviewItem.version,
            ReviewItem.claimed_by_id,
            holder.full_name.label("claimed_by"),
            ReviewItem.claim_expires_at,
            Post.id.label("post_id"),
            Post.platform,
            Post.posted_at,
            Post.deleted_at,
            func.substr(Post.text, 1, EXCERPT_CHARS).label("excerpt"),
            Account.id.label("account_id"),
            Account.handle,
            Account.display_name,
            Account.civil_servant_id,
            Account.asn_status,
            Classification.partisan_score.label("partisan"),
            Classification.asn_score.label("asn"),
        )
        .join(Post, Post.id == ReviewItem.post_id)
        .join(Account, Account.id == Post.account_id)
        .outerjoin(Classification, Classification.id == ReviewItem.classification_id)
        .outerjoin(holder, holder.id == ReviewItem.claimed_by_id)
        .where(ReviewItem.id.in_(ids))
    )
    by_id = {row.id: row for row in session.execute(query)}
    confirmed = _confirmations(
        session, [i for i, r in by_id.items() if r.status.value == "confirmed"]
    )
    return [
        QueueRow(
            **{
                **row._asdict(),
                **confirmed.get(item_id, {}),
                "origin": str(row.origin.value if hasattr(row.origin, "value") else row.origin),
                "platform": str(getattr(row.platform, "value", row.platform)),
                "asn_status": str(getattr(row.asn_status, "value", row.asn_status)),
            }
        )
        for item_id in ids
        if (row := by_id.get(item_id)) is not None
    ]


def _confirmations(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The latest confirming decision of each item: its code and the reviewer's name."""
    if not ids:
        return {}
    rows = session.execute(
        select(Decision.review_item_id, Decision.violation_code, User.full_name)
        .join(User, User.id == Decision.reviewer_id)
        .where(Decision.review_item_id.in_(ids), Decision.verdict == Verdict.CONFIRM)
        .order_by(Decision.id)
    )
    return {item: {"violation_code": code, "decided_by": name} for item, code, name in rows}


def counts_ignore_filters(f: QueueFilter) -> bool:
    """Whether the page filters on something the status counts do not (see status_counts)."""
    return any(
        [f.platform, f.date_from, f.date_to, f.account is not None, f.linked, f.candidate,
         f.contest, f.partisan_min is not None, f.partisan_max is not None,
         f.asn_min is not None, f.asn_max is not None]
    )  # fmt: skip


COUNTS_TTL_S = 5.0
# Shared by the server's worker threads, hence the lock.
_counts_cache: TTLCache[tuple[Any, ...], dict[str, int]] = TTLCache(1000, COUNTS_TTL_S)
_counts_lock = threading.Lock()


def status_counts(session: Session, f: QueueFilter, user: User, zone: str) -> dict[str, int]:
    """Counts per status, reused for a few seconds: a whole-queue GROUP BY on every page view
    is most of the page's cost at 100,000 items. Every review move made through this app
    calls forget_counts(), so the tabs never lag the analyst's own decisions."""
    key = (str(session.get_bind().engine.url), user.region_scope, f.region, f.origin)
    with _counts_lock:
        cached = _counts_cache.get(key)
    if cached is not None:
        return cached
    counts = _status_counts(session, f, user, zone)
    with _counts_lock:
        _counts_cache[key] = counts
    return counts


def forget_counts() -> None:
    """Call after a review move: the next page view counts afresh."""
    with _counts_lock:
        _counts_cache.clear()


def _status_counts(session: Session, f: QueueFilter, user: User, zone: str) -> dict[str, int]:
    """Items per status in the user's scope, under the region and origin filters."""
    dialect = session.get_bind().dialect.name
    plan = _plan(f, user, dialect, zone, with_status=False)
    # Only the item's own columns (scope, region, origin): counting a whole status through
    # per-item post/score tests would cost seconds at 100,000 items. The page says so.
    plan = _Plan(plan.where)
    query = _apply(select(ReviewItem.status, func.count()), plan).group_by(ReviewItem.status)
    counts = {status.value: 0 for status in ReviewStatus}
    for status, count in session.execute(query):
        counts[getattr(status, "value", status)] = int(count)
    counts["open"] = counts["queued"] + counts["claimed"]
    counts["all"] = sum(counts[s.value] for s in ReviewStatus)
    return counts
