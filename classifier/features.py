"""Turn a normalised doc and its matches into model inputs: abstract features and n-gram text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.lookups import Table
from spacy.tokens import Doc

from classifier.cues import (
    CONTEXT_FEATURES,
    CUE_FEATURES,
    class_counts,
    context_features,
    cue_features,
    word_classes,
)
from classifier.lexicon import stop_words
from classifier.matchers import (
    FORWARD_TRIGGERS,
    NEGATIONS,
    VOTE_LEMMAS,
    Found,
    GenericMatchers,
    RegistryIndex,
)
from classifier.normalize import Normalized
from classifier.schema import Match
from classifier.style import STYLE_FEATURES, style_features

# Registry-derived features are abstract ("a registered candidate"), never a name, so the
# model carries over to registries it was not trained on.
FEATURE_NAMES = (
    "m:candidate", "m:several_contestants", "m:party", "m:slogan", "m:campaign_hashtag",
    "m:registered_number", "m:vote_call", "m:vote_call_registered",
    "m:negated_vote_call", "m:gesture",
    "m:reporting", "m:civic", "m:registry_given", "m:question",
    *CUE_FEATURES, *CONTEXT_FEATURES, *STYLE_FEATURES,
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
    norm: Normalized,
    lemma_table: Table,
    generic: GenericMatchers,
    index: RegistryIndex | None,
) -> Analysis:
    words = norm.text.split(" ") if norm.text else []
    lemmas, classes, tokens = _word_facts(words, lemma_table)
    # Phrase patterns match the lower-cased form (the LOWER attribute of a spaCy token).
    lowered = norm.text.lower().split(" ") if words else []
    found = [Found(*m) for m in generic.phrases.find(lowered)]
    found += [Found(*m) for m in generic.lemmas.find(lemmas)]
    found += _token_matches(generic, words, lemmas)
    registered = [f for f in index.find(lowered) if _named(f, words, norm, index)] if index else []
    numbers = index.by_number if index else {}
    contests = {index.contest_of[e] for f in registered for e in f.entities} if index else set()
    found = [f for f in found if not _score_or_share(f, words)]
    for item in found:
        if item.kind in ("vote_call", "number"):
            digits = words[item.end - 1]
            if digits.isascii() and digits.isdigit():
                item.entities = _resolve_number(int(digits), numbers, contests, index)
    found += _vote_for_candidate(lemmas, registered)
    everything = sorted(found + registered, key=lambda f: (f.start, -f.end))
    return Analysis(
        matches=[_to_match(f, norm) for f in everything],
        entities=sorted({e for f in everything if f.kind != "party" for e in f.entities}),
        vector=_vector(words, class_counts(classes, norm.text), found, registered, index)
        + style_features(norm.original),
        text=_feature_text(words, tokens, registered, found),
    )


_AFTER_A_SCORE = frozenset({"persen", "%", "poin", "gol", "set"})


def _score_or_share(found: Found, words: list[str]) -> bool:
    """ "menang 2-1" and "menang 60 persen" are a score and a share, not a vote call."""
    if found.kind not in ("vote_call", "number") or found.end >= len(words):
        return False
    after = words[found.end]
    return after in _AFTER_A_SCORE or (after.isascii() and after.isdigit())


def _named(found: Found, words: list[str], norm: Normalized, index: RegistryIndex) -> bool:
    """A one-word name that is also an ordinary word counts only when written capitalised
    ("HEWAN menang", not "hewan peliharaan")."""
    if found.kind != "candidate" or found.end - found.start != 1:
        return True
    if words[found.start] not in index.cased:
        return True
    start, _ = norm.words_span(found.start, found.end)
    return norm.original[start : start + 1].isupper()


# word → (lemma, cue classes, n-gram token): each depends on the word alone, and words
# repeat far more than posts do.
_WORD_FACTS: dict[str, tuple[str, tuple[int, ...], str]] = {}


def _word_facts(
    words: list[str], table: Table
) -> tuple[list[str], list[tuple[int, ...]], list[str]]:
    """Per word: its lemma, its `cues.word_classes` and its `_feature_token`."""
    known = _WORD_FACTS.get
    facts = [known(word) or _learn_word(word, table) for word in words]
    return [f[0] for f in facts], [f[1] for f in facts], [f[2] for f in facts]


def _learn_word(word: str, table: Table) -> tuple[str, tuple[int, ...], str]:
    # The lemma pipeline.CachedLookupLemmatizer gives, read from its table directly.
    lemma = str(table.get(word, word))
    facts = (lemma, word_classes(word, lemma), _feature_token(word, lemma))
    if len(_WORD_FACTS) < 500_000:
        _WORD_FACTS[word] = facts
    return facts


def _token_matches(generic: GenericMatchers, words: list[str], lemmas: list[str]) -> list[Found]:
    """Run the (Python-level, slower) token matcher only on windows around trigger words,
    each a small Doc of the window's words and lemmas."""
    no_trigger = FORWARD_TRIGGERS.isdisjoint(lemmas) and FORWARD_TRIGGERS.isdisjoint(words)
    if no_trigger and "jari" not in words:
        return []  # most posts: no window, and these checks run in C
    windows: list[list[int]] = []
    for i, (word, lemma) in enumerate(zip(words, lemmas, strict=True)):
        if lemma in FORWARD_TRIGGERS or word in FORWARD_TRIGGERS:
            begin, end = i, i + 7  # a verb, up to five fillers, the number
        elif word == "jari":
            begin, end = max(i - 2, 0), i + 1  # "salam 2 jari"
        else:
            continue
        if windows and begin <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([begin, end])
    if not windows:
        return []
    vocab, matcher = generic.vocab, generic.tokens
    strings = vocab.strings
    found: dict[tuple[str, int, int], Found] = {}
    for begin, end in windows:
        part = words[begin:end]
        if not any(word.isdigit() for word in part):
            continue  # every pattern needs a digit (spaCy's IS_DIGIT is str.isdigit)
        window = Doc(vocab, words=part, lemmas=lemmas[begin:end])
        for match_id, start, stop in matcher(window):
            key = (strings[match_id], begin + start, begin + stop)
            found.setdefault(key, Found(*key))
    return list(found.values())


def _vote_for_candidate(lemmas: list[str], registered: list[Found]) -> list[Found]:
    """A vote verb up to three tokens before a candidate name is a call to vote for them."""
    starts = {f.start: f for f in registered if f.kind == "candidate"}
    if not starts:
        return []
    calls = []
    for i, lemma in enumerate(lemmas):
        if lemma in VOTE_LEMMAS:
            target = next((starts[i + k] for k in (1, 2, 3) if i + k in starts), None)
            if target:
                calls.append(Found("vote_call", i, target.end, target.entities))
    return calls


def _resolve_number(
    number: int, numbers: dict[int, set[str]], contests: set[str], index: RegistryIndex | None
) -> frozenset[str]:
    candidates = numbers.get(number, set())
    if index and contests:
        in_context = {e for e in candidates if index.contest_of[e] in contests}
        if in_context:
            return frozenset(in_context)
    return frozenset(candidates) if len(candidates) == 1 else frozenset()


def _to_match(found: Found, norm: Normalized) -> Match:
    start, end = norm.words_span(found.start, found.end)
    entity = next(iter(found.entities)) if len(found.entities) == 1 else None
    return Match(found.kind, start, end, norm.original[start:end], entity)  # type: ignore[arg-type]


def _vector(
    words: list[str],
    counts: list[int],
    found: list[Found],
    registered: list[Found],
    index: RegistryIndex | None,
) -> list[float]:
    generic = Counter(f.kind for f in found)
    registry = Counter(f.kind for f in registered)

    def count(counts: Counter[str], kind: str) -> float:
        return min(counts[kind], 3) / 3

    votes = [f for f in found if f.kind == "vote_call"]
    numbers = [f for f in found if f.kind == "number"]
    contestants = {e for f in registered if f.kind in ("candidate", "hashtag") for e in f.entities}
    negated = any(w in NEGATIONS for f in votes for w in words[max(f.start - 2, 0) : f.start])
    contestant = bool(registered or votes or any(f.entities for f in numbers))
    cues = cue_features(words, counts, bool(registered or numbers or votes))
    tagged = any(
        f.kind == "candidate" and f.start and words[f.start - 1] == "#" for f in registered
    )
    return [
        float(any(f.kind == "candidate" for f in registered)),
        float(len(contestants) >= 2),  # lists of every pair are news, not support
        count(registry, "party"),
        count(registry, "slogan"),
        count(registry, "hashtag"),
        float(any(f.entities for f in numbers)),
        float(bool(votes)),
        float(any(f.entities for f in votes)),
        float(negated),
        count(generic, "gesture"),
        count(generic, "reporting"),
        count(generic, "civic"),
        float(index is not None),
        float("?" in words),
        *cues,
        *context_features(words, counts, contestant, tagged, generic["gesture"], cues),
    ]


def _feature_token(word: str, lemma: str) -> str:
    """What one word contributes to the n-gram text ("" for nothing)."""
    if word.isdigit():
        return "_num_"
    if word.startswith(("http", "www.")):
        return "_url_"
    if word.startswith("@"):
        return "_user_"
    if word in stop_words() or (len(word) == 1 and not word.isalnum() and word not in _KEEP_PUNCT):
        return ""
    return lemma or word


def _feature_text(
    words: list[str], tokens: list[str], registered: list[Found], found: list[Found]
) -> str:
    """Lemmas without stop words; typed slots for registry spans (`_cand_`, `_party_`, …)
    and registered pair numbers (`_pairnum_`); other numbers, URLs and users as
    placeholders. The model learns the words around a slot, never a name."""
    features = list(tokens)
    for item in found:
        if item.kind in ("vote_call", "number") and item.entities:
            last = item.end - 1
            if words[last].isascii() and words[last].isdigit():
                features[last] = "_pairnum_"
    for item in sorted(registered, key=lambda f: (f.start, -f.end)):
        if features[item.start] != "\0":
            features[item.start] = _PLACEHOLDER[item.kind]
            for i in range(item.start + 1, item.end):
                features[i] = "\0"
    return " ".join(f for f in features if f and f != "\0")
