"""The registry of trained models: register an artifact, find and switch the active one."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import ModelVersion, User


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
