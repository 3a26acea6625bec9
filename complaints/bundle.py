"""The evidence bundle: a ZIP with the report, manifest.json, WARC records and raw post JSON.

The manifest carries the case description (the payload frozen at approval), its hash, the
idempotency key and every other file with its SHA-256, so a bundle can be checked with no
database: verify_bundle() re-hashes every file and cross-checks the evidence hashes
recorded at capture time. Building is deterministic: one payload gives the same bytes.

manifest.sig holds the office's Ed25519 signature over manifest.json's exact bytes
(pantau.signing). Hashes alone only show accidents: whoever rewrites the files can rewrite
the manifest too. The signature ties the manifest to the office key, whose public half
is printed in the report and shown in admin; verify_bundle checks it against that key.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from complaints.pdf import render_pdf
from complaints.report import render_html
from pantau import signing
from pantau.casefile import idempotency_key, payload_hash, raw_file_name
from pantau.models import Evidence, Post
from pantau.settings import get_settings

SCHEMA = "pantau.bundle/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
REPORT_PDF = "laporan.pdf"
REPORT_HTML = "laporan.html"


class BundleError(Exception):
    """The bundle cannot be built honestly (evidence missing or changed since capture)."""


def bundle_file_name(number: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", number).strip("-") + ".zip"


def _read_evidence(root: Path, ev: Evidence) -> bytes:
    path = (root / ev.path).resolve()
    if not path.is_relative_to(root.resolve()):
        raise BundleError(f"bukti {ev.id}: path {ev.path!r} keluar dari direktori bukti")
    try:
        with path.open("rb") as fh:
            fh.seek(ev.offset or 0)
            return fh.read(ev.length) if ev.length is not None else fh.read()
    except OSError as exc:
        raise BundleError(f"bukti {ev.id} tidak dapat dibaca: {exc}") from None


def _entries(session: Session, payload: dict[str, Any]) -> list[tuple[str, bytes, dict[str, Any]]]:
    root = get_settings().evidence_dir
    entries = [
        (REPORT_PDF, render_pdf(payload), {"kind": "report_pdf"}),
        (REPORT_HTML, render_html(payload).encode(), {"kind": "report_html"}),
    ]
    for post in payload["posts"]:
        for ev in post["evidence"]:
            row = session.get(Evidence, ev["id"])
            if row is None:
                raise BundleError(f"bukti {ev['id']} tidak ada lagi di basis data")
            data = _read_evidence(root, row)
            if hashlib.sha256(data).hexdigest() != ev["sha256"]:
                raise BundleError(
                    f"bukti {ev['id']} ({row.path}) tidak cocok dengan SHA-256 saat perekaman"
                )
            meta = {"kind": ev["kind"], "post_id": post["id"], "evidence_id": ev["id"]}
            entries.append((ev["file"], data, meta))
        raw = session.get_one(Post, post["id"]).raw
        if raw is not None:
            text = json.dumps(raw, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            entries.append((raw_file_name(post["id"]), text.encode(), {"kind": "raw_post"}))
    return entries


def _stamp(payload: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    when = datetime.fromisoformat(payload["approved_at"] or payload["created_at"])
    return (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)


def build_bundle(session: Session, payload: dict[str, Any]) -> bytes:
    """Build the ZIP for a case payload; raises BundleError rather than ship a bad bundle."""
    entries = _entries(session, payload)
    manifest = {
        "schema": SCHEMA,
        "case_number": payload["number"],
        "idempotency_key": idempotency_key(payload),
        "case_sha256": payload_hash(payload),
        "case": payload,
        "files": [
            {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), **meta}
            for name, data, meta in entries
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    signature = _signature(manifest_bytes)
    buffer = io.BytesIO()
    stamp = _stamp(payload)
    head = [(MANIFEST, manifest_bytes), (SIGNATURE, signature)]
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in [*head, *((n, d) for n, d, _ in entries)]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            gz = name.endswith(".gz")
            info.compress_type = zipfile.ZIP_STORED if gz else zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buffer.getvalue()


def _signature(manifest_bytes: bytes) -> bytes:
    body = {
        "algorithm": signing.ALGORITHM,
        "public_key": signing.public_key_b64(),
        "signed_file": MANIFEST,
        "signature": signing.sign(manifest_bytes),
    }
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode()


def _check_signature(zf: zipfile.ZipFile, public_key: str, check: BundleCheck) -> None:
    try:
        body = json.loads(zf.read(SIGNATURE))
        signature = str(body["signature"])
    except KeyError:
        check.problems.append(f"{SIGNATURE} tidak ada: bundel tidak ditandatangani kantor")
        return
    except (ValueError, TypeError) as exc:
        check.problems.append(f"{SIGNATURE} tidak dapat dibaca: {exc}")
        return
    if body.get("public_key") != public_key:
        check.problems.append(
            f"{SIGNATURE}: ditandatangani dengan kunci lain, bukan kunci kantor "
            f"({signing.fingerprint(public_key)})"
        )
    if not signing.verify(zf.read(MANIFEST), signature, public_key):
        check.problems.append(f"{SIGNATURE}: tanda tangan tidak cocok dengan {MANIFEST}")


@dataclass
class BundleCheck:
    case_number: str | None = None
    files_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _load_manifest(zf: zipfile.ZipFile, check: BundleCheck) -> dict[str, Any] | None:
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except KeyError:
        check.problems.append(f"{MANIFEST} tidak ada")
        return None
    except ValueError as exc:
        check.problems.append(f"{MANIFEST} bukan JSON yang sah: {exc}")
        return None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA:
        check.problems.append(f"{MANIFEST} bukan manifest {SCHEMA}")
        return None
    return manifest


def _check_case(manifest: dict[str, Any], check: BundleCheck) -> None:
    case = manifest.get("case") or {}
    digest = payload_hash(case)
    if manifest.get("case_sha256") != digest:
        check.problems.append("uraian kasus di manifest telah diubah (SHA-256 tidak cocok)")
    if manifest.get("idempotency_key") != f"{case.get('number')}#{digest}":
        check.problems.append("kunci idempotensi tidak cocok dengan uraian kasus")
    if manifest.get("case_number") != case.get("number"):
        check.problems.append("nomor kasus di manifest tidak cocok dengan uraian kasus")
    listed = {f.get("name"): f for f in manifest.get("files", []) if isinstance(f, dict)}
    for post in case.get("posts", []):
        for ev in post.get("evidence", []):
            entry = listed.get(ev.get("file"))
            if entry is None:
                check.problems.append(f"bukti {ev.get('file')} tidak tercantum di manifest")
            elif entry.get("sha256") != ev.get("sha256"):
                check.problems.append(f"{ev['file']}: SHA-256 berbeda dari saat perekaman")
    if REPORT_PDF not in listed:
        check.problems.append(f"{REPORT_PDF} tidak tercantum di manifest")


def verify_bundle(data: bytes, public_key: str | None = None) -> BundleCheck:
    """Check a bundle on its own: signed by the office key (this installation's unless
    `public_key` is given), every file present once, unchanged, and nothing extra."""
    check = BundleCheck()
    public_key = public_key or signing.public_key_b64()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        check.problems.append("berkas bukan ZIP yang sah")
        return check
    with zf:
        names = zf.namelist()
        for name in sorted({n for n in names if names.count(n) > 1}):
            check.problems.append(f"{name} muncul lebih dari sekali di ZIP")
        manifest = _load_manifest(zf, check)
        if manifest is None:
            return check
        check.case_number = manifest.get("case_number")
        _check_signature(zf, public_key, check)
        _check_case(manifest, check)
        listed = set()
        for entry in manifest.get("files", []):
            name = entry.get("name")
            listed.add(name)
            try:
                content = zf.read(name)
            except KeyError:
                check.problems.append(f"{name} tercantum di manifest tetapi tidak ada")
                continue
            except (zipfile.BadZipFile, OSError) as exc:  # a CRC error is a changed file too
                check.problems.append(f"{name} rusak: {exc}")
                continue
            check.files_checked += 1
            if hashlib.sha256(content).hexdigest() != entry.get("sha256"):
                check.problems.append(f"{name}: SHA-256 tidak cocok dengan manifest")
            elif len(content) != entry.get("size"):
                check.problems.append(f"{name}: ukuran tidak cocok dengan manifest")
        for name in sorted(set(names) - listed - {MANIFEST, SIGNATURE}):
            check.problems.append(f"{name} ada di ZIP tetapi tidak tercantum di manifest")
    return check
