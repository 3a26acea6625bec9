"""Adapters: each receiver's field mapping, and how answers become receipts or errors."""

from __future__ import annotations

import casekit as k
import httpx
import pytest
from sqlalchemy import select

from complaints.adapters import Delivery, DeliveryError, get_adapter
from complaints.adapters.bkn import BknAdapter
from complaints.adapters.http import retry_after_s
from complaints.adapters.lapor import LaporAdapter
from complaints.adapters.siapnet import SiapnetAdapter
from pantau import casefile
from pantau.models import Outbox


@pytest.fixture
def payload(session, data_dir):
    w = k.world(session)
    case = k.approved_case(session, w, 2, evidence=True)
    return session.scalars(select(Outbox.payload).where(Outbox.case_id == case.id)).one()


def test_siapnet_mapping(payload):
    body = SiapnetAdapter("http://x", "t", 1).to_request(payload)
    assert body["nomor_laporan"] == payload["number"]
    assert body["terlapor"]["nip"] == payload["reported"]["nip"]
    assert body["terlapor"]["kategori_jabatan"] == "Fungsional"
    assert body["jenis_pelanggaran"][0]["kode"] == "NTR-02"
    assert len(body["bukti"]) == 2 and len(body["bukti"][0]["sha256"]) == 64
    assert body["pelapor"]["petugas"] == payload["approved_by"]["name"]


def test_bkn_mapping(payload):
    body = BknAdapter("http://x", "t", 1).to_request(payload)
    assert body["noReferensi"] == payload["number"]
    assert body["pegawai"]["unitKerja"] == payload["reported"]["agency"]
    assert body["kategoriPelanggaran"] == ["NTR-02"]
    assert body["lampiran"][0]["algoritma"] == "SHA-256"


def test_lapor_mapping_writes_the_case_out_as_text(payload):
    body = LaporAdapter("http://x", "t", 1).to_request(payload)
    assert body["external_reference"] == payload["number"] and body["is_secret"] is True
    assert payload["reported"]["nip"] in body["content"]
    assert payload["posts"][0]["evidence"][0]["sha256"] in body["content"]


def test_each_http_adapter_delivers_to_its_route_and_the_receiver_dedupes(payload, mock_server):
    mock = mock_server("--token", "kunci")
    key = casefile.idempotency_key(payload)
    for cls in (SiapnetAdapter, BknAdapter, LaporAdapter):
        adapter = cls(mock.url, "kunci", 5)
        first = adapter.deliver(Delivery(payload["number"], f"{cls.name}:{key}", payload))
        again = adapter.deliver(Delivery(payload["number"], f"{cls.name}:{key}", payload))
        assert first.receipt_id.startswith(cls.name.upper()) and not first.duplicate
        assert again.receipt_id == first.receipt_id and again.duplicate
        adapter.close()
    assert len(mock.received()) == 3


@pytest.mark.parametrize(
    ("script", "retryable", "text"),
    [("500", True, "HTTP 500"), ("503", True, "HTTP 503"), ("drop", True, "koneksi gagal")],
)
def test_faults_become_retryable_errors(payload, mock_server, script, retryable, text):
    mock = mock_server("--script", script, "--retry-after", "7")
    adapter = SiapnetAdapter(mock.url, "", 5)
    with pytest.raises(DeliveryError, match=text) as caught:
        adapter.deliver(Delivery(payload["number"], "k1", payload))
    assert caught.value.retryable is retryable
    if script == "503":
        assert caught.value.retry_after_s == 7


def test_a_rejected_payload_is_permanent(payload, mock_server):
    mock = mock_server()
    broken = {**payload, "number": ""}
    with pytest.raises(DeliveryError, match="HTTP 422") as caught:
        SiapnetAdapter(mock.url, "", 5).deliver(Delivery("", "k2", broken))
    assert caught.value.retryable is False


def test_a_timeout_is_retryable(payload, mock_server):
    mock = mock_server("--script", "timeout", "--hang-s", "2")
    adapter = BknAdapter(mock.url, "", 0.3)
    with pytest.raises(DeliveryError, match="batas waktu") as caught:
        adapter.deliver(Delivery(payload["number"], "k3", payload))
    assert caught.value.retryable


def test_retry_after_parsing():
    assert retry_after_s("120") == 120
    assert retry_after_s(None) is None and retry_after_s("nanti") is None
    assert retry_after_s(httpx.Headers({"d": "Wed, 21 Oct 2015 07:28:00 GMT"})["d"]) == 0


def test_unknown_destination_is_a_permanent_error():
    with pytest.raises(DeliveryError, match="tidak dikenal") as caught:
        get_adapter("faks")
    assert caught.value.retryable is False
