"""Complaint-system adapters behind one interface (base.Adapter), chosen by name."""

from __future__ import annotations

from complaints.adapters.base import Adapter, Delivery, DeliveryError, Receipt
from complaints.adapters.bkn import BknAdapter
from complaints.adapters.file import FileAdapter
from complaints.adapters.lapor import LaporAdapter
from complaints.adapters.siapnet import SiapnetAdapter
from pantau.settings import Settings, get_settings

HTTP_ADAPTERS = {a.name: a for a in (SiapnetAdapter, BknAdapter, LaporAdapter)}
NAMES = ("file", *HTTP_ADAPTERS)


def get_adapter(name: str, settings: Settings | None = None) -> Adapter:
    """The adapter for an outbox row's destination, configured from settings."""
    settings = settings or get_settings()
    if name == "file":
        return FileAdapter(settings.effective_export_dir)
    if name not in HTTP_ADAPTERS:
        raise DeliveryError(f"tujuan pengiriman {name!r} tidak dikenal", retryable=False)
    return HTTP_ADAPTERS[name](
        settings.complaint_base_url,
        settings.complaint_token.get_secret_value(),
        settings.complaint_timeout_s,
    )


__all__ = ["NAMES", "Adapter", "Delivery", "DeliveryError", "Receipt", "get_adapter"]
