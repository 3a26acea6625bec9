"""The audit log page: filters, CSV download, the chain check and the retention dry run."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factories as f
from sqlalchemy import func, select, update

from pantau import audit
from pantau.models import AuditEvent, Post
from pantau.timeutil import utcnow


def test_filters_narrow_the_log(ui: Any) -> None:
    with ui.db.session() as session:
        audit.record(session, "system", "source.create", "source", 7, {"name": "uji"})
        audit.record(session, "system", "source.update", "source", 8, {"name": "lain"})
        audit.record(session, "budi", "case.approve", "case", 3, {})
        session.commit()
    client = ui.client_for("supervisor")
    everything = client.get("/audit")
    assert everything.status_code == 200
    import re

    print(sorted(set(re.findall(r"<td class=\"mono\">([a-z_.]+)</td>", everything.text))))
    print(everything.text[everything.text.find("audit-events") :][:1500])
    assert "source.create" in everything.text and "case.approve" in everything.text
    by_action = client.get("/audit", params={"action": "source."})
    assert "source.create" in by_action.text and "source.update" in by_action.text
    assert "case.approve" not in by_action.text
    one = client.get("/audit", params={"object_type": "source", "object_id": "8"})
    assert "source.update" in one.text and "source.create" not in one.text
    by_actor = client.get("/audit", params={"actor": "budi"})
    assert "case.approve" in by_actor.text and "source.create" not in by_actor.text
    tomorrow = (utcnow() + timedelta(days=2)).date().isoformat()
    assert "Tidak ada peristiwa" in client.get("/audit", params={"start": tomorrow}).text
    bad = client.get("/audit", params={"start": "kemarin"})
    assert bad.status_code == 400 and "tidak valid" in bad.text


def test_csv_download_applies_the_filters(ui: Any) -> None:
    with ui.db.session() as session:
        for n in range(3):
            audit.record(session, "system", "source.create", "source", n, {"name": f"uji-{n}"})
        audit.record(session, "system", "source.update", "source", 1, {"name": "uji-1"})
        session.commit()
    client = ui.client_for("admin")
    response = client.get("/audit/export.csv", params={"action": "source.create"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("id,waktu,pelaku,tindakan")
    assert len(lines) == 1 + 3
    assert all(",source.create," in line for line in lines[1:])
    assert client.get("/audit/export.csv", params={"end": "x"}).status_code == 400


def test_chain_check_reports_intact_then_broken(ui: Any) -> None:
    client = ui.client_for("supervisor")
    ok = client.post_form("/audit/verify")
    assert ok.status_code == 200 and "Rantai audit utuh" in ok.text
    with ui.db.session() as session:
        victim = session.scalar(select(func.min(AuditEvent.id)))
        session.execute(update(AuditEvent).where(AuditEvent.id == victim).values(actor="pemalsu"))
        session.commit()
    broken = client.post_form("/audit/verify")
    assert "RUSAK" in broken.text and f"#{victim}" in broken.text


def test_retention_dry_run_counts_and_changes_nothing(ui: Any) -> None:
    with ui.db.session() as session:
        old = f.post(session, first_seen_at=utcnow() - timedelta(days=400))
        f.review_item(session, post=f.post(session, first_seen_at=utcnow() - timedelta(days=400)))
        session.commit()
        old_id = old.id
    client = ui.client_for("admin")
    page = client.get("/audit/retention")
    assert "UU 27/2022" in page.text or "Nomor 27 Tahun 2022" in page.text
    assert 'id="dry-run-result"' not in page.text
    result = client.get("/audit/retention", params={"uji": "1"})
    assert 'id="dry-run-result"' in result.text
    assert '<th scope="row">Unggahan</th><td class="num">1</td>' in result.text
    with ui.db.session() as session:
        assert session.get(Post, old_id) is not None


def test_analysts_cannot_open_the_audit_log(ui: Any) -> None:
    client = ui.client_for("analyst")
    assert client.get("/audit").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    assert client.get("/audit/retention", params={"uji": "1"}).status_code == 403
    assert client.post_form("/audit/verify").status_code == 403
