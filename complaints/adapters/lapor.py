"""SP4N-LAPOR! (the national public-complaint service): one titled complaint with a text
body, so the structured case is written out as readable text plus a few fields."""

from __future__ import annotations

from typing import Any

from complaints.adapters import mapping
from complaints.adapters.http import JsonApiAdapter

CATEGORY = "Netralitas ASN"


def _content(payload: dict[str, Any]) -> str:
    r = payload["reported"]
    lines = [
        f"Nomor laporan: {payload['number']}",
        f"Terlapor: {r['name']} (NIP {r['nip']}), {r['position']}, {r['agency']}",
        "",
        payload["summary"],
        "",
        "Kronologi:",
        *(f"- {c['at']} {c['platform']} {c['url']}" for c in payload["chronology"]),
        "",
        "Pelanggaran: " + "; ".join(f"{v['code']} {v['label']}" for v in payload["violations"]),
        "",
        "Dasar hukum:",
        payload["legal_basis"],
        "",
        "Bukti (SHA-256):",
        *(f"- {ev['file']}: {ev['sha256']}" for ev in mapping.evidence(payload)),
    ]
    return "\n".join(lines)


class LaporAdapter(JsonApiAdapter):
    name = "lapor"
    path = "/api/v1/complaints"

    def to_request(self, payload: dict[str, Any]) -> dict[str, Any]:
        r = payload["reported"]
        return {
            "title": f"Dugaan Pelanggaran Netralitas ASN: {r['name']} ({r['agency']})",
            "content": _content(payload),
            "category": CATEGORY,
            "location": r["region_name"],
            "institution": r["agency"],
            "is_anonymous": False,
            "is_secret": True,
            "external_reference": payload["number"],
            "reported_at": mapping.report_date(payload),
            "reported_person": {"name": r["name"], "nip": r["nip"], "position": r["position"]},
            "attachments": [
                {"name": ev["file"], "sha256": ev["sha256"], "size": ev["size"]}
                for ev in mapping.evidence(payload)
            ],
        }

    def read_receipt(self, body: dict[str, Any]) -> tuple[str, str | None]:
        data = body["data"]
        return data["tracking_id"], data.get("created_at")
