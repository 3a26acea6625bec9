"""Image analysis of one post: the one owner of "read a post's pictures and apply them".

For each stored image of the post, the pure analysis (`classifier.images`: OCR and hand
signs, bytes in, findings out) runs and its findings are stored (`pantau.images`); then
the post is scored with its images, and whatever they add goes to triage through
`pantau.images.apply_image_evidence`. Which posts to analyse, and one transaction per
post, are the caller's (`flows.images`): images never hold up the scoring of text, which
triage has already done.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, joinedload

from classifier.images import ImageContext, ImageFindings, analyse_image, score_with_images
from pantau import images
from pantau.classification import load_registry, post_input
from pantau.modelreg import active_model
from pantau.models import Post


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
