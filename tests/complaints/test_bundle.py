"""Evidence bundles: contents, independent verification, and every kind of tampering caught."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import warnings
import zipfile

import casekit as k
import pytest
from sqlalchemy import select
from warcio.archiveiterator import ArchiveIterator

from complaints.bundle import (
    MANIFEST,
    REPORT_PDF,
    SIGNATURE,
    BundleError,
    build_bundle,
    verify_bundle,
)
from pantau.models import Outbox


@pytest.fixture
def payload(session, data_dir):
    w = k.world(session)
    case = k.approved_case(session, w, 2, evidence=True)
    return session.scalars(select(Outbox.payload).where(Outbox.case_id == case.id)).one()


def _rezip(data: bytes, change) -> bytes:
    """Rebuild the ZIP with change(name, bytes) -> bytes | None (None drops the file)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info.filename))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


def test_bundle_holds_report_manifest_warc_records_and_raw_json(session, payload):
    data = build_bundle(session, payload)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read(MANIFEST))
        warc_names = [n for n in names if n.endswith(".warc.gz")]
        assert len(warc_names) == 2
        for name in warc_names:
            records = list(ArchiveIterator(io.BytesIO(zf.read(name))))
            assert [r.rec_type for r in records] == ["response"]
        raw = json.loads(zf.read(f"posts/post-{payload['posts'][0]['id']}.json"))
        assert raw["content"] == payload["posts"][0]["text"]
        assert zf.read(REPORT_PDF).startswith(b"%PDF-")
    assert {REPORT_PDF, "laporan.html", MANIFEST} <= names
    assert manifest["case"] == payload and manifest["case_number"] == payload["number"]
    assert {f["name"] for f in manifest["files"]} == names - {MANIFEST, SIGNATURE}
    check = verify_bundle(data)
    assert check.ok and check.files_checked == len(names) - 2  # manifest and signature


def test_bundle_bytes_are_deterministic(session, payload):
    assert build_bundle(session, payload) == build_bundle(session, payload)


def _first_warc(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return next(n for n in zf.namelist() if n.endswith(".warc.gz"))


def _forge_warc_and_manifest(data: bytes, warc: str) -> bytes:
    """A careful forger swaps a record and also fixes its entry in the manifest."""
    forged = b"forged"

    def change(name, content):
        if name == warc:
            return forged
        if name == MANIFEST:
            m = json.loads(content)
            for f in m["files"]:
                if f["name"] == warc:
                    f["sha256"], f["size"] = hashlib.sha256(forged).hexdigest(), len(forged)
            return json.dumps(m).encode()
        return content

    return _rezip(data, change)


def _edit_case(data: bytes) -> bytes:
    def change(name, content):
        if name != MANIFEST:
            return content
        m = json.loads(content)
        m["case"]["reported"]["nip"] = "199001012020011001"
        return json.dumps(m).encode()

    return _rezip(data, change)


def _add_file(data: bytes) -> bytes:
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("catatan.txt", "tambahan")
    return buf.getvalue()


def _flip_byte(data: bytes, name: str) -> bytes:
    """One bit of a stored entry flipped in place: the ZIP's own CRC no longer matches."""
    at = data.index(name.encode()) + len(name) + 20
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


def test_tampered_bundles_are_caught(session, payload):
    data = build_bundle(session, payload)
    warc = _first_warc(data)
    cases = {
        "SHA-256 tidak cocok dengan manifest": _rezip(
            data, lambda n, b: b + b"\x00" if n == warc else b
        ),
        "SHA-256 berbeda dari saat perekaman": _forge_warc_and_manifest(data, warc),
        "uraian kasus di manifest telah diubah": _edit_case(data),
        "laporan.pdf tercantum di manifest tetapi tidak ada": _rezip(
            data, lambda n, b: None if n == REPORT_PDF else b
        ),
        "catatan.txt ada di ZIP tetapi tidak tercantum": _add_file(data),
        "muncul lebih dari sekali": _add_dup(data),
        "rusak": _flip_byte(data, warc),
        "bukan ZIP": b"bukan zip sama sekali",
    }
    for expected, tampered in cases.items():
        check = verify_bundle(tampered)
        assert not check.ok, expected
        assert any(expected in p for p in check.problems), (expected, check.problems)


def _add_dup(data: bytes) -> bytes:
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: the point
        zf.writestr(REPORT_PDF, b"%PDF-1.4 palsu")
    return buf.getvalue()


def test_evidence_changed_on_disk_is_refused_when_building(session, payload, data_dir):
    [warc] = list((data_dir / "evidence").rglob("*.warc.gz"))
    content = bytearray(warc.read_bytes())
    content[10] ^= 0xFF
    warc.write_bytes(bytes(content))
    with pytest.raises(BundleError, match="tidak cocok dengan SHA-256 saat perekaman"):
        build_bundle(session, payload)
    warc.unlink()
    with pytest.raises(BundleError, match="tidak dapat dibaca"):
        build_bundle(session, payload)


def test_pantau_evidence_verify_bundle_fails_a_tampered_bundle(session, payload, tmp_path):
    """The installed command, as a user runs it (tests/complaints/test_cli.py passes a good
    bundle through the same command in-process)."""
    good = build_bundle(session, payload)
    bad = tmp_path / "rusak.zip"
    warc = _first_warc(good)
    bad.write_bytes(_rezip(good, lambda n, b: b[:-1] if n == warc else b))
    cmd = [sys.executable, "-m", "pantau", "evidence", "verify-bundle", str(bad)]
    broken = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1
    assert "NOT intact" in broken.stderr and "SHA-256 tidak cocok" in broken.stderr
