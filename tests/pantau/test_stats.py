"""Dashboard aggregates against a small, hand-counted world (all names invented).

Asia/Jakarta is UTC+7, so local midnight of 2026-03-02 is 2026-03-01 17:00 UTC.
The period under test is Monday 2026-03-02 to Sunday 2026-03-08 (local).
"""

from __future__ import annotations

import io
import random
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import factories as f
import pytest
from openpyxl import load_workbook
from sqlalchemy import delete
from sqlalchemy.orm import Session

from pantau.models import (
    Case,
    CaseEvent,
    Classification,
    Decision,
    DismissReason,
    Platform,
    Post,
    ReviewItem,
    Role,
    User,
    Verdict,
)
from pantau.stats import Dashboard, Filters, Period, StatsError, refresh, resolve_region
from pantau.stats import build as dashboard
from pantau.stats.store import FactStore
from pantau.stats.tables import to_csv, to_xlsx

CONTEST = "PILWALKOT-3578-2026"
ONE, TWO = f"{CONTEST}#1", f"{CONTEST}#2"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@dataclass
class World:
    analyst_a: User
    analyst_b: User
    supervisor: User
    posts: dict[str, Post]


def _post(session: Session, seen: datetime, region: str | None, platform: Platform) -> Post:
    acc = f.account(session, platform=platform)
    return f.post(session, acc, first_seen_at=seen, region_code=region)


def _classify(
    session: Session,
    post: Post,
    at: datetime,
    supported: list[str],
    flagged: bool,
    model: str = "m1",
    score: float = 0.9,
) -> Classification:
    c = Classification(
        post_id=post.id,
        model_version=model,
        partisan_score=score,
        asn_score=0.8,
        priority=0.5,
        flagged=flagged,
        thresholds={"partisan": 0.5, "asn": 0.5},
        explanation={"features": [["coblos", 1.2]], "supported": supported},
        created_at=at,
    )
    session.add(c)
    session.flush()
    return c


def _item(session: Session, post: Post, c: Classification, at: datetime) -> ReviewItem:
    item = ReviewItem(
        post_id=post.id, classification_id=c.id, region_code=post.region_code, created_at=at
    )
    session.add(item)
    session.flush()
    return item


def _decide(
    session: Session, item: ReviewItem, who: User, verdict: Verdict, at: datetime, **kw: Any
) -> None:
    session.add(
        Decision(review_item_id=item.id, reviewer_id=who.id, verdict=verdict, created_at=at, **kw)
    )
    session.flush()


def _case(session: Session, n: int, at: datetime, region: str, creator: User, **kw: Any) -> Case:
    cs = f.civil_servant(session, region=region)
    values: dict[str, Any] = dict(
        number=f"UJI/{n}",
        civil_servant_id=cs.id,
        violation_codes=["NTR-02"],
        position_category="ADMINISTRATOR",
        agency="Dinas Pendidikan Kota Rekaan",
        region_code=region,
        created_by_id=creator.id,
        created_at=at,
    )
    values.update(kw)
    case = Case(**values)
    session.add(case)
    session.flush()
    return case


def _event(session: Session, case: Case, kind: str, at: datetime) -> None:
    session.add(CaseEvent(case_id=case.id, kind=kind, occurred_at=at))
    session.flush()


def _registry(session: Session) -> None:
    f.contest(
        session,
        CONTEST,
        pairs=[
            {
                "names": ["Budi Rekaan", "Sari Rekaan"],
                "parties": ["Partai Rekaan A", "Partai Rekaan B"],
            },
            {
                "names": ["Joko Rekaan", "Tini Rekaan"],
                "parties": ["Partai Rekaan B", "Partai Rekaan C"],
            },
        ],
    )


def build(session: Session) -> World:
    a = f.user(session, Role.ANALYST, scope="35")
    b = f.user(session, Role.ANALYST, scope="35.78")
    sup = f.user(session, Role.SUPERVISOR)
    _registry(session)
    m, bs = Platform.MASTODON, Platform.BLUESKY
    p = {
        "p1": _post(session, utc(2026, 3, 1, 16, 59), "35.78", m),  # local 03-01 23:59: out
        "p2": _post(session, utc(2026, 3, 1, 17, 0), "35.78", m),  # local 03-02 00:00: in
        "p3": _post(session, utc(2026, 3, 5, 3, 0), "35.78", bs),
        "p4": _post(session, utc(2026, 3, 8, 16, 59), "33.74", m),  # local 03-08 23:59: in
        "p5": _post(session, utc(2026, 3, 8, 17, 0), "35.78", m),  # local 03-09 00:00: out
        "p6": _post(session, utc(2026, 3, 4, 10, 0), None, m),  # no region: national only
    }
    linked = f.civil_servant(
        session, agency="Dinas Kominfo Kota Rekaan", position_category="JPT_PRATAMA"
    )
    p["p2"].account.civil_servant_id = linked.id
    c1 = _classify(session, p["p1"], utc(2026, 3, 1, 16, 0), [ONE], True, score=0.95)
    c2 = _classify(session, p["p2"], utc(2026, 3, 1, 17, 10), [ONE], True, score=0.72)
    c3 = _classify(session, p["p3"], utc(2026, 3, 5, 3, 30), [TWO], True, "m2", 0.75)
    c4 = _classify(session, p["p4"], utc(2026, 3, 8, 16, 59, 10), [], True)
    _classify(session, p["p6"], utc(2026, 3, 4, 10, 5), [ONE], False, score=0.3)
    r1 = _item(session, p["p1"], c1, utc(2026, 3, 1, 16, 59, 30))  # local 03-01: out
    r2 = _item(session, p["p2"], c2, utc(2026, 3, 1, 17, 30))
    r3 = _item(session, p["p3"], c3, utc(2026, 3, 5, 4, 0))
    r4 = _item(session, p["p4"], c4, utc(2026, 3, 8, 16, 59, 30))
    confirm, dismiss, escalate = Verdict.CONFIRM, Verdict.DISMISS, Verdict.ESCALATE
    _decide(
        session,
        r1,
        a,
        confirm,
        utc(2026, 3, 2, 2, 0),
        violation_code="NTR-02",
        position_category="FUNGSIONAL",
    )  # waited 9h00m30s
    _decide(session, r2, a, escalate, utc(2026, 3, 2, 1, 0), notes="cek")  # waited 7h30m
    _decide(session, r2, sup, confirm, utc(2026, 3, 4, 1, 0), violation_code="NTR-05")
    _decide(
        session, r3, b, dismiss, utc(2026, 3, 5, 5, 0), dismiss_reason=DismissReason.NOT_PARTISAN
    )  # 1h
    _decide(session, r4, a, confirm, utc(2026, 3, 8, 17, 0), violation_code="NTR-04")  # out
    k1 = _case(
        session, 1, utc(2026, 3, 6, 2, 0), "35.78", sup, violation_codes=["NTR-02", "NTR-05"]
    )
    k2 = _case(session, 2, utc(2026, 3, 1, 16, 0), "35.78", sup)  # created before the period
    k3 = _case(
        session,
        3,
        utc(2026, 3, 7, 2, 0),
        "33.74",
        sup,
        position_category="PELAKSANA",
        agency="Kecamatan Rekaan",
    )
    _event(session, k1, "exported", utc(2026, 3, 6, 10, 0))
    _event(session, k2, "exported", utc(2026, 3, 2, 3, 0))
    _event(session, k2, "recommendation_issued", utc(2026, 3, 7, 3, 0))
    _event(session, k2, "sanctioned", utc(2026, 3, 20, 3, 0))  # after the period: still counts
    _event(session, k3, "recommendation_issued", utc(2026, 3, 8, 17, 0))  # local 03-09: out
    return World(a, b, sup, p)


PERIOD = Period(date(2026, 3, 2), date(2026, 3, 8), "Asia/Jakarta")


def figures(board: Dashboard) -> dict[str, Any]:
    return {fig.key: fig.value for fig in [*board.headline, *board.performance]}


def rows(board: Dashboard, key: str) -> dict[str, list[Any]]:
    return {str(r[0]): r[1:] for r in board.table(key).rows}


NATIONAL = {
    "collected": 4,  # p2, p3, p4, p6: p1 and p5 fall one minute outside local midnight
    "flagged": 3,  # r2, r3, r4
    "reviewed": 3,  # r1 confirm, r2 confirm, r3 dismiss (r4's falls on local 03-09)
    "confirmed": 2,
    "confirmed_share": 66.7,
    "cases": 2,  # k1, k3
    "exported": 2,  # k1, k2
    "recommended": 1,  # k2 (k3's is local 03-09)
    "followup_rate": 100.0,  # k2 sanctioned after the period
    "median_wait_hours": 7.5,  # first decisions: 9.0h, 7.5h, 1.0h
    "items_per_analyst_day": 1.3,  # 4 decisions over (a,03-02), (sup,03-04), (b,03-05)
    "escalation_share": 25.0,
}


def test_headline_national_counts_local_days(session: Session) -> None:
    build(session)
    board = dashboard(session, Filters(PERIOD))
    assert figures(board) == NATIONAL


def test_region_scope_counts_only_that_region(session: Session) -> None:
    build(session)
    east_java = figures(dashboard(session, Filters(PERIOD, "35")))
    assert {k: east_java[k] for k in ("collected", "flagged", "reviewed", "confirmed")} == {
        "collected": 2,
        "flagged": 2,
        "reviewed": 3,
        "confirmed": 2,
    }
    assert (east_java["cases"], east_java["exported"], east_java["recommended"]) == (1, 2, 1)
    central_java = figures(dashboard(session, Filters(PERIOD, "33.74")))
    assert central_java["collected"] == 1 and central_java["flagged"] == 1
    assert central_java["reviewed"] == 0 and central_java["confirmed_share"] is None
    assert central_java["cases"] == 1 and central_java["recommended"] == 0
    assert central_java["followup_rate"] is None


def test_breakdowns(session: Session) -> None:
    build(session)
    board = dashboard(session, Filters(PERIOD))
    violations = {code: r[1:] for code, r in rows(board, "pelanggaran").items()}
    assert violations == {"NTR-02": [1, 2], "NTR-05": [1, 1]}
    positions = rows(board, "jabatan")
    assert positions["Fungsional"] == [1, 0] and positions["JPT"] == [1, 0]
    assert positions["Administrator"] == [0, 1] and positions["Pelaksana"] == [0, 1]
    assert positions["Pengawas"] == [0, 0]
    agencies = rows(board, "instansi")
    assert agencies["Dinas Kominfo Kota Rekaan"] == [1, 0]
    assert agencies["Belum tertaut ke registri ASN"] == [1, 0]
    assert agencies["Kecamatan Rekaan"] == [0, 1]
    provinces = rows(board, "provinsi")
    assert provinces["35 Jawa Timur"] == [2, 2, 2, 1]
    assert provinces["33 Jawa Tengah"] == [1, 1, 0, 1]
    assert provinces["Tanpa wilayah"] == [1, 0, 0, 0]
    regencies = rows(board, "kabkota")
    assert regencies["35.78 Kota Surabaya"] == [2, 2, 2, 1]
    platforms = rows(board, "platform")
    assert platforms["mastodon"] == [3, 2, 2, 66.7]
    assert platforms["bluesky"] == [1, 1, 0, 100.0]
    assert rows(board, "minggu") == {"2026-03-02": [4, 3, 3, 2, 2]}


def test_review_performance_tables(session: Session) -> None:
    world = build(session)
    board = dashboard(session, Filters(PERIOD))
    analysts = {r[0]: r[1:] for r in board.table("analis").rows}
    assert analysts[f"{world.analyst_a.full_name} ({world.analyst_a.username})"] == [2, 1, 2.0]
    assert rows(board, "presisi_model") == {"m1": [2, 2, 100.0], "m2": [1, 0, 0.0]}
    assert rows(board, "presisi_skor") == {"0.7–0.8": [2, 1, 50.0], "0.9–1.0": [1, 1, 100.0]}


def test_neutrality_by_candidate_and_party(session: Session) -> None:
    build(session)
    board = dashboard(session, Filters(PERIOD))
    by_candidate = {r[0]: r[2:] for r in board.table("netralitas_calon").rows}
    one = "Pemilihan Wali Kota Rekaan 2026 No. 1: Budi Rekaan & Sari Rekaan"
    two = "Pemilihan Wali Kota Rekaan 2026 No. 2: Joko Rekaan & Tini Rekaan"
    assert by_candidate[one] == [2, 1, 50.0, 2, 2, 100.0]
    assert by_candidate[two] == [1, 1, 100.0, 1, 0, 0.0]
    by_party = rows(board, "netralitas_partai")
    assert by_party["Partai Rekaan A"] == [2, 1, 50.0, 2, 2, 100.0]
    assert by_party["Partai Rekaan B"] == [3, 2, 66.7, 3, 2, 66.7]


def test_week_boundary_is_local_monday(session: Session) -> None:
    build(session)
    board = dashboard(session, Filters(Period(date(2026, 3, 1), date(2026, 3, 2))))
    weeks = rows(board, "minggu")
    assert weeks["2026-02-23"][:2] == [1, 1]  # p1 and r1 just before local midnight
    assert weeks["2026-03-02"][:2] == [1, 1]  # p2 and r2 just after it


def test_rollup_gives_the_live_figures_and_keeps_purged_history(session: Session) -> None:
    world = build(session)
    report = refresh(session, now=utc(2026, 3, 7, 5, 0))  # local today is 03-07
    assert (report.first, report.last, report.days) == (date(2026, 3, 1), date(2026, 3, 6), 6)
    store = FactStore(session, Filters(PERIOD))
    assert store.live_days == [date(2026, 3, 7), date(2026, 3, 8)]
    board = dashboard(session, Filters(PERIOD))
    assert figures(board) == NATIONAL
    assert rows(board, "netralitas_partai")["Partai Rekaan B"] == [3, 2, 66.7, 3, 2, 66.7]
    again = refresh(session, now=utc(2026, 3, 9, 5, 0), overlap_days=1)
    assert (again.first, again.last) == (date(2026, 3, 6), date(2026, 3, 8))
    nightly = refresh(session, now=utc(2026, 3, 9, 5, 0))  # two weeks back, from the first data
    assert (nightly.first, nightly.last) == (date(2026, 3, 1), date(2026, 3, 8))
    # A post purged after its day was rolled up still counts as collected that day.
    p6 = world.posts["p6"]
    session.execute(delete(Classification).where(Classification.post_id == p6.id))
    session.execute(delete(Post).where(Post.id == p6.id))
    assert figures(dashboard(session, Filters(PERIOD)))["collected"] == 4
    assert refresh(session, now=utc(2026, 3, 9, 5, 0), full=True).days == 8
    assert figures(dashboard(session, Filters(PERIOD)))["collected"] == 3


def test_refresh_with_nothing_to_do(session: Session) -> None:
    assert refresh(session, now=utc(2026, 3, 9)).days == 0


def test_exports_carry_the_filters(session: Session) -> None:
    build(session)
    board = dashboard(session, Filters(PERIOD, "35"))
    table = board.table("pelanggaran")
    text = to_csv(table, board.filters.describe(), board.generated_at).decode("utf-8-sig")
    assert "Periode,2026-03-02 s.d. 2026-03-08 (Asia/Jakarta)" in text
    assert "Wilayah,35 Jawa Timur" in text
    assert "NTR-02" in text
    book = load_workbook(io.BytesIO(to_xlsx(table, board.filters.describe(), board.generated_at)))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "Kategori pelanggaran" in cells and "35 Jawa Timur" in cells and "NTR-05" in cells


def test_region_resolution_by_role(session: Session) -> None:
    analyst = f.user(session, Role.ANALYST, scope="35")
    assert resolve_region(analyst, "33") == "35"  # analysts see their own region only
    supervisor = f.user(session, Role.SUPERVISOR, scope="35")
    assert resolve_region(supervisor, "35.78") == "35.78"
    assert resolve_region(supervisor, "") == "35"
    with pytest.raises(StatsError, match="di luar cakupan"):
        resolve_region(supervisor, "33")
    admin = f.user(session, Role.ADMIN)
    assert resolve_region(admin, None) is None
    with pytest.raises(StatsError, match="tidak dikenal"):
        resolve_region(admin, "99.99")


def test_period_rejects_end_before_start() -> None:
    with pytest.raises(StatsError):
        Period(date(2026, 3, 2), date(2026, 3, 1))
    lo, hi = PERIOD.bounds
    assert (lo, hi) == (utc(2026, 3, 1, 17, 0), utc(2026, 3, 8, 17, 0))


def test_median_from_wait_buckets_is_within_two_percent() -> None:
    from pantau.stats.dashboard import median_from_buckets
    from pantau.stats.facts import wait_bucket

    rnd = random.Random(3)
    for n in (1, 2, 7, 100, 1001):
        waits = [rnd.uniform(30, 90 * 86400) for _ in range(n)]
        buckets: Counter[int] = Counter(wait_bucket(w) for w in waits)
        got = median_from_buckets(dict(buckets))
        assert got is not None
        assert abs(got - statistics.median(waits)) <= 0.02 * statistics.median(waits) + 60
    assert median_from_buckets({}) is None


def _everything(board: Dashboard) -> tuple[dict[str, Any], dict[str, list[list[Any]]]]:
    return figures(board), {t.key: t.rows for t in board.tables if t.key != "ringkasan"}


@pytest.mark.parametrize("region", [None, "35"])
def test_monthly_sums_give_the_same_dashboard_as_counting_live(
    session: Session, region: str | None
) -> None:
    build(session)
    # February 20 to April 1: March is a whole month inside, the days around it are not.
    filters = Filters(Period(date(2026, 2, 20), date(2026, 4, 1)), region)
    live = _everything(dashboard(session, filters))
    refresh(session, now=utc(2026, 4, 2, 5, 0))
    store = FactStore(session, filters)
    assert store.months == (date(2026, 3, 1), date(2026, 3, 31))
    assert store.live_days == [date(2026, 2, d) for d in range(20, 29)]  # before any data
    assert _everything(dashboard(session, filters)) == live
    assert live[0]["collected"] == (6 if region is None else 4)
