"""Settings from the environment, secrets kept out of reprs, and the taxonomy's codes."""

from __future__ import annotations

from pantau.settings import Settings
from pantau.taxonomy import get_taxonomy


def test_env_prefix_and_secret_masking(monkeypatch, tmp_path):
    monkeypatch.setenv("PANTAU_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PANTAU_X_BEARER_TOKEN", "sangat-rahasia")
    settings = Settings()
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'pantau.db'}"
    assert settings.timezone == "Asia/Jakarta"
    assert settings.x_bearer_token.get_secret_value() == "sangat-rahasia"
    assert "sangat-rahasia" not in repr(settings) and "sangat-rahasia" not in str(
        settings.model_dump()
    )


def test_taxonomy_codes_are_unique_and_social_media_acts_are_marked():
    tax = get_taxonomy()
    codes = [v.code for v in tax.violations]
    assert len(codes) == len(set(codes))
    assert {"NTR-02", "NTR-04", "NTR-06"} <= {v.code for v in tax.social_media_violations()}
    assert [p.group for p in tax.position_categories][:3] == ["JPT"] * 3
    assert tax.position_category("jpt_pratama").label == "JPT Pratama"
    assert set(tax.employment_types) == {"PNS", "PPPK"}
    assert "NTR-02" in tax.legal_basis(["NTR-02"])
