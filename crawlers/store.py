"""Batch storage of parsed posts and accounts: insert new, version edits, skip the unchanged."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from crawlers.items import AccountItem, PostItem
from pantau.db import is_postgres
from pantau.models import Account, Post, PostOrigin, PostVersion, Quarantine
from pantau.timeutil import utcnow

# Keeps IN lists and multi-row VALUES under SQLite's bound-parameter limit.
CHUNK = 400
IN_BUCKETS = (8, 64, CHUNK)
# Rows per multi-row INSERT … RETURNING: few distinct statements for the driver to cache.
INSERT_PAGE = 32
# Bytes kept of a quarantined response; a hostile 1 GB body must not fill the database.
MAX_QUARANTINE_BYTES = 16 * 1024 * 1024

Key = tuple[str, str]  # (platform, platform id)

ACCOUNTS = cast(Table, Account.__table__)
POSTS = cast(Table, Post.__table__)
VERSIONS = cast(Table, PostVersion.__table__)
QUARANTINE = cast(Table, Quarantine.__table__)


def normalise_text(text: str) -> str:
    """NFC and collapsed whitespace: a re-rendered post with the same words is not an edit."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass
class StoredPost:
    post_id: int
    item: PostItem
    status: str  # "new", "edited" or "unchanged"


@dataclass
class StoreResult:
    posts: list[StoredPost] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for p in self.posts if p.status == status)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def edited(self) -> int:
        return self.count("edited")

    def post_id(self, platform: str, platform_post_id: str) -> int | None:
        for p in self.posts:
            if (p.item.platform, p.item.platform_post_id) == (platform, platform_post_id):
                return p.post_id
        return None


def _chunks(seq: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


def _in_list(chunk: Sequence[Any]) -> list[Any]:
    """The chunk padded (with its last value) to one of a few lengths. Each distinct length of
    an IN list is another prepared statement in the driver's cache; with every length from 1
    to CHUNK a long crawl kept growing by tens of megabytes."""
    size = next(b for b in IN_BUCKETS if b >= len(chunk))
    return [*chunk, *[chunk[-1]] * (size - len(chunk))]


def _rows_by_key(
    session: Session, columns: Sequence[Any], id_column: Any, keys: Iterable[Key]
) -> Iterator[Any]:
    """Rows whose (platform, id) is among `keys`, one IN list per platform: SQLite answers a
    row-value IN ((p, id), ...) by scanning the whole table, which grows with every crawl."""
    by_platform: dict[str, list[str]] = {}
    for platform, ident in keys:
        by_platform.setdefault(platform, []).append(ident)
    platform_column = id_column.class_.platform
    for platform, idents in by_platform.items():
        for chunk in _chunks(idents):
            query = select(*columns).where(
                platform_column == platform, id_column.in_(_in_list(chunk))
            )
            yield from session.execute(query)


def _insert(session: Session, table: Table) -> Any:
    dialect = postgresql if is_postgres(session) else sqlite
    return dialect.insert(table)


def flatten(items: Iterable[PostItem]) -> list[PostItem]:
    """Shared originals come before the reposts that point at them; the last copy of a key wins."""
    out: dict[Key, PostItem] = {}
    for item in items:
        chain: list[PostItem] = []
        node: PostItem | None = item
        while node is not None and len(chain) < 8:
            chain.append(node)
            node = node.parent
        for node in reversed(chain):
            key = (node.platform, node.platform_post_id)
            out.pop(key, None)
            out[key] = node
    return list(out.values())


def _profile(item: AccountItem) -> dict[str, Any]:
    # Authors embedded in posts often lack a bio or follower count: keep what we knew.
    values: dict[str, Any] = {
        "handle": item.handle,
        "display_name": item.display_name,
        "bio": item.bio,
        "url": item.url,
        "followers": item.followers,
    }
    return {k: v for k, v in values.items() if v not in ("", None)}


def upsert_accounts(session: Session, items: Iterable[AccountItem]) -> dict[Key, int]:
    """Insert unseen accounts, update changed profiles; returns (platform, account id) -> row id."""
    wanted: dict[Key, AccountItem] = {}
    for item in items:
        wanted[(item.platform, item.platform_account_id)] = item
    keys = list(wanted)
    ids: dict[Key, int] = {}
    changes: list[dict[str, Any]] = []
    cols = [Account.id, Account.platform, Account.platform_account_id, Account.handle]
    cols += [Account.display_name, Account.bio, Account.url, Account.followers]
    for row in _rows_by_key(session, cols, Account.platform_account_id, keys):
        key = (str(row.platform), row.platform_account_id)
        ids[key] = row.id
        profile = _profile(wanted[key])
        if any(getattr(row, k) != v for k, v in profile.items()):
            changes.append({"id": row.id, "updated_at": utcnow(), **profile})
    missing = [wanted[k] for k in keys if k not in ids]
    if missing:
        now = utcnow()
        rows_in = [
            {
                "platform": a.platform,
                "platform_account_id": a.platform_account_id,
                "first_seen_at": now,
                "updated_at": now,
                "handle": "",
                "display_name": "",
                "bio": "",
                "url": "",
                **_profile(a),
            }
            for a in missing
        ]
        table = ACCOUNTS
        stmt = _insert(session, table).on_conflict_do_nothing(
            index_elements=["platform", "platform_account_id"]
        )
        session.execute(stmt, rows_in)
        again = [(a.platform, a.platform_account_id) for a in missing]
        found_cols = [Account.id, Account.platform, Account.platform_account_id]
        for found in _rows_by_key(session, found_cols, Account.platform_account_id, again):
            ids[(str(found.platform), found.platform_account_id)] = found.id
    for chunk in _chunks(changes):
        _update_by_id(session, ACCOUNTS, list(chunk))
    return ids


def _update_by_id(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Executemany UPDATE; rows may set different columns, so group them by column set."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for cols, group in groups.items():
        values: dict[str, Any] = {c: bindparam(f"v_{c}") for c in cols if c != "id"}
        stmt = update(table).where(table.c.id == bindparam("v_id")).values(values)
        session.connection().execute(stmt, [{f"v_{k}": v for k, v in r.items()} for r in group])


def _post_row(
    item: PostItem, account_id: int, origin: PostOrigin, source_id: int | None, now: datetime
) -> dict[str, Any]:
    return {
        "platform": item.platform,
        "platform_post_id": item.platform_post_id,
        "account_id": account_id,
        "source_id": source_id,
        "origin": origin.value,
        "url": item.url,
        "text": item.text,
        "language": item.language,
        "posted_at": item.posted_at,
        "kind": item.kind,
        "parent_platform_post_id": item.parent_platform_post_id,
        "metrics": item.metrics,
        "media": item.media,
        "raw": item.raw,
        "content_hash": content_hash(item.text),
        "first_seen_at": now,
        "last_checked_at": now,
    }


def _existing_posts(session: Session, keys: Sequence[Key]) -> dict[Key, tuple[int, str]]:
    found: dict[Key, tuple[int, str]] = {}
    cols = [Post.id, Post.platform, Post.platform_post_id, Post.content_hash]
    for row in _rows_by_key(session, cols, Post.platform_post_id, keys):
        found[(str(row.platform), row.platform_post_id)] = (row.id, row.content_hash)
    return found


def store_posts(
    session: Session,
    items: Iterable[PostItem],
    *,
    origin: PostOrigin = PostOrigin.CRAWL,
    source_id: int | None = None,
    region_code: str | None = None,
) -> StoreResult:
    """Store a batch in the caller's transaction: new posts with their first version, a new
    version for each changed text, a last-checked time for the rest. Reposts keep the shared
    original as a post of its own and point at it."""
    posts = flatten(items)
    if not posts:
        return StoreResult()
    now = utcnow()
    account_ids = upsert_accounts(session, (p.account for p in posts))
    keys = [(p.platform, p.platform_post_id) for p in posts]
    existing = _existing_posts(session, keys)
    result = StoreResult()
    fresh = [p for p in posts if (p.platform, p.platform_post_id) not in existing]
    inserted = _insert_posts(session, fresh, account_ids, origin, source_id, region_code, now)
    edits: list[dict[str, Any]] = []
    seen: list[int] = []
    versions: list[dict[str, Any]] = []
    for p in posts:
        key = (p.platform, p.platform_post_id)
        if key in inserted:
            pid = inserted[key]
            result.posts.append(StoredPost(pid, p, "new"))
            versions.append({"post_id": pid, "text": p.text, "content_hash": content_hash(p.text)})
            continue
        pid, old_hash = existing.get(key) or _existing_posts(session, [key])[key]
        new_hash = content_hash(p.text)
        if new_hash == old_hash:
            result.posts.append(StoredPost(pid, p, "unchanged"))
            seen.append(pid)
            continue
        result.posts.append(StoredPost(pid, p, "edited"))
        versions.append({"post_id": pid, "text": p.text, "content_hash": new_hash})
        edits.append(
            {
                "id": pid,
                "text": p.text,
                "content_hash": new_hash,
                "edited_at": now,
                "last_checked_at": now,
                "metrics": p.metrics,
                "raw": p.raw,
            }
        )
    for v in versions:
        v["seen_at"] = now
    if versions:
        session.execute(_insert(session, VERSIONS), versions)
    for chunk in _chunks(edits):
        _update_by_id(session, POSTS, list(chunk))
    for ids in _chunks(seen):
        session.execute(update(POSTS).where(Post.id.in_(_in_list(ids))).values(last_checked_at=now))
    _link_parents(session, [p.post_id for p in result.posts if p.item.parent_platform_post_id])
    _link_waiting_children(session, list(inserted))
    return result


def _insert_posts(
    session: Session,
    fresh: list[PostItem],
    account_ids: dict[Key, int],
    origin: PostOrigin,
    source_id: int | None,
    region_code: str | None,
    now: datetime,
) -> dict[Key, int]:
    if not fresh:
        return {}
    rows: list[dict[str, Any]] = []
    for p in fresh:
        row = _post_row(
            p,
            account_ids[(p.account.platform, p.account.platform_account_id)],
            origin,
            source_id,
            now,
        )
        row["region_code"] = region_code
        rows.append(row)
    table = POSTS
    stmt = (
        _insert(session, table)
        .on_conflict_do_nothing(index_elements=["platform", "platform_post_id"])
        .returning(table.c.id, table.c.platform, table.c.platform_post_id)
        .execution_options(insertmanyvalues_page_size=INSERT_PAGE)
    )
    # One executemany: SQLAlchemy packs it into multi-row INSERT … RETURNING statements.
    return {
        (str(got.platform), got.platform_post_id): got.id for got in session.execute(stmt, rows)
    }


def _parent_id() -> Any:
    """The id of the stored post a posts row names as its parent (NULL if not stored)."""
    parent = POSTS.alias("parent")
    return (
        select(parent.c.id)
        .where(
            and_(
                parent.c.platform == POSTS.c.platform,
                parent.c.platform_post_id == POSTS.c.parent_platform_post_id,
            )
        )
        .scalar_subquery()
    )


def _link_parents(session: Session, post_ids: list[int]) -> None:
    """Point replies and reposts at their parent row when the parent is stored."""
    if not post_ids:
        return
    child = POSTS
    parent_id = _parent_id()
    for ids in _chunks(post_ids):
        session.execute(
            update(child)
            .where(child.c.id.in_(_in_list(ids)), child.c.parent_id.is_(None))
            .values(parent_id=parent_id)
        )


def _link_waiting_children(session: Session, parents: Sequence[Key]) -> None:
    """Replies and reposts stored before their parent (a crawl walks newest first, and may be
    killed between the two) are linked in the transaction that stores the parent, whichever
    run stored them. Uses the partial index ix_posts_parent_ref."""
    if not parents:
        return
    child = POSTS
    parent_id = _parent_id()
    by_platform: dict[str, list[str]] = {}
    for platform, ident in parents:
        by_platform.setdefault(platform, []).append(ident)
    for platform, idents in by_platform.items():
        for chunk in _chunks(idents):
            session.execute(
                update(child)
                .where(
                    child.c.platform == platform,
                    child.c.parent_platform_post_id.in_(_in_list(chunk)),
                    child.c.parent_id.is_(None),
                )
                .values(parent_id=parent_id)
            )


def quarantine(
    session: Session,
    *,
    platform: str,
    reason: str,
    raw: bytes,
    url: str = "",
    crawl_run_id: int | None = None,
) -> None:
    session.execute(
        _insert(session, QUARANTINE),
        [
            {
                "platform": platform,
                "reason": reason[:2000],
                "raw": raw[:MAX_QUARANTINE_BYTES],
                "url": url,
                "crawl_run_id": crawl_run_id,
                "captured_at": utcnow(),
                "created_at": utcnow(),
            }
        ],
    )
