"""The default destination: the evidence bundle written to a folder for manual upload."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from complaints.adapters.base import Adapter, Delivery, DeliveryError, Receipt
from complaints.bundle import bundle_file_name
from pantau.timeutil import utcnow


class FileAdapter(Adapter):
    name = "file"
    wants_bundle = True

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def deliver(self, delivery: Delivery) -> Receipt:
        if delivery.bundle is None:
            raise DeliveryError("bundel bukti tidak dibuat", retryable=False)
        digest = hashlib.sha256(delivery.bundle).hexdigest()
        target = self.directory / bundle_file_name(delivery.case_number)
        duplicate = target.exists() and _sha256(target) == digest
        if not duplicate:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                # Write aside, then rename: a crash never leaves half a bundle in the folder.
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                tmp.write_bytes(delivery.bundle)
                os.replace(tmp, target)
            except OSError as exc:
                raise DeliveryError(f"bundel tidak dapat ditulis ke {target}: {exc}") from None
        return Receipt(
            receipt_id=f"file:{digest[:16]}",
            received_at=utcnow().isoformat(),
            duplicate=duplicate,
            raw={"path": str(target), "sha256": digest, "size": len(delivery.bundle)},
        )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
