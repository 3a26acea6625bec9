"""The `-a` arguments every spider takes, validated by pydantic (as Zyte's templates do)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, field_validator, model_validator

from crawlers.sources import PLATFORM_KEYS, TARGET_KEYS


class SpiderParams(BaseModel):
    """`-a source=NAME` or targets (`-a accounts=a,b` …), plus paging options.

    Target keys are kept as given in `targets`; `crawlers.sources.validate_config` cleans
    them when the run opens, as it does for a saved source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str | None = None
    full: bool = False  # sweep whole timelines, ignoring the stored position
    page_size: PositiveInt | None = None
    max_pages: PositiveInt | None = None
    # The run a launcher (crawlers.launch) opened for this process, which claims it.
    run_id: PositiveInt | None = None
    run_label: str | None = None  # free text for logs (e.g. the Prefect flow run id)
    targets: dict[str, str] = Field(default_factory=dict)

    @field_validator("full", mode="before")
    @classmethod
    def _blank_is_false(cls, value: Any) -> Any:
        return False if value in ("", None) else value

    @model_validator(mode="after")
    def _source_or_targets(self) -> SpiderParams:
        if self.source and self.targets:
            raise ValueError("give either -a source=NAME or targets with -a, not both")
        return self

    @classmethod
    def from_args(cls, platform: str, args: dict[str, Any]) -> SpiderParams:
        """Split Scrapy's `-a` keyword arguments into options and this platform's targets."""
        own = TARGET_KEYS[platform] + PLATFORM_KEYS.get(platform, ()) + ("region_code",)
        targets = {k: str(v) for k, v in args.items() if k in own}
        params = cls(**{k: v for k, v in args.items() if k not in own}, targets=targets)
        if not params.source and not any(k in targets for k in TARGET_KEYS[platform]):
            keys = ", ".join(TARGET_KEYS[platform])
            raise ValueError(f"give -a source=NAME or at least one of -a {keys}")
        return params
