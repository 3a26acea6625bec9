"""Shared fixtures: the demo registry, a tiny trained model and the bundled model."""

from __future__ import annotations

import random

import pytest

from classifier import PartisanModel, Registry, load_bundled, seed_examples, seed_registry, train


@pytest.fixture(scope="session")
def registry() -> Registry:
    return seed_registry()


@pytest.fixture(scope="session")
def tiny_model(registry: Registry) -> PartisanModel:
    """Trained in a few seconds on a slice of the invented seed corpus (no ../shared needed)."""
    rng = random.Random(7)
    seed = rng.sample(seed_examples(), 500)
    return train(seed[:400], registry, validation=seed[400:], small=True)


@pytest.fixture(scope="session")
def bundled() -> PartisanModel:
    return load_bundled()
