"""Plain data that goes into and comes out of the classifier."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

MatchKind = Literal[
    "candidate",
    "party",
    "number",
    "vote_call",
    "gesture",
    "hashtag",
    "slogan",
    "reporting",
    "civic",
]
Stance = Literal["support", "attack", "none"]


@dataclass(frozen=True)
class Author:
    """What is known about the account that wrote a post."""

    handle: str = ""
    display_name: str = ""
    bio: str = ""
    registry_linked: bool = False
    not_asn: bool = False
    followers: int | None = None


@dataclass(frozen=True)
class PostInput:
    """One post to score."""

    text: str
    author: Author = field(default_factory=Author)
    posted_at: datetime | None = None
    kind: str = "post"


@dataclass(frozen=True)
class Match:
    """A span of the original text that a matcher recognised."""

    kind: MatchKind
    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(frozen=True)
class Reason:
    """One piece of evidence that the author is a civil servant."""

    kind: str
    text: str
    weight: float


@dataclass
class Score:
    """Everything the classifier says about one post."""

    partisan: float
    asn: float
    flagged: bool
    matches: list[Match] = field(default_factory=list)
    features: list[tuple[str, float]] = field(default_factory=list)
    asn_reasons: list[Reason] = field(default_factory=list)
    supported: list[str] = field(default_factory=list)
    stance: Stance | None = None
    model_version: str = ""
    # How sure the stance model is of `stance` (support or attack), in [0.5, 1]; None when
    # the post is not partisan or the model has no stance part.
    stance_probability: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; tuples become lists."""
        data = asdict(self)
        data["features"] = [[name, weight] for name, weight in self.features]
        return data
