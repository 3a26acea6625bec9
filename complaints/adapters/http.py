"""JSON over HTTPS with a bearer token and an Idempotency-Key header: the shared part of
the SIAPNET, BKN and SP4N-LAPOR! adapters. Each subclass maps the payload to its own fields
and reads its own receipt; see complaints/README.md."""

from __future__ import annotations

from abc import abstractmethod
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

import httpx

from complaints.adapters.base import Adapter, Delivery, DeliveryError, Receipt
from pantau.timeutil import utcnow

RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}


def retry_after_s(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - utcnow()).total_seconds())
    except (TypeError, ValueError):
        return None


class JsonApiAdapter(Adapter):
    path: ClassVar[str]

    def __init__(
        self, base_url: str, token: str, timeout_s: float, client: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.client = client or httpx.Client(timeout=timeout_s, follow_redirects=False)

    @abstractmethod
    def to_request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The receiver's field mapping of a pantau.case/1 payload."""

    @abstractmethod
    def read_receipt(self, body: dict[str, Any]) -> tuple[str, str | None]:
        """(receipt id, received-at) from the receiver's answer; KeyError if absent."""

    def headers(self, delivery: Delivery) -> dict[str, str]:
        headers = {
            "Idempotency-Key": delivery.idempotency_key,
            "Accept": "application/json",
            "User-Agent": "Pantau/0.1 (+complaint export)",
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def deliver(self, delivery: Delivery) -> Receipt:
        if not self.base_url:
            raise DeliveryError(
                f"{self.name}: PANTAU_COMPLAINT_BASE_URL belum diisi", retryable=False
            )
        url = self.base_url + self.path
        try:
            response = self.client.post(
                url, json=self.to_request(delivery.payload), headers=self.headers(delivery)
            )
        except httpx.TimeoutException:
            raise DeliveryError(f"{self.name}: batas waktu habis menunggu {url}") from None
        except httpx.TransportError as exc:
            reason = f"{type(exc).__name__}: {exc}"
            raise DeliveryError(f"{self.name}: koneksi gagal ({reason})") from None
        return self._receipt(response)

    def _receipt(self, response: httpx.Response) -> Receipt:
        status = response.status_code
        if status >= 300:
            snippet = response.text[:300].replace("\n", " ")
            raise DeliveryError(
                f"{self.name}: HTTP {status} {snippet}".strip(),
                retryable=status in RETRYABLE_STATUS,
                retry_after_s=retry_after_s(response.headers.get("Retry-After")),
            )
        try:
            body = response.json()
            receipt_id, received_at = self.read_receipt(body)
        except (ValueError, KeyError, TypeError):
            # The receiver may have stored it; a retry with the same key gets the receipt.
            raise DeliveryError(f"{self.name}: jawaban tanpa tanda terima yang terbaca") from None
        replayed = response.headers.get("Idempotent-Replayed", "").lower() == "true"
        return Receipt(str(receipt_id), received_at, replayed, body)

    def close(self) -> None:
        self.client.close()
