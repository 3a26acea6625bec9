"""The spaCy pipeline: blank Indonesian, social-media tokenizer rules, lookup lemmas, stop words."""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from classifier.lexicon import LEMMA_OVERRIDES, stop_words

EMOJI_CLASS = "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
# Mentions, hashtags and URLs stay whole even when punctuation is glued to them.
_TOKEN_MATCH = re.compile(r"^(?:@\w+|#\w+|(?:https?://|www\.)\S+)$")


@cache
def build_nlp() -> Language:
    """One shared pipeline per process; building it costs about two seconds."""
    nlp = spacy.blank("id")
    _add_tokenizer_rules(nlp)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    table = lemmatizer.lookups.get_table("lemma_lookup")
    for surface, lemma in LEMMA_OVERRIDES.items():
        table[surface] = lemma
    _set_stop_words(nlp)
    return nlp


def _add_tokenizer_rules(nlp: Language) -> None:
    defaults = nlp.Defaults
    prefixes = [*list(defaults.prefixes or ()), EMOJI_CLASS]
    suffixes = [*list(defaults.suffixes or ()), EMOJI_CLASS]
    infixes = [*list(defaults.infixes or ()), EMOJI_CLASS]
    tokenizer = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search  # type: ignore[attr-defined]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[attr-defined]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[attr-defined]
    tokenizer.token_match = _TOKEN_MATCH.match  # type: ignore[attr-defined]


def _set_stop_words(nlp: Language) -> None:
    """Replace spaCy's Indonesian stop words with the vendored list (minus our keep-list)."""
    ours = stop_words()
    for word in nlp.Defaults.stop_words:
        nlp.vocab[word].is_stop = word in ours
    for word in ours:
        nlp.vocab[word].is_stop = True
