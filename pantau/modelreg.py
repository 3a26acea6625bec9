"""The registry of trained models: register an artifact, find and switch the active one,
and load it (the one cache of loaded models, shared by triage, the UI and retraining)."""

from __future__ import annotations

import hashlib
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from classifier.model import PartisanModel, bundled_model_path
from pantau import audit
from pantau.models import ModelVersion, User
from pantau.settings import get_settings

BUNDLED_NOTE = "bundled model shipped with the classifier package"


class ModelRegistryError(ValueError):
    pass


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def register(
    session: Session,
    version: str,
    artifact: Path,
    *,
    metrics: dict[str, Any],
    thresholds: dict[str, float],
    data_hash: str = "",
    notes: str = "",
    activate: bool = False,
    actor: User | str | None = None,
) -> ModelVersion:
    """Record a model artifact; registering the same version twice is refused."""
    if session.scalar(select(ModelVersion.id).where(ModelVersion.version == version)):
        raise ModelRegistryError(f"model version {version!r} is already registered")
    row = ModelVersion(
        version=version,
        artifact_path=str(artifact),
        artifact_sha256=sha256_file(artifact),
        metrics=metrics,
        thresholds=thresholds,
        data_hash=data_hash,
        notes=notes,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "model.register",
        "model_version",
        version,
        {"metrics": metrics, "thresholds": thresholds},
    )
    if activate:
        set_active(session, version, actor=actor)
    return row


def save_and_register(
    session: Session,
    model: PartisanModel,
    *,
    metrics: dict[str, Any],
    notes: str,
    activate: bool,
) -> ModelVersion:
    """Save a freshly trained model under the model directory and register it, renaming
    its version (`-r2`, `-r3` …) when one of that name exists (two trainings on one day
    over the same data get the same name)."""
    taken = set(session.scalars(select(ModelVersion.version)))
    version, n = model.version, 1
    while version in taken:
        n += 1
        version = f"{model.version}-r{n}"
    model.metadata["version"] = version
    path = model.save(get_settings().effective_model_dir / f"{version}.skops")
    return register(
        session,
        version,
        path,
        metrics=metrics,
        thresholds=model.thresholds,
        data_hash=str(model.metadata.get("data_hash", "")),
        notes=notes,
        activate=activate,
    )


def set_active(session: Session, version: str, *, actor: User | str | None = None) -> ModelVersion:
    row = session.scalar(select(ModelVersion).where(ModelVersion.version == version))
    if row is None:
        raise ModelRegistryError(f"no model version {version!r}")
    previous = active(session)
    session.execute(update(ModelVersion).where(ModelVersion.id != row.id).values(active=False))
    row.active = True
    session.flush()
    audit.record(
        session,
        actor,
        "model.activate",
        "model_version",
        version,
        {"previous": previous.version if previous else None},
    )
    return row


def active(session: Session) -> ModelVersion | None:
    return session.scalar(select(ModelVersion).where(ModelVersion.active.is_(True)))


def verified_artifact(row: ModelVersion) -> Path:
    """The artifact path, after checking it is the file that was registered."""
    path = Path(row.artifact_path)
    if not path.is_file():
        raise ModelRegistryError(f"model {row.version}: artifact {path} is missing")
    if sha256_file(path) != row.artifact_sha256:
        raise ModelRegistryError(f"model {row.version}: artifact {path} does not match its SHA-256")
    return path


@lru_cache(maxsize=4)
def _load(path: str, sha256: str) -> PartisanModel:
    # Keyed by content hash too, so a re-registered file is never served stale.
    return PartisanModel.load(path)


def ensure_active_model(session: Session) -> str:
    """The active model version; on a new install, register the bundled model first, so
    every score names a registered, verified model (there is no unregistered fallback)."""
    row = active(session)
    if row is not None:
        return row.version
    bundled = _load(str(bundled_model_path()), sha256_file(bundled_model_path()))
    target = get_settings().effective_model_dir / f"{bundled.version}.skops"
    target.parent.mkdir(parents=True, exist_ok=True)
    for src, dst in (
        (bundled_model_path(), target),
        (bundled_model_path().with_suffix(".json"), target.with_suffix(".json")),
    ):
        shutil.copyfile(src, dst)
    existing = session.scalar(select(ModelVersion).where(ModelVersion.version == bundled.version))
    if existing is not None:
        return set_active(session, bundled.version).version
    return register(
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
    """The active model, loaded once per artifact and checked against its SHA-256."""
    ensure_active_model(session)
    row = active(session)
    assert row is not None
    return _load(str(verified_artifact(row)), row.artifact_sha256)
