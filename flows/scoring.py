"""The active model and the election registry, loaded for scoring.

Kept as names the flows import; the one owner of each is in pantau (modelreg, classification).
"""

from __future__ import annotations

from pantau.classification import load_registry
from pantau.modelreg import BUNDLED_NOTE, active_model, ensure_active_model

__all__ = ["BUNDLED_NOTE", "active_model", "ensure_active_model", "load_registry"]
