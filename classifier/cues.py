"""Abstract cue features: who speaks, to whom, in what register, about which kind of contest.

They name no candidate and no template, so they carry over to phrasings the n-grams never
saw: "first person + a registered contestant" is support whether told as a story, a
reply or a prayer; "reporting verbs + a contestant" is news whoever is named.
"""

from __future__ import annotations

from collections.abc import Iterable

from classifier.lexicon import (
    ATTACK_CUES,
    ATTACK_PHRASES,
    CALL_WORDS,
    ELECTION_WORDS,
    FIRST_PERSON,
    NEUTRAL_WORDS,
    NEWS_WORDS,
    OTHER_CONTEST_WORDS,
    SUPPORT_CUES,
    SUPPORT_PHRASES,
    TARGET_WORDS,
)

CUE_FEATURES = (
    "m:target", "m:support_cue", "m:attack_cue", "m:support_cue_with_target",
    "m:attack_cue_with_target",
)  # fmt: skip
CONTEXT_FEATURES = (
    "m:first_person_with_target", "m:call_with_target", "m:news", "m:news_with_target",
    "m:question_without_cue", "m:other_contest", "m:election_words", "m:tag_names_contestant",
    "m:short_with_target", "m:gesture_with_target", "m:no_election_context", "m:neutral_words",
    "m:bare_mention",
)  # fmt: skip
SHORT_POST = 6  # content words: "BARET gaspol 🔥", "setuju, no 2!"

# Word classes, counted in one pass: a word (or its lemma) may belong to several.
_CLASSES = (
    SUPPORT_CUES, ATTACK_CUES, NEWS_WORDS, ELECTION_WORDS, FIRST_PERSON, CALL_WORDS,
    OTHER_CONTEST_WORDS, NEUTRAL_WORDS,
)  # fmt: skip
SUPPORT, ATTACK, NEWS, ELECTION, FIRST, CALL, OTHER, NEUTRAL = range(len(_CLASSES))


def word_classes(word: str, lemma: str) -> tuple[int, ...]:
    """The classes (SUPPORT, ATTACK, ...) a word or its lemma belongs to."""
    return tuple(i for i, c in enumerate(_CLASSES) if word in c or lemma in c)


def class_counts(classes: Iterable[tuple[int, ...]], text: str) -> list[int]:
    """How many words of each class the post has, phrases included; `classes` holds each
    word's `word_classes` and `text` is the words joined by spaces."""
    counts = [0] * len(_CLASSES)
    for indexes in classes:
        for index in indexes:
            counts[index] += 1
    counts[SUPPORT] += sum(1 for p in SUPPORT_PHRASES if p in text)
    counts[ATTACK] += sum(1 for p in ATTACK_PHRASES if p in text)
    return counts


def cue_features(words: list[str], counts: list[int], has_target: bool) -> list[float]:
    """Support and attack vocabulary, alone and together with a contestant to aim at."""
    target = has_target or not TARGET_WORDS.isdisjoint(words)
    support, attack = min(counts[SUPPORT], 3) / 3, min(counts[ATTACK], 3) / 3
    return [
        float(target),
        support,
        attack,
        support if target else 0.0,
        attack if target else 0.0,
    ]


def context_features(
    words: list[str],
    counts: list[int],
    contestant: bool,
    tagged_contestant: bool,
    gestures: int,
    cues: list[float],
) -> list[float]:
    """Speaker, call, news, question, other-contest and length cues (see CONTEXT_FEATURES).

    `contestant`: a registered candidate, slogan, campaign hashtag, number or vote call.
    """
    target = cues[0] > 0
    news = min(counts[NEWS], 3) / 3
    content = sum(1 for w in words if w.isalnum())
    first_person, call = counts[FIRST] > 0, counts[CALL] > 0
    no_cue = cues[1] == 0 and cues[2] == 0
    exclaimed = gestures or "!" in words or "#" in words
    return [
        float(first_person and contestant),
        float(call and contestant),
        news,
        news if target else 0.0,
        float("?" in words and target and no_cue),
        min(counts[OTHER], 2) / 2,
        min(counts[ELECTION], 3) / 3,
        float(tagged_contestant),
        float(contestant and content <= SHORT_POST),
        float(gestures > 0 and target),
        float(not target and counts[ELECTION] == 0),
        min(counts[NEUTRAL], 2) / 2,
        # A contestant named with nothing for or against them: how news and questions read.
        float(
            contestant
            and no_cue
            and not (first_person or call or exclaimed)
            and content > SHORT_POST
        ),
    ]
