"""The active model and the election registry, loaded for scoring."""

from __future__ import annotations

import shutil
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier import PartisanModel, Registry, bundled_model_path
from pantau import modelreg
from pantau.classification import registry_rows
from pantau.models import ModelVersion
from pantau.settings import get_settings

BUNDLED_NOTE = "bundled model shipped with the classifier package"


@lru_cache(maxsize=4)
def _load(path: str, sha256: str) -> PartisanModel:
    # Keyed by content hash too, so a re-registered file is never served stale.
    return PartisanModel.load(path)


def ensure_active_model(session: Session) -> str:
    """The active model version; on a new install, register the bundled model first."""
    row = modelreg.active(session)
    if row is not None:
        return row.version
    bundled = PartisanModel.load(bundled_model_path())
    target = get_settings().effective_model_dir / f"{bundled.version}.skops"
    target.parent.mkdir(parents=True, exist_ok=True)
    for src, dst in (
        (bundled_model_path(), target),
        (bundled_model_path().with_suffix(".json"), target.with_suffix(".json")),
    ):
        shutil.copyfile(src, dst)
    existing = session.scalar(select(ModelVersion).where(ModelVersion.version == bundled.version))
    if existing is not None:
        return modelreg.set_active(session, bundled.version).version
    return modelreg.register(
        session,
        bundled.version,
        target,
        metrics=bundled.metadata.get("metrics", {}),
        thresholds=bundled.thresholds,
        data_hash=str(bundled.metadata.get("data_hash", "")),
        notes=BUNDLED_NOTE,
        activate=True,
    ).version


def active_model(session: Session) -> PartisanModel:
    ensure_active_model(session)
    row = modelreg.active(session)
    assert row is not None
    return _load(str(modelreg.verified_artifact(row)), row.artifact_sha256)


def load_registry(session: Session) -> Registry:
    return Registry.from_rows(registry_rows(session))
