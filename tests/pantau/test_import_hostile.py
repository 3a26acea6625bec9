"""Issue 16, finding 8: hostile rows are reported by line; none takes an import down.

Each of these used to raise out of the importer (csv.Error, RecursionError) or fail at
INSERT on PostgreSQL (NUL, lone surrogate, 200+ characters, 10^20 in a BIGINT)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from crawlers.imports import import_posts
from pantau.models import CivilServant, Post, Quarantine
from pantau.registries import ImportRejected, import_candidates, import_civil_servants

HEADER = "nip,name,agency,position,position_category,employment_type,region_code\n"
GOOD = "198503122010011003,Wahyu Rekaan,Dinas Pendidikan,Guru,Fungsional,PNS,35.78\n"
NIP2 = "198503122010011004"


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("x" * 140_000, "tidak dapat dibaca sebagai CSV"),  # a field over 128 KiB
        ("Nama\x00Rekaan", "byte NUL"),
        ("N" * 201, "batas 200"),
    ],
)
def test_registry_rows_that_cannot_be_stored_are_named(session, cell, reason):
    bad = f'{NIP2},"{cell}",Dinas,Guru,Fungsional,PNS,35.78\n'
    with pytest.raises(ImportRejected) as exc:
        import_civil_servants(session, HEADER + GOOD + bad + GOOD.replace("1003", "1005"))
    assert [e.line for e in exc.value.errors] == [3]
    assert reason in exc.value.errors[0].reason
    assert session.scalar(select(func.count(CivilServant.id))) == 0
    # The preview (dry run) refuses exactly what the import refuses.
    with pytest.raises(ImportRejected):
        import_civil_servants(session, HEADER + bad, dry_run=True)


def test_a_candidate_number_of_ten_to_the_twenty_is_named(session):
    header = (
        "contest_code,contest_name,level,region_code,election_date,campaign_start,"
        "campaign_end,number,names,nicknames,parties,slogans,hashtags\n"
    )
    row = "PKD-X,Pilkada Rekaan,pilwalkot,35.78,2024-11-27,2024-09-25,2024-11-23,{n},A;B,,,,\n"
    with pytest.raises(ImportRejected) as exc:
        import_candidates(session, header + row.format(n=10**20))
    assert "harus bilangan bulat 1-" in exc.value.errors[0].reason


def _jsonl(tmp_path, rows: list[bytes]):
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(rows) + b"\n")
    return path


def _post(post_id: str, **extra: object) -> bytes:
    row = {"platform": "facebook", "post_id": post_id, "account_id": "u1", "text": "halo"}
    row.update(extra)
    return json.dumps(row).encode()


def test_hostile_jsonl_rows_are_quarantined_and_the_rest_import(session, tmp_path):
    deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    nested = json.dumps({"platform": "facebook", "x": _nest(40)}).encode()
    path = _jsonl(
        tmp_path,
        [
            _post("ok1"),
            b'{"platform":"facebook","post_id":"s1","account_id":"u1","text":"\\ud800"}',
            deep,
            nested,
            _post("big", account_followers=10**20),
            _post("nul", text="a\u0000b"),
            _post("long", account_name="N" * 501),
            _post("p" * 201),
            _post("rawnul", extra="x\u0000y"),
            _post("ok2"),
        ],
    )
    report = import_posts(session, path)
    assert report.imported == 2
    assert [n for n, _ in report.bad] == [2, 3, 4, 5, 6, 7, 8, 9]
    reasons = " | ".join(r for _, r in report.bad)
    for words in ("surrogate", "nested", "too large", "NUL", "limit 500", "limit 200"):
        assert words in reasons
    assert set(session.scalars(select(Post.platform_post_id))) == {"ok1", "ok2"}
    assert session.scalar(select(func.count(Quarantine.id))) == 8


def _nest(depth: int) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(depth):
        value = {"n": value}
    return value


def test_a_csv_field_over_128_kib_is_one_bad_line(session, tmp_path):
    path = tmp_path / "export.csv"
    text = (
        "platform,post_id,account_id,text\n"
        "facebook,a1,u1,halo\n"
        f'facebook,a2,u1,"{"x" * 140_000}"\n'
        "facebook,a3,u1,halo lagi\n"
    )
    path.write_text(text, encoding="utf-8")
    report = import_posts(session, path)
    assert report.imported == 2
    assert [n for n, _ in report.bad] == [3] and "CSV" in report.bad[0][1]
