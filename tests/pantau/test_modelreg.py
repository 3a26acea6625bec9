"""Saving and registering a trained model: one owner (`pantau train` and the retrain flow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier import load_bundled
from pantau import modelreg
from pantau.models import ModelVersion
from pantau.settings import get_settings


@pytest.fixture
def model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PANTAU_MODEL_DIR", str(tmp_path / "models"))
    get_settings.cache_clear()
    yield tmp_path / "models"
    get_settings.cache_clear()


def test_a_second_model_of_the_same_name_is_saved_and_registered_under_a_new_one(
    session, model_dir
):
    first = modelreg.save_and_register(
        session, load_bundled(), metrics={"n": 1}, notes="satu", activate=False
    )
    again = load_bundled()  # same training, same name
    second = modelreg.save_and_register(
        session, again, metrics={"n": 2}, notes="dua", activate=True
    )

    assert second.version == f"{first.version}-r2" == again.version
    rows = {r.version: r for r in session.query(ModelVersion).all()}
    assert rows[first.version].metrics == {"n": 1} and not rows[first.version].active
    assert rows[second.version].active and rows[second.version].notes == "dua"
    for row in (first, second):
        path = Path(row.artifact_path)
        assert path.parent == model_dir and path.is_file()
        assert modelreg.sha256_file(path) == row.artifact_sha256
    assert modelreg.active(session).version == second.version
