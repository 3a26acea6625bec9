"""The closed vocabularies of the data model."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Platform(StrEnum):
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    TELEGRAM = "telegram"
    RSS = "rss"
    X = "x"
    YOUTUBE = "youtube"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    OTHER = "other"


class AsnStatus(StrEnum):
    UNKNOWN = "unknown"
    SUSPECTED = "suspected"
    CONFIRMED = "confirmed"
    NOT_ASN = "not_asn"


class PostKind(StrEnum):
    POST = "post"
    REPLY = "reply"
    REPOST = "repost"
    COMMENT = "comment"


class PostOrigin(StrEnum):
    CRAWL = "crawl"
    PUBLIC_REPORT = "public_report"  # "laporan masyarakat"
    IMPORT = "import"


class EvidenceKind(StrEnum):
    WARC = "warc"
    RAW_JSON = "raw_json"
    SCREENSHOT = "screenshot"
    # Photos as evidence: an image file stored once by SHA-256 (images/<ab>/<sha>.<ext>), and
    # a refused one kept apart with its reason beside it (quarantine/<sha>.bin + .json).
    IMAGE = "image"
    IMAGE_QUARANTINE = "image_quarantine"
    # What analysis found in one image (hands, words, boxes): JSON beside the image file.
    IMAGE_FINDINGS = "image_findings"


class RunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    KILLED = "killed"


class ReviewStatus(StrEnum):
    QUEUED = "queued"
    CLAIMED = "claimed"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    ESCALATED = "escalated"


class Verdict(StrEnum):
    CONFIRM = "confirm"
    DISMISS = "dismiss"
    ESCALATE = "escalate"
    # Corrections: they take a decision back rather than decide (stored as VARCHAR, no
    # migration needed). Statistics skip them.
    UNDO = "undo"  # the reviewer took their own decision back within the undo window
    REOPEN = "reopen"  # a supervisor returned a decided item to the queue, with a reason


class DismissReason(StrEnum):
    NOT_PARTISAN = "not_partisan"
    NOT_ASN = "not_asn"
    DUPLICATE = "duplicate"
    OTHER = "other"


class EmploymentType(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class CaseStatus(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    RETURNED = "returned"
    APPROVED = "approved"
    EXPORTED = "exported"
    ACKNOWLEDGED = "acknowledged"
    RECOMMENDATION_ISSUED = "recommendation_issued"
    SANCTIONED = "sanctioned"
    CLOSED = "closed"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
