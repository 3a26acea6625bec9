"""`pantau import posts`: good rows import, bad rows are reported by line and quarantined."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.imports import import_posts, row_to_post
from pantau.models import Post, PostOrigin, Quarantine

CSV = (
    "platform,post_id,account_id,account_handle,text,posted_at,likes\n"
    "facebook,fb1,u1,siti.rekaan,Selamat pagi warga,2024-10-01T07:00:00+07:00,5\n"
    "instagram,,u2,budi.rekaan,tanpa id,2024-10-01T08:00:00Z,1\n"
    'tiktok,tt1,u3,ani.rekaan,"Baris\ndua",1727766000,x\n'
    "tiktok,tt2,u3,ani.rekaan,Dukung paslon 2!,1727766000,7\n"
    "myspace,m1,u4,x,halo,,\n"
)


def test_csv_rows_import_and_bad_lines_are_reported(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    report = import_posts(session, path)
    assert report.imported == 2
    assert [n for n, _ in report.bad] == [3, 4, 7]  # tt1 spans lines 4-5
    assert "post_id" in report.bad[0][1] and "likes" in report.bad[1][1]
    posts = {p.platform_post_id: p for p in session.scalars(select(Post))}
    assert set(posts) == {"fb1", "tt2"}
    assert posts["fb1"].origin == PostOrigin.IMPORT and posts["fb1"].metrics == {"likes": 5}
    assert posts["fb1"].posted_at is not None and posts["fb1"].posted_at.hour == 0
    quarantined = session.scalars(select(Quarantine).order_by(Quarantine.id)).all()
    assert [q.url.rsplit("=", 1)[1] for q in quarantined] == ["3", "4", "7"]
    assert quarantined[1].raw.startswith(b"tiktok,tt1") and b"dua" in quarantined[1].raw


def test_jsonl_with_nested_owner_broken_json_and_invalid_utf8(
    session: Session, tmp_path: Path
) -> None:
    lines = [
        json.dumps(
            {
                "platform": "facebook",
                "id": "f9",
                "post_owner": {"id": "o1", "name": "Ani"},
                "message": "Rapat RT",
                "creation_time": "2024-10-02T10:00:00",
            }
        ).encode(),
        b'{"platform": "facebook", "id": "f10"',
        b'{"platform": "facebook", "id": "f11", "post_owner.id": "o1", "text": "\xff\xfe"}',
        json.dumps(
            {"platform": "instagram", "id": "i1", "user_id": "o2", "caption": "x" * 100_001}
        ).encode(),
    ]
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    report = import_posts(session, path)
    assert report.imported == 1
    assert [n for n, _ in report.bad] == [2, 3, 4]
    assert "JSON" in report.bad[0][1] and "UTF-8" in report.bad[1][1]
    assert "characters" in report.bad[2][1]
    post = session.scalars(select(Post)).one()
    assert post.account.display_name == "Ani" and post.text == "Rapat RT"


def test_reimport_is_idempotent_and_edits_version(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("platform,post_id,account_id,text\ntiktok,t1,u1,satu\n", encoding="utf-8")
    assert import_posts(session, path).imported == 1
    again = import_posts(session, path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    path.write_text("platform,post_id,account_id,text\ntiktok,t1,u1,dua\n", encoding="utf-8")
    assert import_posts(session, path).updated == 1


def test_kind_share_means_repost() -> None:
    row = {"platform": "facebook", "post_id": "1", "account_id": "2", "type": "share"}
    assert row_to_post(row).kind == "repost"
