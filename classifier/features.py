"""Turn a normalised doc and its matches into model inputs: abstract features and n-gram text."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from classifier.matchers import NEGATIONS, Found, RegistryIndex
from classifier.normalize import Normalized
from classifier.schema import Match

# Registry-derived features are abstract ("a registered candidate"), never a name, so the
# model carries over to registries it was not trained on.
FEATURE_NAMES = (
    "m:candidate", "m:party", "m:slogan", "m:campaign_hashtag", "m:registered_number",
    "m:number", "m:vote_call", "m:vote_call_registered", "m:negated_vote_call", "m:gesture",
    "m:reporting", "m:civic", "m:registry_given", "m:hashtags", "m:question",
)  # fmt: skip
_PLACEHOLDER = {"candidate": "_cand_", "party": "_party_", "slogan": "_slogan_", "hashtag": "_tag_"}
_KEEP_PUNCT = frozenset({"?", "!", "#"})


@dataclass
class Analysis:
    """What one post's doc yields before the model runs."""

    matches: list[Match]
    entities: list[str]
    vector: list[float]
    text: str


def analyse(
    doc: Doc,
    norm: Normalized,
    generic: tuple[Matcher, PhraseMatcher],
    index: RegistryIndex | None,
) -> Analysis:
    token_matcher, phrase_matcher = generic
    found = [Found(doc.vocab.strings[i], s, e) for i, s, e in token_matcher(doc)]
    found += [Found(doc.vocab.strings[i], s, e) for i, s, e in phrase_matcher(doc)]
    registered = index.find(doc) if index else []
    numbers = index.by_number if index else {}
    contests = {index.contest_of[e] for f in registered for e in f.entities} if index else set()
    for item in found:
        if item.kind in ("vote_call", "number"):
            digits = doc[item.end - 1].text
            if digits.isascii() and digits.isdigit():
                item.entities = _resolve_number(int(digits), numbers, contests, index)
    # A vote verb right before a candidate name is a vote call for that candidate.
    candidate_starts = {f.start: f for f in registered if f.kind == "candidate"}
    for token in doc:
        if token.lemma_ in _VOTE and any(token.i + k in candidate_starts for k in (1, 2, 3)):
            target = next(candidate_starts[token.i + k] for k in (1, 2, 3) if token.i + k in candidate_starts)
            found.append(Found("vote_call", token.i, target.end, target.entities))
    everything = sorted(found + registered, key=lambda f: (f.start, -f.end))
    matches = [_to_match(f, doc, norm) for f in everything]
    entities = sorted({e for f in everything if f.kind != "party" for e in f.entities})
    return Analysis(
        matches=matches,
        entities=entities,
        vector=_vector(doc, found, registered, index is not None),
        text=_feature_text(doc, registered),
    )


_VOTE = frozenset({"coblos", "pilih", "dukung", "menang", "contreng", "centang", "colok"})


def _resolve_number(
    number: int, numbers: dict[int, set[str]], contests: set[str], index: RegistryIndex | None
) -> frozenset[str]:
    candidates = numbers.get(number, set())
    if index and contests:
        in_context = {e for e in candidates if index.contest_of[e] in contests}
        if in_context:
            return frozenset(in_context)
    return frozenset(candidates) if len(candidates) == 1 else frozenset()


def _to_match(found: Found, doc: Doc, norm: Normalized) -> Match:
    span = doc[found.start : found.end]
    start, end = norm.span(span.start_char, span.end_char)
    entity = next(iter(found.entities)) if len(found.entities) == 1 else None
    return Match(found.kind, start, end, norm.original[start:end], entity)  # type: ignore[arg-type]


def _vector(doc: Doc, found: list[Found], registered: list[Found], has_registry: bool) -> list[float]:
    def count(items: list[Found], kind: str) -> float:
        return min(sum(1 for f in items if f.kind == kind), 3) / 3

    votes = [f for f in found if f.kind == "vote_call"]
    numbers = [f for f in found if f.kind == "number"]
    negated = any(doc[f.start - 1].lower_ in NEGATIONS for f in votes if f.start > 0) or any(
        doc[f.start - 2].lower_ in NEGATIONS for f in votes if f.start > 1
    )
    return [
        count(registered, "candidate"),
        count(registered, "party"),
        count(registered, "slogan"),
        count(registered, "hashtag"),
        float(any(f.entities for f in numbers)),
        float(bool(numbers)),
        float(bool(votes)),
        float(any(f.entities for f in votes)),
        float(negated),
        count(found, "gesture"),
        count(found, "reporting"),
        count(found, "civic"),
        float(has_registry),
        min(sum(1 for t in doc if t.text == "#"), 3) / 3,
        float(any(t.text == "?" for t in doc)),
    ]


def _feature_text(doc: Doc, registered: list[Found]) -> str:
    """Lemmas without stop words; registry spans, numbers, URLs and users as placeholders."""
    covered: dict[int, str] = {}
    skip: set[int] = set()
    for item in registered:
        covered.setdefault(item.start, _PLACEHOLDER[item.kind])
        skip.update(range(item.start + 1, item.end))
    words: list[str] = []
    for token in doc:
        i = token.i
        if i in skip and i not in covered:
            continue
        if i in covered:
            words.append(covered[i])
        elif token.is_digit:
            words.append("_num_")
        elif token.like_url:
            words.append("_url_")
        elif token.text.startswith("@"):
            words.append("_user_")
        elif token.is_punct and token.text not in _KEEP_PUNCT:
            continue
        elif not token.is_stop:
            words.append(token.lemma_ or token.lower_)
    return " ".join(words)
