"""The registry as plain data: read from the import CSV, campaign periods, entities."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from classifier import Registry, RegistryCandidate, seed_registry

DEMO = Path(__file__).resolve().parents[2] / "pantau" / "data" / "demo" / "candidates.csv"


def test_reads_the_import_csv() -> None:
    registry = Registry.from_csv(DEMO)
    assert len(registry.candidates) == 7
    assert {c.code for c in registry.contests} == {
        "PILWALKOT-3578-2027",
        "PILGUB-35-2027",
        "PILWALKOT-3273-2027",
    }
    hendi = next(c for c in registry.candidates if "HENDI" in c.nicknames)
    assert hendi.entity == "PILWALKOT-3578-2027#2"
    assert hendi.hashtags == ("#Hendi2", "#LanjutkanKerjaNyata", "#HendiMenang")


def test_seed_registry_starts_with_the_demo_contests() -> None:
    demo = Registry.from_csv(DEMO)
    assert seed_registry().candidates[: len(demo.candidates)] == demo.candidates


def test_campaign_period() -> None:
    registry = Registry.from_csv(DEMO)
    assert registry.in_campaign(date(2026, 12, 1))
    assert registry.in_campaign(datetime(2027, 2, 13, 23, 0), region_prefix="35.78")
    assert not registry.in_campaign(date(2027, 2, 15))  # masa tenang
    assert not registry.in_campaign(date(2026, 12, 1), region_prefix="73")


def test_registries_are_hashable_values() -> None:
    one = Registry((RegistryCandidate("X", 1, names=("A B",)),))
    two = Registry((RegistryCandidate("X", 1, names=("A B",)),))
    assert one == two and hash(one) == hash(two)
    assert one.merged(two).candidates == one.candidates * 2
