"""retrain: learn from the analysts' decisions, and promote only a model that is not worse.

Labels: a confirmation is partisan (1), a dismissal as "not partisan" is not (0). Other
dismissals (not ASN, duplicate, other) say nothing about the text, so they are left out.
One item in five is held back from training, deterministically, to compare the new model
with the active one on decisions neither has seen.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from prefect import flow, get_run_logger, task
from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier import Author, Example, PartisanModel, Registry, evaluate, seed_examples
from classifier.corpus import seed_registry
from classifier.realtrain import train_available
from pantau import audit, modelreg
from pantau.classification import load_registry
from pantau.db import session_scope
from pantau.modelreg import active_model
from pantau.models import Decision, DismissReason, Post, ReviewItem, Verdict
from pantau.settings import get_settings

HOLD_BACK_ONE_IN = 5
MIN_HELD_BACK = 20  # fewer held-back decisions than this: compare on the seed corpus


@dataclass
class RetrainResult:
    candidate: str
    active: str
    promoted: bool
    compared_on: str
    candidate_f1: float | None
    active_f1: float | None
    train_decisions: int
    held_back_decisions: int
    trained_on: list[str]


def held_back(item_id: int) -> bool:
    digest = hashlib.sha256(f"review-item-{item_id}".encode()).digest()
    return digest[0] % HOLD_BACK_ONE_IN == 0


def decision_examples(session: Session) -> tuple[list[Example], list[Example]]:
    """(train, held back) examples from each item's latest confirm or not-partisan dismissal."""
    latest: dict[int, tuple[Decision, Post]] = {}
    rows = session.execute(
        select(Decision, Post)
        .join(ReviewItem, ReviewItem.id == Decision.review_item_id)
        .join(Post, Post.id == ReviewItem.post_id)
        .order_by(Decision.id)
    )
    for decision, post in rows.tuples():
        latest[decision.review_item_id] = (decision, post)
    train_part: list[Example] = []
    held: list[Example] = []
    for item_id, (decision, post) in latest.items():
        label = _label(decision)
        if label is None:
            continue
        example = Example(
            text=post.text,
            partisan=label,
            source="decision",
            id=f"item-{item_id}",
            author=Author(bio=post.account.bio),
        )
        (held if held_back(item_id) else train_part).append(example)
    return train_part, held


def _label(decision: Decision) -> int | None:
    if decision.verdict is Verdict.CONFIRM:
        return 1
    if (
        decision.verdict is Verdict.DISMISS
        and decision.dismiss_reason is DismissReason.NOT_PARTISAN
    ):
        return 0
    return None


def _f1(metrics: dict[str, Any]) -> float | None:
    value = metrics.get("f1")
    return None if value is None else float(value)


def _not_worse(candidate: float | None, current: float | None) -> bool:
    return candidate is not None and (current is None or candidate >= current)


@task
def fit_candidate(
    decisions: list[Example], registry: Registry, small: bool
) -> tuple[PartisanModel, list[str]]:
    """Train on the decisions and whatever datasets `datasets_dir` holds; names the data."""
    model, used = train_available(get_settings().datasets_dir, decisions, registry, small=small)
    get_run_logger().info("retrain: training on %s", ", ".join(used) or "nothing")
    return model, used


def _compare(
    candidate: PartisanModel,
    current: PartisanModel,
    held: list[Example],
    db_registry: Registry,
    max_seed: int | None,
) -> tuple[str, dict, dict]:
    labels = {e.partisan for e in held}
    if len(held) >= MIN_HELD_BACK and labels == {0, 1}:
        return (
            "held-back decisions",
            evaluate(candidate, held, db_registry),
            evaluate(current, held, db_registry),
        )
    # Too few held-back decisions: the invented seed corpus, which neither model trains
    # on when labelled real posts are found.
    seed, registry = seed_examples()[:max_seed], seed_registry()
    return (
        "invented seed corpus",
        evaluate(candidate, seed, registry),
        evaluate(current, seed, registry),
    )


@flow(name="retrain")
def retrain(max_seed: int | None = 1000, small: bool = False) -> RetrainResult:
    """Train a candidate, compare it with the active model, promote it if not worse."""
    with session_scope() as session:
        current = active_model(session)
        db_registry = load_registry(session)
        decisions, held = decision_examples(session)
    candidate, used = fit_candidate(decisions, db_registry, small)
    basis, new_metrics, old_metrics = _compare(candidate, current, held, db_registry, max_seed)
    promoted = _not_worse(_f1(new_metrics), _f1(old_metrics))
    with session_scope() as session:
        metrics = {
            "compared_on": basis,
            "candidate": new_metrics,
            "active": old_metrics,
            "active_version": current.version,
            "train_decisions": len(decisions),
            "held_back_decisions": len(held),
            "trained_on": used,
        }
        row = modelreg.save_and_register(
            session,
            candidate,
            metrics=metrics,
            notes="retrained on " + ", ".join(used),
            activate=promoted,
        )
        version = row.version
        audit.record(
            session,
            None,
            "model.retrain",
            "model_version",
            version,
            {"promoted": promoted, **metrics},
        )
    get_run_logger().info(
        "retrain: %s %s (F1 %s vs %s on %s)",
        version,
        "promoted" if promoted else "kept as candidate",
        _f1(new_metrics),
        _f1(old_metrics),
        basis,
    )
    return RetrainResult(
        version,
        current.version,
        promoted,
        basis,
        _f1(new_metrics),
        _f1(old_metrics),
        len(decisions),
        len(held),
        used,
    )
