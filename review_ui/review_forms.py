"""Decision forms: the posted form as a pydantic model FastAPI fills, its checks per
verdict with one table of Indonesian messages, and why the state machine refused a move."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from pantau.models import DismissReason, ReviewItem, ReviewStatus, User, Verdict
from pantau.review import (
    STATUS_NAMES,
    Decide,
    InvalidTransition,
    NotAllowed,
    Refused,
    ReviewError,
    StaleVersion,
)
from pantau.taxonomy import get_taxonomy
from review_ui.templating import format_time

MAX_NOTES = 5000


class DecisionForm(BaseModel):
    """The decision form as posted (the route takes `Annotated[DecisionForm, Form()]`).
    Only a missing verdict or version is FastAPI's 422 page: those come from our own
    hidden fields and buttons, never from what the analyst chose. The page re-renders
    from this, so what the analyst typed is not lost."""

    model_config = ConfigDict(frozen=True)

    verdict: str
    version: int
    violation_code: str = ""
    position_category: str = ""
    dismiss_reason: str = ""
    notes: str = ""
    and_next: str = ""  # "1" from "Simpan & berikutnya"

    @property
    def next(self) -> bool:
        return self.and_next == "1"


def _unknown(field: str) -> PydanticCustomError:
    return PydanticCustomError("unknown_choice", "{field} is not a known choice", {"field": field})


class _Checked(BaseModel):
    """What a decision needs, by verdict. Fields are checked in this order, so the
    messages come in the order the form shows them."""

    model_config = ConfigDict(validate_default=True)

    verdict: Literal["confirm", "dismiss", "escalate"]
    notes: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NOTES)] = ""
    violation_code: str = ""
    position_category: str = ""
    dismiss_reason: str = ""

    @field_validator("notes")
    @classmethod
    def _escalation_note(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("verdict") == "escalate" and not value:
            raise PydanticCustomError("required", "an escalation needs a note")
        return value

    @field_validator("violation_code", "position_category")
    @classmethod
    def _taxonomy(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("verdict") != "confirm":
            return ""  # only a confirmation carries a violation and a position
        taxonomy = get_taxonomy()
        if info.field_name == "violation_code":
            known = {v.code for v in taxonomy.violations}
        else:
            known = {p.code for p in taxonomy.position_categories} | {""}
        if value not in known:
            raise _unknown(str(info.field_name))
        return value

    @field_validator("dismiss_reason")
    @classmethod
    def _reason(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("verdict") != "dismiss":
            return ""
        if value not in {r.value for r in DismissReason}:
            raise _unknown("dismiss_reason")
        return value

    def decide(self) -> Decide:
        return Decide(
            Verdict(self.verdict),
            self.violation_code or None,
            self.position_category or None,
            DismissReason(self.dismiss_reason) if self.dismiss_reason else None,
            self.notes,
        )


# What the analyst reads for each refusal: (field, pydantic error type) -> sentence.
ERRORS = {
    ("verdict", "literal_error"): "Pilih keputusan: Konfirmasi, Tolak, atau Eskalasi.",
    ("verdict", "missing"): "Pilih keputusan: Konfirmasi, Tolak, atau Eskalasi.",
    ("notes", "string_too_long"): f"Catatan terlalu panjang (maksimal {MAX_NOTES} karakter).",
    ("notes", "required"): "Tulis catatan untuk supervisor sebelum eskalasi.",
    ("violation_code", "unknown_choice"): "Pilih kode pelanggaran untuk konfirmasi.",
    ("position_category", "unknown_choice"): "Kategori jabatan tidak dikenal.",
    ("dismiss_reason", "unknown_choice"): "Pilih alasan penolakan.",
}
UNEXPECTED = "Isian formulir tidak valid. Muat ulang halaman lalu coba lagi."


def messages(exc: ValidationError) -> list[str]:
    """Indonesian sentences for a refused form, never pydantic's English."""
    found = [(str(e["loc"][0]) if e["loc"] else "", e["type"]) for e in exc.errors()]
    if any(field == "verdict" for field, _ in found):
        return [ERRORS[("verdict", "missing")]]  # without a verdict the rest means nothing
    return list(dict.fromkeys(ERRORS.get(key, UNEXPECTED) for key in found))


def check(form: DecisionForm) -> tuple[Decide | None, list[str]]:
    """A Decide for pantau.review, or the reasons (in Indonesian) why not."""
    try:
        checked = _Checked.model_validate(form.model_dump(exclude={"version", "and_next"}))
    except ValidationError as exc:
        return None, messages(exc)
    return checked.decide(), []


def explain(session: Session, exc: ReviewError, item_id: int, user: User) -> str:
    """What happened, from the item's state now: the state machine's message knows only
    the state it saw. Only reads: the caller's savepoint has already undone the move."""
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
            f"{STATUS_NAMES[item.status]}). Keputusan Anda belum disimpan; "
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
        return f"Butir ini sudah berstatus {STATUS_NAMES[item.status]}."
    message = str(exc)  # the state machine's own words (Bahasa Indonesia), as a sentence
    return message[:1].upper() + message[1:].rstrip(".") + "."
