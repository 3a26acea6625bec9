"""The formal report and the evidence bundle carry a confirmed NTR-06 photo: the image and
its findings with their SHA-256, and what the picture shows."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import casekit as k
import pytest
from sqlalchemy import select

from complaints.bundle import MANIFEST, build_bundle
from complaints.report import render_html
from crawlers.replay.images import render_photo
from pantau import cases
from pantau.case_intake import create_case
from pantau.images import save_findings
from pantau.models import Evidence, EvidenceKind, Outbox
from pantau.settings import get_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PANTAU_DATA_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield tmp_path / "var"
    get_settings.cache_clear()


def test_report_and_bundle_include_the_photo_and_its_finding(session, data_dir) -> None:  # type: ignore[no-untyped-def]
    w = k.world(session)
    item = k.confirmed_item(session, w.analyst, w.account, code="NTR-06", text="Foto bersama.")
    data = render_photo(7)
    sha = hashlib.sha256(data).hexdigest()
    relpath = f"images/{sha[:2]}/{sha}.jpg"
    (data_dir / "evidence" / relpath).parent.mkdir(parents=True)
    (data_dir / "evidence" / relpath).write_bytes(data)
    image = Evidence(
        post_id=item.post_id,
        kind=EvidenceKind.IMAGE,
        path=relpath,
        url="",
        sha256=sha,
        size=len(data),
    )
    session.add(image)
    session.flush()
    hand = {
        "category": "v",
        "confidence": 0.93,
        "box": {"left": 1, "top": 2, "width": 3, "height": 4},
    }
    found = {"sha256": sha, "width": 800, "height": 600, "hands": [hand], "words": []}
    save_findings(session, image, found)
    case = create_case(session, w.analyst, [item.id])
    cases.submit(session, case.id, w.analyst, expected_version=case.version)
    cases.approve(session, case.id, w.supervisor, expected_version=case.version)
    payload = session.scalars(select(Outbox.payload).where(Outbox.case_id == case.id)).one()

    [summary] = payload["posts"][0]["images"]
    assert summary["image_sha256"] == sha and summary["signs"] == ["salam dua jari (V), 0.93"]
    html = render_html(payload)
    assert f"Foto SHA-256 {sha}" in html and "salam dua jari (V), 0.93" in html
    assert "NTR-06" in html and "Hasil analisis foto" in html  # the evidence list names both

    bundle = build_bundle(session, payload)
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        files = {entry["name"]: entry for entry in manifest["files"]}
        [photo] = [n for n, e in files.items() if e.get("kind") == "image"]
        assert zf.read(photo) == data and files[photo]["sha256"] == sha
        [finding] = [n for n, e in files.items() if e.get("kind") == "image_findings"]
        assert json.loads(zf.read(finding))["hands"][0]["category"] == "v"
