"""`pantau complaints ...` and `pantau import follow-up`, run through Typer in-process."""

from __future__ import annotations

import casekit as k
import typer
from pypdf import PdfReader
from sqlalchemy import func, select
from typer.testing import CliRunner

from complaints.cli import register
from pantau.cli.groups import evidence_app, import_app
from pantau.db import session_scope
from pantau.models import Case, CaseEvent, CaseStatus, Outbox, OutboxStatus


def _app() -> typer.Typer:
    # The core groups this package adds `follow-up` and `verify-bundle` to, as in `pantau`.
    root = typer.Typer()
    root.add_typer(import_app, name="import")
    root.add_typer(evidence_app, name="evidence")
    register(root)
    return root


def test_deliver_report_bundle_and_follow_up(fresh_db, tmp_path):
    with session_scope() as s:
        number = k.approved_case(s, k.world(s), 1, evidence=True).number
    run = CliRunner().invoke
    app = _app()

    out = run(app, ["complaints", "deliver"])
    assert out.exit_code == 0 and "delivered 1" in out.stdout

    pdf = tmp_path / "laporan.pdf"
    out = run(app, ["complaints", "report", number, "--pdf", str(pdf)])
    assert out.exit_code == 0 and number in PdfReader(pdf).pages[0].extract_text()
    assert run(app, ["complaints", "report", "PNT/0000/1", "--pdf", str(pdf)]).exit_code == 1

    bundle = tmp_path / "b.zip"
    assert run(app, ["complaints", "bundle", number, str(bundle)]).exit_code == 0
    out = run(app, ["evidence", "verify-bundle", str(bundle)])
    assert out.exit_code == 0 and "bundle intact" in out.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"case_number,status,date,note\n{number},acknowledged,2024-11-20,\n{number},x,2024,\n"
    )
    out = run(app, ["import", "follow-up", str(bad)])
    assert out.exit_code == 1 and "Baris 3" in out.stderr
    with session_scope() as s:
        assert (
            s.scalar(select(func.count(CaseEvent.id)).where(CaseEvent.kind == "acknowledged")) == 0
        )

    good = tmp_path / "good.csv"
    good.write_text(f"case_number,status,date,note\n{number},diterima,2024-11-20,Agenda 7\n")
    out = run(app, ["import", "follow-up", str(good)])
    assert out.exit_code == 0 and "recorded 1" in out.stdout
    with session_scope() as s:
        assert s.scalars(select(Case.status)).one() is CaseStatus.ACKNOWLEDGED


def test_requeue_a_failed_delivery(deliver_env):
    deliver_env(complaint_destination="siapnet", complaint_base_url="")
    with session_scope() as s:
        number = k.approved_case(s, k.world(s), 1).number
    app = _app()
    out = CliRunner().invoke(app, ["complaints", "deliver"])
    assert out.exit_code == 2 and "failed 1" in out.stdout
    assert CliRunner().invoke(app, ["complaints", "requeue", number]).exit_code == 0
    with session_scope() as s:
        assert s.scalars(select(Outbox.status)).one() is OutboxStatus.PENDING
    again = CliRunner().invoke(app, ["complaints", "requeue", number])
    assert again.exit_code == 1 and "no failed delivery" in again.stderr
