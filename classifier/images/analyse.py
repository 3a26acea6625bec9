"""One entry point: image bytes → findings (hands and words), never an exception."""

from __future__ import annotations

import hashlib

from classifier.images import gestures, ocr
from classifier.images.findings import ImageFindings
from classifier.images.safety import DEFAULT_MAX_BYTES, check, load_rgb


def analyse_image(
    data: bytes,
    *,
    content_type: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    read_text: bool = True,
    find_hands: bool = True,
) -> ImageFindings:
    """Check the bytes, then read text and find hands. Failures land in `error`."""
    findings = ImageFindings(sha256=hashlib.sha256(data).hexdigest())
    verdict = check(data, content_type, max_bytes)
    if not verdict.ok:
        findings.error = verdict.reason
        return findings
    try:
        image = load_rgb(data)
    except Exception as exc:
        findings.error = f"undecodable: {type(exc).__name__}"
        return findings
    findings.width, findings.height = image.size
    errors = []
    if find_hands:
        try:
            findings.hands = gestures.detect(image)
        except Exception as exc:
            errors.append(f"hands: {type(exc).__name__}: {exc}")
    if read_text:
        try:
            findings.words = ocr.read_words(image)
        except Exception as exc:
            errors.append(f"ocr: {type(exc).__name__}: {exc}")
    findings.error = "; ".join(errors)
    return findings
