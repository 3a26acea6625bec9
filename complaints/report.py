"""The formal report "Laporan Dugaan Pelanggaran Netralitas ASN", built from a case payload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from pantau import signing
from pantau.casefile import PLATFORM_LABELS
from pantau.settings import get_settings
from pantau.timeutil import local

TITLE = "Laporan Dugaan Pelanggaran Netralitas ASN"
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
EVIDENCE_KINDS = {
    "warc": "Rekaman WARC",
    "raw_json": "Data JSON asli",
    "screenshot": "Tangkapan layar",
    "image": "Foto",
    "image_quarantine": "Foto dikarantina (tidak terbaca)",
    "image_findings": "Hasil analisis foto",
}
POST_KINDS = {
    "post": "unggahan",
    "reply": "balasan",
    "repost": "unggahan ulang",
    "comment": "komentar",
}


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def tanggal(value: datetime | None) -> str:
    """'5 Maret 2024' in the office's zone."""
    if value is None:
        return "-"
    d = local(value, get_settings().timezone)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def waktu(value: datetime | None) -> str:
    """'5 Maret 2024 pukul 14.30 WIB'."""
    if value is None:
        return "-"
    zone = get_settings().timezone
    d = local(value, zone)
    return f"{tanggal(value)} pukul {d:%H.%M} {ZONE_NAMES.get(zone, zone)}"


@dataclass(frozen=True)
class Incident:
    no: int
    when: str
    platform: str
    kind: str
    account: str
    url: str
    text: str
    images: tuple[str, ...] = ()  # what each photo shows, with its SHA-256
    record_sha256: str = ""  # the post alone, as captured (a page's SHA-256 covers many)

    @property
    def link(self) -> str:
        """The URL if it may be a link (http/https); javascript: and the like stay text."""
        parts = urlsplit(self.url)
        return self.url if parts.scheme in ("http", "https") and parts.netloc else ""


@dataclass(frozen=True)
class EvidenceLine:
    no: int
    kind: str
    sha256: str
    size: int
    captured: str
    file: str
    post_no: int


@dataclass(frozen=True)
class ReportView:
    number: str
    date: str
    draft: bool
    office_name: str
    office_code: str
    reported: list[tuple[str, str]]
    summary: str
    incidents: list[Incident]
    evidence: list[EvidenceLine]
    violations: list[tuple[str, str]]
    legal_basis: list[str]
    approver: str
    approved_at: str
    creator: str
    title: str = TITLE
    # The office's Ed25519 public key, so a receiver can check the signed bundle (issue 16).
    office_key: str = ""
    office_key_fingerprint: str = ""


def _reported(r: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("Nama", r["name"]),
        ("NIP", r["nip"]),
        ("Jabatan", r["position"]),
        ("Kategori jabatan", r["position_category_label"]),
        ("Status kepegawaian", r["employment_type"]),
        ("Instansi", r["agency"]),
        ("Wilayah", f"{r['region_name']} ({r['region_code']})"),
    ]


def _account(account: dict[str, Any]) -> str:
    name = account["display_name"]
    return f"@{account['handle']}" + (f" ({name})" if name else "")


def _image_line(found: dict[str, Any]) -> str:
    parts = [f"Foto SHA-256 {found['image_sha256']}"]
    if found.get("signs"):
        parts.append("gestur: " + "; ".join(found["signs"]))
    if found.get("text"):
        parts.append(f'teks terbaca: "{found["text"]}"')
    return " — ".join(parts)


def report_view(payload: dict[str, Any]) -> ReportView:
    posts = sorted(payload["posts"], key=lambda p: (p["posted_at"] or "", p["id"]))
    incidents: list[Incident] = []
    evidence: list[EvidenceLine] = []
    for no, post in enumerate(posts, 1):
        account = post["account"]
        incidents.append(
            Incident(
                no=no,
                when=waktu(_when(post["posted_at"])),
                platform=PLATFORM_LABELS.get(post["platform"], post["platform"]),
                kind=POST_KINDS.get(post["kind"], post["kind"]),
                account=_account(account),
                url=post["url"],
                text=post["text"],
                images=tuple(_image_line(found) for found in post.get("images", [])),
                record_sha256=post.get("record_sha256") or "",
            )
        )
        for ev in post["evidence"]:
            evidence.append(
                EvidenceLine(
                    no=len(evidence) + 1,
                    kind=EVIDENCE_KINDS.get(ev["kind"], ev["kind"]),
                    sha256=ev["sha256"],
                    size=ev["size"],
                    captured=waktu(_when(ev["captured_at"])),
                    file=ev["file"],
                    post_no=no,
                )
            )
    approved_at = _when(payload["approved_at"])
    approver = payload["approved_by"]
    return ReportView(
        number=payload["number"],
        date=tanggal(approved_at or _when(payload["created_at"])),
        draft=approved_at is None,
        office_name=payload["office"]["name"],
        office_code=payload["office"]["code"],
        reported=_reported(payload["reported"]),
        summary=payload["summary"],
        incidents=incidents,
        evidence=evidence,
        violations=[(v["code"], v["label"]) for v in payload["violations"]],
        legal_basis=[line for line in payload["legal_basis"].splitlines() if line.strip()],
        approver=approver["name"] if approver else "(belum disetujui)",
        approved_at=waktu(approved_at),
        creator=payload["created_by"]["name"] if payload["created_by"] else "-",
        office_key=(key := signing.public_key_b64()),
        office_key_fingerprint=signing.fingerprint(key),
    )


@lru_cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("complaints", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache
def report_css() -> str:
    """The report's styles; a page that embeds the <article> links them itself (the review
    UI's Content-Security-Policy refuses inline styles)."""
    return (files("complaints") / "templates" / "report.css").read_text(encoding="utf-8")


def render_html(payload: dict[str, Any], *, standalone: bool = True) -> str:
    """The report as HTML: a whole page with its styles, or (standalone=False) the bare
    <article> to embed."""
    template = _env().get_template("report.html")
    return template.render(r=report_view(payload), standalone=standalone, css=report_css())
