"""Decision forms: parse and check what the analyst sent, and say in Indonesian why the
state machine refused it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pantau.models import DismissReason, ReviewItem, ReviewStatus, User, Verdict
from pantau.review import (
    Decide,
    InvalidTransition,
    NotAllowed,
    Refused,
    ReviewError,
    StaleVersion,
)
from pantau.taxonomy import get_taxonomy
from review_ui.templating import STATUS_LABELS, format_time

MAX_NOTES = 5000
VERDICT_LABELS = {"confirm": "Konfirmasi", "dismiss": "Tolak", "escalate": "Eskalasi"}
# The decision history also shows corrections.
HISTORY_LABELS = {**VERDICT_LABELS, "undo": "Diurungkan", "reopen": "Dibuka kembali"}


@dataclass(frozen=True)
class DecisionForm:
    verdict: str
    version: int
    violation_code: str = ""
    position_category: str = ""
    dismiss_reason: str = ""
    notes: str = ""
    and_next: bool = False


def check(form: DecisionForm) -> tuple[Decide | None, list[str]]:
    """A Decide for pantau.review, or the reasons (in Indonesian) why not."""
    taxonomy = get_taxonomy()
    errors: list[str] = []
    if form.verdict not in VERDICT_LABELS:
        return None, ["Pilih keputusan: Konfirmasi, Tolak, atau Eskalasi."]
    verdict = Verdict(form.verdict)
    notes = form.notes.strip()
    if len(notes) > MAX_NOTES:
        errors.append(f"Catatan terlalu panjang (maksimal {MAX_NOTES} karakter).")
    violation = position = None
    reason = None
    if verdict is Verdict.CONFIRM:
        if form.violation_code not in {v.code for v in taxonomy.violations}:
            errors.append("Pilih kode pelanggaran untuk konfirmasi.")
        violation = form.violation_code
        if form.position_category:
            if form.position_category not in {p.code for p in taxonomy.position_categories}:
                errors.append("Kategori jabatan tidak dikenal.")
            position = form.position_category
    elif verdict is Verdict.DISMISS:
        if form.dismiss_reason not in {r.value for r in DismissReason}:
            errors.append("Pilih alasan penolakan.")
        else:
            reason = DismissReason(form.dismiss_reason)
    elif not notes:
        errors.append("Tulis catatan untuk supervisor sebelum eskalasi.")
    if errors:
        return None, errors
    return Decide(verdict, violation, position, reason, notes), []


def explain(session: Session, exc: ReviewError, item_id: int, user: User) -> str:
    """What happened, from the item's state now, rather than the state machine's English.
    Only reads: the caller's savepoint has already undone the refused move."""
    if isinstance(exc, Refused):
        return str(exc)
    item = session.get(ReviewItem, item_id, populate_existing=True)
    if item is None:
        return "Butir ini tidak ditemukan."
    if item.status is ReviewStatus.CLAIMED and item.claimed_by_id != user.id:
        holder = item.claimed_by.full_name if item.claimed_by else "analis lain"
        until = format_time(item.claim_expires_at, with_date=False)
        return f"Butir ini sedang ditinjau oleh {holder} (klaim sampai {until}). Pilih butir lain."
    if isinstance(exc, StaleVersion):
        return (
            "Butir ini telah berubah sejak halaman Anda dibuka (sekarang berstatus "
            f"{STATUS_LABELS[item.status.value].lower()}). Keputusan Anda belum disimpan; "
            "periksa keadaan terbaru di bawah sebelum memutuskan lagi."
        )
    if isinstance(exc, NotAllowed) and item.status is ReviewStatus.QUEUED:
        return "Klaim Anda atas butir ini telah berakhir. Ambil butir ini lagi sebelum memutuskan."
    if isinstance(exc, NotAllowed) and item.status is ReviewStatus.ESCALATED:
        return "Hanya supervisor yang dapat menyelesaikan eskalasi."
    if isinstance(exc, NotAllowed) and item.status in (
        ReviewStatus.CONFIRMED,
        ReviewStatus.DISMISSED,
    ):
        return "Hanya supervisor yang dapat membuka kembali butir yang sudah diputuskan."
    if isinstance(exc, NotAllowed | InvalidTransition) or item.status is not ReviewStatus.CLAIMED:
        return f"Butir ini sudah berstatus {STATUS_LABELS[item.status.value].lower()}."
    return "Permintaan tidak dapat diproses. Muat ulang halaman lalu coba lagi."
