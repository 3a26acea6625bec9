"""What a recheck pass found, shared by the crawler that does it (`pantau recheck`) and the
flow that runs it as a subprocess and reads its JSON summary back."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass
class RecheckStats:
    checked: int = 0
    unchanged: int = 0
    edited: int = 0
    deleted: int = 0
    failed: int = 0
    unsupported: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecheckStats:
        """From a summary (missing counts are 0, unknown keys are ignored)."""
        return cls(**{f.name: int(data.get(f.name, 0)) for f in fields(cls)})
