"""Reading stored image findings (the JSON beside each analysed image), for pages, reports
and bundles. Kept apart from `pantau.images` so that readers do not load triage."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pantau.models import Evidence, EvidenceKind
from pantau.settings import get_settings

FINDINGS_SUFFIX = ".findings.json"
# The Indonesian names of the signs (as classifier.images.evidence.LABELS_ID words them).
SIGN_LABELS = {
    "one": "salam satu jari",
    "two": "salam dua jari",
    "v": "salam dua jari (V)",
    "three": "salam tiga jari",
    "thumbs_up": "salam jempol",
}


def findings_path(image_path: str) -> str:
    """Where the findings of the image stored at `image_path` are kept."""
    return str(Path(image_path).with_suffix("")) + FINDINGS_SUFFIX


def read_findings(row: Evidence, root: Path | None = None) -> dict[str, Any] | None:
    """The findings JSON of an image_findings row, or None if its file is unreadable."""
    base = (root or get_settings().evidence_dir).resolve()
    path = (base / row.path).resolve()
    if not path.is_relative_to(base):
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def summary(rows: Iterable[Evidence]) -> list[dict[str, Any]]:
    """Per analysed image of a post: its SHA-256, the number signs and the text read."""
    out = []
    for row in rows:
        if row.kind is not EvidenceKind.IMAGE_FINDINGS:
            continue
        found = read_findings(row)
        if found is None:
            continue
        signs = [
            f"{SIGN_LABELS[h['category']]}, {float(h.get('confidence', 0)):.2f}"
            for h in found.get("hands", [])
            if h.get("category") in SIGN_LABELS
        ]
        text = " ".join(str(w.get("text", "")) for w in found.get("words", []))
        out.append(
            {
                "image_sha256": found.get("sha256", ""),
                "findings_sha256": row.sha256,
                "signs": signs,
                "text": text[:500],
            }
        )
    return out
