"""Which evidence belongs to one post, and a hash of the post alone.

A timeline page is one WARC record holding many posts, so several posts share one
SHA-256. The record hash is the SHA-256 of the canonical JSON of the post as captured
(Post.raw, the platform's own object), so a report can cite one post rather than a page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.models import Evidence, Post


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def record_hash(raw: dict[str, Any] | None) -> str | None:
    """SHA-256 of the post as captured; None when nothing was captured."""
    return None if not raw else hashlib.sha256(canonical_json(raw)).hexdigest()


@dataclass(frozen=True)
class Sharing:
    """How one evidence row relates to the page it came from."""

    evidence_id: int
    record_no: int  # the record's place in its file (1-based)
    posts_on_page: int  # posts stored from the same record
    position: int  # this post's place among them (1-based, in capture order)


def sharing(session: Session, post: Post) -> dict[int, Sharing]:
    """For each evidence row of the post: which record of its file it is, and where the
    post sits among the posts captured from that same record."""
    out: dict[int, Sharing] = {}
    for ev in post.evidence:
        if ev.offset is None:
            continue
        record_no = session.scalar(
            select(func.count(func.distinct(Evidence.offset))).where(
                Evidence.path == ev.path, Evidence.offset <= ev.offset
            )
        )
        same = list(
            session.scalars(
                select(Evidence.post_id)
                .where(Evidence.path == ev.path, Evidence.offset == ev.offset)
                .order_by(Evidence.post_id)
                .distinct()
            )
        )
        position = same.index(post.id) + 1 if post.id in same else 1
        out[ev.id] = Sharing(ev.id, int(record_no or 1), len(same), position)
    return out
