"""Training, thresholds, evaluation and the skops round trip, on a tiny model."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio

from classifier import (
    Author,
    Example,
    PartisanModel,
    PostInput,
    Registry,
    evaluate,
    evaluate_jsonl,
    score_posts,
    seed_examples,
)
from classifier.fitting import REAL_WEIGHT, group_folds, sample_weights, threshold_for
from classifier.training import TARGET_RECALL

POSTS = [
    PostInput("Ayo coblos nomor 2, Cak Hendrik pasti menang! #Hendi2", Author(bio="PNS Dinas")),
    PostInput("Bawaslu menerima laporan dugaan pelanggaran netralitas ASN", Author(bio="guru")),
    PostInput("Macet parah di bundaran, udah setengah jam", Author()),
]


def test_round_trip_through_skops_keeps_every_score(
    tiny_model: PartisanModel, registry: Registry, tmp_path: Path
) -> None:
    path = tiny_model.save(tmp_path / "m.skops")
    loaded = PartisanModel.load(path)
    before = [s.to_dict() for s in score_posts(tiny_model, POSTS, registry)]
    after = [s.to_dict() for s in score_posts(loaded, POSTS, registry)]
    assert before == after
    assert loaded.thresholds == tiny_model.thresholds
    assert loaded.version == tiny_model.version


def test_artifact_is_skops_with_a_metadata_file(tiny_model: PartisanModel, tmp_path: Path) -> None:
    path = tiny_model.save(tmp_path / "m.skops")
    assert path.read_bytes()[:2] == b"PK"  # a skops zip, not a pickle
    meta = json.loads(path.with_suffix(".json").read_text())
    for key in (
        "version",
        "data_hash",
        "thresholds",
        "created",
        "sklearn_version",
        "spacy_version",
    ):
        assert key in meta
    assert set(meta["thresholds"]) == {"partisan", "asn"}


def test_load_refuses_unexpected_types(tiny_model: PartisanModel, tmp_path: Path) -> None:
    path = tiny_model.save(tmp_path / "m.skops")  # keeps its metadata file
    sio.dump({"clf": Path("x")}, path)  # a type outside sklearn, numpy and scipy
    with pytest.raises(ValueError, match="unexpected types"):
        PartisanModel.load(path)


def test_thresholds_are_honoured(tiny_model: PartisanModel, registry: Registry) -> None:
    post = POSTS[0]
    model = replace(tiny_model, thresholds={"partisan": 0.0, "asn": 0.0})
    assert score_posts(model, [post], registry)[0].flagged
    model = replace(tiny_model, thresholds={"partisan": 1.01, "asn": 0.0})
    assert not score_posts(model, [post], registry)[0].flagged
    model = replace(tiny_model, thresholds={"partisan": 0.0, "asn": 1.01})
    assert not score_posts(model, [post], registry)[0].flagged


def test_flag_needs_both_scores(tiny_model: PartisanModel, registry: Registry) -> None:
    model = replace(tiny_model, thresholds={"partisan": 0.0, "asn": 0.5})
    anonymous = PostInput(POSTS[0].text, Author())
    linked = PostInput(POSTS[0].text, Author(registry_linked=True))
    flagged = [s.flagged for s in score_posts(model, [anonymous, linked], registry)]
    assert flagged == [False, True]


def test_threshold_is_chosen_on_phrasings_its_model_never_saw(tiny_model: PartisanModel) -> None:
    # The tiny model (see conftest) has 100 validation posts and grouped training posts.
    data = tiny_model.metadata["threshold_data"]
    assert data["validation"] == 100
    assert data["out_of_fold"] > 100


def test_threshold_for_reaches_the_target_recall() -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 500)
    scores = np.clip(labels * 0.3 + rng.random(500) * 0.7, 0, 1)
    threshold = threshold_for(labels, scores, TARGET_RECALL)
    recall = ((scores >= threshold) & (labels == 1)).sum() / labels.sum()
    assert recall >= TARGET_RECALL
    assert threshold_for(np.zeros(3), np.array([0.1, 0.2, 0.3]), TARGET_RECALL) == 0.5


def test_threshold_for_takes_the_best_precision_at_the_target_recall() -> None:
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 2, 400)
    scores = np.clip(labels * 0.35 + rng.random(400) * 0.65, 0, 1)
    chosen = threshold_for(labels, scores, 0.85)

    def precision_recall(t: float) -> tuple[float, float]:
        flagged = scores >= t
        tp = (flagged & (labels == 1)).sum()
        return tp / flagged.sum(), tp / labels.sum()

    reaching = [precision_recall(t)[0] for t in np.unique(scores) if precision_recall(t)[1] >= 0.85]
    assert precision_recall(chosen)[0] == pytest.approx(max(reaching), abs=1e-6)


def test_calibration_folds_hold_out_whole_phrasing_groups() -> None:
    examples = seed_examples()[:600] + [Example(f"real {i}", 0, group="real") for i in range(50)]
    folds = group_folds(examples, 5)
    assert isinstance(folds, list) and len(folds) == 5
    for train_rows, test_rows in folds:
        trained = {examples[i].group for i in train_rows if examples[i].group != "real"}
        held = {examples[i].group for i in test_rows if examples[i].group != "real"}
        assert held and not trained & held
        assert any(examples[i].group == "real" for i in test_rows)  # real posts spread out
    assert sorted(i for _, test in folds for i in test) == list(range(len(examples)))


def test_calibration_folds_without_groups_are_plain_folds() -> None:
    assert group_folds([Example(f"post {i}", i % 2) for i in range(100)], 5) == 5


def test_written_and_real_negatives_weigh_apart() -> None:
    examples = [Example("a", 1, group="g1")] * 10 + [Example("b", 0, group="g2")] * 5
    examples += [Example("c", 0, group="real")] * 100
    weights = sample_weights(examples)
    totals = [weights[:10].sum(), weights[10:15].sum(), weights[15:].sum()]
    assert totals[0] == pytest.approx(totals[1])
    assert totals[2] == pytest.approx(totals[0] * REAL_WEIGHT)


def test_evaluate_reports_the_confusion_matrix(
    tiny_model: PartisanModel, registry: Registry
) -> None:
    examples = [Example(p.text, label) for p, label in zip(POSTS, (1, 0, 0), strict=True)]
    metrics = evaluate(tiny_model, examples, registry)
    confusion = metrics["confusion"]
    assert sum(confusion.values()) == 3
    assert confusion["tp"] + confusion["fn"] == 1
    for key in ("precision", "recall", "f1", "pr_auc", "recall_at_p80", "threshold", "flag_rate"):
        assert key in metrics


def test_evaluate_jsonl_reads_plain_lines(tiny_model: PartisanModel, tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    lines = [
        {"text": "coblos nomor 1 ya, BARET menang", "partisan": 1},
        {"text": "jadwal debat paslon malam ini", "partisan": 0, "author": {"bio": "jurnalis"}},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    metrics = evaluate_jsonl(tiny_model, path)
    assert metrics["n"] == 2
    assert metrics["positives"] == 1


def test_features_explain_with_names(tiny_model: PartisanModel, registry: Registry) -> None:
    [score] = score_posts(tiny_model, [POSTS[0]], registry)
    assert score.features
    names = [name for name, _ in score.features]
    assert all(name.split(":", 1)[0] in {"w", "c", "m", "s"} for name in names)
    weights = [weight for _, weight in score.features]
    assert weights == sorted(weights, reverse=True)
    assert all(weight > 0 for weight in weights)
