"""Where the real data comes from: the datasets directory setting, its loaders, and a clear
message when ../shared is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import DATASETS, requires

from classifier import datasets
from classifier.datasets import DatasetsMissing, near_duplicate_groups
from pantau.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def test_datasets_dir_defaults_to_shared_beside_the_checkout(monkeypatch) -> None:
    monkeypatch.delenv("PANTAU_DATASETS_DIR", raising=False)
    assert Settings().datasets_dir == REPO.parent / "shared" / "datasets"
    monkeypatch.setenv("PANTAU_DATASETS_DIR", "/srv/data/sets")
    assert Settings().datasets_dir == Path("/srv/data/sets")
    assert datasets.default_root() == Path("/srv/data/sets")


def test_a_missing_directory_says_what_to_set(tmp_path) -> None:
    with pytest.raises(DatasetsMissing, match="PANTAU_DATASETS_DIR"):
        datasets.partisan_real(tmp_path / "nowhere")
    assert datasets.available(tmp_path) == []


def test_near_duplicates_share_a_group() -> None:
    texts = [
        "Ketua TKN Klaim Visi Misi Sejalan dengan Harapan Buruh https://t.co/URL #A",
        "@user Ketua TKN Klaim Visi Misi Sejalan dengan Harapan Buruh https://t.co/URL #B #C",
        "Macet parah di bundaran, udah setengah jam nggak gerak",
    ]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] != groups[2]


def test_everyday_posts_exclude_labelled_ones(tmp_path) -> None:
    (tmp_path / "indonlu-smsa").mkdir()
    (tmp_path / "indonlu-smsa" / "train_preprocess.tsv").write_text(
        "warung ini enak sekali\tpositive\npilih nomor satu saja\tpositive\n", encoding="utf-8"
    )
    (tmp_path / "indonlu-smsa" / "valid_preprocess.tsv").write_text(
        "warung ini enak sekali\tpositive\nhujan deras sore ini\tneutral\n", encoding="utf-8"
    )
    (tmp_path / "partisan-real-id").mkdir()
    (tmp_path / "partisan-real-id" / "posts.jsonl").write_text(
        '{"id": "X-1", "source": "smsa-train", "text": "Pilih nomor satu saja!", '
        '"partisan": 1, "stance": "support"}\n',
        encoding="utf-8",
    )
    train, valid = datasets.everyday(tmp_path)
    assert [e.text for e in train] == ["warung ini enak sekali"]
    assert [e.text for e in valid] == ["hujan deras sore ini"]  # overlap with train dropped
    hashes = datasets.file_hashes(tmp_path, ["indonlu-smsa"])
    assert set(hashes) == {"indonlu-smsa/train_preprocess.tsv"}  # what training reads


@requires("datasets", "partisan-real-id")
def test_the_real_labelled_posts_load_with_their_groups() -> None:
    examples = datasets.partisan_real(DATASETS)
    assert len(examples) > 1500
    assert {e.source for e in examples} >= {"pilpres2024", "smsa-train"}
    assert len({e.group for e in examples}) < len(examples)  # some near-duplicates
    assert {e.stance for e in examples if e.partisan} <= {"support", "attack"}
