"""The image stage of the nightly run: fetch images before triage, analyse them after.

* `capture_images` runs `pantau media` in a subprocess (flows start crawler code only as
  processes) between the crawls and triage.
* `analyse_images` runs after triage, on the posts where a picture can matter (see
  `pantau.images.posts_to_analyse`): OCR and hand signs per image, findings stored, then
  the post is scored with its images and whatever they add goes to triage through
  `pantau.triage.apply_evidence`. One post failing is logged and skipped: images never
  hold up the scoring of text, which triage has already done.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any

from prefect import flow, get_run_logger, task
from sqlalchemy.orm import Session, joinedload

from classifier.images import ImageContext, ImageFindings, analyse_image, score_with_images
from pantau import images
from pantau.classification import load_registry, post_input
from pantau.db import session_scope
from pantau.modelreg import active_model
from pantau.models import Post
from pantau.settings import get_settings

CAPTURE_TIMEOUT_S = 3600


@dataclass
class ImageStats:
    posts: int = 0
    images: int = 0
    hands: int = 0
    words: int = 0
    raised: int = 0  # posts whose partisan score the images raised
    queued: int = 0
    failed: int = 0


def analyse_post(session: Session, post_id: int, stats: ImageStats) -> None:
    """Analyse one post's images, store the findings, and apply what they support."""
    post = session.get(Post, post_id, options=[joinedload(Post.account)])
    if post is None:
        return
    found: list[ImageFindings] = []
    for row in images.image_rows(session, post_id):
        findings = analyse_image(images.read_image(row))
        images.save_findings(session, row, findings.to_dict())
        found.append(findings)
        stats.images += 1
        stats.hands += len(findings.hands)
        stats.words += len(findings.words)
    model, registry = active_model(session), load_registry(session)
    context = ImageContext(post.posted_at, post.region_code or "")
    [result] = score_with_images(model, [post_input(post)], [found], registry, [context])
    if not result.image_matches and not result.gestures:
        return
    matches = [(m.match.kind, m.match.text, m.match.entity) for m in result.image_matches]
    for sign in result.gestures[:1]:
        matches += [("gesture", sign.reason, entity) for entity in sign.entities]
    outcome = images.apply_image_evidence(
        session, post_id, result.score.partisan, matches, result.reasons
    )
    stats.raised += int(result.score.partisan > result.text_score)
    stats.queued += int(outcome.queued)


@task
def analyse_images(limit: int = 2000) -> ImageStats:
    stats = ImageStats()
    logger = get_run_logger()
    with session_scope() as session:
        threshold = active_model(session).thresholds["asn"]
        post_ids = images.posts_to_analyse(session, threshold, limit)
    for post_id in post_ids:
        try:
            with session_scope() as session:  # one transaction per post
                analyse_post(session, post_id, stats)
            stats.posts += 1
        except Exception:  # one bad post never stops the stage
            stats.failed += 1
            logger.exception("image analysis of post %s failed", post_id)
    logger.info("images: %s", stats)
    return stats


@task
def capture_images() -> str:
    """`pantau media` in its own process; its last line (the counts) is returned."""
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "media"],
        capture_output=True,
        text=True,
        timeout=CAPTURE_TIMEOUT_S,
        check=False,
    )
    lines = (done.stdout or done.stderr).strip().splitlines()
    summary = lines[-1] if lines else f"exit {done.returncode}"
    if done.returncode != 0:
        get_run_logger().warning("image capture failed: %s", done.stderr[-500:])
    return summary


@flow(name="images")
def images_flow(limit: int = 2000) -> ImageStats:
    """Capture then analyse (for a manual run; the nightly flow calls the two tasks)."""
    if get_settings().images_enabled:
        capture_images()
        return analyse_images(limit)
    return ImageStats()


def before_triage(durations: dict[str, float]) -> None:
    """The nightly run's capture step (a no-op when `images_enabled` is off)."""
    if get_settings().images_enabled:
        _timed(durations, "images_capture", capture_images)


def after_triage(durations: dict[str, float]) -> None:
    """The nightly run's analysis step; a failure is logged, never fails the night."""
    if get_settings().images_enabled:
        _timed(durations, "images", analyse_images)


def _timed(durations: dict[str, float], phase: str, step: Any) -> None:
    start = time.perf_counter()
    try:
        step()
    except Exception:  # images never hold up the rest of the night
        get_run_logger().exception("image step %s failed", phase)
    durations[phase] = round(time.perf_counter() - start, 3)
