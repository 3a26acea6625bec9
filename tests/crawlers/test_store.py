"""Batch storage on SQLite and PostgreSQL: once per post, versions on edit, reposts kept."""

from __future__ import annotations

import crawl_helpers as h
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawlers import store
from pantau.models import Account, Post, PostOrigin, PostVersion, Quarantine


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_new_posts_are_stored_once_with_their_first_version(session: Session) -> None:
    first = store.store_posts(session, [h.post(1), h.post(2)])
    again = store.store_posts(session, [h.post(1), h.post(2)])
    assert (first.new, again.new, again.edited) == (2, 0, 0)
    assert count(session, Post) == 2
    assert count(session, PostVersion) == 2
    assert count(session, Account) == 1
    row = session.scalars(select(Post).where(Post.platform_post_id == "1")).one()
    assert row.content_hash == store.content_hash("Kabar pagi nomor 1")
    assert row.origin == PostOrigin.CRAWL and row.raw == {"id": "1"}


def test_changed_text_adds_a_version_and_sets_edited_at(session: Session) -> None:
    store.store_posts(session, [h.post(1, "Coblos nomor 1")])
    result = store.store_posts(session, [h.post(1, "Coblos nomor 2")])
    assert result.edited == 1
    row = session.scalars(select(Post).where(Post.platform_post_id == "1")).one()
    session.refresh(row)
    assert row.text == "Coblos nomor 2" and row.edited_at is not None
    texts = session.scalars(
        select(PostVersion.text).where(PostVersion.post_id == row.id).order_by(PostVersion.id)
    ).all()
    assert texts == ["Coblos nomor 1", "Coblos nomor 2"]


def test_whitespace_and_unicode_forms_are_not_edits(session: Session) -> None:
    store.store_posts(session, [h.post(1, "Caf\u00e9  di\nSurabaya")])
    result = store.store_posts(session, [h.post(1, "Cafe\u0301 di Surabaya ")])
    assert (result.new, result.edited) == (0, 0)


def test_repost_keeps_the_sharer_and_the_original(session: Session) -> None:
    original = h.post(10, "Debat paslon malam ini", author=h.account(2))
    boost = h.post(11, "", kind="repost", parent=original, parent_platform_post_id="10")
    result = store.store_posts(session, [boost])
    assert result.new == 2
    rows = {p.platform_post_id: p for p in session.scalars(select(Post))}
    assert rows["11"].parent_id == rows["10"].id
    assert rows["11"].kind.value == "repost"
    assert rows["11"].account_id != rows["10"].account_id


def test_reply_seen_before_its_parent_is_linked_when_the_parent_is_stored(
    session: Session,
) -> None:
    store.store_posts(session, [h.post(21, "Setuju", kind="reply", parent_platform_post_id="20")])
    # No end-of-run step: the batch that stores the parent links the waiting reply.
    store.store_posts(session, [h.post(20, "Pertanyaan")])
    rows = {p.platform_post_id: p for p in session.scalars(select(Post))}
    session.refresh(rows["21"])
    assert rows["21"].parent_id == rows["20"].id


def test_profile_changes_update_the_account_and_blanks_do_not_erase(session: Session) -> None:
    store.store_posts(session, [h.post(1, author=h.account(1, bio="ASN Dinas Pendidikan"))])
    store.store_posts(session, [h.post(2, author=h.account(1, bio="", followers=99))])
    acc = session.scalars(select(Account)).one()
    session.refresh(acc)
    assert acc.bio == "ASN Dinas Pendidikan" and acc.followers == 99


def test_a_batch_larger_than_a_chunk_and_duplicates_inside_it(session: Session) -> None:
    items = [h.post(n) for n in range(store.CHUNK + 50)] + [h.post(3, "Teks terakhir")]
    result = store.store_posts(session, items)
    assert result.new == store.CHUNK + 50
    row = session.scalars(select(Post).where(Post.platform_post_id == "3")).one()
    assert row.text == "Teks terakhir"


def test_quarantine_keeps_raw_bytes(session: Session) -> None:
    store.quarantine(session, platform="mastodon", reason="truncated", raw=b"\xff[{", url="u")
    row = session.scalars(select(Quarantine)).one()
    assert row.raw == b"\xff[{" and row.reason == "truncated"
