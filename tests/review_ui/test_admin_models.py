"""Model versions on the administration page: listed with metrics, activation audited."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pantau.models import AuditEvent, ModelVersion


def test_model_activation_is_audited(ui: Any) -> None:
    with ui.db.session() as session:
        for version, active in (("2026.01", True), ("2026.02", False)):
            session.add(
                ModelVersion(
                    version=version,
                    metrics={"precision": 0.81, "recall": 0.9},
                    thresholds={"partisan": 0.42, "asn": 0.5},
                    artifact_path=f"/tmp/{version}.skops",
                    artifact_sha256="0" * 64,
                    active=active,
                )
            )
        session.commit()
    admin = ui.client_for("admin")
    page = admin.get("/admin/models")
    assert "2026.01" in page.text and "0.42" in page.text and "aktif" in page.text
    assert admin.post_form("/admin/models/2026.02/activate").status_code == 303
    with ui.db.session() as session:
        active = session.scalars(select(ModelVersion.version).where(ModelVersion.active)).all()
        assert active == ["2026.02"]
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "model.activate"))
        assert event is not None and event.actor == "admin"
    missing = admin.post_form("/admin/models/tidak-ada/activate")
    assert missing.status_code == 400 and "tidak terdaftar" in missing.text


@pytest.mark.parametrize("role", ["analyst", "supervisor"])
def test_only_admins_activate_models(ui: Any, role: str) -> None:
    client = ui.client_for(role)
    assert client.get("/admin/models").status_code == 403
    assert client.post_form("/admin/models/x/activate").status_code == 403
