"""The SKB 2/2022 prohibited acts, position categories and employment types as stable codes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml


@dataclass(frozen=True)
class Violation:
    code: str
    label: str
    social_media: bool


@dataclass(frozen=True)
class PositionCategory:
    code: str
    label: str
    group: str  # what the receiving body counts: JPT, Administrator, Pengawas, ...


@dataclass(frozen=True)
class Taxonomy:
    source: str
    legal_basis_common: str
    violations: tuple[Violation, ...]
    position_categories: tuple[PositionCategory, ...]
    employment_types: dict[str, str]
    dismiss_reasons: dict[str, str]

    def violation(self, code: str) -> Violation:
        for v in self.violations:
            if v.code == code:
                return v
        raise KeyError(f"unknown violation code {code!r}")

    def social_media_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.social_media)

    def position_category(self, code_or_label: str) -> PositionCategory:
        """Accept the code ("JPT_PRATAMA") or the label ("JPT Pratama"), any case."""
        wanted = " ".join(code_or_label.replace("_", " ").split()).casefold()
        for p in self.position_categories:
            if wanted in (p.code.replace("_", " ").casefold(), p.label.casefold()):
                return p
        raise KeyError(f"unknown position category {code_or_label!r}")

    def legal_basis(self, codes: list[str]) -> str:
        labels = "; ".join(f"{c}: {self.violation(c).label}" for c in codes)
        return f"{self.legal_basis_common}\nPerbuatan yang dilarang: {labels}."


def _parse(raw: dict[str, Any]) -> Taxonomy:
    return Taxonomy(
        source=raw["source"],
        legal_basis_common=raw["legal_basis_common"],
        violations=tuple(
            Violation(v["code"], v["label"], bool(v["social_media"])) for v in raw["violations"]
        ),
        position_categories=tuple(
            PositionCategory(p["code"], p["label"], p["group"]) for p in raw["position_categories"]
        ),
        employment_types={e["code"]: e["label"] for e in raw["employment_types"]},
        dismiss_reasons={d["code"]: d["label"] for d in raw["dismiss_reasons"]},
    )


@lru_cache
def get_taxonomy() -> Taxonomy:
    text = (files("pantau") / "data" / "taxonomy.yaml").read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text))
