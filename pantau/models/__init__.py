"""Typed SQLAlchemy 2 models for every table in DESIGN.md."""

from pantau.models.audit import AuditEvent, ModelVersion
from pantau.models.base import Base
from pantau.models.cases import Case, CaseCounter, CaseEvent, Outbox, case_posts
from pantau.models.elections import Candidate, Contest
from pantau.models.enums import (
    AsnStatus,
    CaseStatus,
    DismissReason,
    EmploymentType,
    EvidenceKind,
    OutboxStatus,
    Platform,
    PostKind,
    PostOrigin,
    ReviewStatus,
    Role,
    RunStatus,
    Verdict,
)
from pantau.models.people import Account, CivilServant, User
from pantau.models.posts import Evidence, Post, PostVersion
from pantau.models.review import Classification, Decision, ReviewItem
from pantau.models.sources import CrawlJob, CrawlRun, Quarantine, Source
from pantau.models.stats import StatsDaily

__all__ = [
    "Account",
    "AsnStatus",
    "AuditEvent",
    "Base",
    "Candidate",
    "Case",
    "CaseCounter",
    "CaseEvent",
    "CaseStatus",
    "CivilServant",
    "Classification",
    "Contest",
    "CrawlJob",
    "CrawlRun",
    "Decision",
    "DismissReason",
    "EmploymentType",
    "Evidence",
    "EvidenceKind",
    "ModelVersion",
    "Outbox",
    "OutboxStatus",
    "Platform",
    "Post",
    "PostKind",
    "PostOrigin",
    "PostVersion",
    "Quarantine",
    "ReviewItem",
    "ReviewStatus",
    "Role",
    "RunStatus",
    "Source",
    "StatsDaily",
    "User",
    "Verdict",
    "case_posts",
]
