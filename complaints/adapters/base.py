"""The one interface every complaint-system adapter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Delivery:
    """One outbox row on its way out. `payload` is the pantau.case/1 document frozen at
    approval; `bundle` is the evidence ZIP, built only for adapters that want it."""

    case_number: str
    idempotency_key: str
    payload: dict[str, Any]
    bundle: bytes | None = None


@dataclass(frozen=True)
class Receipt:
    """What the receiving side gave back: its reference for the report."""

    receipt_id: str
    received_at: str | None = None
    duplicate: bool = False  # the receiver had this key already (a retry after a lost answer)
    raw: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "receipt_id": self.receipt_id,
            "received_at": self.received_at,
            "duplicate": self.duplicate,
            "raw": self.raw,
        }


class DeliveryError(Exception):
    """The delivery did not (knowingly) succeed. Retryable errors are tried again with
    backoff; permanent ones (a rejected payload, a bad token, no URL) fail the row at once."""

    def __init__(
        self, message: str, *, retryable: bool = True, retry_after_s: float | None = None
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after_s = retry_after_s


class Adapter(ABC):
    name: ClassVar[str]
    wants_bundle: ClassVar[bool] = False

    @abstractmethod
    def deliver(self, delivery: Delivery) -> Receipt:
        """Send once. Must be safe to repeat with the same idempotency key."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; the default holds none."""
