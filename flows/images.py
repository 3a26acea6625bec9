"""The image stage of the nightly run: fetch images before triage, analyse them after.

* `capture_images` runs `pantau media` in a subprocess (flows start crawler code only as
  processes) between the crawls and triage.
* `analyse_images` runs after triage, on the posts where a picture can matter (see
  `pantau.images.posts_to_analyse`): each post, in its own transaction, goes through
  `pantau.image_analysis.analyse_post` (OCR and hand signs per image, findings stored,
  what they add handed to triage). One post failing is logged and skipped: images never
  hold up the scoring of text, which triage has already done.
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

from prefect import get_run_logger, task

from pantau import images
from pantau.db import session_scope
from pantau.image_analysis import ImageStats, analyse_post
from pantau.modelreg import active_model
from pantau.settings import get_settings

CAPTURE_TIMEOUT_S = 3600


# A retry is harmless: each post commits alone and analysed posts are not listed again.
# Only the listing can raise here (a post's failure is caught below), so it is a database
# hiccup that a retry gets past.
@task(retries=1, retry_delay_seconds=5)
def analyse_images(limit: int = 2000) -> ImageStats:
    """Analyse the posts where a picture can matter, one transaction per post."""
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
