"""WARC evidence: one file per crawl run, a record per response, and re-hashing to verify."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pantau.models import CrawlRun, Evidence, EvidenceKind
from pantau.timeutil import utcnow

if TYPE_CHECKING:
    import httpx

SOFTWARE = "Pantau crawler (warcio)"
# Never preserved: a WARC is handed to third parties as evidence.
SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "x-goog-api-key", "proxy-authorization"}
# Recomputed by us or meaningless once Twisted has de-chunked the body.
DROPPED_HEADERS = {"transfer-encoding", "content-length"}
REDACTED = "[redacted by Pantau]"
GZIP_LEVEL = 3


@dataclass(frozen=True)
class RecordRef:
    """Where one response record sits in a WARC file (path relative to evidence_dir)."""

    path: str
    offset: int
    length: int
    record_id: str
    sha256: str
    url: str


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _headers(pairs: Iterable[tuple[str, str]], *, body_len: int | None) -> list[tuple[str, str]]:
    out = []
    for name, value in pairs:
        low = name.lower()
        if low in DROPPED_HEADERS:
            continue
        out.append((name, REDACTED if low in SECRET_HEADERS else value))
    if body_len is not None:
        out.append(("Content-Length", str(body_len)))
    return out


class WarcRecorder:
    """Appends gzip-member records to one WARC file; each member is hashed as it is written."""

    def __init__(self, evidence_dir: Path, relpath: str) -> None:
        self.evidence_dir = evidence_dir
        self.relpath = relpath
        self.path = evidence_dir / relpath
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[bytes] | None = self.path.open("xb")
        self._write_info()

    @staticmethod
    def new_relpath(kind: str, name: str) -> str:
        now = utcnow()
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        return f"{kind}/{now:%Y/%m}/{name}-{stamp}-{uuid.uuid4().hex[:8]}.warc.gz"

    def _append(self, build: Any) -> tuple[int, int, str, str]:
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=False)
        record = build(writer)
        writer.write_record(record)
        # One gzip member per record, as warcio writes them, but at level 3: warcio's level 9
        # costs about 2.5 times the CPU for a fifth less size on API JSON.
        packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        data = packer.compress(buf.getvalue()) + packer.flush()
        assert self._fh is not None, "recorder closed"
        offset = self._fh.tell()
        self._fh.write(data)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        return offset, len(data), record_id, hashlib.sha256(data).hexdigest()

    def _write_info(self) -> None:
        def build(writer: WARCWriter) -> Any:
            return writer.create_warcinfo_record(
                self.path.name, {"software": SOFTWARE, "format": "WARC File Format 1.1"}
            )

        self._append(build)

    def record(
        self,
        *,
        url: str,
        status: int,
        headers: Iterable[tuple[str, str]],
        body: bytes,
        method: str = "GET",
        request_headers: Iterable[tuple[str, str]] = (),
        request_body: bytes = b"",
        redact_body: bool = False,
    ) -> RecordRef:
        """Write the response record, then its request; returns the response's location."""
        payload = b"" if redact_body else body
        status_line = f"{status} {_reason(status)}"
        http = StatusAndHeaders(
            status_line, _headers(headers, body_len=len(payload)), protocol="HTTP/1.1"
        )

        def response(writer: WARCWriter) -> Any:
            return writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=http
            )

        offset, length, record_id, digest = self._append(response)
        target = urlsplit(url)
        path = (target.path or "/") + (f"?{target.query}" if target.query else "")
        req_body = b"" if redact_body else request_body
        req_http = StatusAndHeaders(
            f"{method} {path} HTTP/1.1",
            [("Host", target.netloc), *_headers(request_headers, body_len=None)],
            is_http_request=True,
        )

        def request(writer: WARCWriter) -> Any:
            return writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(req_body),
                http_headers=req_http,
                warc_headers_dict={"WARC-Concurrent-To": record_id},
            )

        self._append(request)
        return RecordRef(self.relpath, offset, length, record_id, digest, url)

    def flush(self) -> None:
        """Make written records survive the process being killed before a DB commit names them."""
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> str:
        """Close the file and return its SHA-256."""
        if self._fh is not None:
            self.flush()
            self._fh.close()
            self._fh = None
        return sha256_file(self.path)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def record_exchange(
    evidence_dir: Path, kind: str, name: str, response: httpx.Response
) -> RecordRef:
    """One WARC file holding one fetched httpx exchange (a capture or a recheck)."""
    recorder = WarcRecorder(evidence_dir, WarcRecorder.new_relpath(kind, name))
    try:
        return recorder.record(
            url=str(response.url),
            status=response.status_code,
            headers=list(response.headers.multi_items()),
            body=response.content,
            request_headers=list(response.request.headers.multi_items()),
        )
    finally:
        recorder.close()


def evidence_rows(
    refs: Sequence[tuple[int, RecordRef]], *, crawl_run_id: int | None
) -> list[dict[str, Any]]:
    """Rows for the `evidence` table linking each post id to its WARC response record."""
    now = utcnow()
    return [
        {
            "post_id": post_id,
            "crawl_run_id": crawl_run_id,
            "kind": EvidenceKind.WARC.value,
            "path": ref.path,
            "offset": ref.offset,
            "length": ref.length,
            "record_id": ref.record_id,
            "url": ref.url,
            "sha256": ref.sha256,
            "size": ref.length,
            "captured_at": now,
        }
        for post_id, ref in refs
    ]


def read_record(evidence_dir: Path, path: str, offset: int, length: int) -> bytes:
    with (evidence_dir / path).open("rb") as fh:
        fh.seek(offset)
        return fh.read(length)


def record_payload(data: bytes) -> tuple[str, bytes]:
    """(record id, HTTP payload) of one gzip-member WARC record, as stored."""
    for record in ArchiveIterator(io.BytesIO(data)):
        return record.rec_headers.get_header("WARC-Record-ID"), record.content_stream().read()
    raise ValueError("no WARC record at this offset")


@dataclass(frozen=True)
class Mismatch:
    what: str  # "run 12" or "evidence 345"
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.what}: {self.path}: {self.problem}"


def _check_runs(session: Session, evidence_dir: Path) -> Iterator[Mismatch | None]:
    runs = session.execute(
        select(CrawlRun.id, CrawlRun.warc_path, CrawlRun.warc_sha256).where(
            CrawlRun.warc_path.is_not(None)
        )
    )
    for run_id, path, digest in runs:
        file = evidence_dir / path
        if not file.exists():
            yield Mismatch(f"run {run_id}", path, "WARC file is missing")
        elif digest and sha256_file(file) != digest:
            yield Mismatch(f"run {run_id}", path, "file SHA-256 differs from the one recorded")
        else:
            yield None


def _check_records(session: Session, evidence_dir: Path, batch: int) -> Iterator[Mismatch | None]:
    last = 0
    cols = (Evidence.id, Evidence.path, Evidence.offset, Evidence.length, Evidence.sha256)
    while True:
        rows = session.execute(
            select(*cols, Evidence.record_id)
            .where(Evidence.id > last, Evidence.kind == EvidenceKind.WARC)
            .order_by(Evidence.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        for row in rows:
            last = row.id
            yield _check_record(evidence_dir, row)


def _check_record(evidence_dir: Path, row: Any) -> Mismatch | None:
    what = f"evidence {row.id}"
    if not (evidence_dir / row.path).exists():
        return Mismatch(what, row.path, "WARC file is missing")
    data = read_record(evidence_dir, row.path, row.offset or 0, row.length or 0)
    if hashlib.sha256(data).hexdigest() != row.sha256:
        return Mismatch(what, row.path, f"record at offset {row.offset} does not match its hash")
    try:
        record_id, _ = record_payload(data)
    except Exception as exc:  # warcio raises several kinds on damaged input
        return Mismatch(what, row.path, f"record at offset {row.offset} unreadable: {exc}")
    if row.record_id and record_id != row.record_id:
        return Mismatch(what, row.path, f"record id {record_id} is not {row.record_id}")
    return None


@dataclass
class VerifyReport:
    files: int
    records: int
    mismatches: list[Mismatch]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def verify(session: Session, evidence_dir: Path, *, batch: int = 2_000) -> VerifyReport:
    """Re-hash every run's WARC file and every evidence record; list what does not match."""
    report = VerifyReport(0, 0, [])
    for problem in _check_runs(session, evidence_dir):
        report.files += 1
        if problem:
            report.mismatches.append(problem)
    for problem in _check_records(session, evidence_dir, batch):
        report.records += 1
        if problem:
            report.mismatches.append(problem)
    return report
