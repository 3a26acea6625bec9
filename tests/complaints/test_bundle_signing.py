"""Issue 16: bundles are signed with the office key; hashes alone cannot show a rewrite
of the files AND the manifest, the signature can."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile

import casekit as k
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from complaints.bundle import MANIFEST, SIGNATURE, build_bundle, verify_bundle
from pantau import signing
from pantau.models import Outbox


@pytest.fixture
def bundle(session, data_dir) -> bytes:
    w = k.world(session)
    case = k.approved_case(session, w, 2, evidence=True)
    payload = session.scalars(select(Outbox.payload).where(Outbox.case_id == case.id)).one()
    return build_bundle(session, payload)


def _rewrite(data: bytes, resign_with: Ed25519PrivateKey | None = None) -> bytes:
    """Change a raw post file and rewrite the manifest to match: every hash agrees."""
    src = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(src.read(MANIFEST))
    entry = next(f for f in manifest["files"] if f["kind"] == "raw_post")
    forged = src.read(entry["name"]).replace(b'"', b"'", 2)
    entry.update(sha256=hashlib.sha256(forged).hexdigest(), size=len(forged))
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == entry["name"]:
                content = forged
            elif name == MANIFEST:
                content = manifest_bytes
            elif name == SIGNATURE and resign_with is not None:
                content = _foreign_signature(resign_with, manifest_bytes)
            dst.writestr(name, content)
    return out.getvalue()


def _foreign_signature(key: Ed25519PrivateKey, manifest_bytes: bytes) -> bytes:
    import base64

    from cryptography.hazmat.primitives import serialization

    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    body = {
        "algorithm": "Ed25519",
        "public_key": base64.b64encode(public).decode(),
        "signature": base64.b64encode(key.sign(manifest_bytes)).decode(),
    }
    return json.dumps(body).encode()


def test_a_bundle_is_signed_with_the_office_key(bundle, data_dir):
    sig = json.loads(zipfile.ZipFile(io.BytesIO(bundle)).read(SIGNATURE))
    assert sig["public_key"] == signing.public_key_b64()
    assert (data_dir / "keys" / "office_ed25519.pem").stat().st_mode & 0o777 == 0o600
    assert verify_bundle(bundle).ok
    assert verify_bundle(bundle, signing.public_key_b64()).ok


def test_rewritten_files_and_manifest_fail(bundle):
    forged = _rewrite(bundle)
    check = verify_bundle(forged)
    assert not check.ok
    assert any("tanda tangan tidak cocok" in p for p in check.problems)
    # Every hash agrees: only the signature tells.
    assert all(SIGNATURE in p for p in check.problems)


def test_resigning_with_another_key_fails(bundle):
    check = verify_bundle(_rewrite(bundle, Ed25519PrivateKey.generate()))
    assert not check.ok and any("kunci lain" in p for p in check.problems)


def test_an_unsigned_bundle_fails(bundle):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            if name != SIGNATURE:
                dst.writestr(name, src.read(name))
    check = verify_bundle(out.getvalue())
    assert not check.ok and any("tidak ditandatangani" in p for p in check.problems)


def test_the_command_checks_the_signature(bundle, tmp_path):
    good, bad = tmp_path / "baik.zip", tmp_path / "palsu.zip"
    good.write_bytes(bundle)
    bad.write_bytes(_rewrite(bundle))
    cmd = [sys.executable, "-m", "pantau", "evidence", "verify-bundle"]
    ok = subprocess.run([*cmd, str(good)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    broken = subprocess.run([*cmd, str(bad)], capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1 and "tanda tangan" in broken.stderr
    other = Ed25519PrivateKey.generate().public_key()
    import base64

    from cryptography.hazmat.primitives import serialization

    foreign = base64.b64encode(
        other.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    ).decode()
    wrong_key = subprocess.run(
        [*cmd, "--public-key", foreign, str(good)], capture_output=True, text=True, timeout=120
    )
    assert wrong_key.returncode == 1


def test_signing_key_is_made_once():
    a = signing.public_key_b64()
    signing._load_or_create.cache_clear()
    assert signing.public_key_b64() == a
    assert signing.verify(b"x", signing.sign(b"x"), a)
    assert not signing.verify(b"y", signing.sign(b"x"), a)


def test_the_report_prints_the_office_key(bundle):
    from pypdf import PdfReader

    key = signing.public_key_b64()
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        assert key in zf.read("laporan.html").decode()
        pdf = PdfReader(io.BytesIO(zf.read("laporan.pdf")))
    text = "".join(page.extract_text() for page in pdf.pages)
    flat = "".join(text.split())  # the PDF wraps long lines
    assert "".join(signing.fingerprint(key).split()) in flat and key in flat
