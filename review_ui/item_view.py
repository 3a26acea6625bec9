"""Everything the item page shows, gathered in one place (all of it within the user's scope)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from pantau import post_record
from pantau.models import (
    Account,
    Candidate,
    Classification,
    Contest,
    Decision,
    Post,
    ReviewItem,
    ReviewStatus,
    User,
)
from pantau.review import NotFound, get_item
from pantau.review_corrections import case_holding, undo_seconds_left
from pantau.scope import scope_filter
from pantau.taxonomy import get_taxonomy
from pantau.timeutil import utcnow
from review_ui import reasons
from review_ui.highlight import highlight
from review_ui.queue_filters import OPEN_STATUSES
from review_ui.queue_query import open_items, region_within

RELATED_LIMIT = 20


@dataclass(frozen=True)
class Related:
    """Another post shown for context: its item (if it has one in scope) and an excerpt."""

    post_id: int
    item_id: int | None
    status: str | None
    handle: str
    platform: str
    posted_at: Any
    excerpt: str
    relation: str = ""


@dataclass
class ItemView:
    item: ReviewItem
    post: Post
    account: Account
    classification: Classification | None
    text_html: Markup
    features: list[tuple[str, float]] = field(default_factory=list)
    asn_reasons: list[dict[str, Any]] = field(default_factory=list)
    supported: list[str] = field(default_factory=list)
    other_items: list[Related] = field(default_factory=list)
    duplicates: list[Related] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    prev_id: int | None = None
    next_id: int | None = None
    open_items_of_account: int = 0
    match_reasons: list[str] = field(default_factory=list)
    asn_sentences: list[reasons.Reason] = field(default_factory=list)
    suggested_code: str = "NTR-02"
    suggestion_reason: str = ""
    undo_seconds: int = 0  # how long the viewer may still undo their decision
    in_case: str | None = None  # the open case holding this item's post
    sharing: dict[int, post_record.Sharing] = field(default_factory=dict)
    record_hash: str | None = None  # SHA-256 of the post alone, as captured

    def held_by(self, user: User) -> bool:
        return self.item.status is ReviewStatus.CLAIMED and self.item.claimed_by_id == user.id


def load(session: Session, item_id: int, user: User) -> ItemView:
    """Raises pantau.review.NotFound for an item outside the user's scope."""
    item = get_item(session, item_id, user)
    post = session.scalars(
        select(Post)
        .where(Post.id == item.post_id)
        .options(selectinload(Post.versions), selectinload(Post.evidence))
    ).one()
    classification = item.classification
    explanation = classification.explanation if classification else {}
    view = ItemView(
        item=item,
        post=post,
        account=post.account,
        classification=classification,
        text_html=highlight(post.text, classification.matches if classification else []),
        features=_features(explanation),
        asn_reasons=[r for r in explanation.get("asn_reasons", []) if isinstance(r, dict)],
        supported=candidate_labels(session, _entities(explanation)),
    )
    view.decisions = list(
        session.scalars(
            select(Decision)
            .where(Decision.review_item_id == item.id)
            .order_by(Decision.id)
            .options(selectinload(Decision.reviewer))
        )
    )
    matches = classification.matches if classification else []
    view.match_reasons = reasons.match_reasons(post.text, matches)
    view.asn_sentences = reasons.asn_reasons(explanation.get("asn_reasons", []), post.account)
    view.suggested_code = reasons.suggest_code(post, matches)
    view.suggestion_reason = reasons.SUGGESTION_REASONS[view.suggested_code]
    view.undo_seconds = undo_seconds_left(session, item, user, utcnow())
    view.in_case = case_holding(session, item)
    view.sharing = post_record.sharing(session, post)
    view.record_hash = post_record.record_hash(post.raw)
    view.other_items = _other_items(session, item, post, user)
    view.duplicates = _duplicates(session, post, user)
    view.prev_id, view.next_id = neighbours(session, item, user)
    view.open_items_of_account = count_open_of_account(session, post.account_id, user)
    return view


def ordered_violations() -> list[Any]:
    """Social-media acts first (what a monitor sees), then the rest, each in code order."""
    violations = get_taxonomy().violations
    return [v for v in violations if v.social_media] + [v for v in violations if not v.social_media]


def _features(explanation: dict[str, Any]) -> list[tuple[str, float]]:
    out = []
    for pair in explanation.get("features", []) or []:
        if isinstance(pair, list | tuple) and len(pair) == 2 and isinstance(pair[1], int | float):
            out.append((str(pair[0]), float(pair[1])))
    return out


def _entities(explanation: dict[str, Any]) -> list[str]:
    return [e for e in explanation.get("supported", []) or [] if isinstance(e, str)]


def candidate_labels(session: Session, entities: list[str]) -> list[str]:
    """'PILWALKOT-3578-2024#2' -> 'No. 2 Rekaan & Contoh (Pilwalkot Surabaya 2024)'."""
    labels = []
    for entity in entities:
        code, _, number = entity.rpartition("#")
        row = session.execute(
            select(Candidate.names, Contest.name)
            .join(Contest, Contest.id == Candidate.contest_id)
            .where(
                Contest.code == code, Candidate.number == (int(number) if number.isdigit() else -1)
            )
        ).first()
        labels.append(f"No. {number} {' & '.join(row.names)} ({row.name})" if row else entity)
    return labels


def _related_query(user: User) -> Any:
    in_scope_item = scope_filter(ReviewItem.region_code, user.region_scope)
    no_item_in_scope = and_(
        ReviewItem.id.is_(None),
        or_(Post.region_code.is_(None), scope_filter(Post.region_code, user.region_scope)),
    )
    return (
        select(
            Post.id.label("post_id"),
            ReviewItem.id.label("item_id"),
            ReviewItem.status,
            Account.handle,
            Post.platform,
            Post.posted_at,
            func.substr(Post.text, 1, 200).label("excerpt"),
            Post.parent_id,
            Post.content_hash,
        )
        .join(Account, Account.id == Post.account_id)
        .outerjoin(ReviewItem, ReviewItem.post_id == Post.id)
        .where(or_(in_scope_item, no_item_in_scope))
        .limit(RELATED_LIMIT)
    )


def _related(row: Any, relation: str = "") -> Related:
    return Related(
        post_id=row.post_id,
        item_id=row.item_id,
        status=row.status.value if row.status is not None else None,
        handle=row.handle,
        platform=getattr(row.platform, "value", str(row.platform)),
        posted_at=row.posted_at,
        excerpt=row.excerpt,
        relation=relation,
    )


def _other_items(session: Session, item: ReviewItem, post: Post, user: User) -> list[Related]:
    query = (
        _related_query(user)
        .where(Post.account_id == post.account_id, ReviewItem.id.is_not(None))
        .where(ReviewItem.id != item.id)
        .order_by(Post.posted_at.desc())
    )
    return [_related(row) for row in session.execute(query)]


def _duplicates(session: Session, post: Post, user: User) -> list[Related]:
    same = or_(Post.content_hash == post.content_hash, Post.parent_id == post.id)
    if post.parent_id is not None:
        same = or_(same, Post.id == post.parent_id)
    query = _related_query(user).where(same, Post.id != post.id).order_by(Post.id)
    out = []
    for row in session.execute(query):
        if row.post_id == post.parent_id:
            relation = "Unggahan asli yang dibagikan ulang"
        elif row.parent_id == post.id:
            relation = "Membagikan ulang unggahan ini"
        else:
            relation = "Teks sama"
        out.append(_related(row, relation))
    return out


def neighbours(session: Session, item: ReviewItem, user: User) -> tuple[int | None, int | None]:
    """The open items just before and after this one in queue order."""
    dialect = session.get_bind().dialect.name
    base = select(ReviewItem.id).where(
        open_items(), region_within(ReviewItem.region_code, user.region_scope, dialect)
    )
    p, i = item.priority, item.id
    after = base.where(
        or_(ReviewItem.priority < p, and_(ReviewItem.priority == p, ReviewItem.id > i))
    ).order_by(ReviewItem.priority.desc(), ReviewItem.id)
    before = base.where(
        or_(ReviewItem.priority > p, and_(ReviewItem.priority == p, ReviewItem.id < i))
    ).order_by(ReviewItem.priority.asc(), ReviewItem.id.desc())
    return session.scalar(before.limit(1)), session.scalar(after.limit(1))


def open_items_of_account_query(account_id: int, user: User) -> Any:
    return (
        select(ReviewItem.id)
        .join(Post, Post.id == ReviewItem.post_id)
        .where(
            Post.account_id == account_id,
            ReviewItem.status.in_(OPEN_STATUSES),
            scope_filter(ReviewItem.region_code, user.region_scope),
        )
        .order_by(ReviewItem.id)
    )


def count_open_of_account(session: Session, account_id: int, user: User) -> int:
    query = open_items_of_account_query(account_id, user).subquery()
    return int(session.scalar(select(func.count()).select_from(query)) or 0)


@dataclass(frozen=True)
class UndoOffer:
    """ "Urungkan" for the decision the viewer just saved on another item."""

    item_id: int
    version: int
    seconds: int


def undo_offer(session: Session, raw_id: str | None, user: User) -> UndoOffer | None:
    """From `?urung=ID` after save-and-next: offered only while the decision is undoable."""
    if not raw_id or not raw_id.isdigit():
        return None
    try:
        item = get_item(session, int(raw_id), user)
    except NotFound:
        return None
    seconds = undo_seconds_left(session, item, user, utcnow())
    return UndoOffer(item.id, item.version, seconds) if seconds > 0 else None
