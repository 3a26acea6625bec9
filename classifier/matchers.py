"""Registry and election-language matchers over normalised spaCy docs."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from classifier.lexicon import COMMON_WORDS, known_words, stop_words
from classifier.normalize import Normalizer
from classifier.phrases import PhraseTable
from classifier.registry import Registry

VOTE_LEMMAS = ["coblos", "pilih", "dukung", "menang", "contreng", "centang", "colok", "kawal"]
NUMBER_WORDS_BEFORE = ["nomor", "urut", "paslon", "pasangan", "calon", "kandidat", "no"]
NEGATIONS = frozenset({"jangan", "tidak", "bukan", "tolak", "stop", "haram", "ogah", "emoh"})
REPORTING_WORDS = [
    "bawaslu", "panwaslu", "panwascam", "panwaslih", "gakkumdu", "kasn", "bkn", "siapnet",
    "lapor", "langgar", "netralitas", "sanksi", "klarifikasi", "temuan", "aduan", "adu",
    "terlapor", "pelapor", "dkpp", "investigasi",
]  # fmt: skip
REPORTING_PHRASES = [
    "dugaan pelanggaran", "sosialisasi netralitas", "netralitas asn", "pengawasan pemilu",
    "pengawas pemilu", "lapor ke", "kode etik", "komisi aparatur sipil negara",
]  # fmt: skip
CIVIC_PHRASES = [
    "jangan golput", "gunakan hak pilih", "hak pilih", "datang ke tps", "ke tps", "pemilih cerdas",
    "tolak politik uang", "politik uang", "pilkada damai", "pemilu damai", "cek dpt",
    "suara anda menentukan", "tidak golput", "pilih sesuai hati nurani", "jangan lupa datang",
]  # fmt: skip
GESTURE_WORDS = ["jempol", "✌", "☝", "🤞", "🤟"]
# Every token-matcher pattern starts at one of these (lemmas) or ends at "jari".
FORWARD_TRIGGERS = frozenset([*VOTE_LEMMAS, *NUMBER_WORDS_BEFORE])


@dataclass
class Found:
    """One match in normalised-token coordinates."""

    kind: str
    start: int  # token index
    end: int
    entities: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class GenericMatchers:
    """Registry-independent patterns. Only multi-token patterns with optional or
    alternative tokens use the token Matcher; fixed words and phrases are looked up in
    phrase tables (lower-cased words and lemmas), which need no spaCy Doc."""

    tokens: Matcher
    phrases: PhraseTable
    lemmas: PhraseTable
    vocab: Vocab  # for the token matcher's small Docs


def generic_matcher(nlp: Language, normalizer: Normalizer) -> GenericMatchers:
    """Vote calls, numbers, gestures, reporting context and civic calls."""
    matcher = Matcher(nlp.vocab)
    digit = {"IS_DIGIT": True, "LENGTH": {"<=": 2}}
    fillers = {"LOWER": {"IN": [*NUMBER_WORDS_BEFORE, "yang", "ke"]}, "OP": "*"}
    matcher.add("vote_call", [[{"LEMMA": {"IN": VOTE_LEMMAS}}, fillers, digit]], greedy="LONGEST")
    matcher.add("number", [[{"LOWER": {"IN": NUMBER_WORDS_BEFORE}}, digit]], greedy="LONGEST")
    gesture_lead = {"LOWER": {"IN": ["salam", "pose", "acung", "acungkan", "angkat", "simbol"]}}
    matcher.add(
        "gesture",
        [
            [gesture_lead, {"IS_DIGIT": True, "LENGTH": 1}, {"LOWER": "jari"}],
            [{"IS_DIGIT": True, "LENGTH": 1}, {"LOWER": "jari"}],
        ],
        greedy="LONGEST",
    )
    phrases = PhraseTable(nlp.vocab, "LOWER")
    for label, texts in (
        ("reporting", REPORTING_PHRASES),
        ("civic", CIVIC_PHRASES),
        ("gesture", GESTURE_WORDS),
    ):
        phrases.add(label, [nlp.make_doc(normalizer(t).text) for t in texts])
    lemmas = PhraseTable(nlp.vocab, "LEMMA")
    lemmas.add("reporting", list(nlp.pipe(REPORTING_WORDS)))
    return GenericMatchers(matcher, phrases, lemmas, nlp.vocab)


class RegistryIndex:
    """Phrase patterns for every candidate, party, slogan and hashtag in a registry."""

    def __init__(self, nlp: Language, registry: Registry, normalizer: Normalizer) -> None:
        self.registry = registry
        self.by_number: dict[int, set[str]] = defaultdict(set)
        self.contest_of: dict[str, str] = {}
        self._labels: dict[str, tuple[str, frozenset[str]]] = {}
        self.matcher = PhraseTable(nlp.vocab, "LOWER")
        phrases: dict[tuple[str, str], set[str]] = defaultdict(set)
        misspelt: dict[str, set[str]] = defaultdict(set)
        acronyms = {n.lower() for c in registry.candidates for n in c.nicknames if n.isupper()}
        for cand in registry.candidates:
            self.by_number[cand.number].add(cand.entity)
            self.contest_of[cand.entity] = cand.contest_code
            for name in (*cand.names, *cand.nicknames, *_distinct_name_parts(cand.names)):
                phrases["candidate", normalizer(name).text].add(cand.entity)
            for word in _distinct_name_parts((*cand.names, *cand.nicknames)):
                for typo in typos(word.lower()):
                    misspelt[typo].add(cand.entity)
            for party in cand.parties:
                phrases["party", normalizer(party).text].add(cand.entity)
                bare = party.lower().removeprefix("partai ").strip()
                if bare != party.lower() and " " in bare:
                    phrases["party", normalizer(bare).text].add(cand.entity)
                # "PDI-P" is mostly written "PDIP": the acronym without its punctuation.
                joined = re.sub(r"[-.]", "", bare)
                if joined != bare and " " not in joined and len(joined) >= 3:
                    phrases["party", normalizer(joined).text].add(cand.entity)
            for slogan in cand.slogans:
                phrases["slogan", normalizer(slogan).text].add(cand.entity)
            for tag in cand.hashtags:
                phrases["hashtag", normalizer("#" + tag.lstrip("#")).text].add(cand.entity)
        ordinary = ordinary_words(nlp)
        for typo, entities in misspelt.items():
            # An exact name wins over a typo of another; a typo that is a word is no name.
            if ("candidate", typo) not in phrases and typo not in ordinary:
                phrases["candidate", typo] = entities
        # Acronyms that spell a word ("HEWAN", "ASRI"): names only when capitalised.
        self.cased = frozenset(a for a in acronyms if a in ordinary)
        for index, ((kind, text), entities) in enumerate(sorted(phrases.items())):
            if not text.strip():
                continue
            label = f"{kind}:{index}"
            # A party backs several candidates: its match names no single one of them.
            self._labels[label] = (kind, frozenset(entities) if kind != "party" else frozenset())
            self.matcher.add(label, [nlp.make_doc(text)])

    def find(self, lowered: list[str]) -> list[Found]:
        """Registry phrases in a post's lower-cased words."""
        found = []
        for label, start, end in self.matcher.find(lowered):
            kind, entities = self._labels[label]
            found.append(Found(kind, start, end, entities))
        return _longest(found)


def _longest(found: list[Found]) -> list[Found]:
    """Drop a match inside a longer one of the same kind ("Hendrik" in "Cak Hendrik")."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if not any(
            k.kind == item.kind and k.start <= item.start and item.end <= k.end for k in kept
        ):
            kept.append(item)
    return kept


TYPO_MIN_LENGTH = 5


def ordinary_words(nlp: Language) -> frozenset[str]:
    """Indonesian words: the lemmas of spaCy's lookup table plus the lexicon's words."""
    global _ORDINARY
    if _ORDINARY is None:
        lemmatizer: Any = nlp.get_pipe("cached_lookup_lemmatizer")
        table = lemmatizer.lookups.get_table("lemma_lookup")
        _ORDINARY = frozenset(str(v) for v in table.values()) | known_words()
    return _ORDINARY


_ORDINARY: frozenset[str] | None = None


def typos(word: str) -> set[str]:
    """One dropped or swapped inner letter ("Hendi" → "hedi", "hnedi"): names are mistyped
    in real posts, and a misspelt name is still the candidate. Short names and variants
    that are common words are left out."""
    if len(word) < TYPO_MIN_LENGTH or not word.isalpha():
        return set()
    variants = {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)}
    variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 1)}
    return variants - {word} - known_words() - COMMON_WORDS


def _distinct_name_parts(names: Iterable[str]) -> list[str]:
    """Single name words distinctive enough to match alone ("Sasongko", not "Sri")."""
    common = stop_words() | COMMON_WORDS
    return [
        part
        for name in names
        for part in name.split()
        if len(part) >= 4 and part.lower() not in common
    ]
