"""Every Indonesian label the review UI shows for a stored value, in one place.

Templates get them through templating's context; routers and forms import them from here.
A value without a label is shown as is, so a new enum member is visible, not hidden.
"""

from __future__ import annotations

from typing import Any

from classifier.images.evidence import LABELS_ID
from pantau import cases, review
from pantau.casefile import PLATFORM_LABELS as REPORT_PLATFORM_LABELS


def _capitalised(names: dict[Any, str]) -> dict[str, str]:
    """The domain's status names ("sedang ditinjau", in its messages) as labels."""
    return {getattr(k, "value", k): v[:1].upper() + v[1:] for k, v in names.items()}


# Review items: the state machine names its statuses, so page and message agree.
STATUS_LABELS = _capitalised(review.STATUS_NAMES)
VERDICT_LABELS = {"confirm": "Konfirmasi", "dismiss": "Tolak", "escalate": "Eskalasi"}
# The decision history also shows corrections.
HISTORY_LABELS = {**VERDICT_LABELS, "undo": "Diurungkan", "reopen": "Dibuka kembali"}

ROLE_LABELS = {"analyst": "Analis", "supervisor": "Supervisor", "admin": "Admin"}
ASN_LABELS = {
    "unknown": "Belum diketahui",
    "suspected": "Diduga ASN",
    "confirmed": "Terkonfirmasi ASN",
    "not_asn": "Bukan ASN",
}
ASN_NOTE_LABELS = {"registry_nip": "NIP cocok", "registry": "Ditautkan", "analyst": "Analis"}
EVIDENCE_LABELS = {
    "warc": "Rekaman WARC",
    "raw_json": "JSON mentah",
    "screenshot": "Tangkapan layar",
    "image": "Foto",
    "image_quarantine": "Foto dikarantina",
    "image_findings": "Hasil analisis foto",
}
# The complaint report's names, so a page and the report it produces agree.
PLATFORM_LABELS = REPORT_PLATFORM_LABELS
POST_KIND_LABELS = {
    "post": "unggahan",
    "reply": "balasan",
    "repost": "bagikan ulang",
    "comment": "komentar",
}
ORIGIN_LABELS = {
    "crawl": "Pemantauan otomatis",
    "public_report": "Laporan masyarakat",
    "import": "Impor berkas",
}
# Hands found in photos (the classifier's own words); "no sign" is not drawn.
HAND_LABELS = {k: v for k, v in LABELS_ID.items() if k != "none"}

# Cases and their history, named as the case workflow names them.
CASE_STATUS_LABELS = _capitalised(cases.STATUS_NAMES)
CASE_EVENT_LABELS = {
    **CASE_STATUS_LABELS,
    "created": "Dibuat",
    "edited": "Disunting",
    "submitted": "Diajukan untuk persetujuan",
    "withdrawn": "Ditarik",
}
DELIVERY_LABELS = {"pending": "Menunggu pengiriman", "delivered": "Terkirim", "failed": "Gagal"}
DESTINATION_LABELS = {
    "file": "Berkas di folder ekspor server",
    "siapnet": "SIAP-Net (Bawaslu)",
    "bkn": "BKN",
    "lapor": "SP4N-LAPOR!",
}

# The admin's source form says what each platform's crawler reads: only the words added
# to the platform's name, which stays in PLATFORM_LABELS.
SOURCE_PLATFORM_NOTES = {"telegram": " (kanal publik)", "youtube": " (komentar)"}
SOURCE_FIELD_LABELS = {
    "accounts": "Akun",
    "hashtags": "Tagar",
    "queries": "Kata kunci pencarian",
    "channels": "Kanal",
    "feeds": "URL umpan RSS/Atom",
    "videos": "Video (ID atau URL)",
    "instance": "Instance Mastodon (URL)",
}


def source_platform_label(platform: str) -> str:
    """'Telegram (kanal publik)': the platform's name with what its crawler reads."""
    return PLATFORM_LABELS.get(platform, platform) + SOURCE_PLATFORM_NOTES.get(platform, "")
