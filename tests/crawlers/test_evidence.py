"""WARC evidence: records are hashed as written, and verify catches tampering."""

from __future__ import annotations

import io
from pathlib import Path

import crawl_helpers as h
import typer
from sqlalchemy import insert
from sqlalchemy.orm import Session
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from crawlers import cli, evidence, store
from crawlers.evidence import WarcRecorder
from pantau.cli.groups import evidence_app
from pantau.models import CrawlRun, Evidence, Platform, Source


def _record(tmp_path: Path) -> tuple[WarcRecorder, evidence.RecordRef]:
    recorder = WarcRecorder(tmp_path, WarcRecorder.new_relpath("crawl", "uji"))
    ref = recorder.record(
        url="https://contoh.invalid/api/v1/timelines/tag/pilkada?key=1",
        status=200,
        headers=[("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")],
        body=b'[{"id": "1"}]',
        request_headers=[("Authorization", "Bearer rahasia"), ("User-Agent", "Pantau")],
    )
    return recorder, ref


def test_record_location_hash_and_redacted_secrets(tmp_path: Path) -> None:
    recorder, ref = _record(tmp_path)
    digest = recorder.close()
    data = evidence.read_record(tmp_path, ref.path, ref.offset, ref.length)
    assert evidence.record_payload(data) == (ref.record_id, b'[{"id": "1"}]')
    assert evidence.sha256_file(tmp_path / ref.path) == digest
    records = list(ArchiveIterator(io.BytesIO((tmp_path / ref.path).read_bytes())))
    assert [r.rec_type for r in records] == ["warcinfo", "response", "request"]
    request = records[2]
    assert request.http_headers.get_header("Authorization") == evidence.REDACTED
    assert request.rec_headers.get_header("WARC-Concurrent-To") == ref.record_id
    assert records[1].http_headers.get_header("Transfer-Encoding") is None


def test_verify_passes_then_names_the_tampered_file_and_record(
    fresh_db: object, tmp_path: Path
) -> None:
    from pantau.db import session_scope
    from pantau.settings import get_settings

    evidence_dir = get_settings().evidence_dir
    recorder, ref = _record(evidence_dir)
    digest = recorder.close()
    with session_scope() as session:
        _link(session, ref, digest)
    runner = CliRunner()
    app = typer.Typer()
    app.add_typer(evidence_app, name="evidence")  # the core group the plugin adds `verify` to
    cli.register(app)
    ok = runner.invoke(app, ["evidence", "verify"])
    assert ok.exit_code == 0, ok.output
    assert "0 mismatches" in ok.output
    path = evidence_dir / ref.path
    data = bytearray(path.read_bytes())
    data[ref.offset + ref.length // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    bad = runner.invoke(app, ["evidence", "verify"])
    assert bad.exit_code == 1
    assert "file SHA-256 differs" in bad.output
    assert "does not match its hash" in bad.output


def _link(session: Session, ref: evidence.RecordRef, digest: str) -> None:
    source = Source(platform=Platform.MASTODON, name="uji", config={"hashtags": ["pilkada"]})
    session.add(source)
    session.flush()
    run = CrawlRun(source_id=source.id, warc_path=ref.path, warc_sha256=digest)
    session.add(run)
    session.flush()
    result = store.store_posts(session, [h.post(1)])
    rows = evidence.evidence_rows([(result.posts[0].post_id, ref)], crawl_run_id=run.id)
    session.execute(insert(Evidence), rows)
