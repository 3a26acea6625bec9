"""BKN's neutrality-report portal (KASN's successor since UU 20/2023): camelCase fields."""

from __future__ import annotations

from typing import Any

from complaints.adapters import mapping
from complaints.adapters.http import JsonApiAdapter


class BknAdapter(JsonApiAdapter):
    name = "bkn"
    path = "/api/netralitas/v1/pengaduan"

    def to_request(self, payload: dict[str, Any]) -> dict[str, Any]:
        r = payload["reported"]
        return {
            "noReferensi": payload["number"],
            "tglLaporan": mapping.report_date(payload),
            "instansiPelapor": {
                "kode": payload["office"]["code"],
                "nama": payload["office"]["name"],
                "penanggungJawab": mapping.approver_name(payload),
            },
            "pegawai": {
                "nip": r["nip"],
                "nama": r["name"],
                "jabatan": r["position"],
                "jenisJabatan": r["position_group"],
                "statusKepegawaian": r["employment_type"],
                "unitKerja": r["agency"],
                "kodeLokasi": r["region_code"],
            },
            "kategoriPelanggaran": [v["code"] for v in payload["violations"]],
            "uraianPelanggaran": payload["summary"],
            "dasarHukum": payload["legal_basis"],
            "kronologis": [
                {
                    "tanggal": c["at"],
                    "platform": c["platform"],
                    "url": c["url"],
                    "konten": c["text"],
                }
                for c in payload["chronology"]
            ],
            "lampiran": [
                {
                    "namaFile": ev["file"],
                    "hash": ev["sha256"],
                    "algoritma": "SHA-256",
                    "ukuran": ev["size"],
                    "direkamPada": ev["captured_at"],
                    "sumber": ev["post_url"],
                }
                for ev in mapping.evidence(payload)
            ],
        }

    def read_receipt(self, body: dict[str, Any]) -> tuple[str, str | None]:
        data = body["data"]
        return data["ticketId"], data.get("receivedAt")
