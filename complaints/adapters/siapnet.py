"""SIAPNET (Sistem Informasi Pengawasan Netralitas ASN): Indonesian snake_case fields."""

from __future__ import annotations

from typing import Any

from complaints.adapters import mapping
from complaints.adapters.http import JsonApiAdapter


class SiapnetAdapter(JsonApiAdapter):
    name = "siapnet"
    path = "/api/v1/laporan-netralitas"

    def to_request(self, payload: dict[str, Any]) -> dict[str, Any]:
        r = payload["reported"]
        return {
            "nomor_laporan": payload["number"],
            "tanggal_laporan": mapping.report_date(payload),
            "pelapor": {
                "kode_satker": payload["office"]["code"],
                "nama_satker": payload["office"]["name"],
                "petugas": mapping.approver_name(payload),
            },
            "terlapor": {
                "nama": r["name"],
                "nip": r["nip"],
                "jabatan": r["position"],
                "kategori_jabatan": r["position_group"],
                "jenis_pegawai": r["employment_type"],
                "instansi": r["agency"],
                "kode_wilayah": r["region_code"],
                "nama_wilayah": r["region_name"],
            },
            "jenis_pelanggaran": [
                {"kode": v["code"], "uraian": v["label"]} for v in payload["violations"]
            ],
            "dasar_hukum": payload["legal_basis"],
            "uraian": payload["summary"],
            "kronologi": [
                {"waktu": c["at"], "media": c["platform"], "tautan": c["url"], "isi": c["text"]}
                for c in payload["chronology"]
            ],
            "bukti": [
                {
                    "jenis": ev["kind"],
                    "tautan": ev["post_url"],
                    "sha256": ev["sha256"],
                    "ukuran": ev["size"],
                    "waktu_perekaman": ev["captured_at"],
                    "berkas": ev["file"],
                }
                for ev in mapping.evidence(payload)
            ],
        }

    def read_receipt(self, body: dict[str, Any]) -> tuple[str, str | None]:
        data = body["data"]
        return data["nomor_tiket"], data.get("diterima_pada")
