"""Pantau's classifier: is a post partisan, and is its author likely a civil servant (ASN)?"""

from classifier.asn import asn_score, is_valid_nip
from classifier.corpus import Example, read_jsonl, seed_examples, seed_registry
from classifier.model import PartisanModel, bundled_model_path, load_bundled
from classifier.normalize import Normalized, Normalizer
from classifier.registry import Registry, RegistryCandidate, RegistryContest
from classifier.schema import Author, Match, PostInput, Reason, Score
from classifier.scoring import priority, score_posts
from classifier.training import evaluate, evaluate_jsonl, train

Classifier = PartisanModel

__all__ = [
    "Author",
    "Classifier",
    "Example",
    "Match",
    "Normalized",
    "Normalizer",
    "PartisanModel",
    "PostInput",
    "Reason",
    "Registry",
    "RegistryCandidate",
    "RegistryContest",
    "Score",
    "asn_score",
    "bundled_model_path",
    "evaluate",
    "evaluate_jsonl",
    "is_valid_nip",
    "load_bundled",
    "priority",
    "read_jsonl",
    "score_posts",
    "seed_examples",
    "seed_registry",
    "train",
]
