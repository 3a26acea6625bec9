"""Score a post together with what its images show.

* Text read in the images is scored with the caption by the same partisan model: the post
  is scored as "caption + blank line + image text", and every match that falls in the image
  part is reported as coming from that image, with the box of the words it covers.
* A hand sign is evidence, not a verdict. It raises the partisan score only when the number
  it shows (1, 2, 3; a thumbs-up is the "jempol" sign for 1) is the number of a pair in a
  contest that is campaigning in the post's region on the post's day. A thumbs-up in a
  holiday photo outside any campaign changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from classifier.images.findings import Box, Hand, ImageFindings, Word
from classifier.images.geometry import NUMBER
from classifier.model import PartisanModel
from classifier.registry import Registry
from classifier.schema import Match, PostInput, Score
from classifier.scoring import score_posts

# How far one sign moves the partisan score towards 1: p' = p + (1 - p) · WEIGHT · confidence.
# A clear sign (confidence 0.9) on a neutral caption lands just above the bundled model's
# threshold (0.32), so the post reaches a reviewer; a doubtful one (0.6) does not.
GESTURE_WEIGHT = 0.4
SEPARATOR = "\n\n"
LABELS_ID = {
    "one": "salam satu jari",
    "two": "salam dua jari",
    "v": "salam dua jari (V)",
    "three": "salam tiga jari",
    "thumbs_up": "salam jempol",
    "open_palm": "telapak tangan terbuka",
    "fist": "kepalan tangan",
    "none": "tangan tanpa isyarat",
}


@dataclass(frozen=True)
class ImageContext:
    """Where and when the post was made, to match signs against contests."""

    posted_at: datetime | date | None = None
    region_code: str = ""  # the post's (author's) region; "" = unknown, any region matches


@dataclass(frozen=True)
class ImageMatch:
    """A classifier match found in an image's text, with where it is in the picture."""

    match: Match
    sha256: str
    box: Box


@dataclass(frozen=True)
class GestureEvidence:
    sha256: str
    hand: Hand
    entities: tuple[str, ...]  # the pairs with that number campaigning there and then
    raise_by: float
    reason: str


@dataclass
class ImageScore:
    """The post's score with its images, plus what in the images counted."""

    score: Score
    text_score: float  # the caption's partisan score alone, for the record
    image_matches: list[ImageMatch] = field(default_factory=list)
    gestures: list[GestureEvidence] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        found = [g.reason for g in self.gestures]
        found += [
            f"teks dalam gambar: {m.match.text!r} ({m.match.kind})" for m in self.image_matches
        ]
        return found


def contest_numbers(registry: Registry, context: ImageContext) -> dict[int, list[str]]:
    """Pair numbers → entities of contests campaigning in the post's region on its day."""
    if context.posted_at is None:
        return {}
    day = context.posted_at.date() if isinstance(context.posted_at, datetime) else context.posted_at
    region = context.region_code
    live = {
        c.code
        for c in registry.contests
        if c.in_campaign(day)
        and (not region or region.startswith(c.region_code) or c.region_code.startswith(region))
    }
    numbers: dict[int, list[str]] = {}
    for candidate in registry.candidates:
        if candidate.contest_code in live:
            numbers.setdefault(candidate.number, []).append(candidate.entity)
    return numbers


def gesture_evidence(
    images: Sequence[ImageFindings], registry: Registry, context: ImageContext
) -> list[GestureEvidence]:
    """The signs that show a number campaigning here and now, strongest first."""
    numbers = contest_numbers(registry, context)
    evidence = []
    for image in images:
        for hand in image.hands:
            number = NUMBER.get(hand.category)
            if number is None or number not in numbers:
                continue
            label = LABELS_ID[hand.category]
            entities = tuple(numbers[number])
            evidence.append(
                GestureEvidence(
                    sha256=image.sha256,
                    hand=hand,
                    entities=entities,
                    raise_by=round(GESTURE_WEIGHT * hand.confidence, 4),
                    reason=f"foto: {label}, {hand.confidence:.2f} — nomor urut {number} "
                    f"({', '.join(entities)}) sedang berkampanye",
                )
            )
    return sorted(evidence, key=lambda g: -g.raise_by)


def image_text(images: Sequence[ImageFindings]) -> tuple[str, list[tuple[int, Word, str]]]:
    """All images' text joined, and each word's start offset in it with its image."""
    parts: list[str] = []
    offsets: list[tuple[int, Word, str]] = []
    position = 0
    for image in images:
        previous_line = None
        for word in image.words:
            if parts:
                gap = " " if word.line == previous_line else "\n"
                parts.append(gap)
                position += len(gap)
            offsets.append((position, word, image.sha256))
            parts.append(word.text)
            position += len(word.text)
            previous_line = word.line
    return "".join(parts), offsets


def _union(boxes: Sequence[Box]) -> Box:
    left, top = min(b.left for b in boxes), min(b.top for b in boxes)
    right = max(b.left + b.width for b in boxes)
    bottom = max(b.top + b.height for b in boxes)
    return Box(left, top, right - left, bottom - top)


def _locate(match: Match, base: int, offsets: list[tuple[int, Word, str]]) -> ImageMatch | None:
    start, end = match.start - base, match.end - base
    covered = [(w, sha) for pos, w, sha in offsets if pos < end and pos + len(w.text) > start]
    if not covered:
        return None
    sha = covered[0][1]
    return ImageMatch(match, sha, _union([w.box for w, s in covered if s == sha]))


def score_with_images(
    model: PartisanModel,
    posts: Sequence[PostInput],
    images: Sequence[Sequence[ImageFindings]],
    registry: Registry,
    contexts: Sequence[ImageContext] | None = None,
) -> list[ImageScore]:
    """Score each post with the text and signs of its images (one findings list per post)."""
    contexts = contexts or [ImageContext(p.posted_at) for p in posts]
    texts = [image_text(found) for found in images]
    joined = [
        replace(p, text=f"{p.text}{SEPARATOR}{t}" if t else p.text)
        for p, (t, _) in zip(posts, texts, strict=True)
    ]
    captions = score_posts(model, posts, registry)
    combined = score_posts(model, joined, registry)
    threshold = model.thresholds["partisan"]
    results = []
    for post, caption, score, found, (_, offsets), context in zip(
        posts, captions, combined, images, texts, contexts, strict=True
    ):
        base = len(post.text) + len(SEPARATOR)
        located = [_locate(m, base, offsets) for m in score.matches if m.start >= base]
        image_matches = [m for m in located if m is not None]
        # Matches in the caption keep their offsets; image matches are listed apart.
        score.matches = [m for m in score.matches if m.start < base]
        gestures = gesture_evidence(found, registry, context)
        partisan = score.partisan
        for g in gestures[:1]:  # the strongest sign counts; more hands add no new evidence
            partisan = partisan + (1 - partisan) * g.raise_by
            score.features = [*score.features, (f"image_sign:{g.hand.category}", g.raise_by)]
            if partisan >= threshold:
                score.supported = sorted({*score.supported, *g.entities})
        score.partisan = round(partisan, 4)
        score.flagged = partisan >= threshold and score.asn >= model.thresholds["asn"]
        if score.flagged and score.stance in (None, "none"):
            score.stance = "support"
        results.append(ImageScore(score, caption.partisan, image_matches, gestures))
    return results
