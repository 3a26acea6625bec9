"""The spaCy pipeline: blank Indonesian, social-media tokenizer rules, lookup lemmas, stop words."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np
import spacy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from classifier.lexicon import LEMMA_OVERRIDES, stop_words

EMOJI_CLASS = "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
# Mentions and hashtags stay whole; URLs are spaCy's own url_match.
_TOKEN_MATCH = re.compile(r"^(?:@\w+|#\w+)$")


class CachedLookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer (same table, same lemmas), caching per string.

    The stock component creates a Token object per word; reading and writing whole
    columns with to_array/from_array does the same work in a fraction of the time.
    """

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cache: dict[int, int] = self.__dict__.setdefault("_lemma_cache", {})
        strings = doc.vocab.strings
        table = self.lookups.get_table("lemma_lookup")
        lemmas = []
        for orth in doc.to_array(ORTH).tolist():
            lemma = cache.get(orth)
            if lemma is None:
                text = strings[orth]
                lemma = cache[orth] = strings.add(table.get(text, text))
            lemmas.append(lemma)
        column: Any = np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], column)
        return doc


@Language.factory(
    "cached_lookup_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "lookup", "overwrite": True, "scorer": None},
)
def make_cached_lemmatizer(
    nlp: Language, model: None, name: str, mode: str, overwrite: bool, scorer: None
) -> CachedLookupLemmatizer:
    return CachedLookupLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite)


@cache
def build_nlp() -> Language:
    """One shared pipeline per process; building it costs about two seconds."""
    nlp = spacy.blank("id")
    _add_tokenizer_rules(nlp)
    lemmatizer: Any = nlp.add_pipe("cached_lookup_lemmatizer")
    nlp.initialize()
    table = lemmatizer.lookups.get_table("lemma_lookup")
    for surface, lemma in LEMMA_OVERRIDES.items():
        table[surface] = lemma
    _set_stop_words(nlp)
    return nlp


def _add_tokenizer_rules(nlp: Language) -> None:
    """Emoji split off as tokens; mentions and hashtags kept whole.

    One Tokenizer is built with every rule at once: setting the rules one by one on the
    existing tokenizer re-processes its ~16,000 Indonesian special cases each time.
    """
    defaults = nlp.Defaults
    old: Any = nlp.tokenizer
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=old.rules,
        prefix_search=compile_prefix_regex([*(defaults.prefixes or ()), EMOJI_CLASS]).search,
        suffix_search=compile_suffix_regex([*(defaults.suffixes or ()), EMOJI_CLASS]).search,
        infix_finditer=compile_infix_regex([*(defaults.infixes or ()), EMOJI_CLASS]).finditer,
        token_match=_TOKEN_MATCH.match,
        url_match=old.url_match,
    )


def _set_stop_words(nlp: Language) -> None:
    """spaCy's own Indonesian stop words minus our keep-list (`lexicon.stop_words`)."""
    ours = stop_words()
    for word in nlp.Defaults.stop_words:
        nlp.vocab[word].is_stop = word in ours
    for word in ours:
        nlp.vocab[word].is_stop = True
